/**
 * Layout-free extraction for documents without a template (invoices, packing lists, bills of
 * lading, unknown forms): "label: value" pairs (value after the label on the same line, in the
 * next column, or in the lines below it) found with a synonym table of labels in English,
 * Korean and Chinese; and a line-item table reader (header found by column labels, rows by
 * y-clustering, cells by x-gaps).
 */
import type { FieldKey, FormType, LineItem } from '../../contract/fields.ts';
import {
  type DateOrder, findDates, findHsCodes, normaliseCurrency, normaliseDate, normaliseHs, normaliseId, normaliseIncoterm, normaliseNumber,
  normaliseParty, normaliseText, normaliseWeight, type Normalised, type NumberConvention, parseNumberToken, unitOf, withoutQuoteSpecks,
} from './normalise.ts';
import { groupLines, joinTokens, key, type Line, makeLine, median, type Token, tokensBox } from './text.ts';
import { amended, type Reading } from './template.ts';
import { misreadFigures } from './counts.ts';

export type Role =
  | 'invoiceNo' | 'invoiceDate' | 'seller' | 'buyer' | 'currency' | 'incoterms' | 'totalAmount' | 'totalQuantity'
  | 'grossWeight' | 'reference' | 'departureDate' | 'other';

/** Label synonyms (English, Korean, Chinese). Roles 'other' are labels that must not be read as a field's. */
export const LABEL_SYNONYMS: Record<Role, string[]> = {
  invoiceNo: ['Invoice No', 'Invoice Number', 'Inv. No', 'Invoice #', 'No. of Invoice', 'Invoice No. & Date', 'Invoice ID', 'Tax Invoice No', 'Rechnungsnummer', 'Rechnung Nr', 'Factuurnummer', 'Numéro de facture', 'N° de facture', 'Facture N°', '송장번호', '인보이스 번호', '인보이스번호', '发票号码', '发票号', '發票號碼', '发票编号'],
  invoiceDate: ['Invoice Date', 'Date of Invoice', 'Date', 'Dated', 'Rechnungsdatum', 'Factuurdatum', 'Date de facture', 'Invoice Date (Date of Supply)', '일자', '송장일자', '발행일', '日期', '发票日期', '開票日期'],
  seller: ['Seller', 'Shipper / Exporter', 'Shipper/Exporter', 'Exporter', 'Seller / Exporter', 'Shipper', 'Sold By', 'Vendor', 'Supplier', 'Consignor', '수출자', '판매자', '송하인', '卖方', '出口商', '发货人', '托运人'],
  buyer: ['Buyer', 'Consignee', 'Sold To', 'Buyer / Consignee', 'Messrs', 'Bill To', 'Importer', '수입자', '구매자', '수하인', '买方', '收货人', '进口商'],
  currency: ['Currency', '통화', '币种', '货币', '幣別'],
  incoterms: ['Terms of Delivery', 'Price Terms', 'Price Term', 'Trade Terms', 'Incoterms', 'Delivery Terms', 'Terms of Price', '인도조건', '가격조건', '价格条款', '贸易术语', '交货条件'],
  totalAmount: ['Total Amount', 'Grand Total', 'Invoice Total', 'Total Value', 'Amount Due', 'Total Due', 'Total Invoice Value', 'Total Amount Due', 'Balance Due', 'Gesamtbetrag', 'Rechnungsbetrag', 'Totaal', 'Total TTC', 'Montant total', '총액', '총금액', '합계금액', '总金额', '合计金额', '总价'],
  totalQuantity: ['Total Quantity', 'Total Qty', "Total Q'ty", '총수량', '总数量', '合计数量'],
  grossWeight: ['Total Gross Weight', 'Gross Weight', 'G.W.', 'GW', 'Gross Wt', '총중량', '毛重', '总毛重'],
  reference: ['B/L No', 'B/L Number', 'Bill of Lading No', 'Waybill No', 'B/L 번호', '선하증권번호', '提单号', '提单号码'],
  departureDate: ['Shipped on Board', 'On Board Date', 'Shipped on Board Date', 'Date of Shipment', 'Shipment Date', 'Departure Date', 'Date of Departure', 'Sailing Date', 'ETD', '선적일', '출항일', '装船日期', '开航日期'],
  other: [
    'Net Weight', 'N.W.', 'Total Net Weight', 'Port of Loading', 'Port of Discharge', 'Port of Destination', 'Vessel', 'Vessel / Voyage',
    'Carrier', 'Payment Terms', 'Terms of Payment', 'Notify Party', 'Place of Receipt', 'Place of Delivery', 'Total Packages',
    'No. of Packages', 'Measurement', 'Place and Date of Issue', 'L/C No', 'Purchase Order No', 'P.O. No', 'Tel', 'Fax', 'E-mail',
    'Ocean Vessel / Voy. No.', 'Pre-carriage by', 'Number of Original B(s)/L', 'Shipping Marks', 'Marks and Numbers', 'Country of Origin',
    'Authorized Signature', 'Remarks', 'Packages', 'Say', '선적항', '도착항', '선박명', '결제조건', '순중량', '포장수', '装运港', '目的港', '船名',
    '付款方式', '净重', '件数',
  ],
};

/** Which field each role fills, per form. */
export const ROLE_FIELDS: Partial<Record<FormType, Partial<Record<Role, FieldKey>>>> = {
  commercial_invoice: {
    invoiceNo: 'invoice_no', invoiceDate: 'invoice_date', seller: 'seller', buyer: 'buyer', currency: 'currency', incoterms: 'incoterms',
    totalAmount: 'total_amount', totalQuantity: 'total_quantity', grossWeight: 'gross_weight',
  },
  packing_list: { invoiceNo: 'invoice_no', invoiceDate: 'invoice_date', seller: 'seller', buyer: 'buyer', totalQuantity: 'total_quantity', grossWeight: 'gross_weight' },
  bill_of_lading: { reference: 'reference_no', seller: 'exporter', buyer: 'consignee', departureDate: 'departure_date', grossWeight: 'gross_weight_quantity' },
};

