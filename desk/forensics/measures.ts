/**
 * Evidence measures between an aligned query and a specimen, each a number with a plain meaning.
 *
 * Stamps (canonical frame: outer radius R0 px): ink overlap (tolerant F-score), chamfer distances
 * both ways, ink where the specimen has none (overall and in the worst arc/sector — re-cut glyphs),
 * radial ring profile, physical size (mm, from the page dpi), ink colour, and the ink's texture at
 * native resolution: periodic halftone dots (FFT peaks), flat uniform colour, ink grain (what
 * still tells a black toner print from black stamp ink), pooling at stroke edges. Copy-paste:
 * `nearDuplicate` — real impressions are never pixel-identical.
 *
 * Signatures (canonical frame: ink RMS spread normalised): correlation, skeleton chamfer both
 * ways, HOG-like direction histograms, aspect ratio, stroke width (mm), stroke roughness (tremor),
 * blunt endings, pen lifts.
 */
import { CANON, R0, correlate, fromNative, type Alignment, type PreparedMark } from './align.ts';
import { sharedOpticalDensity } from './inkmap.ts';
import { components, cropGray, distanceTransform, fft, gaussBlur, gray, powerSpectrum2, quantile, thin, threshold, warpGray, type Bin, type Gray, type Similarity } from './image.ts';

// ---------------------------------------------------------------------------
// Cached per-mark derivatives

interface StampCache {
  mask: Bin;
  dist: Float32Array;
  /** The specimen's design region (ink dilated, filled disc/box) where query ink is judged. */
  region: Uint8Array;
  texture: Texture;
  radial: Float64Array;
}
interface SigCache {
  mask: Bin;
  skel: Bin;
  skelDist: Float32Array;
  hog: Float64Array;
  strokes: StrokeStats;
  profiles: Float64Array[];
  dirs: Float64Array;
  grid: Float64Array;
}
const stampCache = new WeakMap<PreparedMark, StampCache>();
const sigCache = new WeakMap<PreparedMark, SigCache>();

const INK = 0.35;

const radialBins = new Map<string, Int32Array>();
/** Per pixel of a w×h canvas: its radial bin (r / (1.05·R0) · bins), or −1 outside; fixed, so built once. */
function radialBinsOf(w: number, h: number, bins: number): Int32Array {
  const key = `${w}x${h}:${bins}`;
  let t = radialBins.get(key);
  if (t) return t;
  t = new Int32Array(w * h);
  const c = w / 2;
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const r = Math.hypot(x - c, y - c) / (R0 * 1.05);
      t[y * w + x] = r >= 1 ? -1 : Math.floor(r * bins);
    }
  }
  radialBins.set(key, t);
  return t;
}

function radialProfile(canon: Gray, bins = 64): Float64Array {
  const out = new Float64Array(bins);
  const cnt = new Float64Array(bins);
  const kb = radialBinsOf(canon.w, canon.h, bins);
  const d = canon.d;
  for (let i = 0; i < d.length; i++) {
    const k = kb[i]!;
    if (k < 0) continue;
    out[k] = out[k]! + d[i]!;
    cnt[k] = cnt[k]! + 1;
  }
  for (let k = 0; k < bins; k++) out[k] = cnt[k]! > 0 ? out[k]! / cnt[k]! : 0;
  return out;
}

let sectorTable: Int32Array | null = null;
/** Per canonical pixel: its sector (12 clock sectors, +12 inside r ≤ 0.55·R0), for the worst-arc measure. */
function sectorsOfCanon(): Int32Array {
  if (sectorTable) return sectorTable;
  const n = CANON;
  const c = n / 2;
  const sectors = 12;
  const t = new Int32Array(n * n);
  for (let y = 0; y < n; y++) {
    for (let x = 0; x < n; x++) {
      const r = Math.hypot(x - c, y - c) / R0;
      let ang = Math.atan2(y - c, x - c) + Math.PI / 2; // 0 at the top, clockwise
      if (ang < 0) ang += 2 * Math.PI;
      t[y * n + x] = Math.min(sectors - 1, Math.floor((ang / (2 * Math.PI)) * sectors)) + (r > 0.55 ? 0 : sectors);
    }
  }
  sectorTable = t;
  return t;
}

function stampDerivs(m: PreparedMark): StampCache {
  let c = stampCache.get(m);
  if (c) return c;
  const mask = threshold(m.canon, INK);
  const dist = distanceTransform(mask);
  const region = new Uint8Array(mask.d.length);
  for (let i = 0; i < region.length; i++) region[i] = dist[i]! <= 6 ? 1 : 0;
  c = { mask, dist, region, texture: texture(m), radial: radialProfile(m.canon) };
  stampCache.set(m, c);
  return c;
}

// ---------------------------------------------------------------------------
// Ink texture (native resolution): halftone, flatness, pooling

export interface Texture {
  /** Strongest periodic peak in the ink's spectrum over the median of its frequency ring (log10). */
  halftone: number;
  /** Coefficient of variation of ink density inside strokes (flat print → low). */
  cv: number;
  /** Mean density at stroke edges over stroke interiors (ink pooling → above 1). */
  pooling: number;
  /** Share of ink pixels that are isolated specks (toner scatter). */
  specks: number;
  /**
   * Coefficient of variation of the native-resolution ink density in stroke cores (ink eroded by
   * 1 px): a rubber stamp leaves uneven, grainy ink even inside strokes, a redrawn print or a
   * thresholded copy is flat there.
   */
  coreCv: number;
  /**
   * Ink grain: the covariance of stroke-core densities ~0.17 mm apart (beyond the scanner's blur, so
   * sensor noise adds nothing), square-rooted, over the mean density. A rubber stamp's ink is grainy
   * and uneven at that scale, a redrawn or thresholded print is flat, and dark ink's noisy pixels
   * make the plain spread (coreCv) no longer tell them apart.
   */
  grain: number;
}

const ringTables = new Map<string, { idx: Int32Array; start: Int32Array }>();
/**
 * Frequencies of an n×n spectrum grouped by rounded radius (print screens: 60 lpi and finer, up to
 * n/2), as index lists: the same for every patch of a given size and dpi, so built once.
 */
