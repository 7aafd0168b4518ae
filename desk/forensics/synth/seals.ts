/**
 * Generated official seals, their impressions and every forgery class, deterministic from seeds.
 *
 * A `SealSpec` is the engraving: shape, size in millimetres, rings, ring text, emblem, inner text,
 * and the engraver's individual glyph deformations (`engraving`). `renderDesign` rasterises it at a
 * scan resolution and rotation; `impress` turns the design into an ink-density map the way a rubber
 * stamp does (pressure tilt, partial rims, ink amount, uneven inking, pooling at stroke edges,
 * smudges); `sealSample` composites it on paper (optionally over print, form lines and a signature)
 * and passes it through a scanner. Forgeries: `forgeSpec` (re-engraved, wrong diameter, another
 * authority), `printedSample` (laser halftone, inkjet, photocopy, redrawn vector) and `pastedSample`
 * (an existing impression's pixels pasted into a new page).
 */
import type { SKRSContext2D } from '@napi-rs/canvas';
import { gaussBlur, gray, resizeGray, rgb, type Gray, type Rgb } from '../image.ts';
import { composite, padInk, multiplyPaste, paper, printDensity, rasterise, scan, type InkName, type PrintProcess } from './ink.ts';
import { rng, valueNoise, type Rng } from './rng.ts';
import { engraveGlyph, glyph, GLYPH_SPACING, textWidth, type Glyph } from './strokefont.ts';

export type SealShape = 'round' | 'oval' | 'rect';
export type Emblem = 'star' | 'star_ring' | 'crest' | 'none';

export interface SealSpec {
  id: string;
  shape: SealShape;
  /** Outer width and height in mm (equal for round seals). */
  wMm: number;
  hMm: number;
  /** Rings (round/oval) or frames (rect): inset of the ring's outer edge from the seal's edge and stroke width, mm. */
  rings: { inset: number; width: number }[];
  ringText: string;
  bottomText: string;
  /** Cap height of the ring text, mm; its cap line sits `textInset` mm inside the edge. */
  textCap: number;
  textInset: number;
  /** Extra spacing factor of the ring text (1 = the font's). */
  spacing: number;
  /** Angle offset of the ring text's centre from the top, degrees. */
  textAngle: number;
  strokeMm: number;
  emblem: Emblem;
  emblemSize: number;
  innerLines: string[];
  innerCap: number;
  date: string;
  engraving: { seed: string; amount: number };
  ink: InkName;
}

// ---------------------------------------------------------------------------
// Spec generation

const ORGS = [
  'CHAMBER OF COMMERCE AND INDUSTRY',
  'CHAMBER OF COMMERCE',
  'MINISTRY OF INDUSTRY AND TRADE',
  'MINISTRY OF COMMERCE',
  'CUSTOMS SERVICE',
  'EXPORT PROMOTION BUREAU',
  'TRADE CERTIFICATION OFFICE',
  'DEPARTMENT OF FOREIGN TRADE',
  'COUNCIL FOR TRADE PROMOTION',
  'BOARD OF TRADE',
  'ORIGIN CERTIFICATION CENTRE',
  'FEDERATION OF INDUSTRIES',
  'REGIONAL TRADE AUTHORITY',
  'GENERAL ADMINISTRATION OF CUSTOMS',
  'INSPECTION AND QUARANTINE BUREAU',
  'EXPORT CONTROL OFFICE',
  'TRADE DEVELOPMENT AGENCY',
  'OFFICE OF ORIGIN VERIFICATION',
];
const PLACES = [
  'BUSAN', 'INCHEON', 'SEOUL', 'ULSAN', 'SHANGHAI', 'NINGBO', 'SHENZHEN', 'QINGDAO', 'TIANJIN', 'XIAMEN', 'GUANGZHOU', 'DALIAN',
  'HANOI', 'HAIPHONG', 'HO CHI MINH CITY', 'DA NANG', 'BANGKOK', 'LAEM CHABANG', 'JAKARTA', 'SURABAYA', 'MEDAN', 'MANILA',
  'CEBU', 'KUALA LUMPUR', 'PENANG', 'JOHOR', 'SINGAPORE', 'YANGON', 'PHNOM PENH', 'VIENTIANE', 'TOKYO', 'OSAKA', 'NAGOYA',
  'YOKOHAMA', 'KOBE', 'MUMBAI', 'CHENNAI', 'KOLKATA', 'DHAKA', 'CHITTAGONG', 'KARACHI', 'COLOMBO', 'DUBAI', 'ISTANBUL',
  'IZMIR', 'ROTTERDAM', 'HAMBURG', 'ANTWERP', 'LE HAVRE', 'GENOA', 'VALENCIA', 'GDANSK', 'SANTOS', 'CALLAO', 'VALPARAISO',
  'MANZANILLO', 'DURBAN', 'MOMBASA', 'LAGOS', 'TEMA', 'CASABLANCA', 'ALEXANDRIA', 'SYDNEY', 'MELBOURNE', 'AUCKLAND',
];
const INNER_WORDS = ['CERTIFIED', 'APPROVED', 'ORIGIN', 'EXPORT', 'OFFICIAL', 'VERIFIED', 'AUTHORISED', 'CERTIFICATION', 'ISSUED'];

