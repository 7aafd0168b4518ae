/**
 * Commercial invoice, packing list and bill of lading: free layouts (no official form), so
 * label wording, label language (English, Korean + English, Chinese + English), label/value
 * placement and table columns vary by seed. These are what the generic extractor must read.
 */
import type { Rng } from '../rng.ts';
import type { Shipment } from '../shipment.ts';
import type { Sheet } from '../draw.ts';
import { CURRENCIES, formatNumber, toDecimal } from '../format.ts';
import { date, drawSignature, drawStamp, hsPrinted, idNorm, joinLines, LABEL, money, moneyTruth, partyLines, type Rendered, weightTruth } from './common.ts';
import { numberWords } from '../pools.ts';

type L = 'en' | 'ko' | 'zh';
const T: Record<string, Record<L, string[]>> = {
  invoiceTitle: { en: ['COMMERCIAL INVOICE'], ko: ['상업송장'], zh: ['商业发票'] },
  packingTitle: { en: ['PACKING LIST'], ko: ['포장명세서'], zh: ['装箱单'] },
  seller: { en: ['Seller', 'Shipper / Exporter', 'Exporter', 'Seller / Exporter', 'Shipper'], ko: ['수출자 / Seller', '판매자 Seller'], zh: ['卖方 Seller', '出口商 Exporter'] },
  buyer: { en: ['Buyer', 'Consignee', 'Sold To', 'Buyer / Consignee', 'Messrs.'], ko: ['수입자 / Buyer', '구매자 Buyer'], zh: ['买方 Buyer', '收货人 Consignee'] },
  invoiceNo: { en: ['Invoice No.', 'Invoice Number', 'Inv. No.'], ko: ['송장번호 Invoice No.'], zh: ['发票号码 Invoice No.'] },
  invoiceDate: { en: ['Date', 'Invoice Date', 'Date of Invoice'], ko: ['일자 Date'], zh: ['日期 Date'] },
  currency: { en: ['Currency'], ko: ['통화 Currency'], zh: ['币种 Currency'] },
  incoterms: { en: ['Terms of Delivery', 'Price Terms', 'Trade Terms', 'Incoterms', 'Delivery Terms'], ko: ['인도조건 Terms of Delivery'], zh: ['价格条款 Price Terms'] },
  payment: { en: ['Terms of Payment', 'Payment Terms'], ko: ['결제조건 Payment'], zh: ['付款方式 Payment'] },
  loading: { en: ['Port of Loading'], ko: ['선적항 Port of Loading'], zh: ['装运港 Port of Loading'] },
  discharge: { en: ['Port of Discharge', 'Port of Destination'], ko: ['도착항 Port of Discharge'], zh: ['目的港 Port of Discharge'] },
  vessel: { en: ['Vessel / Voyage', 'Carrier', 'Vessel'], ko: ['선박명 Vessel'], zh: ['船名 Vessel'] },
  totalAmount: { en: ['TOTAL AMOUNT', 'GRAND TOTAL', 'INVOICE TOTAL', 'TOTAL VALUE'], ko: ['총액 TOTAL AMOUNT'], zh: ['总金额 TOTAL AMOUNT'] },
  totalQty: { en: ['TOTAL QUANTITY', 'TOTAL QTY'], ko: ['총수량 TOTAL QUANTITY'], zh: ['总数量 TOTAL QUANTITY'] },
  gross: { en: ['TOTAL GROSS WEIGHT', 'GROSS WEIGHT', 'G.W.'], ko: ['총중량 GROSS WEIGHT'], zh: ['毛重 GROSS WEIGHT'] },
  net: { en: ['TOTAL NET WEIGHT', 'NET WEIGHT', 'N.W.'], ko: ['순중량 NET WEIGHT'], zh: ['净重 NET WEIGHT'] },
  packages: { en: ['TOTAL PACKAGES', 'NO. OF PACKAGES'], ko: ['포장수 PACKAGES'], zh: ['件数 PACKAGES'] },
};