function halftoneRings(n: number, dpi: number): { idx: Int32Array; start: Int32Array } {
  const key = `${n}:${dpi}`;
  const hit = ringTables.get(key);
  if (hit) return hit;
  const groups = new Map<number, number[]>();
  for (let fy = 0; fy < n; fy++) {
    for (let fx = 0; fx < n; fx++) {
      const u = fx <= n / 2 ? fx : fx - n;
      const v = fy <= n / 2 ? fy : fy - n;
      const rad = Math.round(Math.hypot(u, v));
      if (rad < Math.max(n * 0.1, (n * 60) / dpi) || rad > n / 2) continue;
      let list = groups.get(rad);
      if (!list) groups.set(rad, (list = []));
      list.push(fy * n + fx);
    }
  }
  const lists = [...groups.values()];
  const start = new Int32Array(lists.length + 1);
  lists.forEach((l, r) => (start[r + 1] = start[r]! + l.length));
  const idx = new Int32Array(start[lists.length]!);
  lists.forEach((l, r) => idx.set(l, start[r]!));
  const t = { idx, start };
  ringTables.set(key, t);
  return t;
}

export function texture(m: PreparedMark): Texture {
  const map = m.nativeMap;
  const { w, h } = map;
  // halftone: spectra of up to 3 ink-rich patches of the native-resolution ink map
  const n = m.nativeDpi >= 400 ? 128 : 64;
  let halftone = 0;
  if (w >= n && h >= n) {
    // ink per n×n cell (every 2nd pixel), cells overlapping by half: from sums over (n/2)² blocks,
    // each pixel read once instead of four times (the densities are float32 in [0, 1], so these
    // double-precision sums do not depend on the order they are added in)
    const hn = n / 2;
    const bw = Math.floor(w / hn);
    const bh = Math.floor(h / hn);
    const blocks = new Float64Array(bw * bh);
    for (let by = 0; by < bh; by++) {
      for (let yy = by * hn; yy < (by + 1) * hn; yy += 2) {
        const row = yy * w;
        for (let bx = 0; bx < bw; bx++) {
          let s = 0;
          for (let xx = bx * hn; xx < (bx + 1) * hn; xx += 2) s += map.d[row + xx]!;
          blocks[by * bw + bx] = blocks[by * bw + bx]! + s;
        }
      }
    }
    const cells: { x: number; y: number; ink: number }[] = [];
    for (let y = 0; y + n <= h; y += hn) {
      for (let x = 0; x + n <= w; x += hn) {
        const b = (y / hn) * bw + x / hn;
        cells.push({ x, y, ink: blocks[b]! + blocks[b + 1]! + blocks[b + bw]! + blocks[b + bw + 1]! });
      }
    }
    cells.sort((a, b) => b.ink - a.ink);
    const peaks: number[] = [];
    for (const cell of cells.slice(0, 3)) {
      const patch = new Float64Array(n * n);
      let mu = 0;
      for (let yy = 0; yy < n; yy++) {
        for (let xx = 0; xx < n; xx++) {
          const v = map.d[(cell.y + yy) * w + cell.x + xx]!;
          patch[yy * n + xx] = v;
          mu += v;
        }
      }
      mu /= n * n;
      for (let yy = 0; yy < n; yy++) {
        const wy = 0.5 - 0.5 * Math.cos((2 * Math.PI * (yy + 0.5)) / n);
        for (let xx = 0; xx < n; xx++) {
          const wx = 0.5 - 0.5 * Math.cos((2 * Math.PI * (xx + 0.5)) / n);
          patch[yy * n + xx] = (patch[yy * n + xx]! - mu) * wx * wy;
        }
      }
      const ps = powerSpectrum2(patch, n);
      // compare each frequency with the median power of its radial ring (periodic dots stand out)
      const { idx, start } = halftoneRings(n, m.nativeDpi);
      let best = 0;
      for (let r = 0; r + 1 < start.length; r++) {
        const len = start[r + 1]! - start[r]!;
        if (len < 8) continue;
        const sorted = new Float64Array(len);
        for (let j = 0; j < len; j++) sorted[j] = ps[idx[start[r]! + j]!]!;
        sorted.sort();
        const med = sorted[Math.floor(len / 2)]! + 1e-12;
        best = Math.max(best, sorted[len - 1]! / med);
      }
      peaks.push(Math.log10(best + 1e-9));
    }
    halftone = peaks.length ? Math.max(...peaks) : 0;
  }
  // stroke statistics at the working resolution: edge pixels (eroded away by 1 px) vs cores (survive 2 px)
  const wm = inkBox(m.map);
  const mask = threshold(wm, 0.3);
  const ww = wm.w;
  const wh = wm.h;
  const md = mask.d;
  let sum = 0;
  let sum2 = 0;
  let cnt = 0;
  let edge = 0;
  let edgeN = 0;
  let core = 0;
  let coreN = 0;
  let e1Sum = 0;
  let e1Sum2 = 0;
  let e1N = 0;
  for (let i = 0; i < wm.d.length; i++) {
    if (!md[i]) continue;
    const v = wm.d[i]!;
    sum += v;
    sum2 += v * v;
    cnt++;
    // erosion by 1 and 2 px (square, outside counts as ink) checked on this pixel's neighbourhood
    // only: ink is a small share of the box, so this beats eroding the whole mask twice
    const x = i % ww;
    const y = (i - x) / ww;
    const e1 = allInk(md, ww, wh, x, y, 1);
    if (!e1) {
      edge += v;
      edgeN++;
    } else {
      e1Sum += v;
      e1Sum2 += v * v;
      e1N++;
      if (allInk(md, ww, wh, x, y, 2)) {
        core += v;
        coreN++;
      }
    }
  }
  const mu = cnt ? sum / cnt : 0;
  const sd = cnt ? Math.sqrt(Math.max(0, sum2 / cnt - mu * mu)) : 0;
  const grain = inkGrain(wm, md, m.dpi);
  const { comps } = components(mask);
  let speckPx = 0;
  for (const c of comps) if (c.area <= 3) speckPx += c.area;
  // flatness of stroke cores at native resolution
  let cs = 0;
  let cs2 = 0;
  let cn = 0;
  let as = 0;
  let as2 = 0;
  let an = 0;
  if (map === m.map) {
    // scan at or below the working resolution: the native map IS the working map, and the sums above
    // (same pixels, same raster order; the ink box keeps every 3×3 neighbourhood) are these sums
    as = sum;
    as2 = sum2;
    an = cnt;
    cs = e1Sum;
    cs2 = e1Sum2;
    cn = e1N;
  } else {
    // one pass: ink pixels (> 0.3), and among them the cores (3×3 all ink, as an erosion by 1 px
    // with the outside counting as ink), in raster order
    const d = map.d;
    for (let y = 0; y < h; y++) {
      for (let x = 0; x < w; x++) {
        const v = d[y * w + x]!;
        if (!(v > 0.3)) continue;
        as += v;
        as2 += v * v;
        an++;
        if (!allAbove(d, w, h, x, y, 0.3)) continue;
        cs += v;
        cs2 += v * v;
        cn++;
      }
    }
  }
  const cvOf = (s1: number, s2: number, n: number) => {
    const m1 = s1 / n;
    return m1 > 0 ? Math.sqrt(Math.max(0, s2 / n - m1 * m1)) / m1 : 0;
  };
  // halftone dots or very thin strokes leave no cores: then all ink pixels (not flat either way)
  const coreCv = cn >= 50 ? cvOf(cs, cs2, cn) : an >= 10 ? cvOf(as, as2, an) : 0;
  return {
    halftone,
    coreCv,
    cv: mu > 0 ? sd / mu : 0,
    pooling: coreN >= 30 && edgeN >= 30 ? edge / edgeN / (core / coreN) : 1,
    specks: cnt ? speckPx / cnt : 0,
    grain,
  };
}

