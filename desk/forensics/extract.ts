/**
 * Detection and extraction of stamps and handwritten signatures on a page image.
 *
 * Works at a reduced working resolution (~100 dpi) for speed, then refines each mark at full
 * resolution:
 *  - coloured stamps: pixels with chroma, split by hue (red / blue / violet), closed over ~1.2 mm,
 *    components of seal size whose filled outline is compact (solidity) — rings and frames;
 *  - black seals: in the dark-ink mask (form lines removed), components whose pixels lie on a thin
 *    closed outer shell (a ring or frame) — shape, not colour;
 *  - signatures: remaining ink (dark, or coloured but not a stamp) after removing long horizontal /
 *    vertical lines and text-like components (small, aligned in rows with similar heights); big
 *    cursive components are grouped into one box per signature.
 * Each mark gets a crop (PNG), an ink mask (PNG, ink black on white), its ink colour and a confidence.
 */
import type { Box } from '../../contract/fields.ts';
import {
  bin,
  components,
  close,
  cropRgb,
  decodeRgb,
  dilate,
  encodeGray,
  erode,
  fillHoles,
  encodeRgb,
  open,
  type Bin,
  type Component,
  type Rgb,
} from './image.ts';
import { estimateInk, hueAngle, inkMap, paperLevels, type InkColour, type InkName } from './inkmap.ts';

export type MarkKind = 'stamp' | 'signature';

export interface ExtractedMark {
  kind: MarkKind;
  /** Page pixels (full resolution). */
  box: Box;
  crop: Buffer;
  inkMask: Buffer;
  colour: { name: InkName; rgb: [number, number, number] };
  confidence: number;
  /** Why it was taken for what it is (plain words, for the examiner). */
  note: string;
}

/** The same marks before PNG encoding (what verify consumes directly). */
export interface RawMark {
  kind: MarkKind;
  box: Box;
  rgb: Rgb;
  ink: InkColour;
  confidence: number;
  note: string;
}

const WORK_DPI = 100;

interface Work {
  img: Rgb;
  scale: number; // working px per page px
  mm: number; // working px per mm
}

/**
 * Working image: integer-factor MIN pooling (each block keeps its darkest pixel) so that thin pen
 * strokes survive the reduction instead of being averaged into the paper.
 */
function downsample(page: Rgb, dpi: number): Work {
  const f = Math.max(1, Math.floor(dpi / WORK_DPI + 0.25));
  if (f === 1) return { img: page, scale: 1, mm: dpi / 25.4 };
  const w = Math.floor(page.w / f);
  const h = Math.floor(page.h / f);
  const out = new Uint8Array(w * h * 3);
  const src = page.d;
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      let best = 1e9;
      let bi = 0;
      for (let dy = 0; dy < f; dy++) {
        let p = ((y * f + dy) * page.w + x * f) * 3;
        for (let dx = 0; dx < f; dx++, p += 3) {
          const l = src[p]! + src[p + 1]! + src[p + 2]!;
          if (l < best) {
            best = l;
            bi = p;
          }
        }
      }
      const o = (y * w + x) * 3;
      out[o] = src[bi]!;
      out[o + 1] = src[bi + 1]!;
      out[o + 2] = src[bi + 2]!;
    }
  }
  return { img: { w, h, d: out }, scale: 1 / f, mm: dpi / f / 25.4 };
}

interface Masks {
  /** Chromatic ink split into warm (red, magenta) and cool (blue, violet) hues. */
  hue: Record<'warm' | 'cool', Bin>;
  /** Dark, colourless ink (print, black pen). */
  dark: Bin;
  /** Any colourless ink, faint included (black seals pressed lightly come out grey). */
  grey: Bin;
  /** Hue angle of chromatic pixels (NaN elsewhere). */
  hueAngle: Float32Array;
  /** Mean optical density per pixel. */
  density: Float32Array;
}

/**
 * Per-pixel ink classes in optical density relative to the paper (so tinted paper is neutral):
 * chromatic ink by the OD direction (warm = red/magenta, cool = blue/violet), dark and faint grey
 * ink by OD magnitude.
 */
function pixelMasks(img: Rgb): Masks {
  const { w, h } = img;
  const hue = { warm: bin(w, h), cool: bin(w, h) };
  const dark = bin(w, h);
  const grey = bin(w, h);
  const angle = new Float32Array(w * h).fill(NaN);
  const density = new Float32Array(w * h);
  const paper = paperLevels(img, 0.75);
  const luts = paper.map((p) => {
    const t = new Float32Array(256);
    for (let v = 0; v < 256; v++) t[v] = Math.max(0, -Math.log(Math.max(v, 2) / p));
    return t;
  });
  for (let i = 0; i < w * h; i++) {
    const a = luts[0]![img.d[i * 3]!]!;
    const b = luts[1]![img.d[i * 3 + 1]!]!;
    const c = luts[2]![img.d[i * 3 + 2]!]!;
    const m = (a + b + c) / 3;
    density[i] = m;
    if (m < 0.06) continue;
    const chroma = Math.sqrt(((a - m) * (a - m) + (b - m) * (b - m) + (c - m) * (c - m)) / 3);
    if (chroma > 0.17 * m + 0.012) {
      // hue of the ink's transmitted colour
      const hh = hueAngle(Math.exp(-a), Math.exp(-b), Math.exp(-c));
      angle[i] = hh;
      if (hh >= 300 || hh < 40) hue.warm.d[i] = 1;
      else if (hh >= 180) hue.cool.d[i] = 1;
    } else {
      if (m > 0.42) dark.d[i] = 1;
      if (m > 0.16) grey.d[i] = 1;
    }
  }
  return { hue, dark, grey, hueAngle: angle, density };
}

