/**
 * Black seals, where colour tells nothing: a print of one in black toner is told by its ink's lack
 * of grain, and one under darker full-width print (an oval too) is found again and compared on its
 * own ink.
 */
import { describe, expect, it } from 'vitest';
import { prepareMark, type PreparedMark } from '../../../desk/forensics/align.ts';
import { printOcclusion, sealFootprint, specimenBox } from '../../../desk/forensics/measures.ts';
import '../../../desk/forensics/synth/page.ts';
import { printedSample, sealSample, sealSpec, type SealSpec } from '../../../desk/forensics/synth/seals.ts';
import { compareStamp, verify } from '../../../desk/forensics/verify.ts';
import type { Rgb } from '../../../desk/forensics/image.ts';
import { placeholders, reasonMessage, reasonMessageKey } from '../../../renderer/src/i18n/desk-messages.ts';
import { en } from '../../../renderer/src/i18n/en.ts';

const prep = (s: { rgb: Rgb; dpi: number }): PreparedMark => prepareMark(s.rgb, { kind: 'stamp', dpi: s.dpi });

describe('a black seal printed in black toner', () => {
  const spec: SealSpec = { ...sealSpec(20041), shape: 'round', hMm: sealSpec(20041).wMm, ink: 'black' };
  const specimen = prep(sealSample(spec, 'specimen', { quality: 'specimen', dpi: 600 }));
  const genuine = [0, 1, 2].map((k) => prep(sealSample(spec, `field-${k}`, { dpi: 300, underlay: 'plain' })));
  const prints = (['vector_flat', 'photocopy_mono'] as const).map((process) => prep(printedSample(spec, `print-${process}`, { dpi: 300, process })));

  it('has flat ink without the grain every genuine impression of the same seal shows', () => {
    const grainOf = (q: PreparedMark) => compareStamp(q, [specimen]).measures.grain;
    const least = Math.min(...genuine.map(grainOf));
    for (const p of prints) expect(grainOf(p)).toBeLessThan(least / 2);
  });

  it('scores clearly lower than the genuine impressions, with the flat ink among its reasons', () => {
    const scores = genuine.map((q) => verify(q, [specimen]).score!).sort((a, b) => a - b);
    for (const p of prints) {
      const v = verify(p, [specimen]);
      expect(v.score!).toBeLessThan(scores[1]! - 20);
      const reason = v.reasons.find((r) => r.code === 'stamp.no_grain')!;
      expect(reason).toBeDefined();
      // worded for the examiner in English and Korean, every value filled
      const key = reasonMessageKey(reason.code)!;
      for (const name of placeholders(en[key])) expect(reason.params?.[name]).toBeDefined();
      expect(reasonMessage('ko', reason)).toMatch(/[가-힣]/);
      expect(reasonMessage('ko', reason)).not.toMatch(/\{\w+\}/);
    }
  });
});

describe('a black seal with a blue signature across it', () => {
  const spec: SealSpec = { ...sealSpec(20041), shape: 'round', hMm: sealSpec(20041).wMm, ink: 'black' };
  const specimen = prep(sealSample(spec, 'specimen', { quality: 'specimen', dpi: 600 }));

  it('is compared in the seal’s black ink, not the pen’s blue the crop’s own estimate picks', () => {
    // (seed chosen so that the crop's most coloured ink is the signature's)
    const query = prep(sealSample(spec, 'signed-1', { dpi: 300, underlay: 'signature' }));
    expect(query.ink.name).toBe('blue');
    const { measures, query: used } = compareStamp(query, [specimen]);
    expect(used.ink.name).toBe('black');
    expect(measures.corr).toBeGreaterThan(0.8);
    expect(measures.colourDiff).toBe(0);
  });
});

describe('a dark oval seal under full-width text', () => {
  const base = sealSpec(20052);
  const spec: SealSpec = { ...base, shape: 'oval', wMm: 48, hMm: 33, bottomText: '', ink: 'black' };
  const specimen = prep(sealSample(spec, 'specimen', { quality: 'specimen', dpi: 400 }));
  const sample = sealSample(spec, 'field', { dpi: 300, underlay: 'text', params: { inkAmount: 0.6, pressure: 0.8, tilt: 0.05, smudge: 0 } });
  const query = prep(sample);

  it('is found again and aligned on its own ink, not on the print', () => {
    // the outline fit of the crop takes the text for the seal
    expect(query.sizeMm.diameter / specimen.sizeMm.diameter).toBeGreaterThan(1.2);
    const { measures, alignment, query: used } = compareStamp(query, [specimen]);
    expect(used).not.toBe(query);
    expect(alignment.correlation).toBeGreaterThan(0.6);
    expect(Math.abs(measures.sizeLog)).toBeLessThan(0.02);
    const f = query.workScale;
    const at = sealFootprint(alignment.transform);
    expect(Math.hypot(at.cx - sample.cx * f, at.cy - sample.cy * f)).toBeLessThan(0.05 * at.r);
    // print rows beside the oval's middle are seen only with its outline box, not its corner circle
    const box = specimenBox(specimen, alignment.transform);
    expect(box).toBeDefined();
    expect(measures.printIgnored).toBeGreaterThan(0.05);
    expect(measures.extraInk).toBeLessThan(0.05);
    expect(printOcclusion(used, { ...at, box })).not.toBeNull();
  });

  it('scores as consistent with its specimen', () => {
    expect(verify(query, [specimen]).score!).toBeGreaterThan(50);
  });
});
