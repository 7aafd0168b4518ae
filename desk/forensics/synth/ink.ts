/**
 * Shared physics of the generators: ink colours, subtractive compositing of an ink layer onto paper,
 * printing (halftone, error diffusion, toner) and the scanner (blur, noise, quantisation).
 */
import { createCanvas, type SKRSContext2D } from '@napi-rs/canvas';
import { boxBlur, gaussBlur, gray, rgb, type Gray, type Rgb } from '../image.ts';
import { rng, valueNoise, type Rng } from './rng.ts';

export type InkName = 'red' | 'blue' | 'violet' | 'black';
export const INK_BASE: Record<InkName, [number, number, number]> = {
  red: [196, 32, 44],
  blue: [36, 62, 168],
  violet: [104, 44, 150],
  black: [34, 34, 38],
};

export function inkColour(name: InkName, r: Rng, sigma = 9): [number, number, number] {
  const [a, b, c] = INK_BASE[name];
  const j = () => r.normal(0, sigma);
  return [a + j(), b + j(), c + j()].map((v) => Math.max(0, Math.min(255, Math.round(v)))) as [number, number, number];
}

/** An authority's stamp-pad ink (fixed per seal) with a slight variation per impression. */
export function padInk(name: InkName, sealId: string, r: Rng): [number, number, number] {
  const base = inkColour(name, rng(`pad-ink/${sealId}`));
  return base.map((v) => Math.max(0, Math.min(255, Math.round(v + r.normal(0, 3))))) as [number, number, number];
}

/** Renders vector drawing (white on black) into a 0..1 coverage map. */
export function rasterise(w: number, h: number, draw: (ctx: SKRSContext2D) => void): Gray {
  const canvas = createCanvas(w, h);
  const ctx = canvas.getContext('2d');
  ctx.fillStyle = '#000';
  ctx.fillRect(0, 0, w, h);
  ctx.fillStyle = '#fff';
  ctx.strokeStyle = '#fff';
  ctx.lineCap = 'round';
  ctx.lineJoin = 'round';
  draw(ctx);
  const data = ctx.getImageData(0, 0, w, h).data;
  const out = gray(w, h);
  for (let i = 0; i < out.d.length; i++) out.d[i] = data[i * 4]! / 255;
  return out;
}

/** Paper: slightly off-white with faint fibre texture. */
export function paper(w: number, h: number, r: Rng): Rgb {
  const out = rgb(w, h);
  const tone = [r.range(238, 252), r.range(236, 250), r.range(228, 246)];
  const n = valueNoise(r, w, h, Math.max(4, Math.round(w / 60)));
  for (let i = 0; i < w * h; i++) {
    const v = (n[i]! - 0.5) * 6;
    out.d[i * 3] = tone[0]! + v;
    out.d[i * 3 + 1] = tone[1]! + v;
    out.d[i * 3 + 2] = tone[2]! + v;
  }
  return out;
}

/**
 * Subtractive compositing: each pixel's light is multiplied by the ink's transmittance raised to the
 * ink density (Beer–Lambert), so a stamp over printed text leaves the text visible (translucent
 * ink), as on paper.
 */
export function composite(page: Rgb, density: Gray, x0: number, y0: number, ink: readonly [number, number, number]): void {
  // Beer–Lambert: a layer of relative thickness a transmits T^a (dye inks add absorbance)
  const lt = ink.map((c) => Math.log(Math.max(2, c) / 255));
  for (let y = 0; y < density.h; y++) {
    const py = y + y0;
    if (py < 0 || py >= page.h) continue;
    for (let x = 0; x < density.w; x++) {
      const px = x + x0;
      if (px < 0 || px >= page.w) continue;
      const a = density.d[y * density.w + x]!;
      if (a <= 0.002) continue;
      const p = (py * page.w + px) * 3;
      for (let c = 0; c < 3; c++) page.d[p + c] = page.d[p + c]! * Math.exp(a * lt[c]!);
    }
  }
}

