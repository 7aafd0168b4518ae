/**
 * A black (or near-black) seal over black print cannot be separated from the print by colour. The
 * print is told apart by where it goes — it runs on past the seal's rim, the seal's own lettering
 * never does — and, where the outline fit took the whole crop, the seal is found again from the
 * specimen's rings.
 */
import { describe, expect, it } from 'vitest';
import { prepareGuided, prepareMark, type PreparedMark } from '../../../desk/forensics/align.ts';
import { stampCase } from '../../../desk/forensics/dataset.ts';
import { printOcclusion, sealFootprint } from '../../../desk/forensics/measures.ts';
import '../../../desk/forensics/synth/page.ts';
import { forgeSpec, sealSample, sealSpec } from '../../../desk/forensics/synth/seals.ts';
import { compareStamp, verify } from '../../../desk/forensics/verify.ts';
import type { Rgb } from '../../../desk/forensics/image.ts';

const prep = (s: { rgb: Rgb; dpi: number }): PreparedMark => prepareMark(s.rgb, { kind: 'stamp', dpi: s.dpi });

describe('print under a black seal', () => {
  const spec = { ...sealSpec(20031), shape: 'round' as const, hMm: sealSpec(20031).wMm, ink: 'black' as const };
  const specimen = prep(sealSample(spec, 'specimen', { quality: 'specimen', dpi: 300 }));
  const params = { inkAmount: 0.85, pressure: 0.85, tilt: 0.05, smudge: 0 };
  const genuine = prep(sealSample(spec, 'field', { dpi: 300, underlay: 'text', params }));

  it('takes the rows of text that run on past the rim for print, not for ink off the specimen', () => {
    const { measures, alignment } = compareStamp(genuine, [specimen]);
    const occ = printOcclusion(genuine, sealFootprint(alignment.transform));
    expect(occ).not.toBeNull();
    expect(measures.printIgnored).toBeGreaterThan(0.01);
    expect(measures.extraInk).toBeLessThan(0.03);
    // a clean specimen has no print beside it
    expect(printOcclusion(specimen, sealFootprint(specimen.toCanon))).toBeNull();
  });

  it('scores the genuine impression over print far above a re-engraved seal over the same print', () => {
    const forged = prep(sealSample(forgeSpec(spec, 'reengraved', 'p'), 'field', { dpi: 300, underlay: 'text', params }));
    const g = verify(genuine, [specimen]);
    const f = verify(forged, [specimen]);
    expect(g.band).toBe('consistent');
    expect(f.score!).toBeLessThan(g.score! - 20);
  });
});

describe('an outline lost in dense print', () => {
  // held-out case: a dark seal over full-width text, whose own outline fit measured ~99 mm for a 46 mm seal
  const c = stampCase(10010, 'genuine', 1);
  const specimen = prep(c.specimen);
  const query = prep(c.query);

  it('is found again from the specimen’s rings, at the seal’s true size', () => {
    expect(query.sizeMm.diameter / specimen.sizeMm.diameter).toBeGreaterThan(1.3);
    const guided = prepareGuided(query, specimen)!;
    expect(guided).not.toBeNull();
    expect(Math.abs(Math.log(guided.sizeMm.diameter / specimen.sizeMm.diameter))).toBeLessThan(0.15);
    // the truth: the seal's centre in the crop
    const f = query.workScale;
    expect(Math.hypot(guided.outline.cx - c.query.cx * f, guided.outline.cy - c.query.cy * f)).toBeLessThan(0.1 * guided.outline.radius);
    const { measures } = compareStamp(query, [specimen]);
    expect(Math.abs(measures.sizeLog)).toBeLessThan(0.02);
  });
});