const PARTY_ROLES = new Set<Role>(['seller', 'buyer']);
/** Contact lines inside an address block ("TEL: …") belong to the party, though they look like labels. */
const CONTACT = /^(TEL|PHONE|FAX|E-?MAIL|MOBILE|H\.?P\.?)\b/i;

interface Syn {
  role: Role;
  key: string;
}
let synList: Syn[] | undefined;
const synonyms = () =>
  (synList ??= (Object.entries(LABEL_SYNONYMS) as [Role, string[]][])
    .flatMap(([role, list]) => list.map((s) => ({ role, key: key(s) })))
    .filter((s) => s.key.length > 0)
    .sort((a, b) => b.key.length - a.key.length));

interface LabelHit {
  role: Role;
  /** Tokens consumed by the label(s). */
  end: number;
  sim: number;
}

/** The longest label at the start of `tokens` (bilingual labels "송장번호 Invoice No.:" consumed whole). */
export function labelAt(tokens: Token[], from = 0): LabelHit | null {
  let best: LabelHit | null = null;
  let acc = '';
  const keys = tokens.map((t) => key(t.text));
  for (let j = from; j < Math.min(tokens.length, from + 6); j++) {
    acc += keys[j]!;
    if (!acc) continue;
    for (const s of synonyms()) {
      if (Math.abs(s.key.length - acc.length) > Math.max(1, Math.floor(s.key.length * 0.2))) continue;
      let sim = s.key === acc ? 1 : s.key.length >= 6 ? 1 - lev(s.key, acc) / Math.max(s.key.length, acc.length) : 0;
      // The first letter lost at a box edge or under a rule ("eller:"): the label, read a little less surely.
      if (sim < 0.84 && s.key.length >= 6 && acc === s.key.slice(1) && j === from) sim = 0.84;
      if (sim >= 0.84 && (!best || j + 1 > best.end || (j + 1 === best.end && sim > best.sim))) best = { role: s.role, end: j + 1, sim };
    }
  }
  if (!best) return null;
  // A second label of the same meaning right after (bilingual), and a lone ':' token.
  const again = best.end < tokens.length ? labelAt(tokens, best.end) : null;
  if (again && again.role === best.role) best = { ...best, end: again.end };
  while (best.end < tokens.length && /^[:：.\-]+$/.test(tokens[best.end]!.text)) best = { ...best, end: best.end + 1 };
  return best;
}

function lev(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = cur;
  }
  return prev[b.length]!;
}

const stripColon = (toks: Token[]) => {
  const out = [...toks];
  if (out[0] && /^[:：]/.test(out[0].text)) {
    const rest = out[0].text.replace(/^[:：]+/, '');
    if (rest) out[0] = { ...out[0], text: rest };
    else out.shift();
  }
  return out;
};

// ---------------------------------------------------------------------------
// Tables

type Col = 'no' | 'desc' | 'hs' | 'qty' | 'unit' | 'price' | 'amount' | 'pkg' | 'nw' | 'gw' | 'meas' | 'marks';
const COLUMN_SYNONYMS: Record<Col, string[]> = {
  no: ['No.', 'No', 'Item', 'S/N', 'Line', 'Item No', '번호', '序号'],
  desc: ['Description of Goods', 'Description', 'Commodity', 'Goods Description', 'Goods', '품명', '품목', '货物描述', '品名', '货物名称'],
  hs: ['HS Code', 'H.S. No.', 'H.S. Code', 'HS', 'HS No', 'Tariff No', 'HS编码', '세번', 'HS부호'],
  qty: ['Quantity', 'Qty', "Q'ty", 'Quantities', '数量', '수량'],
  unit: ['Unit', 'UOM', 'U/M', '单位', '단위'],
  price: ['Unit Price', 'Price', 'U/Price', 'Unit Value', '单价', '단가'],
  amount: ['Amount', 'Total Amount', 'Value', 'Total Value', 'Line Total', '金额', '금액'],
  pkg: ['Packages', 'CTNS', 'No. of Pkgs', 'Pkgs', 'Cartons', '件数', '포장'],
  nw: ['N.W.', 'N.W. (KG)', 'Net Weight', '净重', '순중량'],
  gw: ['G.W.', 'G.W. (KG)', 'Gross Weight', '毛重', '총중량'],
  meas: ['Meas.', 'Meas. (CBM)', 'Measurement', 'CBM', '体积'],
  marks: ['Marks & Nos', 'Marks', 'Shipping Marks', 'Marks and Numbers'],
};
const colSyns = (Object.entries(COLUMN_SYNONYMS) as [Col, string[]][])
  .flatMap(([col, list]) => list.map((s) => ({ col, key: key(s) })))
  .sort((a, b) => b.key.length - a.key.length);

interface Header {
  line: Line;
  cols: { col: Col; cx: number; x0: number; x1: number }[];
}

function headerOf(line: Line): Header | null {
  const cols: Header['cols'] = [];
  const toks = line.tokens;
  for (let i = 0; i < toks.length; ) {
    // The longest exact label from here; failing that, a near miss (OCR) of one or two words.
    let hit: { col: Col; end: number } | null = null;
    let acc = '';
    for (let j = i; j < Math.min(toks.length, i + 4); j++) {
      acc += key(toks[j]!.text);
      const s = colSyns.find((c) => c.key === acc);
      if (s && (!hit || j + 1 > hit.end)) hit = { col: s.col, end: j + 1 };
    }
    if (!hit) {
      acc = '';
      for (let j = i; j < Math.min(toks.length, i + 2) && !hit; j++) {
        acc += key(toks[j]!.text);
        // Longer headings tolerate more misread characters ("GGroxs Welght").
        const s = colSyns.find((c) => {
          if (c.key.length < 5 || Math.abs(c.key.length - acc.length) > (c.key.length >= 10 ? 2 : 1)) return false;
          return 1 - lev(c.key, acc) / Math.max(c.key.length, acc.length) >= (c.key.length >= 10 ? 0.72 : 0.8);
        });
        if (s) hit = { col: s.col, end: j + 1 };
      }
    }
    if (hit) {
      const span = toks.slice(i, hit.end);
      const x0 = span[0]!.cx - span[0]!.tw / 2, x1 = span[span.length - 1]!.cx + span[span.length - 1]!.tw / 2;
      if (!cols.some((c) => c.col === hit!.col)) cols.push({ col: hit.col, cx: (x0 + x1) / 2, x0, x1 });
      i = hit.end;
    } else i++;
  }
  const roles = new Set(cols.map((c) => c.col));
  const ok = cols.length >= 3 && (roles.has('desc') || roles.has('qty')) && (roles.has('qty') || roles.has('amount') || roles.has('gw'));
  return ok ? { line, cols } : null;
}

