/**
 * A data folder with extracted records, for the review end-to-end test: two cases, a C/O Form AK
 * and its commercial invoice (born-digital PDFs drawn here), and an invoice of another shipment.
 * Documents go through the real ingest (pages rendered at 300 dpi, text layer indexed for search);
 * their records are then stored through the record store exactly as extraction stores them, with
 * every box computed from where the text was drawn — so boxes lie on the rendered words — and with
 * the statuses a review needs: a low-confidence date, a missing box, an invalid date.
 *
 * The records are set, not extracted, so the test does not depend on how well extraction reads
 * these particular documents: whatever the desk's pipeline made of them is replaced.
 */
import { PDFDocument, StandardFonts, rgb, type PDFFont, type PDFPage } from 'pdf-lib';
import type { Box, DocumentRecord, ExtractedField, FieldKey, LineItem } from '../../contract/fields.ts';
import { Desk } from '../../desk/service.ts';

const A4: [number, number] = [595.28, 841.89];
/** Page pixels per PDF point: the desk renders PDFs at 300 dpi. */
const PX = 300 / 72;
/** Helvetica's ascender and descender, in 1/1000 em. */
const ASC = 0.718;
const DESC = 0.207;

/** Draws text and tells where it landed, in 300-dpi page pixels (top-left origin). */
class Sheet {
  constructor(
    readonly page: PDFPage,
    readonly font: PDFFont,
    readonly bold: PDFFont,
  ) {}

  /** `top` is measured down from the top edge of the page, in points. */
  text(s: string, x: number, top: number, size = 9, opts: { bold?: boolean; color?: [number, number, number] } = {}): Box {
    const font = opts.bold ? this.bold : this.font;
    const baseline = A4[1] - top - ASC * size;
    this.page.drawText(s, { x, y: baseline, size, font, color: rgb(...(opts.color ?? [0.08, 0.08, 0.1])) });
    const w = font.widthOfTextAtSize(s, size);
    return { x: x * PX, y: top * PX, w: w * PX, h: (ASC + DESC) * size * PX };
  }

  /** Several lines, one under the other; the box holds them all. */
  lines(ls: string[], x: number, top: number, size = 9, lead = 12): Box {
    return union(ls.map((l, i) => this.text(l, x, top + i * lead, size)));
  }

  /** A labelled form box ("3. Means of transport…"); returns where its content starts. */
  frame(label: string, x: number, top: number, w: number, h: number): { x: number; top: number } {
    this.page.drawRectangle({ x, y: A4[1] - top - h, width: w, height: h, borderColor: rgb(0.25, 0.25, 0.3), borderWidth: 0.8 });
    this.text(label, x + 4, top + 4, 6.5, { color: [0.3, 0.3, 0.36] });
    return { x: x + 6, top: top + 16 };
  }
}

function union(boxes: Box[]): Box {
  const x0 = Math.min(...boxes.map((b) => b.x));
  const y0 = Math.min(...boxes.map((b) => b.y));
  const x1 = Math.max(...boxes.map((b) => b.x + b.w));
  const y1 = Math.max(...boxes.map((b) => b.y + b.h));
  return { x: x0, y: y0, w: x1 - x0, h: y1 - y0 };
}

const round = (b: Box): Box => ({ x: Math.round(b.x), y: Math.round(b.y), w: Math.round(b.w), h: Math.round(b.h) });

async function newSheet(title: string): Promise<{ pdf: PDFDocument; sheet: Sheet }> {
  const pdf = await PDFDocument.create();
  pdf.setTitle(title);
  const page = pdf.addPage(A4);
  const sheet = new Sheet(page, await pdf.embedFont(StandardFonts.Helvetica), await pdf.embedFont(StandardFonts.HelveticaBold));
  return { pdf, sheet };
}

type Located = Partial<Record<FieldKey, Box>>;

