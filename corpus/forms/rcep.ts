/**
 * RCEP certificate of origin (Form RCEP, Annex 3B layout): exporter (1), producer (2),
 * importer/consignee (3), transport (4), official use (5), item columns 6–13, remarks (14),
 * declaration (15), certification (16).
 */
import type { Rng } from '../rng.ts';
import type { Shipment } from '../shipment.ts';
import type { Sheet } from '../draw.ts';
import {
  countryName, date, drawSignature, drawStamp, hsPrinted, idNorm, joinLines, LABEL, money, moneyTruth,
  packagesPhrase, partyLines, type Rendered, weightPrinted, weightTruth,
} from './common.ts';

const X0 = 36, XM = 300, X1 = 559;
const COLS = [36, 58, 114, 268, 318, 364, 408, 482, 559];

export async function drawRcep(sheet: Sheet, s: Shipment, rng: Rng): Promise<Rendered> {
  const fields: Record<string, string> = {};
  const vs = 8, lead = 9.6;
  const dx = rng.float(4, 12);
  sheet.rect(X0, 40, X1 - X0, 760);
  for (const y of [110, 170]) sheet.line(X0, y, XM, y);
  sheet.line(X0, 240, X1, 240);
  sheet.line(XM, 40, XM, 320);
  sheet.line(X0, 320, X1, 320);
  sheet.line(X0, 372, X1, 372);
  for (const x of COLS.slice(1, -1)) sheet.line(x, 320, x, 560);
  sheet.line(X0, 560, X1, 560);
  sheet.line(X0, 592, X1, 592);
  sheet.line(XM, 592, XM, 770);
  sheet.line(X0, 770, X1, 770);

  const party = (label: string, y: number, lines: string[]) => {
    const ll = sheet.wrap(label, X0 + 4, y + 8, XM - X0 - 8, { ...LABEL, leading: 7.2 });
    const top = y + 8 + ll.length * 7.2 + 6;
    partyLines(sheet, lines, XM - X0 - dx - 6, vs).forEach((l, i) => sheet.text(l, X0 + dx, top + i * lead, { size: vs }));
  };
  party("1. Exporter's name, address and country:", 40, s.exporter.lines);
  const producer = rng.pick(['SAME AS EXPORTER', 'AVAILABLE UPON REQUEST', 'AS PER EXPORTER']);
  party("2. Producer's name, address and country (if known):", 110, [producer]);
  party("3. Importer's or consignee's name, address and country:", 170, s.consignee.lines);
  fields.exporter = joinLines(s.exporter.lines);
  fields.consignee = joinLines(s.consignee.lines);

  sheet.text('4. Means of transport and route (if known):', X0 + 4, 249, LABEL);
  const importName = countryName(s.importCountry, rng);
  const exportName = countryName(s.exportCountry, rng);
  const rows: [string, string][] = [
    ['Departure Date:', date(s, s.departureDate)],
    ["Vessel's name/Aircraft flight number:", s.vessel],
    ['Port of loading:', s.portLoading],
    ['Port of discharge:', `${s.portDischarge}, ${importName}`],
  ];
  rows.forEach(([l, val], i) => {
    sheet.text(l, X0 + 8, 262 + i * 15, LABEL);
    // Long values are typed smaller to fit the box, as typists do.
    let size = 7.5;
    while (size > 5.2 && sheet.width(val, size) > XM - X0 - 124) size -= 0.25;
    sheet.text(val, X0 + 118, 262 + i * 15, { size });
  });
  fields.departure_date = s.departureDate;
  fields.transport_route = joinLines([s.vessel, s.portLoading, `${s.portDischarge}, ${importName}`]);

  const cx = (XM + X1) / 2;
  sheet.text('Certificate No.:', XM + 6, 52, { size: 7, font: 'label' });
  sheet.text(s.referenceNo, XM + 66, 52, { size: 9, font: 'valueBold' });
  fields.reference_no = idNorm(s.referenceNo);
  sheet.text('Form RCEP', cx, 74, { size: 11, font: 'title', align: 'center' });
  sheet.text('REGIONAL COMPREHENSIVE ECONOMIC', cx, 92, { size: 8.5, font: 'title', align: 'center' });
  sheet.text('PARTNERSHIP AGREEMENT', cx, 103, { size: 8.5, font: 'title', align: 'center' });
  sheet.text('CERTIFICATE OF ORIGIN', cx, 118, { size: 9.5, font: 'title', align: 'center' });
  sheet.text('Issued in', XM + 14, 160, { size: 7, font: 'label' });
  sheet.text(exportName, XM + 56, 159, { size: vs });
  sheet.text('(Country)', cx, 170, { ...LABEL, align: 'center' });
  sheet.text('(See Overleaf Notes)', cx, 215, { ...LABEL, align: 'center' });
  sheet.text('5. For official use', XM + 4, 249, LABEL);
  sheet.checkbox(XM + 10, 266);
  sheet.text('Preferential Tariff Treatment Given', XM + 22, 263, LABEL);
  sheet.checkbox(XM + 10, 282);
  sheet.text('Preferential Tariff Treatment Not Given (Please state reason/s)', XM + 22, 279, LABEL);

  const headers = [
    '6. Item number',
    '7. Marks and numbers on packages',
    '8. Number and kind of packages; and description of goods',
    '9. HS Code of the goods (6 digit-level)',
    '10. Origin Conferring Criterion',
    '11. RCEP Country of Origin',
    '12. Quantity (Gross weight or other measurement), and value (FOB) where RVC is applied',
    '13. Invoice number(s) and date of invoice(s)',
  ];
  headers.forEach((h, i) => sheet.wrap(h, COLS[i]! + 2, 327, COLS[i + 1]! - COLS[i]! - 4, { size: 5.4, font: 'label', leading: 6.1 }));

  let y = 384;
  const lineItems: Rendered['lineItems'] = [];
  s.goods.forEach((g, k) => {
    const y0 = y;
    sheet.text(String(k + 1), COLS[0]! + 7, y0, { size: vs });
    const marksLines = k === 0 ? sheet.cell(s.marks, COLS[1]! + 2, y0, COLS[2]! - COLS[1]! - 4, lead, { size: 6.5 }) : 1;
    const descText = `${packagesPhrase(g, rng)} ${g.description}`;
    const body = sheet.wrapLines(descText, COLS[3]! - COLS[2]! - 6, 7.5);
    body.forEach((l, i) => sheet.text(l, COLS[2]! + 3, y0 + i * lead, { size: 7.5 }));
    sheet.text(hsPrinted(g.hs, rng), COLS[3]! + 3, y0, { size: 7.5 });
    sheet.text(g.criterionPrinted, COLS[4]! + 4, y0, { size: vs });
    const originLines = sheet.cell([rng.chance(0.5) ? countryName(s.exportCountry, rng) : s.exportCountry], COLS[5]! + 3, y0, COLS[6]! - COLS[5]! - 5, lead, { size: 6.5 });
    const twelve = sheet.wrapLines(weightPrinted(s, g.grossCenti, rng), COLS[7]! - COLS[6]! - 5, 7);
    const showFob = g.criterion === 'RVC';
    if (showFob) twelve.push(...sheet.wrapLines(`FOB ${money(s, g.fobMinor)}`, COLS[7]! - COLS[6]! - 5, 7));
    twelve.forEach((l, i) => sheet.text(l, COLS[6]! + 3, y0 + i * lead, { size: 7 }));
    if (k === 0) {
      [s.invoiceNo, date(s, s.invoiceDate)].flatMap((t) => sheet.wrapLines(t, COLS[8]! - COLS[7]! - 5, 7)).forEach((l, i) => sheet.text(l, COLS[7]! + 3, y0 + i * lead, { size: 7 }));
      fields.item_no = '1';
      fields.marks_numbers = joinLines(s.marks);
      fields.goods_description = descText;
      fields.hs_code = g.hs;
      fields.origin_criterion = g.criterion;
      fields.gross_weight_quantity = weightTruth(g.grossCenti);
      if (showFob) fields.fob_value = moneyTruth(s, g.fobMinor);
      fields.invoice_no = idNorm(s.invoiceNo);
      fields.invoice_date = s.invoiceDate;
    }
    lineItems.push({ description: descText, hsCode: g.hs, quantity: weightTruth(g.grossCenti).split(' ')[0]!, unit: 'KG', unitPrice: null, amount: showFob ? moneyTruth(s, g.fobMinor) : null });
    y = y0 + Math.max(body.length, twelve.length, marksLines, originLines, 2) * lead + 12;
  });

  sheet.text('14. Remarks', X0 + 4, 569, LABEL);
  if (rng.chance(0.3)) sheet.text(rng.pick(['NIL', 'N/A', 'THIRD-PARTY INVOICING: NO']), X0 + 60, 582, { size: 7.5 });

  sheet.text('15. Declaration by the exporter or producer', X0 + 4, 601, LABEL);
  let dy = 612;
  const bw = XM - X0;
  for (const l of sheet.wrapLines('The undersigned hereby declares that the above details and statements are correct and that the goods covered in this Certificate comply with the requirements specified in the RCEP Agreement. These goods are exported to:', bw - 14, 6.2, 'label'))
    (sheet.text(l, X0 + 8, dy, LABEL), (dy += 7.4));
  dy += 9;
  sheet.text(importName, X0 + bw / 2, dy, { size: vs, align: 'center' });
  sheet.text('(Importing Party)', X0 + bw / 2, dy + 9, { ...LABEL, align: 'center' });
  fields.export_country = s.exportCountry;
  fields.import_country = s.importCountry;
  sheet.text(`${s.exporter.lang === 'en' ? s.exporter.city : s.certPlace.split(',')[0]}, ${date(s, s.declarationDate)}`, X0 + bw / 2, 744, { size: vs, align: 'center' });
  drawSignature(sheet, rng, X0 + bw / 2 - 10, 690);
  sheet.text('Place and date, and signature of authorised signatory', X0 + bw / 2, 762, { ...LABEL, align: 'center' });

  sheet.text('16. Certification', XM + 4, 601, LABEL);
  let cy = 612;
  for (const l of sheet.wrapLines('On the basis of control carried out, it is hereby certified that the information herein is correct and that the goods described comply with the origin requirements specified in the RCEP Agreement.', bw - 14, 6.2, 'label'))
    (sheet.text(l, XM + 8, cy, LABEL), (cy += 7.4));
  cy += 12;
  sheet.wrapLines(s.authority, bw - 24, vs).forEach((l, i) => sheet.text(l, XM + 10, cy + i * 10, { size: vs }));
  sheet.text(`${s.certPlace}${rng.pick([', ', ' '])}${date(s, s.certDate, true)}`, XM + bw / 2, 744, { size: vs, align: 'center' });
  sheet.text('Place and date, signature and stamp of the Issuing Body', XM + bw / 2, 762, { ...LABEL, align: 'center' });
  await drawStamp(sheet, rng, s.authority, XM + bw / 2 + 82, 694);
  drawSignature(sheet, rng, XM + bw / 2 - 70, 690);
  fields.issuing_authority = s.authority;
  fields.certification_place = s.certPlace;
  fields.certification_date = s.certDate;

  ['Back-to-back Certificate of Origin', 'Third-party invoicing', 'Issued retroactively'].forEach((t, i) => {
    sheet.checkbox(X0 + 12 + i * 170, 788, 7);
    sheet.text(t, X0 + 23 + i * 170, 787, { size: 6.5, font: 'label' });
  });
  return { fields, lineItems };
}