/** See Texture.grain: `md` is the ink mask of `map` (> 0.3), cores are pixels whose 3×3 is all ink. */
function inkGrain(map: Gray, md: Uint8Array, dpi: number): number {
  const { w, h, d } = map;
  const lag = Math.max(2, Math.round((0.17 * dpi) / 25.4));
  const core = new Uint8Array(w * h);
  let s = 0;
  let n = 0;
  for (let y = 1; y < h - 1; y++) {
    for (let x = 1; x < w - 1; x++) {
      const i = y * w + x;
      if (!md[i] || !allInk(md, w, h, x, y, 1)) continue;
      core[i] = 1;
      s += d[i]!;
      n++;
    }
  }
  if (n < 50) return 0;
  const mu = s / n;
  let c = 0;
  let m = 0;
  for (let y = 0; y < h - lag; y++) {
    for (let x = 0; x < w - lag; x++) {
      const i = y * w + x;
      if (!core[i]) continue;
      const a = d[i]! - mu;
      if (core[i + lag]) (c += a * (d[i + lag]! - mu)), m++;
      if (core[i + lag * w]) (c += a * (d[i + lag * w]! - mu)), m++;
    }
  }
  return m > 20 ? Math.sqrt(Math.max(0, c / m)) / mu : 0;
}

/** Whether every in-bounds pixel of the (2r+1)² window around (x, y) is set (= binary erosion by r). */
function allInk(d: Uint8Array, w: number, h: number, x: number, y: number, r: number): boolean {
  const ya = Math.max(0, y - r);
  const yb = Math.min(h - 1, y + r);
  const xa = Math.max(0, x - r);
  const xb = Math.min(w - 1, x + r);
  for (let yy = ya; yy <= yb; yy++) for (let xx = xa; xx <= xb; xx++) if (!d[yy * w + xx]) return false;
  return true;
}

/** Whether every in-bounds pixel of the 3×3 window around (x, y) is above t. */
function allAbove(d: Float32Array, w: number, h: number, x: number, y: number, t: number): boolean {
  const ya = Math.max(0, y - 1);
  const yb = Math.min(h - 1, y + 1);
  const xa = Math.max(0, x - 1);
  const xb = Math.min(w - 1, x + 1);
  for (let yy = ya; yy <= yb; yy++) for (let xx = xa; xx <= xb; xx++) if (!(d[yy * w + xx]! > t)) return false;
  return true;
}

/** The map cropped to the bounding box of its ink (plus 3 px). */
function inkBox(map: Gray): Gray {
  const { w, h, d } = map;
  let x0 = w;
  let y0 = h;
  let x1 = -1;
  let y1 = -1;
  for (let y = 0; y < h; y++) {
    const row = y * w;
    for (let x = 0; x < w; x++) {
      if (d[row + x]! < 0.3) continue;
      if (x < x0) x0 = x;
      if (x > x1) x1 = x;
      if (y < y0) y0 = y;
      if (y > y1) y1 = y;
    }
  }
  if (x1 < 0) return map;
  return cropGray(map, { x: x0 - 3, y: y0 - 3, w: x1 - x0 + 7, h: y1 - y0 + 7 });
}

function invert(b: Bin): Bin {
  const out: Bin = { w: b.w, h: b.h, d: new Uint8Array(b.d.length) };
  for (let i = 0; i < b.d.length; i++) out.d[i] = b.d[i] ? 0 : 1;
  return out;
}

// ---------------------------------------------------------------------------
// Stamp measures

export interface SectorFinding {
  /** Clock position of the sector centre (12 = top). */
  clock: number;
  band: 'ring' | 'centre';
  extra: number;
}

export interface StampMeasures {
  corr: number;
  fscore: number;
  chamferQS: number;
  chamferSQ: number;
  extraInk: number;
  missingInk: number;
  worstSector: number;
  worstSectorAt: SectorFinding | null;
  radialDiff: number;
  sizeLog: number;
  colourDiff: number;
  halftone: number;
  halftoneDelta: number;
  cvLog: number;
  /** log of the query's stroke-core density variation (see Texture.coreCv): low = flat like a print. */
  coreCvLog: number;
  /** The query's ink grain (see Texture.grain): near 0 = flat like a print. */
  grain: number;
  poolingDelta: number;
  specks: number;
  duplicate: number;
  /** Share of the questioned ink inside the seal taken for the document's print (see printOcclusion). */
  printIgnored: number;
  /** Query outer radius in working pixels (measurement precision depends on it). */
  queryRadiusPx: number;
  /** For reasons: sizes in mm. */
  queryMm: number;
  specimenMm: number;
}

/**
 * The ink's colour measured on the design's own strokes: OD of native pixels under canonical pixels
 * where both the specimen and the (aligned) mark are inked — so a pen stroke or print next to the
 * seal does not colour the estimate. Direction of the most chromatic third of those pixels.
 */
function strokeColour(m: PreparedMark, toCanon: Similarity, onStroke: (i: number) => boolean): [number, number, number] | null {
  const od = odVectors(m);
  const t = fromNative(toCanon, m.workScale);
  const c = Math.cos(-t.theta) / t.scale;
  const sn = Math.sin(-t.theta) / t.scale;
  const samples: [number, number, number, number][] = [];
  for (let y = 0; y < CANON; y += 2) {
    for (let x = 0; x < CANON; x += 2) {
      const i = y * CANON + x;
      if (!onStroke(i)) continue;
      const dx = x - t.tx;
      const dy = y - t.ty;
      const sx = Math.round(c * dx - sn * dy + t.cx);
      const sy = Math.round(sn * dx + c * dy + t.cy);
      if (sx < 0 || sy < 0 || sx >= m.rgb.w || sy >= m.rgb.h) continue;
      const p = (sy * m.rgb.w + sx) * 3;
      const a = od[p]!;
      const b = od[p + 1]!;
      const cc = od[p + 2]!;
      const mean = (a + b + cc) / 3;
      if (mean < 0.1) continue;
      const chroma = Math.sqrt(((a - mean) ** 2 + (b - mean) ** 2 + (cc - mean) ** 2) / 3) / mean;
      samples.push([a, b, cc, chroma]);
    }
  }
  if (samples.length < 30) return null;
  samples.sort((p, q) => q[3] - p[3]);
  let sx = 0;
  let sy = 0;
  let sz = 0;
  for (const v of samples.slice(0, Math.ceil(samples.length / 3))) {
    sx += v[0];
    sy += v[1];
    sz += v[2];
  }
  const len = Math.hypot(sx, sy, sz) || 1;
  return [sx / len, sy / len, sz / len];
}