function label(rng: Rng, key: string, lang: L): string {
  const pools = T[key]!;
  return rng.pick(lang !== 'en' && rng.chance(0.8) ? pools[lang] : pools.en);
}

const X0 = 36, X1 = 559;

interface HeaderOut {
  y: number; // where the table may start
}

/** Parties, references and terms: inline "Label: value" (A) or boxed label-above-value (B). */
function header(sheet: Sheet, s: Shipment, rng: Rng, kind: 'invoice' | 'packing', fields: Record<string, string>): HeaderOut {
  const lang = s.lang;
  const titleKey = kind === 'invoice' ? 'invoiceTitle' : 'packingTitle';
  const enTitle = T[titleKey]!.en[0]!;
  if (lang !== 'en') sheet.text(T[titleKey]![lang][0]!, 297, 40, { size: 12, font: 'title', align: 'center' });
  sheet.text(enTitle, 297, lang !== 'en' ? 58 : 50, { size: 16, font: 'title', align: 'center' });
  const vs = 8, lead = 10;
  const sellerLabel = label(rng, 'seller', lang);
  const buyerLabel = label(rng, 'buyer', lang);
  const refs: [string, string][] = [
    [label(rng, 'invoiceNo', lang), s.invoiceNo],
    [label(rng, 'invoiceDate', lang), date(s, s.invoiceDate)],
  ];
  const showCurrency = kind === 'invoice' && rng.chance(0.55);
  if (kind === 'invoice') {
    if (rng.chance(0.5)) refs.push([label(rng, 'payment', lang), rng.pick(['T/T 30 DAYS', 'L/C AT SIGHT', 'T/T IN ADVANCE', 'D/P AT SIGHT'])]);
    refs.push([label(rng, 'incoterms', lang), s.incotermPrinted]);
    if (showCurrency) refs.push([label(rng, 'currency', lang), rng.pick([s.currency, s.currency, CURRENCIES[s.currency]!.words])]);
  }
  refs.push([label(rng, 'loading', lang), s.portLoading], [label(rng, 'discharge', lang), s.portDischarge], [label(rng, 'vessel', lang), s.vessel]);
  fields.invoice_no = idNorm(s.invoiceNo);
  fields.invoice_date = s.invoiceDate;
  fields.seller = joinLines(s.exporter.lines);
  fields.buyer = joinLines(s.consignee.lines);
  if (kind === 'invoice') {
    fields.incoterms = s.incoterm;
    fields.currency = s.currency;
  }
  const top = 78;
  const boxed = rng.chance(0.45);
  const sep = rng.pick([':', ':', ' :', '']);
  if (!boxed) {
    // Variant A: parties stacked on the left, references as "Label: value" on the right.
    let y = top;
    for (const [lab, party] of [[sellerLabel, s.exporter.lines], [buyerLabel, s.consignee.lines]] as const) {
      sheet.text(`${lab}${sep.trim() ? ':' : ''}`, X0, y, { size: 7.5, font: 'labelBold' });
      y += 12;
      partyLines(sheet, party, 250, vs).forEach((l) => (sheet.text(l, X0 + 6, y, { size: vs }), (y += lead)));
      y += 10;
    }
    let ry = top;
    const lx = 318;
    const vx = lx + rng.pick([96, 108]);
    for (const [lab, val] of refs) {
      sheet.text(`${lab}${sep}`, lx, ry, { size: 7.5, font: 'label' });
      const vl = sheet.wrapLines(val, X1 - vx, vs);
      vl.forEach((l, i) => sheet.text(l, vx, ry + i * lead, { size: vs }));
      ry += 13 + (vl.length - 1) * lead;
    }
    return { y: Math.max(y, ry) + 14 };
  }
  // Variant B: a grid of boxes, label at the top-left of each box and the value below it.
  const rowH = 30;
  const gridTop = top - 10;
  const partyH = 78;
  sheet.rect(X0, gridTop, X1 - X0, partyH * 2);
  sheet.line(297, gridTop, 297, gridTop + partyH * 2);
  sheet.line(X0, gridTop + partyH, 297, gridTop + partyH);
  for (const [i, [lab, party]] of ([[sellerLabel, s.exporter.lines], [buyerLabel, s.consignee.lines]] as const).entries()) {
    const by = gridTop + i * partyH;
    sheet.text(lab, X0 + 4, by + 9, LABEL);
    partyLines(sheet, party, 250, vs).forEach((l, k) => sheet.text(l, X0 + 8, by + 22 + k * lead, { size: vs }));
  }
  // References: two per row in the right half, then the rest in rows below the parties.
  const right = refs.slice(0, 4);
  const rest = refs.slice(4);
  right.forEach(([lab, val], i) => {
    const bx = 297 + (i % 2) * 131;
    const by = gridTop + Math.floor(i / 2) * 39;
    sheet.rect(bx, by, 131, 39, 0.5);
    sheet.text(lab, bx + 4, by + 9, LABEL);
    sheet.wrapLines(val, 124, 7.5).slice(0, 2).forEach((l, k) => sheet.text(l, bx + 6, by + 22 + k * 9, { size: 7.5 }));
  });
  let y = gridTop + partyH * 2;
  for (let i = 0; i < rest.length; i += 3) {
    rest.slice(i, i + 3).forEach(([lab, val], k) => {
      const bx = X0 + k * ((X1 - X0) / 3);
      sheet.rect(bx, y, (X1 - X0) / 3, rowH, 0.5);
      sheet.text(lab, bx + 4, y + 9, LABEL);
      sheet.text(sheet.wrapLines(val, (X1 - X0) / 3 - 10, 7.5)[0]!, bx + 6, y + 22, { size: 7.5 });
    });
    y += rowH;
  }
  return { y: y + 18 };
}

