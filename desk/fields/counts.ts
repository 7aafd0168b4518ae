/**
 * A count written twice on a document, in words and in figures ("SIX HUNDRED THIRTY FOUR (634)
 * CRATES OF …", "741 (SEVEN HUNDRED FORTY ONE) CRATES"), and again as the last carton number of the
 * shipping marks ("C/NO. 1-634"). OCR bends one reading more often than all of them, and number
 * words are a closed list, so the readings put each other right:
 * - words read as misreadings of number words ("SLX HUNDRED", "FIGHT") that the figures confirm
 *   are written out right;
 * - figures that are a misreading of the count the words spell ("8502" for FIVE HUNDRED NINETY TWO)
 *   take that count;
 * - a last carton number that is a misreading of the count ("1-204" beside 284 BUNDLES) takes it.
 * Nothing changes where the readings disagree beyond a misreading: that is a finding for the
 * officer, not an OCR error.
 */
import { digitLookalikes, misreadBudget, misreadCost } from './misreads.ts';

const UNITS = [
  'ZERO', 'ONE', 'TWO', 'THREE', 'FOUR', 'FIVE', 'SIX', 'SEVEN', 'EIGHT', 'NINE', 'TEN',
  'ELEVEN', 'TWELVE', 'THIRTEEN', 'FOURTEEN', 'FIFTEEN', 'SIXTEEN', 'SEVENTEEN', 'EIGHTEEN', 'NINETEEN',
];
const TENS = ['', '', 'TWENTY', 'THIRTY', 'FORTY', 'FIFTY', 'SIXTY', 'SEVENTY', 'EIGHTY', 'NINETY'];
const NUMBER_WORDS = [...UNITS, ...TENS.filter(Boolean), 'HUNDRED', 'THOUSAND', 'AND'];

function underThousand(n: number): string[] {
  const out: string[] = [];
  if (n >= 100) out.push(UNITS[Math.floor(n / 100)]!, 'HUNDRED');
  const r = n % 100;
  if (r >= 20) out.push(TENS[Math.floor(r / 10)]!, ...(r % 10 ? [UNITS[r % 10]!] : []));
  else if (r > 0 || out.length === 0) out.push(UNITS[r]!);
  return out;
}

/** 634 → ["SIX", "HUNDRED", "THIRTY", "FOUR"] (0 ≤ n < 1,000,000; no "AND"). */
export function numberWords(n: number): string[] {
  if (!Number.isInteger(n) || n < 0 || n >= 1_000_000) throw new RangeError(`no words for ${n}`);
  if (n < 1000) return underThousand(n);
  const rest = n % 1000;
  return [...underThousand(Math.floor(n / 1000)), 'THOUSAND', ...(rest ? underThousand(rest) : [])];
}

/** ["ONE", "HUNDRED", "AND", "ONE"] → 101; null where the words are not a well-formed number. */
export function parseNumberWords(words: readonly string[]): number | null {
  const ws = words.filter((w) => w !== 'AND');
  if (!ws.length || ws.length !== words.length - words.filter((w) => w === 'AND').length) return null;
  let total = 0, group = 0, last: 'unit' | 'teen' | 'ten' | 'hundred' | 'thousand' | null = null;
  for (const w of ws) {
    const u = UNITS.indexOf(w), t = TENS.indexOf(w);
    if (u >= 1 && u <= 9) {
      if (last === 'unit' || last === 'teen') return null;
      group += u, (last = 'unit');
    } else if (u >= 10) {
      if (last === 'unit' || last === 'teen' || last === 'ten') return null;
      group += u, (last = 'teen');
    } else if (t >= 2) {
      if (last === 'unit' || last === 'teen' || last === 'ten') return null;
      group += t * 10, (last = 'ten');
    } else if (w === 'HUNDRED') {
      if (last !== 'unit' || group >= 10) return null;
      group *= 100, (last = 'hundred');
    } else if (w === 'THOUSAND') {
      if (!group || total) return null;
      total = group * 1000, (group = 0), (last = 'thousand');
    } else return null;
  }
  return last === 'thousand' || group ? total + group : null;
}


