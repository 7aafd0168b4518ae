/**
 * How far an OCR reading is from a word, counting the misreadings OCR makes on print as cheap:
 * a letter for a letter of the same shape (E/F, E/L when the bars fade, I/L/1, O/0/D, B/8/R,
 * S/5), a thin stroke added or lost (I, L, ., '), two glyphs for one (II for H, () for O, RN for
 * M). Plain Levenshtein
 * counts "PIINOM" → "PHNOM" as two edits and "SFA" → "SEA" the same as "SPA" → "SEA"; this
 * distance tells a likely misreading from an unrelated word.
 */

/** Groups of glyphs OCR takes for one another; any two in a group cost SHAPE. */
const SHAPE_GROUPS = ['IL1TJ|[]!', 'EF', 'EL', 'FP', 'O0QDU', 'CG(', 'G6', 'B8R', 'S5$', 'Z2', 'A4', 'UV', 'NH', 'YV', 'KX', 'MN'];
/** Digits OCR reads for one another in print (both ways round). */
const DIGIT_PAIRS = ['08', '38', '68', '98', '56', '17', '14', '49', '35', '23', '01'];
const DIGIT_LOOKALIKES = new Map<string, string[]>();
for (const [a, b] of DIGIT_PAIRS.map((p) => [...p] as [string, string])) {
  DIGIT_LOOKALIKES.set(a, [...(DIGIT_LOOKALIKES.get(a) ?? []), b]);
  DIGIT_LOOKALIKES.set(b, [...(DIGIT_LOOKALIKES.get(b) ?? []), a]);
}
/** The digits OCR takes for `d` ("8" for 0, 3, 6, 9). */
export const digitLookalikes = (d: string): readonly string[] => DIGIT_LOOKALIKES.get(d) ?? [];

/** Glyphs OCR adds or loses at little cost: thin strokes and specks. */
const THIN = new Set([...'IL1.,\'`!|:;-']);
/** Two glyphs read for one letter. */
const SPLITS = Object.entries({ II: 'H', 'I-I': 'H', IT: 'H', '()': 'O', '[]': 'O', IJ: 'U', RN: 'M', IN: 'M', VV: 'W', CL: 'D', 'I<': 'K', LI: 'U' });

export const SHAPE = 0.4;
const THIN_INDEL = 0.5;
const SPLIT = 0.4;

const pairCost = new Map<string, number>();
for (const g of SHAPE_GROUPS) for (const a of g) for (const b of g) if (a !== b) pairCost.set(a + b, SHAPE);
// an H whose crossbar a hard threshold cut away, one stem then dropped ("TIE" for THE on a fax)
pairCost.set('IH', 2 * SHAPE);

/**
 * Any other edit. Above every budget for words of under ten letters: a reading one arbitrary edit
 * from a list word is as likely a name the list lacks ("ZHANGJIANG" is not "ZHANJIANG").
 */
export const OTHER_EDIT = 1.25;

function sub(a: string, b: string): number {
  return a === b ? 0 : (pairCost.get(a + b) ?? OTHER_EDIT);
}

const indel = (c: string) => (THIN.has(c) ? THIN_INDEL : OTHER_EDIT);

/** Cost of OCR reading `read` for the printed `word` (both upper case); Infinity once over `limit`. */
export function misreadCost(read: string, word: string, limit = Infinity): number {
  const n = read.length, m = word.length;
  // d[i][j]: cost of reading read[0,i) for word[0,j)
  const d: number[][] = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(Infinity));
  d[0]![0] = 0;
  for (let i = 0; i <= n; i++) {
    // rows before i are final; every path goes on through row i, i+1 or i+2 (a split spans
    // at most three glyphs) with at least the cost it has there already
    if (i >= 1 && Math.min(...d[i]!, ...(d[i + 1] ?? []), ...(d[i + 2] ?? [])) > limit) return Infinity;
    for (let j = 0; j <= m; j++) {
      const here = d[i]![j]!;
      if (here === Infinity) continue;
      if (i < n) d[i + 1]![j] = Math.min(d[i + 1]![j]!, here + indel(read[i]!));
      if (j < m) d[i]![j + 1] = Math.min(d[i]![j + 1]!, here + OTHER_EDIT);
      if (i < n && j < m) d[i + 1]![j + 1] = Math.min(d[i + 1]![j + 1]!, here + sub(read[i]!, word[j]!));
      if (j < m) {
        for (const [glyphs, letter] of SPLITS) {
          if (letter === word[j] && read.startsWith(glyphs, i)) {
            const k = i + glyphs.length;
            d[k]![j + 1] = Math.min(d[k]![j + 1]!, here + SPLIT);
          }
        }
      }
    }
  }
  return d[n]![m]!;
}

/** The largest cost still taken for a misreading of a word this long. */
export function misreadBudget(length: number): number {
  if (length <= 4) return SHAPE;
  if (length <= 6) return 2 * SHAPE;
  return 1.2;
}

export interface NearestWord {
  word: string;
  cost: number;
}

/** Words to match a reading against, and the largest cost taken for them. */
export interface WordSource {
  words: Iterable<string>;
  budget: number;
  /** How far a reading is from a word; misreadCost unless given. */
  cost?: (read: string, word: string) => number;
}

/**
 * The one word of the sources the reading is most likely a misreading of, or null when none is
 * within its source's budget or two are about as likely (nothing is guessed).
 */
export function nearestWord(read: string, sources: WordSource[]): NearestWord | null {
  // each word's cost, and whether a source takes it at that cost
  const costs = new Map<string, { cost: number; taken: boolean }>();
  for (const { words, budget, cost: costOf } of sources) {
    for (const w of words) {
      if (Math.abs(w.length - read.length) > 3) continue;
      const cost = costOf ? costOf(read, w) : misreadCost(read, w, budget + 0.3);
      if (cost === Infinity) continue;
      const had = costs.get(w);
      costs.set(w, { cost: Math.min(cost, had?.cost ?? Infinity), taken: (had?.taken ?? false) || cost <= budget });
    }
  }
  const ranked = [...costs].sort((a, b) => a[1].cost - b[1].cost);
  const [first, next] = ranked;
  if (!first?.[1].taken || (next && next[1].cost - first[1].cost < 0.3)) return null;
  return { word: first[0], cost: first[1].cost };
}
