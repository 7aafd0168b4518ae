/**
 * Layout-free extraction for documents without a template (invoices, packing lists, bills of
 * lading, unknown forms): "label: value" pairs (value after the label on the same line, in the
 * next column, or in the lines below it) found with a synonym table of labels in English,
 * Korean and Chinese; and a line-item table reader (header found by column labels, rows by
 * y-clustering, cells by x-gaps).
 */
import type { FieldKey, FormType, LineItem } from '../../contract/fields.ts';
import {
  type DateOrder, findHsCodes, normaliseCurrency, normaliseDate, normaliseHs, normaliseId, normaliseIncoterm, normaliseNumber,
  normaliseText, normaliseWeight, type Normalised, type NumberConvention, parseNumberToken, unitOf,
} from './normalise.ts';
import { groupLines, joinTokens, key, type Line, makeLine, median, type Token, tokensBox } from './text.ts';
import type { Reading } from './template.ts';

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
      const sim = s.key === acc ? 1 : s.key.length >= 6 ? 1 - lev(s.key, acc) / Math.max(s.key.length, acc.length) : 0;
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
        const s = colSyns.find((c) => c.key.length >= 5 && Math.abs(c.key.length - acc.length) <= 1 && 1 - lev(c.key, acc) / Math.max(c.key.length, acc.length) >= 0.8);
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
  for (let i = hi + 1; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.cy - lastY > h * 5) break;
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

/** Finds labels at the start of line segments and their values. */
function labelValues(segments: Line[], exclude: Set<Line>): Found[] {
  const out: Found[] = [];
  const isLabel = (l: Line) => !!labelAt(l.tokens) && labelAt(l.tokens)!.end >= 1;
  for (let i = 0; i < segments.length; i++) {
    const seg = segments[i]!;
    if (exclude.has(seg)) continue;
    const hit = labelAt(seg.tokens);
    if (!hit) continue;
    const h = Math.max(1, seg.h);
    let value = stripColon(seg.tokens.slice(hit.end));
    const lines: Line[] = [];
    if (value.length) lines.push(makeLine(value));
    if (!value.length) {
      // The next segment on the same line (a column further right), if it is not a label itself.
      const next = segments
        .filter((s) => s !== seg && Math.abs(s.cy - seg.cy) < h * 0.6 && s.x0 > seg.x1 && s.x0 - seg.x1 < h * 22)
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
        if (s.cy - lastY > Math.max(h, s.h) * 2.3) break;
        if (Math.abs(s.x0 - x0) > Math.max(h, s.h) * 3.2) continue;
        if (exclude.has(s) || /:\s*$/.test(s.text)) break;
        if (isLabel(s) && !(PARTY_ROLES.has(hit.role) && CONTACT.test(s.text))) break;
        block.push(s);
        lastY = s.cy;
        if (block.length >= 7) break;
      }
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
    for (const f of labelValues(segments, excluded)) {
      const k = roleField[f.role];
      if (!k || !wanted.includes(k) || readings.get(k)?.value) continue;
      const r = parseRole(k, f, ctx);
      if (r.value || !readings.has(k)) readings.set(k, r);
    }
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
    const line = allLines.find((l) => /\b(EXW|FCA|CPT|CIP|DAP|DPU|DDP|FAS|FOB|CFR|CIF)\b\s+[A-Z]/.test(l.text));
    if (line) fill('incoterms', read('incoterms', { ...normaliseIncoterm(line.text), uncertain: true }, line.text, line.tokens));
  }
  return { readings, lineItems };
}

function parseRole(k: FieldKey, f: Found, ctx: { order: DateOrder | null; convention: NumberConvention | null }): Reading {
  const raw = f.lines.map((l) => l.text).join(' ').replace(/\s+/g, ' ').trim() || joinTokens(f.tokens);
  const text = joinTokens(f.tokens);
  switch (k) {
    case 'invoice_no':
    case 'reference_no': {
      // "Invoice No. & Date: X / 14 MAR 2026": the number is the first word.
      const first = f.tokens.filter((t) => !/^[:：]+$/.test(t.text));
      const hasDate = normaliseDate(text, ctx).value;
      const idText = hasDate ? first[0]?.text ?? '' : text;
      return read(k, normaliseId(idText), raw, f.tokens);
    }
    case 'invoice_date':
    case 'departure_date':
      return read(k, normaliseDate(text, ctx), raw, f.tokens);
    case 'seller':
    case 'buyer':
    case 'exporter':
    case 'consignee':
      return read(k, normaliseText(f.lines.map((l) => l.text).join(' ')), raw, f.tokens);
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
