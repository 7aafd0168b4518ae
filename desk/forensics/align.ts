/**
 * Alignment of a query mark to a specimen: rotation, scale, translation, partial impressions.
 *
 * A mark is first PREPARED once (`prepareMark`): its ink map, its outline (robust circle fit for
 * round seals, minimum-area rectangle of the outline for ovals and rectangular seals, ink moments
 * for signatures), and a canonical image — the ink map resampled so the mark's centre sits at the
 * canvas centre and its outer radius is `R0` pixels — plus a polar unwrap of it.
 *
 * `align(query, specimen)` then finds the rotation by circular cross-correlation of the polar images
 * (FFT over 512 angle bins, all radii summed), and refines rotation, scale and shift by a local
 * search maximising the correlation of the blurred canonical images. Signatures use moments for
 * centre and scale and a small rotation/scale search (they are never upside down).
 */
import {
  close,
  components,
  distanceTransform,
  fft2,
  phaseCorrelate,
  fft,
  gaussBlur,
  gray,
  mean,
  prefilterFor,
  resizeGray,
  quantile,
  sample,
  threshold,
  warpGray,
  warpInto,
  type Bin,
  type Gray,
  type Rgb,
  type Similarity,
} from './image.ts';
import { estimateInk, inkMap, sharedOpticalDensity, type InkColour } from './inkmap.ts';

export type MarkKind = 'stamp' | 'signature';

/** Canonical radius (px) of stamps and canvas size. */
export const R0 = 120;
export const CANON = 2 * Math.ceil(R0 * 1.08);
/** Signature canvas: wide. */
export const SIG_W = 320;
export const SIG_H = 160;
const N_THETA = 512;
const N_R = 48;

export interface Outline {
  shape: 'round' | 'other' | 'signature';
  cx: number;
  cy: number;
  /** Outer radius in px (round: fitted circle; other: half-diagonal of the outline rectangle). */
  radius: number;
  /** Outline rectangle (other shapes): side lengths in px and angle (radians). */
  rectW: number;
  rectH: number;
  rectAngle: number;
  /** Share of outline angles that agree with the fitted circle (partial rims lower it). */
  coverage: number;
  /** RMS residual of the circle fit, relative to the radius. */
  residual: number;
}

export interface PreparedMark {
  kind: MarkKind;
  dpi: number;
  ink: InkColour;
  /** The crop the mark came from (kept for texture measures and evidence). */
  rgb: Rgb;
  /** Ink density 0..1 at the working resolution (`dpi`, at most WORK_DPI). */
  map: Gray;
  /** Ink density at the scan's own resolution (texture measures: halftone dots). */
  nativeMap: Gray;
  nativeDpi: number;
  /** Working px per native px (1 unless the scan was above WORK_DPI); `rgb` is native. */
  workScale: number;
  /** OD that counts as full ink in `map` (ink load). */
  inkRef: number;
  outline: Outline;
  /** Native px → canonical px. */
  toCanon: Similarity;
  canon: Gray;
  /** Blurred canonical map (what correlations use). */
  canonBlur: Gray;
  /** Like `toCanon`, from the (reduced) working map that the warp sources below are made of. */
  workToCanon: Similarity;
  /** `map` anti-aliased for warping into the canonical frame. */
  warpSource: Gray;
  /** `map` blurred so that, warped, it equals the blurred canonical map (full and half resolution). */
  blurSource: Gray;
  blurSourceHalf: Gray;
  /** Half-resolution blurred canonical map. */
  canonHalf: Gray;
  /** Polar unwrap of canonBlur (stamps): N_R rows × N_THETA columns. */
  polar: Float32Array | null;
  /** Physical size, mm. */
  sizeMm: { w: number; h: number; diameter: number };
}

// ---------------------------------------------------------------------------
// Outline fitting

function farPoints(mask: Bin, cx: number, cy: number, bins = 360): { x: number; y: number; r: number }[] {
  const far = new Float32Array(bins).fill(-1);
  const fx = new Float32Array(bins);
  const fy = new Float32Array(bins);
  const { w, h, d } = mask;
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      if (!d[y * w + x]) continue;
      const dx = x - cx;
      const dy = y - cy;
      const r = dx * dx + dy * dy;
      let a = Math.atan2(dy, dx);
      if (a < 0) a += 2 * Math.PI;
      const k = Math.min(bins - 1, Math.floor((a / (2 * Math.PI)) * bins));
      if (r > far[k]!) {
        far[k] = r;
        fx[k] = x;
        fy[k] = y;
      }
    }
  }
  const out: { x: number; y: number; r: number }[] = [];
  for (let k = 0; k < bins; k++) if (far[k]! >= 0) out.push({ x: fx[k]!, y: fy[k]!, r: Math.sqrt(far[k]!) });
  return out;
}

function circleFrom3(a: { x: number; y: number }, b: { x: number; y: number }, c: { x: number; y: number }): [number, number, number] | null {
  const d = 2 * (a.x * (b.y - c.y) + b.x * (c.y - a.y) + c.x * (a.y - b.y));
  if (Math.abs(d) < 1e-9) return null;
  const a2 = a.x * a.x + a.y * a.y;
  const b2 = b.x * b.x + b.y * b.y;
  const c2 = c.x * c.x + c.y * c.y;
  const ux = (a2 * (b.y - c.y) + b2 * (c.y - a.y) + c2 * (a.y - b.y)) / d;
  const uy = (a2 * (c.x - b.x) + b2 * (a.x - c.x) + c2 * (b.x - a.x)) / d;
  return [ux, uy, Math.hypot(a.x - ux, a.y - uy)];
}

/** Algebraic (Kåsa) least-squares circle. */
function kasa(pts: { x: number; y: number }[]): [number, number, number] | null {
  let sx = 0;
  let sy = 0;
  let sxx = 0;
  let syy = 0;
  let sxy = 0;
  let sz = 0;
  let sxz = 0;
  let syz = 0;
  const n = pts.length;
  if (n < 3) return null;
  for (const p of pts) {
    const z = p.x * p.x + p.y * p.y;
    sx += p.x;
    sy += p.y;
    sxx += p.x * p.x;
    syy += p.y * p.y;
    sxy += p.x * p.y;
    sz += z;
    sxz += p.x * z;
    syz += p.y * z;
  }
  // solve [sxx sxy sx; sxy syy sy; sx sy n] [A B C] = [-sxz -syz -sz]
  const M = [
    [sxx, sxy, sx, -sxz],
    [sxy, syy, sy, -syz],
    [sx, sy, n, -sz],
  ];
  for (let i = 0; i < 3; i++) {
    let piv = i;
    for (let j = i + 1; j < 3; j++) if (Math.abs(M[j]![i]!) > Math.abs(M[piv]![i]!)) piv = j;
    [M[i], M[piv]] = [M[piv]!, M[i]!];
    if (Math.abs(M[i]![i]!) < 1e-12) return null;
    for (let j = 0; j < 3; j++) {
      if (j === i) continue;
      const f = M[j]![i]! / M[i]![i]!;
      for (let k = i; k < 4; k++) M[j]![k] = M[j]![k]! - f * M[i]![k]!;
    }
  }
  const A = M[0]![3]! / M[0]![0]!;
  const B = M[1]![3]! / M[1]![1]!;
  const C = M[2]![3]! / M[2]![2]!;
  const cx = -A / 2;
  const cy = -B / 2;
  const r2 = cx * cx + cy * cy - C;
  return r2 > 0 ? [cx, cy, Math.sqrt(r2)] : null;
}

