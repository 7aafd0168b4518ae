/**
 * Sentences the desk words in English — cross-document findings and the reasons behind a stamp or
 * signature verification — in the examiner's language. The desk gives each a code and the values
 * it quotes as `params`; the sentence here is the dictionary's template for the code
 * (`findings.message.<code>` or `findings.message.<code>.<variant>` where `params.variant` names
 * one of a finding's sentences; `auth.reason.<code>` for reasons) filled from those params. One
 * the dictionaries do not know — a new code, or one stored without the values its template needs —
 * keeps the desk's English sentence.
 */
import { en, type MessageKey } from './en.ts';
import { dictionaries, interpolate, type Lang, type Params } from './translate.ts';

export interface FindingText {
  code: string;
  /** The desk's sentence (English). */
  message: string;
  params?: Params;
}

/** `{name}` placeholders of a template. */
export function placeholders(template: string): string[] {
  return [...template.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!);
}

/** The dictionary key of a finding's sentence, or null when the dictionaries have none. */
export function findingMessageKey(code: string, params?: Params): MessageKey | null {
  const variant = params?.variant;
  const key = `findings.message.${code}${typeof variant === 'string' && variant ? `.${variant}` : ''}`;
  return Object.hasOwn(en, key) ? (key as MessageKey) : null;
}

/** The dictionary's sentence `key` filled from `params`, or `fallback` when it has none or lacks a value. */
function templated(lang: Lang, key: MessageKey | null, fallback: string, params: Params = {}): string {
  if (!key) return fallback;
  if (placeholders(en[key]).some((name) => params[name] === undefined)) return fallback;
  return interpolate(lang, dictionaries[lang][key], params);
}

export function findingMessage(lang: Lang, finding: FindingText): string {
  return templated(lang, findingMessageKey(finding.code, finding.params), finding.message, finding.params);
}

export interface ReasonText {
  code: string;
  /** The desk's sentence (English). */
  text: string;
  params?: Params;
}

/** The dictionary key of a verification reason's sentence, or null when the dictionaries have none. */
export function reasonMessageKey(code: string): MessageKey | null {
  const key = `auth.reason.${code}`;
  return Object.hasOwn(en, key) ? (key as MessageKey) : null;
}

export function reasonMessage(lang: Lang, reason: ReasonText): string {
  return templated(lang, reasonMessageKey(reason.code), reason.text, reason.params);
}