export async function drawInvoice(sheet: Sheet, s: Shipment, rng: Rng): Promise<Rendered> {
  const fields: Record<string, string> = {};
  const h = header(sheet, s, rng, 'invoice', fields);
  const cur = CURRENCIES[s.currency]!;
  const curTag = rng.pick([` (${s.currency})`, '', ` ${s.currency}`]);
  const combinedQty = rng.chance(0.3);
  const cols = combinedQty
    ? [
        { key: 'no', label: rng.pick(['No.', 'Item']), x0: 36, x1: 60 },
        { key: 'desc', label: rng.pick(['Description of Goods', 'Description', 'Commodity']), x0: 60, x1: 250 },
        { key: 'hs', label: rng.pick(['HS Code', 'H.S. No.', 'HS']), x0: 250, x1: 312 },
        { key: 'qty', label: rng.pick(['Quantity', "Q'ty"]), x0: 312, x1: 392 },
        { key: 'price', label: `Unit Price${curTag}`, x0: 392, x1: 468 },
        { key: 'amount', label: `Amount${curTag}`, x0: 468, x1: 559 },
      ]
    : [
        { key: 'no', label: rng.pick(['No.', 'Item']), x0: 36, x1: 60 },
        { key: 'desc', label: rng.pick(['Description of Goods', 'Description', 'Commodity']), x0: 60, x1: 238 },
        { key: 'hs', label: rng.pick(['HS Code', 'H.S. No.', 'HS']), x0: 238, x1: 300 },
        { key: 'qty', label: rng.pick(['Quantity', 'Qty', "Q'ty"]), x0: 300, x1: 352 },
        { key: 'unit', label: rng.pick(['Unit', 'UOM']), x0: 352, x1: 388 },
        { key: 'price', label: `Unit Price${curTag}`, x0: 388, x1: 468 },
        { key: 'amount', label: `Amount${curTag}`, x0: 468, x1: 559 },
      ];
  let y = h.y;
  const ruled = rng.chance(0.6);
  const headTop = y - 10;
  for (const c of cols) {
    const lines = sheet.wrapLines(c.label, c.x1 - c.x0 - 6, 7, 'labelBold');
    lines.forEach((l, i) => sheet.text(l, (c.x0 + c.x1) / 2, y + i * 8, { size: 7, font: 'labelBold', align: 'center' }));
  }
  y += 20;
  if (ruled) {
    sheet.line(X0, headTop, X1, headTop);
    sheet.line(X0, y - 9, X1, y - 9);
  }
  const lineItems: Rendered['lineItems'] = [];
  const numRight = (c: { x1: number }, text: string, yy: number) => sheet.text(text, c.x1 - 4, yy, { size: 7.5, align: 'right' });
  const col = (k: string) => cols.find((c) => c.key === k)!;
  s.lines.forEach((l, i) => {
    const desc = sheet.wrapLines(l.description, col('desc').x1 - col('desc').x0 - 6, 7.5);
    sheet.text(String(i + 1), col('no').x0 + 6, y, { size: 7.5 });
    desc.forEach((d, k) => sheet.text(d, col('desc').x0 + 3, y + k * 9, { size: 7.5 }));
    sheet.text(l.hsPrinted, col('hs').x0 + 3, y, { size: 7.5 });
    const q = formatNumber(l.quantity, 0, s.conv);
    if (combinedQty) numRight(col('qty'), `${q} ${l.unit}`, y);
    else {
      numRight(col('qty'), q, y);
      sheet.text(l.unit, col('unit').x0 + 4, y, { size: 7.5 });
    }
    numRight(col('price'), formatNumber(l.priceMinor, cur.decimals, s.conv), y);
    numRight(col('amount'), formatNumber(l.amountMinor, cur.decimals, s.conv), y);
    lineItems.push({
      description: l.description,
      hsCode: l.hs,
      quantity: String(l.quantity),
      unit: l.unit,
      unitPrice: toDecimal(l.priceMinor, cur.decimals),
      amount: toDecimal(l.amountMinor, cur.decimals),
    });
    y += desc.length * 9 + 5;
  });
  if (ruled) sheet.line(X0, y - 6, X1, y - 6);
  y += 6;
  sheet.text(rng.pick(['TOTAL', 'TOTAL:', 'Total']), col('desc').x0 + 3, y, { size: 8, font: 'valueBold' });
  numRight(col('qty'), formatNumber(s.totalQuantity, 0, s.conv), y);
  numRight(col('amount'), rng.chance(0.5) ? money(s, s.totalMinor) : formatNumber(s.totalMinor, cur.decimals, s.conv), y);
  y += 22;
  const summary: [string, string][] = [];
  if (rng.chance(0.7)) summary.push([label(rng, 'totalAmount', s.lang), money(s, s.totalMinor)]);
  if (rng.chance(0.4)) summary.push([label(rng, 'totalQty', s.lang), `${formatNumber(s.totalQuantity, 0, s.conv)}`]);
  summary.push([label(rng, 'gross', s.lang), `${formatNumber(s.grossCenti, 2, s.conv)} ${rng.pick(['KGS', 'KG'])}`]);
  if (rng.chance(0.6)) summary.push([label(rng, 'net', s.lang), `${formatNumber(s.netCenti, 2, s.conv)} ${rng.pick(['KGS', 'KG'])}`]);
  if (rng.chance(0.6)) summary.push([label(rng, 'packages', s.lang), `${s.packages} ${s.goods[0]!.packageKind}`]);
  for (const [lab, val] of summary) {
    sheet.text(`${lab}:`, X0, y, { size: 8, font: 'labelBold' });
    sheet.text(val, X0 + 150, y, { size: 8 });
    y += 13;
  }
  if (rng.chance(0.5) && cur.decimals === 2) {
    const whole = Math.floor(s.totalMinor / 100);
    const cents = s.totalMinor % 100;
    const say = `SAY ${cur.words} ${numberWords(whole)}${cents ? ` AND CENTS ${numberWords(cents)}` : ''} ONLY.`;
    sheet.wrap(say, X0, y + 4, X1 - X0, { size: 7.5 });
    y += 24;
  }
  fields.total_amount = moneyTruth(s, s.totalMinor);
  fields.total_quantity = String(s.totalQuantity);
  fields.gross_weight = weightTruth(s.grossCenti);
  const sy = Math.max(y + 40, 700);
  sheet.text(s.exporter.lines[0]!, X1 - 10, sy - 50, { size: 8, font: 'valueBold', align: 'right' });
  await drawStamp(sheet, rng, s.exporter.name, X1 - 90, sy - 12, 70);
  drawSignature(sheet, rng, X1 - 170, sy - 30);
  sheet.line(X1 - 200, sy + 8, X1 - 10, sy + 8, 0.4);
  sheet.text('Authorized Signature', X1 - 105, sy + 17, { ...LABEL, align: 'center' });
  return { fields, lineItems };
}

