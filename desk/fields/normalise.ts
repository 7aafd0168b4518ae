/**
 * Normalisers: printed values → the canonical forms fields carry.
 *   dates → YYYY-MM-DD · numbers → '1234.56' (either decimal convention) · currencies → ISO 4217
 *   countries → ISO 3166 alpha-2 · HS codes → 'NNNN.NN' · Incoterms 2020 codes · origin criteria
 * Each returns { value, ok, note }: `value` null when nothing usable was found; `ok` false when
 * the value is unusable or invalid; `note` says why, in words an officer can act on.
 */
import { checkHs, loadHsNomenclature } from './hs.ts';
import { callingCode, findCountryIn, isCountryCode, isCountryName, lookupCountry } from './countries.ts';
import { lowerCaseShare } from './text.ts';
import { digitLookalikes, misreadBudget, misreadCost, nearestWord, OTHER_EDIT, SHAPE } from './misreads.ts';

export interface Normalised {
  value: string | null;
  ok: boolean;
  note?: string;
  /** Read, but with a guess that deserves a look (ambiguous day/month, assumed unit, fuzzy name). */
  uncertain?: boolean;
}

const none = (note: string): Normalised => ({ value: null, ok: false, note });

// ---------------------------------------------------------------------------
// Dates

export type DateOrder = 'dmy' | 'mdy';

const MONTHS: Record<string, number> = {
  JAN: 1, JANUARY: 1, FEB: 2, FEBRUARY: 2, MAR: 3, MARCH: 3, APR: 4, APRIL: 4, MAY: 5, JUN: 6, JUNE: 6,
  JUL: 7, JULY: 7, AUG: 8, AUGUST: 8, SEP: 9, SEPT: 9, SEPTEMBER: 9, OCT: 10, OCTOBER: 10, NOV: 11, NOVEMBER: 11,
  DEC: 12, DECEMBER: 12,
};
const MONTH_RE = '(JANUARY|FEBRUARY|MARCH|APRIL|MAY|JUNE|JULY|AUGUST|SEPTEMBER|OCTOBER|NOVEMBER|DECEMBER|JAN|FEB|MAR|APR|JUN|JUL|AUG|SEPT|SEP|OCT|NOV|DEC)';

const pad2 = (n: number) => String(n).padStart(2, '0');

function validDate(y: number, m: number, d: number): boolean {
  if (!(y >= 1950 && y <= 2100 && m >= 1 && m <= 12 && d >= 1)) return false;
  const days = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return d <= days;
}

/** A month and year alone: a date whose day OCR split off or lost ("August 2025" under "17th"). */
export const isMonthAndYear = (text: string) => new RegExp(`^${MONTH_RE}\\.?,?\\s+\\d{4}$`).test(text.trim().toUpperCase());

const fullYear = (y: number) => (y < 100 ? (y < 70 ? 2000 + y : 1900 + y) : y);

/** Digits misread by OCR inside numeric tokens (O→0, l/I/|→1, S→5, B→8). */
export function fixOcrDigits(s: string): string {
  return s.replace(/[0-9OoIl|SB.,/\-]{3,}/g, (m) => (/\d/.test(m) ? m.replace(/[Oo]/g, '0').replace(/[Il|]/g, '1').replace(/S/g, '5').replace(/B/g, '8') : m));
}

/** A day OCR read as letters in front of a month's name: "ISTH MAY 2024" (15TH), "ZB-JUN-2024" (28). */
function fixDayBeforeMonth(text: string): string {
  const look: Record<string, string> = { I: '1', L: '1', '|': '1', O: '0', S: '5', B: '8', Z: '2', G: '6' };
  return text.toUpperCase().replace(new RegExp(`(^|[^A-Z0-9])([0-9ILOSBZG|]{1,2})(ST|ND|RD|TH)?(?=[\\s\\-./]*${MONTH_RE})`, 'g'), (_m, pre: string, day: string, suf: string | undefined) => `${pre}${[...day].map((c) => look[c] ?? c).join('')}${suf ?? ''}`);
}

/**
 * One separator of a numeric date OCR read as a comma ("2024.09,23", "23,09.2024") or lost to a
 * space ("2025-08 30"): the other one.
 */
function fixDateSeparator(text: string): string {
  return text
    .replace(/(?<![\d.,])(\d{4})([.\-/])(\d{1,2}) (\d{1,2})(?![\d.,]?\d)/g, '$1$2$3$2$4')
    .replace(/(?<![\d.,])(\d{4})([.\-/])(\d{1,2}),(\d{1,2})(?![\d.,]?\d)/g, '$1$2$3$2$4')
    .replace(/(?<![\d.,])(\d{4}),(\d{1,2})([.\-/])(\d{1,2})(?![\d.,]?\d)/g, '$1$3$2$3$4')
    .replace(/(?<![\d.,])(\d{1,2})([.\-/])(\d{1,2}),(\d{4})(?![\d.,]?\d)/g, '$1$2$3$2$4')
    .replace(/(?<![\d.,])(\d{1,2}),(\d{1,2})([.\-/])(\d{4})(?![\d.,]?\d)/g, '$1$3$2$3$4');
}

/**
 * A day whose ordinal suffix OCR read as other glyphs before a month's name ("14714 MARCH" for 14TH,
 * "297TH FEBRUARY" for 29TH): the suffix blanked out. Two digits alone after the day are left (they
 * may be a year: "2024 MARCH").
 */
function fixOrdinalBeforeMonth(text: string): string {
  return text.toUpperCase().replace(new RegExp(`(?<![\\dA-Z])([12]?\\d)([0-9A-Z]{1,3})(?=[\\s\\-./,]+${MONTH_RE})`, 'g'), (m, day: string, junk: string) => {
    if (+day < 1 || +day > 31 || /^(ST|ND|RD|TH)$/.test(junk) || /^\d{1,2}$/.test(junk)) return m;
    return day + ' '.repeat(junk.length);
  });
}

const MONTH_ABBREVIATIONS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];

/**
 * A month's three letters between a day and a year with one letter misread ("05 PEC 2025"): the
 * one month abbreviation one letter away.
 */
function fixMonthAbbreviation(text: string): string {
  return text.toUpperCase().replace(/(?<![\dA-Z])(\d{1,2}[\s\-./]+)([A-Z]{3})([\s\-./,]+(?:19|20)\d\d)(?!\d)/g, (m, day: string, mon: string, year: string) => {
    if (MONTH_ABBREVIATIONS.includes(mon)) return m;
    const near = MONTH_ABBREVIATIONS.filter((a) => [...a].filter((c, i) => c !== mon[i]).length === 1);
    return near.length === 1 ? `${day}${near[0]}${year}` : m;
  });
}

/** A year whose leading 2 was read as 7 ("20 NOV 7074"): no document is dated in the eighth millennium. */
function fixYearFirstDigit(text: string): string {
  return text.replace(/(?<=[\s\-./,]|^)7(0\d\d)(?!\d)/g, '2$1');
}

export interface DateMatch {
  iso: string;
  index: number;
  length: number;
  ambiguous: boolean;
}

