/**
 * Page preprocessing for OCR: what decides accuracy on scans.
 *
 * analysePage() decodes the page once and cleans it at its own geometry:
 *   1. greyscale with coloured ink suppressed (stamps, signatures: red, blue, violet ink has high
 *      chroma, printed text is black or grey), so a seal over a line does not become words;
 *   2. background flattening (divide by a coarse max-filtered background: removes shading,
 *      yellowed paper, scanner-lid shadows) and a contrast stretch for faded print;
 *   3. speck removal: components far smaller than a dot of the page's own print become paper
 *      (salt-and-pepper, fax and JPEG noise); a 3×3 median filter on request only, since it
 *      erodes thin faint print (it cost 20 CER points on a faded SROIE receipt);
 *   4. measurement on connected components of the binarised page: skew (projection-profile
 *      search over character baselines, ±10°), sideways text (nearest neighbours of characters
 *      lie above/below each other instead of left/right), character height, and the height of
 *      text-line ink bands (which drives rescaling and survives broken, faded glyphs).
 * preparePage() then resamples in one bilinear pass: scale so text lines are ~30 px high (capitals
 * of 10-pt print at 300 dpi: 150/200-dpi scans and small receipts are enlarged, 600-dpi scans
 * reduced), rotate by the page orientation (0/90/180/270) and remove the skew. The pass is one
 * affine map, and its inverse `toOriginal` maps every word OCR finds back onto the original image.
 * Pages over 14 MP are analysed at reduced size (folded into the same map).
 *
 * Everything runs on the calling thread in plain JS typed arrays plus sharp (decode, median):
 * about 0.3–0.8 s of CPU for an A4 page at 300 dpi on the (slow, shared) development machines.
 */
import sharp from 'sharp';
import type { Box } from '../../contract/fields.ts';
import { DeskError } from '../errors.ts';

// ---------------------------------------------------------------------------
// Affine maps: x' = a·x + c·y + e, y' = b·x + d·y + f (the canvas / DOMMatrix convention)

export interface Affine {
  a: number;
  b: number;
  c: number;
  d: number;
  e: number;
  f: number;
}

export const IDENTITY: Affine = { a: 1, b: 0, c: 0, d: 1, e: 0, f: 0 };

export function applyAffine(m: Affine, x: number, y: number): [number, number] {
  return [m.a * x + m.c * y + m.e, m.b * x + m.d * y + m.f];
}

/** m1 ∘ m2: first m2, then m1. */
export function compose(m1: Affine, m2: Affine): Affine {
  return {
    a: m1.a * m2.a + m1.c * m2.b,
    b: m1.b * m2.a + m1.d * m2.b,
    c: m1.a * m2.c + m1.c * m2.d,
    d: m1.b * m2.c + m1.d * m2.d,
    e: m1.a * m2.e + m1.c * m2.f + m1.e,
    f: m1.b * m2.e + m1.d * m2.f + m1.f,
  };
}

export function invertAffine(m: Affine): Affine {
  const det = m.a * m.d - m.b * m.c;
  if (Math.abs(det) < 1e-12) throw new Error('singular transform');
  const a = m.d / det;
  const b = -m.b / det;
  const c = -m.c / det;
  const d = m.a / det;
  return { a, b, c, d, e: -(a * m.e + c * m.f), f: -(b * m.e + d * m.f) };
}

/** Axis-aligned bounding box of a box's four corners under `m`, clamped to [0,w]×[0,h]. */
export function mapBox(m: Affine, box: Box, clampW = Infinity, clampH = Infinity): Box {
  const pts = [
    applyAffine(m, box.x, box.y),
    applyAffine(m, box.x + box.w, box.y),
    applyAffine(m, box.x + box.w, box.y + box.h),
    applyAffine(m, box.x, box.y + box.h),
  ];
  const x0 = Math.max(0, Math.min(...pts.map((p) => p[0])));
  const y0 = Math.max(0, Math.min(...pts.map((p) => p[1])));
  const x1 = Math.min(clampW, Math.max(...pts.map((p) => p[0])));
  const y1 = Math.min(clampH, Math.max(...pts.map((p) => p[1])));
  return { x: Math.round(x0), y: Math.round(y0), w: Math.max(0, Math.round(x1 - x0)), h: Math.max(0, Math.round(y1 - y0)) };
}

// ---------------------------------------------------------------------------
// Decoding and cleaning

export interface GreyImage {
  data: Uint8Array;
  width: number;
  height: number;
}

export interface AnalyseOptions {
  /** Known resolution of the image (overrides the file's own density). */
  dpi?: number;
  /** Suppress strongly coloured ink (default true). */
  removeColourInk?: boolean;
  /** 'auto' (default): remove specks (components far smaller than a dot of the print);
   * true: also a 3×3 median filter first (erodes thin faint print: off by default); false: neither. */
  denoise?: boolean | 'auto';
  /** Flatten the background (default true). */
  flatten?: boolean;
  /** Erase ruled form lines (box borders, table rules) before reading (default true). */
  removeLines?: boolean;
  /** Grow the strokes of a low-resolution bilevel scan (default true; see smoothBilevel). */
  thickenBilevel?: boolean;
}

