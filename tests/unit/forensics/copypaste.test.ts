import { describe, expect, it } from 'vitest';
import { prepareMark } from '../../../desk/forensics/align.ts';
import { ImpressionIndex } from '../../../desk/forensics/library.ts';
import { nearDuplicate } from '../../../desk/forensics/measures.ts';
import '../../../desk/forensics/synth/page.ts';
import { pastedSample, sealSample, sealSpec, type SealSample } from '../../../desk/forensics/synth/seals.ts';

const prep = (s: SealSample) => prepareMark(s.rgb, { kind: 'stamp', dpi: s.dpi });

describe('copy-paste detection', () => {
  for (const seed of [20101, 20102]) {
    const spec = sealSpec(seed);
    // the hard negative: two genuine impressions at the same resolution AND the same orientation
    const a = sealSample(spec, 'first', { dpi: 300, underlay: 'text', params: { rotationDeg: 4 } });
    const b = sealSample(spec, 'second', { dpi: 300, underlay: 'form', params: { rotationDeg: 4 } });
    const pa = prep(a);

    it(`flags a pixel-identical paste (seal ${seed})`, () => {
      const pasted = prep(pastedSample(a, 'p', { underlay: 'plain' }));
      const r = nearDuplicate(pasted, pa);
      expect(r.identical).toBe(true);
      expect(r.score).toBeGreaterThan(0.85);
    });

    it(`flags a paste over new print with light recompression noise (seal ${seed})`, () => {
      const pasted = prep(pastedSample(a, 'q', { underlay: 'text', jitter: 1.5 }));
      expect(nearDuplicate(pasted, pa).identical).toBe(true);
    });

    it(`does not flag two genuine impressions, even at the same orientation (seal ${seed})`, () => {
      const r = nearDuplicate(prep(b), pa);
      expect(r.identical).toBe(false);
      expect(r.score).toBeLessThan(0.6);
    });
  }

  it('finds the source of a paste across the store and nothing for a new impression', () => {
    const index = new ImpressionIndex();
    const specs = [20111, 20112, 20113].map((s) => sealSpec(s));
    const record = specs.map((spec) => sealSample(spec, 'on-record', { dpi: 300, underlay: 'form' }));
    record.forEach((r, i) => index.add(`doc-${i}`, prep(r)));
    const pasted = prep(pastedSample(record[1]!, 'paste'));
    expect(index.probe(pasted).map((p) => p.id)).toEqual(['doc-1']);
    const fresh = prep(sealSample(specs[1]!, 'new-one', { dpi: 300, underlay: 'text' }));
    expect(index.probe(fresh)).toEqual([]);
  });
});
