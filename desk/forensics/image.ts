/**
 * Raster primitives for the forensics desk, in plain TypeScript on typed arrays: no OpenCV, no
 * native code beyond sharp (PNG decode/encode). Every function is deterministic and allocation-light
 * so that verification of one mark stays in the tens of milliseconds on one core.
 *
 * Conventions: `Gray` holds floats (ink maps 0..1 where 1 = full ink, or luminance 0..1 where
 * 1 = white, as each function says); `Bin` holds 0/1 bytes; `Rgb` is 8-bit interleaved RGB.
 * Coordinates are pixels with the origin at the top-left corner, x to the right, y down.
 */
import sharp from 'sharp';

export interface Gray {
  w: number;
  h: number;
  d: Float32Array;
}
export interface Bin {
  w: number;
  h: number;
  d: Uint8Array;
}
export interface Rgb {
  w: number;
  h: number;
  d: Uint8Array;
}
export interface Rect {
  x: number;
  y: number;
  w: number;
  h: number;
}

export const gray = (w: number, h: number, fill = 0): Gray => {
  const d = new Float32Array(w * h);
  if (fill !== 0) d.fill(fill);
  return { w, h, d };
};
export const bin = (w: number, h: number): Bin => ({ w, h, d: new Uint8Array(w * h) });
export const rgb = (w: number, h: number, fill = 255): Rgb => {
  const d = new Uint8Array(w * h * 3);
  if (fill !== 0) d.fill(fill);
  return { w, h, d };
};

// ---------------------------------------------------------------------------
// Codecs

/** An image that cannot be decoded (empty, truncated, not an image): the message says which. */
export class ImageDecodeError extends Error {
  override name = 'ImageDecodeError';
}

/** Decodes any image sharp reads into 8-bit sRGB (alpha flattened on white); throws ImageDecodeError on empty or damaged input. */
export async function decodeRgb(buf: Buffer | Uint8Array): Promise<Rgb> {
  if (!buf || buf.length === 0) throw new ImageDecodeError('cannot read the image: it is empty (0 bytes)');
  let decoded: { data: Buffer; info: import('sharp').OutputInfo };
  try {
    decoded = await sharp(buf, { limitInputPixels: false })
      .flatten({ background: '#ffffff' })
      .toColourspace('srgb')
      .removeAlpha()
      .raw()
      .toBuffer({ resolveWithObject: true });
  } catch (e) {
    throw new ImageDecodeError(`cannot read the image (${buf.length} bytes): not a supported image or the file is damaged — ${(e as Error).message}`);
  }
  const { data, info } = decoded;
  if (info.width < 1 || info.height < 1) throw new ImageDecodeError(`cannot read the image: it has no pixels (${info.width}×${info.height})`);
  if (info.channels === 3) return { w: info.width, h: info.height, d: new Uint8Array(data.buffer, data.byteOffset, data.length) };
  const out = rgb(info.width, info.height);
  for (let i = 0, n = info.width * info.height; i < n; i++) {
    const v = data[i * info.channels]!;
    out.d[i * 3] = v;
    out.d[i * 3 + 1] = v;
    out.d[i * 3 + 2] = v;
  }
  return out;
}

export async function encodeRgb(img: Rgb): Promise<Buffer> {
  return sharp(Buffer.from(img.d.buffer, img.d.byteOffset, img.d.length), { raw: { width: img.w, height: img.h, channels: 3 } })
    .png({ compressionLevel: 3 })
    .toBuffer();
}

/** Encodes a 0..1 float map as 8-bit grey; `invert` writes 1 as black (ink masks look like ink). */
export async function encodeGray(img: Gray | Bin, invert = false): Promise<Buffer> {
  const out = Buffer.alloc(img.w * img.h);
  const isBin = img.d instanceof Uint8Array;
  for (let i = 0; i < out.length; i++) {
    let v = isBin ? img.d[i]! : Math.min(1, Math.max(0, img.d[i]!));
    if (invert) v = 1 - v;
    out[i] = Math.round(v * 255);
  }
  return sharp(out, { raw: { width: img.w, height: img.h, channels: 1 } }).png({ compressionLevel: 3 }).toBuffer();
}

