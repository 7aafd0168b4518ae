/** How values are printed on generated documents (the truth keeps the normalised form). */
import type { Rng } from './rng.ts';

export const DATE_STYLES = ['iso', 'dmy_slash', 'dmy_dot', 'd_mon_y', 'd-mon-y', 'month_d_y', 'mon_d_y', 'dth_month_y', 'ymd_dot'] as const;
export type DateStyle = (typeof DATE_STYLES)[number] | 'zh' | 'ko';

const MON = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];
const MONTH = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

const pad = (n: number) => String(n).padStart(2, '0');
const ordinal = (d: number) => `${d}${d % 10 === 1 && d !== 11 ? 'st' : d % 10 === 2 && d !== 12 ? 'nd' : d % 10 === 3 && d !== 13 ? 'rd' : 'th'}`;

/** `iso` is YYYY-MM-DD. */
export function formatDate(iso: string, style: DateStyle, upper = false): string {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  let s: string;
  switch (style) {
    case 'iso': s = iso; break;
    case 'dmy_slash': s = `${pad(d)}/${pad(m)}/${y}`; break;
    case 'dmy_dot': s = `${pad(d)}.${pad(m)}.${y}`; break;
    case 'd_mon_y': s = `${pad(d)} ${MON[m - 1]} ${y}`; break;
    case 'd-mon-y': s = `${pad(d)}-${MON[m - 1]![0]}${MON[m - 1]!.slice(1).toLowerCase()}-${y}`; break;
    case 'month_d_y': s = `${MONTH[m - 1]} ${d}, ${y}`; break;
    case 'mon_d_y': s = `${MON[m - 1]}. ${pad(d)}, ${y}`; break;
    case 'dth_month_y': s = `${ordinal(d)} ${MONTH[m - 1]} ${y}`; break;
    case 'ymd_dot': s = `${y}.${pad(m)}.${pad(d)}`; break;
    case 'zh': s = `${y}年${m}月${d}日`; break;
    case 'ko': s = `${y}년 ${m}월 ${d}일`; break;
  }
  return upper ? s.toUpperCase() : s;
}

export function addDays(iso: string, days: number): string {
  const t = Date.parse(`${iso}T00:00:00Z`) + days * 86400_000;
  return new Date(t).toISOString().slice(0, 10);
}

export function randomDate(rng: Rng): string {
  // 2024-01-01 … 2026-06-30
  const start = Date.parse('2024-01-01T00:00:00Z');
  const days = rng.int(0, 911);
  return new Date(start + days * 86400_000).toISOString().slice(0, 10);
}

export type NumberConvention = 'dot' | 'comma';

/** Minor units → normalised decimal text, e.g. (1234560, 2) → '12345.60'. */
export function toDecimal(minor: number, decimals: number): string {
  if (decimals === 0) return String(minor);
  const s = String(Math.abs(minor)).padStart(decimals + 1, '0');
  return `${minor < 0 ? '-' : ''}${s.slice(0, -decimals)}.${s.slice(-decimals)}`;
}

/** Minor units → printed with grouping in the document's convention: 1,234.56 or 1.234,56. */
export function formatNumber(minor: number, decimals: number, conv: NumberConvention, group = true): string {
  const [int, frac] = toDecimal(minor, decimals).split('.') as [string, string | undefined];
  const g = conv === 'dot' ? ',' : '.';
  const d = conv === 'dot' ? '.' : ',';
  const grouped = group ? int.replace(/\B(?=(\d{3})+(?!\d))/g, g) : int;
  return frac === undefined ? grouped : `${grouped}${d}${frac}`;
}

export interface CurrencyInfo {
  code: string;
  decimals: number;
  /** Ways of writing it before an amount. */
  prefixes: string[];
  /** Written in words (for "SAY … ONLY"). */
  words: string;
}

export const CURRENCIES: Record<string, CurrencyInfo> = {
  USD: { code: 'USD', decimals: 2, prefixes: ['USD', 'US$', 'USD ', 'US$ '], words: 'US DOLLARS' },
  EUR: { code: 'EUR', decimals: 2, prefixes: ['EUR', 'EUR ', '€'], words: 'EUROS' },
  CNY: { code: 'CNY', decimals: 2, prefixes: ['CNY', 'RMB', 'CNY ', 'RMB '], words: 'CHINESE YUAN' },
  KRW: { code: 'KRW', decimals: 0, prefixes: ['KRW', 'KRW '], words: 'KOREAN WON' },
  JPY: { code: 'JPY', decimals: 0, prefixes: ['JPY', 'JPY '], words: 'JAPANESE YEN' },
  SGD: { code: 'SGD', decimals: 2, prefixes: ['SGD', 'S$'], words: 'SINGAPORE DOLLARS' },
  AUD: { code: 'AUD', decimals: 2, prefixes: ['AUD', 'A$'], words: 'AUSTRALIAN DOLLARS' },
};

/** Prefix + amount: 'USD 12,345.60', 'US$12,345.60', '€ 1.234,56'. */
export function formatMoney(minor: number, cur: string, prefix: string, conv: NumberConvention): string {
  const c = CURRENCIES[cur]!;
  const p = prefix.endsWith(' ') || /^[A-Z]+$/.test(prefix) ? `${prefix.trim()} ` : prefix;
  return `${p}${formatNumber(minor, c.decimals, conv)}`;
}