function odVectors(m: PreparedMark): Float32Array {
  return sharedOpticalDensity(m.rgb);
}

function inkAngle(q: PreparedMark, s: PreparedMark, a: Alignment): number {
  if (q.ink.name === 'black' && s.ink.name === 'black') return 0;
  const both = (i: number) => s.canon.d[i]! >= 0.5 && a.aligned.d[i]! >= 0.5;
  const cq = strokeColour(q, a.transform, both);
  const cs = strokeColour(s, s.toCanon, both);
  const u = cq ?? q.ink.od;
  const v = cs ?? s.ink.od;
  const d = u[0] * v[0] + u[1] * v[1] + u[2] * v[2];
  return (Math.acos(Math.max(-1, Math.min(1, d))) * 180) / Math.PI;
}

// ---------------------------------------------------------------------------
// Print under the seal

/**
 * Where the questioned crop's ink map still holds the document's print (a black seal over black
 * text cannot be unmixed by colour), in working px, 1 = print row. Print is page-aligned and runs
 * on past the seal, a seal's own lettering never leaves its rim: a row band counts as print where
 * ink continues beyond the outline on that row, a column where a line runs on beyond it. Null when
 * nothing of the kind is seen (coloured ink unmixed from its print leaves nothing there).
 */
export function printOcclusion(m: PreparedMark, seal: SealBounds): Gray | null {
  const { w, h, d } = m.map;
  const o = seal;
  const R = o.r * 1.08;
  const pxMm = m.dpi / 25.4;
  // an oval or rectangular seal: beside it is outside its outline box, not outside the circle through
  // the box's corners (which leaves no paper beside an oval's middle rows to see print run on)
  const bx = o.box;
  const bc = bx ? Math.cos(bx.angle) : 0;
  const bs = bx ? Math.sin(bx.angle) : 0;
  const inside = (x: number, y: number) => {
    const dx = x - o.cx;
    const dy = y - o.cy;
    if (!bx) return dx * dx + dy * dy <= R * R;
    return Math.abs(dx * bc + dy * bs) <= 0.54 * bx.w && Math.abs(-dx * bs + dy * bc) <= 0.54 * bx.h; // (the same 8 % margin)
  };
  const rowInk = new Float64Array(h);
  const rowFree = new Float64Array(h);
  const colInk = new Float64Array(w);
  const colFree = new Float64Array(w);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      if (inside(x, y)) continue;
      const inked = d[y * w + x]! >= 0.45 ? 1 : 0;
      rowFree[y]!++;
      colFree[x]!++;
      rowInk[y] = rowInk[y]! + inked;
      colInk[x] = colInk[x]! + inked;
    }
  }
  // enough paper beside the seal to judge (2 mm), ink on ≥ 4 % of it (a text line is ~10–25 %)
  const minFree = 2 * pxMm;
  const rows = new Uint8Array(h);
  const cols = new Uint8Array(w);
  let any = false;
  for (let y = 0; y < h; y++) if (rowFree[y]! >= minFree && rowInk[y]! >= 0.04 * rowFree[y]!) (rows[y] = 1), (any = true);
  // a vertical rule: inked over most of the paper beside the seal in its column
  for (let x = 0; x < w; x++) if (colFree[x]! >= 4 * minFree && colInk[x]! >= 0.6 * colFree[x]!) (cols[x] = 1), (any = true);
  if (!any) return null;
  // glyphs reach a little above and below the rows where they were seen
  const pad = Math.max(1, Math.round(0.4 * pxMm));
  const out = gray(w, h);
  const rowsP = new Uint8Array(h);
  for (let y = 0; y < h; y++) if (rows[y]) for (let k = Math.max(0, y - pad); k <= Math.min(h - 1, y + pad); k++) rowsP[k] = 1;
  const colsP = new Uint8Array(w);
  for (let x = 0; x < w; x++) if (cols[x]) for (let k = Math.max(0, x - pad); k <= Math.min(w - 1, x + pad); k++) colsP[k] = 1;
  for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) if (rowsP[y] || colsP[x]) out.d[y * w + x] = 1;
  return out;
}

/** A seal's place in a crop (working px): centre, outer radius, and for other than round seals its outline box. */
export interface SealBounds {
  cx: number;
  cy: number;
  r: number;
  box?: { w: number; h: number; angle: number };
}

/** The specimen's outline box (oval and rectangular seals) in the query's working px under `t`. */
export function specimenBox(s: PreparedMark, t: Similarity): SealBounds['box'] {
  if (s.outline.shape !== 'other') return undefined;
  const k = s.toCanon.scale / t.scale;
  return { w: s.outline.rectW * k, h: s.outline.rectH * k, angle: s.outline.rectAngle - t.theta };
}

/** The specimen's outer circle (canonical centre, radius R0) in the query's working px under `t`. */
export function sealFootprint(t: Similarity): { cx: number; cy: number; r: number } {
  // t: p ↦ R(θ)·s·(p − c) + t₀; its inverse at the canvas centre
  const dx = CANON / 2 - t.tx;
  const dy = CANON / 2 - t.ty;
  const c = Math.cos(-t.theta) / t.scale;
  const sn = Math.sin(-t.theta) / t.scale;
  return { cx: c * dx - sn * dy + t.cx, cy: sn * dx + c * dy + t.cy, r: R0 / t.scale };
}

/**
 * The ink texture of the seal alone: inside its footprint and outside the print rows (toner print
 * is flat and sharp-edged, and would pass for a printed copy's ink).
 */
function sealTexture(m: PreparedMark, seal: { cx: number; cy: number; r: number }, occ: Gray): Texture {
  const keep = (map: Gray, f: number): Gray => {
    const out = gray(map.w, map.h);
    const r2 = (seal.r * f) ** 2;
    for (let y = 0; y < map.h; y++) {
      const oy = Math.min(occ.h - 1, Math.floor(y / f));
      for (let x = 0; x < map.w; x++) {
        if ((x - seal.cx * f) ** 2 + (y - seal.cy * f) ** 2 > r2) continue;
        if (occ.d[oy * occ.w + Math.min(occ.w - 1, Math.floor(x / f))]! >= 0.5) continue;
        out.d[y * map.w + x] = map.d[y * map.w + x]!;
      }
    }
    return out;
  };
  const work = keep(m.map, 1);
  // (a scan at or below the working resolution has one map for both; texture() relies on that)
  const native = m.nativeMap === m.map ? work : keep(m.nativeMap, 1 / m.workScale);
  return texture({ ...m, map: work, nativeMap: native });
}