export async function decodeGray(buf: Buffer | Uint8Array, invert = false): Promise<Gray> {
  const { data, info } = await sharp(buf).flatten({ background: '#ffffff' }).greyscale().raw().toBuffer({ resolveWithObject: true });
  const g = gray(info.width, info.height);
  for (let i = 0; i < g.d.length; i++) {
    const v = data[i * info.channels]! / 255;
    g.d[i] = invert ? 1 - v : v;
  }
  return g;
}

// ---------------------------------------------------------------------------
// Geometry

/** Intersection over union of two rectangles (detector evaluation). */
export function iou(a: Rect, b: Rect): number {
  const x0 = Math.max(a.x, b.x);
  const y0 = Math.max(a.y, b.y);
  const x1 = Math.min(a.x + a.w, b.x + b.w);
  const y1 = Math.min(a.y + a.h, b.y + b.h);
  const i = Math.max(0, x1 - x0) * Math.max(0, y1 - y0);
  return i / (a.w * a.h + b.w * b.h - i);
}

export function cropRgb(img: Rgb, r: Rect): Rgb {
  const x0 = Math.max(0, Math.floor(r.x));
  const y0 = Math.max(0, Math.floor(r.y));
  const x1 = Math.min(img.w, Math.ceil(r.x + r.w));
  const y1 = Math.min(img.h, Math.ceil(r.y + r.h));
  const out = rgb(Math.max(1, x1 - x0), Math.max(1, y1 - y0));
  for (let y = y0; y < y1; y++) {
    out.d.set(img.d.subarray((y * img.w + x0) * 3, (y * img.w + x1) * 3), (y - y0) * out.w * 3);
  }
  return out;
}

export function cropGray(img: Gray, r: Rect): Gray {
  const x0 = Math.max(0, Math.floor(r.x));
  const y0 = Math.max(0, Math.floor(r.y));
  const x1 = Math.min(img.w, Math.ceil(r.x + r.w));
  const y1 = Math.min(img.h, Math.ceil(r.y + r.h));
  const out = gray(Math.max(1, x1 - x0), Math.max(1, y1 - y0));
  for (let y = y0; y < y1; y++) out.d.set(img.d.subarray(y * img.w + x0, y * img.w + x1), (y - y0) * out.w);
  return out;
}

/** Bilinear sample with zero outside. */
export function sample(img: Gray, x: number, y: number): number {
  const x0 = Math.floor(x);
  const y0 = Math.floor(y);
  const fx = x - x0;
  const fy = y - y0;
  const { w, h, d } = img;
  let v = 0;
  if (y0 >= 0 && y0 < h) {
    if (x0 >= 0 && x0 < w) v += (1 - fx) * (1 - fy) * d[y0 * w + x0]!;
    if (x0 + 1 >= 0 && x0 + 1 < w) v += fx * (1 - fy) * d[y0 * w + x0 + 1]!;
  }
  if (y0 + 1 >= 0 && y0 + 1 < h) {
    if (x0 >= 0 && x0 < w) v += (1 - fx) * fy * d[(y0 + 1) * w + x0]!;
    if (x0 + 1 >= 0 && x0 + 1 < w) v += fx * fy * d[(y0 + 1) * w + x0 + 1]!;
  }
  return v;
}

/**
 * Similarity transform mapping SOURCE pixel coordinates to TARGET coordinates:
 *   target = s·R(θ)·(source − c) + t      (θ in radians, counter-clockwise on screen is negative y…)
 * We keep it simple: x' = s(cos θ (x−cx) − sin θ (y−cy)) + tx, y' = s(sin θ (x−cx) + cos θ (y−cy)) + ty.
 */
export interface Similarity {
  cx: number;
  cy: number;
  scale: number;
  theta: number;
  tx: number;
  ty: number;
}

export function applySim(t: Similarity, x: number, y: number): [number, number] {
  const c = Math.cos(t.theta) * t.scale;
  const s = Math.sin(t.theta) * t.scale;
  const dx = x - t.cx;
  const dy = y - t.cy;
  return [c * dx - s * dy + t.tx, s * dx + c * dy + t.ty];
}

/**
 * Resamples `src` into a `w`×`h` target through the similarity (source → target). Down-scaling
 * pre-filters with a box blur so thin strokes are averaged, not aliased away.
 */
export function warpGray(src: Gray, t: Similarity, w: number, h: number, prefilter = true): Gray {
  const pre = prefilter ? prefilterFor(src, t.scale) : src;
  return warpInto(pre, t, gray(w, h));
}