export interface PageAnalysis {
  /** A hard black-and-white scan (fax, bilevel TIFF): smoothed, and at low resolution its print thickened. */
  bilevel?: boolean;
  /** Its strokes were grown (a fax or a low-resolution bilevel scan). */
  thickened?: boolean;
  /** Size of the original image (after EXIF orientation): the frame all results are reported in. */
  width: number;
  height: number;
  /** Resolution from the options or the file (undefined when unknown). */
  dpi: number | undefined;
  /** Cleaned greyscale page: the original, or reduced by `analysisScale` when very large. */
  grey: GreyImage;
  /** grey pixels per original pixel (1, or less for pages over 14 MP). */
  analysisScale: number;
  /** Median height of character-like connected components, in grey pixels (null: no text found). */
  charHeight: number | null;
  /** Median height of text-line ink bands, in grey pixels (null: not measurable). */
  lineHeight: number | null;
  components: number;
  /** Fraction of components that are specks (≤ 4 px). */
  speckFraction: number;
  /** Specks were removed (or the median filter ran). */
  denoised: boolean;
  /** Fraction of pixels whose coloured ink was suppressed. */
  colourInk: number;
  /** Skew of the text lines, degrees, clockwise positive (0 when not measurable); for a sideways
   * page, measured as the lines lie after turning the page by 90° (the same at 270°). */
  skew: number;
  /** Share of character nearest-neighbour links that are vertical: > 0.6 means the page lies sideways. */
  verticalLinks: number;
  /** Character-like components found (a page with none is treated as blank). */
  textComponents: number;
  /** Pixels of ruled form lines erased before reading. */
  formLinePixels: number;
  /** The character-like components (grey pixels). */
  chars: Component[];
  /** Milliseconds per step. */
  timings: Record<string, number>;
  ms: number;
}

const MAX_INPUT_PIXELS = 150_000_000;

/** Pages larger than this are analysed and recognised at reduced size (a 600-dpi A4 is 35 MP). */
const MAX_WORK_PIXELS = 14_000_000;

interface Decoded {
  data: Buffer;
  /** Decoded (possibly reduced) size. */
  width: number;
  height: number;
  channels: number;
  /** Size of the original image after EXIF orientation: the frame results are reported in. */
  origWidth: number;
  origHeight: number;
  density: number | undefined;
}

async function decode(input: Buffer | string): Promise<Decoded> {
  try {
    const meta = await sharp(input, { failOn: 'error', limitInputPixels: MAX_INPUT_PIXELS }).metadata();
    const swap = (meta.orientation ?? 1) >= 5;
    const origWidth = (swap ? meta.height : meta.width) ?? 0;
    const origHeight = (swap ? meta.width : meta.height) ?? 0;
    if (origWidth < 1 || origHeight < 1) throw new Error('the image has no pixels');
    const grey = meta.space === 'b-w' || (meta.channels ?? 3) <= 2;
    let pipe = sharp(input, { failOn: 'error', limitInputPixels: MAX_INPUT_PIXELS }).autoOrient().flatten({ background: '#ffffff' });
    if (origWidth * origHeight > MAX_WORK_PIXELS) {
      const k = Math.sqrt(MAX_WORK_PIXELS / (origWidth * origHeight));
      pipe = pipe.resize({ width: Math.max(1, Math.round(origWidth * k)), height: Math.max(1, Math.round(origHeight * k)), fit: 'fill', kernel: 'cubic' });
    }
    pipe = grey ? pipe.greyscale() : pipe.toColourspace('srgb');
    const { data, info } = await pipe.raw({ depth: 'uchar' }).toBuffer({ resolveWithObject: true });
    // libvips reports 72 dpi when the file carries none; no document scanner uses 72.
    const density = meta.density && meta.density > 72.5 ? meta.density : undefined;
    return { data, width: info.width, height: info.height, channels: info.channels, origWidth, origHeight, density };
  } catch (err) {
    if (err instanceof DeskError) throw err;
    throw new DeskError('corrupt_file', `the page image cannot be decoded: ${(err as Error).message}`);
  }
}

/**
 * Greyscale with coloured ink pushed towards paper white: grey = luma + 1.6·max(0, chroma − 24),
 * chroma = max(R,G,B) − min(R,G,B). Black or grey print (chroma ≈ 0, also JPEG-noisy grey) keeps its
 * luma; red/blue/violet stamp ink (chroma 120–200) becomes white; black print under a stamp stays
 * dark because it absorbs all channels.
 */
function toGrey(data: Buffer, width: number, height: number, channels: number, removeInk: boolean): { grey: Uint8Array; ink: number } {
  const n = width * height;
  const grey = new Uint8Array(n);
  if (channels === 1) {
    grey.set(data.subarray(0, n));
    return { grey, ink: 0 };
  }
  let ink = 0;
  for (let i = 0, j = 0; i < n; i++, j += channels) {
    const r = data[j]!;
    const g = data[j + 1]!;
    const b = data[j + 2]!;
    let v = (r * 77 + g * 150 + b * 29) >> 8;
    if (removeInk) {
      const mx = r > g ? (r > b ? r : b) : g > b ? g : b;
      const mn = r < g ? (r < b ? r : b) : g < b ? g : b;
      const chroma = mx - mn;
      if (chroma > 24) {
        v += 1.6 * (chroma - 24);
        if (chroma > 60) ink++;
        if (v > 255) v = 255;
      }
    }
    grey[i] = v;
  }
  return { grey, ink: ink / n };
}

/**
 * Divides by the paper: the page is reduced by `cell` (mean), max-filtered over ±2 cells (removes
 * text strokes up to ~4 cells wide) and smoothed, then each pixel is scaled so the paper maps to 255.
 */