/** Every date written in `text`, in order. `order` resolves 03/04/2026 (default day first). */
export function findDates(text: string, order?: DateOrder): DateMatch[] {
  const out: DateMatch[] = [];
  const T = text.toUpperCase();
  const taken: [number, number][] = [];
  const push = (y: number, m: number, d: number, index: number, length: number, ambiguous = false) => {
    if (!validDate(y, m, d)) return;
    if (taken.some(([a, b]) => index < b && index + length > a)) return;
    taken.push([index, index + length]);
    out.push({ iso: `${y}-${pad2(m)}-${pad2(d)}`, index, length, ambiguous });
  };
  let m: RegExpExecArray | null;
  const re = (src: string) => new RegExp(src, 'g');
  // 2026年3月14日, 2026년 3월 14일
  for (const r = re('(\\d{4})\\s*[年년]\\s*(\\d{1,2})\\s*[月월]\\s*(\\d{1,2})\\s*[日일]?'); (m = r.exec(T)); ) push(+m[1]!, +m[2]!, +m[3]!, m.index, m[0].length);
  // 2026-03-14, 2026/03/14, 2026.03.14
  for (const r = re('(?<![\\d.])(\\d{4})\\s?[-/.]\\s?(\\d{1,2})\\s?[-/.]\\s?(\\d{1,2})(?![\\d])'); (m = r.exec(T)); ) push(+m[1]!, +m[2]!, +m[3]!, m.index, m[0].length);
  // 14 MAR 2026, 14-Mar-2026, 14th March 2026, 14.MAR.26
  for (const r = re(`(?<!\\d)(\\d{1,2})(?:ST|ND|RD|TH)?[\\s\\-./]*${MONTH_RE}\\.?[\\s\\-./,]*(\\d{4}|\\d{2})(?!\\d)`); (m = r.exec(T)); )
    push(fullYear(+m[3]!), MONTHS[m[2]!]!, +m[1]!, m.index, m[0].length);
  // March 14, 2026; MAR. 14, 2026; MAR 14 2026; JUN,09,2026
  for (const r = re(`${MONTH_RE}\\.?[\\s\\-./,]*(\\d{1,2})(?:ST|ND|RD|TH)?[\\s,.\\-/]+(\\d{4})(?!\\d)`); (m = r.exec(T)); )
    push(+m[3]!, MONTHS[m[1]!]!, +m[2]!, m.index, m[0].length);
  // 14/03/2026, 14.03.2026, 14-03-26 (day/month order from context)
  for (const r = re('(?<![\\d.,])(\\d{1,2})\\s?([/.\\-])\\s?(\\d{1,2})\\s?\\2\\s?(\\d{4}|\\d{2})(?![\\d.,]\\d)'); (m = r.exec(T)); ) {
    const a = +m[1]!, b = +m[3]!, y = fullYear(+m[4]!);
    if (a > 12 && b <= 12) push(y, b, a, m.index, m[0].length);
    else if (b > 12 && a <= 12) push(y, a, b, m.index, m[0].length);
    else if (a === b) push(y, a, b, m.index, m[0].length);
    else if (order === 'mdy') push(y, a, b, m.index, m[0].length, true);
    else push(y, b, a, m.index, m[0].length, true);
  }
  // A Korean date whose 년/월 OCR read as digits: "202544 2월 1일" (년 → 44), "20244 48 26일"
  // (년 → 4, 월 → 8). Only with 일 closing it; a month past 12 loses the 8 that was 월.
  for (const r = re('((?:19|20)\\d{2})\\d{0,2}\\s*년?\\s*(\\d{1,3})\\s*월?\\s*(\\d{1,2})\\s*일'); (m = r.exec(T)); ) {
    let mo = +m[2]!;
    if (mo > 12 && /8$/.test(m[2]!)) mo = Math.floor(mo / 10);
    push(+m[1]!, mo, +m[3]!, m.index, m[0].length);
  }
  // Separators lost to OCR or a scan: 05062026, 13/062026, 05.062026 (day and month two digits
  // each, a four-digit year; never inside a longer number or a code).
  for (const r = re('(?<![\\dA-Z./\\-])(\\d{2})([/.\\-]?)(\\d{2})([/.\\-]?)((?:19|20)\\d{2})(?![\\d.,]?\\d)'); (m = r.exec(T)); ) {
    if (m[2] && m[4]) continue; // both separators: the pattern above
    const a = +m[1]!, b = +m[3]!, y = +m[5]!;
    if (a > 12 && b <= 12) push(y, b, a, m.index, m[0].length, false);
    else if (b > 12 && a <= 12) push(y, a, b, m.index, m[0].length, false);
    else if (order === 'mdy') push(y, a, b, m.index, m[0].length, a !== b);
    else push(y, b, a, m.index, m[0].length, a !== b);
  }
  return out.sort((p, q) => p.index - q.index);
}

/** A day and a month's name written without a year ("6TH DECEMBER", "DEC. 6"): OCR lost the year. */
export function findDayMonth(text: string): { month: number; day: number; index: number } | null {
  const T = text.toUpperCase();
  const dm = new RegExp(`(?<![\\d.])(\\d{1,2})(?:ST|ND|RD|TH)?[\\s\\-./]*${MONTH_RE}\\b\\.?(?![\\s\\-./,]*\\d)`).exec(T);
  if (dm && validDate(2000, MONTHS[dm[2]!]!, +dm[1]!)) return { month: MONTHS[dm[2]!]!, day: +dm[1]!, index: dm.index };
  const md = new RegExp(`\\b${MONTH_RE}\\.?[\\s\\-./,]*(\\d{1,2})(?:ST|ND|RD|TH)?(?![\\d.,]*\\s*[,.]?\\s*\\d)`).exec(T);
  if (md && validDate(2000, MONTHS[md[1]!]!, +md[2]!)) return { month: MONTHS[md[1]!]!, day: +md[2]!, index: md.index };
  return null;
}

/**
 * A day and month completed with a year from the document's latest full date: a certificate is
 * certified on or after the dates it carries, so that date's year, or the next one where the day
 * falls more than a month before it (certified in January on a December invoice).
 */
export function withYearOf(month: number, day: number, latest: string): string | null {
  const year = Number(latest.slice(0, 4));
  const iso = (y: number) => `${y}-${pad2(month)}-${pad2(day)}`;
  const monthBefore = new Date(Date.parse(latest) - 31 * 86_400_000).toISOString().slice(0, 10);
  const y = iso(year) < monthBefore ? year + 1 : year;
  return validDate(y, month, day) ? iso(y) : null;
}

/** The latest date written on a document's lines (ISO), or null. */
export function latestDate(texts: string[], order: DateOrder | null): string | null {
  let latest: string | null = null;
  for (const t of texts) for (const d of findDates(t, order ?? undefined)) if (d.iso >= '1990' && d.iso <= '2100' && (!latest || d.iso > latest)) latest = d.iso;
  return latest;
}

/** Day/month order a document uses, from its unambiguous numeric dates (null: no evidence). */
export function detectDateOrder(texts: string[]): DateOrder | null {
  let dmy = 0, mdy = 0;
  for (const t of texts) {
    for (const m of t.matchAll(/(?<![\d.,])(\d{1,2})\s?([/.\-])\s?(\d{1,2})\s?\2\s?(\d{4})(?!\d)/g)) {
      const a = +m[1]!, b = +m[3]!;
      if (a > 12 && b <= 12) dmy++;
      else if (b > 12 && a <= 12) mdy++;
    }
  }
  return dmy > mdy ? 'dmy' : mdy > dmy ? 'mdy' : null;
}

/**
 * The dates in a text as OCR may have read it: as printed, else with digits misread as letters
 * put back (fixOcrDigits, then a day before a month's name), `fixed` saying so. The fixes keep the
 * text's length, so indices point into `text`.
 */
export function findDatesRead(text: string, order?: DateOrder): { dates: DateMatch[]; fixed: boolean } {
  const dates = findDates(text, order);
  if (dates.length) return { dates, fixed: false };
  for (const fix of [fixOcrDigits, fixDayBeforeMonth, fixDateSeparator, fixOrdinalBeforeMonth, fixMonthAbbreviation, fixYearFirstDigit]) {
    const fixedText = fix(text);
    if (fixedText.length !== text.length) continue;
    const again = findDates(fixedText, order);
    if (again.length) return { dates: again, fixed: true };
  }
  return { dates: [], fixed: false };
}

export function normaliseDate(text: string, ctx: { order?: DateOrder | null } = {}): Normalised {
  if (!text || !text.trim()) return none('empty');
  const { dates: found, fixed } = findDatesRead(text, ctx.order ?? undefined);
  const d = found[0];
  if (!d) return none(`"${text.trim()}" holds no date`);
  if (d.ambiguous && !ctx.order) return { value: d.iso, ok: true, uncertain: true, note: 'day and month could be either way round; read as day/month' };
  if (fixed) return { value: d.iso, ok: true, uncertain: true, note: 'digits corrected from OCR misreadings' };
  return { value: d.iso, ok: true };
}

// ---------------------------------------------------------------------------
// Numbers

export type NumberConvention = 'dot' | 'comma';

