import { describe, expect, it } from 'vitest';
import { setHsNomenclaturePath, defaultHsNomenclaturePath } from '../../../desk/fields/hs.ts';
import {
  commaBeforeCountry, detectDateOrder, isMonthAndYear, lostDecimalPoint, detectNumberConvention, findHsCodes, normaliseCountry, normaliseCurrency, normaliseDate, normaliseHs,
  normaliseId, normaliseIncoterm, normaliseNumber, normaliseOriginCriterion, normaliseParty, normaliseRoute, normaliseWeight,
} from '../../../desk/fields/normalise.ts';
import { existsSync } from 'node:fs';

describe('normaliseDate', () => {
  it.each([
    ['2026-03-14', '2026-03-14'],
    ['14/03/2026', '2026-03-14'],
    ['14.03.2026', '2026-03-14'],
    ['14 MAR 2026', '2026-03-14'],
    ['14-Mar-2026', '2026-03-14'],
    ['March 14, 2026', '2026-03-14'],
    ['MAR. 14, 2026', '2026-03-14'],
    ['14th March 2026', '2026-03-14'],
    ['2026.03.14', '2026-03-14'],
    ['2026年3月14日', '2026-03-14'],
    ['2026년 3월 14일', '2026-03-14'],
    ['DATED 05 JUN 2025', '2025-06-05'],
    ['SHANGHAI, CHINA, 16 MAR 2026', '2026-03-16'],
    ['1O/O3/2O26', '2026-03-10'], // OCR'd O for 0
  ])('%s → %s', (text, iso) => {
    expect(normaliseDate(text).value).toBe(iso);
  });

  it('reads an ambiguous day/month as day first and flags it; context settles it', () => {
    const r = normaliseDate('03/04/2026');
    expect(r).toMatchObject({ value: '2026-04-03', ok: true, uncertain: true });
    expect(r.note).toMatch(/day and month/);
    expect(normaliseDate('03/04/2026', { order: 'mdy' }).value).toBe('2026-03-04');
    expect(detectDateOrder(['invoice 25/12/2025', 'shipped 03/04/2026'])).toBe('dmy');
    expect(detectDateOrder(['12/25/2025'])).toBe('mdy');
  });

  it.each(['31/02/2026', '2026-13-01', 'no date here', ''])('rejects %j', (text) => {
    expect(normaliseDate(text)).toMatchObject({ value: null, ok: false });
  });
});

describe('normaliseNumber (both decimal conventions)', () => {
  it.each([
    ['1,234.56', '1234.56'],
    ['1.234,56', '1234.56'],
    ['12,345,678.90', '12345678.90'],
    ['12.345.678,90', '12345678.90'],
    ['USD 12,345.60', '12345.60'],
    ['€ 1.234,50', '1234.50'],
    ['12345,6', '12345.6'],
    ['0.75', '0.75'],
    ['1 234.56', '1'], // a space separates numbers
    ['1\u00a0234,56', '1234.56'], // a no-break space groups them
    ["1'234.50", '1234.50'],
  ])('%s → %s', (text, want) => {
    expect(normaliseNumber(text).value).toBe(want);
  });

  it('decides "1.200" / "1,200" by the document convention', () => {
    expect(normaliseNumber('1.200', { convention: 'comma' }).value).toBe('1200');
    expect(normaliseNumber('1,200', { convention: 'comma' }).value).toBe('1.200');
    expect(normaliseNumber('1,200', { convention: 'dot' }).value).toBe('1200');
    expect(normaliseNumber('1.200', { convention: 'dot' }).value).toBe('1.200');
    expect(normaliseNumber('1,200')).toMatchObject({ value: '1200', uncertain: true });
  });

  it('detects the convention of a document', () => {
    expect(detectNumberConvention(['TOTAL 1.234,56', 'HS 7318.15'])).toBe('comma');
    expect(detectNumberConvention(['TOTAL 1,234.56'])).toBe('dot');
    expect(detectNumberConvention(['7318.15', '14.03.2026'])).toBeNull();
  });

  it('weights keep their unit', () => {
    expect(normaliseWeight('G.W. 1,250.50 KGS').value).toBe('1250.50 KG');
    expect(normaliseWeight('1.250,50 KG', { convention: 'comma' }).value).toBe('1250.50 KG');
    expect(normaliseWeight('GW: 12.50KG').value).toBe('12.50 KG');
    expect(normaliseWeight('3 MT').value).toBe('3 MT');
    expect(normaliseWeight('9.868,28', { convention: 'comma', defaultUnit: 'KG' }).value).toBe('9868.28 KG');
  });
});