function flattenBackground(img: GreyImage): void {
  const { data, width, height } = img;
  const cell = Math.max(8, Math.round(Math.min(width, height) / 200));
  const gw = Math.ceil(width / cell);
  const gh = Math.ceil(height / cell);
  const small = new Float32Array(gw * gh);
  // Per-cell 90th-percentile-ish: use the max of cell means of 2×2 sub-blocks, robust enough and cheap.
  // Cell means from every second pixel of every second row: the paper varies slowly.
  const sums = new Float64Array(gw * gh);
  const counts = new Uint32Array(gw * gh);
  const colCell = new Int32Array(width);
  for (let x = 0; x < width; x++) colCell[x] = (x / cell) | 0;
  for (let y = 0; y < height; y += 2) {
    const base = ((y / cell) | 0) * gw;
    const row = y * width;
    for (let x = 0; x < width; x += 2) {
      const k = base + colCell[x]!;
      sums[k]! += data[row + x]!;
      counts[k]!++;
    }
  }
  for (let k = 0; k < small.length; k++) small[k] = sums[k]! / Math.max(1, counts[k]!);
  // Max filter ±2 cells (separable).
  const tmp = new Float32Array(gw * gh);
  const R = 2;
  for (let y = 0; y < gh; y++) {
    for (let x = 0; x < gw; x++) {
      let m = 0;
      for (let dx = -R; dx <= R; dx++) {
        const xx = x + dx;
        if (xx >= 0 && xx < gw) m = Math.max(m, small[y * gw + xx]!);
      }
      tmp[y * gw + x] = m;
    }
  }
  const bg = new Float32Array(gw * gh);
  for (let y = 0; y < gh; y++) {
    for (let x = 0; x < gw; x++) {
      let m = 0;
      for (let dy = -R; dy <= R; dy++) {
        const yy = y + dy;
        if (yy >= 0 && yy < gh) m = Math.max(m, tmp[yy * gw + x]!);
      }
      bg[y * gw + x] = m;
    }
  }
  // Smooth (3×3 mean) so cell edges do not show.
  const sm = new Float32Array(gw * gh);
  for (let y = 0; y < gh; y++) {
    for (let x = 0; x < gw; x++) {
      let s = 0;
      let c = 0;
      for (let dy = -1; dy <= 1; dy++) {
        for (let dx = -1; dx <= 1; dx++) {
          const yy = y + dy;
          const xx = x + dx;
          if (yy >= 0 && yy < gh && xx >= 0 && xx < gw) {
            s += bg[yy * gw + xx]!;
            c++;
          }
        }
      }
      sm[y * gw + x] = Math.max(40, s / c);
    }
  }
  // Paper already even and white (a clean scan or render): nothing to divide out.
  let darkest = 255;
  for (let k = 0; k < sm.length; k++) if (sm[k]! < darkest) darkest = sm[k]!;
  if (darkest >= 235) return;
  // Apply: the gain 255/background, bilinear between cell centres, recomputed every 4 rows.
  const ix0 = new Int32Array(width);
  const ix1 = new Int32Array(width);
  const wx = new Float32Array(width);
  for (let x = 0; x < width; x++) {
    const fx = Math.min(gw - 1, Math.max(0, (x + 0.5) / cell - 0.5));
    ix0[x] = fx | 0;
    ix1[x] = Math.min(gw - 1, ix0[x]! + 1);
    wx[x] = fx - ix0[x]!;
  }
  const gridRow = new Float32Array(gw);
  const gain = new Float32Array(width);
  for (let y = 0; y < height; y++) {
    if ((y & 3) === 0) {
      const fy = Math.min(gh - 1, Math.max(0, (y + 2 + 0.5) / cell - 0.5));
      const y0 = fy | 0;
      const y1 = Math.min(gh - 1, y0 + 1);
      const ty = fy - y0;
      for (let gx = 0; gx < gw; gx++) gridRow[gx] = 255 / (sm[y0 * gw + gx]! * (1 - ty) + sm[y1 * gw + gx]! * ty);
      for (let x = 0; x < width; x++) {
        const g0 = gridRow[ix0[x]!]!;
        gain[x] = g0 + (gridRow[ix1[x]!]! - g0) * wx[x]!;
      }
    }
    const row = y * width;
    for (let x = 0; x < width; x++) {
      const v = data[row + x]! * gain[x]!;
      data[row + x] = v > 255 ? 255 : v;
    }
  }
}

function histogram(data: Uint8Array): Uint32Array {
  const h = new Uint32Array(256);
  for (let i = 0; i < data.length; i++) h[data[i]!]!++;
  return h;
}

function otsu(h: Uint32Array): number {
  let total = 0;
  let sum = 0;
  for (let i = 0; i < 256; i++) {
    total += h[i]!;
    sum += i * h[i]!;
  }
  let sumB = 0;
  let wB = 0;
  let best = 0;
  let first = 127;
  let last = 127;
  for (let i = 0; i < 256; i++) {
    wB += h[i]!;
    if (wB === 0) continue;
    const wF = total - wB;
    if (wF === 0) break;
    sumB += i * h[i]!;
    const mB = sumB / wB;
    const mF = (sum - sumB) / wF;
    const between = wB * wF * (mB - mF) * (mB - mF);
    if (between > best * (1 + 1e-12)) {
      best = between;
      first = last = i;
    } else if (between >= best * (1 - 1e-12)) last = i;
  }
  // Ink is `value < threshold`, so the split after level i is i + 1. Empty levels between the
  // classes (a binarised fax has only 0 and 255) give equal splits: take the middle of them.
  return Math.round((first + last) / 2) + 1;
}

/** Stretches faded print: the darkest 0.5 % of ink maps to black when it is lighter than 60. */
function stretchContrast(img: GreyImage): void {
  const h = histogram(img.data);
  const n = img.data.length;
  let acc = 0;
  let lo = 0;
  for (let i = 0; i < 256; i++) {
    acc += h[i]!;
    if (acc >= n * 0.005) {
      lo = i;
      break;
    }
  }
  if (lo < 60 || lo > 200) return;
  const scale = 255 / (255 - lo);
  const lut = new Uint8Array(256);
  for (let i = 0; i < 256; i++) lut[i] = Math.max(0, Math.min(255, Math.round((i - lo) * scale)));
  for (let i = 0; i < n; i++) img.data[i] = lut[img.data[i]!]!;
}

// ---------------------------------------------------------------------------
// Connected components (run-based, 8-connected)

export interface Component {
  x0: number;
  y0: number;
  x1: number; // inclusive
  y1: number; // inclusive
  area: number;
}

