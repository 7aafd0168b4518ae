/**
 * Vector drawing helpers for the demo documents (pdf-lib): a top-down coordinate sheet,
 * text wrapping, official round seals with ring lettering, rectangular rubber stamps and
 * handwritten-looking signatures built from smooth Bézier strokes. Deterministic: every
 * "random" wobble comes from a seeded generator.
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { GlobalFonts, SvgExportFlag, createCanvas } from '@napi-rs/canvas';
import { BlendMode, LineCapStyle, degrees, rgb, type Color, type PDFFont, type PDFPage } from 'pdf-lib';
import { mulberry32 } from '../../desk/seeded-random.ts';

export const A4: [number, number] = [595.28, 841.89];
export const black = rgb(0, 0, 0);
export const sealRed = rgb(0.86, 0.12, 0.14);
export const inkBlue = rgb(0.09, 0.16, 0.47);
export const stampViolet = rgb(0.33, 0.2, 0.58);


export interface TextOptions {
  font: PDFFont;
  size: number;
  color?: Color;
  /** Horizontal alignment relative to x (center/right use x as the anchor). */
  align?: 'left' | 'center' | 'right';
}

/** A page addressed from the top-left corner, in points, the way forms are measured. */
export class Sheet {
  constructor(readonly page: PDFPage) {}

  get height(): number {
    return this.page.getHeight();
  }

  /** Draws one line of text whose baseline is `top` points below the top edge. */
  text(str: string, x: number, top: number, o: TextOptions): void {
    const w = o.font.widthOfTextAtSize(str, o.size);
    const dx = o.align === 'center' ? -w / 2 : o.align === 'right' ? -w : 0;
    this.page.drawText(str, { x: x + dx, y: this.height - top, size: o.size, font: o.font, color: o.color ?? black });
  }

  /** Several lines, `leading` apart; returns the baseline below the last one. */
  lines(lines: string[], x: number, top: number, leading: number, o: TextOptions): number {
    lines.forEach((l, i) => this.text(l, x, top + i * leading, o));
    return top + lines.length * leading;
  }

  /** Wraps `str` to `width` and draws it; returns the next free baseline. */
  para(str: string, x: number, top: number, width: number, leading: number, o: TextOptions): number {
    return this.lines(wrap(str, width, o.font, o.size), x, top, leading, o);
  }

  hline(x0: number, x1: number, top: number, thickness = 0.6, color: Color = black): void {
    this.page.drawLine({ start: { x: x0, y: this.height - top }, end: { x: x1, y: this.height - top }, thickness, color });
  }

  vline(x: number, top0: number, top1: number, thickness = 0.6, color: Color = black): void {
    this.page.drawLine({ start: { x, y: this.height - top0 }, end: { x, y: this.height - top1 }, thickness, color });
  }

  /** Dotted guide line, as printed forms have for handwritten entries. */
  dots(x0: number, x1: number, top: number): void {
    this.page.drawLine({
      start: { x: x0, y: this.height - top },
      end: { x: x1, y: this.height - top },
      thickness: 0.5,
      color: black,
      dashArray: [0.6, 1.6],
    });
  }

  rect(x: number, top: number, w: number, h: number, thickness = 0.6, fill?: Color): void {
    this.page.drawRectangle({
      x,
      y: this.height - top - h,
      width: w,
      height: h,
      borderWidth: thickness,
      borderColor: black,
      ...(fill ? { color: fill } : {}),
    });
  }

  fill(x: number, top: number, w: number, h: number, color: Color): void {
    this.page.drawRectangle({ x, y: this.height - top - h, width: w, height: h, color });
  }

  /** A small tick box; `checked` draws a hand-ish tick. */
  checkbox(x: number, top: number, size = 7, checked = false): void {
    this.rect(x, top - size, size, size, 0.6);
    if (checked) {
      const y = this.height - top;
      this.page.drawSvgPath(`M ${0.15 * size} ${-0.45 * size} L ${0.42 * size} ${-0.12 * size} L ${1.05 * size} ${-1.05 * size}`, {
        x,
        y,
        borderColor: black,
        borderWidth: 1,
      });
    }
  }
}

export function wrap(str: string, width: number, font: PDFFont, size: number): string[] {
  const out: string[] = [];
  for (const paragraph of str.split('\n')) {
    let line = '';
    for (const word of paragraph.split(/\s+/).filter(Boolean)) {
      const candidate = line ? `${line} ${word}` : word;
      if (font.widthOfTextAtSize(candidate, size) <= width || !line) line = candidate;
      else {
        out.push(line);
        line = word;
      }
    }
    out.push(line);
  }
  return out;
}

