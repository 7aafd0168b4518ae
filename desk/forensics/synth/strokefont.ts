/**
 * A small single-stroke font (capitals, digits, a few signs) used by the generators. Being our own
 * vectors it renders the same on every machine (no system fonts), and each glyph can be deformed
 * slightly to model an individual engraving — the basis of the "re-engraved seal" forgery class.
 *
 * Glyph coordinates: cap height 6 units, y down (0 = cap line, 6 = baseline), x from 0 to `w`.
 */
import type { Rng } from './rng.ts';

export type Pt = [number, number];
export interface Glyph {
  w: number;
  strokes: Pt[][];
}

function arc(cx: number, cy: number, rx: number, ry: number, a0: number, a1: number, n = 12): Pt[] {
  const pts: Pt[] = [];
  for (let i = 0; i <= n; i++) {
    const a = ((a0 + ((a1 - a0) * i) / n) * Math.PI) / 180;
    pts.push([cx + rx * Math.cos(a), cy + ry * Math.sin(a)]);
  }
  return pts;
}

const G: Record<string, Glyph> = {
  A: { w: 4, strokes: [[[0, 6], [2, 0], [4, 6]], [[0.75, 3.9], [3.25, 3.9]]] },
  B: { w: 4.2, strokes: [[[0, 6], [0, 0], [2.5, 0], ...arc(2.5, 1.5, 1.5, 1.5, -90, 90, 8), [0, 3]], [[0, 3], [2.7, 3], ...arc(2.7, 4.5, 1.5, 1.5, -90, 90, 8), [0, 6]]] },
  C: { w: 4, strokes: [arc(2.1, 3, 2.1, 3, -40, -320, 16)] },
  D: { w: 4.1, strokes: [[[0, 6], [0, 0], [1.5, 0], ...arc(1.5, 3, 2.5, 3, -90, 90, 12), [0, 6]]] },
  E: { w: 3.7, strokes: [[[3.7, 0], [0, 0], [0, 6], [3.7, 6]], [[0, 3], [3, 3]]] },
  F: { w: 3.6, strokes: [[[3.6, 0], [0, 0], [0, 6]], [[0, 3], [3, 3]]] },
  G: { w: 4.2, strokes: [[...arc(2.1, 3, 2.1, 3, -40, -360, 16), [2.3, 3]]] },
  H: { w: 4, strokes: [[[0, 0], [0, 6]], [[4, 0], [4, 6]], [[0, 3], [4, 3]]] },
  I: { w: 1.6, strokes: [[[0.8, 0], [0.8, 6]]] },
  J: { w: 3.4, strokes: [[[3, 0], ...arc(1.5, 4.5, 1.5, 1.5, 0, 180, 8)]] },
  K: { w: 4, strokes: [[[0, 0], [0, 6]], [[4, 0], [0, 3.9]], [[1.3, 2.8], [4, 6]]] },
  L: { w: 3.5, strokes: [[[0, 0], [0, 6], [3.5, 6]]] },
  M: { w: 4.8, strokes: [[[0, 6], [0, 0], [2.4, 4.2], [4.8, 0], [4.8, 6]]] },
  N: { w: 4, strokes: [[[0, 6], [0, 0], [4, 6], [4, 0]]] },
  O: { w: 4.4, strokes: [arc(2.2, 3, 2.2, 3, 0, 360, 20)] },
  P: { w: 4, strokes: [[[0, 6], [0, 0], [2.4, 0], ...arc(2.4, 1.6, 1.6, 1.6, -90, 90, 8), [0, 3.2]]] },
  Q: { w: 4.4, strokes: [arc(2.2, 3, 2.2, 3, 0, 360, 20), [[2.7, 4.6], [4.4, 6.4]]] },
  R: { w: 4, strokes: [[[0, 6], [0, 0], [2.4, 0], ...arc(2.4, 1.6, 1.6, 1.6, -90, 90, 8), [0, 3.2]], [[2, 3.2], [4, 6]]] },
  S: { w: 4, strokes: [[...arc(2, 1.5, 1.9, 1.5, -25, -270, 10), ...arc(2, 4.5, 2, 1.5, -90, 155, 10)]] },
  T: { w: 4, strokes: [[[0, 0], [4, 0]], [[2, 0], [2, 6]]] },
  U: { w: 4, strokes: [[[0, 0], ...arc(2, 4, 2, 2, 180, 0, 10), [4, 0]]] },
  V: { w: 4, strokes: [[[0, 0], [2, 6], [4, 0]]] },
  W: { w: 5.4, strokes: [[[0, 0], [1.35, 6], [2.7, 1.4], [4.05, 6], [5.4, 0]]] },
  X: { w: 4, strokes: [[[0, 0], [4, 6]], [[4, 0], [0, 6]]] },
  Y: { w: 4, strokes: [[[0, 0], [2, 3.1], [4, 0]], [[2, 3.1], [2, 6]]] },
  Z: { w: 4, strokes: [[[0, 0], [4, 0], [0, 6], [4, 6]]] },
  '0': { w: 3.8, strokes: [arc(1.9, 3, 1.9, 3, 0, 360, 20)] },
  '1': { w: 3, strokes: [[[0.4, 1.3], [1.8, 0], [1.8, 6]]] },
  '2': { w: 3.8, strokes: [[...arc(1.9, 1.7, 1.8, 1.7, -165, 25, 10), [0, 6], [3.8, 6]]] },
  '3': { w: 3.8, strokes: [[...arc(1.9, 1.5, 1.7, 1.5, -155, 90, 10), ...arc(1.9, 4.5, 1.9, 1.5, -90, 155, 10)]] },
  '4': { w: 4, strokes: [[[3, 6], [3, 0], [0, 4.2], [4, 4.2]]] },
  '5': { w: 3.8, strokes: [[[3.6, 0], [0.5, 0], [0.3, 2.7], ...arc(1.9, 4.1, 1.9, 1.9, -130, 150, 12)]] },
  '6': { w: 3.8, strokes: [[[3.3, 0.3], [2, 0], [0.7, 1], [0.1, 3.5], ...arc(1.9, 4.2, 1.8, 1.8, 180, 540, 16)]] },
  '7': { w: 3.8, strokes: [[[0, 0], [3.8, 0], [1.4, 6]]] },
  '8': { w: 3.8, strokes: [arc(1.9, 1.5, 1.6, 1.5, 0, 360, 14), arc(1.9, 4.5, 1.9, 1.5, 0, 360, 14)] },
  '9': { w: 3.8, strokes: [[...arc(1.9, 1.8, 1.8, 1.8, 0, 360, 16), [3.7, 1.8], [3.2, 4.5], [2, 6], [0.5, 5.7]]] },
  '-': { w: 2.6, strokes: [[[0.3, 3.5], [2.3, 3.5]]] },
  '.': { w: 1, strokes: [[[0.4, 5.8], [0.6, 6]]] },
  ',': { w: 1, strokes: [[[0.7, 5.5], [0.3, 6.8]]] },
  '/': { w: 3, strokes: [[[0, 6], [3, 0]]] },
  ':': { w: 1, strokes: [[[0.5, 1.8], [0.5, 2.1]], [[0.5, 5.7], [0.5, 6]]] },
  '(': { w: 2, strokes: [arc(2.6, 3, 2.2, 3.6, -125, -235, 8)] },
  ')': { w: 2, strokes: [arc(-0.6, 3, 2.2, 3.6, -55, 55, 8)] },
  "'": { w: 1, strokes: [[[0.5, 0], [0.5, 1.5]]] },
  ' ': { w: 2.4, strokes: [] },
};

export const GLYPH_SPACING = 1.1;

export function glyph(ch: string): Glyph {
  return G[ch.toUpperCase()] ?? G['-']!;
}

/** Width of `text` in glyph units with `spacing` between glyphs. */
export function textWidth(text: string, spacing = GLYPH_SPACING): number {
  let w = 0;
  for (const ch of text) w += glyph(ch).w + spacing;
  return Math.max(0, w - spacing);
}

/**
 * An individual engraving of a glyph: a small random affine (slant, width, baseline) plus per-vertex
 * jitter, `amount` in glyph units (0.1 ≈ 1.7 % of cap height). Deterministic from the Rng.
 */
export function engraveGlyph(g: Glyph, r: Rng, amount: number): Glyph {
  if (amount <= 0) return g;
  const slant = r.normal(0, amount * 0.06);
  const sx = 1 + r.normal(0, amount * 0.12);
  const sy = 1 + r.normal(0, amount * 0.08);
  const dy = r.normal(0, amount * 0.5);
  return {
    w: g.w * sx,
    strokes: g.strokes.map((s) =>
      s.map(([x, y]) => [x * sx + (6 - y) * slant + r.normal(0, amount), y * sy + dy + r.normal(0, amount)] as Pt),
    ),
  };
}
