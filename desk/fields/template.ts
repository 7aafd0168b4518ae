/**
 * Template extraction: find a form's anchor labels on the page, fit the affine transform
 * between the form's layout (points) and the page (pixels), map every word into form space,
 * and read each field's box with its parser.
 */
import type { FieldKey, LineItem, PageText } from '../../contract/fields.ts';
import { lookupCountry } from './countries.ts';
import {
  type DateOrder, findDates, findDatesRead, findDayMonth, findHsCodes, HS_MENTION, isMonthAndYear, lostDecimalPoint, normaliseCountry, normaliseDate, normaliseHs, normaliseId, normaliseMarks, normaliseNumber,
  normaliseGspCriterion, normaliseOriginCriterion, normaliseParty, normaliseRoute, normaliseText, normaliseWeight, type Normalised, type NumberConvention, withYearOf,
} from './normalise.ts';
import { findPhrase, groupLines, joinTokens, key, type Line, lowerCaseShare, median, similarity, type Token, tokensBox } from './text.ts';
import type { ItemParse, ParseKind, Rect, Template, TemplateField } from './templates/types.ts';

export interface DocContext {
  order: DateOrder | null;
  convention: NumberConvention | null;
  /** The latest full date written on the document (ISO): the year of a date printed without one. */
  latestDate?: string | null;
}

/** One field as read: normalised value, the words it came from, and how sure the reading is. */
export interface Reading {
  key: FieldKey;
  value: string | null;
  raw: string;
  tokens: Token[];
  ok: boolean;
  uncertain: boolean;
  note?: string;
}

/** `r` with a value put right (or kept: `value` undefined), flagged for review, the reason added to its notes. */
export function amended(r: Reading, note: string, value: string | null = r.value): Reading {
  return { ...r, value, uncertain: true, note: r.note ? `${r.note}; ${note}` : note };
}

export interface Affine {
  a: number; b: number; c: number; d: number; e: number; f: number;
}

export interface TemplateResult {
  readings: Map<FieldKey, Reading>;
  lineItems: LineItem[];
  anchorsFound: number;
  anchorsTotal: number;
  /** Median distance (points) between found anchors and where the fit puts them. */
  residual: number;
}

// ---------------------------------------------------------------------------
// Geometry

function solve3(m: number[][], v: number[]): number[] | null {
  const a = m.map((r, i) => [...r, v[i]!]);
  for (let i = 0; i < 3; i++) {
    let p = i;
    for (let r = i + 1; r < 3; r++) if (Math.abs(a[r]![i]!) > Math.abs(a[p]![i]!)) p = r;
    if (Math.abs(a[p]![i]!) < 1e-9) return null;
    [a[i], a[p]] = [a[p]!, a[i]!];
    for (let r = 0; r < 3; r++) {
      if (r === i) continue;
      const f = a[r]![i]! / a[i]![i]!;
      for (let c = i; c < 4; c++) a[r]![c]! -= f * a[i]![c]!;
    }
  }
  return [a[0]![3]! / a[0]![0]!, a[1]![3]! / a[1]![1]!, a[2]![3]! / a[2]![2]!];
}

/** Least-squares affine map from `src` (form points) to `dst` (page pixels). */
export function fitAffine(src: [number, number][], dst: [number, number][]): Affine | null {
  const n = src.length;
  if (n < 3) return null;
  const m = [[0, 0, 0], [0, 0, 0], [0, 0, 0]];
  const vx = [0, 0, 0], vy = [0, 0, 0];
  for (let i = 0; i < n; i++) {
    const [x, y] = src[i]!;
    const row = [x, y, 1];
    for (let r = 0; r < 3; r++) {
      for (let c = 0; c < 3; c++) m[r]![c]! += row[r]! * row[c]!;
      vx[r]! += row[r]! * dst[i]![0];
      vy[r]! += row[r]! * dst[i]![1];
    }
  }
  const px = solve3(m, vx), py = solve3(m, vy);
  if (!px || !py) return null;
  return { a: px[0]!, b: px[1]!, c: px[2]!, d: py[0]!, e: py[1]!, f: py[2]! };
}

/** Similarity transform (scale, rotation, shift) from two point pairs. */
function fitSimilarity(s: [number, number][], d: [number, number][]): Affine | null {
  const [s0, s1] = s as [[number, number], [number, number]];
  const [d0, d1] = d as [[number, number], [number, number]];
  const sx = s1[0] - s0[0], sy = s1[1] - s0[1], dx = d1[0] - d0[0], dy = d1[1] - d0[1];
  const den = sx * sx + sy * sy;
  if (den < 100) return null;
  const a = (sx * dx + sy * dy) / den, b = (sx * dy - sy * dx) / den;
  return { a, b: -b, c: d0[0] - (a * s0[0] - b * s0[1]), d: b, e: a, f: d0[1] - (b * s0[0] + a * s0[1]) };
}

export const apply = (t: Affine, x: number, y: number): [number, number] => [t.a * x + t.b * y + t.c, t.d * x + t.e * y + t.f];

function invert(t: Affine): Affine | null {
  const det = t.a * t.e - t.b * t.d;
  if (Math.abs(det) < 1e-9) return null;
  const a = t.e / det, b = -t.b / det, d = -t.d / det, e = t.a / det;
  return { a, b, c: -(a * t.c + b * t.f), d, e, f: -(d * t.c + e * t.f) };
}

