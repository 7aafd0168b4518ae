/**
 * Ink separation in optical-density space. Paper reflects light; each ink layer absorbs a fixed
 * fraction per channel (Beer–Lambert), so in OD = −ln(I / paper) a translucent stamp over black
 * print is the SUM of the stamp's OD direction and a grey one. Unmixing each pixel into those two
 * directions gives the stamp's ink density with the print underneath removed — which a plain
 * colour threshold cannot do. Black ink (grey OD direction) is measured by its density only.
 */
import { gray, type Gray, type Rgb } from './image.ts';

export type InkName = 'red' | 'blue' | 'violet' | 'black' | 'other';

export interface InkColour {
  name: InkName;
  /** Representative colour of the ink at full density (8-bit sRGB). */
  rgb: [number, number, number];
  /** Unit optical-density direction of the ink. */
  od: [number, number, number];
}

const GREY0: [number, number, number] = [1 / Math.sqrt(3), 1 / Math.sqrt(3), 1 / Math.sqrt(3)];
const GREY = GREY0;

/** OD direction of dark, nearly colourless pixels (print), or neutral grey when there are too few. */
function printDirection(od: Float32Array, n: number): [number, number, number] {
  let sx = 0;
  let sy = 0;
  let sz = 0;
  let count = 0;
  for (let i = 0; i < n; i++) {
    const a = od[i * 3]!;
    const b = od[i * 3 + 1]!;
    const c = od[i * 3 + 2]!;
    const m = (a + b + c) / 3;
    if (m < 0.9) continue;
    const chroma = Math.sqrt(((a - m) ** 2 + (b - m) ** 2 + (c - m) ** 2) / 3) / m;
    if (chroma > 0.06) continue;
    sx += a;
    sy += b;
    sz += c;
    count++;
  }
  if (count < 50) return GREY0;
  const len = Math.hypot(sx, sy, sz);
  return [sx / len, sy / len, sz / len];
}

/** Paper brightness per channel: a high percentile of the crop (marks never cover most of it). */
export function paperLevels(img: Rgb, q = 0.9): [number, number, number] {
  // one pass over the pixels for the three channel histograms
  const hists = [new Uint32Array(256), new Uint32Array(256), new Uint32Array(256)] as const;
  const [h0, h1, h2] = hists;
  const d = img.d;
  const n = img.w * img.h;
  for (let i = 0; i < n; i++) {
    h0[d[i * 3]!]!++;
    h1[d[i * 3 + 1]!]!++;
    h2[d[i * 3 + 2]!]!++;
  }
  const out: number[] = [];
  for (let c = 0; c < 3; c++) {
    const hist = hists[c]!;
    const target = img.w * img.h * q;
    let acc = 0;
    let v = 0;
    for (; v < 256; v++) {
      acc += hist[v]!;
      if (acc >= target) break;
    }
    out.push(Math.max(120, Math.min(255, v)));
  }
  return out as [number, number, number];
}

function odLut(paper: number): Float32Array {
  const lut = new Float32Array(256);
  for (let v = 0; v < 256; v++) lut[v] = Math.max(0, -Math.log(Math.max(v, 2) / paper));
  return lut;
}

/** Per-pixel OD vectors (3 floats per pixel). */
export function opticalDensity(img: Rgb, paper = paperLevels(img)): Float32Array {
  const [l0, l1, l2] = paper.map(odLut) as [Float32Array, Float32Array, Float32Array];
  const n = img.w * img.h;
  const od = new Float32Array(n * 3);
  const d = img.d;
  for (let i = 0; i < n * 3; i += 3) {
    od[i] = l0[d[i]!]!;
    od[i + 1] = l1[d[i + 1]!]!;
    od[i + 2] = l2[d[i + 2]!]!;
  }
  return od;
}

const odCache = new WeakMap<Rgb, Float32Array>();
/**
 * `opticalDensity(img)` computed once per crop and shared (preparation, re-preparation with the
 * specimen's ink, stroke colour, copy-paste check all read the same OD). Callers must not modify it.
 */
export function sharedOpticalDensity(img: Rgb): Float32Array {
  let od = odCache.get(img);
  if (!od) {
    od = opticalDensity(img);
    odCache.set(img, od);
  }
  return od;
}

/** Hue angle in degrees (0 = red, 120 = green, 240 = blue). */
export function hueAngle(r: number, g: number, b: number): number {
  const max = Math.max(r, g, b);
  const min = Math.min(r, g, b);
  if (max === min) return 0;
  let h: number;
  if (max === r) h = (60 * (g - b)) / (max - min);
  else if (max === g) h = 120 + (60 * (b - r)) / (max - min);
  else h = 240 + (60 * (r - g)) / (max - min);
  return h < 0 ? h + 360 : h;
}

