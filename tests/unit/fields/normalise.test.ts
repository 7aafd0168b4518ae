import { describe, expect, it } from 'vitest';
import { setHsNomenclaturePath, defaultHsNomenclaturePath } from '../../../desk/fields/hs.ts';
import {
  detectDateOrder, detectNumberConvention, normaliseCountry, normaliseCurrency, normaliseDate, normaliseHs, normaliseId,
  normaliseIncoterm, normaliseNumber, normaliseOriginCriterion, normaliseWeight,
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
