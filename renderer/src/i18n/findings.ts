/**
 * Cross-document findings in the examiner's language. The desk words each finding in English and
 * gives the values it quotes as `params`; the sentence here is the dictionary's template for the
 * finding's code (`findings.message.<code>`, or `findings.message.<code>.<variant>` where
 * `params.variant` names one of the code's sentences) filled from those params. A finding the
 * dictionaries do not know — a new code or variant, or one stored without the values its template
 * needs — keeps the desk's English sentence.
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

export function findingMessage(lang: Lang, finding: FindingText): string {
  const key = findingMessageKey(finding.code, finding.params);
  if (!key) return finding.message;
  const params = finding.params ?? {};
  if (placeholders(en[key]).some((name) => params[name] === undefined)) return finding.message;
  return interpolate(lang, dictionaries[lang][key], params);
}