/** Deterministic RANSAC circle fit on outline points; returns centre, radius, inlier share, rms. */
export function fitCircle(pts: { x: number; y: number }[]): { cx: number; cy: number; r: number; inliers: number; rms: number } | null {
  if (pts.length < 12) return null;
  let best: [number, number, number] | null = null;
  let bestCount = -1;
  const n = pts.length;
  // deterministic sampling: spread triples around the outline
  for (let it = 0; it < 150; it++) {
    const i = (it * 7919) % n;
    const j = (i + Math.floor(n / 3) + ((it * 31) % Math.max(1, Math.floor(n / 6)))) % n;
    const k = (i + Math.floor((2 * n) / 3) + ((it * 17) % Math.max(1, Math.floor(n / 6)))) % n;
    const c = circleFrom3(pts[i]!, pts[j]!, pts[k]!);
    if (!c) continue;
    const tol = Math.max(1.5, 0.015 * c[2]);
    let count = 0;
    for (const p of pts) if (Math.abs(Math.hypot(p.x - c[0], p.y - c[1]) - c[2]) < tol) count++;
    if (count > bestCount) {
      bestCount = count;
      best = c;
    }
  }
  if (!best) return null;
  let c = best;
  for (let pass = 0; pass < 2; pass++) {
    const tol = Math.max(1.5, 0.02 * c[2]);
    const inl = pts.filter((p) => Math.abs(Math.hypot(p.x - c[0], p.y - c[1]) - c[2]) < tol);
    const k = kasa(inl);
    if (k) c = k;
  }
  const tol = Math.max(1.5, 0.02 * c[2]);
  const inl = pts.filter((p) => Math.abs(Math.hypot(p.x - c[0], p.y - c[1]) - c[2]) < tol);
  const rms = Math.sqrt(mean(inl.map((p) => (Math.hypot(p.x - c[0], p.y - c[1]) - c[2]) ** 2)));
  return { cx: c[0], cy: c[1], r: c[2], inliers: inl.length / pts.length, rms };
}

/**
 * Coordinates of the pixels at or above `threshold`, every k-th one so that about `target` remain
 * (null when fewer than `min` are inked): what the outline fits search over.
 */
function inkSample(map: Gray, threshold: number, min: number, target: number): { xs: number[]; ys: number[] } | null {
  let count = 0;
  for (let i = 0; i < map.d.length; i++) if (map.d[i]! >= threshold) count++;
  if (count < min) return null;
  const stride = Math.max(1, Math.floor(count / target));
  const xs: number[] = [];
  const ys: number[] = [];
  for (let i = 0, k = 0; i < map.d.length; i++) {
    if (map.d[i]! < threshold) continue;
    if (k++ % stride) continue;
    xs.push(i % map.w);
    ys.push(Math.floor(i / map.w));
  }
  return { xs, ys };
}

/**
 * Robust rim of a round seal: the centre whose radial ink histogram has the tallest ring peak
 * (coarse then fine grid search; long outer rings dominate), the outermost strong ring at that centre, then a least-squares circle on
 * the ring's pixels. Print remnants and signatures spread over all radii and do not form a ring;
 * a partial rim still does over the arc that printed. `inliers` is the share of angles the ring covers.
 */
export function ringFit(map: Gray, gx: number, gy: number): { cx: number; cy: number; r: number; inliers: number; rms: number } | null {
  const pts = inkSample(map, 0.45, 50, 4000);
  if (!pts) return null;
  const { xs, ys } = pts;
  const n = xs.length;
  const dists = xs.map((x, i) => Math.hypot(x - gx, ys[i]! - gy));
  const S = quantile(dists, 0.95);
  if (S < 10) return null;
  const bin = Math.max(1, 0.006 * S);
  const nb = Math.ceil((1.4 * S) / bin);
  const hist = new Float64Array(nb);
  // typed copies and sqrt instead of Math.hypot: this runs ~150 times over the sampled ink
  const xa = Float64Array.from(xs);
  const ya = Float64Array.from(ys);
  const profile = (cx: number, cy: number) => {
    hist.fill(0);
    for (let i = 0; i < n; i++) {
      const ddx = xa[i]! - cx;
      const ddy = ya[i]! - cy;
      const r = Math.sqrt(ddx * ddx + ddy * ddy);
      const b = Math.floor(r / bin);
      if (b >= 2 && b < nb) hist[b] = hist[b]! + 1;
    }
    let best = 0;
    for (let b = 2; b < nb - 1; b++) best = Math.max(best, hist[b - 1]! + hist[b]! + hist[b + 1]!);
    return best;
  };
  let cx = gx;
  let cy = gy;
  for (const [half, step] of [
    [0.12 * S, 0.04 * S],
    [0.04 * S, 0.0134 * S],
    [0.0134 * S, 0.0067 * S],
  ] as const) {
    let best = -1;
    let bx = cx;
    let by = cy;
    for (let dy = -half; dy <= half + 1e-9; dy += step) {
      for (let dx = -half; dx <= half + 1e-9; dx += step) {
        const v = profile(cx + dx, cy + dy);
        if (v > best) {
          best = v;
          bx = cx + dx;
          by = cy + dy;
        }
      }
    }
    cx = bx;
    cy = by;
  }
  // the outermost ring at least half as strong as the strongest
  profile(cx, cy);
  let maxPeak = 0;
  const peakAt = (b: number) => hist[b - 1]! + hist[b]! + hist[b + 1]!;
  for (let b = 2; b < nb - 1; b++) maxPeak = Math.max(maxPeak, peakAt(b));
  let ringBin = -1;
  for (let b = nb - 2; b >= 2; b--) {
    const v = peakAt(b);
    if (v >= 0.5 * maxPeak && v >= peakAt(b - 1) && v >= peakAt(b + 1)) {
      ringBin = b;
      break;
    }
  }
  if (ringBin < 0) return null;
  let r = (ringBin + 0.5) * bin;
  // least squares on the ring's own pixels (the outer half of its thickness: the rim's edge)
  let fit: [number, number, number] = [cx, cy, r];
  for (let pass = 0; pass < 3; pass++) {
    const tol = Math.max(2, 0.03 * fit[2]);
    const inl: { x: number; y: number }[] = [];
    for (let i = 0; i < n; i++) if (Math.abs(Math.hypot(xs[i]! - fit[0], ys[i]! - fit[1]) - fit[2]) < tol) inl.push({ x: xs[i]!, y: ys[i]! });
    const k = kasa(inl);
    if (!k) break;
    fit = k;
  }
  [cx, cy, r] = fit;
  // the rim's outer edge: farthest ring pixels per angle (the fit above runs through the ring's middle)
  const bins = 72;
  const outer = new Float64Array(bins).fill(-1);
  let ss = 0;
  let cnt = 0;
  const tol = Math.max(2, 0.03 * r);
  for (let i = 0; i < n; i++) {
    const d = Math.hypot(xs[i]! - cx, ys[i]! - cy);
    if (Math.abs(d - r) >= tol) continue;
    ss += (d - r) ** 2;
    cnt++;
    let a = Math.atan2(ys[i]! - cy, xs[i]! - cx);
    if (a < 0) a += 2 * Math.PI;
    const k = Math.min(bins - 1, Math.floor((a / (2 * Math.PI)) * bins));
    if (d > outer[k]!) outer[k] = d;
  }
  const covered = outer.filter((v) => v > 0);
  const edge = covered.length ? quantile([...covered], 0.5) : r;
  // a rim is the outermost structure: ink well outside it means an oval or a frame, not a round seal
  let outside = 0;
  for (let i = 0; i < n; i++) if (Math.hypot(xs[i]! - cx, ys[i]! - cy) > edge * 1.06) outside++;
  // (unless the rim runs all the way round: then what lies outside is something else, e.g. a signature)
  const coverage = covered.length / bins;
  const inliers = outside > 0.03 * n && coverage < 0.9 ? 0 : coverage;
  return { cx, cy, r: edge, inliers, rms: cnt ? Math.sqrt(ss / cnt) / 2 : r };
}