export function sealSpec(seed: string | number): SealSpec {
  const r = rng(`seal-spec/${seed}`);
  const shape: SealShape = r.chance(0.62) ? 'round' : r.chance(0.5) ? 'oval' : 'rect';
  const place = r.pick(PLACES);
  const org = r.pick(ORGS);
  let wMm: number;
  let hMm: number;
  if (shape === 'round') wMm = hMm = Math.round(r.range(30, 48) * 2) / 2;
  else if (shape === 'oval') {
    wMm = Math.round(r.range(40, 54));
    hMm = Math.round(wMm * r.range(0.6, 0.78));
  } else {
    wMm = Math.round(r.range(44, 64));
    hMm = Math.round(r.range(20, 34));
  }
  const rings: SealSpec['rings'] = [{ inset: 0, width: r.range(0.7, 1.3) }];
  if (r.chance(0.55)) rings.push({ inset: rings[0]!.width + r.range(0.5, 1.0), width: r.range(0.25, 0.45) });
  const ringsEdge = rings[rings.length - 1]!.inset + rings[rings.length - 1]!.width;
  const small = Math.min(wMm, hMm);
  const textCap = shape === 'rect' ? small * r.range(0.12, 0.16) : small * r.range(0.085, 0.11);
  const innerRing = r.chance(0.45);
  const textInset = ringsEdge + r.range(0.45, 0.8);
  if (innerRing) rings.push({ inset: textInset + textCap + r.range(0.6, 0.9), width: r.range(0.25, 0.4) });
  const year = r.int(1950, 2024);
  return {
    id: `S${(r() * 1e9).toFixed(0).padStart(9, '0')}`,
    shape,
    wMm,
    hMm,
    rings,
    ringText: shape === 'rect' ? org : `${org} OF ${place}`,
    bottomText: shape === 'round' && r.chance(0.5) ? place.split(' ')[0]! : '',
    textCap,
    textInset,
    spacing: r.range(0.95, 1.3),
    textAngle: 0,
    strokeMm: r.range(0.22, 0.36),
    emblem: shape === 'rect' ? 'none' : r.pick(['star', 'star', 'star_ring', 'crest', 'none'] as const),
    emblemSize: r.range(0.2, 0.3),
    innerLines: shape === 'rect' ? [place] : r.chance(0.7) ? [r.pick(INNER_WORDS)] : [],
    innerCap: small * r.range(0.06, 0.08),
    date: r.chance(0.6) ? `SINCE ${year}` : `${year}`,
    engraving: { seed: `eng/${seed}`, amount: 0.06 },
    ink: r.pick(['red', 'red', 'red', 'red', 'blue', 'blue', 'violet', 'violet', 'black'] as const),
  };
}

// ---------------------------------------------------------------------------
// Design rendering

/** Where the engraver's individual glyph shapes come from: one deformation per glyph occurrence. */
class Engraver {
  private r: Rng;
  constructor(private spec: SealSpec) {
    this.r = rng(spec.engraving.seed);
  }
  next(ch: string): Glyph {
    return engraveGlyph(glyph(ch), this.r.fork(this.counter++), this.spec.engraving.amount);
  }
  private counter = 0;
}