export function stampMeasures(q: PreparedMark, s: PreparedMark, a: Alignment, duplicate: number): StampMeasures {
  const S = stampDerivs(s);
  // query ink off the specimen's strokes in print rows is the document's print, not the seal's:
  // left out of the query's ink (missing ink still counts there) and of its texture
  const footprint: SealBounds = { ...sealFootprint(a.transform), box: specimenBox(s, a.transform) };
  const occ = printOcclusion(q, footprint);
  const qt = occ ? sealTexture(q, footprint, occ) : stampDerivs(q).texture;
  const occCanon = occ ? warpGray(occ, a.transform, CANON, CANON, false) : null;
  let aligned = a.aligned;
  let occluded = 0;
  if (occCanon) {
    aligned = gray(CANON, CANON);
    aligned.d.set(a.aligned.d);
    for (let i = 0; i < aligned.d.length; i++) {
      if (occCanon.d[i]! >= 0.5 && S.dist[i]! > 1 && aligned.d[i]! > 0) {
        if (S.region[i] && aligned.d[i]! >= INK) occluded++;
        aligned.d[i] = 0;
      }
    }
  }
  const qmask = threshold(aligned, INK);
  const qdist = distanceTransform(qmask);
  const n = CANON;
  let qInk = 0;
  let qNear = 0;
  let qSum = 0;
  let qExtra = 0;
  let sInk = 0;
  let sNear = 0;
  let sSum = 0;
  let sMissing = 0;
  const sectors = 12;
  const secInk = new Float64Array(sectors * 2);
  const secExtra = new Float64Array(sectors * 2);
  const secOf = sectorsOfCanon();
  for (let y = 0; y < n; y++) {
    for (let x = 0; x < n; x++) {
      const i = y * n + x;
      if (qmask.d[i] && S.region[i]) {
        qInk++;
        const d = S.dist[i]!;
        if (d <= 1.5) qNear++;
        qSum += Math.min(d, 10);
        const extra = d > 2.5 ? 1 : 0;
        qExtra += extra;
        const k = secOf[i]!;
        secInk[k] = secInk[k]! + 1;
        secExtra[k] = secExtra[k]! + extra;
      }
      if (S.mask.d[i]) {
        sInk++;
        const d = qdist[i]!;
        if (d <= 1.5) sNear++;
        sSum += Math.min(d, 10);
        if (d > 2.5) sMissing++;
      }
    }
  }
  let worst = 0;
  let worstAt: SectorFinding | null = null;
  for (let k = 0; k < sectors * 2; k++) {
    if (secInk[k]! < 25) continue;
    const v = secExtra[k]! / secInk[k]!;
    if (v > worst) {
      worst = v;
      const idx = k % sectors;
      worstAt = { clock: ((idx + 0.5) * 12) / sectors, band: k < sectors ? 'ring' : 'centre', extra: v };
    }
  }
  const P = qInk ? qNear / qInk : 0;
  const R = sInk ? sNear / sInk : 0;
  const qRad = radialProfile(aligned);
  let rd = 0;
  let rs = 0;
  // compare shapes of the radial profiles (normalised), not ink amounts
  const mq = Math.max(1e-6, ...qRad);
  const ms = Math.max(1e-6, ...S.radial);
  for (let k = 0; k < qRad.length; k++) {
    rd += Math.abs(qRad[k]! / mq - S.radial[k]! / ms);
    rs += S.radial[k]! / ms;
  }
  return {
    // the aligned maps' correlation without what was taken for print (as the alignment measured it otherwise)
    corr: occCanon ? correlate(gaussBlur(aligned, 1.2), s.canonBlur) : a.correlation,
    fscore: P + R > 0 ? (2 * P * R) / (P + R) : 0,
    chamferQS: qInk ? qSum / qInk / R0 : 1,
    chamferSQ: sInk ? sSum / sInk / R0 : 1,
    extraInk: qInk ? qExtra / qInk : 1,
    missingInk: sInk ? sMissing / sInk : 1,
    worstSector: worst,
    worstSectorAt: worstAt,
    radialDiff: rs > 0 ? rd / rs : 1,
    sizeLog: Math.abs(Math.log(a.physicalScale)),
    colourDiff: inkAngle(q, s, a),
    halftone: qt.halftone,
    halftoneDelta: qt.halftone - S.texture.halftone,
    cvLog: Math.log((qt.cv + 0.02) / (S.texture.cv + 0.02)),
    coreCvLog: Math.log(qt.coreCv + 0.02),
    grain: qt.grain,
    poolingDelta: qt.pooling - S.texture.pooling,
    specks: qt.specks,
    duplicate,
    printIgnored: occluded / (qInk + occluded || 1),
    // the seal's radius as aligned (its own outline fit can fail where print runs past the rim)
    queryRadiusPx: footprint.r,
    queryMm: s.sizeMm.diameter * a.physicalScale,
    specimenMm: s.sizeMm.diameter,
  };
}

// ---------------------------------------------------------------------------
// Copy-paste: near-identical impressions

/**
 * How identical two impressions are, 0..1. Two genuine impressions share the design but never the
 * ink grain, scan noise and pressure pattern, so their pixels differ; a digital paste reproduces
 * every pixel. The scans' own optical densities (not ink separations, which depend on what lies
 * under the ink) are registered by phase correlation — a paste is a pure shift — and compared:
 * score = 1 − (median relative difference over pixels inked in both, best gain) / 0.1.
 * Different resolutions or a rotated/rescaled copy give 0 (not a pixel copy). `identical` at 0.8.
 */
export function nearDuplicate(a: PreparedMark, b: PreparedMark, _alignment?: Alignment): { score: number; identical: boolean } {
  if (a.kind !== b.kind || Math.abs(a.nativeDpi - b.nativeDpi) > 0.5) return { score: 0, identical: false };
  const A = odMap(a);
  const B = odMap(b);
  const shift = phaseShift(A, B);
  const mad = nativeMad(A, B, shift.dx, shift.dy);
  const score = Math.max(0, Math.min(1, 1 - mad / 0.1));
  return { score, identical: score >= 0.8 };
}