/**
 * Rectangular frame (Hough-like): at the frame's angle, each straight side projects onto a single
 * value, a spike in the projection histogram. The angle with the tallest spikes gives the frame's
 * orientation; the outermost strong spikes on each axis give its sides. Null without a clear frame.
 */
export function frameFit(map: Gray): { cx: number; cy: number; w: number; h: number; angle: number } | null {
  const pts = inkSample(map, 0.5, 100, 5000);
  if (!pts) return null;
  const { xs, ys } = pts;
  const diag = Math.hypot(map.w, map.h);
  const nb = Math.ceil(2 * diag) + 4;
  const hist = new Int32Array(nb); // (counts; typed point arrays: ~200 projections below)
  const xt = Float64Array.from(xs);
  const yt = Float64Array.from(ys);
  const np = xt.length;
  const project = (deg: number) => {
    const a = (deg * Math.PI) / 180;
    const c = Math.cos(a);
    const s = Math.sin(a);
    hist.fill(0);
    for (let i = 0; i < np; i++) hist[Math.round(xt[i]! * c + yt[i]! * s + diag) + 2]!++;
  };
  // 5-bin window sums, computed once per projection (integer counts, so the running sum is exact)
  const wins = new Float64Array(nb);
  const spikes = (): { max: number; lo: number; hi: number } => {
    let max = 0;
    let acc = hist[0]! + hist[1]! + hist[2]! + hist[3]!;
    for (let b = 2; b < nb - 2; b++) {
      acc += hist[b + 2]!;
      wins[b] = acc;
      if (acc > max) max = acc;
      acc -= hist[b - 2]!;
    }
    let lo = -1;
    let hi = -1;
    for (let b = 2; b < nb - 2; b++) {
      if (wins[b]! >= 0.25 * max) {
        if (lo < 0) lo = b;
        hi = b;
      }
    }
    return { max, lo, hi };
  };
  // the angle search needs only the tallest window (no side extents)
  const spikeMax = (): number => {
    let max = 0;
    let acc = hist[0]! + hist[1]! + hist[2]! + hist[3]!;
    for (let b = 2; b < nb - 2; b++) {
      acc += hist[b + 2]!;
      if (acc > max) max = acc;
      acc -= hist[b - 2]!;
    }
    return max;
  };
  let bestDeg = 0;
  let bestScore = -1;
  for (let deg = 0; deg < 90; deg += 1) {
    project(deg);
    const a = spikeMax();
    project(deg + 90);
    const b = spikeMax();
    if (a + b > bestScore) {
      bestScore = a + b;
      bestDeg = deg;
    }
  }
  for (let deg = bestDeg - 1; deg <= bestDeg + 1; deg += 0.25) {
    project(deg);
    const a = spikeMax();
    project(deg + 90);
    const b = spikeMax();
    if (a + b > bestScore) {
      bestScore = a + b;
      bestDeg = deg;
    }
  }
  project(bestDeg);
  const u = spikes();
  project(bestDeg + 90);
  const v = spikes();
  const w = u.hi - u.lo;
  const h = v.hi - v.lo;
  // a frame: two sides per axis far apart, each side a spike holding a fair share of the ink
  if (w < 20 || h < 20 || u.max < 0.03 * xs.length || v.max < 0.03 * xs.length) return null;
  const a = (bestDeg * Math.PI) / 180;
  const uc = (u.lo + u.hi) / 2 - 2 - diag;
  const vc = (v.lo + v.hi) / 2 - 2 - diag;
  const c = Math.cos(a);
  const s = Math.sin(a);
  // back from (u, v) = (x c + y s, −x s + y c) to image coordinates
  return { cx: uc * c - vc * s, cy: uc * s + vc * c, w: w + 2, h: h + 2, angle: a };
}

/** `quantile` of already sorted values. */
function sortedQuantile(s: Float64Array, q: number): number {
  if (s.length === 0) return 0;
  const pos = Math.min(s.length - 1, Math.max(0, q * (s.length - 1)));
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return s[lo]! + (s[hi]! - s[lo]!) * (pos - lo);
}