function drawGlyph(ctx: SKRSContext2D, g: Glyph, x: number, y: number, angle: number, k: number, strokeMm: number): void {
  ctx.save();
  ctx.translate(x, y);
  ctx.rotate(angle);
  ctx.scale(k, k);
  ctx.translate(-g.w / 2, -6);
  ctx.lineWidth = strokeMm / k;
  ctx.beginPath();
  for (const s of g.strokes) {
    if (s.length === 0) continue;
    ctx.moveTo(s[0]![0], s[0]![1]);
    if (s.length === 1) ctx.lineTo(s[0]![0] + 0.01, s[0]![1]);
    for (let i = 1; i < s.length; i++) ctx.lineTo(s[i]![0], s[i]![1]);
  }
  ctx.stroke();
  ctx.restore();
}

/** Point and reading-direction tangent at arc length `s` from parameter t0 along an ellipse (dir +1 = increasing t). */
function alongEllipse(a: number, b: number, t0: number, s: number, dir: 1 | -1): { x: number; y: number; angle: number } {
  const steps = 400;
  const sign = s >= 0 ? 1 : -1;
  let t = t0;
  let remaining = Math.abs(s);
  const dt = (sign * dir * 2 * Math.PI) / 4000;
  for (let i = 0; i < 40000 && remaining > 0; i++) {
    const sp = Math.hypot(a * Math.sin(t), b * Math.cos(t)) * Math.abs(dt);
    if (sp >= remaining) {
      t += dt * (remaining / sp);
      remaining = 0;
      break;
    }
    remaining -= sp;
    t += dt;
  }
  void steps;
  const tx = -a * Math.sin(t) * dir;
  const ty = b * Math.cos(t) * dir;
  return { x: a * Math.cos(t), y: b * Math.sin(t), angle: Math.atan2(ty, tx) };
}

function drawEllipseText(
  ctx: SKRSContext2D,
  eng: Engraver,
  text: string,
  a: number,
  b: number,
  tCentre: number,
  dir: 1 | -1,
  cap: number,
  spacing: number,
  strokeMm: number,
): void {
  const k = cap / 6;
  const gs = [...text].map((ch) => eng.next(ch));
  const widths = gs.map((g) => g.w);
  const gap = GLYPH_SPACING * spacing;
  const total = widths.reduce((s, w) => s + w, 0) + gap * (gs.length - 1);
  let pos = -total / 2;
  for (let i = 0; i < gs.length; i++) {
    const centre = pos + widths[i]! / 2;
    const p = alongEllipse(a, b, tCentre, centre * k, dir);
    drawGlyph(ctx, gs[i]!, p.x, p.y, p.angle, k, strokeMm);
    pos += widths[i]! + gap;
  }
}

function drawLine(ctx: SKRSContext2D, eng: Engraver, text: string, cx: number, baseline: number, cap: number, strokeMm: number, spacing = 1): void {
  const k = cap / 6;
  const gs = [...text].map((ch) => eng.next(ch));
  const gap = GLYPH_SPACING * spacing;
  const total = gs.reduce((s, g) => s + g.w, 0) + gap * (gs.length - 1);
  let x = cx - (total * k) / 2;
  for (const g of gs) {
    drawGlyph(ctx, g, x + (g.w * k) / 2, baseline, 0, k, strokeMm);
    x += (g.w + gap) * k;
  }
}

function star(ctx: SKRSContext2D, cx: number, cy: number, R: number, points = 5): void {
  ctx.beginPath();
  for (let i = 0; i < points * 2; i++) {
    const rad = i % 2 === 0 ? R : R * 0.4;
    const a = -Math.PI / 2 + (i * Math.PI) / points;
    const x = cx + rad * Math.cos(a);
    const y = cy + rad * Math.sin(a);
    if (i === 0) ctx.moveTo(x, y);
    else ctx.lineTo(x, y);
  }
  ctx.closePath();
  ctx.fill();
}