/** The C/O values as printed, shared with the record below. */
export const CO = {
  referenceNo: 'VN-KR 26/02/08811',
  exporter: ['SAIGON PRECISION FASTENERS JSC', 'LOT C5, TAN THUAN EPZ, DISTRICT 7', 'HO CHI MINH CITY, VIETNAM'],
  consignee: ['HANBIT INDUSTRIAL SUPPLY CO., LTD.', '12 SINHANG-RO, JINHAE-GU', 'BUSAN 51620, REPUBLIC OF KOREA'],
  departure: '12 NOV 2026',
  vessel: 'BY SEA, MV EASTERN STAR V.026N',
  route: 'FROM HO CHI MINH CITY TO BUSAN',
  goods: ['ONE HUNDRED TWENTY (120) CARTONS OF', 'HEX BOLTS, STEEL, ZINC PLATED'],
  hs: '7318.15',
  criterion: 'RVC 45%',
  weight: '12,400 KGS G.W.',
  fob: 'FOB USD 18,600.00',
  invoiceNo: 'SPF-INV-26-0418',
  /** Day and month are ambiguous as printed: the review's low-confidence field. */
  invoiceDate: '05.11.2026',
  authority: ['VIETNAM CHAMBER OF COMMERCE', 'AND INDUSTRY (VCCI)'],
  place: 'HO CHI MINH CITY',
  /** Not a date (November has 30 days): the review's invalid field. */
  certDate: '31 NOV 2026',
};

