/**
 * EUR.1 movement certificate (the EU's form, here as issued in Viet Nam under the EU–Viet Nam
 * FTA): exporter (1), serial number, trade between (2), consignee (3), origin and destination
 * (4, 5), transport (6), remarks (7), goods (8), gross mass (9), invoices (10), endorsement (11),
 * exporter's declaration (12).
 */
import type { Rng } from '../rng.ts';
import type { Shipment } from '../shipment.ts';
import type { Sheet } from '../draw.ts';
import { countryName, date, drawSignature, drawStamp, hsPrinted, idNorm, joinLines, LABEL, packagesPhrase, partyLines, type Rendered, weightTruth } from './common.ts';
import { formatNumber } from '../format.ts';

const X0 = 36, XM = 300, X1 = 559;

export async function drawEur1(sheet: Sheet, s: Shipment, rng: Rng): Promise<Rendered> {
  const fields: Record<string, string> = {};
  const vs = 8, lead = 10;
  const dx = rng.float(4, 12);
  sheet.rect(X0, 40, X1 - X0, 720);
  sheet.line(XM, 40, XM, 262);
  sheet.line(X0, 122, XM, 122);
  sheet.line(XM, 82, X1, 82);
  sheet.line(XM, 162, X1, 162);
  sheet.line(430, 162, 430, 202);
  sheet.line(XM, 202, X1, 202);
  sheet.line(X0, 202, XM, 202);
  sheet.line(X0, 262, X1, 262);
  sheet.line(400, 262, 400, 500);
  sheet.line(478, 262, 478, 500);
  sheet.line(X0, 500, X1, 500);
  sheet.line(XM, 500, XM, 760);

  const party = (label: string, y: number, lines: string[]) => {
    const ll = sheet.wrap(label, X0 + 4, y + 9, XM - X0 - 8, { ...LABEL, leading: 7.5 });
    const top = y + 9 + ll.length * 7.5 + 7;
    partyLines(sheet, lines, XM - X0 - dx - 6, vs).forEach((l, i) => sheet.text(l, X0 + dx, top + i * lead, { size: vs }));
  };
  party('1. Exporter (Name, full address, country)', 40, s.exporter.lines);
  party('3. Consignee (Name, full address, country) (Optional)', 122, s.consignee.lines);
  fields.exporter = joinLines(s.exporter.lines);
  fields.consignee = joinLines(s.consignee.lines);

  sheet.text('EUR.1', XM + 10, 58, { size: 14, font: 'title' });
  sheet.text('No.', XM + 70, 58, { size: 9, font: 'label' });
  sheet.text(s.referenceNo, XM + 92, 58, { size: 11, font: 'valueBold' });
  fields.reference_no = idNorm(s.referenceNo);
  sheet.text('MOVEMENT CERTIFICATE', XM + 100, 75, { size: 7.5, font: 'labelBold' });
  // above box 2's top rule, not through it
  sheet.text('See notes overleaf before completing this form.', XM + 10, 80.5, { size: 5.2, font: 'label' });
  sheet.text('2. Certificate used in preferential trade between', XM + 4, 91, LABEL);
  const origin = countryName(s.exportCountry, rng);
  sheet.text(origin, (XM + X1) / 2, 106, { size: vs, align: 'center' });
  sheet.text('and', (XM + X1) / 2, 117, { ...LABEL, align: 'center' });
  sheet.text('EUROPEAN UNION', (XM + X1) / 2, 130, { size: vs, align: 'center' });
  sheet.text('(Insert appropriate countries, groups of countries or territories)', (XM + X1) / 2, 152, { size: 5.4, font: 'label', align: 'center' });
  sheet.wrap('4. Country, group of countries or territory in which the products are considered as originating', XM + 3, 169, 124, { size: 5.2, font: 'label', leading: 6 });
  // boxes 4 and 5 are narrow: a long country name goes in smaller type or on two lines
  sheet.fitText(origin, XM + 8, 195, 430 - XM - 12, { size: vs });
  sheet.wrap('5. Country, group of countries or territory of destination', 430 + 3, 169, 124, { size: 5.2, font: 'label', leading: 6 });
  sheet.fitText(countryName(s.importCountry, rng), 430 + 8, 195, 559 - 430 - 12, { size: vs });
  fields.export_country = s.exportCountry;
  fields.import_country = s.importCountry;

  sheet.text('6. Transport details (Optional)', X0 + 4, 211, LABEL);
  const route = [`BY ${s.mode} FROM ${s.portLoading} TO ${s.portDischarge}`, s.vessel];
  route.flatMap((l) => sheet.wrapLines(l, XM - X0 - dx - 6, vs)).forEach((l, i) => sheet.text(l, X0 + dx, 228 + i * lead, { size: vs }));
  fields.transport_route = joinLines(route);
  sheet.text('7. Remarks', XM + 4, 211, LABEL);

  sheet.wrap('8. Item number; Marks and numbers; Number and kind of packages (1); Description of goods', X0 + 4, 271, 360, { ...LABEL, leading: 7 });
  sheet.wrap('9. Gross mass (kg) or other measure (litres, m3, etc.)', 400 + 3, 271, 72, { size: 5.6, font: 'label', leading: 6.4 });
  sheet.wrap('10. Invoices (Optional)', 478 + 3, 271, 76, { size: 5.6, font: 'label', leading: 6.4 });
  let y = 300;
  const lineItems: Rendered['lineItems'] = [];
  s.goods.forEach((g, k) => {
    const y0 = y;
    sheet.text(`${k + 1}.`, X0 + 6, y0, { size: vs });
    const marksLines = k === 0 ? sheet.cell(s.marks, X0 + 22, y0, 80, lead, { size: 7 }) : 1;
    const descText = `${packagesPhrase(g, rng)} ${g.description}`;
    const body = sheet.wrapLines(descText, 400 - 140 - 6, vs);
    body.push(`HS CODE: ${hsPrinted(g.hs, rng)}`);
    body.forEach((l, i) => sheet.text(l, 140, y0 + i * lead, { size: vs }));
    sheet.text(`${formatNumber(g.grossCenti, 2, s.conv)}${rng.pick([' KG', ' KGS', ''])}`, 400 + 4, y0, { size: vs });
    if (k === 0) {
      ['No. ' + s.invoiceNo, date(s, s.invoiceDate)].flatMap((t) => sheet.wrapLines(t, 74, 7)).forEach((l, i) => sheet.text(l, 478 + 3, y0 + i * lead, { size: 7 }));
      fields.item_no = '1';
      fields.marks_numbers = joinLines(s.marks);
      fields.goods_description = descText;
      fields.hs_code = g.hs;
      fields.gross_weight_quantity = weightTruth(g.grossCenti);
      fields.invoice_no = idNorm(s.invoiceNo);
      fields.invoice_date = s.invoiceDate;
    }
    lineItems.push({ description: descText, hsCode: g.hs, quantity: weightTruth(g.grossCenti).split(' ')[0]!, unit: 'KG', unitPrice: null, amount: null });
    y = y0 + Math.max(body.length, marksLines) * lead + 12;
  });

  // Box 11: endorsement.
  const bw = XM - X0;
  sheet.text('11. CUSTOMS OR COMPETENT GOVERNMENTAL AUTHORITY ENDORSEMENT', X0 + 4, 509, { size: 5.6, font: 'labelBold' });
  sheet.text('Declaration certified', X0 + 8, 522, LABEL);
  sheet.text('Export document (2)', X0 + 8, 533, LABEL);
  sheet.text('Form ........................ No. ..........................', X0 + 8, 544, LABEL);
  sheet.text('Customs office or competent governmental authority', X0 + 8, 557, LABEL);
  sheet.wrapLines(s.authority, bw - 20, vs).forEach((l, i) => sheet.text(l, X0 + 12, 569 + i * lead, { size: vs }));
  sheet.text('Issuing country or territory', X0 + 8, 600, LABEL);
  sheet.text(origin, X0 + 12, 611, { size: vs });
  sheet.text('Place and date', X0 + 8, 626, LABEL);
  sheet.text(`${s.certPlace}${rng.pick([', ', ' '])}${date(s, s.certDate, true)}`, X0 + 12, 638, { size: vs });
  sheet.text('(Signature)', X0 + 20, 700, LABEL);
  sheet.text('Stamp', X0 + 200, 660, LABEL);
  await drawStamp(sheet, rng, s.authority, X0 + 205, 690, 78);
  drawSignature(sheet, rng, X0 + 20, 670);
  fields.issuing_authority = s.authority;
  fields.certification_place = s.certPlace;
  fields.certification_date = s.certDate;

  sheet.text('12. DECLARATION BY THE EXPORTER', XM + 4, 509, { size: 5.6, font: 'labelBold' });
  let dy = 522;
  for (const l of sheet.wrapLines('I, the undersigned, declare that the goods described above meet the conditions required for the issue of this certificate.', bw - 14, 6.2, 'label'))
    (sheet.text(l, XM + 8, dy, LABEL), (dy += 7.4));
  sheet.text('Place and date', XM + 8, 626, LABEL);
  sheet.text(`${s.exporter.city}, ${date(s, s.declarationDate)}`, XM + 12, 638, { size: vs });
  drawSignature(sheet, rng, XM + 40, 670);
  sheet.text('(Signature)', XM + 60, 700, LABEL);
  return { fields, lineItems };
}