/** Integer shift (dx, dy) such that B(x + dx, y + dy) ≈ A(x, y), by phase correlation at ≤ 256 px. */
function phaseShift(A: Gray, B: Gray): { dx: number; dy: number } {
  const N = 256;
  const f = Math.max(1, Math.ceil(Math.max(A.w, A.h, B.w, B.h) / N));
  const grab = (g: Gray) => {
    const re = new Float64Array(N * N);
    const w = Math.floor(g.w / f);
    const h = Math.floor(g.h / f);
    let sum = 0;
    for (let y = 0; y < h; y++) {
      for (let x = 0; x < w; x++) {
        let v = 0;
        for (let yy = 0; yy < f; yy++) for (let xx = 0; xx < f; xx++) v += g.d[(y * f + yy) * g.w + x * f + xx]!;
        re[y * N + x] = v / (f * f);
        sum += v / (f * f);
      }
    }
    const mean = sum / (w * h);
    for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) re[y * N + x] = re[y * N + x]! - mean;
    return re;
  };
  const fft2 = (re: Float64Array, im: Float64Array, inverse = false) => {
    const rr = new Float64Array(N);
    const ri = new Float64Array(N);
    for (let pass = 0; pass < 2; pass++) {
      for (let k = 0; k < N; k++) {
        for (let j = 0; j < N; j++) {
          const i = pass === 0 ? k * N + j : j * N + k;
          rr[j] = re[i]!;
          ri[j] = im[i]!;
        }
        fft(rr, ri, inverse);
        for (let j = 0; j < N; j++) {
          const i = pass === 0 ? k * N + j : j * N + k;
          re[i] = rr[j]!;
          im[i] = ri[j]!;
        }
      }
    }
  };
  const ar = grab(A);
  const ai = new Float64Array(N * N);
  const br = grab(B);
  const bi = new Float64Array(N * N);
  fft2(ar, ai);
  fft2(br, bi);
  // cross-power spectrum B · conj(A), normalised
  for (let i = 0; i < N * N; i++) {
    const re = br[i]! * ar[i]! + bi[i]! * ai[i]!;
    const im = bi[i]! * ar[i]! - br[i]! * ai[i]!;
    const mag = Math.hypot(re, im) + 1e-12;
    ar[i] = re / mag;
    ai[i] = im / mag;
  }
  fft2(ar, ai, true);
  let best = -Infinity;
  let bx = 0;
  let by = 0;
  for (let y = 0; y < N; y++) {
    for (let x = 0; x < N; x++) {
      const v = ar[y * N + x]!;
      if (v > best) {
        best = v;
        bx = x;
        by = y;
      }
    }
  }
  if (bx > N / 2) bx -= N;
  if (by > N / 2) by -= N;
  return { dx: bx * f, dy: by * f };
}

const odCache = new WeakMap<PreparedMark, Gray>();
/** Mean optical density of the scan itself (native pixels, relative to the crop's paper). */
function odMap(m: PreparedMark): Gray {
  let g = odCache.get(m);
  if (g) return g;
  const od = sharedOpticalDensity(m.rgb);
  g = gray(m.rgb.w, m.rgb.h);
  for (let i = 0; i < g.d.length; i++) g.d[i] = (od[i * 3]! + od[i * 3 + 1]! + od[i * 3 + 2]!) / 3;
  odCache.set(m, g);
  return g;
}

/**
 * Min over integer shifts (around the outline centres) of the median |a − g·b| of the scans' own
 * optical densities over pixels inked in both, with g the best gain. Raw densities, not ink maps:
 * a paste carries the very same pixel values, whatever ink separation makes of its new background.
 */
function nativeMad(A: Gray, B: Gray, dx: number, dy: number): number {
  const f = Math.max(1, Math.ceil(Math.max(A.w, A.h, B.w, B.h) / 256));
  const ox = dx;
  const oy = dy;
  const reach = f + 1;
  const step = Math.max(1, Math.round(A.w / 400));
  let best = 1;
  const hist = new Uint32Array(1001);
  const ratios = new Uint32Array(401);
  // A's sampled inked pixels, listed once (row-major, as scanned): every shift below only visits
  // these instead of the whole sampling grid
  let nIdx = 0;
  for (let y = 0; y < A.h; y += step) for (let x = 0; x < A.w; x += step) if (A.d[y * A.w + x]! >= 0.15) nIdx++;
  const ax = new Int32Array(nIdx);
  const ay = new Int32Array(nIdx);
  const ap = new Float64Array(nIdx);
  for (let y = 0, k = 0; y < A.h; y += step) {
    for (let x = 0; x < A.w; x += step) {
      const p = A.d[y * A.w + x]!;
      if (p < 0.15) continue;
      ax[k] = x;
      ay[k] = y;
      ap[k++] = p;
    }
  }
  const va = new Float64Array(nIdx);
  const vb = new Float64Array(nIdx);
  let minX = Infinity;
  let maxX = -Infinity;
  const bBase = new Int32Array(nIdx);
  for (let k = 0; k < nIdx; k++) {
    bBase[k] = ay[k]! * B.w + ax[k]!;
    if (ax[k]! < minX) minX = ax[k]!;
    if (ax[k]! > maxX) maxX = ax[k]!;
  }
  const minY = nIdx ? ay[0]! : 0;
  const maxY = nIdx ? ay[nIdx - 1]! : 0;
  for (let sy = -reach; sy <= reach; sy++) {
    for (let sx = -reach; sx <= reach; sx++) {
      let nv = 0;
      const offX = ox + sx;
      const offY = oy + sy;
      if (minX + offX >= 0 && maxX + offX < B.w && minY + offY >= 0 && maxY + offY < B.h) {
        // all of A's ink lands inside B at this shift: no bounds checks (same pixels, same order)
        const off = offY * B.w + offX;
        for (let k = 0; k < nIdx; k++) {
          const q = B.d[bBase[k]! + off]!;
          if (q < 0.15) continue;
          va[nv] = ap[k]!;
          vb[nv++] = q;
        }
      } else for (let k = 0; k < nIdx; k++) {
        const by = ay[k]! + oy + sy;
        if (by < 0 || by >= B.h) continue;
        const bx = ax[k]! + ox + sx;
        if (bx < 0 || bx >= B.w) continue;
        const q = B.d[by * B.w + bx]!;
        if (q < 0.15) continue;
        va[nv] = ap[k]!;
        vb[nv++] = q;
      }
      if (nv < 50) continue;
      // robust gain: the median ratio (print under one of them must not pull it)
      ratios.fill(0);
      for (let i = 0; i < nv; i++) {
        const k = Math.max(0, Math.min(400, Math.round((va[i]! / vb[i]!) * 200)));
        ratios[k] = ratios[k]! + 1;
      }
      let g = 1;
      for (let k = 0, acc = 0; k <= 400; k++) {
        acc += ratios[k]!;
        if (acc >= nv / 2) {
          g = k / 200;
          break;
        }
      }
      hist.fill(0);
      for (let i = 0; i < nv; i++) {
        // relative difference, 0.1 % bins
        const k = Math.min(1000, Math.round((Math.abs(va[i]! - g * vb[i]!) / Math.max(0.05, va[i]!)) * 1000));
        hist[k] = hist[k]! + 1;
      }
      let acc = 0;
      for (let k = 0; k <= 1000; k++) {
        acc += hist[k]!;
        if (acc >= nv / 2) {
          best = Math.min(best, k / 1000);
          break;
        }
      }
    }
  }
  return best;
}