export function connectedComponents(img: GreyImage, threshold: number): Component[] {
  const { data, width, height } = img;
  let cap = 1 << 16;
  let rx0 = new Int32Array(cap);
  let rx1 = new Int32Array(cap);
  let ry = new Int32Array(cap);
  let parent = new Int32Array(cap);
  let n = 0;
  const find = (i: number): number => {
    while (parent[i] !== i) {
      parent[i] = parent[parent[i]!]!;
      i = parent[i]!;
    }
    return i;
  };
  let prevStart = 0;
  let prevEnd = 0;
  for (let y = 0; y < height; y++) {
    const row = y * width;
    const curStart = n;
    let p = prevStart;
    let x = 0;
    while (x < width) {
      if (data[row + x]! >= threshold) {
        x++;
        continue;
      }
      const s = x;
      while (x < width && data[row + x]! < threshold) x++;
      const e = x - 1;
      if (n === cap) {
        cap *= 2;
        const grow = (a: Int32Array) => {
          const b = new Int32Array(cap);
          b.set(a);
          return b;
        };
        rx0 = grow(rx0);
        rx1 = grow(rx1);
        ry = grow(ry);
        parent = grow(parent);
      }
      rx0[n] = s;
      rx1[n] = e;
      ry[n] = y;
      parent[n] = n;
      // Union with overlapping runs of the previous row (8-connectivity: touch diagonally).
      while (p < prevEnd && rx1[p]! < s - 1) p++;
      let q = p;
      while (q < prevEnd && rx0[q]! <= e + 1) {
        const a = find(q);
        const b = find(n);
        if (a !== b) parent[Math.max(a, b)] = Math.min(a, b);
        q++;
      }
      n++;
    }
    prevStart = curStart;
    prevEnd = n;
  }
  const index = new Int32Array(n).fill(-1);
  const comps: Component[] = [];
  for (let i = 0; i < n; i++) {
    const r = find(i);
    let k = index[r]!;
    if (k < 0) {
      k = comps.length;
      index[r] = k;
      comps.push({ x0: rx0[i]!, y0: ry[i]!, x1: rx1[i]!, y1: ry[i]!, area: 0 });
    }
    const c = comps[k]!;
    if (rx0[i]! < c.x0) c.x0 = rx0[i]!;
    if (rx1[i]! > c.x1) c.x1 = rx1[i]!;
    if (ry[i]! > c.y1) c.y1 = ry[i]!;
    c.area += rx1[i]! - rx0[i]! + 1;
  }
  return comps;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? 0;
}

/** Character-like components: not specks, not rules or frames, not photos. */
function characterComponents(comps: Component[], width: number, height: number): Component[] {
  const maxSide = Math.min(width, height) / 8;
  const plausible = comps.filter((c) => {
    const w = c.x1 - c.x0 + 1;
    const h = c.y1 - c.y0 + 1;
    return c.area >= 6 && w < maxSide && h < maxSide && Math.max(w, h) >= 5 && w / h < 4 && h / w < 8;
  });
  if (plausible.length < 8) return plausible;
  const side = median(plausible.map((c) => Math.max(c.x1 - c.x0, c.y1 - c.y0) + 1));
  return plausible.filter((c) => {
    const s = Math.max(c.x1 - c.x0, c.y1 - c.y0) + 1;
    return s >= side * 0.4 && s <= side * 2.5;
  });
}

/**
 * Skew by projection profile: for each candidate angle θ the character bottoms are projected
 * onto the normal of lines at θ; text lines at θ pile up in few bins, so Σ(bin count²) peaks.
 * Coarse search ±10° in 0.25° steps, then ±0.3° in 0.02° steps. Returns degrees, clockwise.
 */
export function estimateSkew(chars: Component[], charHeight: number, sideways = false): number {
  if (chars.length < 12) return 0;
  const xs = new Float64Array(chars.length);
  const ys = new Float64Array(chars.length);
  let mx = 0;
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i]!;
    if (sideways) {
      // As the characters lie after turning the page 90° clockwise, (x, y) → (−y, x): the
      // bottom of a character is its original right edge. Skew is the same at 270° (and at 180°
      // the same as at 0°), so two frames cover all four orientations.
      xs[i] = -(c.y0 + c.y1) / 2;
      ys[i] = c.x1;
    } else {
      xs[i] = (c.x0 + c.x1) / 2;
      ys[i] = c.y1;
    }
    mx += xs[i]!;
  }
  mx /= chars.length;
  const bin = Math.max(1.5, charHeight / 5);
  const score = (deg: number): number => {
    const t = Math.tan((deg * Math.PI) / 180);
    const counts = new Map<number, number>();
    for (let i = 0; i < xs.length; i++) {
      const k = Math.floor((ys[i]! - (xs[i]! - mx) * t) / bin);
      counts.set(k, (counts.get(k) ?? 0) + 1);
    }
    let s = 0;
    for (const c of counts.values()) s += c * c;
    return s;
  };
  let best = 0;
  let bestScore = -1;
  for (let d = -10; d <= 10.001; d += 0.25) {
    const s = score(d);
    if (s > bestScore) {
      bestScore = s;
      best = d;
    }
  }
  const coarse = best;
  for (let d = coarse - 0.3; d <= coarse + 0.3001; d += 0.02) {
    const s = score(d);
    if (s > bestScore) {
      bestScore = s;
      best = d;
    }
  }
  // Refine to the centre of the plateau of equal scores (bins quantise the optimum).
  const plateau: number[] = [];
  for (let d = best - 0.3; d <= best + 0.3001; d += 0.02) if (score(d) >= bestScore * 0.995) plateau.push(d);
  const refined = plateau.length > 0 ? (Math.min(...plateau) + Math.max(...plateau)) / 2 : best;
  return Math.round(refined * 100) / 100;
}

/**
 * Share of nearest-neighbour links between characters that are closer to vertical than to
 * horizontal. Upright or upside-down text links left/right (low share); a page lying on its
 * side links up/down. Monospaced columns do not fool it: letters are closer within a line than
 * across lines.
 */
