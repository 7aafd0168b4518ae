/**
 * Generates the demo consignment shipped in assets/demo (run from the repo root):
 *
 *   node --import tsx assets/demo/make-demo.ts
 *
 * Writes four documents of one consignment — steel fasteners from Ningbo to Hai Phong under an
 * ACFTA Form E — that agree with each other (invoice number and date, items, HS codes,
 * cartons, weights, FOB values):
 *   01-form-e-certificate-of-origin.pdf  certificate (page 1) and its overleaf notes (page 2)
 *   02-commercial-invoice.pdf
 *   03-packing-list.pdf
 *   04-form-e-scanned.tiff               the same certificate as a 200-dpi greyscale scan, 2 pages
 *
 * Deterministic: fixed dates in the PDF metadata and seeded noise, so re-running it gives the
 * same bytes with the same pdf-lib, pdfjs and sharp versions. Layouts follow the real forms'
 * box structure; every company, person, vessel and number is fictitious.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PDFDocument, StandardFonts, rgb, type PDFFont } from 'pdf-lib';
import sharp from 'sharp';
import { renderDocument } from '../../desk/ingest/render.ts';
import {
  amountCents,
  amountInWords,
  cartonRanges,
  consignee,
  exporter,
  grossKg,
  inWords,
  int,
  items,
  kg,
  money,
  netKg,
  shipment,
  totals,
  unitPrice,
} from './consignment.ts';
import { A4, Sheet, drawGuilloche, drawRectStamp, drawSeal, drawSignature, wrap } from './draw.ts';
import { mulberry32 } from '../../desk/seeded-random.ts';
import { NINGBO_SEAL, sealImpressionPng } from './seals.ts';

const MM = 72 / 25.4;

/** A seal impression (RGBA PNG) centred at (cx, cy) in PDF points. */
async function placeImpression(page: import('pdf-lib').PDFPage, cx: number, cy: number, imp: { png: Buffer; widthMm: number; heightMm: number }): Promise<void> {
  const img = await page.doc.embedPng(imp.png);
  const w = imp.widthMm * MM;
  const h = imp.heightMm * MM;
  page.drawImage(img, { x: cx - w / 2, y: cy - h / 2, width: w, height: h });
}

const OUT_DIR = dirname(fileURLToPath(import.meta.url));
/** Fixed so the PDFs are byte-identical on every run. */
const DOC_DATE = new Date('2026-11-06T09:30:00Z');
const FOOTER = 'OriginDesk demonstration document - fictitious company, persons and numbers.';

interface Fonts {
  times: PDFFont;
  timesBold: PDFFont;
  timesItalic: PDFFont;
  helv: PDFFont;
  helvBold: PDFFont;
  courier: PDFFont;
  courierBold: PDFFont;
}

async function newDoc(title: string): Promise<{ doc: PDFDocument; f: Fonts }> {
  const doc = await PDFDocument.create({ updateMetadata: false });
  doc.setTitle(title);
  doc.setAuthor(exporter.name);
  doc.setCreator('OriginDesk demo generator');
  doc.setProducer('pdf-lib');
  doc.setCreationDate(DOC_DATE);
  doc.setModificationDate(DOC_DATE);
  const f: Fonts = {
    times: await doc.embedFont(StandardFonts.TimesRoman),
    timesBold: await doc.embedFont(StandardFonts.TimesRomanBold),
    timesItalic: await doc.embedFont(StandardFonts.TimesRomanItalic),
    helv: await doc.embedFont(StandardFonts.Helvetica),
    helvBold: await doc.embedFont(StandardFonts.HelveticaBold),
    courier: await doc.embedFont(StandardFonts.Courier),
    courierBold: await doc.embedFont(StandardFonts.CourierBold),
  };
  return { doc, f };
}

function footer(s: Sheet, f: Fonts): void {
  s.text(FOOTER, A4[0] / 2, A4[1] - 14, { font: f.helv, size: 5.5, color: rgb(0.55, 0.55, 0.55), align: 'center' });
}

// ---------------------------------------------------------------------------
// 1. ACFTA Form E certificate of origin (boxes 1-13, as on the revised Form E)