/** Small Gaussian blur (σ ≤ 0.8) as one separable 3-tap pass: [a, 1−2a, a] with 2a = σ². */
function blur3(src: Gray, sigma: number): Gray {
  const a = Math.min(0.32, (sigma * sigma) / 2);
  const c = 1 - 2 * a;
  const { w, h } = src;
  const tmp = gray(w, h);
  const out = gray(w, h);
  const s = src.d;
  for (let y = 0; y < h; y++) {
    const row = y * w;
    tmp.d[row] = s[row]! * (c + a) + s[row + 1]! * a;
    for (let x = 1; x < w - 1; x++) tmp.d[row + x] = c * s[row + x]! + a * (s[row + x - 1]! + s[row + x + 1]!);
    tmp.d[row + w - 1] = s[row + w - 1]! * (c + a) + s[row + w - 2]! * a;
  }
  const t = tmp.d;
  for (let y = 0; y < h; y++) {
    const up = (y > 0 ? y - 1 : y) * w;
    const dn = (y < h - 1 ? y + 1 : y) * w;
    const row = y * w;
    for (let x = 0; x < w; x++) out.d[row + x] = c * t[row + x]! + a * (t[up + x]! + t[dn + x]!);
  }
  return out;
}

// Gaussian samples for sensor noise, drawn once (a full page needs millions)
const NOISE = (() => {
  const r = rng('scanner-noise-table');
  const t = new Float32Array(1 << 20);
  for (let i = 0; i < t.length; i++) t[i] = r.normal();
  return t;
})();

/** The scanner: optical blur, sensor noise, 8-bit quantisation (in place). */
export function scan(img: Rgb, r: Rng, opts: { blur: number; noise: number }): void {
  const { w, h } = img;
  const chan = gray(w, h);
  let k = Math.floor(r() * NOISE.length);
  const step = 1 + 2 * Math.floor(r() * 1000);
  const mask = NOISE.length - 1;
  for (let c = 0; c < 3; c++) {
    for (let i = 0; i < w * h; i++) chan.d[i] = img.d[i * 3 + c]!;
    const b = opts.blur > 0.25 ? (opts.blur <= 0.8 ? blur3(chan, opts.blur) : gaussBlur(chan, opts.blur)) : chan;
    for (let i = 0; i < w * h; i++) {
      k = (k + step) & mask;
      const v = Math.round(b.d[i]! + NOISE[k]! * opts.noise);
      img.d[i * 3 + c] = v < 0 ? 0 : v > 255 ? 255 : v;
    }
  }
}

/** Paste of a photo-editor: ink pixels of `src` multiplied onto `page` (white stays transparent). */
export function multiplyPaste(page: Rgb, src: Rgb, x0: number, y0: number): void {
  for (let y = 0; y < src.h; y++) {
    const py = y + y0;
    if (py < 0 || py >= page.h) continue;
    for (let x = 0; x < src.w; x++) {
      const px = x + x0;
      if (px < 0 || px >= page.w) continue;
      const p = (py * page.w + px) * 3;
      const s = (y * src.w + x) * 3;
      for (let c = 0; c < 3; c++) page.d[p + c] = Math.round((page.d[p + c]! * src.d[s + c]!) / 255);
    }
  }
}

// ---------------------------------------------------------------------------
// Printing

export type PrintProcess = 'laser_halftone' | 'inkjet' | 'photocopy_mono' | 'photocopy_colour' | 'vector_flat';

/**
 * Prints an ink-density map (at the printer's resolution) through a process and returns per-channel
 * transmittance maps (R, G, B in 0..1, 1 = paper) at the same resolution.
 */