interface Candidate {
  kind: MarkKind;
  x0: number;
  y0: number;
  x1: number;
  y1: number;
  confidence: number;
  note: string;
  hue?: 'warm' | 'cool' | 'black';
  /** The mark's ink, when known from its own pixels (signatures under stamps). */
  ink?: InkColour;
}

function hullArea(pts: [number, number][]): number {
  if (pts.length < 3) return 0;
  const p = [...pts].sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const cross = (o: [number, number], a: [number, number], b: [number, number]) => (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0]);
  const half = (list: [number, number][]) => {
    const h: [number, number][] = [];
    for (const q of list) {
      while (h.length >= 2 && cross(h[h.length - 2]!, h[h.length - 1]!, q) <= 0) h.pop();
      h.push(q);
    }
    h.pop();
    return h;
  };
  const hull = [...half(p), ...half([...p].reverse())];
  let a = 0;
  for (let i = 0; i < hull.length; i++) {
    const [x1, y1] = hull[i]!;
    const [x2, y2] = hull[(i + 1) % hull.length]!;
    a += x1 * y2 - x2 * y1;
  }
  return Math.abs(a) / 2;
}

/** Area of a component over the area of its convex hull (1 for discs, ellipses, rectangles). */
function solidity(labels: Int32Array, w: number, c: Component): number {
  const pts: [number, number][] = [];
  for (let y = c.y0; y <= c.y1; y++) {
    let lo = -1;
    let hi = -1;
    for (let x = c.x0; x <= c.x1; x++) {
      if (labels[y * w + x] !== c.label) continue;
      if (lo < 0) lo = x;
      hi = x;
    }
    if (lo >= 0) pts.push([lo, y], [hi + 1, y], [lo, y + 1], [hi + 1, y + 1]);
  }
  const hull = hullArea(pts);
  return hull > 0 ? c.area / hull : 0;
}

/**
 * Stamp bodies in one ink's mask: close gaps (~1.2 mm), fill the enclosed area (rings and frames
 * enclose their text), then open with a ~6 mm window so thin strokes (signatures, lines, text rows)
 * vanish and only solid seal-sized bodies remain.
 */
function stampBodies(mask: Bin, mm: number, hue: Candidate['hue'], closeMm = 3.5): { cands: Candidate[]; body: Bin } {
  const closed = close(mask, Math.max(1, Math.round(closeMm * mm)));
  const filled = fillHoles(closed);
  const r5 = Math.max(2, Math.round(5 * mm));
  const heavy = open(filled, r5);
  // the same with a light closing: a ring or frame that is closed by itself encloses the seal alone
  // (computed only around the seal-sized bodies, for speed)
  const lightFilled = bin(mask.w, mask.h);
  const light = bin(mask.w, mask.h);
  {
    const { comps: hc } = components(heavy);
    const m = Math.round(4 * mm);
    let x0 = mask.w;
    let y0 = mask.h;
    let x1 = -1;
    let y1 = -1;
    for (const c of hc) {
      if (Math.min(c.x1 - c.x0 + 1, c.y1 - c.y0 + 1) / mm < 11) continue;
      x0 = Math.min(x0, c.x0 - m);
      y0 = Math.min(y0, c.y0 - m);
      x1 = Math.max(x1, c.x1 + m);
      y1 = Math.max(y1, c.y1 + m);
    }
    x0 = Math.max(0, x0);
    y0 = Math.max(0, y0);
    x1 = Math.min(mask.w - 1, x1);
    y1 = Math.min(mask.h - 1, y1);
    if (x1 > x0 && y1 > y0) {
      const sw = x1 - x0 + 1;
      const sh = y1 - y0 + 1;
      const sub = bin(sw, sh);
      for (let y = 0; y < sh; y++) for (let x = 0; x < sw; x++) sub.d[y * sw + x] = mask.d[(y + y0) * mask.w + x + x0]!;
      const lf = fillHoles(close(sub, Math.max(1, Math.round(1.0 * mm))));
      const lo = open(lf, r5);
      for (let y = 0; y < sh; y++) {
        for (let x = 0; x < sw; x++) {
          lightFilled.d[(y + y0) * mask.w + x + x0] = lf.d[y * sw + x]!;
          light.d[(y + y0) * mask.w + x + x0] = lo.d[y * sw + x]!;
        }
      }
    }
  }
  const body = refitBodies(heavy, light, mm);
  const { labels, comps } = components(body);
  const cands: Candidate[] = [];
  const accepted = new Uint8Array(comps.length + 1);
  for (const c of comps) {
    const wmm = (c.x1 - c.x0 + 1) / mm;
    const hmm = (c.y1 - c.y0 + 1) / mm;
    if (Math.min(wmm, hmm) < 11 || Math.max(wmm, hmm) > 95) continue;
    if (Math.max(wmm, hmm) / Math.min(wmm, hmm) > 3.4) continue;
    const fill = c.area / ((c.x1 - c.x0 + 1) * (c.y1 - c.y0 + 1));
    // a disc fills π/4 of its box; an ellipse tilted 45° about 0.5; a rectangle about 1
    if (fill < 0.45) continue;
    const solid = solidity(labels, mask.w, c);
    if (solid < 0.88) continue;
    // ink actually present on the body (a filled paragraph block has dense ink; a stamp's ink is sparse but real)
    let ink = 0;
    for (let y = c.y0; y <= c.y1; y++) for (let x = c.x0; x <= c.x1; x++) if (body.d[y * mask.w + x] && mask.d[y * mask.w + x]) ink++;
    const inkShare = ink / c.area;
    if (inkShare < 0.04) continue;
    const rim = rimStats(body, mask, c, mm);
    // a coloured seal's rim or frame inks its outline densely; a blot of pen strokes (or of another
    // seal's stray pixels of this hue) closed into a body does not
    if (hue !== 'black' && rim.bandDensity < 0.25) continue;
    cands.push({
      kind: 'stamp',
      x0: c.x0,
      y0: c.y0,
      x1: c.x1,
      y1: c.y1,
      confidence: Math.min(0.98, 0.55 + Math.min(0.3, (fill - 0.45) * 0.8) + Math.min(0.15, inkShare * 0.5)),
      note: `${hue === 'warm' ? 'red' : hue === 'cool' ? 'blue/violet' : 'black'} ink with an enclosed seal-sized outline, ${wmm.toFixed(0)}×${hmm.toFixed(0)} mm`,
      hue,
    });
    accepted[c.label] = 1;
  }
  // only accepted seals' bodies are the stamps' (a signature blob that survived the opening is not)
  for (let i = 0; i < body.d.length; i++) if (body.d[i] && !accepted[labels[i]!]) body.d[i] = 0;
  // the opening rounds off the corners of a tilted frame: they come back from the lightly closed
  // mask within ~1.5 mm of the body (its own ink only, not what the wide closing fused to it; wider
  // would take the strokes of a signature in the stamp's ink beside it); coloured seals only (black
  // ink is also the pen's and the print's)
  if (hue !== 'black' && cands.length) {
    const rr = Math.max(1, Math.round(1.5 * mm));
    for (const c of cands) {
      const x0 = Math.max(0, c.x0 - rr);
      const y0 = Math.max(0, c.y0 - rr);
      const sw = Math.min(mask.w - 1, c.x1 + rr) - x0 + 1;
      const sh = Math.min(mask.h - 1, c.y1 + rr) - y0 + 1;
      const sub = bin(sw, sh);
      for (let y = 0; y < sh; y++) for (let x = 0; x < sw; x++) sub.d[y * sw + x] = body.d[(y + y0) * mask.w + x + x0]!;
      const near = dilate(sub, rr);
      for (let y = 0; y < sh; y++) {
        for (let x = 0; x < sw; x++) {
          const i = (y + y0) * mask.w + x + x0;
          if (near.d[y * sw + x] && lightFilled.d[i]) body.d[i] = 1;
        }
      }
    }
  }
  return { cands, body };
}