const scaleOf = (t: Affine) => Math.sqrt(Math.abs(t.a * t.e - t.b * t.d));

/** Finds the template's anchors on the page and fits form→page. */
export function locate(tpl: Template, page: PageText, tokens: Token[]): { fit: Affine; found: number; residual: number } {
  const k = (page.width > 0 ? page.width : (page.dpi || 300) * 8.27) / 595.28;
  const coarse: Affine = { a: k, b: 0, c: 0, d: 0, e: k, f: 0 };
  const lines = groupLines(tokens, 1.6);
  const pairs: { at: [number, number]; pos: [number, number]; sim: number }[] = [];
  for (const anc of tpl.anchors) {
    const [ex, ey] = apply(coarse, anc.at[0], anc.at[1]);
    let best: { pos: [number, number]; score: number; sim: number } | null = null;
    for (const m of findPhrase(lines, anc.phrase, key(anc.phrase).length <= 5 ? 0.9 : 0.78)) {
      const t0 = m.tokens[0]!;
      const pos: [number, number] = [t0.x, t0.y];
      const dist = Math.hypot(pos[0] - ex, pos[1] - ey) / k;
      if (dist > 90) continue;
      const score = m.sim - dist / 400;
      if (!best || score > best.score) best = { pos, score, sim: m.sim };
    }
    if (best) pairs.push({ at: [anc.at[0], anc.at[1]], pos: best.pos, sim: best.sim });
  }
  let use = pairs;
  let fit: Affine | null = null;
  for (let iter = 0; iter < 3; iter++) {
    fit = use.length >= 3 ? fitAffine(use.map((p) => p.at), use.map((p) => p.pos)) : use.length === 2 ? fitSimilarity(use.map((p) => p.at), use.map((p) => p.pos)) : null;
    if (!fit) break;
    const res = use.map((p) => {
      const [x, y] = apply(fit!, p.at[0], p.at[1]);
      return Math.hypot(x - p.pos[0], y - p.pos[1]);
    });
    const med = median(res);
    const limit = Math.max(6 * k, med * 3);
    const keep = use.filter((_, i) => res[i]! <= limit);
    if (keep.length === use.length || keep.length < 3) break;
    use = keep;
  }
  // A fit that scales far from the page size or shears is wrong: fall back to a shift.
  if (fit) {
    const s = scaleOf(fit);
    const shear = Math.abs(fit.a - fit.e) / s + Math.abs(fit.b + fit.d) / s;
    if (s < k * 0.7 || s > k * 1.4 || shear > 0.15) fit = null;
  }
  if (!fit) {
    if (use.length >= 1) {
      const dx = median(use.map((p) => p.pos[0] - p.at[0] * k));
      const dy = median(use.map((p) => p.pos[1] - p.at[1] * k));
      fit = { ...coarse, c: dx, f: dy };
    } else fit = coarse;
  }
  const residual = use.length
    ? median(use.map((p) => {
        const [x, y] = apply(fit!, p.at[0], p.at[1]);
        return Math.hypot(x - p.pos[0], y - p.pos[1]) / scaleOf(fit!);
      }))
    : Infinity;
  return { fit, found: use.length, residual };
}

/** Copies of the page's tokens with their working frame in form points. */
export function toFormSpace(tokens: Token[], fit: Affine): Token[] {
  const inv = invert(fit);
  if (!inv) return tokens;
  const s = scaleOf(fit);
  return tokens.map((t) => {
    const [cx, cy] = apply(inv, t.x + t.w / 2, t.y + t.h / 2);
    return { ...t, cx, cy, tw: t.w / s, th: t.h / s };
  });
}

// ---------------------------------------------------------------------------
// Labels

const NEUTRAL = new Set(['OF', 'AND', 'THE', 'A', 'TO', 'IN', 'ON', 'FOR', 'BY', 'OR', 'AS', 'AN', 'AT', 'IF', 'BE']);