/**
 * `warpGray` without pre-filter into an existing all-zero target `out` (the alignment search
 * re-uses one buffer per size instead of allocating an image per candidate pose).
 */
export function warpInto(pre: Gray, t: Similarity, out: Gray): Gray {
  const w = out.w;
  const h = out.h;
  const c = Math.cos(-t.theta) / t.scale;
  const s = Math.sin(-t.theta) / t.scale;
  const sw = pre.w;
  const sh = pre.h;
  const d = pre.d;
  const o = out.d;
  for (let y = 0; y < h; y++) {
    const dy = y - t.ty;
    let sx = c * (0 - t.tx) - s * dy + t.cx;
    let sy = s * (0 - t.tx) + c * dy + t.cy;
    for (let x = 0; x < w; x++, sx += c, sy += s) {
      const x0 = Math.floor(sx);
      const y0 = Math.floor(sy);
      if (x0 >= 0 && y0 >= 0 && x0 < sw - 1 && y0 < sh - 1) {
        const fx = sx - x0;
        const fy = sy - y0;
        const i = y0 * sw + x0;
        const a = d[i]! + fx * (d[i + 1]! - d[i]!);
        const b = d[i + sw]! + fx * (d[i + sw + 1]! - d[i + sw]!);
        o[y * w + x] = a + fy * (b - a);
      } else if (x0 >= -1 && y0 >= -1 && x0 < sw && y0 < sh) {
        o[y * w + x] = sample(pre, sx, sy);
      }
    }
  }
  return out;
}

/** The anti-alias pre-filter `warpGray` applies for a given down-scale (identity above 0.7). */
export function prefilterFor(src: Gray, scale: number): Gray {
  return scale < 0.7 ? boxBlur(src, Math.max(1, Math.round(0.5 / scale - 0.5))) : src;
}

/** Area-average resize (down) or bilinear (up) to exactly w×h. */
export function resizeGray(src: Gray, w: number, h: number): Gray {
  const sx = src.w / w;
  const sy = src.h / h;
  if (sx <= 1 && sy <= 1) {
    const out = gray(w, h);
    for (let y = 0; y < h; y++) {
      const fy = Math.min(src.h - 1.001, Math.max(0, (y + 0.5) * sy - 0.5));
      for (let x = 0; x < w; x++) {
        const fx = Math.min(src.w - 1.001, Math.max(0, (x + 0.5) * sx - 0.5));
        out.d[y * w + x] = sample(src, fx, fy);
      }
    }
    return out;
  }
  // area average with fractional footprints; each output column's source columns and weights are
  // the same on every row, so they are listed once (same values, same order of accumulation)
  const out = gray(w, h);
  const colStart = new Int32Array(w + 1);
  const colX: number[] = [];
  const colW: number[] = [];
  for (let x = 0; x < w; x++) {
    const x0 = x * sx;
    const x1 = x0 + sx;
    for (let xx = Math.floor(x0); xx < Math.ceil(x1) && xx < src.w; xx++) {
      const wx = Math.min(x1, xx + 1) - Math.max(x0, xx);
      if (wx <= 0) continue;
      colX.push(xx);
      colW.push(wx);
    }
    colStart[x + 1] = colX.length;
  }
  const cx = Int32Array.from(colX);
  const cw = Float64Array.from(colW);
  const sd = src.d;
  for (let y = 0; y < h; y++) {
    const y0 = y * sy;
    const y1 = y0 + sy;
    for (let x = 0; x < w; x++) {
      let acc = 0;
      let wsum = 0;
      const k0 = colStart[x]!;
      const k1 = colStart[x + 1]!;
      for (let yy = Math.floor(y0); yy < Math.ceil(y1) && yy < src.h; yy++) {
        const wy = Math.min(y1, yy + 1) - Math.max(y0, yy);
        if (wy <= 0) continue;
        const row = yy * src.w;
        for (let k = k0; k < k1; k++) {
          const wx = cw[k]!;
          acc += wx * wy * sd[row + cx[k]!]!;
          wsum += wx * wy;
        }
      }
      out.d[y * w + x] = wsum > 0 ? acc / wsum : 0;
    }
  }
  return out;
}

// ---------------------------------------------------------------------------
// Filters

