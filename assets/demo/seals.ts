/**
 * The demo's official seals as real impressions (not vector art): the forensics generator's seal
 * designs stamped with uneven ink, pressure and rotation, so the demo C/O's seal and the library's
 * specimens are different impressions of one seal — as at a real desk, never pixel-identical.
 */
import sharp from 'sharp';
import { sealSample, sealSpec, type SealSpec } from '../../desk/forensics/synth/seals.ts';

function officeSeal(seed: string, ringText: string, code: string): SealSpec {
  return {
    ...sealSpec(seed),
    shape: 'round',
    wMm: 38,
    hMm: 38,
    ringText,
    bottomText: '',
    innerLines: ['C/O SPECIAL SEAL', `(${code})`],
    emblem: 'star',
    date: '',
    ink: 'red',
  };
}

export const NINGBO_SEAL = officeSeal('demo/ningbo-3100', 'NINGBO CUSTOMS OF THE P.R. CHINA', '3100');
export const SHANGHAI_SEAL = officeSeal('demo/shanghai-2200', 'SHANGHAI CUSTOMS OF THE P.R. CHINA', '2200');

/**
 * One impression as an RGBA PNG: the ink in its colour, alpha from its density, so it lies over
 * the print of a page like stamp ink does. `quality: 'specimen'` is a careful reference impression.
 */
export async function sealImpressionPng(spec: SealSpec, seed: string, quality: 'specimen' | 'field', rotationDeg: number, dpi = 300): Promise<{ png: Buffer; widthMm: number; heightMm: number }> {
  const s = sealSample(spec, seed, { quality, dpi, underlay: 'plain', params: { rotationDeg, smudge: 0 } });
  const { w, h } = s.density;
  const rgba = Buffer.alloc(w * h * 4);
  for (let i = 0; i < w * h; i++) {
    rgba[i * 4] = s.ink[0];
    rgba[i * 4 + 1] = s.ink[1];
    rgba[i * 4 + 2] = s.ink[2];
    rgba[i * 4 + 3] = Math.round(255 * Math.min(1, s.density.d[i]! * 0.92));
  }
  const png = await sharp(rgba, { raw: { width: w, height: h, channels: 4 } }).png().toBuffer();
  return { png, widthMm: (w * 25.4) / dpi, heightMm: (h * 25.4) / dpi };
}
