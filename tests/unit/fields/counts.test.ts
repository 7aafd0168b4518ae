import { describe, expect, it } from 'vitest';
import { misreadFigures, numberWords, parseNumberWords, reconcileCartonNumbers, reconcileCount } from '../../../desk/fields/counts.ts';
import { normaliseMarks } from '../../../desk/fields/normalise.ts';

describe('numbers in words', () => {
  it('writes and reads counts up to a million, with or without AND', () => {
    expect(numberWords(634).join(' ')).toBe('SIX HUNDRED THIRTY FOUR');
    expect(numberWords(1228).join(' ')).toBe('ONE THOUSAND TWO HUNDRED TWENTY EIGHT');
    expect(numberWords(19).join(' ')).toBe('NINETEEN');
    for (const n of [1, 12, 20, 101, 110, 999, 1000, 40_015, 999_999]) expect(parseNumberWords(numberWords(n))).toBe(n);
    expect(parseNumberWords('ONE HUNDRED AND ONE'.split(' '))).toBe(101);
  });

  it('refuses words that are no well-formed number', () => {
    expect(parseNumberWords(['TWENTY', 'HUNDRED'])).toBeNull();
    expect(parseNumberWords(['FOUR', 'SIX'])).toBeNull();
    expect(parseNumberWords(['TWELVE', 'THREE'])).toBeNull();
    expect(parseNumberWords(['AND'])).toBeNull();
    expect(() => numberWords(1_000_000)).toThrow(RangeError);
  });

  it('tells a misreading of figures from other figures', () => {
    expect(misreadFigures('204', '284')).toBe(true); // 0 for 8
    expect(misreadFigures('74)', '741')).toBe(true); // no digit at all
    expect(misreadFigures('#911', '6911')).toBe(true);
    expect(misreadFigures('594', '483')).toBe(false);
    expect(misreadFigures('222', '284')).toBe(false);
    expect(misreadFigures('49', '491')).toBe(true); // a digit lost
    expect(misreadFigures('48', '491')).toBe(false);
    expect(misreadFigures('4', '41')).toBe(false); // too short to tell
    expect(misreadFigures('4491', '491')).toBe(true);
  });
});

describe('a count stated in words and in figures', () => {
  it('bent number words the figures confirm are written out right', () => {
    expect(reconcileCount('SLX HUNDRED THIRTY FOUR (634) CRATES OF HAIR')).toMatchObject({ value: 'SIX HUNDRED THIRTY FOUR (634) CRATES OF HAIR', count: 634 });
    expect(reconcileCount('708 (SEVEN HUNDRED FIGHT) CARTONS OF JUICE')).toMatchObject({ value: '708 (SEVEN HUNDRED EIGHT) CARTONS OF JUICE', count: 708 });
    expect(reconcileCount('POUR HUNDRED NINETY ONF (491) BAGS').value).toBe('FOUR HUNDRED NINETY ONE (491) BAGS');
  });

  it('a bracket OCR lost around the figures after number words is put back', () => {
    const c = reconcileCount('SEVEN HUNDRED TEN 710) DRUMS OF IRON');
    expect(c).toMatchObject({ value: 'SEVEN HUNDRED TEN (710) DRUMS OF IRON', count: 710 });
    expect(c.changes).toContain('710) → (710), the bracket OCR lost');
    expect(reconcileCount('FIVE HUNDRED (50O DRUMS').value).toBe('FIVE HUNDRED (500) DRUMS');
    // figures without number words before them are no count in brackets
    expect(reconcileCount('PARTS HS 8479) OF MACHINES').value).toBe('PARTS HS 8479) OF MACHINES');
  });

  it('figures that misread the count the words spell take it; figures that disagree otherwise stay', () => {
    const c = reconcileCount('741 (SEVEN HUNDRED FORTY ONE) CRATES'.replace('741', '74l'));
    expect(c.value).toBe('741 (SEVEN HUNDRED FORTY ONE) CRATES');
    expect(c.changes[0]).toMatch(/as the words spell it/);
    expect(reconcileCount('TWELVE (13) CASES').value).toBe('TWELVE (12) CASES');
    // 250 is no misreading of TWELVE: the document says two things, the officer decides
    expect(reconcileCount('TWELVE (250) CASES')).toEqual({ value: 'TWELVE (250) CASES', count: 250, changes: [] });
  });

  it('a count in figures alone, or none, is reported as it stands', () => {
    expect(reconcileCount('284 BUNDLES OF RUBBER')).toEqual({ value: '284 BUNDLES OF RUBBER', count: 284, changes: [] });
    expect(reconcileCount('MACHINERY PARTS (HS 8479)')).toEqual({ value: 'MACHINERY PARTS (HS 8479)', count: null, changes: [] });
  });
});

describe("shipping marks' carton numbers", () => {
  it('a last carton number misread from the package count takes the count', () => {
    expect(reconcileCartonNumbers('TATE/YANGON C/NO. 1-204', 284).value).toBe('TATE/YANGON C/NO. 1-284');
    expect(reconcileCartonNumbers('X C/NO. 1.491 MADE IN KOREA', 491).value).toBe('X C/NO. 1-491 MADE IN KOREA');
    expect(reconcileCartonNumbers('SIMA/TIANJIN C/NO. 1 543 MADE IN MALAYSIA', 543).value).toBe('SIMA/TIANJIN C/NO. 1-543 MADE IN MALAYSIA');
    // a lost hyphen is put back only where the count confirms the range
    expect(reconcileCartonNumbers('SIMA/TIANJIN C/NO. 1 543', 600).value).toBe('SIMA/TIANJIN C/NO. 1 543');
    expect(reconcileCartonNumbers('X C/NO. 1-74)', 741).value).toBe('X C/NO. 1-741');
  });

  it('carton numbers that are no misreading of the count, or no count, leave the marks alone', () => {
    expect(reconcileCartonNumbers('MIAN/HAMBURG C/NO. 1-594', 483)).toEqual({ value: 'MIAN/HAMBURG C/NO. 1-594', change: null });
    expect(reconcileCartonNumbers('N/M', 12)).toEqual({ value: 'N/M', change: null });
    expect(reconcileCartonNumbers('X C/NO. 1-204', null).change).toBeNull();
  });

  it('a bent MADE before IN and a country is MADE', () => {
    expect(normaliseMarks('SIFI/PORT C/NO. 1-456 MADDIE IN CHINA')).toMatchObject({ value: 'SIFI/PORT C/NO. 1-456 MADE IN CHINA', uncertain: true });
    expect(normaliseMarks('X MANE IN KOREA').value).toBe('X MADE IN KOREA');
    expect(normaliseMarks('ABC/DEF SOLD IN JAPAN').value).toBe('ABC/DEF SOLD IN JAPAN');
  });
});