/**
 * A seal's extent from its own outline, not from everything the closing fused to it: a signature or
 * a line of text touching the seal's ink is welded to the body by the wide closing. Where the seal's
 * rim (or frame) is closed by itself, the lightly closed mask holds the seal alone: that body, when
 * seal-sized and most of the fused one, replaces it.
 */
function refitBodies(body: Bin, light: Bin, mm: number): Bin {
  const { labels, comps } = components(body);
  const { labels: ll, comps: lc } = components(light);
  const out = bin(body.w, body.h);
  const best = new Int32Array(comps.length + 1).fill(-1);
  for (const c of lc) {
    const cw = c.x1 - c.x0 + 1;
    const ch = c.y1 - c.y0 + 1;
    if (Math.min(cw, ch) / mm < 11) continue;
    // the fused body it lies in
    const h = labels[Math.round(c.sy / c.area) * body.w + Math.round(c.sx / c.area)]!;
    if (!h) continue;
    const cur = best[h]!;
    if (cur < 0 || c.area > lc[cur - 1]!.area) best[h] = c.label;
  }
  const use = new Uint8Array(lc.length + 1);
  const replaced = new Uint8Array(comps.length + 1);
  for (const c of comps) {
    const b = best[c.label]!;
    if (b < 0) continue;
    const l = lc[b - 1]!;
    if (l.area < 0.5 * c.area) continue;
    use[b] = 1;
    replaced[c.label] = 1;
  }
  for (let i = 0; i < out.d.length; i++) out.d[i] = (body.d[i] && !replaced[labels[i]!]) || use[ll[i]!] ? 1 : 0;
  // lobes much narrower than the body (a signature welded to the seal) are opened off with a window
  // of half the body's size, and the seal's own outline is restored near the core: where the rim
  // broke into pieces (faint, or its lettering taken for text) and only the wide closing closed it,
  // and also on a lightly closed body (a same-ink signature touching the rim closes its loops and
  // underline against the rim into a solid lobe)
  const { labels: ol, comps: oc } = components(out);
  for (const c of oc) {
    const cw = c.x1 - c.x0 + 1;
    const ch = c.y1 - c.y0 + 1;
    const r = Math.round(0.25 * Math.min(cw, ch));
    if (Math.min(cw, ch) / mm < 11 || r <= Math.round(5 * mm)) continue;
    const sub = bin(cw, ch);
    for (let y = 0; y < ch; y++) for (let x = 0; x < cw; x++) sub.d[y * cw + x] = ol[(y + c.y0) * body.w + x + c.x0] === c.label ? 1 : 0;
    const back = dilate(open(sub, r), Math.max(1, Math.round(0.5 * r)));
    for (let i = 0; i < back.d.length; i++) back.d[i] = back.d[i]! & sub.d[i]!;
    const { labels: bl, comps: bc } = components(back);
    if (!bc.length) continue;
    const big = bc.reduce((a, b) => (b.area > a.area ? b : a));
    for (let y = 0; y < ch; y++) for (let x = 0; x < cw; x++) if (sub.d[y * cw + x]) out.d[(y + c.y0) * body.w + x + c.x0] = bl[y * cw + x] === big.label ? 1 : 0;
  }
  return out;
}

/**
 * How a body's outline is inked: the share of directions (from its centre) in which the outer band
 * (~1.5 mm) holds ink, and the band's ink density. A seal's rim or frame inks its outline all the way
 * round; a blot of handwriting filled by the closing touches its outline only here and there.
 */
