import { describe, expect, it } from 'vitest';
import { CANON, R0, prepareMark } from '../../../desk/forensics/align.ts';
import { gray } from '../../../desk/forensics/image.ts';
import { SpecimenIndex, identify, stampDescriptor, stampRerankBlob } from '../../../desk/forensics/library.ts';
import '../../../desk/forensics/synth/page.ts';
import { renderDesign, sealSample, sealSpec } from '../../../desk/forensics/synth/seals.ts';

/** A specimen's canonical image straight from its design (cheap index entries). */
function designCanon(seed: number) {
  const spec = sealSpec(seed);
  const radiusMm = spec.shape === 'round' ? spec.wMm / 2 : Math.hypot(spec.wMm, spec.hMm) / 2;
  const d = renderDesign(spec, (R0 / radiusMm) * 25.4, 0);
  const canon = gray(CANON, CANON);
  const off = Math.round((d.w - CANON) / 2);
  for (let y = 0; y < CANON; y++) for (let x = 0; x < CANON; x++) {
    const sx = x + off;
    const sy = y + off;
    if (sx >= 0 && sy >= 0 && sx < d.w && sy < d.h) canon.d[y * CANON + x] = d.d[sy * d.w + sx]!;
  }
  return { canon, sizeMm: 2 * radiusMm };
}

describe('specimen library', () => {
  const index = new SpecimenIndex();
  const blobs = new Map<string, Float32Array>();
  for (let i = 0; i < 200; i++) {
    const { canon, sizeMm } = designCanon(50000 + i);
    index.add(`S${i}`, stampDescriptor(canon), { kind: 'stamp', sizeMm, ink: 'red' });
    blobs.set(`S${i}`, stampRerankBlob(canon));
  }

  it('identifies the issuing seal of a rotated field impression among 200 specimens', async () => {
    for (const target of [17, 123]) {
      const q = sealSample(sealSpec(50000 + target), 'field', { dpi: 300, params: { rotationDeg: 133 } });
      const cands = await identify(prepareMark(q.rgb, { kind: 'stamp', dpi: 300 }), index, (id) => blobs.get(id) ?? null, 10);
      expect(cands[0]!.id).toBe(`S${target}`);
      expect(cands[0]!.exact).not.toBeNull();
    }
  });

  it('the descriptor does not depend on rotation', () => {
    const spec = sealSpec(50017);
    const a = prepareMark(sealSample(spec, 'x', { dpi: 300, params: { rotationDeg: 0 } }).rgb, { kind: 'stamp', dpi: 300 });
    const b = prepareMark(sealSample(spec, 'x', { dpi: 300, params: { rotationDeg: 77 } }).rgb, { kind: 'stamp', dpi: 300 });
    const da = stampDescriptor(a.canon);
    const db = stampDescriptor(b.canon);
    let dot = 0;
    for (let i = 0; i < da.length; i++) dot += da[i]! * db[i]!;
    expect(dot).toBeGreaterThan(0.97);
  });
});