/** Separable box blur of radius r (window 2r+1), edges clamped. Row-wise passes (cache-friendly). */
export function boxBlur(src: Gray, r: number): Gray {
  if (r <= 0) return { w: src.w, h: src.h, d: src.d.slice() };
  const { w, h } = src;
  const tmp = new Float32Array(w * h);
  const out = gray(w, h);
  const inv = 1 / (2 * r + 1);
  const s = src.d;
  const line = new Float32Array(w + 2 * r + 1);
  for (let y = 0; y < h; y++) {
    const row = y * w;
    // padded copy of the row (clamped edges), then a branch-free running sum
    const first = s[row]!;
    const last = s[row + w - 1]!;
    for (let k = 0; k < r; k++) line[k] = first;
    line.set(s.subarray(row, row + w), r);
    for (let k = 0; k <= r; k++) line[r + w + k] = last;
    let acc = 0;
    for (let k = 0; k < 2 * r + 1; k++) acc += line[k]!;
    for (let x = 0; x < w; x++) {
      tmp[row + x] = acc * inv;
      acc += line[x + 2 * r + 1]! - line[x]!;
    }
  }
  // vertical: running sums per column, advanced row by row
  const acc = new Float64Array(w);
  for (let k = -r; k <= r; k++) {
    const row = (k < 0 ? 0 : k >= h ? h - 1 : k) * w;
    for (let x = 0; x < w; x++) acc[x] = acc[x]! + tmp[row + x]!;
  }
  const o = out.d;
  for (let y = 0; y < h; y++) {
    const row = y * w;
    const add = y + r + 1;
    const sub = y - r;
    const ra = (add >= h ? h - 1 : add) * w;
    const rs = (sub < 0 ? 0 : sub) * w;
    for (let x = 0; x < w; x++) {
      const a = acc[x]!;
      o[row + x] = a * inv;
      acc[x] = a + tmp[ra + x]! - tmp[rs + x]!;
    }
  }
  return out;
}

/** Approximate Gaussian blur (three box passes). */
export function gaussBlur(src: Gray, sigma: number): Gray {
  if (sigma < 0.3) return { w: src.w, h: src.h, d: src.d.slice() };
  // box radius for three passes: sigma² ≈ 3·((2r+1)²−1)/12
  const r = Math.max(1, Math.round((Math.sqrt(4 * sigma * sigma + 1) - 1) / 2));
  return boxBlur(boxBlur(boxBlur(src, r), r), r);
}

export function threshold(src: Gray, t: number): Bin {
  const out = bin(src.w, src.h);
  for (let i = 0; i < src.d.length; i++) out.d[i] = src.d[i]! > t ? 1 : 0;
  return out;
}

export function toGray(b: Bin): Gray {
  const g = gray(b.w, b.h);
  for (let i = 0; i < b.d.length; i++) g.d[i] = b.d[i]!;
  return g;
}

/** Otsu threshold of values in [0,1] (ignoring NaN). */
export function otsu(values: ArrayLike<number>, bins = 128): number {
  const hist = new Float64Array(bins);
  let n = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (!(v >= 0)) continue;
    {
      const k = Math.min(bins - 1, Math.floor(v * bins));
      hist[k] = hist[k]! + 1;
    }
    n++;
  }
  if (n === 0) return 0.5;
  let sum = 0;
  for (let i = 0; i < bins; i++) sum += i * hist[i]!;
  let sumB = 0;
  let wB = 0;
  let best = 0;
  let bestT = 0;
  for (let i = 0; i < bins; i++) {
    wB += hist[i]!;
    if (wB === 0) continue;
    const wF = n - wB;
    if (wF === 0) break;
    sumB += i * hist[i]!;
    const mB = sumB / wB;
    const mF = (sum - sumB) / wF;
    const between = wB * wF * (mB - mF) * (mB - mF);
    if (between > best) {
      best = between;
      bestT = i;
    }
  }
  return (bestT + 1) / bins;
}

// ---------------------------------------------------------------------------
// Binary morphology (square structuring elements, separable running counts)