export class LabelVocabulary {
  private readonly words = new Set<string>();
  private readonly long: string[] = [];
  private readonly phrases: string[];
  constructor(labels: string[]) {
    this.phrases = labels.map((l) => key(l)).filter((k) => k.length >= 6);
    for (const l of labels) {
      for (const w of l.split(/[\s/]+/)) {
        const k = key(w);
        if (k.length < 2 || /^\d+$/.test(k) || NEUTRAL.has(k)) continue;
        if (k.length >= 4 && lookupCountry(w).ok && !lookupCountry(w).note) continue; // country names are values
        this.words.add(k);
        if (k.length >= 5) this.long.push(k);
      }
    }
  }
  has(word: string): boolean {
    // "name/Aircraft" is two label words OCR read as one token
    const parts = word.split('/').filter((p) => key(p).length > 0);
    if (parts.length > 1) return parts.some((p) => this.has(p));
    const k = key(word);
    if (this.words.has(k)) return true;
    // long words keep their shape through more misread letters ("Aircrall")
    const min = k.length >= 8 ? 0.75 : 0.8;
    if (k.length >= 5) return this.long.some((w) => Math.abs(w.length - k.length) <= 2 && similarity(w, k) >= min);
    return false;
  }
  /** A label word of three letters or more within one misread letter ("RCE", "RCER" for "RCEP"). */
  near(word: string): boolean {
    const k = key(word);
    if (k.length < 3 || /\d/.test(k)) return false;
    for (const w of this.words) if (w.length >= 3 && Math.abs(w.length - k.length) <= 1 && similarity(w, k) >= 0.7) return true;
    return false;
  }
  /** Share of a line's words that are label words (null: no words to judge). */
  ratio(line: Line): { n: number; ratio: number } {
    let n = 0, hits = 0;
    for (const t of line.tokens) {
      const k = key(t.text);
      if (!k || /^\d+$/.test(k) || NEUTRAL.has(k)) continue;
      n++;
      if (this.has(t.text)) hits++;
    }
    return { n, ratio: n ? hits / n : 0 };
  }
  /**
   * Text sizes of the form's printed labels and of filled-in values, learnt from the lines
   * that are clearly one or the other; they settle short lines ("TRADE" wrapped from an
   * authority's name is a value, "(Country)" is a label).
   */
  learnSizes(lines: Line[]): void {
    const lab: number[] = [], val: number[] = [];
    for (const l of lines) {
      const r = this.ratio(l);
      if (r.n >= 3 && r.ratio >= 0.8) lab.push(l.h);
      else if (r.n >= 2 && r.ratio <= 0.2) val.push(l.h);
    }
    if (lab.length >= 3 && val.length >= 3) {
      const a = median(lab), b = median(val);
      if (a < b * 0.92) this.sizes = { label: a, value: b };
    }
  }
  private sizes: { label: number; value: number } | null = null;
  /**
   * A line less the tail of a printed label OCR put in front of its value ("is correct. KOREA
   * CUSTOMS SERVICE": box 12's sentence ends on the value's line), or null when the whole line is
   * such a tail ("iti correct."). Leading words in lower case go when they are label words, are
   * printed at label size, are two or three lower-case letters (a misread "is", "etc."), or end the
   * label's sentence right after such words.
   */
  withoutLabelPrefix(line: Line): Line | null {
    // the value's own capitals give its size where the page's sizes were not learnt
    const caps = line.tokens.filter((t) => /^[\p{Lu}\d\W]+$/u.test(t.text) && key(t.text).length >= 2).map((t) => t.th);
    const valueH = caps.length ? median(caps) : null;
    let i = 0;
    let labelWord = false;
    while (i < line.tokens.length) {
      const t = line.tokens[i]!;
      if (!/\p{Ll}/u.test(t.text)) {
        // a label's word in capitals ("RCEP" read "RCE") right before a label word in lower case
        const next = line.tokens[i + 1];
        if (i === 0 && next && /\p{Ll}/u.test(next.text) && this.has(next.text) && this.near(t.text)) {
          i++;
          continue;
        }
        break;
      }
      const word = this.has(t.text);
      const labelSized = (this.sizes !== null && Math.abs(t.th - this.sizes.label) < Math.abs(t.th - this.sizes.value)) || (valueH !== null && t.th < 0.85 * valueH);
      const scrap = /^[\p{Ll}]{2,3}[.,]?$/u.test(t.text);
      const sentenceEnd = i > 0 && /[.;:]$/.test(t.text);
      if (!word && !labelSized && !scrap && !sentenceEnd) break;
      labelWord ||= word;
      i++;
    }
    if (i === 0) return line;
    if (i === line.tokens.length) return labelWord ? null : line;
    const tokens = line.tokens.slice(i);
    return { ...line, tokens, text: joinTokens(tokens) };
  }
  /** A line of printed label text rather than a filled-in value. */
  isLabelLine(line: Line): boolean {
    const r = this.ratio(line);
    if (r.n === 0) return !line.tokens.some((t) => /\d/.test(t.text)) && !line.tokens.some((t) => key(t.text).length > 0);
    // A whole printed label ("Departure date", "Pon of Discharge") is one whatever its size and
    // however many of its words OCR bent.
    const k = key(line.text);
    if (r.n <= 3 && k.length >= 6 && !/\d/.test(k) && this.phrases.some((p) => Math.abs(p.length - k.length) <= 2 && similarity(p, k) >= 0.85)) return true;
    if (r.ratio < 0.6) return false;
    // A number of three digits or more is a value next to its label ("No. 6221-170743",
    // "Rolerence No. LA24E2594742"), not a box number ("12. Certification").
    if (line.tokens.some((t) => /\d{3}/.test(t.text))) return false;
    if (r.n <= 2) {
      // A lone word decides by size, or where the sizes were not learnt by case: "TRADE" wrapped
      // from an authority's name is typed in capitals, the form's labels are printed in mixed case.
      if (this.sizes) return Math.abs(line.h - this.sizes.label) < Math.abs(line.h - this.sizes.value);
      return !(/\p{Lu}/u.test(line.text) && !/\p{Ll}/u.test(line.text));
    }
    return true;
  }
}

// ---------------------------------------------------------------------------
// Parsing

const inRect = (t: Token, r: Rect) => t.cx >= r[0] && t.cx <= r[2] && t.cy >= r[1] && t.cy <= r[3];

