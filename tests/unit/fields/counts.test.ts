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

describe('a place of certification ending in its country', () => {
  it('takes the comma before the country that OCR lost; places without a country, or with the comma, stay', async () => {
    const { commaBeforeCountry } = await import('../../../desk/fields/normalise.ts');
    expect(commaBeforeCountry('SHANGHAI CHINA')).toBe('SHANGHAI, CHINA');
    expect(commaBeforeCountry('BANDAR SERI BEGAWAN BRUNEI DARUSSALAM')).toBe('BANDAR SERI BEGAWAN, BRUNEI DARUSSALAM');
    expect(commaBeforeCountry('SINGAPORE SINGAPORE')).toBe('SINGAPORE, SINGAPORE');
    for (const p of ['HONG KONG', 'HO CHI MINH CITY', 'SEOUL', 'DA NANG, VIETNAM', 'CEBU CITY']) expect(commaBeforeCountry(p)).toBe(p);
  });
});

describe('dates whose separators or ordinal OCR bent', () => {
  it('a comma or a space for one separator of a numeric date; a day whose suffix became other glyphs', async () => {
    const { normaliseDate } = await import('../../../desk/fields/normalise.ts');
    expect(normaliseDate('INVOICE NO. KMR-2024-5632 OF 2024.09,23')).toMatchObject({ value: '2024-09-23', uncertain: true });
    expect(normaliseDate('23,09.2024').value).toBe('2024-09-23');
    expect(normaliseDate('LBM-2025-2259 2025-08 30').value).toBe('2025-08-30');
    expect(normaliseDate('DATED 14714 MARCH 2026')).toMatchObject({ value: '2026-03-14', uncertain: true });
    expect(normaliseDate('DD. 297TH FEBRUARY 2024').value).toBe('2024-02-29');
    // amounts and other numbers are no dates
    for (const t of ['1,234.56', '12.345,67 USD', 'INVOICE 123 MAY 2024', '2024 MARCH 5']) expect(normaliseDate(t).value).toBeNull();
    expect(normaliseDate('14TH MARCH 2026')).toEqual({ value: '2026-03-14', ok: true });
    // a month's abbreviation one letter off, a year's leading 2 read as 7
    expect(normaliseDate('INV2579770 DD. 05 PEC 2025')).toMatchObject({ value: '2025-12-05', uncertain: true });
    expect(normaliseDate('DATED 20 NOV 7024').value).toBe('2024-11-20');
    expect(normaliseDate('12 ABC 2024').value).toBeNull();
    expect(normaliseDate('TOTAL 7045 KGS').value).toBeNull();
  });
});

describe('an HS code the nomenclature lacks', () => {
  it('is the one code a digit away, lookalike digits first, flagged; several or none: left invalid', async () => {
    const { normaliseHs } = await import('../../../desk/fields/normalise.ts');
    expect(normaliseHs('1208.94')).toMatchObject({ value: '1208.90', ok: true, uncertain: true });
    expect(normaliseHs('HS CODE: 8110.80')).toMatchObject({ value: '8110.90', ok: true, uncertain: true });
    // 4412.10 and 4412.41 both exist, a lookalike digit away
    expect(normaliseHs('4412.40')).toMatchObject({ value: '4412.40', ok: false });
    expect(normaliseHs('9999.99').ok).toBe(false);
    expect(normaliseHs('8504.22')).toEqual({ value: '8504.22', ok: true });
  });
});

describe('labels OCR bent in parties and goods', () => {
  it("an HS mention's label with its C read as '(' or its S as 8, and a '!' for its colon", async () => {
    const { findHsCodes } = await import('../../../desk/fields/normalise.ts');
    expect(findHsCodes('284 BUNDLES OF RUBBER (HS! 2914.12)').map((h) => h.value)).toEqual(['2914.12']);
    expect(findHsCodes('565 BAGS OF MACHINES HS (ODE: 8448.32').map((h) => h.value)).toEqual(['8448.32']);
    expect(findHsCodes('METHANE H,8, CODE: 3827.59').map((h) => h.value)).toEqual(['3827.59']);
    expect(findHsCodes('TOTAL 1234.56')).toEqual([]);
  });

  it("TEL's colon read as a semicolon, LTD's L as 1", async () => {
    const { normaliseParty } = await import('../../../desk/fields/normalise.ts');
    expect(normaliseParty('ACME CO., LTD. SEOUL KOREA TEL; +82 2 1234 5678').value).toBe('ACME CO., LTD. SEOUL KOREA TEL: +82 2 1234 5678');
    expect(normaliseParty('KHMER PRIDE GARMENT CO., 1.TD. PHNOM PENH SEZ').value).toBe('KHMER PRIDE GARMENT CO., LTD. PHNOM PENH SEZ');
    expect(normaliseParty('BERJAYA AUTO PARTS SDN, BHD. PLOT 88').value).toBe('BERJAYA AUTO PARTS SDN. BHD. PLOT 88');
    expect(normaliseParty("PT. MAJU BERSAMA PLASTICS 'TBK JL. GATOT SUBROTO").value).toBe('PT. MAJU BERSAMA PLASTICS TBK JL. GATOT SUBROTO');
    expect(normaliseParty("MEN'S WEAR 'A' GRADE").value).toBe("MEN'S WEAR 'A' GRADE");
  });
});

describe('carrier serials and flight codes', () => {
  it("a B/L number's first serial digit read twice; an airline code OZ read as digits", async () => {
    const { normaliseId, normaliseRoute } = await import('../../../desk/fields/normalise.ts');
    expect(normaliseId('HDMUA4452820927')).toMatchObject({ value: 'HDMU4452820927', uncertain: true });
    expect(normaliseId('HDMUO0147851697').value).toBe('HDMU0147851697');
    expect(normaliseId('HDMU4452820927')).toEqual({ value: 'HDMU4452820927', ok: true });
    expect(normaliseId('ABCDE12345678').value).toBe('ABCDE12345678'); // E is no digit's lookalike
    expect(normaliseRoute('BY AIR FLIGHT 02913')).toMatchObject({ value: 'BY AIR FLIGHT OZ913', uncertain: true });
    expect(normaliseRoute('FLIGHT 3K512 SINGAPORE').value).toBe('FLIGHT 3K512 SINGAPORE');
  });
});