/** Draws the seal in millimetres around (0,0) on a context already scaled to mm. */
function drawSeal(ctx: SKRSContext2D, spec: SealSpec): void {
  const eng = new Engraver(spec);
  const A = spec.wMm / 2;
  const B = spec.hMm / 2;
  const small = Math.min(A, B);
  if (spec.shape === 'rect') {
    for (const ring of spec.rings) {
      ctx.lineWidth = ring.width;
      const i = ring.inset + ring.width / 2;
      ctx.strokeRect(-A + i, -B + i, 2 * (A - i), 2 * (B - i));
    }
    const lines = [spec.ringText, ...spec.innerLines, spec.date].filter(Boolean);
    // fit the lines into the inner height
    const inner = 2 * (B - spec.textInset);
    let cap = spec.textCap;
    const lineGap = 0.55;
    while (cap * (lines.length + lineGap * (lines.length - 1)) > inner && cap > 0.8) cap *= 0.95;
    const maxW = 2 * (A - spec.textInset) - 1;
    const total = cap * (lines.length + lineGap * (lines.length - 1));
    let y = -total / 2 + cap;
    for (const line of lines) {
      let c = cap;
      while ((textWidth(line, GLYPH_SPACING * spec.spacing) * c) / 6 > maxW && c > 0.6) c *= 0.95;
      drawLine(ctx, eng, line, 0, y, c, spec.strokeMm, spec.spacing);
      y += cap * (1 + lineGap);
    }
    return;
  }
  for (const ring of spec.rings) {
    ctx.lineWidth = ring.width;
    const i = ring.inset + ring.width / 2;
    ctx.beginPath();
    ctx.ellipse(0, 0, A - i, B - i, 0, 0, Math.PI * 2);
    ctx.stroke();
  }
  // ring text along the top, baseline inside the cap line
  const capTop = spec.textInset;
  const ba = A - capTop - spec.textCap;
  const bb = B - capTop - spec.textCap;
  const t0 = -Math.PI / 2 + (spec.textAngle * Math.PI) / 180;
  // shrink the cap if the text would wrap past ~300°
  let cap = spec.textCap;
  const perim = Math.PI * (3 * (ba + bb) - Math.sqrt((3 * ba + bb) * (ba + 3 * bb)));
  const maxArc = (spec.bottomText ? 0.7 : 0.82) * perim;
  while ((textWidth(spec.ringText, GLYPH_SPACING * spec.spacing) * cap) / 6 > maxArc && cap > 0.8) cap *= 0.97;
  const a2 = A - capTop - cap;
  const b2 = B - capTop - cap;
  drawEllipseText(ctx, eng, spec.ringText, a2, b2, t0, 1, cap, spec.spacing, spec.strokeMm);
  if (spec.bottomText) {
    drawEllipseText(ctx, eng, spec.bottomText, A - capTop, B - capTop, Math.PI / 2, -1, cap * 0.9, spec.spacing, spec.strokeMm);
    // small stars separating top and bottom text
    const textArc = (textWidth(spec.bottomText, GLYPH_SPACING * spec.spacing) * cap * 0.9) / 6 / 2 + cap * 0.9;
    for (const side of [-1, 1] as const) {
      const p = alongEllipse(A - capTop - cap * 0.45, B - capTop - cap * 0.45, Math.PI / 2, side * textArc, -1);
      star(ctx, p.x, p.y, cap * 0.45);
    }
  } else if (spec.shape === 'round') {
    star(ctx, 0, B - capTop - cap * 0.55, cap * 0.55);
  }
  const emblemR = small * spec.emblemSize;
  const hasInner = spec.innerLines.length > 0;
  const emblemY = hasInner ? -small * 0.12 : 0;
  if (spec.emblem === 'star') star(ctx, 0, emblemY, emblemR);
  else if (spec.emblem === 'star_ring') {
    star(ctx, 0, emblemY, emblemR * 0.75);
    ctx.lineWidth = spec.strokeMm;
    ctx.beginPath();
    ctx.arc(0, emblemY, emblemR, 0, Math.PI * 2);
    ctx.stroke();
  } else if (spec.emblem === 'crest') {
    ctx.lineWidth = spec.strokeMm * 1.2;
    const s = emblemR;
    ctx.beginPath();
    ctx.moveTo(-s * 0.8, emblemY - s);
    ctx.lineTo(s * 0.8, emblemY - s);
    ctx.lineTo(s * 0.8, emblemY);
    ctx.quadraticCurveTo(s * 0.8, emblemY + s * 0.8, 0, emblemY + s);
    ctx.quadraticCurveTo(-s * 0.8, emblemY + s * 0.8, -s * 0.8, emblemY);
    ctx.closePath();
    ctx.stroke();
    ctx.beginPath();
    ctx.moveTo(0, emblemY - s * 0.8);
    ctx.lineTo(0, emblemY + s * 0.8);
    ctx.moveTo(-s * 0.6, emblemY - s * 0.2);
    ctx.lineTo(s * 0.6, emblemY - s * 0.2);
    ctx.stroke();
  }
  let y = (spec.emblem === 'none' ? -small * 0.05 : emblemY + emblemR) + spec.innerCap * 1.6;
  for (const line of spec.innerLines) {
    drawLine(ctx, eng, line, 0, y, spec.innerCap, spec.strokeMm);
    y += spec.innerCap * 1.6;
  }
  if (spec.date) drawLine(ctx, eng, spec.date, 0, Math.min(y + spec.innerCap * 0.2, B * 0.62), spec.innerCap * 0.9, spec.strokeMm * 0.9);
}

