import { describe, expect, it } from 'vitest';
import sharp from 'sharp';
import { CANON, SIG_H, SIG_W, prepareMark } from '../../../desk/forensics/align.ts';
import { evidenceImages } from '../../../desk/forensics/evidence.ts';
import { gaussBlur, gray, type Rgb } from '../../../desk/forensics/image.ts';
import { rng } from '../../../desk/forensics/synth/rng.ts';
import '../../../desk/forensics/synth/page.ts';
import { sealSample, sealSpec } from '../../../desk/forensics/synth/seals.ts';
import { signatureSample, signer } from '../../../desk/forensics/synth/signatures.ts';
import { verify } from '../../../desk/forensics/verify.ts';

/** A specimen as a bad fax or phone photo would give it: washed out, blurred, noisy. */
function degrade(img: Rgb, blur: number, noise: number, fade: number): Rgb {
  const r = rng('degrade');
  const out: Rgb = { w: img.w, h: img.h, d: new Uint8Array(img.d.length) };
  for (let c = 0; c < 3; c++) {
    const g = gray(img.w, img.h);
    for (let i = 0; i < img.w * img.h; i++) g.d[i] = 255 - (255 - img.d[i * 3 + c]!) * fade;
    const b = gaussBlur(g, blur);
    for (let i = 0; i < img.w * img.h; i++) out.d[i * 3 + c] = Math.max(0, Math.min(255, Math.round(b.d[i]! + r.normal(0, noise))));
  }
  return out;
}

describe('specimen quality', () => {
  const spec = sealSpec(20201);
  const query = sealSample(spec, 'q', { dpi: 300 });
  const q = prepareMark(query.rgb, { kind: 'stamp', dpi: 300 });

  it('refuses a specimen scanned at 60 dpi instead of giving a confident score', () => {
    const tiny = sealSample(spec, 'specimen', { quality: 'specimen', dpi: 60 });
    const v = verify(q, [prepareMark(tiny.rgb, { kind: 'stamp', dpi: 60 })]);
    expect(v.outcome).toBe('specimen_quality_too_low');
    expect(v.score).toBeNull();
    expect(v.band).toBeNull();
    expect(v.reasons.map((r) => r.text).join(' ')).toMatch(/specimen quality too low/);
    expect(v.reasons.map((r) => r.text).join(' ')).toMatch(/60 dpi/);
  });

  it('refuses a washed-out, blurred and noisy specimen', () => {
    const s = sealSample(spec, 'specimen', { quality: 'specimen', dpi: 300 });
    const bad = degrade(s.rgb, 4, 30, 0.35);
    const v = verify(q, [prepareMark(bad, { kind: 'stamp', dpi: 300 })]);
    expect(v.outcome).toBe('specimen_quality_too_low');
    expect(v.score).toBeNull();
  });

  it('scores against a good specimen', () => {
    const s = sealSample(spec, 'specimen', { quality: 'specimen', dpi: 300 });
    const v = verify(q, [prepareMark(s.rgb, { kind: 'stamp', dpi: 300 })]);
    expect(v.outcome).toBe('scored');
    expect(v.score).not.toBeNull();
  });
});

describe('evidence images', () => {
  it('stamps: overlay, heat map and side by side have the expected sizes', async () => {
    const spec = sealSpec(20202);
    const s = prepareMark(sealSample(spec, 'specimen', { quality: 'specimen', dpi: 400 }).rgb, { kind: 'stamp', dpi: 400 });
    const q = prepareMark(sealSample(spec, 'q', { dpi: 200 }).rgb, { kind: 'stamp', dpi: 200 });
    const v = verify(q, [s]);
    const ev = await evidenceImages(q, s, v.aligned!, 2);
    for (const [buf, w, h] of [
      [ev.overlay, CANON * 2, CANON * 2],
      [ev.heatmap, CANON * 2, CANON * 2],
      [ev.sideBySide, (2 * CANON + 4) * 2, CANON * 2],
    ] as const) {
      const meta = await sharp(buf).metadata();
      expect([meta.format, meta.width, meta.height]).toEqual(['png', w, h]);
    }
    expect([ev.width, ev.height]).toEqual([CANON * 2, CANON * 2]);
  });

  it('signatures: overlay has the signature frame size', async () => {
    const w = signer(20203);
    const refs = [0, 1, 2].map((i) => prepareMark(signatureSample(w, 'genuine', `r${i}`, { dpi: 300 }).rgb, { kind: 'signature', dpi: 300 }));
    const q = prepareMark(signatureSample(w, 'genuine', 'q', { dpi: 300 }).rgb, { kind: 'signature', dpi: 300 });
    const v = verify(q, refs);
    const ev = await evidenceImages(q, refs[v.specimenIndex]!, v.aligned!, 1);
    const meta = await sharp(ev.overlay).metadata();
    expect([meta.width, meta.height]).toEqual([SIG_W, SIG_H]);
  });
});