/** A row line cut into cells at gaps, each cell given to the nearest header column. */
function cells(line: Line, header: Header): Map<Col, Token[]> {
  const out = new Map<Col, Token[]>();
  const h = Math.max(1, line.h);
  let cur: Token[] = [];
  const groups: Token[][] = [];
  const hsCol = header.cols.some((c) => c.col === 'hs');
  for (const t of line.tokens) {
    const prev = cur[cur.length - 1];
    // An HS code starts its own cell however close it sits to the description.
    const hsLike = hsCol && /^\d{4}(\.?\d{2})(\.?\d{2,4})?$/.test(t.text) && prev && !/^\d{4}(\.?\d{2})/.test(prev.text);
    if (prev && (hsLike || t.cx - t.tw / 2 - (prev.cx + prev.tw / 2) > h * 0.6)) {
      groups.push(cur);
      cur = [];
    }
    cur.push(t);
  }
  if (cur.length) groups.push(cur);
  // A short number right after words ("GRADE 1", "ART. NO. 4410") ends the description, unless
  // it is shaped like an HS code and the table has an HS column.
  const hasHs = hsCol;
  for (let i = 1; i < groups.length; i++) {
    const prev = groups[i - 1]!, g = groups[i]!;
    const gap = g[0]!.cx - g[0]!.tw / 2 - (prev[prev.length - 1]!.cx + prev[prev.length - 1]!.tw / 2);
    const text = joinTokens(g);
    if (gap < h * 1.1 && !looksNumeric(joinTokens(prev)) && looksNumeric(text) && !(hasHs && /^\d{4}\.?\d{2}/.test(text)) && g.length === 1 && text.replace(/\D/g, '').length <= 4 && !/[.,]/.test(text)) {
      groups.splice(i - 1, 2, [...prev, ...g]);
      i--;
    }
  }
  for (const g of groups) {
    const x0 = g[0]!.cx - g[0]!.tw / 2, x1 = g[g.length - 1]!.cx + g[g.length - 1]!.tw / 2;
    const cx = (x0 + x1) / 2;
    // The column whose heading overlaps the cell most; else the nearest heading.
    let best = header.cols[0]!;
    let bestScore = -Infinity;
    for (const c of header.cols) {
      const overlap = Math.min(x1, c.x1) - Math.max(x0, c.x0);
      const score = overlap > 0 ? overlap / h : -Math.abs(cx - c.cx) / h;
      if (score > bestScore) (best = c), (bestScore = score);
    }
    // Words without a digit are not numbers: in a numeric column they are description (or unit).
    let col = best.col;
    if (NUMERIC_COLS.has(col) && !looksNumeric(joinTokens(g))) {
      const unitCol = header.cols.find((c) => c.col === 'unit');
      const descCol = header.cols.find((c) => c.col === 'desc');
      if (unitCol && Math.abs(cx - unitCol.cx) < h * 4) col = 'unit';
      else if (descCol && (col === 'no' || col === 'hs' || cx < descCol.x1 + h * 12)) col = 'desc';
    }
    out.set(col, [...(out.get(col) ?? []), ...g]);
  }
  return out;
}

/** A cell holding a number (with a currency or unit at most), not words with digits ("HX-240"). */
const looksNumeric = (text: string) =>
  /^[\s$€¥₩£(]*[-+]?\d[\d.,\s]*%?\)?$/.test(
    text.replace(/\b(USD|US\$|EUR|RMB|CNY|KRW|JPY|SGD|AUD|GBP|HKD|S\$|A\$|PCS|PC|UNITS?|SETS?|KGS?|PAIRS|MTRS?|ROLLS|CTNS|CARTONS|M3|CBM|LBS)\b/gi, '').trim(),
  );
const NUMERIC_COLS = new Set<Col>(['no', 'hs', 'qty', 'price', 'amount', 'pkg', 'nw', 'gw', 'meas']);
const TOTAL_ROW = /^(TOTAL|SUB-?TOTAL|GRAND|SAY|합계|총계|合计|总计|共计)/i;

export interface TableResult {
  items: LineItem[];
  header: Header | null;
  totals: Map<Col, Token[]>;
  /** Lines that belong to the table (header and item rows), excluded from label search. */
  used: Set<Line>;
  /** Gross-weight cells of the item rows (bills of lading print the weight only there). */
  rowWeights: Token[][];
}

/** Median height of the words on a page: the size of body text, whatever the headings' size. */
export function bodyHeight(lines: Line[]): number {
  return Math.max(1, median(lines.flatMap((l) => l.tokens.map((t) => t.th))));
}

