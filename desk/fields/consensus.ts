/**
 * One document names the same places and words several times: the exporter's city is also the
 * port of loading and the place of certification, the consignee's port is the route's
 * destination, the goods are worded as in the HS nomenclature. A word OCR bent in one place
 * ("SHANGHALT", "SINGAPORF", "MILLSTONFRS") is put right from a reading of the same word that
 * is more certain: elsewhere on the document, read more confidently, or a word of the HS
 * nomenclature's descriptions (for goods).
 *
 * Only words of five letters or more that OCR read with confidence under 0.9, only when exactly
 * one surer word is within one edit (two for words of eight letters or more), and never a word
 * the document itself reads the same way twice or a word list knows.
 */
import { levenshtein, type Token } from './text.ts';

export interface WordSeen {
  count: number;
  /** Highest OCR confidence of a reading of the word. */
  conf: number;
}

/** Letters of a token that is one plain word (a dot inside allowed: "FI.OURS"), upper case; else null. */
function coreOf(text: string): string | null {
  const body = text.toUpperCase().replace(/^[("'[]+/, '').replace(/[,.;:)\]]+$/, '');
  if (!/^[A-Z][A-Z.]*[A-Z]$/.test(body) || (body.match(/\./g)?.length ?? 0) > 1) return null;
  const core = body.replace('.', '');
  return core.length >= 5 ? core : null;
}

/** How often, and how confidently, each word is read on the document's pages. */
export function documentWords(tokens: Token[]): Map<string, WordSeen> {
  const out = new Map<string, WordSeen>();
  for (const t of tokens) {
    const core = coreOf(t.text);
    if (!core) continue;
    const seen = out.get(core);
    if (seen) {
      seen.count++;
      seen.conf = Math.max(seen.conf, t.conf);
    } else out.set(core, { count: 1, conf: t.conf });
  }
  return out;
}

export interface Corrected {
  value: string;
  /** "SHANGHALT → SHANGHAI" for each word put right. */
  changes: string[];
}

/** Words a goods description counts its packages with: quantities in words and kinds of package. */
export const PACKAGE_WORDS: ReadonlySet<string> = new Set(
  ('THREE SEVEN EIGHT ELEVEN TWELVE THIRTEEN FOURTEEN FIFTEEN SIXTEEN SEVENTEEN EIGHTEEN NINETEEN TWENTY THIRTY FORTY FIFTY ' +
    'SIXTY SEVENTY EIGHTY NINETY HUNDRED THOUSAND CASES CRATES PALLETS CARTONS BUNDLES DRUMS ROLLS PACKAGES PIECES BALES SACKS')
    .split(' '),
);

/** A word read at this confidence or better is taken as read. */
const SURE = 0.9;

/**
 * `value` with its bent words put right. `tokens` are the value's own OCR tokens (their
 * confidence says which words may be bent); `known` word lists (country names, the HS
 * nomenclature's words) are never changed and count as read with full confidence.
 */
export function correctFromDocument(value: string, tokens: Token[], seen: Map<string, WordSeen>, known: ReadonlySet<string>[] = []): Corrected {
  const changes: string[] = [];
  const ownConf = new Map<string, number>();
  for (const t of tokens) {
    const core = coreOf(t.text);
    if (core) ownConf.set(core, Math.min(ownConf.get(core) ?? 1, t.conf));
  }
  const words = value.split(' ').map((w) => {
    const core = coreOf(w);
    const own = core ? ownConf.get(core) : undefined;
    // a word read surely, read the same twice, or a known word stays as read
    if (!core || own === undefined || own >= SURE || (seen.get(core)?.count ?? 0) >= 2 || known.some((k) => k.has(core))) return w;
    const reach = core.length >= 8 ? 2 : 1;
    const found = new Set<string>();
    const consider = (cand: string) => {
      if (Math.abs(cand.length - core.length) > reach || (reach === 2 && cand.length < 8)) return;
      // "II" for H is one misreading, not two edits ("PIINOM" for PHNOM)
      if (levenshtein(cand, core) <= reach || (core.includes('II') && levenshtein(cand, core.replace(/II/g, 'H')) <= reach)) found.add(cand);
    };
    // elsewhere on the document: read the same way at least twice, and more surely than here
    for (const [cand, s] of seen) if (s.count >= 2 && s.conf >= own + 0.1) consider(cand);
    for (const k of known) for (const cand of k) consider(cand);
    if (found.size !== 1) return w;
    const [fix] = found;
    changes.push(`${core} → ${fix}`);
    // keep the punctuation around the word as read
    return w.replace(/^([("'[]*)[A-Za-z.]+?([,.;:)\]]*)$/, `$1${fix}$2`);
  });
  return { value: words.join(' '), changes };
}