/** Minimum-area rectangle of outline points (robust extents: 2nd/98th percentiles). */
function minAreaRect(pts: { x: number; y: number }[]): { cx: number; cy: number; w: number; h: number; angle: number } {
  let best = { cx: 0, cy: 0, w: 0, h: 0, angle: 0, area: Infinity };
  for (let deg = 0; deg < 90; deg += 1) {
    const a = (deg * Math.PI) / 180;
    const c = Math.cos(a);
    const s = Math.sin(a);
    // sorted once per axis for both quantiles (same values as `quantile`)
    const us = Float64Array.from(pts, (p) => p.x * c + p.y * s).sort();
    const vs = Float64Array.from(pts, (p) => -p.x * s + p.y * c).sort();
    const u0 = sortedQuantile(us, 0.02);
    const u1 = sortedQuantile(us, 0.98);
    const v0 = sortedQuantile(vs, 0.02);
    const v1 = sortedQuantile(vs, 0.98);
    const area = (u1 - u0) * (v1 - v0);
    if (area < best.area) {
      const uc = (u0 + u1) / 2;
      const vc = (v0 + v1) / 2;
      best = { cx: uc * c - vc * s, cy: uc * s + vc * c, w: u1 - u0, h: v1 - v0, angle: a, area };
    }
  }
  return best;
}

function outlineOf(kind: MarkKind, map: Gray): Outline {
  let sx = 0;
  let sy = 0;
  let sw = 0;
  const md = map.d;
  const mw = map.w;
  for (let y = 0; y < map.h; y++) {
    for (let x = 0; x < mw; x++) {
      const v = md[y * mw + x]!;
      if (v < 0.3) continue;
      sx += x * v;
      sy += y * v;
      sw += v;
    }
  }
  const gx = sw > 0 ? sx / sw : map.w / 2;
  const gy = sw > 0 ? sy / sw : map.h / 2;
  if (kind === 'signature') {
    let sxx = 0;
    let syy = 0;
    for (let y = 0; y < map.h; y++) {
      for (let x = 0; x < map.w; x++) {
        const v = map.d[y * map.w + x]!;
        if (v < 0.3) continue;
        sxx += (x - gx) ** 2 * v;
        syy += (y - gy) ** 2 * v;
      }
    }
    const rx = Math.sqrt(sxx / Math.max(1, sw));
    const ry = Math.sqrt(syy / Math.max(1, sw));
    return { shape: 'signature', cx: gx, cy: gy, radius: Math.sqrt(rx * ry), rectW: rx * 4, rectH: ry * 4, rectAngle: 0, coverage: 1, residual: 0 };
  }
  // the outline from confidently inked pixels (faint remnants of print and lines stay out)
  const circle = ringFit(map, gx, gy);
  if (circle && circle.inliers >= 0.55 && circle.rms < 0.02 * circle.r) {
    return { shape: 'round', cx: circle.cx, cy: circle.cy, radius: circle.r, rectW: 2 * circle.r, rectH: 2 * circle.r, rectAngle: 0, coverage: circle.inliers, residual: circle.rms / circle.r };
  }
  const frame = frameFit(map);
  if (frame) {
    return { shape: 'other', cx: frame.cx, cy: frame.cy, radius: Math.hypot(frame.w, frame.h) / 2, rectW: frame.w, rectH: frame.h, rectAngle: frame.angle, coverage: 1, residual: 0 };
  }
  // far points only when neither a rim nor a frame was found (they are only used here)
  const strong = threshold(map, 0.45);
  const pts = farPoints(strong, gx, gy);
  const rect = minAreaRect(pts);
  // the outline centre from the rectangle; refine the far points from it once
  const pts2 = farPoints(strong, rect.cx, rect.cy);
  const rect2 = minAreaRect(pts2);
  return {
    shape: 'other',
    cx: rect2.cx,
    cy: rect2.cy,
    radius: Math.hypot(rect2.w, rect2.h) / 2,
    rectW: rect2.w,
    rectH: rect2.h,
    rectAngle: rect2.angle,
    coverage: circle ? circle.inliers : 0,
    residual: circle ? circle.rms / Math.max(1, circle.r) : 1,
  };
}

// ---------------------------------------------------------------------------
// Preparation

function polarOf(img: Gray): Float32Array {
  const out = new Float32Array(N_R * N_THETA);
  const c = img.w / 2;
  for (let ri = 0; ri < N_R; ri++) {
    const r = R0 * (0.08 + (0.96 * ri) / (N_R - 1));
    for (let t = 0; t < N_THETA; t++) {
      const a = (2 * Math.PI * t) / N_THETA;
      out[ri * N_THETA + t] = sample(img, c + r * Math.cos(a), c + r * Math.sin(a));
    }
  }
  return out;
}

export interface PrepareOptions {
  kind: MarkKind;
  dpi: number;
  /** Ink colour when known (else estimated from the crop). */
  ink?: InkColour;
  /** Expected ink (e.g. the specimen's): the estimate keeps to pixels of a similar colour. */
  near?: InkColour;
}

/** Geometry and comparisons run at no more than this resolution (texture measures keep the native one). */
export const WORK_DPI = 300;

export function prepareMark(rgb: Rgb, opts: PrepareOptions): PreparedMark {
  const od = sharedOpticalDensity(rgb);
  const ink = opts.ink ?? estimateInk(rgb, undefined, od, opts.near);
  // light clean-up: residual print under coloured ink and paper texture stay below this floor
  // (applied by inkMap as it writes the map)
  const { map: native, ref } = inkMap(rgb, ink, undefined, od, 0.12);
  let map = native;
  let dpi = opts.dpi;
  if (opts.dpi > WORK_DPI * 1.15) {
    const f = WORK_DPI / opts.dpi;
    map = resizeGray(native, Math.max(4, Math.round(native.w * f)), Math.max(4, Math.round(native.h * f)));
    dpi = (opts.dpi * map.w) / native.w;
  }
  isolateMark(map, dpi);
  const prepared = prepareFromMap(rgb, map, ref, ink, { ...opts, dpi });
  prepared.nativeMap = native;
  prepared.nativeDpi = opts.dpi;
  prepared.workScale = map.w / native.w;
  return prepared;
}

/**
 * Keeps the mark and drops what surrounds it in the crop (remnants of print, neighbouring marks):
 * the mark's extent is the union of its major ink components (≥ 15 % of the largest, after joining
 * strokes closer than ~0.4 mm); ink outside that extent is erased (in place).
 */