export function readTable(lines: Line[], ctx: { convention: NumberConvention | null }): TableResult {
  const used = new Set<Line>();
  let header: Header | null = null;
  let hi = -1;
  for (let i = 0; i < lines.length; i++) {
    const h = headerOf(lines[i]!);
    if (h && (!header || h.cols.length > header.cols.length)) {
      header = h;
      hi = i;
    }
  }
  const totals = new Map<Col, Token[]>();
  if (!header) return { items: [], header: null, totals, used, rowWeights: [] };
  const rowWeights: Token[][] = [];
  used.add(header.line);
  const items: (LineItem & { _desc: string[] })[] = [];
  const num = (toks: Token[] | undefined) => {
    if (!toks?.length) return null;
    const t = toks.map((x) => x.text).join(' ');
    const m = /[-+]?\d[\d.,]*/.exec(t.replace(/\s+(?=\d{3}\b)/g, ''));
    return m ? parseNumberToken(m[0], ctx.convention)?.value ?? null : null;
  };
  let lastY = header.line.cy;
  const h = header.line.h;
  // Headings are often set smaller than the rows: distances are measured in body-text heights.
  const step = Math.max(h, bodyHeight(lines));
  for (let i = hi + 1; i < lines.length; i++) {
    const line = lines[i]!;
    // The first row may sit further below a ruled (or two-line) heading than rows sit apart.
    if (line.cy - lastY > step * (items.length ? 5 : 7)) break;
    // A continuation of the header (wrapped labels like "Unit Price" / "(USD)").
    if (i === hi + 1 && line.cy - header.line.cy < h * 1.6 && !/\d{2}/.test(line.text)) {
      used.add(line);
      continue;
    }
    if (TOTAL_ROW.test(line.text.trim())) {
      for (const [c, t] of cells(line, header)) totals.set(c, t);
      break;
    }
    if (labelAt(line.tokens) && !/\d/.test(line.tokens[0]?.text ?? '')) break;
    const c = cells(line, header);
    const numeric = ['qty', 'amount', 'price', 'gw', 'nw'].some((k) => c.get(k as Col)?.some((t) => /\d/.test(t.text)));
    const descText = c.get('desc') ? joinTokens(c.get('desc')!) : '';
    if (numeric) {
      const qtyToks = c.get('qty');
      let unit = c.get('unit') ? joinTokens(c.get('unit')!) : null;
      if (!unit && qtyToks) unit = qtyToks.map((t) => t.text).find((t) => /^[A-Za-z]{2,6}\.?$/.test(t)) ?? null;
      const hsCell = c.get('hs');
      const hsText = hsCell ? (hsCell.find((t) => /^\d{4}\.?\d{2}/.test(t.text))?.text ?? joinTokens(hsCell)) : findHsCodes(descText)[0]?.value ?? '';
      items.push({
        _desc: descText ? [descText] : [],
        description: '',
        hsCode: hsText ? normaliseHs(hsText).value : null,
        quantity: num(qtyToks),
        unit: unit ? unit.toUpperCase().replace(/\.$/, '') : null,
        unitPrice: num(c.get('price')),
        amount: num(c.get('amount')),
        page: line.page,
        box: tokensBox(line.tokens),
      });
      if (c.get('gw')) rowWeights.push(c.get('gw')!);
      used.add(line);
      lastY = line.cy;
    } else if (items.length && line.cy - lastY < h * 2.5) {
      // A wrapped description: the whole line continues the row above.
      items[items.length - 1]!._desc.push(descText || line.text);
      used.add(line);
      lastY = line.cy;
    } else if (!items.length) {
      continue;
    } else break;
  }
  return {
    items: items.map(({ _desc, ...it }) => ({ ...it, description: _desc.join(' ').replace(/\s+/g, ' ').trim() })),
    header,
    totals,
    used,
    rowWeights,
  };
}

// ---------------------------------------------------------------------------
// Label: value pairs

interface Found {
  role: Role;
  tokens: Token[];
  lines: Line[];
  labelLine: Line;
}

/**
 * The label a segment starts with. A bilingual label whose translation OCR could not read
 * ("HHA Date:" for "日期 Date:") still counts when the rest is a whole label ending the segment
 * or followed by a colon: one short unreadable word before it, with no digit.
 */
function segmentLabel(seg: Line): LabelHit | null {
  const hit = labelAt(seg.tokens);
  if (hit || seg.tokens.length < 2) return hit;
  const first = seg.tokens[0]!.text;
  if ([...first].length > 4 || /\d/.test(first)) return null;
  const late = labelAt(seg.tokens, 1);
  if (!late) return null;
  const last = seg.tokens[late.end - 1]!.text;
  return late.end === seg.tokens.length || /[:：]$/.test(last) ? late : null;
}

/** Finds labels at the start of line segments and their values. */
function labelValues(segments: Line[], exclude: Set<Line>): Found[] {
  const out: Found[] = [];
  const isLabel = (l: Line) => !!segmentLabel(l);
  const body = bodyHeight(segments);
  for (let i = 0; i < segments.length; i++) {
    const seg = segments[i]!;
    if (exclude.has(seg)) continue;
    const hit = segmentLabel(seg);
    if (!hit) continue;
    const h = Math.max(1, seg.h);
    let value = stripColon(seg.tokens.slice(hit.end));
    // A value never ends in a colon: words before one are the rest of a bilingual label OCR bent
    // ("총중량 66055 WEIGHT:" for 총중량 GROSS WEIGHT:); the value is further on.
    if (value.length && value.length <= 3 && /[:：]$/.test(value[value.length - 1]!.text)) value = [];
    const lines: Line[] = [];
    if (value.length) lines.push(makeLine(value));
    if (!value.length) {
      // The next segment on the same line (a column further right, within reach of the label:
      // not the far side of the page), if it is not a label itself.
      const reach = Math.min(h, body * 1.3) * 22;
      const next = segments
        .filter((s) => s !== seg && Math.abs(s.cy - seg.cy) < h * 0.6 && s.x0 > seg.x1 && s.x0 - seg.x1 < reach)
        .sort((a, b) => a.x0 - b.x0)[0];
      if (next && !isLabel(next) && !exclude.has(next)) {
        value = stripColon(next.tokens);
        lines.push(next);
      }
    }
    const block: Line[] = [];
    const below = (x0: number) => {
      let lastY = seg.cy;
      for (const s of segments.filter((s) => s.cy > seg.cy + h * 0.5).sort((a, b) => a.cy - b.cy)) {
        // Gaps in body-text heights: a word OCR boxed too tall (a rule or a seal run into it) must not stretch them.
        // The value's first line may sit further below its label than its lines below each other
        // (OCR boxes a small label's capitals tightly: 37 px under a 15-px label is the next line).
        if (s.cy - lastY > Math.min(Math.max(h, s.h), body * 1.3) * (block.length ? 2.3 : 3)) break;
        if (Math.abs(s.x0 - x0) > Math.max(h, s.h) * 3.2) continue;
        if (exclude.has(s) || /:\s*$/.test(s.text)) break;
        if (isLabel(s) && !(PARTY_ROLES.has(hit.role) && CONTACT.test(s.text))) break;
        block.push(s);
        lastY = s.cy;
        if (block.length >= 7) break;
      }
      // The rest of a block line that OCR cut into pieces (a word boxed at another height or set
      // apart, or a short word lost between: "TEL +63 ⟨35⟩ 9855 2669" leaves four line heights).
      for (const s of segments) {
        if (block.includes(s) || s === seg || exclude.has(s) || isLabel(s) || s.h < body * 0.5) continue;
        if (block.some((b) => Math.abs(b.cy - s.cy) < body * 0.6 && s.x0 > b.x0 && s.x0 - b.x1 < Math.max(body * 2.5, Math.min(b.h, s.h) * 4))) block.push(s);
      }
      // Pieces of one printed line that OCR boxed at slightly different heights: back into one line, in reading order.
      const regrouped = groupLines(block.flatMap((b) => b.tokens));
      block.splice(0, block.length, ...regrouped);
    };
    if (!value.length) {
      below(seg.x0);
      value = block.flatMap((b) => b.tokens);
      lines.push(...block);
    } else if (PARTY_ROLES.has(hit.role)) {
      below(lines[0]!.x0);
      lines.push(...block);
      value = lines.flatMap((l) => l.tokens);
    }
    if (value.length) out.push({ role: hit.role, tokens: value, lines, labelLine: seg });
  }
  return out;
}

