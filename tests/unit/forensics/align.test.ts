import { describe, expect, it } from 'vitest';
import { align, prepareMark } from '../../../desk/forensics/align.ts';
import '../../../desk/forensics/synth/page.ts';
import { sealSample, sealSpec } from '../../../desk/forensics/synth/seals.ts';
import { signatureSample, signer } from '../../../desk/forensics/synth/signatures.ts';

const angleDiff = (a: number, b: number) => Math.abs(((a - b + 540) % 360) - 180);

describe('alignment', () => {
  // round (2 seeds), then whatever shapes seeds 3 and 4 give (rect/oval included in the generator mix)
  it.each([
    [20001, 37, 300, 240],
    [20002, -128, 300, 300],
    [20003, 81, 400, 200],
  ])('recovers a known rotation (±1°) and scale (±2 %%) of seal %i', (seed, rot, specDpi, queryDpi) => {
    const spec = sealSpec(seed);
    const s = sealSample(spec, 'specimen', { quality: 'specimen', dpi: specDpi, params: { rotationDeg: 0 } });
    const q = sealSample(spec, 'query', { dpi: queryDpi, underlay: 'text', params: { rotationDeg: rot, scaleError: 0 } });
    const a = align(prepareMark(q.rgb, { kind: 'stamp', dpi: q.dpi }), prepareMark(s.rgb, { kind: 'stamp', dpi: s.dpi }));
    expect(angleDiff(a.rotationDeg, rot - s.rotationDeg)).toBeLessThan(1);
    // pixel scale follows the resolutions; the physical scale of the same seal is 1
    const expected = Math.min(queryDpi, 300) / Math.min(specDpi, 300);
    expect(Math.abs(a.scale / expected - 1)).toBeLessThan(0.02);
    expect(Math.abs(a.physicalScale - 1)).toBeLessThan(0.02);
  });

  it('recovers a known physical scale (a seal engraved 6 % larger)', () => {
    const spec = sealSpec(20004);
    const big = { ...spec, wMm: spec.wMm * 1.06, hMm: spec.hMm * 1.06, textCap: spec.textCap * 1.06, textInset: spec.textInset * 1.06, innerCap: spec.innerCap * 1.06, strokeMm: spec.strokeMm * 1.06, rings: spec.rings.map((r) => ({ inset: r.inset * 1.06, width: r.width * 1.06 })) };
    const s = sealSample(spec, 'specimen', { quality: 'specimen', dpi: 300 });
    const q = sealSample(big, 'query', { dpi: 300, params: { rotationDeg: 150, scaleError: 0 } });
    const a = align(prepareMark(q.rgb, { kind: 'stamp', dpi: q.dpi }), prepareMark(s.rgb, { kind: 'stamp', dpi: s.dpi }));
    expect(Math.abs(a.physicalScale / 1.06 - 1)).toBeLessThan(0.02);
  });

  it('aligns two signatures of one writer better than signatures of two writers', () => {
    const w = signer(20005);
    const ref = prepareMark(signatureSample(w, 'genuine', 'a', { dpi: 300 }).rgb, { kind: 'signature', dpi: 300 });
    const same = prepareMark(signatureSample(w, 'genuine', 'b', { dpi: 300 }).rgb, { kind: 'signature', dpi: 300 });
    const other = prepareMark(signatureSample(signer(20006), 'genuine', 'b', { dpi: 300 }).rgb, { kind: 'signature', dpi: 300 });
    expect(align(same, ref).correlation).toBeGreaterThan(align(other, ref).correlation + 0.1);
  });
});
