/** React side of i18n: the chosen language lives in context, persists in localStorage and sets `<html lang>`. */
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { MessageKey } from './en.ts';
import {
  formatBytes,
  formatDateTime,
  formatNumber,
  isLang,
  translate,
  translatePlural,
  type Lang,
  type Params,
  type PluralKey,
} from './translate.ts';

const STORAGE_KEY = 'origindesk.lang';

export interface I18n {
  lang: Lang;
  setLang(lang: Lang): void;
  t(key: MessageKey, params?: Params): string;
  tn(base: PluralKey, count: number, params?: Params): string;
  num(n: number): string;
  bytes(n: number): string;
  dateTime(iso: string): string;
}

function initialLang(): Lang {
  try {
    const stored = window.localStorage.getItem(STORAGE_KEY);
    if (isLang(stored)) return stored;
  } catch {
    /* storage can be disabled; fall back to the browser language */
  }
  return navigator.language.toLowerCase().startsWith('ko') ? 'ko' : 'en';
}

const I18nContext = createContext<I18n | null>(null);

export function I18nProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Lang>(initialLang);

  useEffect(() => {
    document.documentElement.lang = lang;
  }, [lang]);

  const setLang = useCallback((next: Lang) => {
    setLangState(next);
    try {
      window.localStorage.setItem(STORAGE_KEY, next);
    } catch {
      /* not persisted; still switched for this session */
    }
  }, []);

  const value = useMemo<I18n>(
    () => ({
      lang,
      setLang,
      t: (key, params) => translate(lang, key, params),
      tn: (base, count, params) => translatePlural(lang, base, count, params),
      num: (n) => formatNumber(lang, n),
      bytes: (n) => formatBytes(lang, n),
      dateTime: (iso) => formatDateTime(lang, iso),
    }),
    [lang, setLang],
  );
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const value = useContext(I18nContext);
  if (!value) throw new Error('useI18n outside I18nProvider');
  return value;
}