const textOf = (lines: Line[]) => lines.map((l) => l.text).join(' ').replace(/\s+/g, ' ').trim();
const tokensOf = (lines: Line[]) => lines.flatMap((l) => l.tokens);

function reading(key: FieldKey, n: Normalised, raw: string, tokens: Token[]): Reading {
  return { key, value: n.value, raw, tokens, ok: n.ok, uncertain: !!n.uncertain, ...(n.note ? { note: n.note } : {}) };
}

const empty = (key: FieldKey): Reading => ({ key, value: null, raw: '', tokens: [], ok: false, uncertain: false });

/**
 * "FOB" before a value, also as OCR bends one of its letters ("FOD US$", "FOI VALUE:", "+OB
 * VALVE;"): a three-letter word that can only be FOB where a value or currency follows ("FOR" is
 * a word of its own).
 */
const FOB_LABEL = /(?<=^|\s)(?:FOB|F[O0][A-QS-Z1]|[+F][O0]B)\b(?=[\s.:]*(?:VAL|US|[A-Z]{3}\b|\$|€|\d))/i;

const hasDate = (l: Line, ctx: DocContext) => findDatesRead(l.text, ctx.order ?? undefined).dates.length > 0;

/** Text before the date on a "PLACE, DATE" line, without the separator. */
function placeBeforeDate(text: string, ctx: DocContext): string {
  const d = findDatesRead(text, ctx.order ?? undefined).dates[0];
  return trimSeparators(d ? text.slice(0, d.index) : text);
}

const trimSeparators = (text: string) => text.replace(/[\s,;:–—-]+$/, '').replace(/^[\s,;:]+/, '').trim();

/**
 * The last line holding a day and month without a year, and that date with the year of the
 * document's latest full date (withYearOf), flagged for review.
 */
function yearless(lines: Line[], ctx: DocContext): { line: Line; index: number; date: Normalised } | undefined {
  if (!ctx.latestDate) return undefined;
  for (const line of [...lines].reverse()) {
    const dm = findDayMonth(line.text);
    const iso = dm && withYearOf(dm.month, dm.day, ctx.latestDate);
    if (dm && iso) return { line, index: dm.index, date: { value: iso, ok: true, uncertain: true, note: `read "${line.text.trim()}": no year printed or read; ${iso.slice(0, 4)} from the document's latest date (${ctx.latestDate})` } };
  }
  return undefined;
}

const INVOICE_WORDS = /^(INVOICE|INV|NO|NR|NUMBER|DATED|DD|DATE|OF|ON)$/;
/** "INVOTCE", "HO." (NO), "N0": the label words as OCR bends them (never a word with a digit but N0). */
const isInvoiceWord = (w: string) => {
  const k = key(w);
  if (INVOICE_WORDS.test(k) || /^(HO|N0|MO)$/.test(k)) return true;
  return !/\d/.test(k) && ['INVOICE', 'NUMBER', 'DATED'].some((l) => Math.abs(l.length - k.length) <= 1 && similarity(l, k) >= 0.7);
};

export function invoiceNumberFrom(text: string, ctx: DocContext): Normalised {
  let s = text;
  for (const d of findDates(text, ctx.order ?? undefined).reverse()) s = s.slice(0, d.index) + ' ' + s.slice(d.index + d.length);
  const words = s.split(/\s+/).filter((w) => w && !isInvoiceWord(w) && key(w).length > 0);
  if (!words.length) return { value: null, ok: false, note: 'no invoice number' };
  return normaliseId(words.join(' '));
}

function parseLines(k: FieldKey, kind: ParseKind, all: Line[], content: Line[], ctx: DocContext): Reading {
  switch (kind) {
    case 'party': {
      const kept = withoutWeakEdgeLines(content);
      const txt = textOf(kept);
      const r = reading(k, normaliseParty(txt), txt, tokensOf(kept));
      if (kept.length === content.length) return r;
      const note = 'a line of weak readings at the edge of the box (a rule, a seal) left out';
      return amended(r, note);
    }
    case 'text': {
      const txt = textOf(content);
      return reading(k, normaliseText(txt), txt, tokensOf(content));
    }
    case 'id': {
      const txt = textOf(content);
      return reading(k, normaliseId(txt), txt, tokensOf(content));
    }
    case 'date': {
      const line = all.find((l) => hasDate(l, ctx));
      if (!line) return reading(k, normaliseDate(textOf(content), ctx), textOf(content), tokensOf(content));
      return reading(k, normaliseDate(line.text, ctx), line.text, line.tokens);
    }
    case 'country': {
      const txt = textOf(content);
      return reading(k, normaliseCountry(txt), txt, tokensOf(content));
    }
    case 'route': {
      const lines = withoutTrailingScraps(content.filter((l) => !hasDate(l, ctx) && !isMonthAndYear(l.text)));
      const txt = withoutLeadingLabelScraps(textOf(lines));
      return reading(k, normaliseRoute(txt), txt, tokensOf(lines));
    }
    case 'authority':
    case 'certPlace':
    case 'certDate': {
      const dated = all.filter((l) => hasDate(l, ctx));
      // no full date: a day and month whose year OCR lost ("MELBOURNE, AUSTRALIA 6th December")
      const partial = dated.length ? undefined : yearless(all, ctx);
      const last = dated[dated.length - 1] ?? partial?.line;
      if (kind === 'certDate') {
        if (partial) return reading(k, partial.date, partial.line.text, partial.line.tokens);
        return last ? reading(k, normaliseDate(last.text, ctx), last.text, last.tokens) : empty(k);
      }
      if (kind === 'certPlace') {
        if (!last) return empty(k);
        const place = partial ? trimSeparators(last.text.slice(0, partial.index)) : placeBeforeDate(last.text, ctx);
        const toks = last.tokens.filter((t) => place.includes(t.text.replace(/[,;:]+$/, '')));
        return reading(k, normaliseText(place), last.text, toks);
      }
      const before = firstBlock(content.filter((l) => !hasDate(l, ctx) && (!last || l.cy < last.cy)));
      const toks = trimStampDebris(tokensOf(before));
      // Lines as printed, less the debris cut from the end of the last ones.
      const kept = new Set(toks);
      const txt = textOf(before.map((l) => ({ ...l, text: joinTokens(l.tokens.filter((t) => kept.has(t))) })));
      return reading(k, normaliseText(txt), txt, toks);
    }
    case 'invoiceNo': {
      const txt = textOf(content);
      return reading(k, invoiceNumberFrom(txt, ctx), txt, tokensOf(content));
    }
    case 'invoiceDate': {
      const txt = textOf(all);
      return reading(k, normaliseDate(txt, ctx), txt, tokensOf(all));
    }
  }
}

