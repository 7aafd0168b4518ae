/** Pure translation helpers (no React), so they can be unit-tested and used outside components. */
import { en, type MessageKey } from './en.ts';
import { ko } from './ko.ts';

export const LANGS = ['en', 'ko'] as const;
export type Lang = (typeof LANGS)[number];
export type Params = Record<string, string | number>;

export const dictionaries: Record<Lang, Record<MessageKey, string>> = { en, ko };

/** Keys that have `.one` / `.other` plural forms, without the suffix. */
type PluralBase<K> = K extends `${infer B}.one` ? B : never;
export type PluralKey = PluralBase<MessageKey>;

const LOCALES: Record<Lang, string> = { en: 'en-GB', ko: 'ko-KR' };

export function isLang(value: unknown): value is Lang {
  return typeof value === 'string' && (LANGS as readonly string[]).includes(value);
}

export function formatNumber(lang: Lang, n: number): string {
  return new Intl.NumberFormat(LOCALES[lang]).format(n);
}

/** Fills `{name}` placeholders; numbers are locale-formatted; unknown placeholders stay visible. */
export function interpolate(lang: Lang, template: string, params?: Params): string {
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = params[name];
    if (value === undefined) return whole;
    return typeof value === 'number' ? formatNumber(lang, value) : value;
  });
}

export function translate(lang: Lang, key: MessageKey, params?: Params): string {
  // Fall back to English so a (type-impossible) hole never shows a raw key.
  const template = dictionaries[lang][key] ?? en[key];
  return interpolate(lang, template, params);
}

export function translatePlural(lang: Lang, base: PluralKey, count: number, params?: Params): string {
  const key = `${base}.${count === 1 ? 'one' : 'other'}` as MessageKey;
  return translate(lang, key, { count, ...params });
}

export function formatBytes(lang: Lang, bytes: number): string {
  const units = ['B', 'KB', 'MB', 'GB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  const digits = unit === 0 || value >= 100 ? 0 : 1;
  return `${new Intl.NumberFormat(LOCALES[lang], { maximumFractionDigits: digits }).format(value)} ${units[unit]}`;
}

export function formatDateTime(lang: Lang, iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(LOCALES[lang], { dateStyle: 'medium', timeStyle: 'short' }).format(date);
}