export async function makeCertificate(): Promise<{ pdf: Uint8Array; at: Located }> {
  const { pdf, sheet: s } = await newSheet('Certificate of origin Form AK');
  const at: Located = {};
  const L = 36;
  const W = A4[0] - 2 * L;
  const half = W * 0.56;

  let c = s.frame("1. Goods consigned from (Exporter's business name, address, country)", L, 40, half, 70);
  at.exporter = s.lines(CO.exporter, c.x, c.top);
  s.text('Reference No.', L + half + 8, 46, 7, { color: [0.3, 0.3, 0.36] });
  at.reference_no = s.text(CO.referenceNo, L + half + 8, 58, 12, { bold: true });
  s.text('ASEAN-KOREA FREE TRADE AREA', L + half + 8, 80, 8.5, { bold: true });
  s.text('PREFERENTIAL TARIFF CERTIFICATE OF ORIGIN', L + half + 8, 92, 7.5);
  s.text('FORM AK', L + half + 8, 104, 11, { bold: true, color: [0.05, 0.2, 0.45] });

  c = s.frame("2. Goods consigned to (Consignee's name, address, country)", L, 110, half, 70);
  at.consignee = s.lines(CO.consignee, c.x, c.top);
  s.text('Issued in', L + half + 8, 124, 7, { color: [0.3, 0.3, 0.36] });
  at.export_country = s.text('VIET NAM', L + half + 8, 136, 10, { bold: true });
  s.text('Importing party', L + half + 8, 156, 7, { color: [0.3, 0.3, 0.36] });
  at.import_country = s.text('KOREA', L + half + 8, 168, 10, { bold: true });

  c = s.frame('3. Means of transport and route (as far as known)', L, 180, half, 82);
  s.text('Departure date', c.x, c.top, 7, { color: [0.3, 0.3, 0.36] });
  at.departure_date = s.text(CO.departure, c.x + 70, c.top, 9);
  at.transport_route = s.lines([CO.vessel, CO.route], c.x, c.top + 16);
  s.frame('4. For official use', L + half, 180, W - half, 82);

  // Boxes 5–10 as one row of columns.
  const rowTop = 262;
  const rowH = 150;
  const cols: Array<[string, number]> = [
    ['5. Item', 34],
    ['6. Marks and numbers', 76],
    ['7. Packages, description of goods', 196],
    ['8. Criterion', 52],
    ['9. Weight, FOB', 84],
    ['10. Invoice', W - 34 - 76 - 196 - 52 - 84],
  ];
  let x = L;
  const colStart: number[] = [];
  for (const [label, w] of cols) {
    s.frame(label, x, rowTop, w, rowH);
    colStart.push(x + 5);
    x += w;
  }
  const top = rowTop + 34;
  at.item_no = s.text('1', colStart[0]!, top);
  // Box 6 (marks) left blank: the record's missing field.
  at.goods_description = s.lines(CO.goods, colStart[2]!, top, 8.5, 11);
  at.hs_code = s.text(`HS ${CO.hs}`, colStart[2]!, top + 28, 8.5);
  at.origin_criterion = s.text(CO.criterion, colStart[3]!, top);
  at.gross_weight_quantity = s.text(CO.weight, colStart[4]!, top, 8.5);
  at.fob_value = s.text(CO.fob, colStart[4]!, top + 14, 8);
  at.invoice_no = s.text(CO.invoiceNo, colStart[5]!, top, 8.5);
  at.invoice_date = s.text(CO.invoiceDate, colStart[5]!, top + 14, 8.5);

  c = s.frame('11. Declaration by the exporter', L, rowTop + rowH, W / 2, 150);
  s.lines(
    ['The undersigned hereby declares that the above details', 'and statements are correct, and that the goods comply', 'with the origin requirements of the ASEAN-Korea FTA.'],
    c.x,
    c.top,
    7.5,
    10,
  );
  s.text('HO CHI MINH CITY, 12 NOV 2026', c.x, c.top + 90, 8);
  c = s.frame('12. Certification', L + W / 2, rowTop + rowH, W / 2, 150);
  s.lines(['It is hereby certified, on the basis of control carried', 'out, that the declaration by the exporter is correct.'], c.x, c.top, 7.5, 10);
  at.issuing_authority = s.lines(CO.authority, c.x, c.top + 34, 9, 12);
  at.certification_place = s.text(CO.place, c.x, c.top + 70, 9);
  at.certification_date = s.text(CO.certDate, c.x + 110, c.top + 70, 9);
  s.page.drawCircle({ x: L + W * 0.82, y: A4[1] - (rowTop + rowH + 110), size: 30, borderColor: rgb(0.7, 0.1, 0.15), borderWidth: 2 });
  s.text('VCCI', L + W * 0.82 - 11, rowTop + rowH + 106, 8, { bold: true, color: [0.7, 0.1, 0.15] });
  return { pdf: await pdf.save(), at: Object.fromEntries(Object.entries(at).map(([k, b]) => [k, round(b)])) as Located };
}

export interface InvoiceText {
  no: string;
  date: string;
  dateIso: string;
  seller: [string, string];
  buyer: [string, string];
  terms: string;
  currency: string;
  items: string[][];
  total: string;
  quantity: string;
  weight: string;
}

export const INVOICE: InvoiceText = {
  no: 'SPF-INV-26-0418',
  date: '5 November 2026',
  dateIso: '2026-11-05',
  seller: ['SAIGON PRECISION FASTENERS JSC', 'Lot C5, Tan Thuan EPZ, District 7, Ho Chi Minh City, Vietnam'],
  buyer: ['HANBIT INDUSTRIAL SUPPLY CO., LTD.', '12 Sinhang-ro, Jinhae-gu, Busan 51620, Korea'],
  terms: 'FOB HO CHI MINH CITY (Incoterms 2020)',
  currency: 'USD',
  items: [
    ['HEX BOLT M12X50, STEEL, ZINC PLATED', '7318.15', '60', 'CTN', '150.00', '9,000.00'],
    ['HEX BOLT M16X80, STEEL, ZINC PLATED', '7318.15', '60', 'CTN', '160.00', '9,600.00'],
  ],
  total: '18,600.00',
  quantity: '120 CTNS',
  /** 50 kg more than the C/O declares: a cross-document mismatch. */
  weight: '12,450 KGS',
};