export function hueName(r: number, g: number, b: number): InkName {
  if (Math.max(r, g, b) - Math.min(r, g, b) < 28) return 'black';
  const h = hueAngle(r, g, b);
  if (h < 28 || h >= 330) return 'red';
  if (h >= 195 && h < 252) return 'blue';
  if (h >= 252 && h < 330) return 'violet';
  return 'other';
}

/**
 * The dominant ink of a crop: the OD direction of its most coloured ink pixels, or black when the
 * ink is grey. `mask` (optional, 0/1 per pixel) restricts the estimate to the mark's pixels.
 */
export function estimateInk(img: Rgb, mask?: Uint8Array, precomputedOd?: Float32Array, near?: InkColour): InkColour {
  const od = precomputedOd ?? opticalDensity(img);
  // with `near`, only pixels whose ink direction lies within ~25° of it count (another ink in the crop,
  // e.g. a blue signature under a violet seal, is left out)
  const cosNear = Math.cos((25 * Math.PI) / 180);
  const n = img.w * img.h;
  let sx = 0;
  let sy = 0;
  let sz = 0;
  let count = 0;
  let dark = 0;
  for (let i = 0; i < n; i++) {
    if (mask && !mask[i]) continue;
    const a = od[i * 3]!;
    const b = od[i * 3 + 1]!;
    const c = od[i * 3 + 2]!;
    const m = (a + b + c) / 3;
    if (m < 0.15) continue;
    dark++;
    // chroma relative to density (as in detection): greyish violet stamp ink still counts as coloured
    const chroma = Math.sqrt(((a - m) * (a - m) + (b - m) * (b - m) + (c - m) * (c - m)) / 3) / m;
    if (chroma < 0.2) continue;
    if (near && (a * near.od[0] + b * near.od[1] + c * near.od[2]) / Math.sqrt(a * a + b * b + c * c) < cosNear) continue;
    sx += a;
    sy += b;
    sz += c;
    count++;
  }
  if (count < Math.max(30, dark * 0.05)) {
    return { name: 'black', rgb: [34, 34, 38], od: GREY };
  }
  let len = Math.hypot(sx, sy, sz);
  let u: [number, number, number] = [sx / len, sy / len, sz / len];
  // second pass: the direction of the most strongly inked pixels along it (paper tint and print
  // underneath weigh little there)
  // 97th percentile of the projection (histogram, 0.01 bins)
  const hist = new Uint32Array(500);
  let total = 0;
  for (let i = 0; i < n; i++) {
    if (mask && !mask[i]) continue;
    const pr = u[0] * od[i * 3]! + u[1] * od[i * 3 + 1]! + u[2] * od[i * 3 + 2]!;
    {
      const k = Math.max(0, Math.min(499, Math.floor(pr * 100)));
      hist[k] = hist[k]! + 1;
    }
    total++;
  }
  let cut = 0;
  for (let b = 0, acc = 0; b < 500; b++) {
    acc += hist[b]!;
    if (acc >= total * 0.97) {
      cut = (b + 0.5) / 100;
      break;
    }
  }
  const floor = Math.max(0.2, cut * 0.5);
  // among those, the most chromatic third: pixels where the ink overlaps print lie between the ink's
  // direction and grey, pure ink is the most coloured
  const chromaOf = (a: number, b: number, c: number) => {
    const m = (a + b + c) / 3;
    return Math.sqrt(((a - m) ** 2 + (b - m) ** 2 + (c - m) ** 2) / 3) / m;
  };
  const keep = (i: number) => {
    if (mask && !mask[i]) return -1;
    const a = od[i * 3]!;
    const b = od[i * 3 + 1]!;
    const c = od[i * 3 + 2]!;
    if (u[0] * a + u[1] * b + u[2] * c < floor) return -1;
    if (near && (a * near.od[0] + b * near.od[1] + c * near.od[2]) / Math.sqrt(a * a + b * b + c * c) < cosNear) return -1;
    const ch = chromaOf(a, b, c);
    return ch < 0.2 ? -1 : ch;
  };
  // one pass over the pixels: candidates (index, chroma) are kept so the final sum visits only them
  // (in the same order, so the sums are unchanged)
  const chromaHist = new Uint32Array(200);
  let cand = 0;
  let candIdx = new Int32Array(1024);
  let candCh = new Float64Array(1024);
  for (let i = 0; i < n; i++) {
    const ch = keep(i);
    if (ch < 0) continue;
    const k = Math.min(199, Math.floor(ch * 100));
    chromaHist[k] = chromaHist[k]! + 1;
    if (cand === candIdx.length) {
      const gi = new Int32Array(cand * 2);
      gi.set(candIdx);
      candIdx = gi;
      const gc = new Float64Array(cand * 2);
      gc.set(candCh);
      candCh = gc;
    }
    candIdx[cand] = i;
    candCh[cand] = ch;
    cand++;
  }
  let chromaCut = 0.2;
  for (let b = 199, acc = 0; b >= 0; b--) {
    acc += chromaHist[b]!;
    if (acc >= cand / 3) {
      chromaCut = b / 100;
      break;
    }
  }
  sx = 0;
  sy = 0;
  sz = 0;
  for (let j = 0; j < cand; j++) {
    if (candCh[j]! < chromaCut) continue;
    const i = candIdx[j]!;
    sx += od[i * 3]!;
    sy += od[i * 3 + 1]!;
    sz += od[i * 3 + 2]!;
  }
  len = Math.hypot(sx, sy, sz);
  if (len > 0) u = [sx / len, sy / len, sz / len];
  // the colour of this ink at an OD magnitude typical of stamp ink
  const k = 2.2;
  const rgb = u.map((v) => Math.round(255 * Math.exp(-v * k))) as [number, number, number];
  const name = hueName(...rgb);
  return { name: name === 'black' ? 'other' : name, rgb, od: u };
}

