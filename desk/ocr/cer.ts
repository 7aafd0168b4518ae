/**
 * Character error rate: Levenshtein distance between normalised texts divided by the length of
 * the normalised reference, in Unicode code points.
 *
 * Normalisation (the same for reference and hypothesis), in this order:
 *  1. Unicode NFKC (full-width Latin and digits become ASCII, compatibility ligatures are split,
 *     Hangul stays composed);
 *  2. typographic quotes ‘ ’ ‚ ‛ ′ → ' and “ ” „ ‟ ″ → ", dashes ‐ ‑ ‒ – — − → -;
 *  3. every run of whitespace (spaces, tabs, line breaks) becomes one space; leading and
 *     trailing whitespace is removed.
 * Case, punctuation and digits are kept: a customs number that reads `O` for `0` is an error.
 * Whitespace is kept as one character, so a missing word break costs 1.
 * Option `caseInsensitive` additionally upper-cases both texts (for references transcribed in
 * capitals, such as SROIE's).
 */

const QUOTES_SINGLE = /[\u2018\u2019\u201A\u201B\u2032]/g;
const QUOTES_DOUBLE = /[\u201C\u201D\u201E\u201F\u2033]/g;
const DASHES = /[\u2010\u2011\u2012\u2013\u2014\u2212]/g;

export interface CerOptions {
  caseInsensitive?: boolean;
}

export function normaliseText(text: string, opts: CerOptions = {}): string {
  const t = opts.caseInsensitive ? text.toUpperCase() : text;
  return t
    .normalize('NFKC')
    .replace(QUOTES_SINGLE, "'")
    .replace(QUOTES_DOUBLE, '"')
    .replace(DASHES, '-')
    .replace(/\s+/gu, ' ')
    .trim();
}

/** Levenshtein distance (insert, delete, substitute: cost 1 each) over code points. */
export function levenshtein(a: readonly string[] | string, b: readonly string[] | string): number {
  const s = typeof a === 'string' ? Array.from(a) : a;
  const t = typeof b === 'string' ? Array.from(b) : b;
  if (s.length === 0) return t.length;
  if (t.length === 0) return s.length;
  let prev = new Uint32Array(t.length + 1);
  let cur = new Uint32Array(t.length + 1);
  for (let j = 0; j <= t.length; j++) prev[j] = j;
  for (let i = 1; i <= s.length; i++) {
    cur[0] = i;
    const si = s[i - 1];
    for (let j = 1; j <= t.length; j++) {
      const sub = prev[j - 1]! + (si === t[j - 1] ? 0 : 1);
      const del = prev[j]! + 1;
      const ins = cur[j - 1]! + 1;
      cur[j] = sub < del ? (sub < ins ? sub : ins) : del < ins ? del : ins;
    }
    [prev, cur] = [cur, prev];
  }
  return prev[t.length]!;
}

export interface CerResult {
  /** errors / reference length (may exceed 1 when the hypothesis is much longer). */
  cer: number;
  errors: number;
  refLength: number;
}

/** CER of `hypothesis` against `reference` after {@link normaliseText}. An empty reference gives
 * cer 0 for an empty hypothesis and 1 otherwise. */
export function cer(reference: string, hypothesis: string, opts: CerOptions = {}): CerResult {
  const ref = Array.from(normaliseText(reference, opts));
  const hyp = Array.from(normaliseText(hypothesis, opts));
  const errors = levenshtein(ref, hyp);
  if (ref.length === 0) return { cer: hyp.length === 0 ? 0 : 1, errors, refLength: 0 };
  return { cer: errors / ref.length, errors, refLength: ref.length };
}

/** Corpus CER: total errors over total reference length (long pages weigh more, as they should). */
export function corpusCer(pairs: Iterable<{ reference: string; hypothesis: string }>, opts: CerOptions = {}): CerResult {
  let errors = 0;
  let refLength = 0;
  for (const p of pairs) {
    const r = cer(p.reference, p.hypothesis, opts);
    errors += r.errors;
    refLength += r.refLength;
  }
  return { cer: refLength === 0 ? 0 : errors / refLength, errors, refLength };
}