// ---------------------------------------------------------------------------
// Signature measures

export interface StrokeStats {
  /** Median stroke width, mm. */
  widthMm: number;
  /** Direction roughness along strokes (tremor), radians. */
  roughness: number;
  /** Stroke width at endings over the median (blunt, blobbed endings → above 1). */
  endings: number;
  /** Connected ink components (pen lifts) per 10 mm of skeleton. */
  pieces: number;
  /** Aspect ratio (width/height) of the ink's spread. */
  aspect: number;
}

function strokeStats(m: PreparedMark): StrokeStats {
  const mask = threshold(m.map, 0.3);
  const inside = distanceTransform(invert(mask));
  const skel = thin(mask);
  const pxPerMm = m.dpi / 25.4;
  const widths: number[] = [];
  const ends: number[] = [];
  const { w } = mask;
  let skelLen = 0;
  for (let i = 0; i < skel.d.length; i++) {
    if (!skel.d[i]) continue;
    skelLen++;
    const wd = 2 * inside[i]!;
    widths.push(wd);
    let nb = 0;
    for (const o of [-w - 1, -w, -w + 1, -1, 1, w - 1, w, w + 1]) nb += skel.d[i + o] ?? 0;
    if (nb === 1) ends.push(wd);
  }
  const med = quantile(widths, 0.5) || 1;
  // tremor: angle between fine- and coarse-scale gradient directions on stroke edges
  const fine = gaussBlur(m.map, Math.max(0.7, 0.06 * pxPerMm));
  const coarse = gaussBlur(m.map, Math.max(1.5, 0.3 * pxPerMm));
  let acc = 0;
  let cnt = 0;
  for (let y = 1; y < m.map.h - 1; y++) {
    for (let x = 1; x < m.map.w - 1; x++) {
      const i = y * m.map.w + x;
      if (inside[i]! > 1.01 || !mask.d[i]) continue;
      const fx = fine.d[i + 1]! - fine.d[i - 1]!;
      const fy = fine.d[i + m.map.w]! - fine.d[i - m.map.w]!;
      const cx = coarse.d[i + 1]! - coarse.d[i - 1]!;
      const cy = coarse.d[i + m.map.w]! - coarse.d[i - m.map.w]!;
      const nf = Math.hypot(fx, fy);
      const nc = Math.hypot(cx, cy);
      if (nf < 1e-3 || nc < 1e-3) continue;
      acc += Math.acos(Math.max(-1, Math.min(1, (fx * cx + fy * cy) / (nf * nc))));
      cnt++;
    }
  }
  const { comps } = components(mask);
  const real = comps.filter((c) => c.area >= Math.max(4, pxPerMm * 0.3)).length;
  return {
    widthMm: med / pxPerMm,
    roughness: cnt ? acc / cnt : 0,
    endings: ends.length ? quantile(ends, 0.5) / med : 1,
    pieces: skelLen > 0 ? (real * 10 * pxPerMm) / skelLen : 0,
    aspect: m.outline.rectW / Math.max(1, m.outline.rectH),
  };
}

function hog(canon: Gray, rows = 4, cols = 8, bins = 8): Float64Array {
  const g = gaussBlur(canon, 1.5);
  const out = new Float64Array(rows * cols * bins);
  const { w, h } = g;
  for (let y = 1; y < h - 1; y++) {
    for (let x = 1; x < w - 1; x++) {
      const i = y * w + x;
      const gx = g.d[i + 1]! - g.d[i - 1]!;
      const gy = g.d[i + w]! - g.d[i - w]!;
      const mag = Math.hypot(gx, gy);
      if (mag < 1e-3) continue;
      let a = Math.atan2(gy, gx);
      if (a < 0) a += Math.PI;
      const b = Math.min(bins - 1, Math.floor((a / Math.PI) * bins));
      const r = Math.min(rows - 1, Math.floor((y / h) * rows));
      const c = Math.min(cols - 1, Math.floor((x / w) * cols));
      out[(r * cols + c) * bins + b] = out[(r * cols + c) * bins + b]! + mag;
    }
  }
  let norm = 0;
  for (const v of out) norm += v * v;
  norm = Math.sqrt(norm) || 1;
  for (let i = 0; i < out.length; i++) out[i] = out[i]! / norm;
  return out;
}

/**
 * Column profiles of a signature's canonical ink (ink per column, upper and lower contour), each
 * standardised and resampled to PROFILE_N columns: what DTW compares, tolerant of the uneven
 * horizontal rhythm of one writer's signatures.
 */
const PROFILE_N = 64;
function profiles(canon: Gray): Float64Array[] {
  const { w, h } = canon;
  let x0 = w;
  let x1 = -1;
  for (let x = 0; x < w; x++) for (let y = 0; y < h; y++) if (canon.d[y * w + x]! >= INK) {
    if (x < x0) x0 = x;
    x1 = x;
    break;
  }
  if (x1 < x0) return [new Float64Array(PROFILE_N), new Float64Array(PROFILE_N), new Float64Array(PROFILE_N)];
  const raw = [new Float64Array(PROFILE_N), new Float64Array(PROFILE_N), new Float64Array(PROFILE_N)];
  const span = x1 - x0 + 1;
  for (let k = 0; k < PROFILE_N; k++) {
    const a = x0 + Math.floor((k * span) / PROFILE_N);
    const b = Math.max(a + 1, x0 + Math.floor(((k + 1) * span) / PROFILE_N));
    let sum = 0;
    let top = 0;
    let bottom = 0;
    let n = 0;
    for (let x = a; x < b; x++) {
      let t = -1;
      let bo = -1;
      for (let y = 0; y < h; y++) {
        const v = canon.d[y * w + x]!;
        sum += v;
        if (v >= INK) {
          if (t < 0) t = y;
          bo = y;
        }
      }
      if (t >= 0) {
        top += t;
        bottom += bo;
        n++;
      }
    }
    raw[0]![k] = sum / (b - a);
    raw[1]![k] = n ? top / n / h : 0.5;
    raw[2]![k] = n ? bottom / n / h : 0.5;
  }
  for (const p of raw) {
    let mu = 0;
    for (const v of p) mu += v;
    mu /= p.length;
    let sd = 0;
    for (const v of p) sd += (v - mu) ** 2;
    sd = Math.sqrt(sd / p.length) || 1;
    for (let i = 0; i < p.length; i++) p[i] = (p[i]! - mu) / sd;
  }
  return raw;
}