function runMax1D(src: Uint8Array, out: Uint8Array, w: number, h: number, r: number, horizontal: boolean, wantAll: boolean): void {
  // wantAll=false → dilation (any 1 in window), true → erosion (all 1 in window); outside counts as 0 for
  // dilation and as 1 for erosion (so erosion does not eat marks touching the border).
  // Running window counts over padded lines (no per-pixel bounds checks or closures: this runs on
  // full-resolution crops in preparation and texture measures).
  const pad = wantAll ? 1 : 0;
  const win = 2 * r + 1;
  if (horizontal) {
    const line = new Uint8Array(w + 2 * r + 1).fill(pad);
    for (let y = 0; y < h; y++) {
      const base = y * w;
      line.set(src.subarray(base, base + w), r);
      let count = 0;
      for (let k = 0; k < win; k++) count += line[k]!;
      for (let x = 0; x < w; x++) {
        out[base + x] = wantAll ? (count === win ? 1 : 0) : count > 0 ? 1 : 0;
        count += line[x + win]! - line[x]!;
      }
    }
    return;
  }
  // vertical: one running count per column, advanced row by row (cache-friendly)
  const count = new Int32Array(w);
  for (let k = -r; k <= r; k++) {
    if (k < 0 || k >= h) {
      if (pad) for (let x = 0; x < w; x++) count[x] = count[x]! + 1;
    } else {
      const row = k * w;
      for (let x = 0; x < w; x++) count[x] = count[x]! + src[row + x]!;
    }
  }
  for (let y = 0; y < h; y++) {
    const base = y * w;
    for (let x = 0; x < w; x++) {
      const c = count[x]!;
      out[base + x] = wantAll ? (c === win ? 1 : 0) : c > 0 ? 1 : 0;
    }
    const add = y + r + 1;
    const sub = y - r;
    if (add < h && sub >= 0) {
      const ra = add * w;
      const rs = sub * w;
      for (let x = 0; x < w; x++) count[x] = count[x]! + src[ra + x]! - src[rs + x]!;
    } else {
      const ra = add < h ? add * w : -1;
      const rs = sub >= 0 ? sub * w : -1;
      for (let x = 0; x < w; x++) count[x] = count[x]! + (ra >= 0 ? src[ra + x]! : pad) - (rs >= 0 ? src[rs + x]! : pad);
    }
  }
}

export function dilate(b: Bin, rx: number, ry = rx): Bin {
  const tmp = new Uint8Array(b.d.length);
  const out = bin(b.w, b.h);
  if (rx > 0) runMax1D(b.d, tmp, b.w, b.h, rx, true, false);
  else tmp.set(b.d);
  if (ry > 0) runMax1D(tmp, out.d, b.w, b.h, ry, false, false);
  else out.d.set(tmp);
  return out;
}

export function erode(b: Bin, rx: number, ry = rx): Bin {
  const tmp = new Uint8Array(b.d.length);
  const out = bin(b.w, b.h);
  if (rx > 0) runMax1D(b.d, tmp, b.w, b.h, rx, true, true);
  else tmp.set(b.d);
  if (ry > 0) runMax1D(tmp, out.d, b.w, b.h, ry, false, true);
  else out.d.set(tmp);
  return out;
}

export const open = (b: Bin, rx: number, ry = rx) => dilate(erode(b, rx, ry), rx, ry);
export const close = (b: Bin, rx: number, ry = rx) => erode(dilate(b, rx, ry), rx, ry);

/** Fills every background region not connected to the image border (holes inside shapes). */
export function fillHoles(b: Bin): Bin {
  const { w, h } = b;
  const reached = new Uint8Array(w * h);
  const stack = new Int32Array(w * h);
  let sp = 0;
  const push = (p: number) => {
    if (!b.d[p] && !reached[p]) {
      reached[p] = 1;
      stack[sp++] = p;
    }
  };
  for (let x = 0; x < w; x++) {
    push(x);
    push((h - 1) * w + x);
  }
  for (let y = 0; y < h; y++) {
    push(y * w);
    push(y * w + w - 1);
  }
  while (sp > 0) {
    const p = stack[--sp]!;
    const x = p % w;
    if (x > 0) push(p - 1);
    if (x < w - 1) push(p + 1);
    if (p >= w) push(p - w);
    if (p < w * (h - 1)) push(p + w);
  }
  const out = bin(w, h);
  for (let i = 0; i < w * h; i++) out.d[i] = reached[i] ? 0 : 1;
  return out;
}