const NUM_RE = /[-+]?\d(?:[\d.,'\u00a0\u202f]*\d)?/g;

/** Decimal text with '.' and no grouping, from either convention: '1.234,56' → '1234.56'. */
export function parseNumberToken(tok: string, convention?: NumberConvention | null): { value: string; ambiguous: boolean } | null {
  let s = tok.replace(/[\u00a0\u202f']/g, '');
  const neg = s.startsWith('-');
  s = s.replace(/^[-+]/, '');
  if (!/^\d[\d.,]*$/.test(s)) return null;
  const dots = (s.match(/\./g) ?? []).length;
  const commas = (s.match(/,/g) ?? []).length;
  let intPart = s, frac = '';
  let ambiguous = false;
  const lastDot = s.lastIndexOf('.'), lastComma = s.lastIndexOf(',');
  if (dots && commas) {
    const dec = lastDot > lastComma ? '.' : ',';
    const i = s.lastIndexOf(dec);
    intPart = s.slice(0, i).replace(/[.,]/g, '');
    frac = s.slice(i + 1);
    if (frac.includes('.') || frac.includes(',')) return null;
  } else if (dots || commas) {
    const sep = dots ? '.' : ',';
    const count = dots || commas;
    const i = s.lastIndexOf(sep);
    const tail = s.slice(i + 1);
    const groupsOk = s.split(sep).slice(1).every((g) => g.length === 3);
    if (count > 1) {
      const groups = s.split(sep);
      // "7.043.02": a decimal comma (or point) OCR read as the grouping separator. Groups of three
      // and then one or two digits can only be a grouped number with decimals.
      if (!groupsOk && groups.length >= 3 && /^\d{1,3}$/.test(groups[0]!) && groups.slice(1, -1).every((g) => g.length === 3) && /^\d{1,2}$/.test(tail)) {
        intPart = groups.slice(0, -1).join('');
        frac = tail;
        ambiguous = true;
      } else if (!groupsOk) return null;
      else intPart = s.replace(/[.,]/g, '');
    } else if (tail.length !== 3) {
      intPart = s.slice(0, i);
      frac = tail;
    } else {
      // "1,234" / "1.234": grouping unless the document writes decimals with this separator.
      const decimalSep = convention === 'comma' ? ',' : convention === 'dot' ? '.' : null;
      if (decimalSep === sep) {
        intPart = s.slice(0, i);
        frac = tail;
      } else {
        intPart = s.replace(sep, '');
        ambiguous = decimalSep === null && s.slice(0, i) !== '0';
      }
    }
  }
  intPart = intPart.replace(/^0+(?=\d)/, '');
  if (!intPart) intPart = '0';
  return { value: `${neg ? '-' : ''}${intPart}${frac ? `.${frac}` : ''}`, ambiguous };
}

/** The first number in `text`, normalised. */
export function normaliseNumber(text: string, ctx: { convention?: NumberConvention | null } = {}): Normalised {
  if (!text || !text.trim()) return none('empty');
  for (const src of [text, fixOcrDigits(text)]) {
    for (const m of src.matchAll(NUM_RE)) {
      const p = parseNumberToken(m[0], ctx.convention);
      if (p) {
        const fixed = src !== text;
        return {
          value: p.value,
          ok: true,
          ...(p.ambiguous || fixed ? { uncertain: true, note: p.ambiguous ? `"${m[0]}" read with "${m[0].replace(/\d/g, '').trim()}" as a thousands separator` : 'digits corrected from OCR misreadings' } : {}),
        };
      }
    }
  }
  return none(`"${text.trim()}" holds no number`);
}

/** The decimal convention of a document, from its numbers (null: no evidence). */
export function detectNumberConvention(texts: string[]): NumberConvention | null {
  let dot = 0, comma = 0;
  for (const t of texts) {
    for (const m of t.matchAll(/\d{1,3}(?:([.,])\d{3})+([.,])\d{1,2}(?!\d)/g)) {
      if (m[1] !== m[2]) m[2] === '.' ? (dot += 3) : (comma += 3);
    }
  }
  if (dot || comma) return dot >= comma ? 'dot' : 'comma';
  for (const t of texts) {
    // Weak evidence: one separator followed by exactly two digits, not a date or an HS code.
    for (const m of t.matchAll(/(?<![\d.,/-])(\d{1,3}(?:[.,]\d{3})*)([.,])(\d{2})(?![\d.,/-])/g)) {
      if (/^\d{4}$/.test(m[1]!) && m[2] === '.') continue; // 7318.15: an HS code
      m[2] === '.' ? dot++ : comma++;
    }
  }
  if (dot === comma) return null;
  return dot > comma ? 'dot' : 'comma';
}

// ---------------------------------------------------------------------------
// Currencies

const CURRENCY_WORDS: [RegExp, string][] = [
  [/€|\bEUR\b|\bEUROS?\b|欧元|유로/i, 'EUR'],
  [/\bCNY\b|\bRMB\b|人民币|CHINESE\s+YUAN|\bYUAN\b|위안/i, 'CNY'],
  [/₩|\bKRW\b|KOREAN\s+WON|\bWON\b|韩元|원화/i, 'KRW'],
  [/\bJPY\b|JAPANESE\s+YEN|\bYEN\b|円|日元|엔화/i, 'JPY'],
  [/£|\bGBP\b|POUNDS?\s+STERLING/i, 'GBP'],
  [/(?<![A-Z])S\$|\bSGD\b|SINGAPORE\s+DOLLARS?/i, 'SGD'],
  [/(?<![A-Z])A\$|\bAUD\b|AUSTRALIAN\s+DOLLARS?/i, 'AUD'],
  [/HK\$|\bHKD\b|HONG\s+KONG\s+DOLLARS?/i, 'HKD'],
  [/NT\$|\bTWD\b/i, 'TWD'],
  [/\bCHF\b|SWISS\s+FRANCS?/i, 'CHF'],
  [/\bNZD\b|NZ\$/i, 'NZD'],
  [/\bCAD\b|C\$|CANADIAN\s+DOLLARS?/i, 'CAD'],
  [/฿|\bTHB\b|\bBAHT\b/i, 'THB'],
  [/₫|\bVND\b|\bDONG\b/i, 'VND'],
  [/\bMYR\b|\bRM\b|RINGGIT/i, 'MYR'],
  [/\bIDR\b|\bRP\.?\b|RUPIAH/i, 'IDR'],
  [/₱|\bPHP\b|\bPESOS?\b/i, 'PHP'],
  [/₹|\bINR\b|RUPEES?/i, 'INR'],
  [/\bAED\b|DIRHAMS?/i, 'AED'],
  [/\bBDT\b|\bTAKA\b/i, 'BDT'],
  [/\bKHR\b|\bRIEL\b/i, 'KHR'],
  [/\bMMK\b|\bKYAT\b/i, 'MMK'],
  [/\bLAK\b|\bKIP\b/i, 'LAK'],
  [/\bBND\b/i, 'BND'],
  [/\bNOK\b|\bSEK\b|\bDKK\b/i, ''],
  [/US\s?\$|U\.S\.\s?DOLLARS?|US\s?DOLLARS?|USD|美元|미국\s?달러|달러|\bDOLLARS?\b/i, 'USD'],
];

const ISO_CURRENCIES = new Set(['USD', 'EUR', 'CNY', 'KRW', 'JPY', 'GBP', 'SGD', 'AUD', 'HKD', 'TWD', 'CHF', 'NZD', 'CAD', 'THB', 'VND', 'MYR', 'IDR', 'PHP', 'INR', 'AED', 'BDT', 'KHR', 'MMK', 'LAK', 'BND', 'NOK', 'SEK', 'DKK', 'PLN', 'CZK', 'HUF', 'TRY', 'RUB', 'BRL', 'MXN', 'ZAR', 'SAR', 'PKR', 'LKR']);

/**
 * The currency named in `text` (code, symbol or name). '¥' is CNY or JPY and '$' is USD unless
 * the context says otherwise: `ctx.country` (the issuer's ISO country) settles them.
 */
export function normaliseCurrency(text: string, ctx: { country?: string | null } = {}): Normalised {
  if (!text || !text.trim()) return none('empty');
  const T = text.toUpperCase();
  const code = /\b([A-Z]{3})\b/.exec(T)?.[1];
  if (code && ISO_CURRENCIES.has(code)) return { value: code, ok: true };
  for (const [re, iso] of CURRENCY_WORDS) {
    const m = re.exec(text);
    if (m) {
      if (iso === '') return { value: m[0].toUpperCase(), ok: true };
      if (iso === 'USD' && /^\$$|^DOLLARS?$/i.test(m[0].trim()) && ctx.country && ctx.country !== 'US')
        return { value: 'USD', ok: true, uncertain: true, note: '"$" read as US dollars' };
      return { value: iso, ok: true };
    }
  }
  if (/¥|￥/.test(text)) {
    if (ctx.country === 'JP') return { value: 'JPY', ok: true };
    if (ctx.country === 'CN') return { value: 'CNY', ok: true };
    return { value: 'CNY', ok: true, uncertain: true, note: '"¥" is both yuan and yen; read as CNY (no country to decide)' };
  }
  if (/\$/.test(text)) return { value: 'USD', ok: true, uncertain: true, note: '"$" read as US dollars' };
  return none(`"${text.trim()}" names no currency`);
}

// ---------------------------------------------------------------------------
// Countries

export function normaliseCountry(text: string): Normalised {
  if (!text || !text.trim()) return none('empty');
  const r = lookupCountry(text);
  if (r.value) return { value: r.value, ok: true, ...(r.fuzzy ? { uncertain: true, note: r.note } : {}) };
  const inside = findCountryIn(text);
  if (inside) return { value: inside, ok: true, note: `country found in "${text.trim()}"` };
  return none(r.note ?? `"${text.trim()}" is not a country`);
}

// ---------------------------------------------------------------------------
// HS codes

const HS_RE = /(?<![\d.])(\d{4})(?:[.,\s]?(\d{2}))?(?:[.\s]?(\d{2,4}))?(?:[.\s]?(\d{2}))?(?![\d])/;

/** An HS code in any printed form ('7318.15', '731815', '7318.15.00', 'HS 7318 15') → 'NNNN.NN'. */
export function normaliseHs(text: string): Normalised {
  if (!text || !text.trim()) return none('empty');
  const src = text.replace(/\b(?:HS|H\.S\.)\s*(?:CODE|NO\.?)?\s*[:.]?/gi, ' ');
  let m = HS_RE.exec(src);
  if (!m) m = HS_RE.exec(fixOcrDigits(src));
  if (!m) return none(`"${text.trim()}" holds no HS code`);
  const heading = m[1]!;
  const sub = m[2];
  if (!sub) {
    const c = checkHs(heading);
    return { value: `${heading}`, ok: false, note: c.ok ? 'only the 4-digit heading is given; the subheading (6 digits) is missing' : c.note };
  }
  const value = `${heading}.${sub}`;
  const c = checkHs(value);
  if (!c.ok) return subheadingMisread(value) ?? { value, ok: false, note: c.note };
  return { value, ok: true, ...(c.checkedAgainstNomenclature ? {} : { note: 'format and chapter checked; no nomenclature file to check the subheading' }) };
}

/**
 * An HS subheading the nomenclature lacks, under a heading it has, whose one digit OCR misread
 * ("1208.94": 1208.90 exists, no other subheading one digit away): the one subheading a digit
 * lookalike away (8 for 9, 0 for 8…), else the one any one digit away, flagged for review. None or
 * several: null (the code stays invalid, with its note).
 */
function subheadingMisread(value: string): Normalised | null {
  const nom = loadHsNomenclature();
  const digits = value.replace('.', '');
  // only a subheading under a heading that exists: a code of no chapter or heading is absurd, not misread
  if (!nom?.headings.has(digits.slice(0, 4))) return null;
  const codeOf = (d: string) => `${d.slice(0, 4)}.${d.slice(4)}`;
  const oneOff = (alternatives: (d: string) => readonly string[]) =>
    [...new Set([4, 5].flatMap((i) => alternatives(digits[i]!).map((a) => digits.slice(0, i) + a + digits.slice(i + 1))))].filter((d) => nom.subheadings.has(d));
  for (const found of [oneOff(digitLookalikes), oneOff((d) => [...'0123456789'].filter((x) => x !== d))]) {
    if (found.length === 1) return { value: codeOf(found[0]!), ok: true, uncertain: true, note: `read ${value}, which HS 2022 lacks: ${codeOf(found[0]!)} is the one code a digit away` };
    if (found.length > 1) return null;
  }
  return null;
}

/**
 * The label before an HS code, also as OCR bends it ("H.S.", "H.5.", "H,8,", "HES CODE:", "HS CONE:", "HLS. CONE:", "11S CODE:",
 * "HS (ODE:", "HS CODLE:", "BS CODE:", "HE:", a colon read as ";", "?" or "!"): a label that is not "HS" counts only
 * before a colon.
 */
const HS_LABEL = String.raw`(?:H[.,]?[S58][.,]?|H[A-Z]{1,2}[.,]?(?=\s*(?:C[O0][DN]E\s*)?:)|(?:[A-Z]|11)S(?=\s*C[O0][DN]E\s*:))\s*(?:C[O0][A-Z]{1,2}E(?=\s*:)|[C(][O0][DN]E|NO\.?|NUMBER)?\s*[:.;?!]?\s*`;
/** An HS number; a comma may stand for one of its dots ("8504,22.00"), a letter of its shape for its first digit ("B45941"). */
const HS_NUMBER = String.raw`[\dOISB]\d{3}[.,\s]?\d{2}(?:[.\s]?\d{2,4})?`;
/** "(HS CODE: 8501.10)" written after a description, label bent or not. */
export const HS_MENTION = new RegExp(String.raw`\(?\s*\b${HS_LABEL}${HS_NUMBER}\s*\)?`, 'gi');

/** All HS-looking codes in a text (for descriptions carrying "HS CODE: …"). */
export function findHsCodes(text: string): { value: string; index: number; length: number }[] {
  const out: { value: string; index: number; length: number }[] = [];
  for (const m of text.matchAll(new RegExp(String.raw`\b${HS_LABEL}(${HS_NUMBER})`, 'gi'))) {
    const n = normaliseHs(m[1]!);
    if (n.value) out.push({ value: n.value, index: m.index!, length: m[0].length });
  }
  return out;
}

// ---------------------------------------------------------------------------
// Incoterms 2020

export const INCOTERMS_2020 = ['EXW', 'FCA', 'CPT', 'CIP', 'DAP', 'DPU', 'DDP', 'FAS', 'FOB', 'CFR', 'CIF'] as const;
const INCOTERM_ALIASES: [RegExp, string, string?][] = [
  [/\bC\s?&\s?F\b|\bCNF\b|\bC\s?\+\s?F\b|\bC\.F\.R\.?/i, 'CFR', 'C&F / CNF is written CFR in Incoterms 2020'],
  [/\bF\.O\.B\.?/i, 'FOB'],
  [/\bC\.I\.F\.?/i, 'CIF'],
  [/\bEX[\s-]?WORKS\b|\bE\.X\.W\.?/i, 'EXW'],
  [/\bFREE\s+ON\s+BOARD\b/i, 'FOB'],
  [/\bCOST,?\s+INSURANCE\s+(AND|&)\s+FREIGHT\b/i, 'CIF'],
  [/\bCOST\s+(AND|&)\s+FREIGHT\b/i, 'CFR'],
  [/\bFREE\s+CARRIER\b/i, 'FCA'],
  [/\bDELIVERED\s+AT\s+PLACE\b/i, 'DAP'],
  [/\bDELIVERED\s+DUTY\s+PAID\b/i, 'DDP'],
  [/\bDAT\b/i, 'DPU', 'DAT (Incoterms 2010) became DPU in Incoterms 2020'],
  [/\bDDU\b/i, 'DAP', 'DDU is not an Incoterms 2020 rule; DAP is its nearest'],
];

/** A speck read as a quote mark splitting a short code ("F ‘CA" is FCA) taken out. */
export const withoutQuoteSpecks = (text: string) => text.replace(/(?<=\b[A-Z]{1,2})\s*[‘’'`´"“”]+\s*(?=[A-Z])/g, '');

export function normaliseIncoterm(text: string): Normalised {
  if (!text || !text.trim()) return none('empty');
  const T = text.toUpperCase();
  const m = new RegExp(`\\b(${INCOTERMS_2020.join('|')})\\b`).exec(T);
  if (m) return { value: m[1]!, ok: true };
  for (const [re, code, note] of INCOTERM_ALIASES) {
    if (re.test(T)) return { value: code, ok: true, ...(note ? { note, uncertain: true } : {}) };
  }
  const joined = new RegExp(`\\b(${INCOTERMS_2020.join('|')})\\b`).exec(withoutQuoteSpecks(T));
  if (joined) return { value: joined[1]!, ok: true, uncertain: true, note: `read "${text.trim()}": a mark inside the code taken for a speck` };
  return none(`"${text.trim()}" names no Incoterms 2020 rule`);
}

// ---------------------------------------------------------------------------
// Origin criteria

/**
 * Origin criterion as printed in box 8 → canonical: 'WO', 'PE', 'RVC 40%' (or bare 'RVC' on
 * RCEP forms), 'CTC', 'CC', 'CTH', 'CTSH', 'PSR', 'ACU', 'DMI', GSP 'P', 'W 96.18', 'F', 'G'…
 */
/**
 * GSP Form A's box 8 holds "P" (wholly obtained), "W" with an HS heading, "F", "G", "Y" with a
 * percentage: no ASEAN code. A reading that is none of them, holds no digit, and has a P in it
 * ("PP", "APE", "NP»", "PE") is a "P" OCR smudged — read as such and flagged.
 */
export function normaliseGspCriterion(text: string): Normalised {
  const n = normaliseOriginCriterion(text);
  const T = (text ?? '').toUpperCase();
  const valid = n.ok && n.value !== null && /^(P|F|G|W \d{2}\.\d{2}|Y|Y \d.*|RVC \d.*)$/.test(n.value);
  if (valid || /\d/.test(T) || !/P/.test(T)) return n;
  return { value: 'P', ok: true, uncertain: true, note: `"${text.trim()}" read as P (the Form A criteria are P, W, F, G and Y)` };
}

/** Digits a letter OCR read in a number may stand for: "WA4.45" is W 84.45 or W 44.45, "LOT AS" LOT A5. */
const LETTER_DIGITS: Record<string, string[]> = { A: ['4', '8'], B: ['8'], S: ['5'], O: ['0'], D: ['0'], I: ['1'], L: ['1'], Z: ['2'], G: ['6'] };

/**
 * "W" and a heading whose space was lost and one or two of whose digits OCR read as letters
 * ("WA4.45"): the heading, when exactly one reading of those letters is a heading of the HS.
 */
function headingFromLookalikes(T: string): string | null {
  const m = /\bW\s*([0-9A-Z]{2})[.\s]?([0-9A-Z]{2})\b/.exec(T);
  if (!m || !/\d/.test(m[1]! + m[2]!)) return null;
  let readings = [''];
  for (const c of m[1]! + m[2]!) {
    const digits = /\d/.test(c) ? [c] : (LETTER_DIGITS[c] ?? []);
    readings = readings.flatMap((r) => digits.map((d) => r + d));
  }
  const headings = readings.filter((h) => {
    const c = checkHs(h);
    return c.ok && c.checkedAgainstNomenclature;
  });
  return headings.length === 1 ? headings[0]! : null;
}

export function normaliseOriginCriterion(text: string): Normalised {
  if (!text || !text.trim()) return none('empty');
  const T = text.toUpperCase().replace(/["“”'‘’]/g, '').replace(/\s+/g, ' ').trim();
  let m: RegExpExecArray | null;
  if ((m = /\bRVC\s*(\d{1,3}(?:[.,]\d+)?)\s*%/.exec(T)) || (m = /(?:^|\s)(\d{1,3}(?:[.,]\d+)?)\s*%\s*(?:RVC)?/.exec(T)))
    return { value: `RVC ${m[1]!.replace(',', '.')}%`, ok: true };
  // a regional value content is a percentage: its "%" lost ("RVC 53"), or its space read as S ("RVCS57%")
  if ((m = /\bRVC\s*S?\s*(\d{2}(?:[.,]\d+)?)\s*%?(?=\s|$)/.exec(T)))
    return { value: `RVC ${m[1]!.replace(',', '.')}%`, ok: true, uncertain: true, note: `"${text.trim()}" read as a regional value content` };
  // "WW 72.01": the W doubled
  if ((m = /\bW{1,2}\s*(\d{2})[.\s]?(\d{2})\b/.exec(T))) return { value: `W ${m[1]}.${m[2]}`, ok: true };
  const bent = headingFromLookalikes(T);
  if (bent) return { value: `W ${bent.slice(0, 2)}.${bent.slice(2)}`, ok: true, uncertain: true, note: `"${text.trim()}" read as W with the only HS heading its characters can be` };
  const codes = ['WO', 'WP', 'PE', 'CTSH', 'CTH', 'CTC', 'CC', 'RVC', 'PSR', 'ACU', 'DMI', 'SP', 'CR'];
  const word = /\b([A-Z]{1,4})\b/.exec(T.replace(/[^A-Z0-9% ]/g, ' '))?.[1];
  if (word && codes.includes(word)) return { value: word, ok: true };
  for (const c of codes) if (new RegExp(`\\b${c}\\b`).test(T)) return { value: c, ok: true };
  if (/^[PFGYEK]$/.test(T.replace(/[^A-Z]/g, ''))) return { value: T.replace(/[^A-Z]/g, ''), ok: true };
  // a code of three or four letters with one letter of its shape misread ("CIC" for CTC), the only code that near
  if (word && word.length >= 3) {
    const near = codes.filter((c) => c.length === word.length && misreadCost(word, c, SHAPE) <= SHAPE);
    if (near.length === 1) return { value: near[0]!, ok: true, uncertain: true, note: `"${text.trim()}" read as ${near[0]}, the one criterion it can be` };
  }
  if (/WHOLLY\s+OBTAINED/.test(T)) return { value: 'WO', ok: true };
  return { value: T || null, ok: false, note: `"${text.trim()}" is not a known origin criterion` };
}

// ---------------------------------------------------------------------------
// Weights and identifiers

const UNITS: [RegExp, string][] = [
  [/^(KGS?|KGM|KILOS?|KILOGRAMS?|公斤|千克|킬로그램)$/i, 'KG'],
  [/^(MT|TONS?|TONNES?|M\/T|吨|톤)$/i, 'MT'],
  [/^(LBS?|POUNDS?)$/i, 'LB'],
  [/^(G|GRAMS?)$/i, 'G'],
];

export function unitOf(word: string): string | null {
  const w = word.replace(/[.:,]/g, '');
  for (const [re, u] of UNITS) if (re.test(w)) return u;
  return null;
}

/**
 * A number whose decimal point OCR lost and whose thousands separator it kept ("5.52255" for
 * 5,522.55): a separator before four or more digits groups thousands in neither convention, so
 * the digits after the first group of three are the decimals (at most `decimals` of them).
 */
export function lostDecimalPoint(numText: string, decimals: number): string | null {
  const m = new RegExp(`^([1-9]\\d{0,2})[.,](\\d{3})(\\d{1,${decimals}})$`).exec(numText.trim());
  return m ? `${m[1]}${m[2]}.${m[3]}` : null;
}

/** A gross weight (or other quantity): '1,250.50 KGS G.W.' → '1250.50 KG'. */
export function normaliseWeight(text: string, ctx: { convention?: NumberConvention | null; defaultUnit?: string } = {}): Normalised {
  if (!text || !text.trim()) return none('empty');
  const src = text
    .replace(/\b(G\.?\s?W\.?|GROSS\s+WEIGHT|GROSS\s+MASS|N\.?\s?W\.?)\b\s*[:.]?/gi, ' ')
    // A decimal separator OCR read as a space after grouped thousands ("28.444 18 KGS" for 28.444,18)
    .replace(/(?<![\d.,])(\d{1,3}(?:([.,])\d{3})+)\s(\d{2})(?=\s*(?:KGS?|KGM)\b)/gi, (_m, int: string, group: string, dec: string) => `${int}${group === '.' ? ',' : '.'}${dec}`)
    // Thousands grouped with spaces ("14 815.87 KGS", ISO style, or a separator OCR lost) before a unit.
    .replace(/(?<![\d.,])(\d{1,3})((?:\s\d{3})+)([.,]\d{1,3})?(?=\s*(?:KGS?|KGM|KILOS?|KILOGRAMS?|MT|TONS?|TONNES?|LBS?)\b)/gi, (_m, a: string, b: string, c?: string) => `${a}${b.replace(/\s/g, '')}${c ?? ''}`);
  const tokens = src.split(/\s+/).filter(Boolean);
  for (let i = 0; i < tokens.length; i++) {
    const glued = /^([\d.,]+)([A-Za-z\u4e00-\u9fff\uac00-\ud7af/]+)$/.exec(tokens[i]!);
    const numText = glued ? glued[1]! : tokens[i]!;
    const num = /^[\d][\d.,]*$/.test(numText) ? parseNumberToken(numText, ctx.convention) : null;
    if (!num) continue;
    const unit = unitOf(glued ? glued[2]! : tokens[i + 1] ?? '');
    // "5.52255" for 5,522.55: see lostDecimalPoint
    const lost = lostDecimalPoint(numText, 3);
    if (unit && lost) return { value: `${lost} ${unit}`, ok: true, uncertain: true, note: `read "${numText}": a decimal point taken as lost` };
    if (unit) return { value: `${num.value} ${unit}`, ok: true };
  }
  const n = normaliseNumber(src, ctx);
  if (n.value) {
    if (ctx.defaultUnit) return { value: `${n.value} ${ctx.defaultUnit}`, ok: true, uncertain: !ctx.defaultUnit, note: `no unit printed; ${ctx.defaultUnit} assumed from the box heading` };
    return { value: `${n.value} KG`, ok: true, uncertain: true, note: 'no unit printed; kilograms assumed' };
  }
  return none(`"${text.trim()}" holds no weight`);
}

/** Reference numbers and invoice numbers: upper case, no spaces, no leading "No."/"#". */
export function normaliseId(text: string): Normalised {
  // Box borders read by OCR ('[', '|') and punctuation around the number are not part of it.
  const s = (text ?? '')
    .replace(/^[\s[\]|(){}]+|[\s[\]|(){}]+$/g, '')
    .replace(/^\s*(?:NO\.?|NR\.?|NUMBER|#)\s*[:.]?\s*/i, '')
    .replace(/\s+/g, '')
    .toUpperCase()
    // "=" is never part of a document number: OCR's reading of a hyphen ("7937=-291070", "AK26=203146")
    .replace(/=+-|-=+|=+/g, '-')
    // nor is a bracket inside it: a smudge read beside a character ("PSJ)-2025-8737", "INV240)5642")
    .replace(/(?<=[A-Z0-9])[()[\]{}]+(?=[A-Z0-9-])/g, '')
    .replace(/^[:.,;\-[\]|]+|[:.,;[\]|]+$/g, '');
  if (!s) return none('empty');
  if (!/[A-Z0-9]/.test(s)) return { value: s, ok: false, note: `"${text.trim()}" is not a reference number` };
  // nor a dollar or percent sign: an S and a 5 OCR bent ("P$S-2024-6489", "E26051923628579%")
  if (/[A-Z0-9][$%]|[$%][A-Z0-9]/.test(s)) {
    const fixed = s.replace(/\$/g, 'S').replace(/%/g, '5');
    const taken = [...(s.includes('$') ? ['"$" for S'] : []), ...(s.includes('%') ? ['"%" for 5'] : [])];
    return { ...normaliseId(fixed), uncertain: true, note: `read "${s}": ${taken.join(' and ')}` };
  }
  // year / country / series letter / serial ("2026/KH/A/071685") with slashes OCR read as I or 1
  // ("2026/KH/AI071685", "2024/LAIAI363886"): put back where the two letters are a country code
  // ("2025/LAJA/601493", the serial's first digit read as a letter too: "2024/LAIAIS28820")
  const slashed = /^(\d{4})\/([A-Z]{2})[I1|/J]{1,2}([A-Z])[I1|/J]{1,2}([\dSOB]\d{4,})$/.exec(s);
  if (slashed && isCountryCode(slashed[2]!)) {
    const fixed = `${slashed[1]}/${slashed[2]}/${slashed[3]}/${fixOcrDigits(slashed[4]!)}`;
    if (fixed !== s) return { value: fixed, ok: true, uncertain: true, note: `read "${s}": the slashes of year/country/series/number put back` };
  }
  // year, country, number ("2025-ID-2649") with the country's letter read as a digit ("1D")
  // (one letter read as such: "10" in "2025-10-2649" is a month, not IO)
  const country = /^(\d{4}[-/])([A-Z][01]|[01][A-Z])([-/]\d{3,})$/.exec(s);
  const letters = country?.[2]!.replace(/[01]/g, (d) => (d === '1' ? 'I' : 'O'));
  if (country && isCountryCode(letters!))
    return { value: `${country[1]}${letters}${country[3]}`, ok: true, uncertain: true, note: `read "${s}": a digit in the country code read as the letter it stands for` };
  // a country's code, "CO" (certificate of origin) and a long serial ("CNCO202490344") with the
  // O read as a zero, or read twice, as O and as 0, before the serial's year ("KRCO0202469013")
  const coSerial = /^([A-Z]{2})C(?:0|[O0]{2,3}(?=20\d\d))(\d{6,})$/.exec(s);
  if (coSerial && isCountryCode(coSerial[1]!))
    return { value: `${coSerial[1]}CO${coSerial[2]}`, ok: true, uncertain: true, note: `read "${s}": the O of CO (certificate of origin) after the country code read as a zero` };
  // a carrier's four-letter code and a long serial (a bill of lading or container number) with the
  // serial's first digit read twice, as its lookalike letter and as itself ("HDMUA4452820927")
  const twice = /^([A-Z]{4})([AOSBIZG])(\d)(\d{7,})$/.exec(s);
  if (twice && LETTER_DIGITS[twice[2]!]?.includes(twice[3]!))
    return { value: `${twice[1]}${twice[3]}${twice[4]}`, ok: true, uncertain: true, note: `read "${s}": the serial's first digit was read twice, as ${twice[2]} and ${twice[3]}` };
  return { value: s, ok: true };
}

/**
 * A place of certification ending in a country without the comma before it ("SHANGHAI CHINA",
 * the comma too small for OCR or left out) is written "SHANGHAI, CHINA", as places are.
 */
export function commaBeforeCountry(place: string): string {
  if (place.includes(',')) return place;
  const words = place.split(' ');
  for (let n = Math.min(4, words.length - 1); n >= 1; n--) {
    const tail = words.slice(-n).join(' ');
    if (isCountryName(tail) && /^[A-Z][A-Z .'-]*$/.test(tail) && (n > 1 || tail.length >= 4)) return `${words.slice(0, -n).join(' ')}, ${tail}`;
  }
  return place;
}

/**
 * Shipping marks. "N/M" (no marks) is two letters and a slash that OCR often loses or bends
 * ("NM", "N M", "N.M.", "W/m", "ww"); a box holding nothing else than that means no marks.
 */
export function normaliseMarks(text: string): Normalised {
  // an underscore or tilde ending the marks is a smudge read at the edge ("CAMBODIA_"), an
  // opening quote none closes one at the start ("“EXP/AUCKLAND")
  const t = normaliseText((text ?? '').replace(/[_~]+\s*$/, '').replace(/^\s*["“”'‘’`]+(?=[A-Z])(?!.*["“”])/, ''));
  if (!t.value || t.value === 'N/M') return t;
  if (/^[(\[]?\s*[NWw]\s*[/\\|Il1.]?\s*[MmNWw]\s*\.?\s*[)\]]?$/.test(t.value)) return { value: 'N/M', ok: true, uncertain: true, note: `read as "${t.value}": taken for N/M (no marks)` };
  // a quote mark after the slash is a speck ("LOFI/'VANCOUVER")
  let value = t.value.replace(/(?<=^[A-Z]{2,5}\/)['‘’`]+(?=[A-Z])/, '');
  const notes: string[] = value === t.value ? [] : ['a quote mark after the slash taken for a speck'];
  // no mark holds a percent sign: after digits it is a 5 OCR bent ("C/NO. 1-129%")
  const percent = value.replace(/(?<=\d)%(?=[\s,.]|$)/g, '5');
  if (percent !== value) (notes.push(`"%" after digits read as 5`), (value = percent));
  // "C/NO." (carton numbers) before the range it numbers, as OCR bends it: "CUNO.", "CI/NO.", "C/INO.", "C/NG.", "CIND,", "6140.", "/NO,"
  const cartons = value.replace(/(^|\s)(?:[CO06GQ][/I1lU|]?\/?|\/)[I1l|]?[NMm4]{1,2}[O0QGoD]?[.,]{0,2}(?=\s+\d+\s?-\s?\d+)/g, (m, sp: string) => (m.trim() === 'C/NO.' ? m : `${sp}C/NO.`));
  if (cartons !== value) (notes.push(`carton numbers' "C/NO." read as "${t.value}"`), (value = cartons));
  // "MADE IN <country>" ending the marks, its MADE bent ("MADDIE", "MANE", "MADC"): IN and the
  // country anchor it, so a misreading a little further than a lone word's is still MADE
  const made = /(^|\s)([A-Z()|!]{3,6}) (IN ([A-Z][A-Z ]+))$/.exec(value);
  if (made && made[2] !== 'MADE' && isCountryName(made[4]!) && misreadCost(made[2]!, 'MADE', 1.8) <= 1.8) {
    notes.push(`"${made[2]} ${made[3]}" taken for MADE ${made[3]}`);
    value = `${value.slice(0, made.index)}${made[1]}MADE ${made[3]}`;
  }
  // …and its IN lost its shape ("MADE JN VIETNAM", "MADE TN KOREA")
  const madeIn = /(^|\s)MADE ([A-Z1|!]{2,3}) ([A-Z][A-Z ]+)$/.exec(value);
  if (madeIn && madeIn[2] !== 'IN' && isCountryName(madeIn[3]!) && misreadCost(madeIn[2]!, 'IN', 0.5) <= 0.5) {
    notes.push(`"MADE ${madeIn[2]}" taken for MADE IN`);
    value = `${value.slice(0, madeIn.index)}${madeIn[1]}MADE IN ${madeIn[3]}`;
  }
  return notes.length ? { value, ok: true, uncertain: true, note: notes.join('; ') } : t;
}

/** The words of the texts naming places (route, consignee), upper case, of `min` letters or more. */
const wordsOfPlaces = (places: string[], min: number) => new Set(places.flatMap((p) => p.toUpperCase().split(/[^A-Z]+/)).filter((w) => w.length >= min));

/**
 * The port after the marks' slash ("SUST/SHANGHAL") put right where it is a misreading of one
 * place the document names elsewhere (`places`, as for restoreMarksSlash) and of no other.
 */
export function correctMarksPort(marks: string, places: string[]): string {
  // a port's last letter may be bent past a letter ("BASE!" for BASEL)
  const m = /^([A-Z]{2,5}\/)([A-Z]{3,}[A-Z!|1]?)(?=\s|$)/.exec(marks);
  if (!m) return marks;
  const words = wordsOfPlaces(places, 4);
  if (words.has(m[2]!)) return marks;
  const near = nearestWord(m[2]!, [{ words, budget: misreadBudget(m[2]!.length) }]);
  return near ? `${m[1]}${near.word}${marks.slice(m[0].length)}` : marks;
}

/**
 * Shipping marks are usually the consignee's initials, a slash and the port of destination
 * ("GRWA/ROTTERDAM"). OCR drops that slash or reads it as a letter or a space ("GRWAROTTERDAM",
 * "PTSIVANCOUVER", "TATE YANGON"). Where the first mark ends with, or is followed by, a place
 * named elsewhere on the document (`places`: words of the route and consignee), the slash is put
 * back; a letter that can be a misread slash (I, U, L, 1, |) right before the place goes with it.
 */
export function restoreMarksSlash(marks: string, places: string[]): string {
  const words = wordsOfPlaces(places, 3);
  const tokens = marks.split(' ');
  const first = tokens[0] ?? '';
  if (!/^[A-Z]{6,}$/.test(first)) {
    const spacedSlash = marks.replace(/^([A-Z]{2,5}) ?\/ ?(?=[A-Z])/, '$1/');
    if (spacedSlash !== marks) return spacedSlash;
    const spaceForSlash = /^([A-Z]{2,5}) ([A-Z]{3,})(?= )/.exec(marks);
    return spaceForSlash && words.has(spaceForSlash[2]!) ? `${spaceForSlash[1]}/${marks.slice(spaceForSlash[1]!.length + 1)}` : marks;
  }
  for (const w of words) {
    if (!first.endsWith(w)) continue;
    let initials = first.slice(0, first.length - w.length);
    if (initials.length === 5 && /[IUL1|]$/.test(initials)) initials = initials.slice(0, 4);
    if (initials.length < 2 || initials.length > 5) continue;
    return [`${initials}/${w}`, ...tokens.slice(1)].join(' ');
  }
  return marks;
}

/**
 * Dotted abbreviations of names and addresses whose dots OCR loses or bends one at a time (Z.Z.: a
 * Dutch quay's south side; K.K.: a Japanese company; A.S.: a Turkish one).
 */
const DOTTED = ['U.S.A.', 'U.A.E.', 'S.A.S.', 'S.R.L.', 'S.P.A.', 'L.L.C.', 'P.R.', 'U.K.', 'B.V.', 'N.V.', 'Z.Z.', 'K.K.', 'A.S.'];
const DOTTED_BY_LETTERS = new Map(DOTTED.map((d) => [d.replace(/\./g, ''), d]));

/**
 * A party's name and address with the punctuation OCR half lost put back where only one form
 * exists: a dotted abbreviation that kept some of its dots ("US.A.", "U.S.A", "SAS.", "B.V,") is
 * written whole; "CO, LTD." (a comma where the abbreviation's dot and comma stood), "CO,, LTD.",
 * "CO.,, LTD." (a speck read as a second comma), "CO.. LTD." and "CO.,LTD." are "CO., LTD.".
 * Forms printed on purpose — "USA", "SAS", "CO. LTD." — are left alone.
 */
export function repairAbbreviations(text: string): string {
  return text
    // a final comma after a dotted abbreviation without its last dot is that dot ("B.V,")
    // …and a comma between its letters that dot ("N,V.")
    .replace(/\b([A-Za-z](?:[.,]?[A-Za-z]){1,2})([.,]?)(?=[\s;]|$)/g, (m, body: string) => {
      if (!m.includes('.')) return m;
      const full = DOTTED_BY_LETTERS.get(body.replace(/[.,]/g, '').toUpperCase());
      return full && m.toUpperCase() !== full ? full : m;
    })
    .replace(/\bC[Oo](?:,,?|\.,,|\.\.)\s*LTD\b/g, 'CO., LTD')
    // a comma before a legal form that no name puts one before is a speck ("APPAREL, SARL",
    // "INDUSTRIAL, BERHAD"); "CO., LTD." and "ACME, INC." keep theirs
    .replace(/(?<=[A-Z]{2}),(?=\s+(?:SARL|PTY|BERHAD|SDN|GMBH|AG|B\.V\.|N\.V\.|S\.A\.S\.|S\.R\.L\.|S\.P\.A\.|K\.K\.|A\.S\.)(?=[\s,]|$))/g, '')
    // an Indonesian company's PT. opening its name with the dot read as a comma ("PT, JADE PEAK")
    .replace(/^PT,(?=\s)/, 'PT.')
    // the space after "CO.," OCR closed up ("CO.,LTD.", its O read small: "Co.,LTD.")
    .replace(/\bC[Oo]\.,(?=LTD\b)/g, 'CO., ');
}

/**
 * A party's name and address: whitespace collapsed, half-lost abbreviations whole again, in
 * an address typed in capitals a Roman numeral OCR read with a lower-case l ("VSIP Il") is "II",
 * a lone vertical bar is the digit 1, and a lot or block number keeps its digit ("LOT AS" is A5).
 */
export function normaliseParty(text: string): Normalised {
  let t = repairAbbreviations(text ?? '');
  const lower = lowerCaseShare(t);
  if (lower !== null && lower < 0.1) {
    t = t.replace(/(?<=^|\s)(?=[Il]{2,3}\b)(?=\S*l)[Il]{2,3}(?=[\s,.]|$)/g, (m) => 'I'.repeat(m.length));
    // in capitals a lower-case l among a postcode's or number's digits is a 1 ("V6B 1Al,"), and so
    // is a bracket closing a run of digits ("40000],", "455] 1257")
    t = t.replace(/(?<=^|\s)(?=\S*\d)[A-Z0-9l]*l[A-Z0-9l]*(?=[\s,.]|$)/g, (m) => m.replace(/l/g, '1')).replace(/(?<=\d)\](?=[\s,.]|$)/g, '1');
  }
  // a lone Hangul letter (a jamo, not a syllable) is no word of any address: a speck OCR read as one
  t = t.replace(/(?<=^|\s)[\u1100-\u11ff\u3131-\u318e]+(?=\s|$)/g, '');
  // nor is one Hangul syllable or Chinese character alone after the country that ends the
  // address ("대한민국 미", "P.R. CHINA 了"): a seal's edge read as one
  const tail = /^(.*\S)\s+[\uac00-\ud7af\u4e00-\u9fff]\s*$/u.exec(t);
  if (tail && [1, 2, 3, 4].some((n) => isCountryName(tail[1]!.split(' ').slice(-n).join(' ')))) t = tail[1]!;
  // a quote mark opening a word of a name that none closes is a speck ("PLASTICS 'TBK JL.")
  t = t.replace(/(?<=\s)['‘`](?=[A-Z]{2,}[.,]?(?:\s|$))/g, '');
  // a vertical bar is no word: standing alone in an address it is a 1 ("DISTRICT |,"); so is a
  // lone I numbering a street ("LIMITED I SILOM ROAD")
  t = t.replace(/(?<=\s)\|(?=[\s,]|$)/g, '1');
  t = t.replace(/(?<=\s)I(?=(?:\s+[A-Z]{2,}){1,3}\s+(?:ROAD|STREET|AVENUE|LANE|DRIVE|BOULEVARD|HIGHWAY)\b)/g, '1');
  // …and a lone I numbering a district, unit or floor ("DISTRICT I," is District 1)
  t = t.replace(/(?<=\b(?:DISTRICT|UNIT|FLOOR|NO\.)\s)I(?=[,\s]|$)/g, '1');
  // no address holds a percent or section sign: after digits or alone as a number, each is a 5
  // OCR bent ("NO. 4%,", "UNIT §,")
  t = t.replace(/(?<=\b(?:NO\.?|UNIT|LOT|BLOCK|FLOOR|DISTRICT)\s?\d{1,5})%(?=[\s,.]|$)/g, '5').replace(/(?<=\b(?:DISTRICT|UNIT|FLOOR|NO\.|LOT|BLOCK)\s)§(?=[,\s]|$)/g, '5');
  // …and a lone slash there, a 7 whose bar faded ("DISTRICT /," is District 7)
  t = t.replace(/(?<=\b(?:DISTRICT|UNIT|FLOOR|NO\.)\s)\/(?=[,\s]|$)/g, '7');
  // a lot or block number is a letter and digits: "LOT AS," is LOT A5 with the 5 read as S
  t = t.replace(/\b(LOT|PLOT|BLOCK|BLK|UNIT)\s+([A-Z])([SOI])(?=[,.]?(?:\s|$))/g, (_m, w: string, a: string, d: string) => `${w} ${a}${LETTER_DIGITS[d]![0]}`);
  // the digit read twice, as its lookalike letter and as itself ("LOT AS5,")
  t = t.replace(/\b(LOT|PLOT|BLOCK|BLK|UNIT)\s+([A-Z])(S5|O0|I1|B8|Z2|G6)(?=[,.]?(?:\s|$))/g, (_m, w: string, a: string, pair: string) => `${w} ${a}${pair[1]}`);
  // LTD after "CO.," with its L read as 1 or I and a dot ("CO., 1.TD.")
  t = t.replace(/\b(CO\.,?\s+)[1lI|][.,]?T[D0O]\.(?=\s|$)/g, '$1LTD.');
  // the colon after TEL read as a semicolon or with a speck ("TEL;", "TEL.:")
  t = t.replace(/\b(TEL|FAX)(?:;|\.:|:\.)(?=\s)/g, '$1:');
  return normaliseText(repairPhone(repairAddressPunctuation(t)));
}

/**
 * Commas and dots of an address OCR read as one another: a comma read as a dot after a number
 * or postcode with the address going on ("HAMBURG 20457. GERMANY", "45. SAMSAN-RO"); the other
 * way round, "LTD,", "INC," or "CORP," with the name going on, "SDN," before BHD, "PTE," before LTD
 * and "NO," before a number (the abbreviation's own dot read as a comma: "CO., LTD, 45", "NO, 1208"). A dot after a number
 * inside an address ends nothing; it is the comma that separates the parts.
 */
export function repairAddressPunctuation(text: string): string {
  return text
    .replace(/(?<=\s[A-Z0-9-]*\d)\.(?=\s+[A-Z\p{Lo}])/gu, ',')
    .replace(/\b(LTD|INC|CORP),(?=\s+\S)/g, '$1.')
    // the dot of the first half of a two-part company form ("SDN, BHD.", "PTE, LTD.")
    .replace(/\b(SDN|PTE),(?=\s+(?:BHD|LTD)\b)/g, '$1.')
    .replace(/\bNO,(?=\s*\d)/g, 'NO.');
}

/**
 * A telephone number's label and plus sign as printed. OCR bends the short label ("TFL:",
 * "TET.:", "TKL:") and reads the plus as 4 or 1 ("TEL: 486 23 …"). The label is put back where
 * a misreading of TEL stands before a number of seven digits or more; the plus where the digits
 * after the 4 or 1 are the calling code of the country the address names.
 */
export function repairPhone(text: string): string {
  const out = text.replace(/(?<=^|\s)([A-Z][A-Z1]{2})\s?[.:]*\s?:?(?=\s+[+\d(][\d\s()+-]{6,})/g, (m, label: string) => {
    if (label === 'TEL' || misreadCost(label, 'TEL') > OTHER_EDIT) return m;
    return /[.:]/.test(m.slice(3)) ? 'TEL:' : 'TEL';
  });
  const country = findCountryIn(out);
  const code = country ? callingCode(country) : undefined;
  if (!code) return out;
  return out.replace(new RegExp(`(?<=\\bTEL:?\\s+)[41](?=${code}[\\s-])`), '+');
}

/** What OCR makes of a voyage's direction letter (N, S, E, W) after its three digits. */
const VOYAGE_DIRECTION_MISREAD: Record<string, string> = { '8': 'S', '5': 'S', '3': 'S', S8: 'S', '58': 'S', F: 'E', '&': 'E', wW: 'W', WW: 'W', w: 'W', NW: 'N', n: 'N', s: 'S', e: 'E' };

/**
 * Means of transport and route. Readings OCR gets wrong that cannot be meant: a flight number
 * whose airline code starts with a zero (no IATA code does: "0Z297" is OZ297), a voyage's "V."
 * read as "V," before its number, and a voyage number of three digits whose direction letter
 * (N, S, E, W) was misread ("V.1718" for V.171S, "V.740F", "V.077wW") or whose digits were
 * read as letters ("V.OI7E", "V.B05N"), or whose dot was lost ("V 426E"); the colon after the means
 * of transport read as "!" ("BY SEA! ONE APUS"); a dotted abbreviation that lost a dot ("PR. CHINA").
 * Each correction is flagged for review.
 */
export function normaliseRoute(text: string): Normalised {
  // a port's country may be a dotted abbreviation that lost a dot ("NINGBO, PR. CHINA")
  const fixed = repairAbbreviations(text ?? '')
    .replace(/\b(FLIGHT\s+)0(?=[A-Z]\d)/gi, '$1O')
    // "FLIGHT 02350": no flight number has five digits; its airline code OZ read as digits
    .replace(/\b(FLIGHT\s+)02(?=\d{3,4}\b)/gi, '$1OZ')
    .replace(/\bV,(?=[0-9OIlB]{3}[0-9A-Za-z&]{1,2}(?:[\s,]|$))/g, 'V.')
    // the colon after a means of transport read as "!" ("BY SEA! EVER GIVEN")
    .replace(/\b(SEA|AIR|ROAD|RAIL|TRUCK|VESSEL)!(?=\s)/g, '$1:')
    // "V 426E", "V481E", "VA411E": the voyage's dot lost or bent into a letter
    .replace(/\bV(?:\s|A)?(?=\d{3}[NSEW]\b)/g, 'V.')
    // "FLIGHT CAl47": a lower-case l among a flight number's digits is a 1, one beside a 1 the same 1 read twice ("CAl176")
    .replace(/\b(FLIGHT\s+[A-Z]{2})l1?(?=\d{1,3}\b)/g, (_m, code: string) => `${code}1`)
    .replace(/\bV\.([0-9OIlB]{3})([0-9A-Za-z&]{1,2})(?=[\s,]|$)/g, (m, num: string, dir: string) => {
      const direction = VOYAGE_DIRECTION_MISREAD[dir] ?? (/^[NSEW]$/.test(dir) ? dir : null);
      return direction ? `V.${num.replace(/O/g, '0').replace(/[Il]/g, '1').replace(/B/g, '8')}${direction}` : m;
    });
  const n = normaliseText(fixed);
  return fixed !== text && n.value ? { ...n, uncertain: true, note: `read "${text.trim()}"; a flight or voyage number corrected` } : n;
}

/** Names, addresses, descriptions: whitespace collapsed, apostrophes plain. */
export function normaliseText(text: string): Normalised {
  // a typographic apostrophe inside a word or after a plural's S is the plain one ("MEN’S",
  // "BOYS’,"); a closing quote mark after another letter stays
  const s = (text ?? '').replace(/\s+/g, ' ').replace(/(?<=\p{L})[’‘](?=\p{L})|(?<=[sS])[’‘](?=[\s,.;:]|$)/gu, "'").trim();
  return s ? { value: s, ok: true } : none('empty');
}