async function makeFormE(): Promise<Uint8Array> {
  const { doc, f } = await newDoc(`Form E ${shipment.certificateNo}`);
  doc.setSubject('ASEAN-China Free Trade Area preferential certificate of origin (Form E)');
  const page = doc.addPage(A4);
  const s = new Sheet(page);
  const label = { font: f.times, size: 7.2 };
  const data = { font: f.courierBold, size: 7.6 };
  const X0 = 34;
  const X1 = 561;
  const XM = 300;
  const T0 = 50;
  const T_B2 = 138;
  const T_B3 = 228;
  const T_HEAD = 346;
  const T_BODY = 392;
  const T_B11 = 592;
  const T_B13 = 764;
  const T_END = 800;
  const cols = [X0, 60, 136, 338, 392, 478, X1]; // boxes 5..10

  // Faint security background inside the frame.
  drawGuilloche(page, X0, A4[1] - T_END, X1 - X0, T_END - T0, rgb(0.8, 0.88, 0.82));

  s.text('ORIGINAL', A4[0] / 2, 40, { font: f.timesBold, size: 10, align: 'center' });
  s.rect(X0, T0, X1 - X0, T_END - T0, 1);
  s.vline(XM, T0, T_HEAD);
  s.hline(X0, XM, T_B2);
  s.hline(X0, X1, T_B3);
  s.hline(X0, X1, T_HEAD);
  s.hline(X0, X1, T_BODY);
  s.hline(X0, X1, T_B11);
  s.hline(X0, X1, T_B13);
  s.vline(XM, T_B11, T_B13);
  for (const x of cols.slice(1, -1)) s.vline(x, T_HEAD, T_B11);

  // Box 1 and 2: parties.
  s.para("1. Products consigned from (Exporter's business name, address, country)", X0 + 4, T0 + 10, 250, 8.5, label);
  s.lines([exporter.name, ...exporter.address, exporter.contact.split('   ')[0]!], X0 + 10, T0 + 34, 10, data);
  s.para("2. Products consigned to (Importer's/Consignee's name, address, country)", X0 + 4, T_B2 + 10, 250, 8.5, label);
  s.lines(
    [...wrap(consignee.name, 250, f.courierBold, data.size), ...consignee.address, consignee.contact.split('   ')[0]!],
    X0 + 10,
    T_B2 + 34,
    10,
    data,
  );

  // Top right: reference number and title block.
  s.text('Reference No.', XM + 6, T0 + 11, label);
  s.text(shipment.certificateNo, XM + 56, T0 + 12, { font: f.courierBold, size: 10 });
  const cx = (XM + X1) / 2;
  s.text('ASEAN-CHINA FREE TRADE AREA', cx, T0 + 38, { font: f.timesBold, size: 9.5, align: 'center' });
  s.text('PREFERENTIAL TARIFF', cx, T0 + 51, { font: f.timesBold, size: 9.5, align: 'center' });
  s.text('CERTIFICATE OF ORIGIN', cx, T0 + 64, { font: f.timesBold, size: 9.5, align: 'center' });
  s.text('(Combined Declaration and Certificate)', cx, T0 + 78, { font: f.times, size: 8, align: 'center' });
  s.text('FORM E', cx, T0 + 102, { font: f.timesBold, size: 15, align: 'center' });
  s.text('Issued in', XM + 22, T0 + 132, label);
  s.text("THE PEOPLE'S REPUBLIC OF CHINA", cx + 14, T0 + 130, { ...data, align: 'center' });
  s.dots(XM + 58, X1 - 24, T0 + 133);
  s.text('(Country)', cx + 14, T0 + 142, { ...label, align: 'center' });
  s.text('See Overleaf Notes', cx, T0 + 164, { font: f.times, size: 7.2, align: 'center' });

  // Box 3: transport.
  s.text('3. Means of transport and route (as far as known)', X0 + 4, T_B3 + 10, label);
  s.text('Departure date', X0 + 14, T_B3 + 26, label);
  s.text(shipment.departureDate, X0 + 24, T_B3 + 38, data);
  s.text("Vessel's name/Aircraft etc.", X0 + 14, T_B3 + 56, label);
  s.text(shipment.vessel, X0 + 24, T_B3 + 68, data);
  s.text(`FROM ${shipment.portOfLoading} TO ${shipment.portOfDischarge} BY SEA`, X0 + 24, T_B3 + 78, data);
  s.text('Port of Discharge', X0 + 14, T_B3 + 96, label);
  s.text(shipment.portOfDischarge, X0 + 24, T_B3 + 108, data);

  // Box 4: official use of the importing Party (left blank, as issued).
  s.text('4. For Official Use', XM + 6, T_B3 + 10, label);
  s.checkbox(XM + 14, T_B3 + 28, 8);
  s.para('Preferential Treatment Given Under ASEAN-China Free Trade Area Preferential Tariff', XM + 32, T_B3 + 24, 220, 8.5, label);
  s.hline(XM + 28, X1, T_B3 + 46, 0.4);
  s.checkbox(XM + 14, T_B3 + 60, 8);
  s.para('Preferential Treatment Not Given (Please state reason/s)', XM + 32, T_B3 + 56, 220, 8.5, label);
  s.hline(XM + 28, X1, T_B3 + 78, 0.4);
  s.dots(XM + 20, X1 - 20, T_B3 + 98);
  s.para('Signature of Authorised Signatory of the Importing Party', XM + 24, T_B3 + 107, 220, 8.5, label);

  // Item table headings.
  const heads = [
    '5. Item number',
    '6. Marks and numbers on packages',
    '7. Number and type of packages, description of products (including quantity where appropriate and HS code of the product)',
    '8. Origin criteria (see Overleaf Notes)',
    '9. Gross weight or other quantity, and value (FOB) only when RVC criterion is applied',
    '10. Number, date of invoices',
  ];
  heads.forEach((h, i) => s.para(h, cols[i]! + 3, T_HEAD + 9, cols[i + 1]! - cols[i]! - 6, 7.6, { font: f.times, size: 6.6 }));

  // Item rows.
  const body = { font: f.courierBold, size: 7.1 };
  const lead = 8.4;
  s.lines([...shipment.marks], cols[1]! + 4, T_BODY + 11, lead, body);
  s.lines([shipment.invoiceNo, shipment.invoiceDate], cols[5]! + 5, T_BODY + 11, lead, body);
  let t = T_BODY + 11;
  items.forEach((it, i) => {
    const words = `${inWords(it.cartons)} (${it.cartons}) CARTONS OF ${it.description}, ${it.spec}, ${int(it.quantity)} PCS, HS CODE: ${it.hs}`;
    s.text(String(i + 1), (cols[0]! + cols[1]!) / 2, t, { ...body, align: 'center' });
    const next = s.para(words, cols[2]! + 4, t, cols[3]! - cols[2]! - 8, lead, body);
    s.text(`"${it.originCriterion}"`, (cols[3]! + cols[4]!) / 2, t, { ...body, align: 'center' });
    // Box 9 asks for the FOB value only where the RVC criterion is applied.
    const rvc = it.originCriterion.startsWith('RVC');
    s.lines([`${kg(grossKg(it))} KGS`, 'G.W.', ...(rvc ? ['FOB USD', money(amountCents(it))] : [])], cols[4]! + 5, t, lead, body);
    t = Math.max(next, t + 4 * lead) + 4;
  });
  t = s.para(`TOTAL: ${inWords(totals.cartons)} (${totals.cartons}) CARTONS ONLY.`, cols[2]! + 4, t + 2, cols[3]! - cols[2]! - 8, lead, body);
  s.text('*'.repeat(44), cols[2]! + 4, t + 1, body);
  s.lines([`${kg(totals.grossKg)} KGS`, 'TOTAL G.W.'], cols[4]! + 5, T_B11 - 2 - lead, lead, body);

  // Box 11: declaration by the exporter.
  const b11 = X0 + 4;
  s.text('11. Declaration by the exporter', b11, T_B11 + 10, label);
  let y = s.para(
    'The undersigned hereby declares that the above details and statement are correct; that all the products were produced in',
    b11 + 8,
    T_B11 + 24,
    240,
    8.6,
    label,
  );
  s.text('CHINA', (X0 + XM) / 2, y + 5, { ...data, align: 'center' });
  s.dots(X0 + 60, XM - 60, y + 7);
  s.text('(Country)', (X0 + XM) / 2, y + 16, { ...label, align: 'center' });
  y = s.para(
    'and that they comply with the origin requirements specified for these products in the Rules of Origin for the ACFTA for the products exported to',
    b11 + 8,
    y + 30,
    240,
    8.6,
    label,
  );
  s.text('VIET NAM', (X0 + XM) / 2, y + 5, { ...data, align: 'center' });
  s.dots(X0 + 60, XM - 60, y + 7);
  s.text('(Importing Party)', (X0 + XM) / 2, y + 16, { ...label, align: 'center' });
  s.text(`NINGBO, CHINA  ${shipment.declarationDate}`, X0 + 18, T_B13 - 24, data);
  s.dots(X0 + 14, XM - 14, T_B13 - 20);
  s.para('Place and date, signature of authorised signatory', (X0 + XM) / 2 - 82, T_B13 - 11, 200, 8, label);
  drawRectStamp(page, {
    x: X0 + 124,
    y: A4[1] - (T_B13 - 60),
    lines: [exporter.name.replace(' MANUFACTURING', ''), 'EXPORT DEPARTMENT'],
    size: 5.6,
    rotation: 2.2,
  });
  drawSignature(page, { x: X0 + 140, y: A4[1] - (T_B13 - 56), w: 96, h: 30, seed: 20261105, variant: 1, rotation: 6 });

  // Box 12: certification by the issuing authority, with its seal and officer's signature.
  s.text('12. Certification', XM + 6, T_B11 + 10, label);
  s.para(
    'It is hereby certified, on the basis of control carried out, that the declaration by the exporter is correct.',
    XM + 14,
    T_B11 + 24,
    236,
    8.6,
    label,
  );
  s.text(`NINGBO, CHINA  ${shipment.certificateDate}`, XM + 20, T_B13 - 24, data);
  s.dots(XM + 14, X1 - 14, T_B13 - 20);
  s.para('Place and date, signature and stamp of certifying authority', (XM + X1) / 2 - 96, T_B13 - 11, 220, 8, label);
  drawSignature(page, { x: XM + 40, y: A4[1] - (T_B13 - 70), w: 80, h: 28, seed: 3100, rotation: -4 });
  // The issuing office's seal: a real impression (uneven ink, rotation) of the seal whose
  // specimens the demo library holds (assets/demo/specimens).
  await placeImpression(page, XM + 150, A4[1] - (T_B11 + 104), await sealImpressionPng(NINGBO_SEAL, 'form-e/000417', 'field', -7.5));

  // Box 13.
  const b13 = T_B13 + 22;
  s.text('13.', X0 + 4, b13, label);
  const opts = ['Issued Retroactively', 'Exhibition', 'Movement Certificate', 'Third Party Invoicing'];
  opts.forEach((o, i) => {
    const x = X0 + 32 + i * 130;
    s.checkbox(x, b13 + 1, 7);
    s.text(o, x + 12, b13, label);
  });
  footer(s, f);

  // Page 2: the overleaf notes (the back of the paper form).
  const back = new Sheet(doc.addPage(A4));
  overleafNotes(back, f);
  footer(back, f);
  return doc.save({ useObjectStreams: false });
}