export function verticalLinkShare(chars: Component[], charHeight: number): number {
  if (chars.length < 12) return 0;
  const cell = Math.max(8, charHeight * 3);
  const grid = new Map<string, number[]>();
  const cx = chars.map((c) => (c.x0 + c.x1) / 2);
  const cy = chars.map((c) => (c.y0 + c.y1) / 2);
  chars.forEach((_, i) => {
    const key = `${Math.floor(cx[i]! / cell)},${Math.floor(cy[i]! / cell)}`;
    const list = grid.get(key);
    if (list) list.push(i);
    else grid.set(key, [i]);
  });
  let vertical = 0;
  let links = 0;
  for (let i = 0; i < chars.length; i++) {
    const gx = Math.floor(cx[i]! / cell);
    const gy = Math.floor(cy[i]! / cell);
    let best = Infinity;
    let bdx = 0;
    let bdy = 0;
    for (let dy = -1; dy <= 1; dy++) {
      for (let dx = -1; dx <= 1; dx++) {
        for (const j of grid.get(`${gx + dx},${gy + dy}`) ?? []) {
          if (j === i) continue;
          // Gap between boxes, not centre distance: wide and narrow letters alike.
          const a = chars[i]!;
          const b = chars[j]!;
          const gapX = Math.max(0, Math.max(a.x0, b.x0) - Math.min(a.x1, b.x1));
          const gapY = Math.max(0, Math.max(a.y0, b.y0) - Math.min(a.y1, b.y1));
          const d = gapX * gapX + gapY * gapY + 1e-3 * ((cx[i]! - cx[j]!) ** 2 + (cy[i]! - cy[j]!) ** 2);
          if (d < best) {
            best = d;
            bdx = Math.abs(cx[i]! - cx[j]!);
            bdy = Math.abs(cy[i]! - cy[j]!);
          }
        }
      }
    }
    if (best === Infinity) continue;
    links++;
    if (bdy > bdx) vertical++;
  }
  return links === 0 ? 0 : vertical / links;
}

/**
 * Height of text lines from ink bands: the page is cut into vertical strips (so columns whose
 * lines do not align do not blur each other), each strip's ink is projected along the skew onto
 * the line normal, and runs of inked rows are the line bands. Unlike component heights this
 * survives broken glyphs (faded thermal print falls apart into pieces). Median band height, or
 * null when fewer than 3 bands are found.
 */
export function lineBandHeight(img: GreyImage, threshold: number, skewDeg: number, sideways: boolean): number | null {
  const { data, width, height } = img;
  // Work in the frame where lines run along the strip: for a sideways page swap the axes.
  const along = sideways ? height : width;
  const across = sideways ? width : height;
  const strip = Math.max(300, Math.ceil(along / 4));
  const t = Math.tan((skewDeg * Math.PI) / 180);
  const bands: number[] = [];
  for (let s0 = 0; s0 < along; s0 += strip) {
    const s1 = Math.min(along, s0 + strip);
    const mid = (s0 + s1) / 2;
    const pad = Math.ceil(Math.abs(t) * strip) + 2;
    const profile = new Uint32Array(across + 2 * pad);
    // Every second pixel along the line is plenty for a profile; rows outer for memory order.
    if (sideways) {
      for (let u = s0; u < s1; u += 2) {
        const shift = (u - mid) * t;
        const row = u * width;
        for (let v = 0; v < across; v++) {
          if (data[row + v]! < threshold) {
            const k = Math.round(v + shift) + pad;
            if (k >= 0 && k < profile.length) profile[k]!++;
          }
        }
      }
    } else {
      for (let v = 0; v < across; v++) {
        const row = v * width;
        for (let u = s0; u < s1; u += 2) {
          if (data[row + u]! < threshold) {
            const k = Math.round(v - (u - mid) * t) + pad;
            if (k >= 0 && k < profile.length) profile[k]!++;
          }
        }
      }
    }
    const nz = Array.from(profile).filter((x) => x > 0).sort((a, b) => a - b);
    if (nz.length < 10) continue;
    const level = Math.max(1, 0.08 * nz[Math.floor(nz.length * 0.9)]!);
    let start = -1;
    for (let k = 0; k <= profile.length; k++) {
      const on = k < profile.length && profile[k]! >= level;
      if (on && start < 0) start = k;
      else if (!on && start >= 0) {
        const h = k - start;
        if (h >= 4 && h < across / 4) bands.push(h);
        start = -1;
      }
    }
  }
  return bands.length >= 3 ? median(bands) : null;
}

/**
 * Speck removal: components much smaller than a dot of the page's own print (area ≤ (0.08·h)²,
 * at least 1 px, at most 3×3 px, h = median character height) that lie away from any larger
 * component (further than h/2) become paper. Dots next to print (decimal points, i-dots,
 * diacritics) stay: removing them cost receipts their decimal points. Returns the components kept.
 */
export function removeSpecks(grey: GreyImage, comps: Component[], threshold: number): Component[] {
  const provisional = characterComponents(comps, grey.width, grey.height);
  if (provisional.length < 3) return comps;
  const h = median(provisional.map((c) => c.y1 - c.y0 + 1));
  const maxArea = Math.max(1, Math.floor((h * 0.08) ** 2));
  const isSpeck = (c: Component) => c.area <= maxArea && c.x1 - c.x0 < 3 && c.y1 - c.y0 < 3;
  // Occupancy grid of the neighbourhoods of everything that is not a speck.
  const cell = Math.max(4, Math.round(h / 2));
  const gw = Math.ceil(grey.width / cell) + 1;
  const gh = Math.ceil(grey.height / cell) + 1;
  const near = new Uint8Array(gw * gh);
  const reach = h / 2;
  for (const c of comps) {
    if (isSpeck(c)) continue;
    const x0 = Math.max(0, Math.floor((c.x0 - reach) / cell));
    const x1 = Math.min(gw - 1, Math.floor((c.x1 + reach) / cell));
    const y0 = Math.max(0, Math.floor((c.y0 - reach) / cell));
    const y1 = Math.min(gh - 1, Math.floor((c.y1 + reach) / cell));
    for (let y = y0; y <= y1; y++) near.fill(1, y * gw + x0, y * gw + x1 + 1);
  }
  const kept: Component[] = [];
  for (const c of comps) {
    const cx = Math.floor((c.x0 + c.x1) / 2 / cell);
    const cy = Math.floor((c.y0 + c.y1) / 2 / cell);
    if (isSpeck(c) && !near[cy * gw + cx]) {
      for (let y = c.y0; y <= c.y1; y++) {
        for (let x = c.x0; x <= c.x1; x++) if (grey.data[y * grey.width + x]! < threshold) grey.data[y * grey.width + x] = 255;
      }
    } else kept.push(c);
  }
  return kept;
}

