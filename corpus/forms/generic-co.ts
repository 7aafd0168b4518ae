/**
 * A non-preferential certificate of origin as chambers of commerce issue them (ICC-style
 * layout): issuing chamber and serial number on top, consignor, consignee, country of origin,
 * destination, transport, remarks (invoice), goods table, declaration, certification.
 */
import type { Rng } from '../rng.ts';
import type { Shipment } from '../shipment.ts';
import type { Sheet } from '../draw.ts';
import { countryName, date, drawSignature, drawStamp, hsPrinted, idNorm, joinLines, LABEL, packagesPhrase, partyLines, type Rendered, weightPrinted, weightTruth } from './common.ts';

const X0 = 36, XM = 300, X1 = 559;
const COLS = [36, 76, 160, 452, 559];

export async function drawGenericCo(sheet: Sheet, s: Shipment, rng: Rng): Promise<Rendered> {
  const fields: Record<string, string> = {};
  const vs = 8, lead = 10;
  const dx = rng.float(4, 12);
  const chamber = s.authority;
  sheet.text(chamber, (X0 + X1) / 2, 36, { size: 8.5, font: 'title', align: 'center' });
  sheet.text('CERTIFICATE OF ORIGIN', (X0 + X1) / 2, 58, { size: 15, font: 'title', align: 'center' });
  sheet.text('No.', X1 - 150, 78, { size: 8, font: 'label' });
  sheet.text(s.referenceNo, X1 - 132, 78, { size: 9, font: 'valueBold' });
  fields.reference_no = idNorm(s.referenceNo);
  sheet.rect(X0, 86, X1 - X0, 700);
  sheet.line(XM, 86, XM, 290);
  sheet.line(X0, 188, X1, 188);
  sheet.line(XM, 137, X1, 137);
  sheet.line(X0, 290, X1, 290);
  sheet.line(X0, 330, X1, 330);
  sheet.line(X0, 360, X1, 360);
  for (const x of COLS.slice(1, -1)) sheet.line(x, 330, x, 580);
  sheet.line(X0, 580, X1, 580);
  sheet.line(XM, 580, XM, 786);

  const party = (label: string, y: number, lines: string[]) => {
    sheet.text(label, X0 + 4, y + 9, LABEL);
    partyLines(sheet, lines, XM - X0 - dx - 6, vs).forEach((l, i) => sheet.text(l, X0 + dx, y + 24 + i * lead, { size: vs }));
  };
  party('1. Consignor (Exporter: name, address, country)', 86, s.exporter.lines);
  party('2. Consignee (name, address, country)', 188, s.consignee.lines);
  fields.exporter = joinLines(s.exporter.lines);
  fields.consignee = joinLines(s.consignee.lines);

  sheet.text('3. Country of Origin', XM + 4, 95, LABEL);
  sheet.text(countryName(s.exportCountry, rng), XM + dx + 4, 117, { size: 9 });
  sheet.text('4. Country of Destination', XM + 4, 146, LABEL);
  sheet.text(countryName(s.importCountry, rng), XM + dx + 4, 168, { size: 9 });
  fields.export_country = s.exportCountry;
  fields.import_country = s.importCountry;
  sheet.text('5. Transport Details', XM + 4, 197, LABEL);
  const route = [`FROM ${s.portLoading} TO ${s.portDischarge}`, `BY ${s.mode}: ${s.vessel}`];
  const dep = `${rng.pick(['DEPARTURE DATE:', 'ON OR ABOUT', 'ETD'])} ${date(s, s.departureDate)}`;
  [...route, dep].flatMap((l) => sheet.wrapLines(l, X1 - XM - dx - 8, vs)).forEach((l, i) => sheet.text(l, XM + dx + 4, 214 + i * lead, { size: vs }));
  fields.transport_route = joinLines(route);
  fields.departure_date = s.departureDate;

  sheet.text('6. Remarks', X0 + 4, 299, LABEL);
  sheet.text(`INVOICE NO. ${s.invoiceNo} ${rng.pick(['DATED', 'DD.', 'OF'])} ${date(s, s.invoiceDate)}`, X0 + dx, 318, { size: vs });
  fields.invoice_no = idNorm(s.invoiceNo);
  fields.invoice_date = s.invoiceDate;

  const headers = ['7. Item No.', '8. Marks and Numbers', '9. Number and kind of packages; description of goods', '10. Quantity / Gross Weight'];
  headers.forEach((h, i) => sheet.wrap(h, COLS[i]! + 3, 341, COLS[i + 1]! - COLS[i]! - 6, { size: 6, font: 'label', leading: 7 }));
  let y = 374;
  const lineItems: Rendered['lineItems'] = [];
  s.goods.forEach((g, k) => {
    const y0 = y;
    sheet.text(String(k + 1), COLS[0]! + 12, y0, { size: vs });
    const marksLines = k === 0 ? sheet.cell(s.marks, COLS[1]! + 3, y0, COLS[2]! - COLS[1]! - 6, lead, { size: 7 }) : 1;
    const descText = `${packagesPhrase(g, rng)} ${g.description}`;
    const body = sheet.wrapLines(descText, COLS[3]! - COLS[2]! - 8, vs);
    body.push(`HS CODE: ${hsPrinted(g.hs, rng)}`);
    body.forEach((l, i) => sheet.text(l, COLS[2]! + 4, y0 + i * lead, { size: vs }));
    const wt = sheet.wrapLines(weightPrinted(s, g.grossCenti, rng), COLS[4]! - COLS[3]! - 6, vs);
    wt.forEach((l, i) => sheet.text(l, COLS[3]! + 3, y0 + i * lead, { size: vs }));
    if (k === 0) {
      fields.item_no = '1';
      fields.marks_numbers = joinLines(s.marks);
      fields.goods_description = descText;
      fields.hs_code = g.hs;
      fields.gross_weight_quantity = weightTruth(g.grossCenti);
    }
    lineItems.push({ description: descText, hsCode: g.hs, quantity: weightTruth(g.grossCenti).split(' ')[0]!, unit: 'KG', unitPrice: null, amount: null });
    y = y0 + Math.max(body.length, wt.length, marksLines) * lead + 12;
  });

  const bw = XM - X0;
  sheet.text('11. Declaration by the Exporter', X0 + 4, 590, LABEL);
  let dy = 602;
  for (const l of sheet.wrapLines('The undersigned, as exporter, hereby declares that the above details and statements are correct and that the goods described above originate in the country shown in box 3.', bw - 14, 6.2, 'label'))
    (sheet.text(l, X0 + 8, dy, LABEL), (dy += 7.4));
  sheet.text(`${s.exporter.lang === 'en' ? s.exporter.city : s.certPlace.split(',')[0]}, ${date(s, s.declarationDate)}`, X0 + bw / 2, 752, { size: vs, align: 'center' });
  drawSignature(sheet, rng, X0 + bw / 2 - 20, 692);
  sheet.text('Place and date, signature and stamp of the exporter', X0 + bw / 2, 770, { ...LABEL, align: 'center' });

  sheet.text('12. Certification', XM + 4, 590, LABEL);
  let cy = 602;
  for (const l of sheet.wrapLines('The undersigned authority hereby certifies, on the basis of the documents produced, that the goods described above originate in the country shown in box 3.', bw - 14, 6.2, 'label'))
    (sheet.text(l, XM + 8, cy, LABEL), (cy += 7.4));
  cy += 12;
  sheet.wrapLines(chamber, bw - 24, vs).forEach((l, i) => sheet.text(l, XM + 10, cy + i * lead, { size: vs }));
  sheet.text(`${s.certPlace}${rng.pick([', ', ' '])}${date(s, s.certDate, true)}`, XM + bw / 2, 752, { size: vs, align: 'center' });
  sheet.text('Place and date, signature and stamp of the certifying body', XM + bw / 2, 770, { ...LABEL, align: 'center' });
  await drawStamp(sheet, rng, chamber, XM + bw / 2 + 82, 700);
  drawSignature(sheet, rng, XM + bw / 2 - 70, 692);
  fields.issuing_authority = chamber;
  fields.certification_place = s.certPlace;
  fields.certification_date = s.certDate;
  return { fields, lineItems };
}
