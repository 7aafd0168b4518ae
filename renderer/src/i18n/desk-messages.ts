/**
 * Sentences the desk words in English — cross-document findings and the reasons behind a stamp or
 * signature verification — in the examiner's language. The desk gives each a code and the values
 * it quotes as `params`; the sentence here is the dictionary's template for the code
 * (`findings.message.<code>` or `findings.message.<code>.<variant>` where `params.variant` names
 * one of a finding's sentences; `auth.reason.<code>` for reasons; `auth.quality.<code>.<mark>` for
 * the quality issues of a specimen or questioned mark) filled from those params. One
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

export interface QualityIssueText {
  code: string;
  /** The desk's sentence (English). */
  text: string;
  /** The values it quotes, with `mark: 'specimen' | 'query'`. */
  params?: Params;
}

/**
 * The dictionary key of a quality issue's sentence (`auth.quality.<code>.<mark>`, where
 * `params.mark` says whether the specimen or the questioned mark has it), or null when the
 * dictionaries have none (an issue stored as a plain sentence reads as code `text`).
 */
export function qualityIssueKey(code: string, params?: Params): MessageKey | null {
  const mark = params?.mark;
  const key = `auth.quality.${code}.${typeof mark === 'string' ? mark : ''}`;
  return Object.hasOwn(en, key) ? (key as MessageKey) : null;
}

export function qualityIssueMessage(lang: Lang, issue: QualityIssueText): string {
  return templated(lang, qualityIssueKey(issue.code, issue.params), issue.text, issue.params);
}

/** Several quality issues in one sentence, as the desk joins them. */
export function qualityIssuesMessage(lang: Lang, issues: readonly QualityIssueText[]): string {
  return issues.map((i) => qualityIssueMessage(lang, i)).join('; ');
}

export interface ReasonText {
  code: string;
  /** The desk's sentence (English). */
  text: string;
  params?: Params;
  /** The quality issues a `*_quality_too_low` reason quotes: worded here in place of `params.issues` (English). */
  issues?: readonly QualityIssueText[];
}

/** The dictionary key of a verification reason's sentence, or null when the dictionaries have none. */
export function reasonMessageKey(code: string): MessageKey | null {
  const key = `auth.reason.${code}`;
  return Object.hasOwn(en, key) ? (key as MessageKey) : null;
}

export function reasonMessage(lang: Lang, reason: ReasonText): string {
  const params = reason.issues?.length ? { ...reason.params, issues: qualityIssuesMessage(lang, reason.issues) } : reason.params;
  return templated(lang, reasonMessageKey(reason.code), reason.text, params);
}