/** An invoice of another shipment (another case) with the same kind of goods. */
export const OTHER_INVOICE: InvoiceText = {
  ...INVOICE,
  no: 'TPI-2026-1187',
  date: '28 October 2026',
  dateIso: '2026-10-28',
  seller: ['THAI PACIFIC INDUSTRIES CO., LTD.', '99 Moo 4, Bangpoo Industrial Estate, Samut Prakan, Thailand'],
  items: [['HEX BOLT M10X40, STAINLESS STEEL A2', '7318.15', '80', 'CTN', '95.00', '7,600.00']],
  total: '7,600.00',
  quantity: '80 CTNS',
  weight: '6,120 KGS',
};

export async function makeInvoice(inv: InvoiceText = INVOICE): Promise<{ pdf: Uint8Array; at: Located; items: Box[] }> {
  const { pdf, sheet: s } = await newSheet('Commercial invoice');
  const at: Located = {};
  const L = 44;
  s.text('COMMERCIAL INVOICE', L, 44, 18, { bold: true, color: [0.05, 0.15, 0.35] });
  s.text('Invoice No.', 360, 48, 8, { color: [0.3, 0.3, 0.36] });
  at.invoice_no = s.text(inv.no, 420, 48, 9, { bold: true });
  s.text('Date', 360, 62, 8, { color: [0.3, 0.3, 0.36] });
  at.invoice_date = s.text(inv.date, 420, 62, 9);

  s.text('Seller', L, 96, 8, { color: [0.3, 0.3, 0.36] });
  at.seller = s.text(inv.seller[0], L, 108, 9.5, { bold: true });
  s.text(inv.seller[1], L, 121, 8.5);
  s.text('Buyer', L, 146, 8, { color: [0.3, 0.3, 0.36] });
  at.buyer = s.text(inv.buyer[0], L, 158, 9.5, { bold: true });
  s.text(inv.buyer[1], L, 171, 8.5);
  s.text('Terms of delivery', 360, 96, 8, { color: [0.3, 0.3, 0.36] });
  at.incoterms = s.text(inv.terms, 360, 108, 8.5);
  s.text('Currency', 360, 126, 8, { color: [0.3, 0.3, 0.36] });
  at.currency = s.text(inv.currency, 420, 126, 9, { bold: true });

  const cols = [L, 250, 312, 352, 392, 470];
  const heads = ['Description of goods', 'HS code', 'Qty', 'Unit', 'Unit price', 'Amount'];
  const tableTop = 204;
  s.page.drawRectangle({ x: L - 4, y: A4[1] - tableTop - 16, width: A4[0] - 2 * L + 8, height: 16, color: rgb(0.9, 0.92, 0.95) });
  heads.forEach((h, i) => s.text(h, cols[i]!, tableTop + 4, 8, { bold: true }));
  const items: Box[] = [];
  inv.items.forEach((row, r) => {
    const top = tableTop + 26 + r * 16;
    items.push(union(row.map((cell, i) => s.text(cell, cols[i]!, top, 8.5))));
  });
  const endTop = tableTop + 26 + inv.items.length * 16 + 6;
  s.page.drawLine({ start: { x: L - 4, y: A4[1] - endTop }, end: { x: A4[0] - L + 4, y: A4[1] - endTop }, thickness: 0.8, color: rgb(0.3, 0.3, 0.35) });
  s.text('Total', 392, endTop + 8, 9, { bold: true });
  at.total_amount = s.text(inv.total, 470, endTop + 8, 9, { bold: true });
  s.text('Total quantity', L, endTop + 8, 8, { color: [0.3, 0.3, 0.36] });
  at.total_quantity = s.text(inv.quantity, L + 70, endTop + 8, 8.5);
  s.text('Gross weight', L, endTop + 22, 8, { color: [0.3, 0.3, 0.36] });
  at.gross_weight = s.text(inv.weight, L + 70, endTop + 22, 8.5);
  s.text('We certify that this invoice is true and correct.', L, endTop + 70, 8);
  s.text(`${inv.seller[0]} - Authorised signature`, L, endTop + 110, 8);
  return {
    pdf: await pdf.save(),
    at: Object.fromEntries(Object.entries(at).map(([k, b]) => [k, round(b)])) as Located,
    items: items.map(round),
  };
}