/**
 * The first run of value lines set at line spacing: a name wraps onto the next line, while a word
 * further down after a gap of several lines ("OFFICIAL" of a seal's lettering) is something else.
 */
export function firstBlock(lines: Line[]): Line[] {
  const sorted = [...lines].sort((a, b) => a.cy - b.cy);
  // names are typed in capitals (or a script without case): a leading line mostly in lower case
  // is the tail of the printed label above ("056 Agreement.")
  const lowerShare = (l: Line) => {
    const letters = l.text.replace(/[^\p{L}]/gu, '');
    return letters ? letters.replace(/[^\p{Ll}]/gu, '').length / letters.length : 1;
  };
  const start = sorted.findIndex((l) => lowerShare(l) < 0.3);
  if (start < 0) return sorted;
  const out = [sorted[start]!];
  for (const l of sorted.slice(start + 1)) {
    const prev = out[out.length - 1]!;
    if (l.cy - prev.cy > 2.5 * Math.max(l.h, prev.h)) break;
    out.push(l);
  }
  return out;
}

/** Below this confidence every word of a line must be for the line to be junk at a box's edge. */
const EDGE_JUNK_CONF = 0.5;

/**
 * A party's lines less the first and last ones of which OCR read every word weakly: the box's
 * rule, its label's tail or a seal's edge read as "SS ppt", "TT", "tines ee a ee a i". A name or
 * address line reads mostly surely even when one word is hard. A first line that is the box's
 * numbered label, bent past recognising, goes too.
 */
export function withoutWeakEdgeLines(lines: Line[]): Line[] {
  // (a Chinese or Korean word carries its least sure character's confidence, often 0: no evidence)
  const weak = (l: Line) => l.tokens.every((t) => t.conf < EDGE_JUNK_CONF) && !/[\u3400-\u9fff\uac00-\ud7af]/.test(l.text);
  // the box's own label OCR bent past recognising: its number, then words in lower case
  // ("1. Exponior's namo, address and country:"); a name or address is typed in capitals
  const boxLabel = (l: Line) => /^\d{1,2}[.,]\s/.test(l.text) && (l.text.match(/\p{Ll}/gu)?.length ?? 0) >= 8;
  let from = 0, to = lines.length;
  while (to - from > 1 && (weak(lines[from]!) || (from === 0 && boxLabel(lines[from]!)))) from++;
  while (to - from > 1 && weak(lines[to - 1]!)) to--;
  return from === 0 && to === lines.length ? lines : lines.slice(from, to);
}

/**
 * A value typed in capitals less the printed label scraps OCR read before it on its line: words
 * with lower-case letters ("Deponiure dale HMM…", "the ONE APUS…", "(Optional) BY SEA…") and
 * a box's number ("6.", "2" read without its dot). A value in mixed case keeps its words.
 */
export function withoutLeadingLabelScraps(text: string): string {
  const words = text.split(' ');
  let i = 0;
  while (i < words.length - 1 && (/\p{Ll}/u.test(words[i]!) || /^\d{1,2}\.?$/.test(words[i]!))) i++;
  const rest = words.slice(i).join(' ');
  // typed in capitals: a letter or two read small ("V.449s") do not make it mixed case
  return i > 0 && /\p{Lu}{2}/u.test(rest) && lowerCaseShare(rest)! <= 0.1 ? rest : text;
}

/**
 * Lines of a value in capitals less the scraps OCR read after it (a seal's edge or a smudge as
 * "a i i i a—", "ee ed", "eee", "Lennon tinea"): trailing words of at most three lower-case
 * letters, mostly in lower case, or with no letter or digit at all. Values written in lower case
 * keep their words.
 */
