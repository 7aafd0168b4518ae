/**
 * Round official stamps (raster, as scanned stamps are images, so their lettering never enters
 * the text layer) and handwritten-looking signatures (vector strokes), both seeded.
 */
import { GlobalFonts, createCanvas } from '@napi-rs/canvas';
import { existsSync } from 'node:fs';
import type { Rng } from './rng.ts';

let stampFont: string | null | undefined;
function registerStampFont(): string | null {
  if (stampFont !== undefined) return stampFont;
  stampFont = null;
  for (const p of [
    '/usr/share/fonts/truetype/liberation/LiberationSans-Bold.ttf',
    '/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf',
  ]) {
    if (existsSync(p) && GlobalFonts.registerFromPath(p, 'CorpusStamp')) {
      stampFont = 'CorpusStamp';
      break;
    }
  }
  return stampFont;
}

export const STAMP_COLORS: Record<'red' | 'blue' | 'violet', [number, number, number]> = {
  red: [196, 30, 38],
  blue: [30, 60, 170],
  violet: [110, 40, 140],
};

/** A round stamp as a transparent PNG: double ring, the body's name around, a star or emblem. */
export function stampPng(rng: Rng, ringText: string, centreText: string, color: 'red' | 'blue' | 'violet'): Uint8Array {
  const size = 360;
  const c = createCanvas(size, size);
  const ctx = c.getContext('2d');
  const [r, g, b] = STAMP_COLORS[color];
  const ink = `rgba(${r},${g},${b},${rng.float(0.75, 0.95).toFixed(2)})`;
  ctx.translate(size / 2, size / 2);
  ctx.rotate(rng.float(-0.6, 0.6));
  ctx.strokeStyle = ink;
  ctx.fillStyle = ink;
  ctx.lineWidth = 9;
  ctx.beginPath();
  ctx.arc(0, 0, 168, 0, Math.PI * 2);
  ctx.stroke();
  ctx.lineWidth = 3;
  ctx.beginPath();
  ctx.arc(0, 0, 112, 0, Math.PI * 2);
  ctx.stroke();
  const font = registerStampFont();
  if (font) {
    const text = ringText.toUpperCase().slice(0, 46);
    const fontSize = text.length > 34 ? 24 : 30;
    ctx.font = `${fontSize}px ${font}`;
    ctx.textAlign = 'center';
    ctx.textBaseline = 'middle';
    const span = Math.min(Math.PI * 1.75, text.length * 0.13);
    for (let i = 0; i < text.length; i++) {
      const a = -Math.PI / 2 - span / 2 + (span * (i + 0.5)) / text.length;
      ctx.save();
      ctx.rotate(a + Math.PI / 2);
      ctx.fillText(text[i]!, 0, -140);
      ctx.restore();
    }
    ctx.font = `22px ${font}`;
    ctx.fillText(centreText.toUpperCase().slice(0, 14), 0, 62);
  }
  // Five-pointed star in the middle.
  ctx.beginPath();
  for (let i = 0; i < 10; i++) {
    const rad = i % 2 === 0 ? 46 : 19;
    const a = -Math.PI / 2 + (i * Math.PI) / 5;
    ctx.lineTo(Math.cos(a) * rad, Math.sin(a) * rad - 8);
  }
  ctx.closePath();
  ctx.fill();
  // Uneven inking: wipe random specks.
  ctx.globalCompositeOperation = 'destination-out';
  for (let i = 0; i < 90; i++) {
    ctx.beginPath();
    ctx.arc(rng.float(-175, 175), rng.float(-175, 175), rng.float(2, 9), 0, Math.PI * 2);
    ctx.fill();
  }
  return c.toBuffer('image/png');
}

/** A cursive-looking signature as an SVG path in a ~120×40 box (y down). */
export function signaturePath(rng: Rng): string {
  const parts: string[] = [];
  let x = rng.float(2, 8);
  let y = rng.float(18, 26);
  parts.push(`M ${x.toFixed(1)} ${y.toFixed(1)}`);
  const strokes = rng.int(5, 9);
  for (let i = 0; i < strokes; i++) {
    const dx = rng.float(8, 18);
    const c1x = x + rng.float(-4, dx);
    const c1y = y + rng.float(-22, 10);
    const c2x = x + rng.float(0, dx + 6);
    const c2y = y + rng.float(-10, 22);
    x += dx;
    y = Math.max(6, Math.min(36, y + rng.float(-9, 9)));
    parts.push(`C ${c1x.toFixed(1)} ${c1y.toFixed(1)} ${c2x.toFixed(1)} ${c2y.toFixed(1)} ${x.toFixed(1)} ${y.toFixed(1)}`);
  }
  // A flourish underneath.
  parts.push(`M ${rng.float(0, 10).toFixed(1)} ${rng.float(30, 36).toFixed(1)} Q ${(x / 2).toFixed(1)} ${rng.float(34, 44).toFixed(1)} ${(x + rng.float(0, 12)).toFixed(1)} ${rng.float(24, 32).toFixed(1)}`);
  return parts.join(' ');
}