function rimStats(body: Bin, ink: Bin, c: Component, mm: number): { coverage: number; bandDensity: number } {
  const w = body.w;
  const x0 = Math.max(0, c.x0 - 2);
  const y0 = Math.max(0, c.y0 - 2);
  const x1 = Math.min(w - 1, c.x1 + 2);
  const y1 = Math.min(body.h - 1, c.y1 + 2);
  const sw = x1 - x0 + 1;
  const sh = y1 - y0 + 1;
  const sub = bin(sw, sh);
  for (let y = 0; y < sh; y++) for (let x = 0; x < sw; x++) sub.d[y * sw + x] = body.d[(y + y0) * w + x + x0]!;
  const inner = erode(sub, Math.max(1, Math.round(1.5 * mm)));
  const bins = 72;
  const hit = new Uint8Array(bins);
  const cx = (c.x0 + c.x1) / 2 - x0;
  const cy = (c.y0 + c.y1) / 2 - y0;
  let band = 0;
  let bandInk = 0;
  for (let y = 0; y < sh; y++) {
    for (let x = 0; x < sw; x++) {
      const k = y * sw + x;
      if (!sub.d[k] || inner.d[k]) continue;
      band++;
      if (!ink.d[(y + y0) * w + x + x0]) continue;
      bandInk++;
      let a = Math.atan2(y - cy, x - cx);
      if (a < 0) a += 2 * Math.PI;
      hit[Math.min(bins - 1, Math.floor((a / (2 * Math.PI)) * bins))] = 1;
    }
  }
  return { coverage: hit.reduce((s, v) => s + v, 0) / bins, bandDensity: band ? bandInk / band : 0 };
}

function boxIoU(a: { x0: number; y0: number; x1: number; y1: number }, b: { x0: number; y0: number; x1: number; y1: number }): number {
  const iw = Math.min(a.x1, b.x1) - Math.max(a.x0, b.x0) + 1;
  const ih = Math.min(a.y1, b.y1) - Math.max(a.y0, b.y0) + 1;
  if (iw <= 0 || ih <= 0) return 0;
  const inter = iw * ih;
  const area = (r: typeof a) => (r.x1 - r.x0 + 1) * (r.y1 - r.y0 + 1);
  return inter / (area(a) + area(b) - inter);
}

/** Long straight lines (form rules) of the dark mask, slightly thickened. */
function lineMask(dark: Bin, mm: number, lengthMm: number): Bin {
  const len = Math.max(3, Math.round((lengthMm / 2) * mm));
  const horiz = open(dark, len, 0);
  const vert = open(dark, 0, len);
  const lines = bin(dark.w, dark.h);
  for (let i = 0; i < lines.d.length; i++) lines.d[i] = horiz.d[i]! | vert.d[i]!;
  return dilate(lines, 1);
}

function minus(a: Bin, b: Bin): Bin {
  const out = bin(a.w, a.h);
  for (let i = 0; i < out.d.length; i++) out.d[i] = a.d[i] && !b.d[i] ? 1 : 0;
  return out;
}

/**
 * Typed text: components of text size standing in a row with neighbours of similar height whose
 * vertical extents overlap (a line of print). Handwriting rarely keeps such regular rows.
 */
function textComponents(comps: Component[], mm: number): Set<Component> {
  const sorted = [...comps].sort((a, b) => a.x0 - b.x0);
  const text = new Set<Component>();
  for (const c of comps) {
    const h = c.y1 - c.y0 + 1;
    const hmm = h / mm;
    if (hmm > 6.5 || (hmm > 4.2 && (c.x1 - c.x0 + 1) / mm > 9)) continue;
    let neighbours = 0;
    let tight = 0;
    for (const o of sorted) {
      if (o === c) continue;
      if (o.x0 > c.x1 + 2.5 * h) break;
      if (o.x1 < c.x0 - 2.5 * h) continue;
      const oh = o.y1 - o.y0 + 1;
      if (oh < h * 0.55 || oh > h * 1.8) continue;
      const overlap = Math.min(c.y1, o.y1) - Math.max(c.y0, o.y0) + 1;
      if (overlap < 0.6 * Math.min(h, oh)) continue;
      neighbours++;
      if (Math.abs(o.y1 - c.y1) <= Math.max(1, 0.12 * h) && Math.abs(oh - h) <= Math.max(1, 0.2 * h)) tight++;
    }
    if ((hmm <= 4.2 && neighbours >= 2) || tight >= 3) text.add(c);
  }
  // A paragraph's short last line ("shipment.") has no neighbours on its row: it is text when it
  // sits right under (or over) a line of text of its own height, left edges or columns overlapping.
  // Signatures are taller than body text, so this never takes one.
  const lines = [...text];
  for (const c of comps) {
    if (text.has(c)) continue;
    const h = c.y1 - c.y0 + 1;
    if (h / mm > 4.2) continue;
    const stacked = lines.some((o) => {
      const oh = o.y1 - o.y0 + 1;
      if (oh < h * 0.6 || oh > h * 1.5) return false;
      const gap = Math.max(o.y0 - c.y1, c.y0 - o.y1);
      return gap >= -0.2 * h && gap < 1.2 * h && Math.min(c.x1, o.x1) - Math.max(c.x0, o.x0) > 0;
    });
    if (stacked) text.add(c);
  }
  return text;
}

