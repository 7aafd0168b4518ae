/**
 * Evidence images for the examiner, all in the specimen's canonical frame (the query aligned onto
 * it), as PNG buffers:
 *  - overlay: specimen ink green, questioned ink magenta, where both agree the inks add to near
 *    black — green alone = specimen strokes missing in the question, magenta alone = extra strokes;
 *  - heat map: where the aligned inks differ (blue → yellow → red) over a faint specimen;
 *  - side by side: the specimen and the aligned questioned mark as scanned (colour), same scale
 *    and orientation.
 * Sizes: stamps CANON×CANON, signatures SIG_W×SIG_H, each times `zoom` (side by side: twice as wide
 * plus a 4-px gap per zoom).
 */
import { CANON, SIG_H, SIG_W, fromNative, type Alignment, type PreparedMark } from './align.ts';
import { encodeRgb, gaussBlur, gray, rgb, sample, type Gray, type Rgb, type Similarity } from './image.ts';

export interface EvidenceImages {
  overlay: Buffer;
  heatmap: Buffer;
  sideBySide: Buffer;
  width: number;
  height: number;
}

function frame(m: PreparedMark): { w: number; h: number } {
  return m.kind === 'stamp' ? { w: CANON, h: CANON } : { w: SIG_W, h: SIG_H };
}

function upscale(img: Rgb, zoom: number): Rgb {
  if (zoom === 1) return img;
  const out = rgb(img.w * zoom, img.h * zoom);
  for (let y = 0; y < out.h; y++) {
    const sy = Math.floor(y / zoom);
    for (let x = 0; x < out.w; x++) {
      const s = (sy * img.w + Math.floor(x / zoom)) * 3;
      const d = (y * out.w + x) * 3;
      out.d[d] = img.d[s]!;
      out.d[d + 1] = img.d[s + 1]!;
      out.d[d + 2] = img.d[s + 2]!;
    }
  }
  return out;
}

/** Colour crop warped into a canonical frame (source px → canonical px by `t`), white outside. */
function warpRgb(src: Rgb, t: Similarity, w: number, h: number): Rgb {
  const out = rgb(w, h);
  const chans: Gray[] = [0, 1, 2].map(() => gray(src.w, src.h));
  for (let i = 0; i < src.w * src.h; i++) for (let c = 0; c < 3; c++) chans[c]!.d[i] = 255 - src.d[i * 3 + c]!;
  // sample inverted channels so the outside (0) becomes white
  const cos = Math.cos(-t.theta) / t.scale;
  const sin = Math.sin(-t.theta) / t.scale;
  const pre = t.scale < 0.7 ? chans.map((c) => gaussBlur(c, 0.4 / t.scale)) : chans;
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const dx = x - t.tx;
      const dy = y - t.ty;
      const sx = cos * dx - sin * dy + t.cx;
      const sy = sin * dx + cos * dy + t.cy;
      for (let c = 0; c < 3; c++) out.d[(y * w + x) * 3 + c] = 255 - Math.round(sample(pre[c]!, sx, sy));
    }
  }
  return out;
}

export function overlayImage(specimen: PreparedMark, aligned: Gray): Rgb {
  const { w, h } = frame(specimen);
  const out = rgb(w, h);
  // transmittances: green ink absorbs red+blue, magenta ink absorbs green
  const green = [0.05, 0.62, 0.12];
  const magenta = [0.85, 0.05, 0.8];
  for (let i = 0; i < w * h; i++) {
    const s = Math.min(1, specimen.canon.d[i]!);
    const q = Math.min(1, aligned.d[i]!);
    for (let c = 0; c < 3; c++) out.d[i * 3 + c] = Math.round(255 * (1 - s * (1 - green[c]!)) * (1 - q * (1 - magenta[c]!)));
  }
  return out;
}

function heat(v: number): [number, number, number] {
  // 0 → transparent, then blue → yellow → red
  const t = Math.max(0, Math.min(1, v));
  if (t < 0.5) {
    const u = t / 0.5;
    return [Math.round(40 + 215 * u), Math.round(90 + 165 * u), Math.round(220 - 200 * u)];
  }
  const u = (t - 0.5) / 0.5;
  return [255, Math.round(255 - 200 * u), 20];
}

export function heatmapImage(specimen: PreparedMark, aligned: Gray): Rgb {
  const { w, h } = frame(specimen);
  const a = gaussBlur(aligned, 1.5);
  const b = gaussBlur(specimen.canon, 1.5);
  const out = rgb(w, h);
  for (let i = 0; i < w * h; i++) {
    const base = 255 - Math.round(70 * Math.min(1, specimen.canon.d[i]!));
    const diff = Math.min(1, Math.abs(a.d[i]! - b.d[i]!) * 2.2);
    const alpha = Math.min(0.9, diff * 1.5);
    const [r, g, bl] = heat(diff);
    out.d[i * 3] = Math.round(base * (1 - alpha) + r * alpha);
    out.d[i * 3 + 1] = Math.round(base * (1 - alpha) + g * alpha);
    out.d[i * 3 + 2] = Math.round(base * (1 - alpha) + bl * alpha);
  }
  return out;
}

export function sideBySideImage(query: PreparedMark, specimen: PreparedMark, alignment: Alignment): Rgb {
  const { w, h } = frame(specimen);
  const left = warpRgb(specimen.rgb, fromNative(specimen.toCanon, specimen.workScale), w, h);
  const right = warpRgb(query.rgb, fromNative(alignment.transform, query.workScale), w, h);
  const gap = 4;
  const out = rgb(2 * w + gap, h, 255);
  for (let y = 0; y < h; y++) {
    out.d.set(left.d.subarray(y * w * 3, (y + 1) * w * 3), y * out.w * 3);
    out.d.set(right.d.subarray(y * w * 3, (y + 1) * w * 3), (y * out.w + w + gap) * 3);
  }
  return out;
}

/** The three evidence images as PNG buffers (`zoom` enlarges them, nearest-neighbour). */
export async function evidenceImages(query: PreparedMark, specimen: PreparedMark, alignment: Alignment, zoom = 2): Promise<EvidenceImages> {
  const { w, h } = frame(specimen);
  return {
    overlay: await encodeRgb(upscale(overlayImage(specimen, alignment.aligned), zoom)),
    heatmap: await encodeRgb(upscale(heatmapImage(specimen, alignment.aligned), zoom)),
    sideBySide: await encodeRgb(upscale(sideBySideImage(query, specimen, alignment), zoom)),
    width: w * zoom,
    height: h * zoom,
  };
}
