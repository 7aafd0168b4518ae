/**
 * Generated certificate-of-origin pages with known mark boxes: a printed form (frame, numbered boxes,
 * typed text) with the issuer's signature and seal in box 12, often the exporter's signature and
 * company stamp in box 11, seals overlapping signatures and print. Also paints the print, form lines
 * and signatures that seal samples are stamped over.
 */
import type { SKRSContext2D } from '@napi-rs/canvas';
import type { Gray, Rect, Rgb } from '../image.ts';
import { composite, padInk, paper, rasterise, scan } from './ink.ts';
import { rng, type Rng } from './rng.ts';
import { impress, randomImpression, renderDesign, sealSpec, setUnderlayPainter, type SealSpec } from './seals.ts';
import { signatureDensity, signer } from './signatures.ts';
import { glyph, GLYPH_SPACING } from './strokefont.ts';

const WORDS = [
  'GOODS', 'CONSIGNED', 'FROM', 'EXPORTER', 'NAME', 'ADDRESS', 'COUNTRY', 'TO', 'MEANS', 'OF', 'TRANSPORT', 'ROUTE', 'VESSEL',
  'DEPARTURE', 'DATE', 'PORT', 'DISCHARGE', 'ITEM', 'NUMBER', 'MARKS', 'PACKAGES', 'DESCRIPTION', 'HS', 'CODE', 'ORIGIN',
  'CRITERION', 'GROSS', 'WEIGHT', 'QUANTITY', 'INVOICE', 'CO', 'LTD', 'TRADING', 'INDUSTRIAL', 'STEEL', 'COTTON', 'YARN',
  'FABRIC', 'MACHINERY', 'PARTS', 'KG', 'CTNS', 'PCS', 'FOB', 'USD', '2026', '8471.30', '6204.62', 'NO', 'DECLARATION',
];

/** Typed text: a line of stroke-font glyphs on a context in mm. */
function typeLine(ctx: SKRSContext2D, text: string, x: number, baseline: number, cap: number): number {
  const k = cap / 6;
  ctx.lineWidth = Math.max(0.12, cap * 0.09) / k;
  let cx = x;
  for (const ch of text) {
    const g = glyph(ch);
    ctx.save();
    ctx.translate(cx, baseline - cap);
    ctx.scale(k, k);
    ctx.beginPath();
    for (const s of g.strokes) {
      if (!s.length) continue;
      ctx.moveTo(s[0]![0], s[0]![1]);
      if (s.length === 1) ctx.lineTo(s[0]![0] + 0.05, s[0]![1]);
      for (let i = 1; i < s.length; i++) ctx.lineTo(s[i]![0], s[i]![1]);
    }
    ctx.stroke();
    ctx.restore();
    cx += (g.w + GLYPH_SPACING) * k;
  }
  return cx - x;
}

function words(r: Rng, n: number): string {
  return Array.from({ length: n }, () => r.pick(WORDS)).join(' ');
}

/** Paints text, form lines or a signature across a crop (under a seal sample). */
function paintUnderlay(page: Rgb, dpi: number, r: Rng, kind: 'plain' | 'text' | 'form' | 'signature'): void {
  const pxPerMm = dpi / 25.4;
  const wMm = page.w / pxPerMm;
  const hMm = page.h / pxPerMm;
  if (kind === 'signature') {
    const s = signer(`under/${r.int(0, 1e6)}`);
    const { density, ink } = signatureDensity(s, 'genuine', r.int(0, 1e6), dpi);
    composite(page, density, Math.round(r.range(-0.2, 0.4) * page.w), Math.round(r.range(0.1, 0.6) * page.h), ink);
    return;
  }
  const cov = rasterise(page.w, page.h, (ctx) => {
    ctx.scale(pxPerMm, pxPerMm);
    const cap = r.range(1.8, 2.8);
    const lineGap = cap * r.range(1.8, 2.4);
    for (let y = r.range(2, 6); y < hMm; y += lineGap) {
      if (r.chance(0.25)) continue;
      typeLine(ctx, words(r, 8), r.range(-4, 6), y, cap);
    }
    if (kind === 'form') {
      ctx.lineWidth = r.range(0.15, 0.35);
      const yLine = r.range(0.3, 0.7) * hMm;
      ctx.beginPath();
      ctx.moveTo(0, yLine);
      ctx.lineTo(wMm, yLine);
      const xLine = r.range(0.2, 0.8) * wMm;
      ctx.moveTo(xLine, 0);
      ctx.lineTo(xLine, hMm);
      ctx.stroke();
    }
  });
  for (let i = 0; i < cov.d.length; i++) cov.d[i] = cov.d[i]! * 0.92;
  composite(page, cov, 0, 0, [20, 20, 22]);
}
setUnderlayPainter(paintUnderlay);