export function isolateMark(map: Gray, dpi: number): void {
  const mask = close(threshold(map, 0.45), Math.max(1, Math.round((0.4 * dpi) / 25.4)));
  const { labels, comps } = components(mask);
  if (comps.length === 0) return;
  const largest = Math.max(...comps.map((c) => c.area));
  const major = comps.filter((c) => c.area >= 0.15 * largest);
  let x0 = Infinity;
  let y0 = Infinity;
  let x1 = -Infinity;
  let y1 = -Infinity;
  for (const c of major) {
    x0 = Math.min(x0, c.x0);
    y0 = Math.min(y0, c.y0);
    x1 = Math.max(x1, c.x1);
    y1 = Math.max(y1, c.y1);
  }
  // sizeable pieces touching the extent belong to the mark too (a rim broken by a light impression)
  for (const c of comps) {
    if (c.area < 0.02 * largest) continue;
    const mx = (x1 - x0) * 0.1;
    const my = (y1 - y0) * 0.1;
    if (c.x1 < x0 - mx || c.x0 > x1 + mx || c.y1 < y0 - my || c.y0 > y1 + my) continue;
    x0 = Math.min(x0, c.x0);
    y0 = Math.min(y0, c.y0);
    x1 = Math.max(x1, c.x1);
    y1 = Math.max(y1, c.y1);
  }
  const padX = (x1 - x0) * 0.02 + 1;
  const padY = (y1 - y0) * 0.02 + 1;
  const keep = new Uint8Array(comps.length + 1);
  for (const c of comps) keep[c.label] = c.x0 >= x0 - padX && c.x1 <= x1 + padX && c.y0 >= y0 - padY && c.y1 <= y1 + padY ? 1 : 0;
  for (let y = 0, i = 0; y < map.h; y++) {
    const outRow = y < y0 - padY || y > y1 + padY;
    for (let x = 0; x < map.w; x++, i++) {
      const l = labels[i]!;
      if (l === 0) {
        // faint ink (below the mask) outside the extent goes too
        if (outRow || x < x0 - padX || x > x1 + padX) map.d[i] = 0;
      } else if (!keep[l]) map.d[i] = 0;
    }
  }
}

/**
 * The radial ink profile of a stamp's canonical image: ink share per ring of width R0/40 out to
 * 1.1·R0, divided by the ring's circumference (rotation-invariant, the seal's rings show as peaks).
 */
function radialProfile(canon: Gray): Float64Array {
  const bins = 44;
  const out = new Float64Array(bins);
  const c = canon.w / 2;
  for (let y = 0; y < canon.h; y++) {
    for (let x = 0; x < canon.w; x++) {
      const v = canon.d[y * canon.w + x]!;
      if (v <= 0) continue;
      const r = Math.hypot(x + 0.5 - c, y + 0.5 - c);
      const b = Math.floor((r / R0) * 40);
      if (b < bins) out[b] = out[b]! + v;
    }
  }
  for (let b = 0; b < bins; b++) out[b] = out[b]! / (b + 0.5);
  return out;
}

function pearson(a: Float64Array, b: Float64Array, from: number): number {
  let ma = 0;
  let mb = 0;
  const n = a.length - from;
  for (let i = from; i < a.length; i++) {
    ma += a[i]!;
    mb += b[i]!;
  }
  ma /= n;
  mb /= n;
  let sab = 0;
  let saa = 0;
  let sbb = 0;
  for (let i = from; i < a.length; i++) {
    sab += (a[i]! - ma) * (b[i]! - mb);
    saa += (a[i]! - ma) ** 2;
    sbb += (b[i]! - mb) ** 2;
  }
  return saa > 0 && sbb > 0 ? sab / Math.sqrt(saa * sbb) : 0;
}

/**
 * Prepares a questioned stamp again where its own outline fit failed — a black seal over black
 * print, or print and a signature reaching past the rim, make the fit take the whole crop (a
 * genuine 46 mm seal measured as 74 mm). The seal is located in the crop by the specimen's radial
 * ink profile (rotation-invariant: its rings are peaks that print spread evenly over the crop
 * does not make), ink beyond the specimen's radius around that centre is dropped, and the outline
 * is fitted again. The size is still the query's own: alignment measures the scale, so a wrong
 * diameter stays visible. Null when no location matches the profile.
 */
export function prepareGuided(query: PreparedMark, specimen: PreparedMark): PreparedMark | null {
  if (query.kind !== 'stamp' || specimen.kind !== 'stamp') return null;
  const map = query.map;
  const R = (specimen.outline.radius / specimen.dpi) * query.dpi;
  if (R < 8 || 2 * R > 1.6 * Math.max(map.w, map.h)) return null;
  const want = radialProfile(specimen.canon);
  const pts = inkSample(map, 0.3, 50, 6000);
  if (!pts) return null;
  const xs = Float64Array.from(pts.xs);
  const ys = Float64Array.from(pts.ys);
  const n = xs.length;
  const bins = want.length;
  const prof = new Float64Array(bins);
  const scoreAt = (cx: number, cy: number) => {
    prof.fill(0);
    const k = 40 / R;
    for (let i = 0; i < n; i++) {
      const dx = xs[i]! - cx;
      const dy = ys[i]! - cy;
      const b = Math.floor(Math.sqrt(dx * dx + dy * dy) * k);
      if (b < bins) prof[b] = prof[b]! + 1;
    }
    for (let b = 0; b < bins; b++) prof[b] = prof[b]! / (b + 0.5);
    return pearson(prof, want, 4);
  };
  let best = { cx: map.w / 2, cy: map.h / 2, s: -2 };
  const step = Math.max(2, R / 8);
  for (let cy = Math.min(R * 0.6, map.h / 2); cy <= Math.max(map.h - R * 0.6, map.h / 2); cy += step) {
    for (let cx = Math.min(R * 0.6, map.w / 2); cx <= Math.max(map.w - R * 0.6, map.w / 2); cx += step) {
      const s = scoreAt(cx, cy);
      if (s > best.s) best = { cx, cy, s };
    }
  }
  for (const st of [step / 3, step / 9]) {
    const c0 = best;
    for (let dy = -3; dy <= 3; dy++) {
      for (let dx = -3; dx <= 3; dx++) {
        const s = scoreAt(c0.cx + dx * st, c0.cy + dy * st);
        if (s > best.s) best = { cx: c0.cx + dx * st, cy: c0.cy + dy * st, s };
      }
    }
  }
  if (best.s < 0.5) return null;
  const kept = gray(map.w, map.h);
  const r2 = (1.12 * R) ** 2;
  for (let y = 0; y < map.h; y++) {
    for (let x = 0; x < map.w; x++) {
      if ((x - best.cx) ** 2 + (y - best.cy) ** 2 <= r2) kept.d[y * map.w + x] = map.d[y * map.w + x]!;
    }
  }
  const refit = outlineOf('stamp', kept);
  // the refit must agree with where the profile put the seal; else the specimen's outline there
  // (centre from the profile, size from the specimen: alignment's scale search measures the size)
  // and be of the specimen's shape and proportions: print around an oval can pass for a circle
  // through it, or for a squarer frame
  const aspect = (o: Outline) => Math.max(o.rectW, o.rectH) / Math.max(1, Math.min(o.rectW, o.rectH));
  const refitOk =
    refit.shape === specimen.outline.shape &&
    Math.abs(Math.log(aspect(refit) / aspect(specimen.outline))) < 0.1 &&
    Math.abs(Math.log(refit.radius / R)) < 0.2 &&
    Math.hypot(refit.cx - best.cx, refit.cy - best.cy) < 0.15 * R;
  const outline = refitOk
    ? refit
    : { ...specimen.outline, cx: best.cx, cy: best.cy, radius: R, rectW: (specimen.outline.rectW / specimen.dpi) * query.dpi, rectH: (specimen.outline.rectH / specimen.dpi) * query.dpi };
  // the map itself stays whole: what lies beyond the outline is cut off by the canonical frame, and
  // print running on beyond the seal is what tells print from the seal's own ink (printOcclusion)
  const out = prepareFromMap(query.rgb, map, query.inkRef, query.ink, { kind: 'stamp', dpi: query.dpi, outline });
  out.nativeMap = query.nativeMap;
  out.nativeDpi = query.nativeDpi;
  out.workScale = query.workScale;
  return out;
}

