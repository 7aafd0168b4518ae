import { describe, expect, it } from 'vitest';
import { cer, corpusCer, levenshtein, normaliseText } from '../../../desk/ocr/cer.ts';

describe('character error rate', () => {
  it('normalises whitespace, compatibility forms, quotes and dashes, and nothing else', () => {
    expect(normaliseText('  A\tB \n\n C  ')).toBe('A B C');
    expect(normaliseText('ＨＳ　７３２４．１０')).toBe('HS 7324.10'); // full-width → ASCII (NFKC)
    expect(normaliseText('“O’Neil” – 5−3')).toBe('"O\'Neil" - 5-3');
    expect(normaliseText('Seoul 0 O')).toBe('Seoul 0 O'); // case and look-alikes are kept
    expect(normaliseText('원산지 증명서')).toBe('원산지 증명서');
  });
  it('counts insertions, deletions and substitutions over code points', () => {
    expect(levenshtein('kitten', 'sitting')).toBe(3);
    expect(levenshtein('', 'abc')).toBe(3);
    expect(levenshtein('원산지', '원신지')).toBe(1);
    expect(cer('HS 7324.10', 'HS 7324.1O').cer).toBeCloseTo(0.1);
    expect(cer('a  b', 'a\nb').errors).toBe(0);
    expect(cer('', '').cer).toBe(0);
    expect(cer('', 'x').cer).toBe(1);
    expect(cer('ABC', 'abc', { caseInsensitive: true }).cer).toBe(0);
  });
  it('pools pages by characters', () => {
    const r = corpusCer([
      { reference: 'abcdefghij', hypothesis: 'abcdefghij' },
      { reference: 'ab', hypothesis: 'xy' },
    ]);
    expect(r.errors).toBe(2);
    expect(r.cer).toBeCloseTo(2 / 12);
  });
});
