/**
 * Per forgery class, a forged mark scores clearly lower than a typical genuine impression (the
 * median of three) of the same specimen, on several held-out seeds (never used for calibration).
 */
import { describe, expect, it } from 'vitest';
import { prepareMark, type PreparedMark } from '../../../desk/forensics/align.ts';
import { signatureCase, stampCase, type SignatureCaseClass, type StampCaseClass } from '../../../desk/forensics/dataset.ts';
import { verify } from '../../../desk/forensics/verify.ts';

const SEEDS = [40001, 40002];
const prepStamp = (s: { rgb: import('../../../desk/forensics/image.ts').Rgb; dpi: number }) => prepareMark(s.rgb, { kind: 'stamp', dpi: s.dpi });

describe('stamp forgeries score clearly lower than genuine impressions', () => {
  for (const seed of SEEDS) {
    const cache: { specimen?: PreparedMark; record?: PreparedMark; genuine?: number } = {};
    const setup = () => {
      if (cache.genuine !== undefined) return cache as Required<typeof cache>;
      // the typical genuine impression: the median of three (one impression may be light, partial or smudged)
      const scores: number[] = [];
      for (let k = 0; k < 3; k++) {
        const g = stampCase(seed, 'genuine', k);
        cache.specimen ??= prepStamp(g.specimen);
        cache.record ??= prepStamp(g.onRecord[0]!);
        const v = verify(prepStamp(g.query), [cache.specimen], { onRecord: [{ id: 'record-1', mark: cache.record }] });
        expect(v.outcome).toBe('scored');
        scores.push(v.score!);
      }
      cache.genuine = scores.sort((a, b) => a - b)[1]!;
      return cache as Required<typeof cache>;
    };
    const classes: Exclude<StampCaseClass, 'genuine'>[] = ['reengraved', 'wrong_diameter', 'other_authority', 'printed_copy', 'pasted_copy'];
    for (const cls of classes) {
      it(`${cls} (authority ${seed})`, () => {
        const { specimen, record, genuine } = setup();
        const c = stampCase(seed, cls, 0);
        const v = verify(prepStamp(c.query), [specimen], { onRecord: [{ id: 'record-1', mark: record }] });
        expect(v.outcome).toBe('scored');
        expect(v.score!).toBeLessThan(genuine - 20);
        expect(v.reasons.length).toBeGreaterThan(0);
        if (cls === 'pasted_copy') {
          expect(v.duplicateOf).not.toBeNull();
          expect(v.reasons[0]!.text).toMatch(/pixel-identical/);
        }
        if (cls === 'wrong_diameter') expect(v.reasons.map((r) => r.text).join(' ')).toMatch(/diameter .* mm vs .* mm/);
      });
    }
  }
});

describe('signature forgeries score clearly lower than genuine signatures', () => {
  for (const seed of SEEDS) {
    let refs: PreparedMark[] | null = null;
    let genuine = 0;
    const setup = () => {
      if (refs) return;
      const g = signatureCase(seed, 'genuine', 0);
      refs = g.references.map((r) => prepareMark(r.rgb, { kind: 'signature', dpi: r.dpi }));
      genuine = verify(prepareMark(g.query.rgb, { kind: 'signature', dpi: g.query.dpi }), refs).score!;
    };
    for (const cls of ['simulated_signature', 'other_signer'] as Exclude<SignatureCaseClass, 'genuine'>[]) {
      it(`${cls} (writer ${seed})`, () => {
        setup();
        const c = signatureCase(seed, cls, 0);
        const v = verify(prepareMark(c.query.rgb, { kind: 'signature', dpi: c.query.dpi }), refs!);
        expect(v.score!).toBeLessThan(genuine - 20);
      });
    }
  }
});