/** `coloured`: chromatic ink pixels (a group's share of them tells a coloured pen from a black one). */
function signatures(ink: Bin, mm: number, stamps: Candidate[], coloured?: Bin): Candidate[] {
  const { labels: sl, comps: all } = components(ink);
  const col = new Float64Array(all.length + 1);
  if (coloured) for (let i = 0; i < sl.length; i++) if (sl[i] && coloured.d[i]) col[sl[i]!] = col[sl[i]!]! + 1;
  const comps = all.filter((c) => c.area >= 3);
  const hmm = (c: Component) => (c.y1 - c.y0 + 1) / mm;
  const wmm = (c: Component) => (c.x1 - c.x0 + 1) / mm;
  const text = textComponents(comps, mm);
  const free = comps.filter((c) => !text.has(c) && !(hmm(c) < 1.2 && wmm(c) > 6) && !(wmm(c) < 1.2 && hmm(c) > 6));
  const seeds = free.filter((c) => {
    if (!(hmm(c) >= 4 || wmm(c) >= 10)) return false;
    const density = c.area / ((c.x1 - c.x0 + 1) * (c.y1 - c.y0 + 1));
    return density < 0.45;
  });
  const groups = seeds.map((c) => ({ x0: c.x0, y0: c.y0, x1: c.x1, y1: c.y1, parts: 1, area: c.area, col: col[c.label]! }));
  // two signers' pens rarely share an ink: groups mostly black and mostly coloured stay apart (an
  // exporter's black signature running on into box 12 beside the issuer's blue one)
  const otherInk = (a: { area: number; col: number }, b: { area: number; col: number }) => {
    const fa = a.col / a.area;
    const fb = b.col / b.area;
    return (fa < 0.4 && fb > 0.6) || (fb < 0.4 && fa > 0.6);
  };
  const near = (a: { x0: number; y0: number; x1: number; y1: number }, b: { x0: number; y0: number; x1: number; y1: number }, gx: number, gy: number) =>
    a.x0 - gx <= b.x1 && b.x0 - gx <= a.x1 && a.y0 - gy <= b.y1 && b.y0 - gy <= a.y1;
  // grow: merge groups, then absorb nearby free strokes, until stable
  let changed = true;
  const absorbed = new Set<Component>(seeds);
  while (changed) {
    changed = false;
    for (let i = 0; i < groups.length; i++) {
      for (let j = i + 1; j < groups.length; j++) {
        const a = groups[i]!;
        const b = groups[j]!;
        // fragments of one signature cut apart by a stamp over it (same ink) rejoin across the stamp
        const acrossStamp = stamps.some(
          (st) =>
            near(a, st, 3 * mm, 3 * mm) &&
            near(b, st, 3 * mm, 3 * mm) &&
            Math.min(a.y1, b.y1) - Math.max(a.y0, b.y0) > 0.3 * Math.min(a.y1 - a.y0, b.y1 - b.y0),
        );
        // words of one signature: side by side on a line, a word space apart
        const vOverlap = Math.min(a.y1, b.y1) - Math.max(a.y0, b.y0);
        const sameLine = vOverlap > 0.3 * Math.min(a.y1 - a.y0, b.y1 - b.y0) && near(a, b, 9 * mm, 0);
        if ((near(a, b, 6 * mm, 2.5 * mm) || acrossStamp || sameLine) && !otherInk(a, b)) {
          a.x0 = Math.min(a.x0, b.x0);
          a.y0 = Math.min(a.y0, b.y0);
          a.x1 = Math.max(a.x1, b.x1);
          a.y1 = Math.max(a.y1, b.y1);
          a.parts += b.parts;
          a.area += b.area;
          a.col += b.col;
          groups.splice(j, 1);
          j--;
          changed = true;
        }
      }
    }
    for (const g of groups) {
      for (const c of free) {
        if (absorbed.has(c)) continue;
        if (near(g, c, 2.5 * mm, 1.5 * mm)) {
          g.x0 = Math.min(g.x0, c.x0);
          g.y0 = Math.min(g.y0, c.y0);
          g.x1 = Math.max(g.x1, c.x1);
          g.y1 = Math.max(g.y1, c.y1);
          g.parts++;
          g.area += c.area;
          g.col += col[c.label]!;
          absorbed.add(c);
          changed = true;
        }
      }
    }
  }
  const out: Candidate[] = [];
  for (const g of groups) {
    const w = (g.x1 - g.x0 + 1) / mm;
    const h = (g.y1 - g.y0 + 1) / mm;
    if (w < 10 || h < 4 || w > 150 || h > 60) continue;
    const density = g.area / ((g.x1 - g.x0 + 1) * (g.y1 - g.y0 + 1));
    if (density > 0.35) continue;
    out.push({
      kind: 'signature',
      ...g,
      confidence: Math.min(0.9, 0.55 + Math.min(w, 60) / 200),
      note: `cursive strokes not aligned with text rows, ${w.toFixed(0)}×${h.toFixed(0)} mm`,
    });
  }
  return out;
}

/**
 * Pen strokes of a seal's own colour inside its rim: components of `ink` in the body's interior that
 * run out to the interior's edge (a pen stroke across the seal; the lettering, emblem and inner rings
 * stay inside), taller than the seal's lettering, enclosing little (not an inner ring or an emblem's
 * circle) and not concentric with the seal (ring lettering and rim arcs lie in a narrow band of radii).
 */
function penStrokesInside(body: Bin, ink: Bin, seals: Candidate[], mm: number): Bin {
  const w = body.w;
  const interior = erode(body, Math.max(1, Math.round(1.6 * mm)));
  const inside = bin(w, body.h);
  for (let i = 0; i < inside.d.length; i++) inside.d[i] = interior.d[i] && ink.d[i] ? 1 : 0;
  const { labels: il, comps: ic } = components(inside);
  const filledInside = fillHoles(inside);
  const edge = minus(interior, erode(interior, 2));
  const touches = new Uint8Array(ic.length + 1);
  for (let i = 0; i < inside.d.length; i++) if (inside.d[i] && edge.d[i]) touches[il[i]!] = 1;
  const free = new Uint8Array(ic.length + 1);
  for (const c of ic) {
    const cw = (c.x1 - c.x0 + 1) / mm;
    const ch = (c.y1 - c.y0 + 1) / mm;
    if (ch < 5 || cw < 3 || !touches[c.label]) continue;
    let enclosed = 0;
    for (let y = c.y0; y <= c.y1; y++) {
      for (let x = c.x0; x <= c.x1; x++) {
        const i = y * w + x;
        if (filledInside.d[i] && (il[i] === c.label || il[i] === 0)) enclosed++;
      }
    }
    if (enclosed > 2.2 * c.area) continue;
    const mx = (c.x0 + c.x1) / 2;
    const my = (c.y0 + c.y1) / 2;
    const st = seals.find((o) => mx >= o.x0 && mx <= o.x1 && my >= o.y0 && my <= o.y1);
    if (st) {
      const cx = (st.x0 + st.x1) / 2;
      const cy = (st.y0 + st.y1) / 2;
      let s1 = 0;
      let s2 = 0;
      let n = 0;
      for (let y = c.y0; y <= c.y1; y++) {
        for (let x = c.x0; x <= c.x1; x++) {
          if (il[y * w + x] !== c.label) continue;
          const r = Math.hypot(x - cx, y - cy);
          s1 += r;
          s2 += r * r;
          n++;
        }
      }
      const mr = s1 / n;
      const sr = Math.sqrt(Math.max(0, s2 / n - mr * mr));
      if (sr < 0.12 * mr) continue;
    }
    free[c.label] = 1;
  }
  const out = bin(w, body.h);
  for (let i = 0; i < out.d.length; i++) out.d[i] = free[il[i]!]!;
  return out;
}