function overleafNotes(s: Sheet, f: Fonts): void {
  const body = { font: f.times, size: 9.2 };
  const bold = { font: f.timesBold, size: 9.2 };
  const L = 62;
  const W = 470;
  const lead = 11.6;
  s.text('OVERLEAF NOTES', A4[0] / 2, 62, { font: f.timesBold, size: 11, align: 'center' });
  let t = 90;
  const item = (n: string, head: string, text: string) => {
    s.text(n, L, t, body);
    s.text(head, L + 22, t, bold);
    const indent = head ? f.timesBold.widthOfTextAtSize(head, bold.size) + 6 : 0;
    const first = wrap(text, W - 22 - indent, f.times, body.size);
    s.text(first[0]!, L + 22 + indent, t, body);
    const rest = first.slice(1).join(' ');
    t = rest ? s.para(rest, L + 22, t + lead, W - 22, lead, body) + 5 : t + lead + 5;
  };
  item(
    '1.',
    '',
    'Parties which accept this form for the purpose of preferential tariff treatment under the ASEAN-China Free Trade Area (ACFTA):',
  );
  s.lines(['BRUNEI DARUSSALAM     CAMBODIA     CHINA     INDONESIA     LAOS     MALAYSIA', 'MYANMAR     PHILIPPINES     SINGAPORE     THAILAND     VIET NAM'], L + 40, t, lead, { font: f.times, size: 8.6 });
  t += 2 * lead + 6;
  item('2.', 'CONDITIONS:', 'The main conditions for admission to the preferential tariff treatment under the ACFTA are that products sent to any Parties listed above:');
  for (const [n, text] of [
    ['(i)', 'must fall within a description of products eligible for concessions in the importing Party;'],
    ['(ii)', 'must comply with the consignment conditions that the products must be consigned directly from any ACFTA Party to the importing Party, subject to the conditions on transit through non-Parties set out in the Rules of Origin;'],
    ['(iii)', 'must comply with the origin criteria given in the Rules of Origin for the ACFTA.'],
  ] as const) {
    s.text(n, L + 30, t, body);
    t = s.para(text, L + 56, t, W - 56, lead, body) + 3;
  }
  t += 3;
  item('3.', 'ORIGIN CRITERIA:', 'For products that meet the origin criteria, the exporter must indicate in Box 8 of this Form the origin criteria met, in the manner shown in the following table:');

  // Origin criteria table.
  const tx = [L + 22, L + 330, L + W];
  const rows: [string, string][] = [
    ['Circumstances of production or manufacture in the first country named in Box 11 of this Form', 'Insert in Box 8'],
    ['(a) Products wholly obtained or produced in the exporting Party', '"WO"'],
    ['(b) Products satisfying the Regional Value Content criterion of not less than 40 per cent', 'Percentage of the RVC, e.g. "RVC 40%"'],
    ['(c) Products satisfying the Change in Tariff Classification at four-digit level (heading)', '"CTH"'],
    ['(d) Products satisfying the Product Specific Rules', '"PSR"'],
    ['(e) Products satisfying accumulation with materials of other Parties', '"ACU"'],
  ];
  const top = t - 9;
  let rowTop = top;
  rows.forEach(([a, b], i) => {
    const o = { font: i === 0 ? f.timesBold : f.times, size: 8.8 };
    const la = wrap(a, tx[1]! - tx[0]! - 10, o.font, o.size);
    const lb = wrap(b, tx[2]! - tx[1]! - 10, o.font, o.size);
    const h = Math.max(la.length, lb.length) * 10.6 + 6;
    s.lines(la, tx[0]! + 5, rowTop + 11, 10.6, o);
    s.lines(lb, tx[1]! + 5, rowTop + 11, 10.6, o);
    s.hline(tx[0]!, tx[2]!, rowTop);
    rowTop += h;
  });
  s.hline(tx[0]!, tx[2]!, rowTop);
  for (const x of tx) s.vline(x, top, rowTop);
  t = rowTop + 18;

  item('4.', 'EACH ARTICLE MUST QUALIFY:', 'It should be noted that all the products in a consignment must qualify separately in their own right. This is of particular relevance when similar articles of different sizes or spare parts are sent.');
  item('5.', 'DESCRIPTION OF PRODUCTS:', 'The description of products must be sufficiently detailed to enable the products to be identified by the Customs Officers examining them. Name of manufacturer and any trade mark shall also be specified.');
  item('6.', 'HARMONISED SYSTEM NUMBER:', 'The Harmonised System number shall be that of the importing Party, at the six-digit level.');
  item('7.', 'EXPORTER:', 'The term "Exporter" in Box 11 may include the manufacturer or the producer.');
  item('8.', 'FOR OFFICIAL USE:', 'The Customs Authority of the importing Party must indicate in the relevant boxes in Box 4 whether or not preferential tariff treatment is accorded.');
  item('9.', 'THIRD PARTY INVOICING:', 'In cases where invoices are issued by a third country, "Third Party Invoicing" in Box 13 should be ticked and the invoice number indicated in Box 10, with the name and country of the company issuing the invoice in Box 7.');
  item('10.', 'MOVEMENT CERTIFICATE:', 'In cases of a Movement Certificate, "Movement Certificate" in Box 13 should be ticked, and the name of the original issuing Party and the reference number of the original certificate indicated in Box 13.');
  item('11.', 'ISSUED RETROACTIVELY:', 'In exceptional cases where the Certificate of Origin has not been issued at the time of exportation, "Issued Retroactively" in Box 13 shall be ticked; it may be issued no longer than one year from the date of shipment.');
}