function field(key: FieldKey, value: string | null, raw: string, confidence: number, at: Located, extra: Partial<ExtractedField> = {}): ExtractedField {
  const box = at[key] ?? null;
  return { key, value, raw, confidence, page: box ? 0 : null, box, status: 'ok', ...extra };
}

export function certificateRecord(at: Located): DocumentRecord {
  return {
    form: 'co_form_ak',
    formConfidence: 0.96,
    fields: [
      field('reference_no', CO.referenceNo, CO.referenceNo, 0.98, at),
      field('exporter', CO.exporter.join(', '), CO.exporter.join('\n'), 0.95, at),
      field('consignee', CO.consignee.join(', '), CO.consignee.join('\n'), 0.94, at),
      field('transport_route', 'MV EASTERN STAR V.026N, HO CHI MINH CITY TO BUSAN', `${CO.vessel}\n${CO.route}`, 0.88, at),
      field('departure_date', '2026-11-12', CO.departure, 0.96, at),
      field('export_country', 'VN', 'VIET NAM', 0.97, at),
      field('import_country', 'KR', 'KOREA', 0.97, at),
      field('item_no', '1', '1', 0.9, at),
      { key: 'marks_numbers', value: null, raw: '', confidence: 0, page: null, box: null, status: 'missing' },
      field('goods_description', '120 CARTONS OF HEX BOLTS, STEEL, ZINC PLATED', CO.goods.join('\n'), 0.91, at),
      field('hs_code', CO.hs, `HS ${CO.hs}`, 0.97, at),
      field('origin_criterion', 'RVC 45%', CO.criterion, 0.93, at),
      field('gross_weight_quantity', '12400 KG', CO.weight, 0.9, at),
      field('fob_value', '18600.00', CO.fob, 0.89, at),
      field('invoice_no', CO.invoiceNo, CO.invoiceNo, 0.97, at),
      field('invoice_date', '2026-05-11', CO.invoiceDate, 0.52, at, {
        status: 'low_confidence',
        note: 'Day and month order is ambiguous (05.11.2026)',
      }),
      field('issuing_authority', 'VIETNAM CHAMBER OF COMMERCE AND INDUSTRY (VCCI)', CO.authority.join('\n'), 0.92, at),
      field('certification_place', CO.place, CO.place, 0.9, at),
      field('certification_date', null, CO.certDate, 0.31, at, { status: 'invalid', note: '31 November 2026 is not a date' }),
    ],
    lineItems: [
      { description: 'HEX BOLTS, STEEL, ZINC PLATED', hsCode: '7318.15', quantity: '120', unit: 'CTN', unitPrice: null, amount: null, page: 0, box: at.goods_description ?? null },
    ],
  };
}

export function invoiceRecord(at: Located, items: Box[], inv = INVOICE): DocumentRecord {
  const lineItems: LineItem[] = inv.items.map((row, i) => ({
    description: row[0]!,
    hsCode: row[1]!,
    quantity: row[2]!,
    unit: row[3]!,
    unitPrice: row[4]!,
    amount: row[5]!.replace(/,/g, ''),
    page: 0,
    box: items[i] ?? null,
  }));
  return {
    form: 'commercial_invoice',
    formConfidence: 0.93,
    fields: [
      field('invoice_no', inv.no, inv.no, 0.98, at),
      field('invoice_date', inv.dateIso, inv.date, 0.95, at),
      field('seller', inv.seller[0], inv.seller[0], 0.94, at),
      field('buyer', inv.buyer[0], inv.buyer[0], 0.94, at),
      field('currency', inv.currency, inv.currency, 0.99, at),
      field('incoterms', 'FOB', inv.terms, 0.9, at),
      field('total_amount', inv.total.replace(/,/g, ''), inv.total, 0.96, at),
      field('total_quantity', inv.quantity.replace(/\D+$/, '').trim(), inv.quantity, 0.74, at),
      field('gross_weight', `${inv.weight.replace(/[^\d.]/g, '')} KG`, inv.weight, 0.93, at),
    ],
    lineItems,
  };
}