export function withoutTrailingScraps(lines: Line[]): Line[] {
  // the case the value is typed in, from its lines before the last (the scraps' own line would
  // make a short value look mixed case)
  const typedLower = lowerCaseShare((lines.length > 1 ? lines.slice(0, -1) : lines).map((l) => l.text).join(''));
  if (typedLower === null || typedLower > 0.2) return lines;
  // "Le" after "V.047N": two letters in mixed case cannot end a value typed in capitals, nor can a
  // word mostly in lower case ("Lennon tinea": a seal's lettering read as words)
  const lower = (t: string) => t.match(/\p{Ll}/gu)?.length ?? 0;
  const scrap = (t: string) =>
    (!/[\p{Lu}\p{N}]/u.test(t) && (t.match(/\p{L}/gu)?.length ?? 0) <= 3) || /^\p{Lu}\p{Ll}$/u.test(t) || (lower(t) >= 2 && lower(t) > (t.match(/\p{Lu}/gu)?.length ?? 0));
  const out = [...lines];
  while (out.length) {
    const last = out[out.length - 1]!;
    let n = last.tokens.length;
    while (n > 0 && scrap(last.tokens[n - 1]!.text)) n--;
    if (n === last.tokens.length) break;
    if (n === 0) out.pop();
    else {
      const tokens = last.tokens.slice(0, n);
      out[out.length - 1] = { ...last, tokens, text: joinTokens(tokens) };
      break;
    }
  }
  return out;
}

/**
 * A row of fill characters under a description ("*****", "-----", "......"), also as OCR reads
 * dotted or starred fill: letters from two or three shapes repeated ("ede dee de", "kkk kok").
 */
function isFillerLine(text: string): boolean {
  if (/^[*\-=_.~\s]+$/.test(text)) return true;
  const letters = text.replace(/\s+/g, '');
  return letters.length >= 4 && /^[A-Za-z]+$/.test(letters) && new Set(letters.toLowerCase()).size <= 3;
}

function parseItem(k: FieldKey, kind: ItemParse, lines: Line[], ctx: DocContext, tpl: Template, column: string, defaultUnit?: string): Reading {
  const txt = textOf(lines);
  const toks = tokensOf(lines);
  switch (kind) {
    case 'itemNo': {
      const m = /\d{1,3}/.exec(txt.replace(/^[lI|](?=\.?$|\s)/, '1'));
      return m ? reading(k, { value: m[0].replace(/^0+(?=\d)/, ''), ok: true }, txt, toks.slice(0, 1)) : empty(k);
    }
    case 'text':
      return reading(k, normaliseText(txt), txt, toks);
    case 'marks': {
      const kept = withoutTrailingScraps(lines);
      return reading(k, normaliseMarks(textOf(kept)), txt, tokensOf(kept));
    }
    case 'goods': {
      const kept = withoutTrailingScraps(lines.filter((l) => !isFillerLine(l.text)));
      const t = textOf(kept).replace(HS_MENTION, ' ').replace(/\s+/g, ' ').trim();
      return reading(k, normaliseText(t), textOf(kept), tokensOf(kept));
    }
    case 'hs': {
      if (tpl.items?.hsColumn === column) return reading(k, normaliseHs(txt), txt, toks);
      const found = findHsCodes(txt)[0];
      if (found) {
        const line = lines.find((l) => findHsCodes(l.text).length) ?? lines[0]!;
        return reading(k, normaliseHs(txt.slice(found.index, found.index + found.length)), txt.slice(found.index, found.index + found.length), line.tokens);
      }
      const bare = lines.find((l) => /^\s*\d{4}[.\s]?\d{2}([.\s]?\d{2,4})?\s*$/.test(l.text));
      return bare ? reading(k, normaliseHs(bare.text), bare.text, bare.tokens) : empty(k);
    }
    case 'origin':
      if (!txt) return empty(k);
      return reading(k, tpl.form === 'co_gsp_form_a' ? normaliseGspCriterion(txt) : normaliseOriginCriterion(txt), txt, toks);
    case 'weight': {
      const cut = txt.split(FOB_LABEL)[0]!.trim();
      if (!cut) return empty(k);
      return reading(k, normaliseWeight(cut, { convention: ctx.convention, ...(defaultUnit ? { defaultUnit } : {}) }), cut, toks);
    }
    case 'fob': {
      const m = new RegExp(`${FOB_LABEL.source}(.*)$`, 'i').exec(txt);
      if (!m) return empty(k);
      const amount = m[1]!.replace(/VALUE|[A-Z]{3}|US\$|\$|€|:/gi, ' ');
      const lost = lostDecimalPoint(amount, 2);
      const n: Normalised = lost ? { value: lost, ok: true, uncertain: true, note: `read "${amount.trim()}": a decimal point taken as lost` } : normaliseNumber(amount, { convention: ctx.convention });
      return reading(k, n, m[0], toks);
    }
    case 'invoiceNo': {
      // A column of number over date: from the first line on which the rest of the column reads
      // as a date (even one OCR garbled past reading: a month's name, a year at the end), the
      // lines are the date's ("8TH" / "JUNE 2025"), not the number's.
      let cut = 1;
      while (cut < lines.length && !looksLikeDate(textOf(lines.slice(cut)), ctx)) cut++;
      const own = lines.slice(0, cut);
      const t = textOf(own);
      return reading(k, invoiceNumberFrom(t, ctx), t, tokensOf(own));
    }
    case 'invoiceDate':
      return reading(k, normaliseDate(txt, ctx), txt, toks);
  }
}