// ---------------------------------------------------------------------------
// Pages

export interface PageMarkTruth {
  kind: 'stamp' | 'signature';
  box: Rect;
  ink: string;
  specId?: string;
}

export interface GeneratedPage {
  rgb: Rgb;
  dpi: number;
  marks: PageMarkTruth[];
}

export interface PageOptions {
  dpi?: number;
  /** 'none': no stamp and no signature; 'overlap': two stamps of different inks overlapping. */
  variant?: 'standard' | 'none' | 'overlap' | 'black_seal';
  seals?: SealSpec[];
}

function placeDensity(page: Rgb, truth: PageMarkTruth[], density: Gray, x: number, y: number, ink: [number, number, number], kind: 'stamp' | 'signature', inkName: string, specId?: string): void {
  composite(page, density, Math.round(x), Math.round(y), ink);
  // truth box: where the ink is
  let x0 = Infinity;
  let y0 = Infinity;
  let x1 = -1;
  let y1 = -1;
  for (let yy = 0; yy < density.h; yy++) {
    for (let xx = 0; xx < density.w; xx++) {
      if (density.d[yy * density.w + xx]! < 0.15) continue;
      if (xx < x0) x0 = xx;
      if (xx > x1) x1 = xx;
      if (yy < y0) y0 = yy;
      if (yy > y1) y1 = yy;
    }
  }
  if (x1 < 0) return;
  const bx = Math.max(0, Math.round(x) + x0);
  const by = Math.max(0, Math.round(y) + y0);
  const ex = Math.min(page.w - 1, Math.round(x) + x1);
  const ey = Math.min(page.h - 1, Math.round(y) + y1);
  truth.push({ kind, box: { x: bx, y: by, w: ex - bx + 1, h: ey - by + 1 }, ink: inkName, ...(specId ? { specId } : {}) });
}

