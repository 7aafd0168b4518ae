/**
 * The "ASEAN family" of certificates that share one grid of numbered boxes: ACFTA Form E,
 * AKFTA Form AK and GSP Form A (whose boxes 11 and 12 are swapped: certification left).
 * Modelled on the printed forms: exporter (1), consignee (2), transport (3), official use (4),
 * item rows 5–10, declaration and certification (11, 12), tick boxes (13).
 */
import type { Rng } from '../rng.ts';
import type { Shipment } from '../shipment.ts';
import type { Sheet } from '../draw.ts';
import {
  countryName, date, drawSignature, drawStamp, hsPrinted, idNorm, joinLines, LABEL, moneyTruth, money,
  packagesPhrase, partyLines, type Rendered, weightPrinted, weightTruth,
} from './common.ts';

interface Variant {
  kind: 'E' | 'AK' | 'A';
  titles: string[];
  formName: string;
  zhTitle?: string;
  box1: string;
  box2: string;
  box4: string[];
  col7: string;
  col9: string;
  decl: string[]; // before country / after country / before importing country
  importingLabel: string;
  box13?: string[];
}

const VARIANTS: Record<'E' | 'AK' | 'A', Variant> = {
  E: {
    kind: 'E',
    titles: ['ASEAN-CHINA FREE TRADE AREA', 'PREFERENTIAL TARIFF', 'CERTIFICATE OF ORIGIN'],
    formName: 'FORM E',
    zhTitle: '中国—东盟自由贸易区优惠原产地证明书',
    box1: "1. Products consigned from (Exporter's business name, address, country)",
    box2: "2. Products consigned to (Importer's/Consignee's name, address, country)",
    box4: ['Preferential Treatment Given Under ACFTA Preferential Tariff', 'Preferential Treatment Not Given (Please state reason/s)'],
    col7: '7. Number and type of packages, description of products (including quantity where appropriate and HS code of the importing Party)',
    col9: '9. Gross weight or other quantity and value (FOB)',
    decl: [
      'The undersigned hereby declares that the above details and statement are correct; that all the products were produced in',
      'and that they comply with the origin requirements specified for these products in the Rules of Origin for the ACFTA for the products exported to',
    ],
    importingLabel: '(Importing Party)',
    box13: ['Issued Retroactively', 'Exhibition', 'Movement Certificate', 'Third Party Invoicing'],
  },
  AK: {
    kind: 'AK',
    titles: ['ASEAN-KOREA FREE TRADE AREA', 'PREFERENTIAL TARIFF', 'CERTIFICATE OF ORIGIN'],
    formName: 'FORM AK',
    box1: "1. Goods consigned from (Exporter's business name, address, country)",
    box2: "2. Goods consigned to (Consignee's name, address, country)",
    box4: ['Preferential Treatment Given Under ASEAN-Korea Free Trade Area Preferential Tariff', 'Preferential Treatment Not Given (Please state reason/s)'],
    col7: '7. Number and type of packages, description of goods (including quantity where appropriate and HS number of the importing country)',
    col9: '9. Gross weight or other quantity and value (FOB only when RVC criterion is used)',
    decl: [
      'The undersigned hereby declares that the above details and statements are correct; that all the goods were produced in',
      'and that they comply with the origin requirements specified for these goods in the Rules of Origin for the ASEAN-Korea Free Trade Area for the goods exported to',
    ],
    importingLabel: '(Importing Country)',
    box13: ['Third Country Invoicing', 'Exhibition', 'Back-to-Back C/O', 'Issued Retroactively'],
  },
  A: {
    kind: 'A',
    titles: ['GENERALIZED SYSTEM OF PREFERENCES', 'CERTIFICATE OF ORIGIN'],
    formName: 'FORM A',
    box1: "1. Goods consigned from (Exporter's business name, address, country)",
    box2: "2. Goods consigned to (Consignee's name, address, country)",
    box4: [],
    col7: '7. Number and kind of packages; description of goods',
    col9: '9. Gross weight or other quantity',
    decl: [
      'The undersigned hereby declares that the above details and statements are correct; that all the goods were produced in',
      'and that they comply with the origin requirements specified for those goods in the Generalized System of Preferences for goods exported to',
    ],
    importingLabel: '(importing country)',
  },
};

const X0 = 36, XM = 300, X1 = 559;
const COLS = [36, 64, 140, 334, 394, 476, 559];