// ---------------------------------------------------------------------------
// Letterhead shared by the exporter's own documents

function letterhead(s: Sheet, f: Fonts, title: string): number {
  const c = A4[0] / 2;
  s.text(exporter.name, c, 52, { font: f.helvBold, size: 14, align: 'center', color: rgb(0.08, 0.2, 0.45) });
  s.text(exporter.address.join(', '), c, 66, { font: f.helv, size: 8, align: 'center' });
  s.text(`${exporter.contact}   E-MAIL: export@hengtai-fastener.example`, c, 76, { font: f.helv, size: 8, align: 'center' });
  s.hline(40, A4[0] - 40, 84, 1.6, rgb(0.08, 0.2, 0.45));
  s.hline(40, A4[0] - 40, 87, 0.5, rgb(0.08, 0.2, 0.45));
  s.text(title, c, 112, { font: f.helvBold, size: 16, align: 'center' });
  const w = f.helvBold.widthOfTextAtSize(title, 16);
  s.hline(c - w / 2, c + w / 2, 115, 0.8);
  return 128;
}

function companySeal(page: import('pdf-lib').PDFPage, f: Fonts, cx: number, cy: number, rotation: number): void {
  drawSeal(page, {
    cx,
    cy,
    r: 52,
    rotation,
    maxArcDeg: 280,
    ringText: 'NINGBO HENGTAI FASTENER MANUFACTURING CO., LTD.',
    bottomLines: ['EXPORT SEAL'],
    opacity: 0.82,
  });
}

