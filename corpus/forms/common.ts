/** Pieces shared by the form layouts: printed values, truth normalisation, stamps, signatures. */
import type { PDFImage } from 'pdf-lib';
import { formatDate, formatMoney, formatNumber, toDecimal, CURRENCIES } from '../format.ts';
import { stampPng, signaturePath } from '../marks.ts';
import { COUNTRIES, numberWords } from '../pools.ts';
import type { Rng } from '../rng.ts';
import type { GoodsItem, Shipment } from '../shipment.ts';
import type { Sheet } from '../draw.ts';

export interface TruthLineItem {
  description: string;
  hsCode: string | null;
  quantity: string | null;
  unit: string | null;
  unitPrice: string | null;
  amount: string | null;
}

export interface Rendered {
  fields: Record<string, string>;
  lineItems: TruthLineItem[];
}

export const joinLines = (lines: string[]) => lines.join(' ').replace(/\s+/g, ' ').trim();
export const idNorm = (s: string) => s.replace(/\s+/g, '').toUpperCase();

export function date(s: Shipment, iso: string, cert = false): string {
  return formatDate(iso, cert ? s.certDateStyle : s.dateStyle, s.upperDates);
}

export function countryName(code: string, rng: Rng): string {
  return rng.pick(COUNTRIES[code]!.names);
}

export function weightPrinted(s: Shipment, centi: number, rng: Rng): string {
  const n = formatNumber(centi, 2, s.conv);
  return rng.pick([`${n} KGS`, `${n} KG`, `G.W. ${n} KGS`, `${n} KGS G.W.`, `GW: ${n} KG`]);
}

export const weightTruth = (centi: number) => `${toDecimal(centi, 2)} KG`;

export function money(s: Shipment, minor: number): string {
  return formatMoney(minor, s.currency, s.currencyPrefix, s.conv);
}
export const moneyTruth = (s: Shipment, minor: number) => toDecimal(minor, CURRENCIES[s.currency]!.decimals);

export function packagesPhrase(g: GoodsItem, rng: Rng): string {
  const words = numberWords(g.packages);
  return rng.pick([
    `${g.packages} (${words}) ${g.packageKind} OF`,
    `${words} (${g.packages}) ${g.packageKind} OF`,
    `${g.packages} ${g.packageKind} OF`,
  ]);
}

export function hsPrinted(hs: string, rng: Rng): string {
  return rng.weighted<string>([
    [hs, 6],
    [hs.replace('.', ''), 2],
    [`${hs}.00`, 1],
  ]);
}

export async function drawStamp(sheet: Sheet, rng: Rng, authority: string, cx: number, cy: number, diameter = 84) {
  const color = rng.weighted([['red', 6], ['blue', 3], ['violet', 1]] as const);
  const png = stampPng(rng, authority, rng.pick(['CERTIFIED', 'ORIGIN', 'OFFICIAL', 'APPROVED']), color);
  const img: PDFImage = await sheet.doc.embedPng(png);
  sheet.image(img, cx + rng.float(-10, 10), cy + rng.float(-6, 6), diameter, diameter, rng.float(0.7, 0.9));
}

export function drawSignature(sheet: Sheet, rng: Rng, x: number, y: number) {
  const color: [number, number, number] = rng.chance(0.7) ? [0.08, 0.12, 0.45] : [0.05, 0.05, 0.05];
  sheet.svgPath(signaturePath(rng), x + rng.float(-6, 6), y + rng.float(-4, 2), rng.float(0.7, 0.95), color, rng.float(0.8, 1.3));
}

/** Lines of a party, wrapped to the box width (the truth joins them, so wrapping is neutral). */
export function partyLines(sheet: Sheet, lines: string[], width: number, size: number): string[] {
  return lines.flatMap((l) => sheet.wrapLines(l, width, size));
}

export const LABEL = { size: 6.2, font: 'label' as const };