/**
 * Whether `read` can be a misreading of the figures `want`: the same number of glyphs, at most two
 * of them (one in a figure of under four digits) a digit OCR takes for the wanted one or a glyph
 * that is no digit at all ("#911", "74)", "8b%"); or one digit lost or added with the rest exact.
 */
export function misreadFigures(read: string, want: string): boolean {
  if (read === want) return false;
  if (read.length === want.length) {
    let bent = 0;
    for (let i = 0; i < read.length; i++) {
      const r = read[i]!, w = want[i]!;
      if (r === w) continue;
      if (/\d/.test(r) && !digitLookalikes(w).includes(r)) return false;
      bent++;
    }
    return bent <= (want.length >= 4 ? 2 : 1);
  }
  if (Math.abs(read.length - want.length) !== 1 || want.length < 3 || !/^\d+$/.test(read)) return false;
  const [long, short] = read.length > want.length ? [read, want] : [want, read];
  for (let i = 0; i < long.length; i++) if (long.slice(0, i) + long.slice(i + 1) === short) return true;
  return false;
}

/** The nearest number word to a reading, within its misreading budget; null if none is clearly nearest. */
function nearestNumberWord(read: string): string | null {
  if (NUMBER_WORDS.includes(read)) return read;
  if (!/^[A-Z0-9()[\]|!$.]{2,}$/.test(read)) return null;
  const budget = Math.max(misreadBudget(read.length), 0.8);
  const ranked = NUMBER_WORDS.map((w) => ({ w, c: misreadCost(read, w, budget) })).filter((x) => x.c <= budget).sort((a, b) => a.c - b.c);
  if (!ranked.length || (ranked[1] && ranked[1].c - ranked[0]!.c < 0.3)) return null;
  return ranked[0]!.w;
}

export interface CountReading {
  /** The value with its count written consistently. */
  value: string;
  /** The count the value states, where words or figures state one. */
  count: number | null;
  changes: string[];
}

/** Where the words of a count ("SIX HUNDRED THIRTY FOUR", number words misread or not) ending right before `end` begin; `end` if none. */
function numberWordsBefore(words: string[], end: number): number {
  let from = end;
  while (from > 0 && nearestNumberWord(words[from - 1]!)) from--;
  return from;
}

interface Settled {
  figures: string;
  words: string[];
  count: number | null;
  changes: string[];
}

/**
 * One count's words (as read) and figures made to agree where one is a misreading of the other;
 * `shown` writes figures as the value prints them (in brackets or not). As read where they
 * disagree beyond a misreading, or where the words spell nothing and the figures hold no digits
 * only: null then.
 */
function settle(read: string[], figures: string, shown: (f: string) => string): Settled | null {
  const fixed = read.map(nearestNumberWord);
  const spelled = fixed.every(Boolean) ? parseNumberWords(fixed as string[]) : null;
  const digits = /^\d+$/.test(figures);
  if (spelled !== null) {
    const want = String(spelled);
    if (figures !== want && !misreadFigures(figures, want)) return { figures, words: read, count: digits ? Number(figures) : null, changes: [] };
    const changes: string[] = [];
    if (figures !== want) changes.push(`${shown(figures)} → ${shown(want)}, as the words spell it`);
    if (read.join(' ') !== fixed.join(' ')) changes.push(`${read.join(' ')} → ${fixed.join(' ')}`);
    return { figures: want, words: fixed as string[], count: spelled, changes };
  }
  if (!digits) return null;
  const respelled = respell(read, Number(figures));
  return { figures, words: respelled ?? read, count: Number(figures), changes: respelled ? [`${read.join(' ')} → ${respelled.join(' ')}, as the figures state`] : [] };
}