/** "For and on behalf of", the company seal and the signatory's signature; `st` is the signature line. */
function signatureBlock(s: Sheet, f: Fonts, st: number, sealRotation: number, variant: number): void {
  const sx = 352;
  s.text('FOR AND ON BEHALF OF', sx, st - 58, { font: f.helv, size: 7.4 });
  s.text(exporter.name.replace(' MANUFACTURING', ''), sx, st - 48, { font: f.helvBold, size: 7.4 });
  s.hline(sx, sx + 180, st + 14, 0.6);
  s.text(`AUTHORISED SIGNATURE  (${shipment.exporterSignatory}, ${shipment.exporterTitle})`, sx, st + 24, { font: f.helv, size: 6.8 });
  companySeal(s.page, f, sx + 110, A4[1] - st + 5, sealRotation);
  drawSignature(s.page, { x: sx + 11, y: A4[1] - st + 22, w: 96, h: 32, seed: 20261105, variant, rotation: 2 + variant });
}

/** Two-column header box of label/value cells; returns the bottom edge. */
function infoGrid(s: Sheet, f: Fonts, top: number, left: [string, string[]][], right: [string, string[]][]): number {
  const X0 = 40;
  const X1 = A4[0] - 40;
  const XM = 318;
  const lbl = { font: f.helvBold, size: 6.6, color: rgb(0.25, 0.25, 0.25) };
  const val = { font: f.helv, size: 8.2 };
  const cell = (x: number, w: number, t: number, [name, lines]: [string, string[]]) => {
    s.text(name, x + 4, t + 9, lbl);
    const wrapped = lines.flatMap((l) => wrap(l, w - 14, f.helv, val.size));
    s.lines(wrapped, x + 8, t + 20, 9.6, val);
    return 14 + wrapped.length * 9.6 + 4;
  };
  // Cells stack down each column; the last cell of the shorter column takes the spare height.
  const stack = (x: number, w: number, cells: [string, string[]][]) => {
    const bottoms: number[] = [];
    let t = top;
    for (const c of cells) bottoms.push((t += cell(x, w, t, c)));
    return bottoms;
  };
  const lb = stack(X0, XM - X0, left);
  const rb = stack(XM, X1 - XM, right);
  const bottom = Math.max(lb[lb.length - 1]!, rb[rb.length - 1]!);
  for (const y of lb.slice(0, -1)) s.hline(X0, XM, y);
  for (const y of rb.slice(0, -1)) s.hline(XM, X1, y);
  s.rect(X0, top, X1 - X0, bottom - top, 0.9);
  s.vline(XM, top, bottom);
  return bottom;
}

interface Column {
  head: string[];
  w: number;
  align?: 'left' | 'right' | 'center';
}