/**
 * Rasterises the design at `dpi`, rotated by `rotationDeg` (clockwise on screen), centred in a square
 * canvas. Returns coverage 0..1 and the canvas centre.
 */
export function renderDesign(spec: SealSpec, dpi: number, rotationDeg = 0, scale = 1): Gray {
  const pxPerMm = (dpi / 25.4) * scale;
  const diag = Math.hypot(spec.wMm, spec.hMm);
  const size = Math.ceil(diag * pxPerMm + 8) | 1;
  return rasterise(size, size, (ctx) => {
    ctx.translate(size / 2, size / 2);
    ctx.rotate((rotationDeg * Math.PI) / 180);
    ctx.scale(pxPerMm, pxPerMm);
    drawSeal(ctx, spec);
  });
}

// ---------------------------------------------------------------------------
// Impressions

export interface ImpressionParams {
  dpi: number;
  rotationDeg: number;
  /** Overall ink load 0.5–1. */
  inkAmount: number;
  /** Mean pressure and its tilt across the seal (a tilted stamp leaves a partial rim). */
  pressure: number;
  tilt: number;
  tiltAngle: number;
  /** Ink spread in mm (pressure and ink viscosity). */
  spreadMm: number;
  unevenness: number;
  pooling: number;
  smudge: number;
  /** Scanner calibration error: the true scale of the scan relative to its stated dpi. */
  scaleError: number;
}

export function randomImpression(r: Rng, dpi?: number, quality: 'specimen' | 'field' = 'field'): ImpressionParams {
  const good = quality === 'specimen';
  return {
    dpi: dpi ?? r.pick([150, 200, 300, 300, 300, 400, 600]),
    rotationDeg: good ? r.range(-3, 3) : r.range(-180, 180),
    inkAmount: good ? r.range(0.8, 0.95) : r.range(0.5, 0.95),
    pressure: good ? r.range(0.75, 0.9) : r.range(0.6, 0.95),
    tilt: good ? r.range(0, 0.15) : r.chance(0.3) ? r.range(0.3, 0.6) : r.range(0, 0.25),
    tiltAngle: r.range(0, Math.PI * 2),
    spreadMm: r.range(0.02, 0.07),
    unevenness: good ? r.range(0.1, 0.2) : r.range(0.15, 0.45),
    pooling: r.range(0.15, 0.45),
    smudge: good ? 0 : r.chance(0.2) ? r.range(0.2, 0.6) : 0,
    scaleError: r.normal(0, 0.002),
  };
}