const MONTH_WORD = /(JAN|FEB|MAR|APR|MAY|JUN|JUL|AUG|SEP|OCT|NOV|DEC)[A-Z]*\.?,?$/;
function looksLikeDate(text: string, ctx: DocContext): boolean {
  if (findDatesRead(text, ctx.order ?? undefined).dates.length > 0) return true;
  const words = text.toUpperCase().split(/\s+/);
  return words.some((w) => MONTH_WORD.test(w) && w.length <= 12) || /(?:19|20)\d{2}\W*$/.test(text.trim());
}

interface ItemRow {
  top: number;
  bottom: number;
}

function itemRows(tpl: Template, tokens: Token[]): ItemRow[] {
  const spec = tpl.items!;
  const col = spec.columns[spec.itemColumn]!;
  const inArea = tokens.filter((t) => inRect(t, spec.area));
  const nums = inArea
    .filter((t) => t.cx >= col[0] && t.cx <= col[1] && /^[\dlI|]{1,3}\.?$/.test(t.text) && /\d|^[lI|]\.?$/.test(t.text))
    .sort((a, b) => a.cy - b.cy);
  const starts: Token[] = [];
  for (const n of nums) if (!starts.length || n.cy - starts[starts.length - 1]!.cy > 6) starts.push(n);
  // Where the description column's line spacing opens up, a new item starts (items stand apart
  // by more than their lines): the cut between them.
  const dc = spec.columns[spec.descColumn]!;
  const lines = groupLines(inArea.filter((t) => t.cx >= dc[0] && t.cx <= dc[1])).filter((l) => !/^[*\-=_.\s]+$/.test(l.text));
  const gaps = lines.slice(1).map((l, i) => l.cy - lines[i]!.cy);
  const step = gaps.length ? median(gaps) : 0;
  const cuts = lines.flatMap((l, i) => (i > 0 && gaps[i - 1]! > step * 1.6 ? [(lines[i - 1]!.cy + l.cy) / 2] : []));
  let rows: ItemRow[];
  if (!starts.length) {
    // No item numbers read (OCR often drops a lone digit): the cuts alone.
    rows = [{ top: spec.area[1], bottom: spec.area[3] }];
  } else {
    rows = starts.map((s, i) => ({
      top: i === 0 ? Math.max(spec.area[1], s.cy - s.th * 1.2) : s.cy - s.th * 0.9,
      bottom: i + 1 < starts.length ? starts[i + 1]!.cy - starts[i + 1]!.th * 0.9 : spec.area[3],
    }));
    // A description above the first number read: the first item's number was lost, its row is there.
    const first = starts[0]!;
    if (lines.some((l) => l.cy < first.cy - first.th * 1.2)) {
      rows[0]!.top = first.cy - first.th * 0.9;
      rows.unshift({ top: spec.area[1], bottom: rows[0]!.top });
    }
  }
  // A row whose description opens up inside it holds two items, the second one's number lost.
  return rows.flatMap((r) => {
    const inside = cuts.filter((c) => c > r.top && c < r.bottom);
    const edges = [r.top, ...inside, r.bottom];
    return edges.slice(1).map((bottom, i) => ({ top: edges[i]!, bottom }));
  });
}

function columnLines(tpl: Template, tokens: Token[], column: string, row: ItemRow): Line[] {
  const c = tpl.items!.columns[column];
  if (!c) return [];
  return groupLines(tokens.filter((t) => t.cx >= c[0] && t.cx <= c[1] && t.cy >= row.top && t.cy < row.bottom));
}