/** A ruled table with a grey header; `rows` are cell line arrays; returns the bottom edge. */
function table(s: Sheet, f: Fonts, top: number, columns: Column[], rows: string[][][], lead = 9.4): number {
  const X0 = 40;
  const xs = columns.reduce<number[]>((a, c) => [...a, a[a.length - 1]! + c.w], [X0]);
  const headH = Math.max(...columns.map((c) => c.head.length)) * 8.4 + 8;
  s.fill(X0, top, xs[xs.length - 1]! - X0, headH, rgb(0.9, 0.91, 0.93));
  columns.forEach((c, i) =>
    s.lines(c.head, (xs[i]! + xs[i + 1]!) / 2, top + 11, 8.4, { font: f.helvBold, size: 6.8, align: 'center' }),
  );
  let t = top + headH;
  s.hline(X0, xs[xs.length - 1]!, t);
  for (const row of rows) {
    const n = Math.max(...row.map((cell) => cell.length));
    row.forEach((cell, i) => {
      const c = columns[i]!;
      const x = c.align === 'right' ? xs[i + 1]! - 4 : c.align === 'center' ? (xs[i]! + xs[i + 1]!) / 2 : xs[i]! + 4;
      s.lines(cell, x, t + 11, lead, { font: f.helv, size: 7.8, align: c.align ?? 'left' });
    });
    t += n * lead + 8;
    s.hline(X0, xs[xs.length - 1]!, t, 0.3, rgb(0.6, 0.6, 0.6));
  }
  s.rect(X0, top, xs[xs.length - 1]! - X0, t - top, 0.9);
  for (const x of xs.slice(1, -1)) s.vline(x, top, t, 0.5);
  return t;
}

// ---------------------------------------------------------------------------
// 2. Commercial invoice

async function makeInvoice(): Promise<Uint8Array> {
  const { doc, f } = await newDoc(`Commercial invoice ${shipment.invoiceNo}`);
  const page = doc.addPage(A4);
  const s = new Sheet(page);
  let t = letterhead(s, f, 'COMMERCIAL INVOICE');
  t = infoGrid(
    s,
    f,
    t,
    [
      ['SELLER / EXPORTER', [exporter.name, ...exporter.address]],
      ['SOLD TO / CONSIGNEE', [consignee.name, ...consignee.address, consignee.contact]],
      ['NOTIFY PARTY', ['SAME AS CONSIGNEE']],
      ['SHIPMENT', [`BY SEA FROM ${shipment.portOfLoading} TO ${shipment.portOfDischarge}`, `VESSEL: ${shipment.vessel} / ETD ${shipment.departureDate}`]],
    ],
    [
      ['INVOICE NO. / DATE', [`${shipment.invoiceNo} / ${shipment.invoiceDate}`]],
      ['CONTRACT NO. / DATE', [`${shipment.contractNo} / ${shipment.contractDate}`]],
      ["BUYER'S ORDER NO.", [shipment.customerPo]],
      ['TERMS OF SALE (INCOTERMS 2020)', [shipment.incoterm]],
      ['TERMS OF PAYMENT', [shipment.payment]],
      ['CURRENCY OF SETTLEMENT', ['USD - UNITED STATES DOLLAR']],
      ['COUNTRY OF ORIGIN', ["CHINA (FORM E TO BE ISSUED)"]],
    ],
  );
  t += 12;
  const columns: Column[] = [
    { head: ['MARKS & NOS.'], w: 76 },
    { head: ['NO.'], w: 22, align: 'center' },
    { head: ['DESCRIPTION OF GOODS'], w: 176 },
    { head: ['HS CODE'], w: 46, align: 'center' },
    { head: ['QUANTITY', '(PCS)'], w: 60, align: 'right' },
    { head: ['UNIT PRICE', '(USD/PC)'], w: 58, align: 'right' },
    { head: ['AMOUNT', '(USD)'], w: 77, align: 'right' },
  ];
  const rows = items.map((it, i) => [
    i === 0 ? [...shipment.marks] : [],
    [String(i + 1)],
    wrap(`${it.description}, ${it.spec}`, 168, f.helv, 7.8),
    [it.hs],
    [int(it.quantity)],
    [unitPrice(it.unitPrice)],
    [money(amountCents(it))],
  ]);
  rows.push([[], [], ['TOTAL', `${shipment.incoterm}`], [], [int(totals.pieces)], [], [money(totals.amountCents)]]);
  t = table(s, f, t, columns, rows);
  s.text(amountInWords(totals.amountCents), 44, t + 16, { font: f.helvBold, size: 8.2 });

  t += 34;
  const info = { font: f.helv, size: 8.2 };
  const afterInfo = s.lines(
    [
      `PACKING: ${totals.cartons} CARTONS (${inWords(totals.cartons)} CARTONS ONLY), EXPORT CARTONS ON PALLETS`,
      `TOTAL NET WEIGHT: ${kg(totals.netKg)} KGS      TOTAL GROSS WEIGHT: ${kg(totals.grossKg)} KGS      MEASUREMENT: ${totals.cbm.toFixed(3)} CBM`,
      `BENEFICIARY BANK: BANK OF CHINA, NINGBO ZHENHAI SUB-BRANCH     A/C NO.: 3581 2260 4417 (USD)`,
      'WE HEREBY CERTIFY THAT THIS INVOICE IS TRUE AND CORRECT AND THAT THE GOODS ARE OF CHINESE ORIGIN.',
    ],
    44,
    t,
    12,
    info,
  );

  signatureBlock(s, f, afterInfo + 70, 9, 2);
  footer(s, f);
  return doc.save({ useObjectStreams: false });
}