export function prepareFromMap(rgb: Rgb, map: Gray, inkRef: number, ink: InkColour, opts: PrepareOptions & { outline?: Outline }): PreparedMark {
  const outline = opts.outline ?? outlineOf(opts.kind, map);
  let toCanon: Similarity;
  let canon: Gray;
  if (opts.kind === 'signature') {
    // scale the ink's RMS spread to a fixed size, centre on the ink centroid
    const scale = (SIG_H * 0.16) / Math.max(1, outline.radius);
    toCanon = { cx: outline.cx, cy: outline.cy, scale, theta: 0, tx: SIG_W / 2, ty: SIG_H / 2 };
    canon = warpGray(map, toCanon, SIG_W, SIG_H);
  } else {
    const scale = R0 / Math.max(1, outline.radius);
    toCanon = { cx: outline.cx, cy: outline.cy, scale, theta: 0, tx: CANON / 2, ty: CANON / 2 };
    canon = warpGray(map, toCanon, CANON, CANON);
  }
  const canonBlur = gaussBlur(canon, 1.2);
  const pxPerMm = opts.dpi / 25.4;
  // warping sources at a working resolution ~1.3× the canonical one (much smaller than a 600-dpi crop)
  const f = Math.min(1, 1.3 * toCanon.scale);
  const work = f < 0.95 ? resizeGray(map, Math.max(4, Math.round(map.w * f)), Math.max(4, Math.round(map.h * f))) : map;
  const fx = work.w / map.w;
  const workToCanon: Similarity = { cx: toCanon.cx * fx, cy: toCanon.cy * fx, scale: toCanon.scale / fx, theta: 0, tx: toCanon.tx, ty: toCanon.ty };
  const warpSource = prefilterFor(work, workToCanon.scale);
  const blurSource = gaussBlur(work, Math.max(0.8, 1.2 / workToCanon.scale));
  const blurSourceHalf = gaussBlur(work, Math.max(0.8, 0.9 / (workToCanon.scale / 2)));
  return {
    kind: opts.kind,
    dpi: opts.dpi,
    ink,
    rgb,
    map,
    nativeMap: map,
    nativeDpi: opts.dpi,
    workScale: 1,
    inkRef,
    outline,
    toCanon,
    canon,
    canonBlur,
    canonHalf: gaussBlur(downsample2(canon), 0.9),
    warpSource,
    blurSource,
    blurSourceHalf,
    workToCanon,
    polar: opts.kind === 'stamp' ? polarOf(canonBlur) : null,
    sizeMm: { w: outline.rectW / pxPerMm, h: outline.rectH / pxPerMm, diameter: (2 * outline.radius) / pxPerMm },
  };
}

// ---------------------------------------------------------------------------
// Alignment

export interface Alignment {
  /** Query native px → specimen CANONICAL px. */
  transform: Similarity;
  /** Rotation of the query relative to the specimen, degrees (positive = clockwise on screen). */
  rotationDeg: number;
  /** Scale of the query relative to the specimen (in pixels, before dpi): query size / specimen size. */
  scale: number;
  /** Physical scale: query mm / specimen mm. */
  physicalScale: number;
  /** Correlation of the aligned blurred ink maps (−1..1). */
  correlation: number;
  /** Second-best rotation's correlation share (ambiguity), stamps only. */
  ambiguity: number;
  /** The query's ink map in the specimen's canonical frame. */
  aligned: Gray;
  alignedBlur: Gray;
}

/** Rotation (radians) maximising the circular cross-correlation of two polar images. */
function polarRotation(q: Float32Array, s: Float32Array): { angles: number[]; scores: number[] } {
  const acc = new Float64Array(N_THETA);
  const accI = new Float64Array(N_THETA);
  const qr = new Float64Array(N_THETA);
  const qi = new Float64Array(N_THETA);
  const sr = new Float64Array(N_THETA);
  const si = new Float64Array(N_THETA);
  for (let r = 0; r < N_R; r++) {
    // weight outer rings (more pixels, the text band) and remove each row's mean
    const wgt = 0.3 + r / N_R;
    let mq = 0;
    let ms = 0;
    for (let t = 0; t < N_THETA; t++) {
      mq += q[r * N_THETA + t]!;
      ms += s[r * N_THETA + t]!;
    }
    mq /= N_THETA;
    ms /= N_THETA;
    for (let t = 0; t < N_THETA; t++) {
      qr[t] = q[r * N_THETA + t]! - mq;
      qi[t] = 0;
      sr[t] = s[r * N_THETA + t]! - ms;
      si[t] = 0;
    }
    fft(qr, qi);
    fft(sr, si);
    for (let t = 0; t < N_THETA; t++) {
      // Q · conj(S)
      acc[t] = acc[t]! + wgt * (qr[t]! * sr[t]! + qi[t]! * si[t]!);
      accI[t] = accI[t]! + wgt * (qi[t]! * sr[t]! - qr[t]! * si[t]!);
    }
  }
  fft(acc, accI, true);
  // corr[k] = Σ q[t] s[t−k]: the query is the specimen rotated by +k bins
  const peaks: { k: number; v: number }[] = [];
  for (let k = 0; k < N_THETA; k++) {
    const v = acc[k]!;
    const prev = acc[(k - 1 + N_THETA) % N_THETA]!;
    const next = acc[(k + 1) % N_THETA]!;
    if (v >= prev && v >= next) peaks.push({ k, v });
  }
  peaks.sort((a, b) => b.v - a.v);
  const top = peaks.slice(0, 3).map(({ k, v }) => {
    const prev = acc[(k - 1 + N_THETA) % N_THETA]!;
    const next = acc[(k + 1) % N_THETA]!;
    const den = prev - 2 * v + next;
    const off = den < 0 ? (0.5 * (prev - next)) / den : 0;
    return { angle: ((k + off) * 2 * Math.PI) / N_THETA, v };
  });
  return { angles: top.map((t) => t.angle), scores: top.map((t) => t.v) };
}