describe('normaliseCurrency', () => {
  it.each([
    ['USD', 'USD'], ['US$ 1,000.00', 'USD'], ['US DOLLARS', 'USD'], ['€ 12', 'EUR'], ['EURO', 'EUR'], ['RMB 100', 'CNY'],
    ['人民币', 'CNY'], ['美元', 'USD'], ['KRW 1,000', 'KRW'], ['₩1,000,000', 'KRW'], ['원화', 'KRW'], ['S$ 10', 'SGD'],
    ['SINGAPORE DOLLARS', 'SGD'], ['JPY', 'JPY'], ['£5', 'GBP'], ['฿ 100', 'THB'], ['RM 50', 'MYR'],
  ])('%s → %s', (text, iso) => {
    expect(normaliseCurrency(text).value).toBe(iso);
  });
  it('resolves ¥ by country and says when it guessed', () => {
    expect(normaliseCurrency('¥ 100', { country: 'JP' }).value).toBe('JPY');
    expect(normaliseCurrency('¥ 100', { country: 'CN' }).value).toBe('CNY');
    expect(normaliseCurrency('¥ 100')).toMatchObject({ value: 'CNY', uncertain: true });
  });
});

describe('normaliseCountry (English, Korean, Chinese, codes)', () => {
  it.each([
    ['CHINA', 'CN'], ["PEOPLE'S REPUBLIC OF CHINA", 'CN'], ['P.R. CHINA', 'CN'], ['中国', 'CN'], ['中华人民共和国', 'CN'], ['중국', 'CN'],
    ['KOREA', 'KR'], ['REPUBLIC OF KOREA', 'KR'], ['KOREA, REPUBLIC OF', 'KR'], ['대한민국', 'KR'], ['한국', 'KR'], ['韩国', 'KR'], ['大韩民国', 'KR'],
    ['VIET NAM', 'VN'], ['VIETNAM', 'VN'], ['베트남', 'VN'], ['越南', 'VN'], ['LAO PDR', 'LA'], ['老挝', 'LA'],
    ['泰国', 'TH'], ['태국', 'TH'], ['日本', 'JP'], ['일본', 'JP'], ['马来西亚', 'MY'], ['GERMANY', 'DE'], ['독일', 'DE'], ['德国', 'DE'],
    ['KR', 'KR'], ['KOR', 'KR'], ['VNM', 'VN'], ['U.S.A.', 'US'], ['BUSAN, KOREA', 'KR'], ['HO CHI MINH CITY, VIETNAM', 'VN'],
  ])('%s → %s', (text, code) => {
    expect(normaliseCountry(text).value).toBe(code);
  });
  it('reads an OCR-misspelt name, flagged', () => {
    expect(normaliseCountry('MALAYSlA')).toMatchObject({ value: 'MY', uncertain: true });
  });
  it('rejects what is not a country', () => {
    expect(normaliseCountry('STAINLESS STEEL BOLTS')).toMatchObject({ value: null, ok: false });
  });
});