// ---------------------------------------------------------------------------
// 3. Packing list

async function makePackingList(): Promise<Uint8Array> {
  const { doc, f } = await newDoc(`Packing list ${shipment.invoiceNo}`);
  const page = doc.addPage(A4);
  const s = new Sheet(page);
  let t = letterhead(s, f, 'PACKING LIST');
  t = infoGrid(
    s,
    f,
    t,
    [
      ['EXPORTER', [exporter.name, ...exporter.address]],
      ['CONSIGNEE', [consignee.name, ...consignee.address]],
      ['NOTIFY PARTY', ['SAME AS CONSIGNEE']],
    ],
    [
      ['INVOICE NO. / DATE', [`${shipment.invoiceNo} / ${shipment.invoiceDate}`]],
      ['CONTRACT NO.', [shipment.contractNo]],
      ['PORT OF LOADING / DISCHARGE', [`${shipment.portOfLoading}  /  ${shipment.portOfDischarge}`]],
      ['VESSEL / ETD', [`${shipment.vessel}  /  ${shipment.departureDate}`]],
      ['CONTAINER / SEAL', [shipment.container]],
    ],
  );
  t += 12;
  const columns: Column[] = [
    { head: ['CARTON', 'NOS.'], w: 48, align: 'center' },
    { head: ['DESCRIPTION OF GOODS'], w: 169 },
    { head: ['PCS/', 'CTN'], w: 34, align: 'right' },
    { head: ['CTNS'], w: 30, align: 'right' },
    { head: ['QUANTITY', '(PCS)'], w: 50, align: 'right' },
    { head: ['N.W./CTN', '(KGS)'], w: 42, align: 'right' },
    { head: ['G.W./CTN', '(KGS)'], w: 42, align: 'right' },
    { head: ['TOTAL N.W.', '(KGS)'], w: 50, align: 'right' },
    { head: ['TOTAL G.W.', '(KGS)'], w: 50, align: 'right' },
  ];
  const ranges = cartonRanges();
  const rows = items.map((it, i) => [
    [`${ranges[i]![0]}-${ranges[i]![1]}`],
    [...wrap(`${it.description}, ${it.spec}`, 161, f.helv, 7.8), `HS ${it.hs}   CTN ${it.cartonCm.join('X')} CM`],
    [int(it.pcsPerCarton)],
    [String(it.cartons)],
    [int(it.quantity)],
    [kg(it.netPerCarton)],
    [kg(it.grossPerCarton)],
    [kg(netKg(it))],
    [kg(grossKg(it))],
  ]);
  rows.push([[], ['TOTAL'], [], [String(totals.cartons)], [int(totals.pieces)], [], [], [kg(totals.netKg)], [kg(totals.grossKg)]]);
  t = table(s, f, t, columns, rows);

  t += 20;
  const info = { font: f.helv, size: 8.2 };
  s.text('SHIPPING MARKS:', 44, t, { font: f.helvBold, size: 8.2 });
  s.lines([...shipment.marks], 44, t + 12, 10.5, { font: f.courierBold, size: 8.2 });
  const afterInfo = s.lines(
    [
      `TOTAL PACKAGES: ${totals.cartons} CARTONS (${inWords(totals.cartons)} CARTONS ONLY)`,
      `TOTAL NET WEIGHT: ${kg(totals.netKg)} KGS`,
      `TOTAL GROSS WEIGHT: ${kg(totals.grossKg)} KGS`,
      `TOTAL MEASUREMENT: ${totals.cbm.toFixed(3)} CBM`,
      ...wrap("PACKED IN 1 X 20' GENERAL PURPOSE CONTAINER, CARTONS STRAPPED ON WOODEN PALLETS (IPPC MARKED).", 360, f.helv, info.size),
    ],
    180,
    t,
    12,
    info,
  );
  signatureBlock(s, f, Math.max(afterInfo, t + 4 * 10.5) + 70, -12, 3);
  footer(s, f);
  return doc.save({ useObjectStreams: false });
}

// ---------------------------------------------------------------------------
// 4. The certificate as it comes off a desk scanner: 200 dpi greyscale, skewed, noisy, uneven

const SCAN_DPI = 200;
const SCAN_W = Math.round((A4[0] / 72) * SCAN_DPI); // 1654
const SCAN_H = Math.round((A4[1] / 72) * SCAN_DPI); // 2339