// ---------------------------------------------------------------------------
// Fields whose label OCR lost or garbled: read from where such documents put them

interface PageLayout {
  segments: Line[];
  found: Found[];
  /** Table segments. */
  excluded: Set<Line>;
  table: TableResult;
}

const uncertainRead = (k: FieldKey, n: Normalised, raw: string, tokens: Token[], note: string): Reading => ({
  ...read(k, n, raw, tokens),
  uncertain: true,
  note: n.note ?? note,
});

/** An identifier as documents print invoice and B/L numbers: letters, digits, '-', '/', '.'; at least three digits. */
const ID_SHAPE = /^[A-Z0-9][A-Z0-9\-/.]{3,22}[A-Z0-9]$/;
const idLike = (t: string, ctx: { order: DateOrder | null }) =>
  ID_SHAPE.test(t) && (t.match(/\d/g) ?? []).length >= 3 && /[A-Z\-/]/.test(t) && !findDates(t, ctx.order ?? undefined).length && !/^\d+[.,]\d+$/.test(t);
/** A misread label ("Consigine"): a line of a word or two, within 30% of a label's letters. */
const nearLabel = (text: string, min = 0.7) => {
  const k = key(text);
  if (k.length < 5 || /\d/.test(k) || text.trim().split(/\s+/).length > 2) return false;
  return synonyms().some((s) => s.key.length >= 5 && Math.abs(s.key.length - k.length) <= 2 && 1 - lev(s.key, k) / Math.max(s.key.length, k.length) >= min);
};

const CJK_LABEL = /[\p{Script=Han}\p{Script=Hangul}]/u;
/**
 * A party's lines less a label OCR garbled in front of them ("收货人Consignee THANH CONG…",
 * "2482} 수출자 / / Seller" over "Seller 주식회사…"): in the first lines, everything up to the
 * last of the first six words that is label print — a label word inside a token, or a lower-case
 * word close to one. Names in capitals are never taken for labels; a line that is all label goes.
 */
function withoutLeadingLabel(lines: Line[]): Line[] {
  const out = [...lines];
  while (out.length > 0) {
    const line = out[0]!;
    let cut = 0;
    for (let j = 0; j < Math.min(line.tokens.length, 6); j++) {
      const t = line.tokens[j]!.text;
      const k = key(t);
      if (k.length < 2) continue;
      const lower = /\p{Ll}/u.test(t);
      const holds = synonyms().some((syn) => syn.key.length >= (CJK_LABEL.test(syn.key) ? 2 : 5) && k.includes(syn.key));
      if ((holds && (lower || CJK_LABEL.test(t))) || (lower && nearLabel(t, 0.6))) cut = j + 1;
    }
    if (cut === 0) break;
    if (cut < line.tokens.length) {
      out[0] = makeLine(line.tokens.slice(cut));
      break;
    }
    out.shift();
  }
  return out.length ? out : lines;
}
/** A weight with its unit ("18,242.65 KGS"). */
const WEIGHT_RE = /\d[\d.,\s]*\s?(?:KGS?|KGM|KILOS?|KILOGRAMS?)\b/i;

/**
 * Fallbacks for invoices, packing lists and bills of lading whose labels did not read (a
 * bilingual label OCR garbled, a small label under a box rule), each used only when the label
 * reading found nothing, and marked uncertain:
 * - parties: the address blocks of the left column above the goods table, in order (shipper /
 *   seller first, then consignee / buyer), next to whichever party was found by its label;
 * - the document number: an identifier-shaped word alone in the heading area (the topmost);
 * - the invoice date: the first date in the heading area;
 * - the gross weight: the largest weight (with its unit) outside the goods rows, since gross
 *   weight is never below net weight or any single line's weight.
 */