let corrIdx = new Int32Array(0);
export function correlate(a: Gray, b: Gray): number {
  // zero-normalised correlation restricted to where either has ink (avoids the empty background dominating)
  // (the pixels taken are listed in the first pass, so the second visits only them, in the same order)
  const ad = a.d;
  const bd = b.d;
  if (corrIdx.length < ad.length) corrIdx = new Int32Array(ad.length);
  const idx = corrIdx;
  let n = 0;
  let sa = 0;
  let sb = 0;
  for (let i = 0; i < ad.length; i++) {
    if (ad[i]! < 0.02 && bd[i]! < 0.02) continue;
    sa += ad[i]!;
    sb += bd[i]!;
    idx[n++] = i;
  }
  if (n < 10) return 0;
  const ma = sa / n;
  const mb = sb / n;
  let num = 0;
  let da = 0;
  let db = 0;
  for (let k = 0; k < n; k++) {
    const i = idx[k]!;
    const x = ad[i]! - ma;
    const y = bd[i]! - mb;
    num += x * y;
    da += x * x;
    db += y * y;
  }
  return da > 0 && db > 0 ? num / Math.sqrt(da * db) : 0;
}

/** Centre-cropped / zero-padded copy of a square canonical image into an n×n window (float64). */
function windowed(img: Gray, n: number, hann: boolean): Float64Array {
  const out = new Float64Array(n * n);
  const ox = Math.floor((img.w - n) / 2);
  const oy = Math.floor((img.h - n) / 2);
  let sum = 0;
  for (let y = 0; y < n; y++) {
    for (let x = 0; x < n; x++) {
      const sx = x + ox;
      const sy = y + oy;
      const v = sx >= 0 && sy >= 0 && sx < img.w && sy < img.h ? img.d[sy * img.w + sx]! : 0;
      out[y * n + x] = v;
      sum += v;
    }
  }
  const mu = sum / (n * n);
  for (let y = 0; y < n; y++) {
    const wy = hann ? 0.5 - 0.5 * Math.cos((2 * Math.PI * (y + 0.5)) / n) : 1;
    for (let x = 0; x < n; x++) {
      const wx = hann ? 0.5 - 0.5 * Math.cos((2 * Math.PI * (x + 0.5)) / n) : 1;
      out[y * n + x] = (out[y * n + x]! - mu) * wx * wy;
    }
  }
  return out;
}

/** Log-polar resampling of a centred magnitude spectrum (angles 0..π, log radius 2..n/2). */
function logPolarSpectrum(img: Float64Array, n: number, nt: number, nr: number): Float64Array {
  const re = new Float64Array(img);
  const im = new Float64Array(n * n);
  fft2(re, im, n, n);
  const mag = new Float64Array(n * n);
  for (let y = 0; y < n; y++) {
    for (let x = 0; x < n; x++) {
      // shift DC to the centre; emphasise higher frequencies (the design's detail)
      const u = (x + n / 2) % n;
      const v = (y + n / 2) % n;
      const i = y * n + x;
      mag[v * n + u] = Math.log(1 + Math.hypot(re[i]!, im[i]!));
    }
  }
  const g: Gray = { w: n, h: n, d: Float32Array.from(mag) };
  const out = new Float64Array(nt * nr);
  const rmax = n / 2 - 1;
  const lmin = Math.log(2);
  const lmax = Math.log(rmax);
  for (let ri = 0; ri < nr; ri++) {
    const r = Math.exp(lmin + ((lmax - lmin) * ri) / nr);
    for (let t = 0; t < nt; t++) {
      const a = (Math.PI * t) / nt;
      out[t * nr + ri] = sample(g, n / 2 + r * Math.cos(a), n / 2 + r * Math.sin(a));
    }
  }
  return out;
}

function fourierMellin(query: PreparedMark, specimen: PreparedMark, targetHalf: Gray): Pose | null {
  const n = 128;
  const nt = 128;
  const nr = 64;
  const qHalf = warpGray(query.blurSourceHalf, halfSim(compose(query.workToCanon, 0, 1, 0, 0)), targetHalf.w, targetHalf.h, false);
  const A = logPolarSpectrum(windowed(targetHalf, n, true), n, nt, nr);
  const B = logPolarSpectrum(windowed(qHalf, n, true), n, nt, nr);
  const { dx, dy } = phaseCorrelate(A, B, nr, nt);
  // B(t + dy, r + dx) ≈ A(t, r): the query's spectrum is rotated by dy bins (π/nt each) and spread
  // e^(dx·step) wider, i.e. the query image is rotated by the same angle and e^(dx·step) smaller
  const step = (Math.log(n / 2 - 1) - Math.log(2)) / nr;
  const undoScale = Math.exp(dx * step);
  const rot = (dy * Math.PI) / nt;
  let best: (Pose & { corr: number }) | null = null;
  for (const theta of [-rot, -rot + Math.PI]) {
    const pose = { theta, scale: undoScale, dx: 0, dy: 0 };
    const warped = warpGray(query.blurSourceHalf, halfSim(compose(query.workToCanon, pose.theta, pose.scale, 0, 0)), targetHalf.w, targetHalf.h, false);
    const t = phaseCorrelate(windowed(targetHalf, n, false), windowed(warped, n, false), n, n);
    // the warped query must move by −(dx, dy) half-res px to sit on the specimen
    const p = { ...pose, dx: -2 * t.dx, dy: -2 * t.dy };
    const c = correlate(warpGray(query.blurSourceHalf, halfSim(compose(query.workToCanon, p.theta, p.scale, p.dx, p.dy)), targetHalf.w, targetHalf.h, false), targetHalf);
    if (!best || c > best.corr) best = { ...p, corr: c };
  }
  return best;
}

/** Composes "query native → query canonical" with a rotation/scale/shift about the canvas centre. */
function compose(base: Similarity, theta: number, scale: number, dx: number, dy: number): Similarity {
  return { cx: base.cx, cy: base.cy, scale: base.scale * scale, theta: base.theta + theta, tx: base.tx + dx, ty: base.ty + dy };
}

function downsample2(g: Gray): Gray {
  const w = Math.floor(g.w / 2);
  const h = Math.floor(g.h / 2);
  const out = gray(w, h);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const i = 2 * y * g.w + 2 * x;
      out.d[y * w + x] = (g.d[i]! + g.d[i + 1]! + g.d[i + g.w]! + g.d[i + g.w + 1]!) / 4;
    }
  }
  return out;
}