export async function drawPackingList(sheet: Sheet, s: Shipment, rng: Rng): Promise<Rendered> {
  const fields: Record<string, string> = {};
  const h = header(sheet, s, rng, 'packing', fields);
  const cols = [
    { key: 'no', label: 'No.', x0: 36, x1: 58 },
    { key: 'desc', label: rng.pick(['Description of Goods', 'Description']), x0: 58, x1: 250 },
    { key: 'qty', label: rng.pick(['Quantity', "Q'ty"]), x0: 250, x1: 300 },
    { key: 'unit', label: 'Unit', x0: 300, x1: 334 },
    { key: 'pkg', label: rng.pick(['Packages', 'CTNS', 'No. of Pkgs']), x0: 334, x1: 384 },
    { key: 'nw', label: 'N.W. (KG)', x0: 384, x1: 440 },
    { key: 'gw', label: 'G.W. (KG)', x0: 440, x1: 500 },
    { key: 'meas', label: 'Meas. (CBM)', x0: 500, x1: 559 },
  ];
  let y = h.y;
  for (const c of cols) sheet.wrapLines(c.label, c.x1 - c.x0 - 4, 7, 'labelBold').forEach((l, i) => sheet.text(l, (c.x0 + c.x1) / 2, y + i * 8, { size: 7, font: 'labelBold', align: 'center' }));
  sheet.line(X0, y - 10, X1, y - 10);
  y += 20;
  sheet.line(X0, y - 9, X1, y - 9);
  const col = (k: string) => cols.find((c) => c.key === k)!;
  const numRight = (k: string, text: string, yy: number) => sheet.text(text, col(k).x1 - 4, yy, { size: 7.5, align: 'right' });
  // Split each goods kind's packages and weights over its lines, in proportion to quantity.
  const lineItems: Rendered['lineItems'] = [];
  const split = (total: number, parts: number[]) => {
    const sum = parts.reduce((a, b) => a + b, 0);
    const out = parts.map((p) => Math.floor((total * p) / sum));
    out[out.length - 1]! += total - out.reduce((a, b) => a + b, 0);
    return out;
  };
  const per = s.lines.map(() => ({ pkg: 0, nw: 0, gw: 0 }));
  s.goods.forEach((g, gi) => {
    const idx = s.lines.map((l, i) => (l.goodsIndex === gi ? i : -1)).filter((i) => i >= 0);
    const q = idx.map((i) => s.lines[i]!.quantity);
    const pk = split(g.packages, q), nw = split(g.netCenti, q), gw = split(g.grossCenti, q);
    idx.forEach((li, k) => (per[li] = { pkg: pk[k]!, nw: nw[k]!, gw: gw[k]! }));
  });
  s.lines.forEach((l, i) => {
    const desc = sheet.wrapLines(l.description, col('desc').x1 - col('desc').x0 - 6, 7.5);
    sheet.text(String(i + 1), col('no').x0 + 5, y, { size: 7.5 });
    desc.forEach((d, k) => sheet.text(d, col('desc').x0 + 3, y + k * 9, { size: 7.5 }));
    numRight('qty', formatNumber(l.quantity, 0, s.conv), y);
    sheet.text(l.unit, col('unit').x0 + 3, y, { size: 7.5 });
    numRight('pkg', String(per[i]!.pkg), y);
    numRight('nw', formatNumber(per[i]!.nw, 2, s.conv), y);
    numRight('gw', formatNumber(per[i]!.gw, 2, s.conv), y);
    numRight('meas', formatNumber(Math.max(1, Math.round(per[i]!.gw / 250)), 2, s.conv), y);
    lineItems.push({ description: l.description, hsCode: null, quantity: String(l.quantity), unit: l.unit, unitPrice: null, amount: null });
    y += desc.length * 9 + 5;
  });
  sheet.line(X0, y - 6, X1, y - 6);
  y += 6;
  sheet.text('TOTAL:', col('desc').x0 + 3, y, { size: 8, font: 'valueBold' });
  numRight('qty', formatNumber(s.totalQuantity, 0, s.conv), y);
  numRight('pkg', String(s.packages), y);
  numRight('nw', formatNumber(s.netCenti, 2, s.conv), y);
  numRight('gw', formatNumber(s.grossCenti, 2, s.conv), y);
  y += 24;
  const summary: [string, string][] = [
    [label(rng, 'packages', s.lang), `${s.packages} ${s.goods[0]!.packageKind}`],
    [label(rng, 'gross', s.lang), `${formatNumber(s.grossCenti, 2, s.conv)} ${rng.pick(['KGS', 'KG'])}`],
    [label(rng, 'net', s.lang), `${formatNumber(s.netCenti, 2, s.conv)} KGS`],
  ];
  if (rng.chance(0.5)) summary.unshift([label(rng, 'totalQty', s.lang), formatNumber(s.totalQuantity, 0, s.conv)]);
  for (const [lab, val] of summary) {
    sheet.text(`${lab}:`, X0, y, { size: 8, font: 'labelBold' });
    sheet.text(val, X0 + 150, y, { size: 8 });
    y += 13;
  }
  sheet.text('SHIPPING MARKS:', X0, y + 8, { size: 7.5, font: 'labelBold' });
  s.marks.forEach((m, i) => sheet.text(m, X0 + 10, y + 20 + i * 10, { size: 7.5 }));
  fields.total_quantity = String(s.totalQuantity);
  fields.gross_weight = weightTruth(s.grossCenti);
  const sy = Math.max(y + 60, 720);
  drawSignature(sheet, rng, X1 - 170, sy - 30);
  sheet.line(X1 - 200, sy + 8, X1 - 10, sy + 8, 0.4);
  sheet.text('Authorized Signature', X1 - 105, sy + 17, { ...LABEL, align: 'center' });
  return { fields, lineItems };
}