/** Above this share of vertical character links a page is taken to lie on its side. */
export const SIDEWAYS_SHARE = 0.6;

async function medianFilter(img: GreyImage): Promise<void> {
  const out = await sharp(Buffer.from(img.data.buffer, img.data.byteOffset, img.data.byteLength), {
    raw: { width: img.width, height: img.height, channels: 1 },
    limitInputPixels: false,
  })
    .median(3)
    .extractChannel(0)
    .raw()
    .toBuffer();
  img.data.set(out.subarray(0, img.data.length));
}

/** Share of pixels that are pure black or white, and of rows equal to the row above. */
export function bilevelStats(img: GreyImage): { binaryShare: number; repeatedRows: number } {
  const { data, width, height } = img;
  let binary = 0;
  for (let i = 0; i < data.length; i++) if (data[i] === 0 || data[i] === 255) binary++;
  let repeated = 0, inked = 0;
  for (let y = 1; y < height; y++) {
    const row = y * width;
    let same = true, ink = false;
    for (let x = 0; x < width; x++) {
      const v = data[row + x]!;
      if (v < 128) ink = true;
      if (v !== data[row - width + x]) {
        same = false;
        break;
      }
    }
    if (!ink && same) continue; // blank rows repeat on every page
    inked++;
    if (same) repeated++;
  }
  return { binaryShare: binary / Math.max(1, data.length), repeatedRows: repeated / Math.max(1, inked) };
}

/**
 * A hard black-and-white scan (fax, bilevel TIFF) has jagged, broken strokes: a threshold cut the
 * thin parts of the print away, and a standard-mode fax repeats every row. Tesseract reads
 * greyscale print better, so such a page gets its strokes grown by one pixel (down and right:
 * rejoins hairlines) where it is low-resolution, and a light Gaussian blur (taller where rows
 * repeat). Measured on 35 fax-like development scans: field exact match 0.596 -> 0.671; a blur
 * alone gave 0.630, a stronger blur (1.2/2 px) 0.333, rows interpolated instead of repeated 0.634.
 * The two preparations err on different words, so the OCR engine reads a thickened page a second
 * time with `thickenBilevel: false` and merges the readings (merge-readings.ts).
 */
async function smoothBilevel(img: GreyImage, dpi: number | undefined, thicken = true): Promise<{ thickened: boolean } | null> {
  const st = bilevelStats(img);
  if (st.binaryShare < 0.97) return null;
  const fax = st.repeatedRows > 0.3;
  const thickened = thicken && (fax || (dpi !== undefined && dpi < 250));
  if (thickened) thickenInk(img);
  const pipe = sharp(Buffer.from(img.data.buffer, img.data.byteOffset, img.data.byteLength), { raw: { width: img.width, height: img.height, channels: 1 }, limitInputPixels: false });
  const out = await (fax ? pipe.convolve(gaussKernel(0.6, 0.8)) : pipe.blur(0.6)).extractChannel(0).raw().toBuffer();
  img.data.set(out.subarray(0, img.data.length));
  return { thickened };
}

/**
 * Ink grown by one pixel down and right: each pixel takes the darkest of itself, the pixel above
 * and the pixel to its left. The full 2×2 minimum (the diagonal neighbour too) measured 0.654
 * against this one's 0.671.
 */
function thickenInk(img: GreyImage): void {
  const { data, width, height } = img;
  for (let y = height - 1; y >= 1; y--) {
    const row = y * width;
    for (let x = width - 1; x >= 0; x--) {
      let v = data[row + x]!;
      const up = data[row - width + x]!;
      if (up < v) v = up;
      if (x > 0) {
        const left = data[row + x - 1]!;
        if (left < v) v = left;
      }
      data[row + x] = v;
    }
  }
}

function gaussKernel(sx: number, sy: number): { width: number; height: number; kernel: number[] } {
  const rx = Math.max(1, Math.ceil(sx * 2.5)), ry = Math.max(1, Math.ceil(sy * 2.5));
  const kernel: number[] = [];
  for (let y = -ry; y <= ry; y++) for (let x = -rx; x <= rx; x++) kernel.push(Math.exp(-(x * x) / (2 * sx * sx) - (y * y) / (2 * sy * sy)));
  const sum = kernel.reduce((a, b) => a + b, 0);
  return { width: 2 * rx + 1, height: 2 * ry + 1, kernel: kernel.map((k) => k / sum) };
}