function halfSim(t: Similarity): Similarity {
  return { ...t, scale: t.scale / 2, tx: t.tx / 2, ty: t.ty / 2 };
}

type Pose = { theta: number; scale: number; dx: number; dy: number };

/**
 * Pattern search over (θ, scale, dx, dy) maximising the correlation of the warped (pre-blurred) query
 * with `target`: at half resolution with halving steps, then a short pass at full resolution.
 */
function refine(query: PreparedMark, target: Gray, targetHalf: Gray, start: Pose, steps: { theta: number; scale: number; shift: number }): Pose & { corr: number } {
  const w = target.w;
  const h = target.h;
  // one scratch image per resolution for the candidate warps (cleared before each: warpInto leaves
  // pixels that fall outside the source at 0)
  const scratch = gray(w, h);
  const scratchHalf = gray(targetHalf.w, targetHalf.h);
  const evalAt = (p: Pose, half: boolean) => {
    const t = compose(query.workToCanon, p.theta, p.scale, p.dx, p.dy);
    const out = half ? scratchHalf : scratch;
    out.d.fill(0);
    return half ? correlate(warpInto(query.blurSourceHalf, halfSim(t), out), targetHalf) : correlate(warpInto(query.blurSource, t, out), target);
  };
  const search = (from: Pose, st: { theta: number; scale: number; shift: number }, half: boolean, halvings: number, maxIter: number) => {
    let cur = from;
    let best = evalAt(cur, half);
    let step = { ...st };
    for (let level = 0; level <= halvings; level++) {
      let improved = true;
      let guard = 0;
      while (improved && guard++ < maxIter) {
        improved = false;
        for (const c of [
          { ...cur, theta: cur.theta + step.theta },
          { ...cur, theta: cur.theta - step.theta },
          { ...cur, scale: cur.scale * (1 + step.scale) },
          { ...cur, scale: cur.scale / (1 + step.scale) },
          { ...cur, dx: cur.dx + step.shift },
          { ...cur, dx: cur.dx - step.shift },
          { ...cur, dy: cur.dy + step.shift },
          { ...cur, dy: cur.dy - step.shift },
        ]) {
          const v = evalAt(c, half);
          if (v > best + 1e-5) {
            best = v;
            cur = c;
            improved = true;
          }
        }
      }
      step = { theta: step.theta / 2, scale: step.scale / 2, shift: step.shift / 2 };
    }
    return { ...cur, corr: best };
  };
  const coarse = search(start, steps, true, 1, 4);
  return search(coarse, { theta: steps.theta / 4, scale: steps.scale / 4, shift: 0.5 }, false, 0, 2);
}

/** Rotation of `a` relative to `b` from the polar correlation alone (no refinement), degrees. */
export function quickRotationDeg(a: PreparedMark, b: PreparedMark): number {
  if (!a.polar || !b.polar) return 0;
  const { angles } = polarRotation(a.polar, b.polar);
  const deg = ((angles[0] ?? 0) * 180) / Math.PI;
  return ((deg % 360) + 540) % 360 - 180;
}

export function align(query: PreparedMark, specimen: PreparedMark): Alignment {
  if (query.kind !== specimen.kind) throw new Error('cannot align a stamp with a signature');
  const target = specimen.canonBlur;
  const targetHalf = specimen.canonHalf;
  let result: Pose & { corr: number };
  let ambiguity = 0;
  if (query.kind === 'stamp') {
    const { angles, scores } = polarRotation(query.polar!, specimen.polar!);
    ambiguity = scores.length > 1 && scores[0]! > 0 ? Math.max(0, scores[1]!) / scores[0]! : 0;
    // the query is the specimen rotated by +angle: undo it; try the runner-up peak when it is close
    const starts = angles.slice(0, ambiguity > 0.7 ? 2 : 1);
    const tried = starts.map((a) => refine(query, target, targetHalf, { theta: -a, scale: 1, dx: 0, dy: 0 }, { theta: (1 * Math.PI) / 180, scale: 0.015, shift: 1 }));
    tried.sort((a, b) => b.corr - a.corr);
    result = tried[0]!;
    if (result.corr < 0.6) {
      // the outlines disagree (a frame side too faint to find, print reaching beyond the rim):
      // Fourier–Mellin — rotation and scale from the shift-invariant magnitude spectra, then the
      // translation by phase correlation — and refine the best candidate
      const alt = fourierMellin(query, specimen, targetHalf);
      if (alt) {
        const refined = refine(query, target, targetHalf, alt, { theta: (1 * Math.PI) / 180, scale: 0.015, shift: 1.5 });
        if (refined.corr > result.corr) result = refined;
      }
    }
  } else {
    // signatures: coarse grid over rotation and scale, then local refinement
    let best: Pose & { corr: number } = { theta: 0, scale: 1, dx: 0, dy: 0, corr: -2 };
    for (const deg of [-10, -5, 0, 5, 10]) {
      for (const sc of [0.88, 1, 1.12]) {
        const t = compose(query.workToCanon, (deg * Math.PI) / 180, sc, 0, 0);
        const v = correlate(warpGray(query.blurSourceHalf, halfSim(t), targetHalf.w, targetHalf.h, false), targetHalf);
        if (v > best.corr) best = { theta: (deg * Math.PI) / 180, scale: sc, dx: 0, dy: 0, corr: v };
      }
    }
    result = refine(query, target, targetHalf, best, { theta: (2.5 * Math.PI) / 180, scale: 0.04, shift: 4 });
  }
  const transform = compose(query.toCanon, result.theta, result.scale, result.dx, result.dy);
  const w = target.w;
  const h = target.h;
  const aligned = warpGray(query.warpSource, compose(query.workToCanon, result.theta, result.scale, result.dx, result.dy), w, h, false);
  const alignedBlur = gaussBlur(aligned, 1.2);
  // relative scale in native pixels: query px per canonical px vs specimen px per canonical px
  const scale = specimen.toCanon.scale / transform.scale;
  const physicalScale = (scale * specimen.dpi) / query.dpi;
  let rot = (-result.theta * 180) / Math.PI;
  rot = ((rot % 360) + 540) % 360 - 180;
  return { transform, rotationDeg: rot, scale, physicalScale, correlation: result.corr, ambiguity, aligned, alignedBlur };
}

/** A similarity from working-map px re-expressed from native (rgb) px. */
export function fromNative(t: Similarity, workScale: number): Similarity {
  return { ...t, cx: t.cx / workScale, cy: t.cy / workScale, scale: t.scale * workScale };
}

/** Distance transform of a canonical map's ink (threshold 0.35), for chamfer measures. */
export function inkDistance(canon: Gray): Float32Array {
  return distanceTransform(threshold(canon, 0.35));
}