describe('normaliseHs', () => {
  it.each([
    ['7318.15', '7318.15'], ['731815', '7318.15'], ['7318.15.00', '7318.15'], ['7318.15.9000', '7318.15'], ['7318 15', '7318.15'],
    ['HS CODE: 8471.30', '8471.30'], ['H.S. NO. 847130', '8471.30'], ['HS: 0901.11.00', '0901.11'],
  ])('%s → %s', (text, code) => {
    expect(normaliseHs(text)).toMatchObject({ value: code, ok: true });
  });
  it.each([
    ['9901.00', /chapter 99 does not exist/],
    ['0012.34', /chapter 00 does not exist/],
    ['7701.10', /chapter 77 is reserved/],
    ['9801.10', /chapter 98/],
  ])('bad chapter %s is invalid', (text, note) => {
    const r = normaliseHs(text);
    expect(r.ok).toBe(false);
    expect(r.note).toMatch(note);
  });
  it('a 4-digit heading alone is flagged', () => {
    expect(normaliseHs('7318')).toMatchObject({ value: '7318', ok: false });
  });
  it.runIf(existsSync(defaultHsNomenclaturePath()))('checks subheadings against the HS 2022 nomenclature when the file is there', () => {
    expect(normaliseHs('7318.15').ok).toBe(true);
    expect(normaliseHs('7318.99')).toMatchObject({ ok: false, note: expect.stringMatching(/subheading 7318\.99 does not exist/) });
    expect(normaliseHs('0199.10')).toMatchObject({ ok: false, note: expect.stringMatching(/heading 01\.99/) });
    setHsNomenclaturePath(null);
    try {
      expect(normaliseHs('7318.99')).toMatchObject({ ok: true, note: expect.stringMatching(/no nomenclature/) });
    } finally {
      setHsNomenclaturePath(undefined);
    }
  });
});

describe('Incoterms and origin criteria', () => {
  it.each([
    ['FOB SHANGHAI', 'FOB'], ['CIF BUSAN INCOTERMS 2020', 'CIF'], ['C&F HAMBURG', 'CFR'], ['CNF', 'CFR'], ['F.O.B. NINGBO', 'FOB'],
    ['EX WORKS', 'EXW'], ['DAT ROTTERDAM', 'DPU'], ['ddp seoul', 'DDP'],
  ])('%s → %s', (text, code) => {
    expect(normaliseIncoterm(text).value).toBe(code);
  });
  it('rejects a non-rule', () => {
    expect(normaliseIncoterm('T/T 30 DAYS').ok).toBe(false);
  });
  it.each([
    ['WO', 'WO'], ['PE', 'PE'], ['RVC 40%', 'RVC 40%'], ['RVC40%', 'RVC 40%'], ['RVC 45 %', 'RVC 45%'], ['45%', 'RVC 45%'], ['CTH', 'CTH'],
    ['CTSH', 'CTSH'], ['RVC', 'RVC'], ['ACU', 'ACU'], ['"P"', 'P'], ['"W" 96.18', 'W 96.18'], ['W9618', 'W 96.18'], ['W 6109', 'W 61.09'], ['F', 'F'],
  ])('origin criterion %s → %s', (text, want) => {
    expect(normaliseOriginCriterion(text)).toMatchObject({ value: want, ok: true });
  });
  it('an unknown criterion is invalid', () => {
    expect(normaliseOriginCriterion('XYZ 12').ok).toBe(false);
  });
  it('identifiers lose spaces and a leading No.', () => {
    expect(normaliseId('No. A 123 456').value).toBe('A123456');
    expect(normaliseId('  e2632 0001 ').value).toBe('E26320001');
  });
});

describe('a place of certification ending in its country', () => {
  it('takes the comma before the country that OCR lost; places without a country, or with the comma, stay', () => {
    expect(commaBeforeCountry('SHANGHAI CHINA')).toBe('SHANGHAI, CHINA');
    expect(commaBeforeCountry('BANDAR SERI BEGAWAN BRUNEI DARUSSALAM')).toBe('BANDAR SERI BEGAWAN, BRUNEI DARUSSALAM');
    expect(commaBeforeCountry('SINGAPORE SINGAPORE')).toBe('SINGAPORE, SINGAPORE');
    for (const p of ['HONG KONG', 'HO CHI MINH CITY', 'SEOUL', 'DA NANG, VIETNAM', 'CEBU CITY']) expect(commaBeforeCountry(p)).toBe(p);
  });
});