export function countOnes(b: Bin): number {
  let n = 0;
  for (let i = 0; i < b.d.length; i++) n += b.d[i]!;
  return n;
}

// ---------------------------------------------------------------------------
// Connected components

export interface Component {
  label: number;
  area: number;
  x0: number;
  y0: number;
  x1: number; // inclusive
  y1: number;
  sx: number;
  sy: number;
}

/** 8-connected components of a binary image. Labels start at 1; 0 = background. */
export function components(b: Bin): { labels: Int32Array; comps: Component[] } {
  const { w, h, d } = b;
  const labels = new Int32Array(w * h);
  const comps: Component[] = [];
  const stack = new Int32Array(w * h);
  let next = 1;
  for (let start = 0; start < d.length; start++) {
    if (!d[start] || labels[start]) continue;
    // statistics in locals while flooding (written to the component once)
    let area = 0;
    let sx = 0;
    let sy = 0;
    let cx0 = w;
    let cy0 = h;
    let cx1 = 0;
    let cy1 = 0;
    let sp = 0;
    stack[sp++] = start;
    labels[start] = next;
    while (sp > 0) {
      const p = stack[--sp]!;
      const x = p % w;
      const y = (p - x) / w;
      area++;
      sx += x;
      sy += y;
      if (x < cx0) cx0 = x;
      if (x > cx1) cx1 = x;
      if (y < cy0) cy0 = y;
      if (y > cy1) cy1 = y;
      const ya = y > 0 ? y - 1 : 0;
      const yb = y < h - 1 ? y + 1 : h - 1;
      const xa = x > 0 ? x - 1 : 0;
      const xb = x < w - 1 ? x + 1 : w - 1;
      for (let yy = ya; yy <= yb; yy++) {
        for (let xx = xa; xx <= xb; xx++) {
          const q = yy * w + xx;
          if (d[q] && !labels[q]) {
            labels[q] = next;
            stack[sp++] = q;
          }
        }
      }
    }
    comps.push({ label: next, area, x0: cx0, y0: cy0, x1: cx1, y1: cy1, sx, sy });
    next++;
  }
  return { labels, comps };
}

// ---------------------------------------------------------------------------
// Distance transform (exact Euclidean, Felzenszwalb & Huttenlocher)

function edt1d(f: Float64Array, n: number, d: Float64Array, v: Int32Array, z: Float64Array): void {
  let k = 0;
  v[0] = 0;
  z[0] = -Infinity;
  z[1] = Infinity;
  for (let q = 1; q < n; q++) {
    let s = (f[q]! + q * q - (f[v[k]!]! + v[k]! * v[k]!)) / (2 * q - 2 * v[k]!);
    while (s <= z[k]!) {
      k--;
      s = (f[q]! + q * q - (f[v[k]!]! + v[k]! * v[k]!)) / (2 * q - 2 * v[k]!);
    }
    k++;
    v[k] = q;
    z[k] = s;
    z[k + 1] = Infinity;
  }
  k = 0;
  for (let q = 0; q < n; q++) {
    while (z[k + 1]! < q) k++;
    d[q] = (q - v[k]!) * (q - v[k]!) + f[v[k]!]!;
  }
}

/** Euclidean distance from every pixel to the nearest set pixel of `b` (large when b is empty). */
export function distanceTransform(b: Bin): Float32Array {
  const { w, h } = b;
  const INF = 1e10;
  const n = Math.max(w, h);
  const f = new Float64Array(n);
  const d = new Float64Array(n);
  const v = new Int32Array(n);
  const z = new Float64Array(n + 1);
  const grid = new Float64Array(w * h);
  for (let i = 0; i < w * h; i++) grid[i] = b.d[i] ? 0 : INF;
  for (let x = 0; x < w; x++) {
    for (let y = 0; y < h; y++) f[y] = grid[y * w + x]!;
    edt1d(f, h, d, v, z);
    for (let y = 0; y < h; y++) grid[y * w + x] = d[y]!;
  }
  const out = new Float32Array(w * h);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) f[x] = grid[y * w + x]!;
    edt1d(f, w, d, v, z);
    for (let x = 0; x < w; x++) out[y * w + x] = Math.sqrt(d[x]!);
  }
  return out;
}

// ---------------------------------------------------------------------------
// Thinning (Zhang–Suen)