function fillFromLayout(
  layouts: PageLayout[],
  form: FormType,
  roleField: Partial<Record<Role, FieldKey>>,
  wanted: readonly FieldKey[],
  readings: Map<FieldKey, Reading>,
  ctx: { order: DateOrder | null; convention: NumberConvention | null },
) {
  const page = layouts[0];
  if (!page) return;
  const missing = (k: FieldKey | undefined): k is FieldKey => !!k && wanted.includes(k) && !readings.get(k)?.value;
  const { segments, found, excluded, table } = page;
  const body = bodyHeight(segments);
  // Lines already spoken for: labels of any kind, the values they took, table lines.
  const taken = new Set<Line>(excluded);
  const takenTokens = new Set<Token>();
  for (const f of found) {
    taken.add(f.labelLine);
    for (const l of f.lines) {
      taken.add(l);
      for (const t of l.tokens) takenTokens.add(t);
    }
  }
  const readingTokens = new Set<Token>();
  for (const r of readings.values()) for (const t of r.tokens) takenTokens.add(t), readingTokens.add(t);
  const free = (l: Line) => !taken.has(l) && !l.tokens.some((t) => takenTokens.has(t)) && !segmentLabel(l);
  const tableTop = table.header ? table.header.line.cy - table.header.line.h : Infinity;
  const xs = segments.flatMap((l) => [l.x0, l.x1]);
  const left = Math.min(...xs), right = Math.max(...xs);
  // Above the goods table; titles (set twice the body size or more) aside. Document numbers are often printed large.
  const headingAll = segments.filter((l) => l.cy < tableTop && free(l));
  const heading = headingAll.filter((l) => l.h < body * 1.9);

  // Parties.
  const sellerKey = roleField.seller, buyerKey = roleField.buyer;
  const partyBlocks: Line[][] = [];
  {
    // Contact lines ("TEL: …") belong to the address above them though they read as labels.
    const contact = segments.filter((l) => l.cy < tableTop && !excluded.has(l) && CONTACT.test(l.text) && !l.tokens.some((t) => readingTokens.has(t)));
    const cands = [...heading, ...contact].filter((l) => l.x0 < left + (right - left) * 0.45 && l.h >= body * 0.5).sort((a, b) => a.cy - b.cy);
    let cur: Line[] = [];
    const flush = () => {
      const lines = groupLines(cur.flatMap((l) => l.tokens));
      // A label OCR garbled beyond reading heads the block: a line ending in ':', or a few letters and no digit.
      while (lines.length && (/[:：]\s*$/.test(lines[0]!.text) || (key(lines[0]!.text).length <= 6 && !/\d/.test(lines[0]!.text)) || nearLabel(lines[0]!.text))) lines.shift();
      // A party's block starts with its name: the remains of a block OCR lost ("TEL: …", a country) are not one.
      if (lines.length >= 2 && /\p{L}/u.test(lines[0]!.text) && !CONTACT.test(lines[0]!.text)) partyBlocks.push(lines);
      cur = [];
    };
    for (const l of cands) {
      const last = cur[cur.length - 1];
      if (last && (l.cy - last.cy > body * 2.3 || Math.abs(l.x0 - cur[0]!.x0) > body * 3.2)) {
        // A piece of the same printed line further right stays with its block.
        if (!(Math.abs(l.cy - last.cy) < body * 0.6 && l.x0 > cur[0]!.x0)) flush();
      }
      cur.push(l);
    }
    flush();
  }
  const blockTop = (b: Line[]) => Math.min(...b.map((l) => l.cy));
  const usesTokens = (b: Line[], r: Reading | undefined) => !!r?.tokens.length && b.some((l) => l.tokens.some((t) => r.tokens.includes(t)));
  const partyRead = (k: FieldKey, block: Line[]) => {
    const b = withoutLeadingLabel(block);
    const toks = b.flatMap((l) => l.tokens);
    const text = b.map((l) => l.text).join(' ');
    readings.set(k, uncertainRead(k, normaliseParty(text), text, toks, 'no label read; taken from the address block where this party stands'));
  };
  if (sellerKey && buyerKey && partyBlocks.length) {
    // Each block goes to the party whose label stands right above it; a block further down
    // than that follows the seller's (the buyer comes next), and with no label above it the
    // blocks are the seller's then the buyer's, in reading order.
    const labels = segments
      .map((l) => ({ l, hit: segmentLabel(l) }))
      .filter((x) => x.hit && PARTY_ROLES.has(x.hit.role) && x.l.x0 < left + (right - left) * 0.45)
      .map((x) => ({ role: x.hit!.role, cy: x.l.cy }))
      .sort((a, b) => a.cy - b.cy);
    const keyOf = (role: Role) => (role === 'seller' ? sellerKey : buyerKey);
    let next: Role = 'seller';
    for (const b of partyBlocks) {
      const top = blockTop(b);
      const lab = labels.filter((x) => x.cy < top).pop();
      let role: Role | null;
      if (lab && top - lab.cy <= body * 4) role = lab.role;
      else if (lab) role = lab.role === 'seller' ? 'buyer' : null;
      else if (labels.some((x) => x.role === 'buyer' && x.cy > top)) role = 'seller'; // above the buyer's label
      else if (next === 'seller' && b === partyBlocks[partyBlocks.length - 1] && segments.some((l) => l.cy < top - body * 2.5 && l.x0 < left + (right - left) * 0.45 && l.h < body * 1.6 && key(l.text).length >= 2)) {
        // The last block, and text stands above it in the left column (beyond its own label's
        // place) where the seller's block belongs, unread: this one is the buyer's.
        role = 'buyer';
      } else role = next;
      if (!role) continue;
      if (role === 'seller') next = 'buyer';
      const k = keyOf(role);
      if (missing(k) && !usesTokens(b, readings.get(sellerKey)) && !usesTokens(b, readings.get(buyerKey))) partyRead(k, b);
    }
  }
  const inParty = new Set(partyBlocks.flatMap((b) => b.flatMap((l) => l.tokens)));

  // The document number.
  const idKey = roleField.invoiceNo ?? roleField.reference;
  if (missing(idKey)) {
    const cands = headingAll
      .filter((l) => l.tokens.length <= 2 && !l.tokens.some((t) => inParty.has(t)))
      .flatMap((l) => l.tokens.filter((t) => idLike(t.text.replace(/[:;,]+$/, '').toUpperCase(), ctx)).map((t) => ({ t, l })))
      .sort((a, b) => a.l.cy - b.l.cy);
    const c = cands[0];
    if (c) readings.set(idKey, uncertainRead(idKey, normaliseId(c.t.text), c.t.text, [c.t], 'no label read; the document number taken from the heading'));
  }

  // The invoice date.
  const dateKey = roleField.invoiceDate;
  if (missing(dateKey)) {
    for (const l of [...heading].sort((a, b) => a.cy - b.cy)) {
      if (l.tokens.length > 5 || l.tokens.some((t) => inParty.has(t))) continue;
      const d = findDates(l.text, ctx.order ?? undefined)[0];
      if (!d) continue;
      readings.set(dateKey, uncertainRead(dateKey, normaliseDate(l.text, ctx), l.text, l.tokens, 'no label read; the first date of the heading'));
      break;
    }
  }

  // The gross weight.
  const gwKey = roleField.grossWeight;
  if (missing(gwKey)) {
    const rows = new Set(table.used);
    const bottom = Math.max(-Infinity, ...[...rows].map((l) => l.cy));
    let best: { v: number; r: Reading } | null = null;
    for (const l of segments) {
      if (taken.has(l) && !excluded.has(l)) continue;
      // Invoices and packing lists: the summary below the goods rows. Bills of lading print it in the cargo rows.
      if (form !== 'bill_of_lading' && (excluded.has(l) || (table.header && l.cy <= bottom))) continue;
      if (l.tokens.some((t) => inParty.has(t)) || !WEIGHT_RE.test(l.text)) continue;
      const w = normaliseWeight(l.text, { convention: ctx.convention });
      const v = w.value ? Number.parseFloat(w.value) : NaN;
      if (!Number.isFinite(v) || !w.value!.endsWith(' KG')) continue;
      if (!best || v > best.v) best = { v, r: uncertainRead(gwKey, w, l.text, l.tokens, 'no label read; the largest weight printed outside the goods rows') };
    }
    if (best) readings.set(gwKey, best.r);
  }
}