/** DTW distance (Sakoe–Chiba band) between two standardised profiles, mean absolute step cost. */
function dtw(a: Float64Array, b: Float64Array, band = 8): number {
  const n = a.length;
  const INF = 1e18;
  let prev = new Float64Array(n + 1).fill(INF);
  let cur = new Float64Array(n + 1).fill(INF);
  const len = new Float64Array(n + 1);
  let prevLen = new Float64Array(n + 1);
  prev[0] = 0;
  for (let i = 1; i <= n; i++) {
    cur.fill(INF);
    len.fill(0);
    for (let j = Math.max(1, i - band); j <= Math.min(n, i + band); j++) {
      const c = Math.abs(a[i - 1]! - b[j - 1]!);
      let best = prev[j - 1]!;
      let bl = prevLen[j - 1]!;
      if (prev[j]! < best) {
        best = prev[j]!;
        bl = prevLen[j]!;
      }
      if (cur[j - 1]! < best) {
        best = cur[j - 1]!;
        bl = len[j - 1]!;
      }
      cur[j] = best + c;
      len[j] = bl + 1;
    }
    [prev, cur] = [cur, prev];
    prevLen = Float64Array.from(len);
  }
  return prev[n]! / Math.max(1, prevLen[n]!);
}

/** Global stroke-direction histogram (gradient orientation, 16 bins over 180°, magnitude-weighted, sums to 1). */
function directionHistogram(canon: Gray, bins = 16): Float64Array {
  const g = gaussBlur(canon, 1.2);
  const out = new Float64Array(bins);
  const { w, h } = g;
  let tot = 0;
  for (let y = 1; y < h - 1; y++) {
    for (let x = 1; x < w - 1; x++) {
      const i = y * w + x;
      const gx = g.d[i + 1]! - g.d[i - 1]!;
      const gy = g.d[i + w]! - g.d[i - w]!;
      const mag = Math.hypot(gx, gy);
      if (mag < 1e-3) continue;
      let a = Math.atan2(gy, gx);
      if (a < 0) a += Math.PI;
      // soft binning
      const f = (a / Math.PI) * bins - 0.5;
      const b0 = Math.floor(f);
      const t = f - b0;
      out[(b0 + bins) % bins] = out[(b0 + bins) % bins]! + mag * (1 - t);
      out[(b0 + 1) % bins] = out[(b0 + 1) % bins]! + mag * t;
      tot += mag;
    }
  }
  for (let i = 0; i < bins; i++) out[i] = out[i]! / (tot || 1);
  return out;
}

/** Ink share per cell of a 3×6 grid over the canonical frame (sums to 1). */
function gridDensity(canon: Gray, rows = 3, cols = 6): Float64Array {
  const out = new Float64Array(rows * cols);
  const { w, h } = canon;
  let tot = 0;
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const v = canon.d[y * w + x]!;
      if (v < 0.1) continue;
      const k = Math.min(rows - 1, Math.floor((y / h) * rows)) * cols + Math.min(cols - 1, Math.floor((x / w) * cols));
      out[k] = out[k]! + v;
      tot += v;
    }
  }
  for (let i = 0; i < out.length; i++) out[i] = out[i]! / (tot || 1);
  return out;
}

function chi2(a: Float64Array, b: Float64Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) {
    const d = a[i]! + b[i]!;
    if (d > 0) s += ((a[i]! - b[i]!) ** 2) / d;
  }
  return s / 2;
}

function sigDerivs(m: PreparedMark): SigCache {
  let c = sigCache.get(m);
  if (c) return c;
  const mask = threshold(m.canon, INK);
  const skel = thin(mask);
  c = { mask, skel, skelDist: distanceTransform(skel), hog: hog(m.canon), strokes: strokeStats(m), profiles: profiles(m.canon), dirs: directionHistogram(m.canon), grid: gridDensity(m.canon) };
  sigCache.set(m, c);
  return c;
}

export interface SignatureMeasures {
  corr: number;
  chamferQS: number;
  chamferSQ: number;
  hogDist: number;
  aspectLog: number;
  widthLog: number;
  roughnessDelta: number;
  endingsDelta: number;
  piecesLog: number;
  scaleLog: number;
  /** DTW distance of the column profiles (ink, upper and lower contour), averaged. */
  profileDtw: number;
  /** χ² distance of the global stroke-direction histograms. */
  dirDist: number;
  /** χ² distance of the ink shares on a 3×6 grid. */
  gridDist: number;
}

export function signatureMeasures(q: PreparedMark, s: PreparedMark, a: Alignment): SignatureMeasures {
  const S = sigDerivs(s);
  const Q = sigDerivs(q);
  const qmask = threshold(a.aligned, INK);
  const qskel = thin(qmask);
  const qdist = distanceTransform(qskel);
  let qs = 0;
  let qn = 0;
  let sq = 0;
  let sn = 0;
  for (let i = 0; i < qskel.d.length; i++) {
    if (qskel.d[i]) {
      qs += Math.min(S.skelDist[i]!, 15);
      qn++;
    }
    if (S.skel.d[i]) {
      sq += Math.min(qdist[i]!, 15);
      sn++;
    }
  }
  const qh = hog(a.aligned);
  let dot = 0;
  for (let i = 0; i < qh.length; i++) dot += qh[i]! * S.hog[i]!;
  void Q;
  return {
    corr: a.correlation,
    chamferQS: qn ? qs / qn : 15,
    chamferSQ: sn ? sq / sn : 15,
    hogDist: 1 - dot,
    aspectLog: Math.abs(Math.log(Q.strokes.aspect / S.strokes.aspect)),
    widthLog: Math.log(Q.strokes.widthMm / Math.max(0.05, S.strokes.widthMm)),
    roughnessDelta: Q.strokes.roughness - S.strokes.roughness,
    endingsDelta: Q.strokes.endings - S.strokes.endings,
    piecesLog: Math.log((Q.strokes.pieces + 0.2) / (S.strokes.pieces + 0.2)),
    scaleLog: Math.abs(Math.log(a.physicalScale)),
    profileDtw: (dtw(Q.profiles[0]!, S.profiles[0]!) + dtw(Q.profiles[1]!, S.profiles[1]!) + dtw(Q.profiles[2]!, S.profiles[2]!)) / 3,
    dirDist: chi2(Q.dirs, S.dirs),
    gridDist: chi2(Q.grid, S.grid),
  };
}

export function strokeStatsOf(m: PreparedMark): StrokeStats {
  return sigDerivs(m).strokes;
}