// ---------------------------------------------------------------------------
// Seal lettering as vector outlines
//
// Seal and stamp legends are drawn as filled glyph outlines, not as PDF text: an inked seal
// is graphics, and its letters must not turn up in the page's text layer (where field
// extraction would read them as document text). The outlines come from Liberation Sans Bold
// as shipped inside pdfjs-dist (a pinned dependency, so every machine gets the same shapes),
// converted to SVG paths by @napi-rs/canvas.

const SEAL_FONT = 'OriginDeskDemoSealSans';
/** Outlines are taken at this pixel size, baseline at y = GLYPH_BASE (SVG coordinates, y down). */
const GLYPH_PX = 100;
const GLYPH_BASE = 150;
/** Cap height of Liberation Sans Bold, in em. */
const CAP_HEIGHT = 0.729;
const glyphs = new Map<string, { d: string; advance: number }>();
let fontRegistered = false;

function glyph(ch: string): { d: string; advance: number } {
  const cached = glyphs.get(ch);
  if (cached) return cached;
  if (!fontRegistered) {
    const require_ = createRequire(import.meta.url);
    const file = join(dirname(require_.resolve('pdfjs-dist/package.json')), 'standard_fonts', 'LiberationSans-Bold.ttf');
    GlobalFonts.registerFromPath(file, SEAL_FONT);
    fontRegistered = true;
  }
  const canvas = createCanvas(200, 200, SvgExportFlag.ConvertTextToPaths);
  const ctx = canvas.getContext('2d');
  ctx.font = `${GLYPH_PX}px ${SEAL_FONT}`;
  ctx.fillText(ch, 0, GLYPH_BASE);
  const svg = canvas.getContent().toString('utf8');
  const d = [...svg.matchAll(/<path[^>]* d="([^"]+)"/g)].map((m) => m[1]).join(' ');
  const g = { d, advance: ctx.measureText(ch).width };
  glyphs.set(ch, g);
  return g;
}

/** Advance width of `text` at `size` points. */
function outlineWidth(text: string, size: number): number {
  return [...text].reduce((w, ch) => w + (glyph(ch).advance * size) / GLYPH_PX, 0);
}

interface InkStyle {
  color: Color;
  opacity: number;
}

/** One glyph outline with its baseline origin at (x, y), rotated by `deg` (PDF coordinates). */
function drawGlyph(page: PDFPage, ch: string, x: number, y: number, size: number, deg: number, ink: InkStyle): void {
  const g = glyph(ch);
  if (!g.d) return; // space
  const scale = size / GLYPH_PX;
  // drawSvgPath puts the SVG origin at (x, y); the glyph's baseline sits GLYPH_BASE below it.
  const up = GLYPH_BASE * scale;
  page.drawSvgPath(g.d, {
    x: x - up * Math.sin(rad(deg)),
    y: y + up * Math.cos(rad(deg)),
    scale,
    rotate: degrees(deg),
    color: ink.color,
    opacity: ink.opacity,
    blendMode: BlendMode.Multiply,
  });
}

/** A line of outline text from baseline origin (x, y), rotated by `deg`. */
function drawOutlineText(page: PDFPage, text: string, x: number, y: number, size: number, deg: number, ink: InkStyle): void {
  let adv = 0;
  for (const ch of text) {
    drawGlyph(page, ch, x + adv * Math.cos(rad(deg)), y + adv * Math.sin(rad(deg)), size, deg, ink);
    adv += (glyph(ch).advance * size) / GLYPH_PX;
  }
}

// ---------------------------------------------------------------------------
// Seals and stamps

export interface SealSpec {
  /** Centre in PDF coordinates (y up). */
  cx: number;
  cy: number;
  /** Outer radius in points (a 40 mm seal is about 57 pt). */
  r: number;
  /** Whole-seal rotation in degrees (counter-clockwise); hand-applied seals are never straight. */
  rotation: number;
  ringText: string;
  /** Up to two short lines under the star. */
  bottomLines: string[];
  color?: Color;
  opacity?: number;
  /** Largest arc the ring text may cover (degrees); the type shrinks to fit. */
  maxArcDeg?: number;
}

const rad = (d: number) => (d * Math.PI) / 180;

/**
 * A round official seal: thick outer ring, thin inner ring, lettering running clockwise along
 * the upper arc, a five-pointed star in the centre and a horizontal legend below it — the
 * layout of Chinese official and company seals. All vector paths, in ink red with a multiply
 * blend so the print underneath shows through, as with a real inked seal.
 */