export interface GenericResult {
  readings: Map<FieldKey, Reading>;
  lineItems: LineItem[];
}

const read = (key: FieldKey, n: Normalised, raw: string, tokens: Token[]): Reading => ({
  key,
  value: n.value,
  raw,
  tokens,
  ok: n.ok,
  uncertain: !!n.uncertain,
  ...(n.note ? { note: n.note } : {}),
});

export function extractGeneric(pageTokens: Token[][], form: FormType, wanted: readonly FieldKey[], ctx: { order: DateOrder | null; convention: NumberConvention | null }): GenericResult {
  const roleField: Partial<Record<Role, FieldKey>> = ROLE_FIELDS[form] ?? {
    ...ROLE_FIELDS.commercial_invoice,
    reference: 'reference_no',
    departureDate: 'departure_date',
  };
  const readings = new Map<FieldKey, Reading>();
  const lineItems: LineItem[] = [];
  let totals = new Map<Col, Token[]>();
  const rowWeights: Token[][] = [];
  let headerCols: Header['cols'] = [];
  const allLines: Line[] = [];
  const layouts: PageLayout[] = [];
  for (const tokens of pageTokens) {
    if (!tokens.length) continue;
    const lines = groupLines(tokens);
    const segments = groupLines(tokens, 2.2);
    allLines.push(...lines);
    const table = readTable(lines, ctx);
    if (table.items.length) lineItems.push(...table.items);
    if (table.header && !headerCols.length) headerCols = table.header.cols;
    if (table.totals.size && !totals.size) totals = table.totals;
    rowWeights.push(...table.rowWeights);
    // Segments that belong to table lines are not label/value pairs.
    const excluded = new Set<Line>();
    for (const seg of segments) for (const l of table.used) if (Math.abs(seg.cy - l.cy) < l.h * 0.4 && seg.x0 >= l.x0 - 1 && seg.x1 <= l.x1 + 1) excluded.add(seg);
    const found = labelValues(segments, excluded);
    for (const f of found) {
      const k = roleField[f.role];
      if (!k || !wanted.includes(k) || readings.get(k)?.value) continue;
      const r = parseRole(k, f, ctx);
      if (r.value || !readings.has(k)) readings.set(k, r);
    }
    layouts.push({ segments, found, excluded, table });
  }
  if (form === 'commercial_invoice' || form === 'packing_list' || form === 'bill_of_lading') {
    fillFromLayout(layouts, form, roleField, wanted, readings, ctx);
  }
  // Fallbacks from the table and the whole text.
  const num = (toks?: Token[]) => (toks?.length ? normaliseNumber(joinTokens(toks), { convention: ctx.convention }) : null);
  const fill = (k: FieldKey, r: Reading | null) => {
    if (r && r.value && wanted.includes(k) && !readings.get(k)?.value) readings.set(k, r);
  };
  if (totals.size) {
    const amt = num(totals.get('amount'));
    if (amt?.value) fill('total_amount', read('total_amount', amt, joinTokens(totals.get('amount')!), totals.get('amount')!));
    const q = num(totals.get('qty'));
    if (q?.value) fill('total_quantity', read('total_quantity', { ...q, value: q.value }, joinTokens(totals.get('qty')!), totals.get('qty')!));
  }
  const gwKey = roleField.grossWeight;
  const gw = totals.get('gw') ?? (rowWeights.length === 1 ? rowWeights[0] : undefined);
  if (gwKey && gw?.length) fill(gwKey, read(gwKey, normaliseWeight(joinTokens(gw), { convention: ctx.convention, defaultUnit: 'KG' }), joinTokens(gw), gw));
  if (!readings.get('total_amount')?.value && lineItems.length && lineItems.every((l) => l.amount)) {
    // No total printed: leave it missing rather than invent a sum (checks compare the two).
  }
  if (wanted.includes('currency') && !readings.get('currency')?.value) {
    // The currency written with the total, else in the table heading, else anywhere.
    const total = readings.get('total_amount');
    const sources: { text: string; tokens: Token[]; sure: boolean }[] = [
      ...(total?.value ? [{ text: total.raw, tokens: total.tokens, sure: true }] : []),
      ...(totals.get('amount') ? [{ text: joinTokens(totals.get('amount')!), tokens: totals.get('amount')!, sure: true }] : []),
      ...allLines.map((l) => ({ text: l.text, tokens: l.tokens, sure: false })),
    ];
    for (const s of sources) {
      const c = normaliseCurrency(s.text);
      if (c.value && /^[A-Z]{3}$/.test(c.value) && (s.sure || /\b[A-Z]{3}\b|US\$|€|RMB/.test(s.text))) {
        fill('currency', read('currency', { ...c, uncertain: !s.sure || c.uncertain }, s.text, s.tokens));
        break;
      }
    }
  }
  if (wanted.includes('incoterms') && !readings.get('incoterms')?.value) {
    // the rule and its place ("FOB MANILA"), a stroke OCR read between them or not ("FOB -OB MANI")
    const line = allLines.find((l) => /\b(EXW|FCA|CPT|CIP|DAP|DPU|DDP|FAS|FOB|CFR|CIF)\b\s+[-–]?[A-Z]/.test(withoutQuoteSpecks(l.text)));
    if (line) fill('incoterms', read('incoterms', { ...normaliseIncoterm(line.text), uncertain: true }, line.text, line.tokens));
  }
  // "21.492" is 21492 or 21.492 by the document's convention, which OCR may have misread (a comma
  // seen as a dot): the line quantities, when every line has one, settle it.
  const tq = readings.get('total_quantity');
  if (tq?.value && lineItems.length && lineItems.every((l) => l.quantity !== null && /^\d+(\.\d+)?$/.test(l.quantity))) {
    const sum = lineItems.reduce((a, l) => a + Number(l.quantity), 0);
    const m = /\d[\d.,]*/.exec(tq.raw);
    const grouped = m ? m[0].replace(/[.,]/g, '') : null;
    if (Number(tq.value) !== sum && grouped && /^\d+[.,]\d{3}$/.test(m![0]) && Number(grouped) === sum) {
      readings.set('total_quantity', { ...tq, value: grouped, uncertain: true, note: `"${m![0]}" read with a thousands separator: the line quantities add up to ${grouped}` });
    }
  }
  settleTotalAmount(readings, lineItems);
  return { readings, lineItems };
}