/** Detects marks on a decoded page; boxes in page pixels. */
export async function detectMarks(page: Rgb, dpi: number, debug?: (name: string, mask: Bin) => void): Promise<RawMark[]> {
  const work = downsample(page, dpi);
  const mm = work.mm;
  const masks = pixelMasks(work.img);
  const stamps: Candidate[] = [];
  const bodies: Bin[] = [];
  const claimed = bin(work.img.w, work.img.h); // pixels that belong to a stamp (for the signature pass)
  const foreign = new Uint8Array(work.img.w * work.img.h); // dense pen-like pixels on a stamp body, of another hue
  for (const hue of ['warm', 'cool'] as const) {
    // coloured form rules (long lines) are print, not stamps
    const mask = minus(masks.hue[hue], lineMask(masks.hue[hue], mm, 70));
    const { cands, body } = stampBodies(mask, mm, hue);
    if (cands.length) bodies.push(body);
    // each seal's ink from its own hue's pixels on its body (an overlapping seal of another ink, in
    // the same crop, must not decide it)
    for (const c of cands) {
      const box = { x: c.x0, y: c.y0, w: c.x1 - c.x0 + 1, h: c.y1 - c.y0 + 1 };
      const own = new Uint8Array(box.w * box.h);
      for (let y = 0; y < box.h; y++) {
        for (let x = 0; x < box.w; x++) {
          const i = (y + box.y) * mask.w + x + box.x;
          own[y * box.w + x] = body.d[i] && mask.d[i] ? 1 : 0;
        }
      }
      c.ink = estimateInk(cropRgb(work.img, box), own);
    }
    debug?.(`${hue}Mask`, mask);
    debug?.(`${hue}Body`, body);
    stamps.push(...cands);
    // everything on a stamp body is the stamp's, except strong dark strokes (a black signature or
    // print under a coloured seal stays visible through the translucent ink)
    const grown = dilate(body, Math.round(mm));
    // the stamps' own hues (a hue histogram per body: a blue and a violet seal share the cool mask,
    // and overlapping ones share a body); a dense pixel of a hue few of the body's pixels have is a
    // pen stroke (blue under violet), not the stamp's
    const { labels: gl, comps: gc } = components(grown);
    const HB = 36;
    const hist = new Float64Array((gc.length + 1) * HB);
    const tot = new Float64Array(gc.length + 1);
    for (let i = 0; i < grown.d.length; i++) {
      const a = masks.hueAngle[i]!;
      if (!grown.d[i] || Number.isNaN(a)) continue;
      const l = gl[i]!;
      const k = l * HB + (Math.floor((((a % 360) + 360) % 360) / 10) % HB);
      hist[k] = hist[k]! + 1;
      tot[l] = tot[l]! + 1;
    }
    // the pad's ink saturates: a pixel of the stamp's hue twice as dense as the body's 90th
    // percentile is a pen stroke in the same ink (a blue signature under a blue seal)
    const DB = 80;
    const dh = new Float64Array((gc.length + 1) * DB);
    const dtot = new Float64Array(gc.length + 1);
    for (let i = 0; i < grown.d.length; i++) {
      if (!grown.d[i] || !mask.d[i]) continue;
      const l = gl[i]!;
      const k = l * DB + Math.min(DB - 1, Math.floor(masks.density[i]! / 0.05));
      dh[k] = dh[k]! + 1;
      dtot[l] = dtot[l]! + 1;
    }
    const dq = new Float64Array(gc.length + 1).fill(Infinity);
    for (let l = 1; l <= gc.length; l++) {
      for (let k = 0, acc = 0; k < DB; k++) {
        acc += dh[l * DB + k]!;
        if (acc >= 0.9 * dtot[l]!) {
          dq[l] = (k + 1) * 0.05;
          break;
        }
      }
    }
    const hm = masks.hue[hue];
    for (let i = 0; i < claimed.d.length; i++) {
      if (!grown.d[i]) continue;
      if (masks.dark.d[i]) {
        // a dense stamp ink (a "black" pad with a tint) rims its own strokes with colourless dark
        // pixels: a dark pixel with three or more of the stamp's hue around it is the stamp's
        const x = i % mask.w;
        const y = (i - x) / mask.w;
        let n = 0;
        for (let yy = Math.max(0, y - 1); yy <= Math.min(mask.h - 1, y + 1); yy++) for (let xx = Math.max(0, x - 1); xx <= Math.min(mask.w - 1, x + 1); xx++) n += hm.d[yy * mask.w + xx]!;
        if (n >= 3) claimed.d[i] = 1;
        continue;
      }
      const a = masks.hueAngle[i]!;
      if (!Number.isNaN(a) && masks.density[i]! >= Math.max(0.45, 2 * dq[gl[i]!]!)) {
        foreign[i] = 1;
        continue;
      }
      // only dense pixels of clearly another hue (a pen stroke) stay out; faint pixels' hue is unstable
      if (!Number.isNaN(a) && masks.density[i]! >= 0.45) {
        const l = gl[i]!;
        const b0 = Math.floor((((a % 360) + 360) % 360) / 10);
        let near = 0;
        for (let k = -2; k <= 2; k++) near += hist[l * HB + ((b0 + k + HB) % HB)]!;
        if (near < 0.2 * tot[l]!) {
          foreign[i] = 1;
          continue;
        }
      }
      claimed.d[i] = 1;
    }
  }
  // black: form lines and typed text go first, then the same body test finds rings and frames
  // found in any ink: a coloured pen stroke across a rule breaks its dark pixels into pieces too short
  // to be a line, and the piece then joins the signature's box
  const lineInk = bin(masks.dark.w, masks.dark.h);
  for (let i = 0; i < lineInk.d.length; i++) lineInk.d[i] = masks.dark.d[i]! | masks.hue.warm.d[i]! | masks.hue.cool.d[i]!;
  const lines = lineMask(lineInk, mm, 30);
  const dark = minus(masks.dark, lines);
  const greyInk = minus(minus(masks.grey, dilate(lines, 1)), claimed);
  const { labels, comps } = components(greyInk);
  const text = textComponents(comps, mm);
  const noText = bin(dark.w, dark.h);
  const keep = new Uint8Array(comps.length + 1);
  for (const c of comps) if (!text.has(c) && c.area >= 3) keep[c.label] = 1;
  for (let i = 0; i < noText.d.length; i++) noText.d[i] = keep[labels[i]!]!;
  const black = stampBodies(noText, mm, 'black');
  debug?.('blackBody', black.body);
  // a black body must be a thin ring or frame around its centre, not a blot of handwriting: little
  // ink inside the body, and ink on its outline all the way round
  for (const c of black.cands) {
    if (Math.min(c.x1 - c.x0 + 1, c.y1 - c.y0 + 1) / mm < 15) continue;
    let ink = 0;
    let area = 0;
    let band = 0;
    let bandInk = 0;
    const inner = erode(black.body, Math.max(1, Math.round(1.5 * mm)));
    const bins = 72;
    const hit = new Uint8Array(bins);
    const cx = (c.x0 + c.x1) / 2;
    const cy = (c.y0 + c.y1) / 2;
    for (let y = c.y0; y <= c.y1; y++) {
      for (let x = c.x0; x <= c.x1; x++) {
        const i = y * dark.w + x;
        if (!black.body.d[i]) continue;
        area++;
        const onBand = !inner.d[i];
        if (onBand) band++;
        if (!noText.d[i]) continue;
        ink++;
        if (onBand) {
          bandInk++;
          let a = Math.atan2(y - cy, x - cx);
          if (a < 0) a += 2 * Math.PI;
          hit[Math.min(bins - 1, Math.floor((a / (2 * Math.PI)) * bins))] = 1;
        }
      }
    }
    const coverage = hit.reduce((s2, v) => s2 + v, 0) / bins;
    const bandDensity = band ? bandInk / band : 0;
    const overlapsColour = stamps.some((o) => boxIoU(o, c) > 0.2);
    // a ring or frame: the outline band is densely and continuously inked, the inside much less
    if (!overlapsColour && ink / area < 0.4 && coverage >= 0.8 && bandDensity >= 0.25) {
      // its ink from its rim band only (a coloured signature across a black seal must not decide it)
      const box = { x: c.x0, y: c.y0, w: c.x1 - c.x0 + 1, h: c.y1 - c.y0 + 1 };
      const rim = new Uint8Array(box.w * box.h);
      for (let y = 0; y < box.h; y++) {
        for (let x = 0; x < box.w; x++) {
          const i = (y + box.y) * dark.w + x + box.x;
          rim[y * box.w + x] = black.body.d[i] && !inner.d[i] && noText.d[i] ? 1 : 0;
        }
      }
      const ink = estimateInk(cropRgb(work.img, box), rim);
      stamps.push({ ...c, ink, note: `${c.note}, a continuous outline (${(coverage * 100).toFixed(0)}% of the way round)` });
    }
  }
  for (const c of stamps) if (c.hue === 'black') for (let y = c.y0; y <= c.y1; y++) for (let x = c.x0; x <= c.x1; x++) if (black.body.d[y * dark.w + x]) claimed.d[y * dark.w + x] = 1;
  // a handwritten signature inside a black seal has the seal's colour: inside the rim, long dark
  // strokes taller than the seal's lettering (and not a concentric inner ring) are not the seal's
  if (stamps.some((c) => c.hue === 'black')) {
    const free = penStrokesInside(black.body, dark, stamps.filter((c) => c.hue === 'black'), mm);
    for (let i = 0; i < free.d.length; i++) {
      if (!free.d[i]) continue;
      claimed.d[i] = 0;
      foreign[i] = 1;
    }
  }
  if (stamps.some((c) => c.hue === 'black')) bodies.push(black.body);
  // signature ink: dark ink and coloured ink that is not part of a stamp body
  const sigInk = bin(dark.w, dark.h);
  for (let i = 0; i < sigInk.d.length; i++) {
    const coloured = masks.hue.warm.d[i] || masks.hue.cool.d[i];
    sigInk.d[i] = (dark.d[i] || greyInk.d[i] || coloured) && !claimed.d[i] ? 1 : 0;
  }
  // a stamp's rim is the stamp's, whatever its darkness: the outer band of every stamp body
  for (const body of bodies) {
    const inner = erode(body, Math.max(1, Math.round(1.6 * mm)));
    const outer = dilate(body, Math.max(1, Math.round(0.6 * mm)));
    for (let i = 0; i < sigInk.d.length; i++) if (outer.d[i] && !inner.d[i] && !foreign[i]) sigInk.d[i] = 0;
  }
  // on a stamp's body only strong dark strokes can be a signature (faint rim remnants cannot);
  // the body, not the box: the corners of a tilted frame's box are paper where a pen may sign
  const m1 = Math.round(mm);
  for (const body of bodies) {
    const near = dilate(body, m1);
    for (let i = 0; i < sigInk.d.length; i++) if (near.d[i] && !dark.d[i] && !foreign[i] && masks.density[i]! < 0.45) sigInk.d[i] = 0;
  }
  debug?.('dark', dark);
  debug?.('noText', noText);
  debug?.('sigInk', sigInk);
  debug?.('claimed', claimed);
  const colouredInk = bin(dark.w, dark.h);
  for (let i = 0; i < colouredInk.d.length; i++) colouredInk.d[i] = masks.hue.warm.d[i]! | masks.hue.cool.d[i]!;
  const sigs = signatures(sigInk, mm, stamps, colouredInk);
  for (const g of sigs) {
    // the signature's ink from its own pixels (not the stamp over it)
    const box = { x: g.x0, y: g.y0, w: g.x1 - g.x0 + 1, h: g.y1 - g.y0 + 1 };
    const sub = cropRgb(work.img, box);
    const m = new Uint8Array(box.w * box.h);
    for (let y = 0; y < box.h; y++) for (let x = 0; x < box.w; x++) m[y * box.w + x] = sigInk.d[(y + box.y) * dark.w + x + box.x]!;
    g.ink = estimateInk(sub, m);
  }
  const out: RawMark[] = [];
  for (const c of [...stamps, ...sigs]) out.push(refine(page, dpi, work.scale, c));
  out.sort((a, b) => a.box.y - b.box.y || a.box.x - b.box.x);
  return out;
}