export function drawSeal(page: PDFPage, s: SealSpec): void {
  const color = s.color ?? sealRed;
  const opacity = s.opacity ?? 0.88;
  const ink: InkStyle = { color, opacity };
  const ring = { borderColor: color, borderOpacity: opacity, blendMode: BlendMode.Multiply } as const;
  page.drawCircle({ x: s.cx, y: s.cy, size: s.r - 1.3, borderWidth: 2.6, ...ring });
  page.drawCircle({ x: s.cx, y: s.cy, size: s.r - 4.6, borderWidth: 0.7, ...ring });

  // Ring lettering: glyph baselines on a circle, tops outwards, centred on the top.
  // The type shrinks until the legend fits in maxArcDeg degrees of arc.
  const chars = [...s.ringText];
  let size = s.r * 0.17;
  let rb = 0;
  let widths: number[] = [];
  let spacing = 0;
  let arc = 0;
  for (;;) {
    rb = s.r - 6.6 - CAP_HEIGHT * size;
    spacing = size * 0.14;
    widths = chars.map((c) => outlineWidth(c, size));
    arc = widths.reduce((a, w) => a + w + spacing, 0) - spacing;
    if (arc / rb <= rad(s.maxArcDeg ?? 228) || size < 4) break;
    size *= 0.96;
  }
  const span = arc / rb;
  let theta = rad(90 + s.rotation) + span / 2;
  chars.forEach((c, i) => {
    const w = widths[i]!;
    const mid = theta - w / 2 / rb;
    const ox = s.cx + rb * Math.cos(mid) - (w / 2) * Math.sin(mid);
    const oy = s.cy + rb * Math.sin(mid) + (w / 2) * Math.cos(mid);
    drawGlyph(page, c, ox, oy, size, (mid * 180) / Math.PI - 90, ink);
    theta -= (w + spacing) / rb;
  });

  // Star, point up (in the seal's own frame).
  const R = s.r * 0.3;
  const pts: string[] = [];
  for (let k = 0; k < 10; k++) {
    const a = rad(90 + s.rotation + k * 36);
    const rr = k % 2 === 0 ? R : R * 0.382;
    pts.push(`${(rr * Math.cos(a)).toFixed(2)} ${(-rr * Math.sin(a)).toFixed(2)}`);
  }
  page.drawSvgPath(`M ${pts.join(' L ')} Z`, { x: s.cx, y: s.cy + s.r * 0.06 * Math.cos(rad(s.rotation)), color, opacity, blendMode: BlendMode.Multiply });

  // Horizontal legend under the star, rotated with the seal.
  s.bottomLines.forEach((line, i) => {
    // Each legend line fits the chord of the inner ring at its height.
    const down = s.r * ((s.maxArcDeg ?? 228) > 250 ? 0.44 : 0.53) + s.r * i * 0.16;
    const chord = 1.7 * Math.sqrt(Math.max(0, (s.r * 0.88) ** 2 - down ** 2));
    const legendSize = Math.max(2, Math.min(s.r * (i === 0 ? 0.13 : 0.1), (chord / outlineWidth(line, 10)) * 10));
    const w = outlineWidth(line, legendSize);
    const lx = -w / 2;
    const ly = -down;
    const c = Math.cos(rad(s.rotation));
    const sn = Math.sin(rad(s.rotation));
    drawOutlineText(page, line, s.cx + lx * c - ly * sn, s.cy + lx * sn + ly * c, legendSize, s.rotation, ink);
  });
}

export interface RectStampSpec {
  x: number;
  /** Top edge, PDF coordinates (y up). */
  y: number;
  lines: string[];
  size: number;
  rotation: number;
  color?: Color;
}

/** A rectangular rubber stamp (company name block), double-framed, slightly rotated; vector paths. */
export function drawRectStamp(page: PDFPage, s: RectStampSpec): void {
  const color = s.color ?? stampViolet;
  const ink: InkStyle = { color, opacity: 0.85 };
  const pad = 6;
  const lead = s.size * 1.3;
  const w = Math.max(...s.lines.map((l) => outlineWidth(l, s.size))) + pad * 2;
  const h = lead * s.lines.length + pad * 1.6;
  const c = Math.cos(rad(s.rotation));
  const sn = Math.sin(rad(s.rotation));
  const at = (dx: number, dy: number) => ({ x: s.x + dx * c - dy * sn, y: s.y + dx * sn + dy * c });
  const common = { borderColor: color, borderOpacity: ink.opacity, blendMode: BlendMode.Multiply } as const;
  const frame = (inset: number, width: number) => {
    const o = at(inset, -h + inset);
    page.drawRectangle({ x: o.x, y: o.y, width: w - 2 * inset, height: h - 2 * inset, borderWidth: width, rotate: degrees(s.rotation), ...common });
  };
  frame(0, 1.4);
  frame(2.2, 0.5);
  s.lines.forEach((line, i) => {
    const lw = outlineWidth(line, s.size);
    const p = at((w - lw) / 2, -pad - 0.8 - lead * i - s.size * 0.8);
    drawOutlineText(page, line, p.x, p.y, s.size, s.rotation, ink);
  });
}