export async function analysePage(input: Buffer | string, opts: AnalyseOptions = {}): Promise<PageAnalysis> {
  const t0 = performance.now();
  const timings: Record<string, number> = {};
  let tl = t0;
  const lap = (name: string) => {
    const t = performance.now();
    timings[name] = Math.round(t - tl);
    tl = t;
  };
  const raw = await decode(input);
  const analysisScale = raw.width / raw.origWidth;
  lap('decode');
  const { grey: data, ink } = toGrey(raw.data, raw.width, raw.height, raw.channels, opts.removeColourInk ?? true);
  const grey: GreyImage = { data, width: raw.width, height: raw.height };
  lap('grey');
  const smoothed = await smoothBilevel(grey, opts.dpi ?? raw.density, opts.thickenBilevel ?? true);
  const bilevel = smoothed !== null;
  if (bilevel) lap('bilevel');
  if (opts.flatten ?? true) flattenBackground(grey);
  stretchContrast(grey);
  lap('flatten');

  let threshold = otsu(histogram(grey.data));
  let comps = connectedComponents(grey, threshold);
  lap('components');
  let denoised = false;
  if (opts.denoise === true) {
    // Median 3×3: fills salt in strokes and removes pepper, but erodes thin faint print.
    await medianFilter(grey);
    denoised = true;
    threshold = otsu(histogram(grey.data));
    comps = connectedComponents(grey, threshold);
    lap('median');
  }
  const tiny = comps.filter((c) => c.area <= 4).length;
  const speckFraction = comps.length === 0 ? 0 : tiny / comps.length;
  if (opts.denoise !== false && tiny > 0) {
    const before = comps.length;
    comps = removeSpecks(grey, comps, threshold);
    if (comps.length < before) denoised = true;
    lap('specks');
  }
  const chars = characterComponents(comps, grey.width, grey.height);
  // Blank page: a handful of components is dust, not text.
  const charHeight = chars.length >= 3 ? median(chars.map((c) => c.y1 - c.y0 + 1)) : null;
  const verticalLinks = charHeight ? verticalLinkShare(chars, charHeight) : 0;
  const sideways = verticalLinks > SIDEWAYS_SHARE;
  const skew = charHeight ? estimateSkew(chars, charHeight, sideways) : 0;
  const lineHeight = charHeight ? lineBandHeight(grey, threshold, skew, sideways) : null;
  lap('geometry');
  const formLines = charHeight && (opts.removeLines ?? true) ? removeFormLines(grey, threshold, charHeight) : 0;
  if (formLines) lap('lines');
  return {
    width: raw.origWidth,
    height: raw.origHeight,
    dpi: opts.dpi ?? raw.density,
    grey,
    analysisScale,
    charHeight,
    lineHeight,
    components: comps.length,
    speckFraction,
    denoised,
    colourInk: ink,
    skew,
    bilevel,
    thickened: smoothed?.thickened ?? false,
    verticalLinks,
    textComponents: chars.length,
    formLinePixels: formLines,
    chars,
    timings,
    ms: performance.now() - t0,
  };
}

/**
 * Erases ruled lines — box borders and table rules of printed forms — by painting paper over long
 * thin runs of ink: horizontal runs longer than 8 character heights, vertical runs longer than
 * 3 (no glyph is that tall), at most a third of a character height thick. Tesseract takes a table's rules for layout and drops the short
 * values boxed in by them (an item number "1", a criterion "WO"); without the rules they read
 * as words. Returns the number of pixels erased.
 */
export function removeFormLines(img: GreyImage, threshold: number, charHeight: number): number {
  const { data, width, height } = img;
  const minH = Math.max(60, Math.round(charHeight * 8));
  const minV = Math.max(45, Math.round(charHeight * 3));
  // Rules are thin; the strokes of large or bold type are not (a headline's "T" is not a rule).
  const maxThick = Math.max(4, Math.round(charHeight * 0.35));
  const ink = (i: number) => data[i]! < threshold;
  const horiz = new Uint8Array(width * height);
  const vert = new Uint8Array(width * height);
  for (let y = 0; y < height; y++) {
    const row = y * width;
    for (let x = 0; x < width; ) {
      if (!ink(row + x)) {
        x++;
        continue;
      }
      let e = x;
      while (e < width && ink(row + e)) e++;
      if (e - x >= minH) horiz.fill(1, row + x, row + e);
      x = e;
    }
  }
  for (let x = 0; x < width; x++) {
    for (let y = 0; y < height; ) {
      if (!ink(y * width + x)) {
        y++;
        continue;
      }
      let e = y;
      while (e < height && ink(e * width + x)) e++;
      if (e - y >= minV) for (let k = y; k < e; k++) vert[k * width + x] = 1;
      y = e;
    }
  }
  // Thickness across the run: a horizontal mark stacked more than maxThick rows deep is a solid
  // shape, not a rule (likewise sideways for vertical marks).
  const mark = new Uint8Array(width * height);
  for (let x = 0; x < width; x++) {
    for (let y = 0; y < height; ) {
      if (!horiz[y * width + x]) {
        y++;
        continue;
      }
      let e = y;
      while (e < height && horiz[e * width + x]) e++;
      if (e - y <= maxThick) for (let k = y; k < e; k++) mark[k * width + x] = 1;
      y = e;
    }
  }
  for (let y = 0; y < height; y++) {
    const row = y * width;
    for (let x = 0; x < width; ) {
      if (!vert[row + x]) {
        x++;
        continue;
      }
      let e = x;
      while (e < width && vert[row + e]) e++;
      if (e - x <= maxThick) mark.fill(1, row + x, row + e);
      x = e;
    }
  }
  // Widen by a pixel: the anti-aliased edges of a rule would otherwise stay as a faint line.
  let erased = 0;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = y * width + x;
      const near = mark[i] || (x > 0 && mark[i - 1]) || (x + 1 < width && mark[i + 1]) || (y > 0 && mark[i - width]) || (y + 1 < height && mark[i + width]);
      if (near && data[i]! < 250) {
        data[i] = 255;
        erased++;
      }
    }
  }
  return erased;
}

// ---------------------------------------------------------------------------
// Resampling

export interface PrepareOptions {
  /** Clockwise rotation of the page, applied before deskew. */
  rotation?: 0 | 90 | 180 | 270;
  /** Remove the measured skew (default true); angles under 0.1° are left alone. */
  deskew?: boolean;
  /** Rescale to ~300-dpi text size (default true). */
  rescale?: boolean;
  /** Target text-line height in pixels after rescaling (default 30). */
  targetLineHeight?: number;
  /** Binarise (Otsu on the cleaned page) instead of handing the engine greyscale (default false). */
  binarise?: boolean;
  /** Upper bound on output pixels (default 40 M). */
  maxPixels?: number;
}

