/**
 * A word OCR bent in a field ("SHANGHALT", "RTVFR", "MIN1STRY") is put right from a surer
 * reading of the word. One document names the same places and words several times (the
 * exporter's city is also the port of loading and the place of certification), so the first
 * authority is the same word read surely twice elsewhere on it; then word lists: places, trade
 * words, country names and, for goods, the HS nomenclature's words. misreads.ts says how likely a
 * reading is a misreading of a list word.
 *
 * Only words OCR read with confidence under 0.93, only when one word is clearly nearest, and never
 * a word a word list knows or the document itself reads the same way twice (unless both readings
 * are weak and a closed list — country names, HS words — has the word they bend).
 */
import { misreadBudget, misreadCost, type NearestWord, nearestWord, OTHER_EDIT, SHAPE, type WordSource } from './misreads.ts';
import { levenshtein, type Token } from './text.ts';

export interface WordSeen {
  count: number;
  /** Highest OCR confidence of a reading of the word. */
  conf: number;
}

/** Letters of a token that is one plain word (a dot inside allowed: "FI.OURS"), upper case; else null. */
function coreOf(text: string): string | null {
  const body = partsOf(text)?.body ?? '';
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

/**
 * Short words so common in trade documents that a misreading of one is worth putting right; with
 * the carriers whose four-letter names open vessel names ("QOCL HONG KONG", "KMIC JAKARTA").
 */
const SHORT_WORDS: ReadonlySet<string> = new Set(['THE', 'AND', 'SEA', 'AIR', 'FROM', 'LTD', 'PTE', 'INC', 'CORP', 'ROAD', 'CITY', 'PORT', 'UNIT', 'FLOOR', 'ONE', 'OOCL', 'KMTC', 'SITC']);

/** misreadCost to a word of eight letters or more; a shorter word is out of reach. */
const longWordCost = (read: string, word: string) => (word.length >= 8 ? misreadCost(read, word, 2 * OTHER_EDIT + 0.3) : Infinity);

/**
 * A word read at this confidence or better is taken as read. On the development sets, misread
 * words still came at 0.90–0.92 ("PIE" for PTE, "CENOA", "FEDLRAL") and no right word under 0.93
 * was changed.
 */
const SURE = 0.93;

/** Each reading among `tokens` (its letters, upper case) with the lowest confidence OCR read it at. */
function weakestReadings(tokens: Token[]): Map<string, number> {
  const conf = new Map<string, number>();
  for (const t of tokens) {
    const body = partsOf(t.text)?.body;
    if (body) conf.set(body, Math.min(conf.get(body) ?? 1, t.conf));
  }
  return conf;
}

/** A token split into the punctuation around it and the reading between (upper case). */
function partsOf(text: string): { before: string; body: string; after: string } | null {
  const m = /^([("'[]*)(.*?)([,.;:)\]]*)$/.exec(text);
  if (!m) return null;
  const [, before = '', raw = '', after = ''] = m;
  // "BORNE()": the brackets are part of the reading, not punctuation around it
  const closes = after.startsWith(')') && raw.endsWith('(');
  return { before, body: (closes ? raw + ')' : raw).toUpperCase(), after: closes ? after.slice(1) : after };
}

/**
 * A reading that may be a bent word: three glyphs or more, mostly letters, and only the glyphs OCR
 * puts in words it misreads (digits, brackets, bars for strokes); e.g. "MIN1STRY", "BORNE()".
 */
function bentReading(body: string): boolean {
  if (body.length < 3 || !/^[A-Z0-9()[\]|!$.]+$/.test(body) || !/^[A-Z(\[|]/.test(body)) return false;
  const letters = body.replace(/[^A-Z]/g, '').length;
  return letters >= 3 && letters >= body.length * 0.6 && (body.match(/\./g)?.length ?? 0) <= 1;
}

/** `fix` in the case the reading was written in ("Shanghai" stays title case). */
function inCaseOf(read: string, fix: string): string {
  if (read === read.toLowerCase()) return fix.toLowerCase();
  // title case only as written ("Shanghal"); a capital word with a letter or two read small ("TeXTLLE") is in capitals
  return /^[A-Z][^A-Z]+$/.test(read) ? fix[0] + fix.slice(1).toLowerCase() : fix;
}

/**
 * `value` with its bent words put right. `tokens` are the value's own OCR tokens (their
 * confidence says which words may be bent); `known` word lists (places, trade words) and `closed`
 * ones (country names, the HS nomenclature's words) are never changed and count as read with full
 * confidence.
 * A known word is taken for a likely misreading of it (misreads.ts); a word read surely twice
 * elsewhere on the document also for one plain edit.
 */
export function correctFromDocument(value: string, tokens: Token[], seen: Map<string, WordSeen>, known: ReadonlySet<string>[] = [], closed: ReadonlySet<string>[] = []): Corrected {
  const changes: string[] = [];
  const ownConf = weakestReadings(tokens);
  const split = value.split(' ');
  const words = split.map((w, i) => {
    const parts = partsOf(w);
    // OF, the commonest two-letter word of names and goods, with a letter of its shape misread
    // ("QF", "0F", "OE"), weakly read, between two words
    if (parts && parts.body.length === 2 && parts.body !== 'OF' && i > 0 && i < split.length - 1 && (ownConf.get(parts.body) ?? 1) < SURE && misreadCost(parts.body, 'OF', SHAPE) <= SHAPE) {
      changes.push(`${parts.body} → OF`);
      return `${parts.before}OF${parts.after}`;
    }
    if (!parts || !bentReading(parts.body)) return w;
    const read = parts.body;
    const plain = read.replace('.', '');
    const own = ownConf.get(read);
    // a word read surely or a known word stays as read
    if (own === undefined || own >= SURE || [...known, ...closed].some((k) => k.has(plain) || k.has(read))) return w;
    // so does a word read the same twice, surely once; read weakly twice, it may still be a closed
    // list's word or one letter off an open list's: the same print bent the same way twice
    // ("HINCAPORE" for SINGAPORE) is still SINGAPORE
    const twice = seen.get(plain);
    if (twice && twice.count >= 2 && twice.conf >= SURE) return w;
    const readTwice = (twice?.count ?? 0) >= 2;
    const budget = misreadBudget(read.length);
    // the document's own surer readings first: what it repeats outweighs a word list
    const tiers: WordSource[][] = [];
    if (plain.length >= 5 && !readTwice) {
      // read the same way at least twice elsewhere, and more surely than here: one edit away
      // (two for a word of eight letters or more); "II" read for H is one
      const reach = plain.length >= 8 ? 2 : 1;
      const surer = [...seen].filter(([cand, s]) => s.count >= 2 && s.conf >= own + 0.1 && Math.abs(cand.length - plain.length) <= reach && (reach === 1 || cand.length >= 8));
      const edits = (r: string, cand: string) => Math.min(levenshtein(cand, r), r.includes('II') ? levenshtein(cand, r.replace(/II/g, 'H')) : Infinity);
      tiers.push([{ words: surer.map(([cand]) => cand), budget: reach, cost: edits }]);
    }
    // an open list (places, trade words) only takes misreadings: a word near one of its words may
    // be a name it lacks ("ZHANGJIANG"); a closed one (country names, the HS nomenclature) names
    // nearly all there is, so one plain edit is still its word. A short reading may be a name
    // ("PHU", "MIDC"): only the commonest short words are guessed.
    tiers.push([
      // a word read the same way twice, weakly both times, only for one letter of the same shape
      // ("SHANGHAL", "TONDON" twice): the same print bent the same way
      ...known.map((words) => ({ words: plain.length >= 5 ? words : [...SHORT_WORDS].filter((k) => words.has(k)), budget: readTwice ? Math.min(budget, SHAPE) : budget })),
      ...(plain.length >= 5 ? closed.map((words) => ({ words, budget: Math.max(budget, OTHER_EDIT) })) : []),
      // two plain edits between long words ("MILLSTONFRS"), never to a short one ("CRATESOF")
      ...(plain.length >= 8 ? closed.map((words) => ({ words, budget: 2 * OTHER_EDIT, cost: longWordCost })) : []),
    ]);
    let found: NearestWord | null = null;
    // a dot inside a word is a speck more often than a letter ("ITOUSEHOL.D")
    for (const sources of tiers) if ((found = nearestWord(read, sources) ?? (plain !== read ? nearestWord(plain, sources) : null))) break;
    if (!found || found.word === plain) return w;
    changes.push(`${read} → ${found.word}`);
    // keep the punctuation around the word as read
    return parts.before + inCaseOf(w.slice(parts.before.length, parts.before.length + read.length), found.word) + parts.after;
  });
  return { value: words.join(' '), changes };
}

/** Words of the lists that are themselves abbreviations, written with their dot. */
const ABBREVIATIONS: ReadonlySet<string> = new Set(['CORP', 'GMBH', 'SARL', 'CHOME']);

/**
 * `value` without the dots a speck put after whole words inside it ("MINISTRY OF INDUSTRY AND
 * TRADE. OF VIETNAM", "2F, 888 AYALA AVENUE. MANILA", "CCPIT SHANGHAI SUB-COUNCIL."): a dot after a
 * list word of four letters or more, or after THE, AND or OF inside the value. Abbreviations keep
 * theirs.
 */
export function withoutSpeckDots(value: string, lists: ReadonlySet<string>[]): Corrected {
  const words = value.split(' ');
  const changes: string[] = [];
  for (let i = 0; i < words.length; i++) {
    const m = /^([A-Z][A-Z-]*[A-Z])\.$/.exec(words[i]!);
    if (!m) continue;
    const w = m[1]!;
    const whole = (i < words.length - 1 && ['THE', 'AND', 'OF'].includes(w)) || (w.length >= 4 && !ABBREVIATIONS.has(w) && lists.some((l) => l.has(w)));
    if (!whole) continue;
    words[i] = w;
    changes.push(`${w}. → ${w}`);
  }
  return { value: words.join(' '), changes };
}

/** partsOf, where a bracket closing a word it never opened is a glyph of the word ("SER]" for SERI). */
function phraseWord(text: string): ReturnType<typeof partsOf> {
  const p = partsOf(text);
  if (!p || /[[(]/.test(p.before + p.body)) return p;
  const bracket = /^[\])]/.exec(p.after)?.[0] ?? '';
  return { ...p, body: p.body + bracket, after: p.after.slice(bracket.length) };
}

/**
 * `value` with a name of two to six words (a place, a country's long name) put right where OCR
 * bent its words, short ones included, which no word list can put right alone ("TE HAVRE",
 * "IOS ANGELES", "TIE NETHERLANDS", "FEDERAL REPUBLIC OI GERMANY"): a run of the value's words that
 * reads one word of a known name exactly and the rest as likely misreadings of it (misreads.ts,
 * within the budget of the whole name; one plain edit more where two words of a longer name are
 * read exactly), clearly nearer that name than any other, where every word that changes was read
 * weakly.
 */
export function correctPhrases(value: string, tokens: Token[], phrases: readonly string[][]): Corrected {
  const conf = new Map<string, number>();
  for (const t of tokens) {
    const body = phraseWord(t.text)?.body;
    if (body) conf.set(body, Math.min(conf.get(body) ?? 1, t.conf));
  }
  const known = new Set(phrases.map((p) => p.join(' ')));
  const longest = Math.max(0, ...phrases.map((p) => p.length));
  const words = value.split(' ');
  const changes: string[] = [];
  for (let i = 0; i < words.length; i++) {
    for (let n = Math.min(longest, words.length - i); n >= 2; n--) {
      const parts = words.slice(i, i + n).map(phraseWord);
      // an abbreviation ("P.R.") is as written
      if (parts.some((p) => !p || !/^[A-Z0-9()[\]|!$.]+$/.test(p.body) || /^([A-Z]\.)+[A-Z]$/.test(p.body))) continue;
      const read = parts.map((p) => p!.body);
      if (known.has(read.join(' '))) {
        i += n - 1;
        break;
      }
      const ranked = phrases
        .filter((p) => p.length === n && p.some((w, k) => w === read[k]))
        .map((p) => ({ p, cost: p.reduce((c, w, k) => c + misreadCost(read[k]!, w, 2), 0) }))
        .filter((c) => c.cost < Infinity)
        .sort((a, b) => a.cost - b.cost);
      const [best, next] = ranked;
      if (!best) continue;
      const exact = best.p.filter((w, k) => w === read[k]).length;
      const budget = Math.max(misreadBudget(best.p.join(' ').length), n >= 3 && exact >= 2 ? OTHER_EDIT + 0.05 : 0);
      if (best.cost > budget || (next && next.cost - best.cost < 0.3)) continue;
      if (best.p.some((w, k) => w !== read[k] && !((conf.get(read[k]!) ?? 1) < SURE))) continue;
      best.p.forEach((w, k) => {
        const part = parts[k]!;
        if (w !== read[k]) words[i + k] = part.before + w + part.after;
      });
      changes.push(`${read.join(' ')} → ${best.p.join(' ')}`);
      i += n - 1;
      break;
    }
  }
  return { value: words.join(' '), changes };
}

const CJK = /[\u3400-\u9fff\uac00-\ud7af]/;
/** The last character of a division's or road's name says what it is (省 province, 시 city, 구 ward, 로 road…). */
const DIVISION_SUFFIX = /[省市区县道路시도구군로길]$/;

/**
 * `value` with Korean and Chinese place and road names OCR misread by one character put right
 * ("인전광역시" → 인천광역시, "青兄市" → 青岛市, "센팀중앙로" → 센텀중앙로): a run of the value's text as long as a known
 * name, differing from it in one character that is not the division suffix, itself no known name,
 * and nearer to that name than to any other (물산광역시 is 울산광역시, one stroke away, not
 * 부산광역시). Names of five characters or more (the Korean metropolitan cities and provinces) are
 * distinctive enough to be taken however surely OCR read them; shorter ones only where it read
 * them weakly.
 */
export function correctCjkPlaces(value: string, tokens: Token[], names: readonly string[]): Corrected {
  if (!CJK.test(value)) return { value, changes: [] };
  const known = new Set(names);
  const weakAt = (run: string) => tokens.some((t) => t.text.includes(run) && t.conf < SURE);
  // a run inside a name read right is no misreading of another ("과학로" of 송도과학로 is not 과정로)
  const readRight: [number, number][] = [];
  for (const name of names) for (let i = value.indexOf(name); i >= 0; i = value.indexOf(name, i + 1)) readRight.push([i, i + name.length]);
  const fixes = new Map<number, { from: string; to: string; dist: number }[]>();
  for (const name of names) {
    const n = name.length;
    if (n < 3 || !CJK.test(name) || !DIVISION_SUFFIX.test(name)) continue;
    for (let i = 0; i + n <= value.length; i++) {
      const run = value.slice(i, i + n);
      if (run === name || run[n - 1] !== name[n - 1] || known.has(run)) continue;
      if (readRight.some(([a, b]) => i < b && i + n > a && (a < i || b > i + n))) continue;
      const differing = [...run].flatMap((c, j) => (c === name[j] ? [] : [j]));
      if (differing.length !== 1 || !CJK.test(run) || (n < 5 && !weakAt(run))) continue;
      const j = differing[0]!;
      const cands = fixes.get(i) ?? fixes.set(i, []).get(i)!;
      cands.push({ from: run, to: name, dist: glyphDistance(run[j]!, name[j]!) });
    }
  }
  let out = value;
  const changes: string[] = [];
  // right to left, so earlier positions stay valid; a run as near to two names is left alone
  for (const [i, cands] of [...fixes].sort((a, b) => b[0] - a[0])) {
    const [best, next] = cands.sort((a, b) => a.dist - b.dist);
    if (!best || (next && next.dist === best.dist) || out.slice(i, i + best.from.length) !== best.from) continue;
    out = out.slice(0, i) + best.to + out.slice(i + best.from.length);
    changes.push(`${best.from} → ${best.to}`);
  }
  return { value: out, changes };
}

/**
 * How unlike two characters look: for Hangul syllables the number of their jamo that differ
 * (물 and 울 differ in one, 물 and 부 in two); any other two characters 1.
 */
function glyphDistance(a: string, b: string): number {
  const jamo = (c: string) => {
    const k = c.charCodeAt(0) - 0xac00;
    return k >= 0 && k < 11172 ? [Math.floor(k / 588), Math.floor((k % 588) / 28), k % 28] : null;
  };
  const ja = jamo(a), jb = jamo(b);
  if (!ja || !jb) return 1;
  return ja.filter((x, i) => x !== jb[i]).length;
}

/**
 * `value` with words OCR split in two put back together ("CAN ADA" → CANADA, "SOUTH AMPTON" →
 * SOUTHAMPTON): two neighbouring readings, at least one of them weakly read and one no word of
 * the lists, whose letters together are a list word (`lists`: places, trade words, country names).
 * Two list words side by side ("HONG KONG", "NEW YORK") stay apart.
 */
export function joinSplitWords(value: string, tokens: Token[], lists: ReadonlySet<string>[]): Corrected {
  const conf = weakestReadings(tokens);
  const known = (w: string) => lists.some((l) => l.has(w));
  const words = value.split(' ');
  const changes: string[] = [];
  for (let i = 0; i + 1 < words.length; i++) {
    const a = words[i]!, b = partsOf(words[i + 1]!);
    if (!/^[A-Z]{2,}$/.test(a) || !b || !/^[A-Z]{2,}$/.test(b.body) || b.before) continue;
    if (Math.min(conf.get(a) ?? 1, conf.get(b.body) ?? 1) >= SURE || (known(a) && known(b.body))) continue;
    const joined = a + b.body;
    if (joined.length < 5 || !known(joined)) continue;
    changes.push(`${a} ${b.body} → ${joined}`);
    words.splice(i, 2, joined + b.after);
  }
  return { value: words.join(' '), changes };
}