// ---------------------------------------------------------------------------
// Signatures

type Pt = [number, number];

/** Catmull-Rom through the points, as cubic Bézier segments (smooth, passes every point). */
function smoothPath(points: Pt[]): string {
  if (points.length < 2) return '';
  const f = (n: number) => n.toFixed(2);
  let d = `M ${f(points[0]![0])} ${f(points[0]![1])}`;
  for (let i = 0; i < points.length - 1; i++) {
    const p0 = points[Math.max(0, i - 1)]!;
    const p1 = points[i]!;
    const p2 = points[i + 1]!;
    const p3 = points[Math.min(points.length - 1, i + 2)]!;
    const c1: Pt = [p1[0] + (p2[0] - p0[0]) / 6, p1[1] + (p2[1] - p0[1]) / 6];
    const c2: Pt = [p2[0] - (p3[0] - p1[0]) / 6, p2[1] - (p3[1] - p1[1]) / 6];
    d += ` C ${f(c1[0])} ${f(c1[1])} ${f(c2[0])} ${f(c2[1])} ${f(p2[0])} ${f(p2[1])}`;
  }
  return d;
}

/**
 * A cursive-looking signature in a `w`×`h` box (SVG coordinates, y down): a tall looped
 * capital, a run of connected loops of varying height (a prolate trochoid, which is what
 * joined handwriting looks like), a second word, and an underline flourish.
 * Returns the stroke paths; each is one pen-down movement.
 */