export interface PreparedImage {
  /** Binary PGM (P5) of the prepared page: the engine reads it without a decode step worth mentioning. */
  image: Buffer;
  width: number;
  height: number;
  /** Prepared pixel → original pixel. */
  toOriginal: Affine;
  /** Prepared pixels per original pixel. */
  scale: number;
  rotation: 0 | 90 | 180 | 270;
  skew: number;
}

/**
 * Scale factor (relative to the analysed grey image) that brings text to the size Tesseract
 * reads best: line bands of ~30 px (capitals of 10-pt print at 300 dpi), from the measured line height;
 * else from the character height; else from the dpi. Text already in range is left alone.
 */
export function chooseScale(a: PageAnalysis, targetLine = 30, maxPixels = 40_000_000): number {
  let s = 1;
  if (a.lineHeight !== null && a.textComponents >= 20) {
    if (a.lineHeight < targetLine * 0.7) s = targetLine / a.lineHeight;
    else if (a.lineHeight > targetLine * 2.5) s = (targetLine * 1.5) / a.lineHeight;
  } else if (a.charHeight !== null && a.textComponents >= 20) {
    const targetChar = targetLine * 0.6;
    if (a.charHeight < targetChar * 0.7) s = targetChar / a.charHeight;
    else if (a.charHeight > targetChar * 2.5) s = (targetChar * 1.5) / a.charHeight;
  } else if (a.dpi !== undefined && a.dpi < 250) {
    s = 300 / (a.dpi * a.analysisScale);
  }
  s = Math.min(3.5, Math.max(0.3, s));
  const px = a.grey.width * a.grey.height * s * s;
  if (px > maxPixels) s = Math.sqrt(maxPixels / (a.grey.width * a.grey.height));
  return s;
}

export function preparePage(a: PageAnalysis, opts: PrepareOptions = {}): PreparedImage {
  const rotation = opts.rotation ?? 0;
  const skew = (opts.deskew ?? true) && Math.abs(a.skew) >= 0.1 ? a.skew : 0;
  const scale = (opts.rescale ?? true) ? chooseScale(a, opts.targetLineHeight, opts.maxPixels) : 1;
  const sw = a.grey.width;
  const sh = a.grey.height;
  // Forward map grey → prepared: scale, then rotate by −skew (about the origin) and by the
  // page rotation, then translate so the output's bounding box starts at 0,0.
  const theta = ((rotation - skew) * Math.PI) / 180;
  const cos = Math.abs(Math.cos(theta)) < 1e-12 ? 0 : Math.cos(theta);
  const sin = Math.abs(Math.sin(theta)) < 1e-12 ? 0 : Math.sin(theta);
  let fwd: Affine = { a: scale * cos, b: scale * sin, c: -scale * sin, d: scale * cos, e: 0, f: 0 };
  const corners = [applyAffine(fwd, 0, 0), applyAffine(fwd, sw, 0), applyAffine(fwd, sw, sh), applyAffine(fwd, 0, sh)];
  const minX = Math.min(...corners.map((p) => p[0]));
  const minY = Math.min(...corners.map((p) => p[1]));
  const W = Math.max(1, Math.round(Math.max(...corners.map((p) => p[0])) - minX));
  const H = Math.max(1, Math.round(Math.max(...corners.map((p) => p[1])) - minY));
  fwd = { ...fwd, e: -minX, f: -minY };
  const inv = invertAffine(fwd);
  const out = new Uint8Array(W * H);
  const src = a.grey.data;
  const exact = skew === 0 && scale === 1;
  if (exact) {
    // Pure 0/90/180/270 rotation: a permutation, no interpolation.
    for (let y = 0; y < H; y++) {
      for (let x = 0; x < W; x++) {
        const sx = Math.round(inv.a * (x + 0.5) + inv.c * (y + 0.5) + inv.e - 0.5);
        const sy = Math.round(inv.b * (x + 0.5) + inv.d * (y + 0.5) + inv.f - 0.5);
        out[y * W + x] = sx >= 0 && sy >= 0 && sx < sw && sy < sh ? src[sy * sw + sx]! : 255;
      }
    }
  } else {
    for (let y = 0; y < H; y++) {
      // Pixel centres: (x+0.5, y+0.5) in the output maps to (sx+0.5, sy+0.5) in the source.
      let fx = inv.a * 0.5 + inv.c * (y + 0.5) + inv.e - 0.5;
      let fy = inv.b * 0.5 + inv.d * (y + 0.5) + inv.f - 0.5;
      const row = y * W;
      for (let x = 0; x < W; x++, fx += inv.a, fy += inv.b) {
        if (fx < -0.5 || fy < -0.5 || fx > sw - 0.5 || fy > sh - 0.5) {
          out[row + x] = 255;
          continue;
        }
        const x0 = fx < 0 ? 0 : fx | 0;
        const y0 = fy < 0 ? 0 : fy | 0;
        const x1 = x0 + 1 < sw ? x0 + 1 : x0;
        const y1 = y0 + 1 < sh ? y0 + 1 : y0;
        const tx = fx - x0 < 0 ? 0 : fx - x0;
        const ty = fy - y0 < 0 ? 0 : fy - y0;
        const top = src[y0 * sw + x0]! + (src[y0 * sw + x1]! - src[y0 * sw + x0]!) * tx;
        const bot = src[y1 * sw + x0]! + (src[y1 * sw + x1]! - src[y1 * sw + x0]!) * tx;
        out[row + x] = top + (bot - top) * ty + 0.5;
      }
    }
  }
  if (opts.binarise) {
    const t = otsu(histogram(out));
    for (let i = 0; i < out.length; i++) out[i] = out[i]! < t ? 0 : 255;
  }
  const header = Buffer.from(`P5\n${W} ${H}\n255\n`, 'ascii');
  return {
    image: Buffer.concat([header, out]),
    width: W,
    height: H,
    // prepared → grey → original
    toOriginal: compose({ a: 1 / a.analysisScale, b: 0, c: 0, d: 1 / a.analysisScale, e: 0, f: 0 }, inv),
    scale: scale * a.analysisScale,
    rotation,
    skew,
  };
}