export function thin(b: Bin): Bin {
  const { w, h } = b;
  const img = new Uint8Array(b.d);
  for (let x = 0; x < w; x++) {
    img[x] = 0;
    img[(h - 1) * w + x] = 0;
  }
  for (let y = 0; y < h; y++) {
    img[y * w] = 0;
    img[y * w + w - 1] = 0;
  }
  const del: number[] = [];
  let changed = true;
  let iter = 0;
  while (changed && iter < 100) {
    changed = false;
    iter++;
    for (let pass = 0; pass < 2; pass++) {
      del.length = 0;
      for (let y = 1; y < h - 1; y++) {
        for (let x = 1; x < w - 1; x++) {
          const p = y * w + x;
          if (!img[p]) continue;
          const p2 = img[p - w]!;
          const p3 = img[p - w + 1]!;
          const p4 = img[p + 1]!;
          const p5 = img[p + w + 1]!;
          const p6 = img[p + w]!;
          const p7 = img[p + w - 1]!;
          const p8 = img[p - 1]!;
          const p9 = img[p - w - 1]!;
          const B = p2 + p3 + p4 + p5 + p6 + p7 + p8 + p9;
          if (B < 2 || B > 6) continue;
          const A =
            (+(!p2 && p3) as number) +
            (+(!p3 && p4) as number) +
            (+(!p4 && p5) as number) +
            (+(!p5 && p6) as number) +
            (+(!p6 && p7) as number) +
            (+(!p7 && p8) as number) +
            (+(!p8 && p9) as number) +
            (+(!p9 && p2) as number);
          if (A !== 1) continue;
          if (pass === 0) {
            if (p2 * p4 * p6 !== 0 || p4 * p6 * p8 !== 0) continue;
          } else if (p2 * p4 * p8 !== 0 || p2 * p6 * p8 !== 0) continue;
          del.push(p);
        }
      }
      for (const p of del) img[p] = 0;
      if (del.length) changed = true;
    }
  }
  return { w, h, d: img };
}

// ---------------------------------------------------------------------------
// FFT (radix-2, in place)

export function fft(re: Float64Array, im: Float64Array, inverse = false): void {
  const n = re.length;
  for (let i = 1, j = 0; i < n; i++) {
    let bit = n >> 1;
    for (; j & bit; bit >>= 1) j ^= bit;
    j ^= bit;
    if (i < j) {
      let t = re[i]!;
      re[i] = re[j]!;
      re[j] = t;
      t = im[i]!;
      im[i] = im[j]!;
      im[j] = t;
    }
  }
  for (let len = 2; len <= n; len <<= 1) {
    const ang = ((inverse ? 2 : -2) * Math.PI) / len;
    const wr = Math.cos(ang);
    const wi = Math.sin(ang);
    const half = len >> 1; // integer (len / 2 in the loop kept it a double)
    for (let i = 0; i < n; i += len) {
      let cr = 1;
      let ci = 0;
      for (let k = 0; k < half; k++) {
        const a = i + k;
        const b = a + half;
        const xr = re[b]! * cr - im[b]! * ci;
        const xi = re[b]! * ci + im[b]! * cr;
        re[b] = re[a]! - xr;
        im[b] = im[a]! - xi;
        re[a] = re[a]! + xr;
        im[a] = im[a]! + xi;
        const t = cr * wr - ci * wi;
        ci = cr * wi + ci * wr;
        cr = t;
      }
    }
  }
  if (inverse) {
    for (let i = 0; i < n; i++) {
      re[i] = re[i]! / n;
      im[i] = im[i]! / n;
    }
  }
}

/** 2-D power spectrum of an n×n (power of two) real patch, DC at index 0. */
export function powerSpectrum2(patch: Float64Array, n: number): Float64Array {
  const re = new Float64Array(patch);
  const im = new Float64Array(n * n);
  const rr = new Float64Array(n);
  const ri = new Float64Array(n);
  for (let y = 0; y < n; y++) {
    for (let x = 0; x < n; x++) {
      rr[x] = re[y * n + x]!;
      ri[x] = im[y * n + x]!;
    }
    fft(rr, ri);
    for (let x = 0; x < n; x++) {
      re[y * n + x] = rr[x]!;
      im[y * n + x] = ri[x]!;
    }
  }
  for (let x = 0; x < n; x++) {
    for (let y = 0; y < n; y++) {
      rr[y] = re[y * n + x]!;
      ri[y] = im[y * n + x]!;
    }
    fft(rr, ri);
    for (let y = 0; y < n; y++) {
      re[y * n + x] = rr[y]!;
      im[y * n + x] = ri[y]!;
    }
  }
  const p = new Float64Array(n * n);
  for (let i = 0; i < n * n; i++) p[i] = re[i]! * re[i]! + im[i]! * im[i]!;
  return p;
}