export function signatureStrokes(seed: number, w: number, h: number, variant = 0): string[] {
  const rand = mulberry32(seed);
  // The same person never signs twice alike: a variant adds a smooth, small wobble to the
  // shape of `seed` (genuine-to-genuine variation), leaving the identity of the signature.
  const vr = mulberry32(seed * 7919 + variant);
  const wob = variant === 0 ? [0, 0, 0, 0] : [vr() * 6.28, vr() * 6.28, 0.012 + 0.01 * vr(), 0.02 + 0.015 * vr()];
  let wi = 0;
  const wobble = ([x, y]: Pt): Pt => {
    wi++;
    return [x + w * wob[2]! * Math.sin(wi * 0.21 + wob[0]!), y + h * wob[3]! * Math.sin(wi * 0.17 + wob[1]!)];
  };
  const base = h * 0.68;
  const slantV = 0.32 + (variant === 0 ? 0 : (vr() - 0.5) * 0.08);
  const sl = (p: Pt): Pt => {
    const [x, y] = wobble(p);
    return [x + slantV * (base - y), y];
  };
  const strokes: Pt[][] = [];
  const dots: Pt[] = [];
  const j0 = (l: number) => (l === 0 ? 0 : 1);

  const word = (x0: number, letters: number, capital: boolean): number => {
    const pts: Pt[] = [];
    let x = x0;
    if (capital) {
      // Tall capital: up-stroke, loop over the top, down through the baseline, back up.
      const ch = h * (0.78 + 0.12 * rand());
      const cw = w * 0.07;
      pts.push([x - cw * 0.4, base + h * 0.06], [x + cw * 0.2, base - ch * 0.55], [x + cw * 0.75, base - ch], [x + cw * 1.05, base - ch * 0.86]);
      pts.push([x + cw * 0.55, base - ch * 0.6], [x + cw * 0.15, base - ch * 0.1], [x + cw * 0.05, base + h * 0.1], [x + cw * 0.5, base - h * 0.08]);
      x += cw * 1.1;
    }
    // Connected lower-case loops.
    const k = w * (0.018 + 0.006 * rand()); // advance per radian
    const steps = 14;
    for (let l = 0; l < letters; l++) {
      const tall = rand() < 0.3;
      const amp = h * (tall ? 0.55 + 0.2 * rand() : 0.2 + 0.12 * rand());
      // x = kt + d sin t loops over the top when d > k (e, l), arches when d < k (n, m).
      const d = k * (tall ? 1.5 + 0.6 * rand() : 0.6 + 1.2 * rand());
      for (let j = j0(l); j <= steps; j++) {
        const t = (j / steps) * 2 * Math.PI;
        pts.push([x + k * t + d * Math.sin(t), base - amp * (1 - Math.cos(t)) * 0.5 - (rand() - 0.5) * h * 0.012]);
      }
      if (tall && rand() < 0.5) dots.push([x + k * Math.PI, base - amp - h * 0.08]);
      x += k * 2 * Math.PI;
      if (rand() < 0.2) {
        // a descender loop (g, j, y)
        pts.push([x + k * 0.5, base + h * 0.22], [x - k * 0.6, base + h * 0.3], [x + k * 0.4, base + h * 0.02]);
        x += k;
      }
    }
    pts.push([x + k * 1.5, base - h * 0.12]);
    strokes.push(pts.map(sl));
    return x;
  };

  let x = word(w * 0.06, 3 + Math.floor(rand() * 2), true);
  x = word(x + w * 0.05, 4 + Math.floor(rand() * 2), true);
  // Flourish: back under the name and out to the right.
  const end = Math.min(x, w * 0.92);
  strokes.push(
    [
      [end - w * 0.02, base - h * 0.05],
      [end + w * 0.03, base + h * 0.12],
      [end - w * 0.25, base + h * 0.22],
      [w * 0.12, base + h * 0.2],
      [w * 0.3, base + h * 0.14],
      [end + w * 0.04, base + h * 0.1],
    ].map((p) => sl(p as Pt)),
  );
  // A quick cross-stroke over one tall letter (a t-bar), made after the name.
  for (const [dx, dy] of dots.slice(0, 1)) {
    strokes.push([sl([dx - w * 0.05, dy + h * 0.04]), sl([dx + w * 0.01, dy]), sl([dx + w * 0.07, dy - h * 0.03])]);
  }
  // Scale to fit the box.
  const all = strokes.flat();
  const minX = Math.min(...all.map((p) => p[0]));
  const maxX = Math.max(...all.map((p) => p[0]));
  const minY = Math.min(...all.map((p) => p[1]));
  const maxY = Math.max(...all.map((p) => p[1]));
  const sx = w / (maxX - minX);
  const sy = h / (maxY - minY);
  return strokes.map((s) => smoothPath(s.map(([px, py]) => [(px - minX) * sx, (py - minY) * sy])));
}

export interface SignatureSpec {
  /** Top-left of the signature box, PDF coordinates (y up). */
  x: number;
  y: number;
  w: number;
  h: number;
  seed: number;
  /** Which signing of the same signature (0 = the reference shape). */
  variant?: number;
  rotation?: number;
  color?: Color;
}

/** Draws the signature twice, slightly offset and thinner, to mimic pen-pressure variation. */
export function drawSignature(page: PDFPage, s: SignatureSpec): void {
  const color = s.color ?? inkBlue;
  for (const d of signatureStrokes(s.seed, s.w, s.h, s.variant ?? 0)) {
    const common = { rotate: degrees(s.rotation ?? 3), borderColor: color, borderLineCap: LineCapStyle.Round, blendMode: BlendMode.Multiply } as const;
    page.drawSvgPath(d, { x: s.x, y: s.y, borderWidth: 0.95, borderOpacity: 0.9, ...common });
    page.drawSvgPath(d, { x: s.x + 0.35, y: s.y - 0.25, borderWidth: 0.45, borderOpacity: 0.7, ...common });
  }
}

/** A faint guilloche of interlaced sine waves, as printed on security forms. */
export function drawGuilloche(page: PDFPage, x: number, y: number, w: number, h: number, color: Color): void {
  const rows = 64;
  for (let r = 0; r < rows; r++) {
    const cy = y + (h * (r + 0.5)) / rows;
    for (const phase of [0, Math.PI * 0.6]) {
      let d = '';
      const n = 220;
      for (let i = 0; i <= n; i++) {
        const px = (w * i) / n;
        const py = -(h / rows) * 0.8 * Math.sin((px / w) * Math.PI * 46 + phase + r * 0.9) * (1 + 0.35 * Math.sin((px / w) * Math.PI * 3 + r * 0.2));
        d += `${i === 0 ? 'M' : 'L'} ${px.toFixed(1)} ${py.toFixed(1)} `;
      }
      page.drawSvgPath(d, { x, y: cy, borderColor: color, borderWidth: 0.22, borderOpacity: 0.5 });
    }
  }
}