export async function drawBillOfLading(sheet: Sheet, s: Shipment, rng: Rng): Promise<Rendered> {
  const fields: Record<string, string> = {};
  const vs = 8, lead = 10;
  const carrier = rng.pick(['COSCO SHIPPING LINES CO., LTD.', 'HMM CO., LTD.', 'OCEAN NETWORK EXPRESS PTE. LTD.', 'SITC CONTAINER LINES', 'KOREA MARINE TRANSPORT CO., LTD.']);
  sheet.rect(36, 40, 523, 760);
  sheet.line(300, 40, 300, 330);
  for (const y of [120, 200, 270]) sheet.line(36, y, 300, y);
  sheet.line(36, 300, 559, 300);
  sheet.line(168, 270, 168, 330);
  sheet.line(430, 300, 430, 330);
  sheet.line(36, 330, 559, 330);
  sheet.line(36, 352, 559, 352);
  for (const x of [150, 230, 440, 500]) sheet.line(x, 330, x, 600);
  sheet.line(36, 600, 559, 600);
  const box = (lab: string, x: number, y: number, lines: string[], w = 255) => {
    sheet.text(lab, x + 4, y + 9, LABEL);
    partyLines(sheet, lines, w, vs).forEach((l, i) => sheet.text(l, x + 8, y + 22 + i * lead, { size: vs }));
  };
  box('Shipper', 36, 40, s.exporter.lines);
  const toOrder = rng.chance(0.25);
  const consigneeLines = toOrder ? ['TO THE ORDER OF', ...s.consignee.lines] : s.consignee.lines;
  box('Consignee', 36, 120, consigneeLines);
  box('Notify Party', 36, 200, rng.chance(0.5) ? ['SAME AS CONSIGNEE'] : s.consignee.lines.slice(0, 2));
  fields.exporter = joinLines(s.exporter.lines);
  fields.consignee = joinLines(consigneeLines);
  sheet.text('B/L No.', 306, 56, { size: 8, font: 'label' });
  sheet.text(s.blNo, 350, 56, { size: 10, font: 'valueBold' });
  fields.reference_no = idNorm(s.blNo);
  sheet.text('BILL OF LADING', 430, 92, { size: 16, font: 'title', align: 'center' });
  sheet.text('FOR COMBINED TRANSPORT OR PORT TO PORT SHIPMENT', 430, 106, { size: 6, font: 'label', align: 'center' });
  sheet.text(carrier, 430, 130, { size: 9, font: 'labelBold', align: 'center' });
  sheet.wrap('RECEIVED by the Carrier from the Shipper in apparent good order and condition unless otherwise noted herein the total number or quantity of Containers or other packages or units indicated below.', 308, 150, 244, { size: 5.4, font: 'label', leading: 6.4 });
  box('Ocean Vessel / Voy. No.', 36, 270, [s.vessel], 125);
  box('Port of Loading', 168, 270, [s.portLoading], 125);
  box('Port of Discharge', 300, 300, [s.portDischarge], 125);
  box('Place of Delivery', 430, 300, [s.portDischarge], 120);
  sheet.text('Place of Receipt', 306, 279, LABEL);
  sheet.text(s.exporter.lang === 'en' ? s.exporter.city : s.portLoading, 312, 292, { size: vs });
  const heads = ['Marks and Numbers', 'No. of Packages', 'Description of Goods', 'Gross Weight', 'Measurement'];
  const xs = [36, 150, 230, 440, 500, 559];
  heads.forEach((hd, i) => sheet.wrap(hd, xs[i]! + 3, 340, xs[i + 1]! - xs[i]! - 6, { size: 6, font: 'labelBold', leading: 7 }));
  s.marks.forEach((m, i) => sheet.text(m, 40, 366 + i * lead, { size: 7.5 }));
  sheet.text(`${s.packages} ${s.goods[0]!.packageKind}`, 154, 366, { size: 7.5 });
  const desc = ['SHIPPER\'S LOAD, COUNT AND SEAL', 'SAID TO CONTAIN:', ...s.goods.map((g) => g.description)];
  desc.flatMap((d) => sheet.wrapLines(d, 204, 7.5)).forEach((d, i) => sheet.text(d, 234, 366 + i * lead, { size: 7.5 }));
  // right-aligned in their columns, in smaller type where a long weight would run over the column's rule
  sheet.fitText(`${formatNumber(s.grossCenti, 2, s.conv)} KGS`, 496, 366, 496 - xs[3]! - 3, { size: 7.5, align: 'right' });
  sheet.fitText(`${formatNumber(Math.round(s.grossCenti / 250), 2, s.conv)} CBM`, 555, 366, 555 - xs[4]! - 3, { size: 7.5, align: 'right' });
  fields.gross_weight_quantity = weightTruth(s.grossCenti);
  sheet.text(rng.pick(['FREIGHT PREPAID', 'FREIGHT COLLECT']), 234, 560, { size: 8, font: 'valueBold' });
  sheet.text('SHIPPED ON BOARD', 40, 620, { size: 7.5, font: 'labelBold' });
  sheet.text(date(s, s.departureDate), 40, 634, { size: vs });
  fields.departure_date = s.departureDate;
  sheet.text('Place and Date of Issue', 306, 620, LABEL);
  sheet.text(`${s.portLoading}, ${date(s, s.departureDate)}`, 310, 634, { size: vs });
  sheet.text('Number of Original B(s)/L', 40, 660, LABEL);
  sheet.text('THREE (3)', 44, 673, { size: vs });
  sheet.text(`Signed as agent for the Carrier ${carrier}`, 306, 720, { size: 6.5, font: 'label' });
  await drawStamp(sheet, rng, carrier, 470, 690, 70);
  drawSignature(sheet, rng, 330, 680);
  return { fields, lineItems: [] };
}