/** A rubber-stamp impression of a design: ink-density map (0..1), same size as the design canvas. */
export function impress(design: Gray, p: ImpressionParams, r: Rng): Gray {
  const { w, h } = design;
  const pxPerMm = p.dpi / 25.4;
  const spread = gaussBlur(design, Math.max(0.35, p.spreadMm * pxPerMm));
  const low = valueNoise(r, w, h, Math.max(6, Math.round(pxPerMm * 6)));
  const fine = valueNoise(r, w, h, Math.max(1.5, pxPerMm * 0.25));
  const grain = valueNoise(r, w, h, Math.max(1, pxPerMm * 0.08));
  const out = gray(w, h);
  const cx = w / 2;
  const cy = h / 2;
  const R = w / 2;
  const tx = Math.cos(p.tiltAngle);
  const ty = Math.sin(p.tiltAngle);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const i = y * w + x;
      const b = spread.d[i]!;
      if (b < 0.02) continue;
      const along = ((x - cx) * tx + (y - cy) * ty) / R;
      const pressure = p.pressure + p.tilt * along + (low[i]! - 0.5) * 0.25;
      if (pressure < 0.12) continue;
      const level = Math.min(0.85, Math.max(0.15, 0.5 - 0.45 * (pressure - 0.7)));
      const e = (b - level) / 0.12;
      const cov = e <= -1 ? 0 : e >= 1 ? 1 : 0.5 + 0.5 * Math.sin((e * Math.PI) / 2);
      if (cov <= 0) continue;
      const edge = 1 - Math.min(1, Math.abs(2 * b - 1) * 1.3);
      const texture = 1 - p.unevenness * (0.6 * fine[i]! + 0.4 * grain[i]!);
      const starve = Math.min(1, Math.max(0.25, pressure + 0.2));
      out.d[i] = Math.min(0.97, cov * p.inkAmount * texture * starve * (1 + p.pooling * edge));
    }
  }
  if (p.smudge > 0) {
    // the stamp slid slightly: a faint directional trail on one side
    const a = r.range(0, Math.PI * 2);
    const len = Math.max(2, Math.round(pxPerMm * r.range(0.4, 1.2)));
    const dx = Math.cos(a);
    const dy = Math.sin(a);
    const trail = gray(w, h);
    for (let k = 1; k <= len; k++) {
      const ox = Math.round(dx * k);
      const oy = Math.round(dy * k);
      for (let y = 0; y < h; y++) {
        const sy = y - oy;
        if (sy < 0 || sy >= h) continue;
        for (let x = 0; x < w; x++) {
          const sx = x - ox;
          if (sx < 0 || sx >= w) continue;
          trail.d[y * w + x] = Math.max(trail.d[y * w + x]!, out.d[sy * w + sx]! * (1 - k / (len + 1)));
        }
      }
    }
    const region = valueNoise(r, w, h, Math.max(8, Math.round(w / 3)));
    for (let i = 0; i < w * h; i++) {
      if (region[i]! > 0.55) out.d[i] = Math.max(out.d[i]!, trail.d[i]! * p.smudge);
    }
  }
  return out;
}

// ---------------------------------------------------------------------------
// Samples (a scanned crop around one impression)

export type Underlay = 'plain' | 'text' | 'form' | 'signature';

export interface SealSample {
  rgb: Rgb;
  dpi: number;
  /** Seal centre in the crop, px. */
  cx: number;
  cy: number;
  rotationDeg: number;
  ink: [number, number, number];
  /** Ground-truth ink density in crop coordinates (for tests). */
  density: Gray;
  spec: SealSpec;
}

export interface UnderlayPainter {
  (page: Rgb, dpi: number, r: Rng, kind: Underlay): void;
}

let underlayPainter: UnderlayPainter | null = null;
/** page.ts registers how print/form lines/signatures are painted under a seal (avoids a module cycle). */
export function setUnderlayPainter(p: UnderlayPainter): void {
  underlayPainter = p;
}

function cropCanvas(spec: SealSpec, dpi: number, r: Rng): { w: number; h: number } {
  const pxPerMm = dpi / 25.4;
  const diag = Math.hypot(spec.wMm, spec.hMm);
  const side = Math.ceil(diag * pxPerMm * r.range(1.08, 1.2));
  return { w: side, h: side };
}