// ---------------------------------------------------------------------------
// Small statistics

export function mean(xs: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < xs.length; i++) s += xs[i]!;
  return xs.length ? s / xs.length : 0;
}

export function quantile(xs: number[], q: number): number {
  if (xs.length === 0) return 0;
  const s = [...xs].sort((a, b) => a - b);
  const pos = Math.min(s.length - 1, Math.max(0, q * (s.length - 1)));
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return s[lo]! + (s[hi]! - s[lo]!) * (pos - lo);
}

/** Zero-normalised cross-correlation of two equal-length arrays (optionally weighted). */
export function zncc(a: ArrayLike<number>, b: ArrayLike<number>): number {
  const n = a.length;
  let sa = 0;
  let sb = 0;
  for (let i = 0; i < n; i++) {
    sa += a[i]!;
    sb += b[i]!;
  }
  const ma = sa / n;
  const mb = sb / n;
  let num = 0;
  let da = 0;
  let db = 0;
  for (let i = 0; i < n; i++) {
    const x = a[i]! - ma;
    const y = b[i]! - mb;
    num += x * y;
    da += x * x;
    db += y * y;
  }
  return da > 0 && db > 0 ? num / Math.sqrt(da * db) : 0;
}

// ---------------------------------------------------------------------------
// 2-D FFT helpers and phase correlation

/** In-place 2-D FFT of an N×M (powers of two) complex image stored row-major. */
export function fft2(re: Float64Array, im: Float64Array, w: number, h: number, inverse = false): void {
  const rr = new Float64Array(Math.max(w, h));
  const ri = new Float64Array(Math.max(w, h));
  const rowR = rr.subarray(0, w);
  const rowI = ri.subarray(0, w);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      rowR[x] = re[y * w + x]!;
      rowI[x] = im[y * w + x]!;
    }
    fft(rowR, rowI, inverse);
    for (let x = 0; x < w; x++) {
      re[y * w + x] = rowR[x]!;
      im[y * w + x] = rowI[x]!;
    }
  }
  const colR = rr.subarray(0, h);
  const colI = ri.subarray(0, h);
  for (let x = 0; x < w; x++) {
    for (let y = 0; y < h; y++) {
      colR[y] = re[y * w + x]!;
      colI[y] = im[y * w + x]!;
    }
    fft(colR, colI, inverse);
    for (let y = 0; y < h; y++) {
      re[y * w + x] = colR[y]!;
      im[y * w + x] = colI[y]!;
    }
  }
}

/**
 * Phase correlation of two same-size real images (w, h powers of two): the cyclic shift (dx, dy)
 * such that b(x + dx, y + dy) ≈ a(x, y), with the peak's height (0..1).
 */
export function phaseCorrelate(a: Float64Array, b: Float64Array, w: number, h: number): { dx: number; dy: number; peak: number } {
  const ar = new Float64Array(a);
  const ai = new Float64Array(w * h);
  const br = new Float64Array(b);
  const bi = new Float64Array(w * h);
  fft2(ar, ai, w, h);
  fft2(br, bi, w, h);
  for (let i = 0; i < w * h; i++) {
    const re = br[i]! * ar[i]! + bi[i]! * ai[i]!;
    const im = bi[i]! * ar[i]! - br[i]! * ai[i]!;
    const mag = Math.hypot(re, im) + 1e-12;
    ar[i] = re / mag;
    ai[i] = im / mag;
  }
  fft2(ar, ai, w, h, true);
  let best = -Infinity;
  let bx = 0;
  let by = 0;
  for (let i = 0; i < w * h; i++) {
    if (ar[i]! > best) {
      best = ar[i]!;
      bx = i % w;
      by = Math.floor(i / w);
    }
  }
  return { dx: bx > w / 2 ? bx - w : bx, dy: by > h / 2 ? by - h : by, peak: best };
}