/**
 * Ink density 0..1 of `ink` in every pixel, with grey print under coloured ink unmixed away.
 * `ref` fixes the OD that counts as full density; by default the 90th percentile of the mark's
 * ink pixels, so faint and heavy impressions of the same seal give comparable maps.
 */
export function inkMap(img: Rgb, ink: InkColour, ref?: number, precomputedOd?: Float32Array, floor = 0): { map: Gray; ref: number } {
  const od = precomputedOd ?? opticalDensity(img);
  const n = img.w * img.h;
  // raw densities are written into the map itself and scaled in place at the end
  const map = gray(img.w, img.h);
  const raw = map.d;
  // 90th percentile of the ink pixels' OD (histogram, 0.01 OD bins), filled in the same pass
  const hist = new Uint32Array(400);
  let cnt = 0;
  const u = ink.od;
  const black = ink.name === 'black';
  // the print under the ink: its own OD direction (black toner and paper tint are never exactly grey)
  const GREY = black ? GREY0 : printDirection(od, n);
  const ug = u[0] * GREY[0] + u[1] * GREY[1] + u[2] * GREY[2];
  const det = 1 - ug * ug;
  const [u0, u1, u2] = u; // (locals for the per-pixel loop)
  const [g0, g1, g2] = GREY;
  for (let i = 0; i < n; i++) {
    const a = od[i * 3]!;
    const b = od[i * 3 + 1]!;
    const c = od[i * 3 + 2]!;
    if (a === 0 && b === 0 && c === 0) continue; // bare paper: 0 either way (raw starts at 0)
    if (black || det < 0.01) {
      raw[i] = (a + b + c) / Math.sqrt(3);
      const v = raw[i]!;
      if (v > 0.25) {
        hist[Math.min(399, Math.floor(v * 100))]!++;
        cnt++;
      }
      continue;
    }
    const uo = u0 * a + u1 * b + u2 * c;
    const go = g0 * a + g1 * b + g2 * c;
    let x = (uo - ug * go) / det;
    const y = (go - ug * uo) / det;
    if (y < 0) x = uo; // no grey component: all of it is this ink
    if (x <= 0) continue; // max(0, x − resid) = 0 whatever the residual (raw starts at 0)
    // penalise other colours: residual not explained by ink + grey
    const yp = Math.max(0, y);
    const rx = a - x * u0 - yp * g0;
    const ry = b - x * u1 - yp * g1;
    const rz = c - x * u2 - yp * g2;
    const resid = Math.sqrt(rx * rx + ry * ry + rz * rz);
    raw[i] = Math.max(0, x - resid);
    const v = raw[i]!; // (as stored: float32)
    if (v > 0.25) {
      hist[Math.min(399, Math.floor(v * 100))]!++;
      cnt++;
    }
  }
  let r = ref;
  if (r === undefined) {
    r = 1;
    if (cnt > 20) {
      let acc = 0;
      for (let b = 0; b < 400; b++) {
        acc += hist[b]!;
        if (acc >= cnt * 0.9) {
          r = (b + 0.5) / 100;
          break;
        }
      }
    }
    r = Math.max(0.4, r);
  }
  // `floor`: densities below it are set to 0 in the same pass (the caller's clean-up)
  for (let i = 0; i < n; i++) {
    const v = Math.min(1, raw[i]! / r);
    raw[i] = v;
    if (raw[i]! < floor) raw[i] = 0;
  }
  return { map, ref: r };
}