export async function drawAseanFamily(sheet: Sheet, s: Shipment, rng: Rng, which: 'E' | 'AK' | 'A'): Promise<Rendered> {
  const v = VARIANTS[which];
  const fields: Record<string, string> = {};
  const vs = 8; // value size
  const lead = 10;
  const dx = rng.float(4, 12);

  // Frame and grid.
  sheet.rect(X0, 40, X1 - X0, 760);
  sheet.line(XM, 40, XM, 320);
  sheet.line(X0, 130, XM, 130);
  sheet.line(X0, 220, X1, 220);
  sheet.line(X0, 320, X1, 320);
  sheet.line(X0, 365, X1, 365);
  for (const x of COLS.slice(1, -1)) sheet.line(x, 320, x, 565);
  sheet.line(X0, 565, X1, 565);
  sheet.line(XM, 565, XM, which === 'A' ? 800 : 745);
  if (which !== 'A') sheet.line(X0, 745, X1, 745);
  sheet.text(rng.pick(['ORIGINAL', 'Original']), X1, 34, { size: 7, font: 'labelBold', align: 'right' });

  // Box 1, 2: parties.
  const box = (label: string, y: number, lines: string[]) => {
    const labelLines = sheet.wrap(label, X0 + 4, y + 9, XM - X0 - 8, { ...LABEL, leading: 7.5 });
    const top = y + 9 + labelLines.length * 7.5 + 8;
    partyLines(sheet, lines, XM - X0 - dx - 6, vs).forEach((l, i) => sheet.text(l, X0 + dx, top + i * lead, { size: vs }));
  };
  box(v.box1, 40, s.exporter.lines);
  fields.exporter = joinLines(s.exporter.lines);
  box(v.box2, 130, s.consignee.lines);
  fields.consignee = joinLines(s.consignee.lines);

  // Box 3: transport.
  sheet.text('3. Means of transport and route (as far as known)', X0 + 4, 229, LABEL);
  const importName = countryName(s.importCountry, rng);
  const exportName = countryName(s.exportCountry, rng);
  const routeLines: string[] = [];
  if (which === 'A') {
    const route = `FROM ${s.portLoading} TO ${s.portDischarge} BY ${s.mode}`;
    const dep = `${rng.pick(['DEPARTURE DATE:', 'ON/ABOUT', 'SAILING ON'])} ${date(s, s.departureDate)}`;
    const lines = (rng.chance(0.5) ? [route, s.vessel, dep] : [dep, route, s.vessel]).flatMap((l) => (l === dep ? [l] : sheet.wrapLines(l, XM - X0 - dx - 6, vs)));
    lines.forEach((l, i) => sheet.text(l, X0 + dx, 248 + i * lead, { size: vs }));
    routeLines.push(...lines.filter((l) => l !== dep));
  } else {
    sheet.text('Departure date', X0 + 4, 241, LABEL);
    sheet.text(date(s, s.departureDate), X0 + dx + 10, 252, { size: vs });
    sheet.text("Vessel's name/Aircraft etc.", X0 + 4, 266, LABEL);
    sheet.text(s.vessel, X0 + dx + 10, 277, { size: vs });
    sheet.text('Port of Discharge', X0 + 4, 291, LABEL);
    const pod = `${s.portDischarge}, ${importName}`;
    sheet.text(pod, X0 + dx + 10, 302, { size: vs });
    routeLines.push(s.vessel, pod);
  }
  fields.departure_date = s.departureDate;
  fields.transport_route = joinLines(routeLines);

  // Top right: reference number and title.
  const cx = (XM + X1) / 2;
  sheet.text('Reference No.', XM + 6, 52, { size: 7, font: 'label' });
  sheet.text(s.referenceNo, XM + 62, 52, { size: 9, font: 'valueBold' });
  fields.reference_no = idNorm(s.referenceNo);
  let ty = 76;
  for (const t of v.titles) {
    sheet.text(t, cx, ty, { size: 8.5, font: 'title', align: 'center' });
    ty += 11;
  }
  sheet.text(which === 'A' ? '(Combined declaration and certificate)' : '(Combined Declaration and Certificate)', cx, ty, { size: 6.5, font: 'label', align: 'center' });
  ty += 16;
  sheet.text(v.formName, cx, ty, { size: 12, font: 'title', align: 'center' });
  if (v.zhTitle && sheet.fonts.zh) sheet.text(v.zhTitle, cx, ty + 13, { size: 7.5, font: 'label', align: 'center' });
  sheet.text('Issued in', XM + 14, 166, { size: 7, font: 'label' });
  sheet.text(exportName, XM + 56, 165, { size: vs, font: 'value' });
  sheet.text(which === 'A' ? '(country)' : '(Country)', cx, 176, { size: 6.2, font: 'label', align: 'center' });
  sheet.text(which === 'A' ? 'See notes overleaf' : 'See Notes Overleaf', cx, 208, { size: 6.2, font: 'label', align: 'center' });

  // Box 4.
  sheet.text(which === 'A' ? '4. For official use' : '4. For Official Use', XM + 4, 229, LABEL);
  v.box4.forEach((t, i) => {
    sheet.checkbox(XM + 10, 245 + i * 24);
    sheet.wrap(t, XM + 22, 241 + i * 24, X1 - XM - 30, { ...LABEL, leading: 7 });
  });
  if (which !== 'A') {
    sheet.line(XM + 30, 302, X1 - 30, 302, 0.4);
    sheet.text('Signature of Authorised Signatory of the Importing Party', cx, 311, { size: 5.8, font: 'label', align: 'center' });
  }

  // Column headers.
  const headers = [
    '5. Item number',
    '6. Marks and numbers on packages',
    v.col7,
    which === 'A' ? '8. Origin criterion (see Notes overleaf)' : '8. Origin Criteria (see Overleaf Notes)',
    v.col9,
    '10. Number and date of invoices',
  ];
  headers.forEach((h, i) => sheet.wrap(h, COLS[i]! + 3, 328, COLS[i + 1]! - COLS[i]! - 6, { size: 5.8, font: 'label', leading: 6.6 }));

  // Items.
  let y = 378;
  const w7 = COLS[3]! - COLS[2]! - 8;
  const lineItems: Rendered['lineItems'] = [];
  s.goods.forEach((g, k) => {
    const y0 = y;
    sheet.text(String(k + 1), COLS[0]! + 8, y0, { size: vs });
    const marksLines = k === 0 ? sheet.cell(s.marks, COLS[1]! + 3, y0, COLS[2]! - COLS[1]! - 6, lead, { size: 7 }) : 1;
    const pk = packagesPhrase(g, rng);
    const hs = hsPrinted(g.hs, rng);
    const hsLabel = rng.pick(['HS CODE:', 'H.S. CODE:', 'HS NO.', 'HS:']);
    const inline = rng.chance(0.3);
    const descText = `${pk} ${g.description}`;
    const body = sheet.wrapLines(inline ? `${descText} (${hsLabel} ${hs})` : descText, w7, vs);
    if (!inline) body.push(`${hsLabel} ${hs}`);
    body.forEach((l, i) => sheet.text(l, COLS[2]! + 4, y0 + i * lead, { size: vs }));
    sheet.text(g.criterionPrinted, COLS[3]! + 4, y0, { size: vs });
    // Box 9: weight, then FOB where the form carries it.
    const wt = weightPrinted(s, g.grossCenti, rng);
    const nine = sheet.wrapLines(wt, COLS[5]! - COLS[4]! - 6, 7);
    const showFob = which === 'E' || (which === 'AK' && g.criterion.startsWith('RVC'));
    if (showFob) {
      const fobText = rng.chance(0.5) ? [`FOB ${money(s, g.fobMinor)}`] : ['FOB VALUE:', money(s, g.fobMinor)];
      nine.push(...fobText.flatMap((t) => sheet.wrapLines(t, COLS[5]! - COLS[4]! - 6, 7)));
    }
    nine.forEach((l, i) => sheet.text(l, COLS[4]! + 3, y0 + i * lead, { size: 7 }));
    if (k === 0) {
      const inv = [s.invoiceNo, rng.pick(['', 'DATED ', 'DD. ']) + date(s, s.invoiceDate)];
      inv.flatMap((t) => sheet.wrapLines(t, COLS[6]! - COLS[5]! - 6, 7)).forEach((l, i) => sheet.text(l, COLS[5]! + 3, y0 + i * lead, { size: 7 }));
      fields.item_no = '1';
      fields.marks_numbers = joinLines(s.marks);
      fields.goods_description = joinLines([descText]);
      fields.hs_code = g.hs;
      fields.origin_criterion = g.criterion;
      fields.gross_weight_quantity = weightTruth(g.grossCenti);
      if (showFob) fields.fob_value = moneyTruth(s, g.fobMinor);
      fields.invoice_no = idNorm(s.invoiceNo);
      fields.invoice_date = s.invoiceDate;
    }
    lineItems.push({
      description: descText,
      hsCode: g.hs,
      quantity: weightTruth(g.grossCenti).split(' ')[0]!,
      unit: 'KG',
      unitPrice: null,
      amount: showFob ? moneyTruth(s, g.fobMinor) : null,
    });
    y = y0 + Math.max(body.length, nine.length, marksLines, 2) * lead + 12;
  });
  if (rng.chance(0.6) && y < 555) sheet.text('*'.repeat(rng.int(12, 30)), COLS[2]! + 4, y, { size: vs });

  // Declaration and certification.
  const declX = which === 'A' ? XM : X0;
  const certX = which === 'A' ? X0 : XM;
  const bw = XM - X0;
  const bottom = which === 'A' ? 800 : 745;
  const dcx = declX + bw / 2;
  sheet.text(which === 'A' ? '12. Declaration by the exporter' : '11. Declaration by the exporter', declX + 4, 574, LABEL);
  let dy = 586;
  for (const l of sheet.wrapLines(v.decl[0]!, bw - 14, 6.2, 'label')) (sheet.text(l, declX + 8, dy, LABEL), (dy += 7.4));
  dy += 8;
  sheet.text(exportName, dcx, dy, { size: vs, align: 'center' });
  sheet.line(declX + 40, dy + 2, declX + bw - 40, dy + 2, 0.3);
  sheet.text(which === 'A' ? '(country)' : '(Country)', dcx, dy + 9, { ...LABEL, align: 'center' });
  dy += 22;
  for (const l of sheet.wrapLines(v.decl[1]!, bw - 14, 6.2, 'label')) (sheet.text(l, declX + 8, dy, LABEL), (dy += 7.4));
  dy += 8;
  sheet.text(importName, dcx, dy, { size: vs, align: 'center' });
  sheet.line(declX + 40, dy + 2, declX + bw - 40, dy + 2, 0.3);
  sheet.text(v.importingLabel, dcx, dy + 9, { ...LABEL, align: 'center' });
  fields.export_country = s.exportCountry;
  fields.import_country = s.importCountry;
  const declPlace = `${s.exporter.lang === 'en' ? s.exporter.city : s.certPlace.split(',')[0]}, ${date(s, s.declarationDate)}`;
  sheet.text(declPlace, dcx, bottom - 28, { size: vs, align: 'center' });
  drawSignature(sheet, rng, dcx - 10, bottom - 82);
  sheet.line(declX + 30, bottom - 24, declX + bw - 30, bottom - 24, 0.3);
  sheet.text(which === 'A' ? 'Place and date, signature of authorized signatory' : 'Place and date, signature of authorised signatory', dcx, bottom - 16, { ...LABEL, align: 'center' });

  const ccx = certX + bw / 2;
  sheet.text(which === 'A' ? '11. Certification' : '12. Certification', certX + 4, 574, LABEL);
  let cy = 586;
  for (const l of sheet.wrapLines('It is hereby certified, on the basis of control carried out, that the declaration by the exporter is correct.', bw - 14, 6.2, 'label'))
    (sheet.text(l, certX + 8, cy, LABEL), (cy += 7.4));
  cy += 14;
  const auth = sheet.wrapLines(s.authority, bw - 24, vs);
  auth.forEach((l, i) => sheet.text(l, certX + 10, cy + i * lead, { size: vs }));
  const certLine = `${s.certPlace}${rng.pick([', ', ' ', ' - '])}${date(s, s.certDate, true)}`;
  sheet.text(certLine, ccx, bottom - 28, { size: vs, align: 'center' });
  sheet.line(certX + 30, bottom - 24, certX + bw - 30, bottom - 24, 0.3);
  sheet.text('Place and date, signature and stamp of certifying authority', ccx, bottom - 16, { ...LABEL, align: 'center' });
  // Stamp and signature above the typed place and date, as certifying officers place them.
  await drawStamp(sheet, rng, s.authority, ccx + 82, bottom - 82);
  drawSignature(sheet, rng, ccx - 70, bottom - 84);
  fields.issuing_authority = joinLines([s.authority]);
  fields.certification_place = s.certPlace;
  fields.certification_date = s.certDate;

  if (v.box13) {
    sheet.text('13.', X0 + 4, 757, LABEL);
    const tick = rng.int(-1, 3);
    v.box13.forEach((t, i) => {
      const bx = X0 + 20 + i * 130;
      sheet.checkbox(bx, 770, 7, i === tick && rng.chance(0.3));
      sheet.text(t, bx + 11, 769, { size: 6.5, font: 'label' });
    });
  }
  return { fields, lineItems };
}