export interface Seeded {
  caseId: string;
  declarationNo: string;
  otherCaseId: string;
  otherDeclarationNo: string;
  certificateId: string;
  invoiceId: string;
  otherInvoiceId: string;
  /** Where the C/O's fields were drawn, in page pixels. */
  certificateBoxes: Located;
  /** The desk's own pipeline had extracted a record on ingest (before the seed replaced it). */
  pipelineExtracted: boolean;
}

/** Replaces whatever extraction stored for a document with `record` (saveRecord replaces). */
function putRecord(desk: Desk, documentId: string, caseId: string, record: DocumentRecord): void {
  desk.records.saveRecord(documentId, caseId, record, 'e2e-seed');
}

export async function seedRecords(dataDir: string): Promise<Seeded> {
  const desk = Desk.open({ dataDir, transport: 'cli' });
  try {
    const today = new Date().toISOString().slice(0, 10);
    const main = await desk.call('cases.create', {
      declarationNo: '41207-26-118804',
      port: 'Busan New Port (KRPUS)',
      date: today,
      notes: 'Steel fasteners from Viet Nam, AKFTA preference claimed (Form AK).',
    });
    const other = await desk.call('cases.create', { declarationNo: '41207-26-117352', port: 'Incheon (KRINC)', date: today, notes: '' });

    const [co, inv, otherInv] = await Promise.all([
      makeCertificate(),
      makeInvoice(),
      makeInvoice(OTHER_INVOICE),
    ]);
    const ingest = (caseId: string, fileName: string, data: Uint8Array) => desk.call('documents.ingest', { caseId, fileName, data });
    const coDoc = (await ingest(main.id, 'CO-FormAK-VN-KR-08811.pdf', co.pdf)).document;
    const invDoc = (await ingest(main.id, 'Invoice-SPF-INV-26-0418.pdf', inv.pdf)).document;
    const otherDoc = (await ingest(other.id, 'Invoice-TPI-2026-1187.pdf', otherInv.pdf)).document;
    await desk.queue.idle();
    for (const d of [coDoc, invDoc, otherDoc]) {
      const doc = desk.store.getDocument(d.id);
      if (doc.status !== 'ready') throw new Error(`seed: ${doc.fileName} is ${doc.status}: ${doc.error?.message ?? ''}`);
    }

    const pipelineExtracted = desk.records.getRecord(invDoc.id) !== null;
    putRecord(desk, coDoc.id, main.id, certificateRecord(co.at));
    putRecord(desk, invDoc.id, main.id, invoiceRecord(inv.at, inv.items));
    putRecord(desk, otherDoc.id, other.id, invoiceRecord(otherInv.at, otherInv.items, OTHER_INVOICE));
    desk.store.setDocumentKind(coDoc.id, 'certificate_of_origin');
    desk.store.setDocumentKind(invDoc.id, 'commercial_invoice');
    desk.store.setDocumentKind(otherDoc.id, 'commercial_invoice');

    return {
      caseId: main.id,
      declarationNo: main.declarationNo,
      otherCaseId: other.id,
      otherDeclarationNo: other.declarationNo,
      certificateId: coDoc.id,
      invoiceId: invDoc.id,
      otherInvoiceId: otherDoc.id,
      certificateBoxes: co.at,
      pipelineExtracted,
    };
  } finally {
    await desk.close();
  }
}