async function renderPdfPages(pdf: Uint8Array): Promise<string[]> {
  const dir = mkdtempSync(join(tmpdir(), 'od-demo-render-'));
  const file = join(dir, 'form-e.pdf');
  writeFileSync(file, pdf);
  const pages: string[] = [];
  await renderDocument(
    file,
    'pdf',
    undefined,
    { pagePath: (i, v) => join(dir, `${i}-${v}.${v === 'full' ? 'png' : 'jpg'}`) },
    { onTotal: () => undefined, onPage: (p) => pages.push(join(dir, `${p.index}-full.png`)), cancelled: () => false },
  );
  return pages;
}

/** Degrades a clean 300-dpi render into a plausible flatbed scan; returns raw 8-bit grey pixels. */
async function scanPage(png: string, seed: number, skewDeg: number, shift: [number, number]): Promise<Buffer> {
  const rand = mulberry32(seed);
  // Optics: downsample to 200 dpi, slight blur, skew on the glass (grey lid shows at the edges).
  const { data: skewed, info } = await sharp(png)
    .greyscale()
    .resize(SCAN_W, SCAN_H, { kernel: 'lanczos3' })
    .rotate(skewDeg, { background: { r: 200, g: 200, b: 200 } })
    .blur(0.55)
    .extractChannel(0)
    .raw()
    .toBuffer({ resolveWithObject: true });
  const out = Buffer.alloc(SCAN_W * SCAN_H);
  const ox = Math.round((info.width - SCAN_W) / 2) + shift[0];
  const oy = Math.round((info.height - SCAN_H) / 2) + shift[1];
  // Uneven lamp: brighter in the middle, darker towards one corner and the binding edge.
  for (let y = 0; y < SCAN_H; y++) {
    const sy = Math.min(info.height - 1, Math.max(0, y + oy));
    const vy = y / SCAN_H;
    for (let x = 0; x < SCAN_W; x++) {
      const sx = Math.min(info.width - 1, Math.max(0, x + ox));
      const v = skewed[sy * info.width + sx]!;
      const vx = x / SCAN_W;
      const light = 0.94 - 0.07 * (vx * 0.6 + vy * 0.4) ** 2 - 0.08 * Math.exp(-vx * 18);
      // Paper is never pure white; ink is never pure black.
      let p = 14 + (v / 255) * 236 * light;
      // Sensor noise (approximately Gaussian: sum of three uniforms).
      p += (rand() + rand() + rand() - 1.5) * 9;
      out[y * SCAN_W + x] = Math.max(0, Math.min(255, Math.round(p)));
    }
  }
  // Dust and a few specks.
  for (let k = 0; k < 60; k++) {
    const x = Math.floor(rand() * SCAN_W);
    const y = Math.floor(rand() * SCAN_H);
    const r = 1 + Math.floor(rand() * 2);
    for (let dy = -r; dy <= r; dy++)
      for (let dx = -r; dx <= r; dx++) {
        const i = (y + dy) * SCAN_W + x + dx;
        if (i >= 0 && i < out.length && dx * dx + dy * dy <= r * r) out[i] = Math.min(out[i]!, 70 + Math.floor(rand() * 60));
      }
  }
  // Gamma of the scanner's tone curve.
  return sharp(out, { raw: { width: SCAN_W, height: SCAN_H, channels: 1 } }).gamma(2.2, 2.0).extractChannel(0).raw().toBuffer();
}

async function makeScannedTiff(formE: Uint8Array): Promise<Uint8Array> {
  const pages = await renderPdfPages(formE);
  try {
    const frames = [
      await scanPage(pages[0]!, 417, 0.8, [6, -4]),
      await scanPage(pages[1]!, 418, -0.35, [-3, 5]),
    ];
    return await sharp(Buffer.concat(frames), {
      raw: { width: SCAN_W, height: SCAN_H * frames.length, channels: 1, pageHeight: SCAN_H } as never,
    })
      // Without an explicit b-w colourspace sharp writes the grey pixels as RGB.
      .toColourspace('b-w')
      .tiff({ compression: 'jpeg', quality: 72, xres: SCAN_DPI / 25.4, yres: SCAN_DPI / 25.4, resolutionUnit: 'inch' })
      .toBuffer();
  } finally {
    rmSync(dirname(pages[0] ?? join(tmpdir(), 'x', 'y')), { recursive: true, force: true });
  }
}

// ---------------------------------------------------------------------------

async function main(): Promise<void> {
  const formE = await makeFormE();
  const files: [string, Uint8Array][] = [
    ['01-form-e-certificate-of-origin.pdf', formE],
    ['02-commercial-invoice.pdf', await makeInvoice()],
    ['03-packing-list.pdf', await makePackingList()],
    ['04-form-e-scanned.tiff', await makeScannedTiff(formE)],
  ];
  let total = 0;
  for (const [name, bytes] of files) {
    writeFileSync(join(OUT_DIR, name), bytes);
    total += bytes.byteLength;
    process.stdout.write(`${name.padEnd(40)} ${(bytes.byteLength / 1024).toFixed(0).padStart(6)} KiB\n`);
  }
  process.stdout.write(`${'total'.padEnd(40)} ${(total / 1024).toFixed(0).padStart(6)} KiB\n`);
}

await main();
