/**
 * Text Tesseract's layout analysis never returned: psm 4 drops whole lines (a Chinese address
 * line between two read lines, a label right under a box's rule) and single words inside a line
 * ("SAMSAN-RO," between two read words). The prepared page (form rules already erased) minus
 * every word box that was read leaves such print as clusters of character-sized ink; each
 * cluster that looks like a run of text is a region worth reading on its own.
 *
 *   unreadInkRegions(page, readBoxes) → boxes (prepared-page pixels), most ink first
 *
 * Pure geometry on the prepared page: the engine reads the regions (see TesseractJsEngine).
 */
import { connectedComponents, type Component, type GreyImage } from './preprocess.ts';

export interface InkBox {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

export interface UnreadInkOptions {
  /** Ink darker than this counts (prepared page: paper ≈ 255). */
  ink: number;
  /** Text-line height of the page (px): the median height of the words read. */
  lineHeight: number;
  /** Word boxes are widened by this many line heights before their ink is taken away. */
  coverPadK: number;
  /** Parts of a run are at most this many line heights apart. */
  gapK: number;
  /** At most this many regions (the most ink first). */
  maxRegions: number;
}

export const UNREAD_INK_DEFAULTS: Omit<UnreadInkOptions, 'lineHeight'> = {
  ink: 160,
  coverPadK: 0.2,
  gapK: 0.9,
  maxRegions: 8,
};

/** A character-sized component: not a speck or a full stop, not a seal, frame or signature sweep. */
function characterSized(c: Component, lh: number): boolean {
  const w = c.x1 - c.x0 + 1;
  const h = c.y1 - c.y0 + 1;
  return h >= 0.35 * lh && h <= 1.8 * lh && w <= 4 * lh && c.area >= 0.03 * lh * lh;
}

export function unreadInkRegions(page: GreyImage, readBoxes: InkBox[], opts: Partial<UnreadInkOptions> & { lineHeight: number }): InkBox[] {
  const o = { ...UNREAD_INK_DEFAULTS, ...opts };
  const lh = o.lineHeight;
  if (!(lh >= 6) || o.maxRegions <= 0) return [];
  const { width, height } = page;
  const data = Uint8Array.from(page.data.subarray(0, width * height));
  const pad = Math.round(o.coverPadK * lh);
  for (const b of readBoxes) {
    const x0 = Math.max(0, Math.floor(b.x0) - pad);
    const x1 = Math.min(width, Math.ceil(b.x1) + pad);
    const y0 = Math.max(0, Math.floor(b.y0) - pad);
    const y1 = Math.min(height, Math.ceil(b.y1) + pad);
    for (let y = y0; y < y1; y++) data.fill(255, y * width + x0, y * width + x1);
  }
  const chars = connectedComponents({ data, width, height }, o.ink).filter((c) => characterSized(c, lh));
  if (chars.length === 0) return [];

  // Runs: components side by side on one text line (centres within half a line height, gaps
  // under gapK line heights), joined transitively.
  chars.sort((a, b) => a.x0 - b.x0);
  const parent = chars.map((_, i) => i);
  const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i]!)));
  const gap = o.gapK * lh;
  for (let i = 0; i < chars.length; i++) {
    const a = chars[i]!;
    const ay = (a.y0 + a.y1) / 2;
    for (let j = i + 1; j < chars.length; j++) {
      const b = chars[j]!;
      if (b.x0 - a.x1 > gap) break; // sorted by x0: every later one starts further right
      if (Math.abs((b.y0 + b.y1) / 2 - ay) > 0.5 * lh) continue;
      parent[find(j)] = find(i);
    }
  }
  const runs = new Map<number, { box: InkBox; parts: number; ink: number }>();
  for (const [i, c] of chars.entries()) {
    const r = find(i);
    const run = runs.get(r);
    if (!run) runs.set(r, { box: { x0: c.x0, y0: c.y0, x1: c.x1 + 1, y1: c.y1 + 1 }, parts: 1, ink: c.area });
    else {
      run.box = { x0: Math.min(run.box.x0, c.x0), y0: Math.min(run.box.y0, c.y0), x1: Math.max(run.box.x1, c.x1 + 1), y1: Math.max(run.box.y1, c.y1 + 1) };
      run.parts++;
      run.ink += c.area;
    }
  }
  // A run of text: a few characters wide (one wide glyph — a Chinese character — counts), one
  // line tall. Lone letters and marks are left alone: reading them costs more than they hold.
  return [...runs.values()]
    .filter((r) => {
      const w = r.box.x1 - r.box.x0;
      const h = r.box.y1 - r.box.y0;
      return h <= 2 * lh && w >= 1.5 * lh && (r.parts >= 3 || w >= 2.5 * lh);
    })
    .sort((a, b) => b.ink - a.ink)
    .slice(0, o.maxRegions)
    .map((r) => r.box);
}