/** Full-resolution crop around a candidate, tightened to where its ink is. */
function refine(page: Rgb, dpi: number, scale: number, c: Candidate): RawMark {
  const pad = (2 * dpi) / 25.4;
  const bx = Math.max(0, Math.floor(c.x0 / scale - pad));
  const by = Math.max(0, Math.floor(c.y0 / scale - pad));
  const ex = Math.min(page.w, Math.ceil((c.x1 + 1) / scale + pad));
  const ey = Math.min(page.h, Math.ceil((c.y1 + 1) / scale + pad));
  const crop = cropRgb(page, { x: bx, y: by, w: ex - bx, h: ey - by });
  // the mark's own ink: coloured when its pixels are, black otherwise (a faint blue seal can be
  // found by the black pass and still be blue)
  const ink = c.ink ?? estimateInk(crop);
  if (c.kind === 'signature') {
    // the working-resolution box is already the strokes' extent; ink maps would pick up a stamp over it
    const f = 1 / scale;
    const box = { x: Math.max(0, Math.round(c.x0 * f)), y: Math.max(0, Math.round(c.y0 * f)), w: Math.round((c.x1 - c.x0 + 1) * f), h: Math.round((c.y1 - c.y0 + 1) * f) };
    const m = Math.round((1.5 * dpi) / 25.4);
    return { kind: c.kind, box, rgb: cropRgb(page, { x: box.x - m, y: box.y - m, w: box.w + 2 * m, h: box.h + 2 * m }), ink, confidence: c.confidence, note: c.note };
  }
  const { map } = inkMap(crop, ink);
  // tighten: rows/cols with ink above 0.35 inside the padded region
  let x0 = crop.w;
  let y0 = crop.h;
  let x1 = -1;
  let y1 = -1;
  const innerPad = Math.round(pad * 0.5);
  for (let y = 0; y < crop.h; y++) {
    for (let x = 0; x < crop.w; x++) {
      if (map.d[y * crop.w + x]! < 0.35) continue;
      // only ink within the detected region (+ half the pad) counts
      const gx = x + bx;
      const gy = y + by;
      if (gx < c.x0 / scale - innerPad || gx > (c.x1 + 1) / scale + innerPad || gy < c.y0 / scale - innerPad || gy > (c.y1 + 1) / scale + innerPad) continue;
      if (x < x0) x0 = x;
      if (x > x1) x1 = x;
      if (y < y0) y0 = y;
      if (y > y1) y1 = y;
    }
  }
  const box =
    x1 >= 0
      ? { x: bx + x0, y: by + y0, w: x1 - x0 + 1, h: y1 - y0 + 1 }
      : { x: Math.round(c.x0 / scale), y: Math.round(c.y0 / scale), w: Math.round((c.x1 - c.x0 + 1) / scale), h: Math.round((c.y1 - c.y0 + 1) / scale) };
  const m = Math.round((1.5 * dpi) / 25.4);
  const tight = cropRgb(page, { x: box.x - m, y: box.y - m, w: box.w + 2 * m, h: box.h + 2 * m });
  return { kind: c.kind, box, rgb: tight, ink, confidence: c.confidence, note: c.note };
}

/** Page PNG (or any image sharp reads) → marks with PNG crops and ink masks. */
export async function extractMarks(pagePng: Buffer | Uint8Array, dpi: number): Promise<ExtractedMark[]> {
  const page = await decodeRgb(pagePng);
  const raws = await detectMarks(page, dpi);
  const out: ExtractedMark[] = [];
  for (const r of raws) {
    const { map } = inkMap(r.rgb, r.ink);
    out.push({
      kind: r.kind,
      box: r.box,
      crop: await encodeRgb(r.rgb),
      inkMask: await encodeGray(map, true),
      colour: { name: r.ink.name, rgb: r.ink.rgb },
      confidence: r.confidence,
      note: r.note,
    });
  }
  return out;
}