export function sealSample(
  spec: SealSpec,
  seed: string | number,
  opts: { quality?: 'specimen' | 'field'; dpi?: number; underlay?: Underlay; params?: Partial<ImpressionParams> } = {},
): SealSample {
  const r = rng(`seal-sample/${spec.id}/${seed}`);
  const p = { ...randomImpression(r, opts.dpi, opts.quality ?? 'field'), ...opts.params };
  const design = renderDesign(spec, p.dpi, p.rotationDeg, 1 + p.scaleError);
  const density = impress(design, p, r.fork('impress'));
  const { w, h } = cropCanvas(spec, p.dpi, r);
  const page = paper(w, h, r.fork('paper'));
  const underlay = opts.underlay ?? (opts.quality === 'specimen' ? 'plain' : r.pick(['plain', 'text', 'form', 'signature'] as const));
  if (underlay !== 'plain' && underlayPainter) underlayPainter(page, p.dpi, r.fork('underlay'), underlay);
  const x0 = Math.round((w - design.w) / 2 + r.range(-0.03, 0.03) * w);
  const y0 = Math.round((h - design.h) / 2 + r.range(-0.03, 0.03) * h);
  const ink = padInk(spec.ink, spec.id, r.fork('ink'));
  composite(page, density, x0, y0, ink);
  scan(page, r.fork('scan'), { blur: r.range(0.3, 0.7), noise: opts.quality === 'specimen' ? r.range(1, 2) : r.range(1.5, 4) });
  const placed = gray(w, h);
  for (let y = 0; y < density.h; y++) {
    for (let x = 0; x < density.w; x++) {
      const px = x + x0;
      const py = y + y0;
      if (px >= 0 && py >= 0 && px < w && py < h) placed.d[py * w + px] = density.d[y * density.w + x]!;
    }
  }
  return { rgb: page, dpi: p.dpi, cx: x0 + design.w / 2, cy: y0 + design.h / 2, rotationDeg: p.rotationDeg, ink, density: placed, spec };
}

// ---------------------------------------------------------------------------
// Forgeries

export const SEAL_FORGERY_CLASSES = ['reengraved', 'wrong_diameter', 'other_authority', 'printed_copy', 'pasted_copy'] as const;
export type SealForgeryClass = (typeof SEAL_FORGERY_CLASSES)[number];

/** A counterfeit engraving of `spec`: re-cut glyphs and spacing, a wrong size, or another authority's seal. */
export function forgeSpec(spec: SealSpec, cls: 'reengraved' | 'wrong_diameter' | 'other_authority', seed: string | number): SealSpec {
  const r = rng(`forge/${spec.id}/${cls}/${seed}`);
  if (cls === 'reengraved') {
    const f: SealSpec = {
      ...spec,
      engraving: { seed: `reeng/${spec.id}/${seed}`, amount: r.range(0.12, 0.3) },
      spacing: spec.spacing * (1 + r.normal(0, 0.03)),
      textAngle: spec.textAngle + r.normal(0, 1.2),
      strokeMm: spec.strokeMm * (1 + r.normal(0, 0.12)),
      textCap: spec.textCap * (1 + r.normal(0, 0.03)),
      rings: spec.rings.map((g) => ({ inset: g.inset * (1 + r.normal(0, 0.04)), width: g.width * (1 + r.normal(0, 0.1)) })),
      emblemSize: spec.emblemSize * (1 + r.normal(0, 0.04)),
    };
    return f;
  }
  if (cls === 'wrong_diameter') {
    const k = 1 + (r.chance(0.5) ? 1 : -1) * r.range(0.03, 0.08);
    return {
      ...spec,
      engraving: { seed: `reeng/${spec.id}/${seed}`, amount: 0.06 },
      wMm: spec.wMm * k,
      hMm: spec.hMm * k,
      rings: spec.rings.map((g) => ({ inset: g.inset * k, width: g.width * k })),
      textCap: spec.textCap * k,
      textInset: spec.textInset * k,
      innerCap: spec.innerCap * k,
      strokeMm: spec.strokeMm * k,
    };
  }
  // another authority: same shape family and ink, usually similar size
  const other = sealSpec(`other/${spec.id}/${seed}`);
  const sameSize = r.chance(0.6);
  return {
    ...other,
    shape: spec.shape,
    ink: spec.ink,
    wMm: sameSize ? spec.wMm : other.shape === spec.shape ? other.wMm : spec.wMm * r.range(0.9, 1.1),
    hMm: sameSize ? spec.hMm : other.shape === spec.shape ? other.hMm : spec.hMm * r.range(0.9, 1.1),
    emblem: r.chance(0.5) ? spec.emblem : other.emblem,
  };
}