export function printDensity(
  density: Gray,
  ink: readonly [number, number, number],
  process: PrintProcess,
  r: Rng,
  printerDpi: number,
): [Gray, Gray, Gray] {
  const { w, h } = density;
  const out: [Gray, Gray, Gray] = [gray(w, h, 1), gray(w, h, 1), gray(w, h, 1)];
  // CMY(K) coverage wanted for this ink at full density (naive subtractive split)
  const cmy = ink.map((c) => 1 - c / 255);
  const k = Math.min(...cmy);
  const colourants: { cov: number; rgb: [number, number, number]; angle: number }[] = [];
  if (process === 'photocopy_mono') {
    colourants.push({ cov: 1, rgb: [28, 28, 30], angle: 45 });
  } else {
    if (k > 0.55) colourants.push({ cov: 1, rgb: [30, 30, 32], angle: 45 });
    else {
      if (cmy[0]! - k * 0.5 > 0.12) colourants.push({ cov: Math.min(1, cmy[0]!), rgb: [0, 174, 239], angle: 15 });
      if (cmy[1]! > 0.12) colourants.push({ cov: Math.min(1, cmy[1]!), rgb: [236, 0, 140], angle: 75 });
      if (cmy[2]! > 0.12) colourants.push({ cov: Math.min(1, cmy[2]!), rgb: [255, 242, 0], angle: 0 });
    }
  }
  let tone = density;
  if (process === 'vector_flat' || process === 'photocopy_mono' || process === 'photocopy_colour') {
    // redrawn or copied through a threshold: flat colour, no tone variation
    const t = gaussBlur(density, 0.6);
    tone = gray(w, h);
    const level = r.range(0.25, 0.45);
    for (let i = 0; i < w * h; i++) tone.d[i] = t.d[i]! > level ? r.range(0.9, 0.97) : 0;
  }
  const lpi = r.range(85, 150);
  const period = printerDpi / lpi;
  const rough = valueNoise(r, w, h, 3);
  for (const col of colourants) {
    const th = (col.angle * Math.PI) / 180;
    const cs = Math.cos(th);
    const sn = Math.sin(th);
    let cover: Float32Array;
    if (process === 'inkjet') {
      cover = errorDiffuse(tone, col.cov);
    } else if (process === 'laser_halftone' || process === 'photocopy_colour') {
      cover = new Float32Array(w * h);
      const phase = r.range(0, period);
      for (let y = 0; y < h; y++) {
        for (let x = 0; x < w; x++) {
          const u = ((x * cs + y * sn + phase) * 2 * Math.PI) / period;
          const v = ((-x * sn + y * cs + phase) * 2 * Math.PI) / period;
          const t = 0.5 + 0.25 * (Math.cos(u) + Math.cos(v));
          const want = tone.d[y * w + x]! * col.cov;
          cover[y * w + x] = want > 1 - t + (rough[y * w + x]! - 0.5) * 0.08 ? 1 : 0;
        }
      }
    } else {
      cover = new Float32Array(w * h);
      for (let i = 0; i < w * h; i++) cover[i] = tone.d[i]! * (process === 'vector_flat' ? col.cov : 1);
    }
    for (let i = 0; i < w * h; i++) {
      const a = cover[i]!;
      if (a <= 0) continue;
      for (let c = 0; c < 3; c++) out[c]!.d[i] = out[c]!.d[i]! * (1 - a + (a * col.rgb[c]!) / 255);
    }
  }
  if (process === 'photocopy_mono' || process === 'photocopy_colour' || process === 'laser_halftone') {
    // stray toner specks near the marks and a few on the background
    const near = boxBlur(tone, Math.max(1, Math.round(printerDpi / 80)));
    const specks = Math.round(w * h * 0.0015);
    for (let s = 0; s < specks; s++) {
      const x = r.int(0, w - 1);
      const y = r.int(0, h - 1);
      if (near.d[y * w + x]! < 0.02 && !r.chance(0.15)) continue;
      const dark = r.range(0.4, 0.9);
      const c0 = colourants[0]?.rgb ?? [30, 30, 30];
      for (let c = 0; c < 3; c++) out[c]!.d[y * w + x] = out[c]!.d[y * w + x]! * (1 - dark + (dark * c0[c]!) / 255);
    }
  }
  return out;
}

function errorDiffuse(tone: Gray, cov: number): Float32Array {
  const { w, h } = tone;
  const buf = new Float32Array(w * h);
  for (let i = 0; i < w * h; i++) buf[i] = tone.d[i]! * cov;
  const out = new Float32Array(w * h);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const i = y * w + x;
      const v = buf[i]!;
      const o = v > 0.5 ? 1 : 0;
      out[i] = o;
      const e = v - o;
      if (x + 1 < w) buf[i + 1] = buf[i + 1]! + (e * 7) / 16;
      if (y + 1 < h) {
        if (x > 0) buf[i + w - 1] = buf[i + w - 1]! + (e * 3) / 16;
        buf[i + w] = buf[i + w]! + (e * 5) / 16;
        if (x + 1 < w) buf[i + w + 1] = buf[i + w + 1]! + e / 16;
      }
    }
  }
  return out;
}