export function applyTemplate(tpl: Template, page: PageText, pageTokens: Token[], ctx: DocContext): TemplateResult {
  const loc = locate(tpl, page, pageTokens);
  // Poorly read words are kept, even at confidence 0: they are the value's own words misread far
  // more often than stray marks (a field holding them is flagged for review; stamp lettering is
  // cut from authority names by trimStampDebris). Dropping words under 0.3 cost 0.3 points of
  // exact match on the development set.
  const tokens = toFormSpace(pageTokens, loc.fit);
  const vocab = new LabelVocabulary([...tpl.labels, ...tpl.anchors.map((a) => a.phrase)]);
  vocab.learnSizes(groupLines(tokens, 1.6));
  const readings = new Map<FieldKey, Reading>();
  const rows = tpl.items ? itemRows(tpl, tokens) : [];

  const boxLines = (r: Rect) => groupLines(tokens.filter((t) => inRect(t, r)));
  for (const f of tpl.fields) {
    const prev = readings.get(f.key);
    if (prev && prev.value && prev.ok) continue;
    let r: Reading;
    if (f.kind === 'item') {
      r = rows.length ? parseItem(f.key, f.parse, columnLines(tpl, tokens, f.column, rows[0]!), ctx, tpl, f.column, f.defaultUnit ?? tpl.items?.defaultUnit) : empty(f.key);
      // The first item's number OCR lost (a lone digit often goes): items are numbered from 1.
      if (f.parse === 'itemNo' && !r.value && rows.length && columnLines(tpl, tokens, tpl.items!.descColumn, rows[0]!).length) {
        r = { key: f.key, value: '1', raw: r.raw, tokens: [], ok: true, uncertain: true, note: 'item number not read: the first item is 1' };
      }
      // A lone digit OCR misread ("3" for a clean "1"): the first row's number is still 1.
      else if (f.parse === 'itemNo' && r.value && /^\d$/.test(r.value) && r.value !== '1') {
        r = { ...r, value: '1', uncertain: true, note: `the first item's number read "${r.value}": items are numbered from 1` };
      }
    } else {
      const all = boxLines(f.box);
      const content = all.filter((l) => !vocab.isLabelLine(l)).flatMap((l) => vocab.withoutLabelPrefix(l) ?? []);
      r = fieldFromBox(f, all, content, ctx, vocab);
    }
    if (!prev || (!prev.value && r.value) || (r.value && r.ok && !prev.ok)) readings.set(f.key, r);
  }

  // Line items of a certificate: one per item row.
  const lineItems: LineItem[] = [];
  if (tpl.items) {
    const spec = tpl.items;
    for (const row of rows) {
      const desc = parseItem('goods_description', 'goods', columnLines(tpl, tokens, spec.descColumn, row), ctx, tpl, spec.descColumn);
      if (!desc.value) continue;
      const hsCol = spec.hsColumn ?? spec.descColumn;
      const hs = parseItem('hs_code', 'hs', columnLines(tpl, tokens, hsCol, row), ctx, tpl, hsCol);
      const wLines = spec.weightColumn ? columnLines(tpl, tokens, spec.weightColumn, row) : [];
      const w = parseItem('gross_weight_quantity', 'weight', wLines, ctx, tpl, spec.weightColumn ?? '', spec.defaultUnit);
      const fob = parseItem('fob_value', 'fob', wLines, ctx, tpl, spec.weightColumn ?? '');
      const [qty, unit] = w.value ? w.value.split(' ') : [null, null];
      const all = [...desc.tokens, ...w.tokens];
      lineItems.push({
        description: desc.value,
        hsCode: hs.value,
        quantity: qty ?? null,
        unit: unit ?? null,
        unitPrice: null,
        amount: fob.value,
        page: page.index ?? 0,
        box: tokensBox(all),
      });
    }
  }
  return { readings, lineItems, anchorsFound: loc.found, anchorsTotal: tpl.anchors.length, residual: loc.residual };
}

/**
 * The certifying body's name sits under its seal: OCR adds the seal's lettering and date after it
 * ("BUSAN CUSTOMS 8544 2 일", "… OF VIETNAM AND OF"). Trailing tokens that cannot end such a name —
 * bare numbers, one or two odd characters, joining words, lower case in an upper-case name, or
 * barely read — are dropped.
 */
export function trimStampDebris(tokens: Token[]): Token[] {
  const letters = tokens.map((t) => t.text).join('').replace(/[^A-Za-z]/g, '');
  const upperName = letters.length > 0 && letters.replace(/[^A-Z]/g, '').length / letters.length >= 0.8;
  const out = [...tokens];
  while (out.length > 1) {
    const t = out[out.length - 1]!;
    const text = t.text.replace(/[.,;:]+$/, '');
    const junk =
      t.conf < 0.5 ||
      /^(AND|OF|THE|FOR|&)$/.test(text) || // a name never ends on a joining word
      /^[\d\W_]+$/u.test(text) ||
      ([...text].length <= 2 && !/^[A-Z]{2}$/.test(text)) ||
      (upperName && /[a-z]/.test(text));
    if (!junk) break;
    out.pop();
  }
  return out;
}

function fieldFromBox(f: Exclude<TemplateField, { kind: 'item' }>, all: Line[], content: Line[], ctx: DocContext, vocab: LabelVocabulary): Reading {
  if (f.kind === 'box') return parseLines(f.key, f.parse, all, content, ctx);
  const match = findPhrase(all, f.anchor, 0.75).sort((a, b) => b.sim - a.sim)[0];
  if (f.kind === 'rightOf') {
    if (!match) return parseLines(f.key, f.parse, content, content, ctx);
    const lastX = match.tokens[match.tokens.length - 1]!.cx;
    let toks = match.line.tokens.slice(match.end).filter((t) => t.cx > lastX);
    if (!toks.length) {
      // the value under its label, else anywhere else in the field's box (a skewed scan can put
      // "KHRCEP25625807" above "Certificate No.:")
      const below = all.filter((l) => l.cy > match.line.cy + 2 && !vocab.isLabelLine(l))[0];
      toks = (below ?? content.find((l) => l !== match.line && Math.abs(l.cy - match.line.cy) > 2))?.tokens ?? [];
    }
    const line = { ...match.line, tokens: toks, text: joinTokens(toks) };
    return parseLines(f.key, f.parse, toks.length ? [line] : [], toks.length ? [line] : [], ctx);
  }
  // above
  const anchorY = match ? match.line.cy : Infinity;
  const above = content.filter((l) => l.cy < anchorY - 2 && (!match || l !== match.line)).sort((a, b) => b.cy - a.cy);
  const pick = above[0];
  if (!pick) return empty(f.key);
  return parseLines(f.key, f.parse, [pick], [pick], ctx);
}

export { textOf };