/** A seal printed from a scan or a redrawing (laser halftone, inkjet, photocopy, flat vector print), then scanned. */
export function printedSample(spec: SealSpec, seed: string | number, opts: { dpi?: number; process?: PrintProcess } = {}): SealSample & { process: PrintProcess } {
  const r = rng(`printed/${spec.id}/${seed}`);
  const process: PrintProcess =
    opts.process ?? r.pick(['laser_halftone', 'laser_halftone', 'inkjet', 'photocopy_colour', 'photocopy_mono', 'vector_flat'] as const);
  const printerDpi = 600;
  const p = randomImpression(r, printerDpi, 'specimen');
  const scanDpi = opts.dpi ?? r.pick([150, 200, 300, 300, 300, 400, 600]);
  const rot = r.range(-180, 180);
  const design = renderDesign(spec, printerDpi, rot);
  const density = process === 'vector_flat' ? design : impress(design, { ...p, rotationDeg: rot }, r.fork('impress'));
  const ink = padInk(spec.ink, spec.id, r.fork('ink'));
  const trans = printDensity(density, ink, process, r.fork('print'), printerDpi);
  const k = scanDpi / printerDpi;
  const sw = Math.max(8, Math.round(density.w * k));
  const sh = Math.max(8, Math.round(density.h * k));
  const down = trans.map((t) => resizeGray(t, sw, sh));
  const { w, h } = cropCanvas(spec, scanDpi, r);
  const page = paper(w, h, r.fork('paper'));
  const underlay = r.pick(['plain', 'text', 'form'] as const);
  if (underlay !== 'plain' && underlayPainter) underlayPainter(page, scanDpi, r.fork('underlay'), underlay);
  const x0 = Math.round((w - sw) / 2);
  const y0 = Math.round((h - sh) / 2);
  const dens = gray(w, h);
  for (let y = 0; y < sh; y++) {
    for (let x = 0; x < sw; x++) {
      const px = x + x0;
      const py = y + y0;
      if (px < 0 || py < 0 || px >= w || py >= h) continue;
      const q = (py * w + px) * 3;
      let a = 0;
      for (let c = 0; c < 3; c++) {
        const t = down[c]!.d[y * sw + x]!;
        page.d[q + c] = page.d[q + c]! * t;
        a = Math.max(a, 1 - t);
      }
      dens.d[py * w + px] = a;
    }
  }
  scan(page, r.fork('scan'), { blur: r.range(0.3, 0.6), noise: r.range(1.5, 3.5) });
  return { rgb: page, dpi: scanDpi, cx: x0 + sw / 2, cy: y0 + sh / 2, rotationDeg: rot, ink, density: dens, spec, process };
}

/**
 * The same impression pasted digitally into another document: the source crop's pixels multiplied
 * onto a new page background (pixel-identical ink), no new scan. `jitter` > 0 adds a light
 * recompression-like noise (still a copy, no longer bit-exact).
 */
export function pastedSample(source: SealSample, seed: string | number, opts: { jitter?: number; underlay?: Underlay } = {}): SealSample {
  const r = rng(`pasted/${source.spec.id}/${seed}`);
  const { w, h } = source.rgb;
  const page = paper(w, h, r.fork('paper'));
  const underlay = opts.underlay ?? r.pick(['plain', 'plain', 'text', 'form'] as const);
  if (underlay !== 'plain' && underlayPainter) underlayPainter(page, source.dpi, r.fork('underlay'), underlay);
  // the source's paper is lifted out (levels: paper → white) so only the ink travels
  const src = rgb(w, h);
  const bgLevel = [0, 1, 2].map((c) => paperLevel(source.rgb, c));
  for (let i = 0; i < w * h; i++) {
    for (let c = 0; c < 3; c++) src.d[i * 3 + c] = Math.min(255, Math.round((source.rgb.d[i * 3 + c]! * 255) / bgLevel[c]!));
  }
  multiplyPaste(page, src, 0, 0);
  const jitter = opts.jitter ?? 0;
  if (jitter > 0) for (let i = 0; i < page.d.length; i++) page.d[i] = Math.max(0, Math.min(255, Math.round(page.d[i]! + r.normal(0, jitter))));
  return { ...source, rgb: page };
}

function paperLevel(img: Rgb, c: number): number {
  const hist = new Uint32Array(256);
  for (let i = 0; i < img.w * img.h; i++) {
    const k = img.d[i * 3 + c]!;
    hist[k] = hist[k]! + 1;
  }
  // the 80th percentile brightness is paper in every crop we make
  let acc = 0;
  const target = img.w * img.h * 0.8;
  for (let v = 0; v < 256; v++) {
    acc += hist[v]!;
    if (acc >= target) return Math.max(1, v);
  }
  return 255;
}