/**
 * `value` (a goods description) with a count stated in words and in figures made consistent where
 * one reading is a misreading of the other. Forms met: `WORDS (FIGURES)` and `FIGURES (WORDS)`.
 */
export function reconcileCount(value: string): CountReading {
  const words = value.split(' ');
  // WORDS (FIGURES)
  // one bracket may be lost ("TEN 710) DRUMS"); number words before the figures say they are the count
  const paren = words.findIndex(
    (w, i) => i > 0 && /\d/.test(w) && (/^\([^()\s]{1,7}\)$/.test(w) || (/^(\([^()\s]{1,7}|[^()\s]{1,7}\))$/.test(w) && nearestNumberWord(words[i - 1]!) !== null)),
  );
  const from = paren > 0 ? numberWordsBefore(words, paren) : paren;
  const figures = paren > 0 ? words[paren]!.replace(/^\(|\)$/g, '') : '';
  const before = from < paren ? settle(words.slice(from, paren), figures, (f) => `(${f})`) : null;
  if (before) {
    // the words keep their number (a respelling never changes it), so the figures stay at `paren`
    const changes = words[paren] === `(${figures})` ? before.changes : [...before.changes, `${words[paren]} → (${figures}), the bracket OCR lost`];
    words.splice(from, paren - from, ...before.words);
    words[paren] = `(${before.figures})`;
    return { value: words.join(' '), count: before.count, changes };
  }
  // FIGURES (WORDS)
  const m = /^(\S{1,7}) \(([^()]+)\)/.exec(value);
  const after = m && /\d/.test(m[1]!) ? settle(m[2]!.split(' '), m[1]!, (f) => f) : null;
  if (after) return { value: `${after.figures} (${after.words.join(' ')})${value.slice(m![0].length)}`, count: after.count, changes: after.changes };
  const lead = /^(\d{1,6}) [A-Z]/.exec(value);
  return { value, count: lead ? Number(lead[1]) : null, changes: [] };
}

/** The words of `n` in the reading's style (with "AND" where it has one) if each read word is a misreading of its word. */
function respell(read: string[], n: number): string[] | null {
  if (n >= 1_000_000) return null;
  let want = numberWords(n);
  if (read.includes('AND') && want.includes('HUNDRED') && want[want.length - 1] !== 'HUNDRED') {
    const at = want.lastIndexOf('HUNDRED') + 1;
    want = [...want.slice(0, at), 'AND', ...want.slice(at)];
  }
  if (want.length !== read.length || want.join(' ') === read.join(' ')) return null;
  // every word its own, or one plain edit from it (a fax's "POUR", "SLX")
  return want.every((w, i) => w === read[i] || misreadCost(read[i]!, w, 1.25) <= 1.25) ? want : null;
}

/**
 * Shipping marks whose carton numbers end in a misreading of the package count ("C/NO. 1-204"
 * beside 284 BUNDLES, "1.491", "1-74)", "1 543") with that count; other marks as they are.
 */
export function reconcileCartonNumbers(marks: string, count: number | null): { value: string; change: string | null } {
  if (count === null || count < 2) return { value: marks, change: null };
  const want = String(count);
  let change: string | null = null;
  // the range's hyphen may be read as a dot or lost ("1.491", "1 543")
  const value = marks.replace(/(C\/NO\.?\s*1)(\s?[-.]\s?|\s)(\S{1,7})(?=\s|$)/, (all, head: string, sep: string, last: string) => {
    const read = last.replace(/[,;]$/, '');
    if (read === want && sep.includes('-')) return all;
    if (read !== want && !misreadFigures(read, want)) return all;
    change = `carton numbers ${all.trim()} → ${head.trim()}-${want}, the package count the goods description states`;
    return `${head}-${/[-.]\s$/.test(sep) ? ' ' : ''}${want}${last.slice(read.length)}`;
  });
  return { value, change };
}