const cents = (v: string) => Math.round(Number(v) * 100);

/**
 * A total amount OCR misread ("97619.54" for 597,619.54: a digit lost or one read as its
 * lookalike) takes the sum of the line amounts, where every line's amount is its quantity times
 * its unit price (so the lines, not the total, were read right) and the total as read is a
 * misreading of that sum. A total that disagrees otherwise stays: a finding for the officer.
 */
function settleTotalAmount(readings: Map<FieldKey, Reading>, lineItems: LineItem[]): void {
  const total = readings.get('total_amount');
  if (!total?.value || !/^\d+(\.\d+)?$/.test(total.value) || lineItems.length < 2) return;
  const checked = lineItems.every((l) => {
    if (!l.amount || !l.quantity || !l.unitPrice || ![l.amount, l.quantity, l.unitPrice].every((v) => /^\d+(\.\d+)?$/.test(v!))) return false;
    return Math.abs(Number(l.quantity) * Number(l.unitPrice) - Number(l.amount)) <= Math.max(0.01, Number(l.amount) * 0.0005);
  });
  if (!checked) return;
  const sum = lineItems.reduce((a, l) => a + cents(l.amount!), 0);
  const read = cents(total.value);
  if (read === sum) return;
  const want = (sum / 100).toFixed(2);
  const readFigures = Number(total.value).toFixed(2).replace('.', '');
  if (!misreadFigures(readFigures, want.replace('.', ''))) return;
  const note = `read ${total.value}: the line amounts, each its quantity times its unit price, add up to ${want}`;
  readings.set('total_amount', amended(total, note, total.value.includes('.') ? want : String(sum / 100)));
}

function parseRole(k: FieldKey, f: Found, ctx: { order: DateOrder | null; convention: NumberConvention | null }): Reading {
  const raw = f.lines.map((l) => l.text).join(' ').replace(/\s+/g, ' ').trim() || joinTokens(f.tokens);
  const text = joinTokens(f.tokens);
  switch (k) {
    case 'invoice_no':
    case 'reference_no': {
      // "Invoice No. & Date: X / 14 MAR 2026": the number is the first word.
      // A number is one line: lines further below are other boxes' text.
      const own = f.lines.length > 1 ? f.lines[0]!.tokens : f.tokens;
      const ownText = joinTokens(own);
      const first = own.filter((t) => !/^[:：]+$/.test(t.text));
      const hasDate = normaliseDate(ownText, ctx).value;
      const idText = hasDate ? first[0]?.text ?? '' : ownText;
      const id = normaliseId(idText);
      // Document numbers carry digits and are short: a sentence or a heading read after the label is not one.
      if (id.value && (!/\d/.test(id.value) || id.value.length > 24)) return read(k, { value: null, ok: false, note: `"${idText.slice(0, 40)}" is not a document number` }, raw, own);
      return read(k, id, ownText, own);
    }
    case 'invoice_date':
    case 'departure_date':
      return read(k, normaliseDate(text, ctx), raw, f.tokens);
    case 'seller':
    case 'buyer':
    case 'exporter':
    case 'consignee': {
      const lines = withoutLeadingLabel(f.lines);
      return read(k, normaliseParty(lines.map((l) => l.text).join(' ')), raw, lines.flatMap((l) => l.tokens));
    }
    case 'currency':
      return read(k, normaliseCurrency(text), raw, f.tokens);
    case 'incoterms':
      return read(k, normaliseIncoterm(text), raw, f.tokens);
    case 'total_amount':
      return read(k, normaliseNumber(text, { convention: ctx.convention }), raw, f.tokens);
    case 'total_quantity': {
      const n = normaliseNumber(text, { convention: ctx.convention });
      return read(k, n, raw, f.tokens);
    }
    case 'gross_weight':
    case 'gross_weight_quantity':
      return read(k, normaliseWeight(text, { convention: ctx.convention }), raw, f.tokens);
    default:
      return read(k, normaliseText(text), raw, f.tokens);
  }
}

export { median, unitOf };