describe('dates whose separators or ordinal OCR bent', () => {
  it('a comma or a space for one separator of a numeric date; a day whose suffix became other glyphs', () => {
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
  it('is the one code a digit away, lookalike digits first, flagged; several or none: left invalid', () => {
    expect(normaliseHs('1208.94')).toMatchObject({ value: '1208.90', ok: true, uncertain: true });
    expect(normaliseHs('HS CODE: 8110.80')).toMatchObject({ value: '8110.90', ok: true, uncertain: true });
    // 4412.10 and 4412.41 both exist, a lookalike digit away
    expect(normaliseHs('4412.40')).toMatchObject({ value: '4412.40', ok: false });
    expect(normaliseHs('9999.99').ok).toBe(false);
    expect(normaliseHs('8504.22')).toEqual({ value: '8504.22', ok: true });
  });
});

describe('labels OCR bent in parties and goods', () => {
  it("an HS mention's label with its C read as '(' or its S as 8, and a '!' for its colon", () => {
    expect(findHsCodes('284 BUNDLES OF RUBBER (HS! 2914.12)').map((h) => h.value)).toEqual(['2914.12']);
    expect(findHsCodes('565 BAGS OF MACHINES HS (ODE: 8448.32').map((h) => h.value)).toEqual(['8448.32']);
    expect(findHsCodes('METHANE H,8, CODE: 3827.59').map((h) => h.value)).toEqual(['3827.59']);
    expect(findHsCodes('CASES OF MACHINE-TOOLS HS: B45941').map((h) => h.value)).toEqual(['8459.41']);
    expect(findHsCodes('SHELLED HLS. CONE: 0713.32.00').map((h) => h.value)).toEqual(['0713.32']);
    expect(findHsCodes('CASH REGISTERS 11S CODE: 8470.50').map((h) => h.value)).toEqual(['8470.50']);
    expect(findHsCodes('HS: BOXES 123456')).toEqual([]);
    expect(findHsCodes('TOTAL 1234.56')).toEqual([]);
  });

  it("TEL's colon read as a semicolon, LTD's L as 1", () => {
    expect(normaliseParty('ACME CO., LTD. SEOUL KOREA TEL; +82 2 1234 5678').value).toBe('ACME CO., LTD. SEOUL KOREA TEL: +82 2 1234 5678');
    expect(normaliseParty('KHMER PRIDE GARMENT CO., 1.TD. PHNOM PENH SEZ').value).toBe('KHMER PRIDE GARMENT CO., LTD. PHNOM PENH SEZ');
    expect(normaliseParty('BERJAYA AUTO PARTS SDN, BHD. PLOT 88').value).toBe('BERJAYA AUTO PARTS SDN. BHD. PLOT 88');
    expect(normaliseParty("PT. MAJU BERSAMA PLASTICS 'TBK JL. GATOT SUBROTO").value).toBe('PT. MAJU BERSAMA PLASTICS TBK JL. GATOT SUBROTO');
    expect(normaliseParty("MEN'S WEAR 'A' GRADE").value).toBe("MEN'S WEAR 'A' GRADE");
  });
});

describe('carrier serials and flight codes', () => {
  it("a B/L number's first serial digit read twice; an airline code OZ read as digits", () => {
    expect(normaliseId('HDMUA4452820927')).toMatchObject({ value: 'HDMU4452820927', uncertain: true });
    expect(normaliseId('HDMUO0147851697').value).toBe('HDMU0147851697');
    expect(normaliseId('HDMU4452820927')).toEqual({ value: 'HDMU4452820927', ok: true });
    expect(normaliseId('ABCDE12345678').value).toBe('ABCDE12345678'); // E is no digit's lookalike
    expect(normaliseRoute('BY AIR FLIGHT 02913')).toMatchObject({ value: 'BY AIR FLIGHT OZ913', uncertain: true });
    expect(normaliseRoute('FLIGHT 3K512 SINGAPORE').value).toBe('FLIGHT 3K512 SINGAPORE');
  });
});

describe('a date missing its day', () => {
  it('a month and a year alone are told from dates and from other text', () => {
    for (const t of ['August 2025', 'AUG. 2025', ' September, 2024 ']) expect(isMonthAndYear(t)).toBe(true);
    for (const t of ['17th August 2025', 'AUGUST', 'MAY 25', 'SITC HAIPHONG 2025', 'MAYFAIR 2025']) expect(isMonthAndYear(t)).toBe(false);
  });
});

describe('a decimal point OCR lost', () => {
  it('a separator before more than three digits groups thousands in neither convention: the digits after three are decimals', () => {
    expect(lostDecimalPoint('288.31494', 2)).toBe('288314.94');
    expect(lostDecimalPoint('5.52255', 3)).toBe('5522.55');
    for (const n of ['288.314', '288,314.94', '2.883149', '0.31494']) expect(lostDecimalPoint(n, 2)).toBeNull();
  });
});