/** A certificate-of-origin page at `dpi` (default 200) with its marks' true boxes. */
export function generatePage(seed: string | number, opts: PageOptions = {}): GeneratedPage {
  const r = rng(`page/${seed}`);
  const dpi = opts.dpi ?? 200;
  const variant = opts.variant ?? 'standard';
  const pxPerMm = dpi / 25.4;
  const W = Math.round(210 * pxPerMm);
  const H = Math.round(297 * pxPerMm);
  const page = paper(W, H, r.fork('paper'));
  const m = 14;
  const top = 32;
  const mid = 150;
  const low = 215;
  const bottom = 285;
  const print = rasterise(W, H, (ctx) => {
    ctx.scale(pxPerMm, pxPerMm);
    typeLine(ctx, 'CERTIFICATE OF ORIGIN', 60, 16, 5);
    typeLine(ctx, `REFERENCE NO ${r.int(100000, 999999)}`, 130, 26, 2.4);
    ctx.lineWidth = 0.35;
    ctx.strokeRect(m, top, 210 - 2 * m, bottom - top);
    ctx.lineWidth = 0.25;
    ctx.beginPath();
    // upper boxes 1–4
    ctx.moveTo(105, top);
    ctx.lineTo(105, 100);
    for (const y of [58, 80, 100]) {
      ctx.moveTo(m, y);
      ctx.lineTo(y === 100 ? 210 - m : 105, y);
    }
    // goods table 5–10
    for (const x of [30, 60, 120, 145, 170]) {
      ctx.moveTo(x, 100);
      ctx.lineTo(x, mid);
    }
    ctx.moveTo(m, 108);
    ctx.lineTo(210 - m, 108);
    ctx.moveTo(m, mid);
    ctx.lineTo(210 - m, mid);
    // 11 and 12
    ctx.moveTo(105, mid);
    ctx.lineTo(105, bottom);
    ctx.moveTo(m, low);
    ctx.lineTo(210 - m, low);
    // signature lines
    ctx.moveTo(m + 8, 272);
    ctx.lineTo(95, 272);
    ctx.moveTo(115, 272);
    ctx.lineTo(196, 272);
    ctx.stroke();
    const boxText = (x: number, y: number, lines: number, width: number) => {
      for (let i = 0; i < lines; i++) typeLine(ctx, words(r, Math.max(1, Math.round(width / 14))), x, y + i * 5, 2.2);
    };
    typeLine(ctx, '1 GOODS CONSIGNED FROM', m + 2, top + 4, 1.8);
    boxText(m + 3, top + 11, 3, 85);
    typeLine(ctx, '2 GOODS CONSIGNED TO', m + 2, 62, 1.8);
    boxText(m + 3, 68, 2, 85);
    typeLine(ctx, '3 MEANS OF TRANSPORT AND ROUTE', m + 2, 84, 1.8);
    boxText(m + 3, 90, 2, 85);
    typeLine(ctx, '4 FOR OFFICIAL USE', 107, top + 4, 1.8);
    typeLine(ctx, '5 ITEM  6 MARKS  7 DESCRIPTION  8 CRITERION  9 WEIGHT  10 INVOICE', m + 2, 105, 1.6);
    for (let i = 0; i < 6; i++) {
      const y = 115 + i * 6;
      typeLine(ctx, String(i + 1), m + 4, y, 2);
      typeLine(ctx, words(r, 2), 32, y, 2);
      typeLine(ctx, words(r, 4), 62, y, 2);
      typeLine(ctx, r.pick(['WO', 'PE', 'RVC 40', 'CTH']), 122, y, 2);
      typeLine(ctx, `${r.int(100, 9999)} KG`, 147, y, 2);
      typeLine(ctx, `INV ${r.int(1000, 9999)}`, 172, y, 2);
    }
    typeLine(ctx, '11 DECLARATION BY THE EXPORTER', m + 2, mid + 5, 1.8);
    boxText(m + 3, mid + 12, 5, 85);
    typeLine(ctx, '12 CERTIFICATION', 107, mid + 5, 1.8);
    boxText(108, mid + 12, 5, 85);
    typeLine(ctx, 'PLACE AND DATE, SIGNATURE OF AUTHORISED SIGNATORY', 16, 278, 1.6);
    typeLine(ctx, 'PLACE AND DATE, SIGNATURE AND STAMP OF CERTIFYING AUTHORITY', 107, 278, 1.5);
  });
  for (let i = 0; i < print.d.length; i++) print.d[i] = print.d[i]! * 0.93;
  composite(page, print, 0, 0, [18, 18, 20]);
  const marks: PageMarkTruth[] = [];
  if (variant !== 'none') {
    // issuer's signature in box 12 and exporter's in box 11
    for (const [bx, label] of [[118, 'issuer'], [22, 'exporter']] as const) {
      if (label === 'exporter' && r.chance(0.3)) continue;
      const s = signer(`page/${seed}/${label}`);
      const { density, ink } = signatureDensity(s, 'genuine', `${seed}/${label}`, dpi);
      const x = (bx + r.range(0, 25)) * pxPerMm;
      const y = (272 - r.range(4, 9)) * pxPerMm - density.h * r.range(0.45, 0.7);
      placeDensity(page, marks, density, x, y, ink, 'signature', s.ink);
    }
    // the certifying authority's seal, partly over the signature and the text of box 12
    const specs = opts.seals ?? [sealSpec(`page-seal/${seed}`)];
    const spec0 = variant === 'black_seal' ? { ...specs[0]!, ink: 'black' as const, shape: 'round' as const, hMm: specs[0]!.wMm } : specs[0]!;
    const stamp = (spec: SealSpec, cxMm: number, cyMm: number, key: string) => {
      const p = randomImpression(r.fork(key), dpi, 'field');
      p.tilt = Math.min(p.tilt, 0.4);
      p.inkAmount = Math.max(p.inkAmount, 0.65);
      const design = renderDesign(spec, dpi, p.rotationDeg);
      const density = impress(design, p, r.fork(`${key}/impress`));
      placeDensity(page, marks, density, cxMm * pxPerMm - design.w / 2, cyMm * pxPerMm - design.h / 2, padInk(spec.ink, spec.id, r.fork(`${key}/ink`)), 'stamp', spec.ink, spec.id);
    };
    const x0 = r.range(140, 175);
    const y0 = r.range(238, 258);
    stamp(spec0, x0, y0, 'seal0');
    if (variant === 'overlap') {
      // a second authority's stamp partly over the first (centres 55–75 % of a diameter apart)
      const second = sealSpec(`page-seal2/${seed}`);
      const other = { ...second, ink: spec0.ink === 'blue' || spec0.ink === 'violet' ? ('red' as const) : ('blue' as const) };
      const a = r.range(Math.PI * 0.8, Math.PI * 1.3);
      const d = ((spec0.wMm + other.wMm) / 2) * r.range(0.55, 0.75);
      stamp(other, x0 + d * Math.cos(a), y0 + d * Math.sin(a), 'seal1');
    } else if (r.chance(0.5)) {
      // exporter's company stamp in box 11
      const company = sealSpec(`company/${seed}`);
      stamp({ ...company, ink: company.ink === 'black' ? 'blue' : company.ink }, r.range(50, 80), r.range(235, 255), 'seal1');
    }
  }
  scan(page, r.fork('scan'), { blur: r.range(0.3, 0.6), noise: r.range(1.5, 3) });
  return { rgb: page, dpi, marks };
}

