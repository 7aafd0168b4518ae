/**
 * Words to tokens to lines: the geometry every extractor step shares. Text-layer runs and OCR
 * words both become single-word tokens; pages are deskewed from the words themselves (OCR of
 * a scan tilted by a few degrees would otherwise mix neighbouring lines).
 */
import type { Box, OcrWord, PageText } from '../../contract/fields.ts';

export interface Token {
  text: string;
  /** Box in original page pixels. */
  x: number;
  y: number;
  w: number;
  h: number;
  conf: number;
  page: number;
  /** Centre in the working frame (deskewed page pixels, or template points once mapped). */
  cx: number;
  cy: number;
  /** Width and height in the working frame. */
  tw: number;
  th: number;
  /**
   * A word as OCR segmented it: OCR writes the space between two Korean words itself (pieces of
   * one word it joins into one token), so two OCR words stand apart even where their boxes touch.
   */
  ocrWord?: boolean;
}

export interface Line {
  tokens: Token[];
  text: string;
  x0: number;
  x1: number;
  cy: number;
  h: number;
  page: number;
}

const finite = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

/** Sanitised single-word tokens of one page (bad words are dropped, never thrown on). */
export function pageTokens(page: PageText): Token[] {
  const out: Token[] = [];
  const words: OcrWord[] = Array.isArray(page?.words) ? page.words : [];
  for (const w of words) {
    if (!w || typeof w.text !== 'string' || !finite(w.x) || !finite(w.y) || !finite(w.w) || !finite(w.h)) continue;
    const text = w.text.normalize('NFKC').replace(/[\u200b-\u200d\ufeff]/g, '');
    if (!text.trim()) continue;
    const conf = finite(w.conf) ? Math.min(1, Math.max(0, w.conf)) : 1;
    const ww = Math.max(1, Math.abs(w.w));
    const hh = Math.max(1, Math.abs(w.h));
    const parts = [...text.matchAll(/\S+/g)];
    const chars = [...text].length;
    for (const m of parts) {
      const start = [...text.slice(0, m.index)].length;
      const len = [...m[0]].length;
      const x = w.x + (ww * start) / chars;
      const tw = Math.max(1, (ww * len) / chars);
      out.push({ text: m[0], x, y: w.y, w: tw, h: hh, conf, page: page.index ?? 0, cx: x + tw / 2, cy: w.y + hh / 2, tw, th: hh, ...(page.source === 'ocr' ? { ocrWord: true } : {}) });
    }
  }
  return out;
}

export const median = (xs: number[]): number => {
  if (xs.length === 0) return 0;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
};

/**
 * Skew of a page (radians, positive = text rising to the right in image coordinates is
 * negative y), from neighbouring words on the same line.
 */
export function estimateSkew(tokens: Token[]): number {
  if (tokens.length < 8) return 0;
  const sorted = [...tokens].sort((a, b) => a.cx - b.cx);
  const angles: number[] = [];
  for (let i = 0; i < sorted.length && angles.length < 4000; i++) {
    const a = sorted[i]!;
    // The nearest token to the right on roughly the same line.
    let best: Token | null = null;
    let bestDx = Infinity;
    for (let j = i + 1; j < sorted.length; j++) {
      const b = sorted[j]!;
      const dx = b.cx - a.cx;
      if (dx > a.h * 12) break;
      if (Math.abs(b.cy - a.cy) < a.h * 0.7 && Math.abs(b.h - a.h) < a.h * 0.3 && dx < bestDx && dx > a.w / 2) {
        best = b;
        bestDx = dx;
      }
    }
    if (best && bestDx > a.h * 1.5) angles.push(Math.atan2(best.cy - a.cy, best.cx - a.cx));
  }
  if (angles.length < 6) return 0;
  const m = median(angles);
  return Math.abs(m) < 0.0017 ? 0 : Math.max(-0.09, Math.min(0.09, m));
}

/** Rotates the working frame of tokens by -skew around the page centre. */
export function deskew(tokens: Token[], skew: number, cx0: number, cy0: number): void {
  if (!skew) return;
  const c = Math.cos(-skew), s = Math.sin(-skew);
  for (const t of tokens) {
    const dx = t.x + t.w / 2 - cx0, dy = t.y + t.h / 2 - cy0;
    t.cx = cx0 + dx * c - dy * s;
    t.cy = cy0 + dx * s + dy * c;
  }
}

/** Joins tokens of one line, without a space where they touch (split CJK runs, OCR pieces). */
export function joinTokens(tokens: Token[]): string {
  let out = '';
  let prev: Token | null = null;
  for (const t of tokens) {
    if (prev) {
      const gap = t.cx - t.tw / 2 - (prev.cx + prev.tw / 2);
      // CJK pieces of one word (per-glyph text items, split OCR words) touch; a word space in a
      // Korean font is ~0.2–0.3 of the line height, so only nearly touching pieces are joined
      // (Korean puts spaces between words and OCR writes them; Chinese has none to write)
      const a = prev.text.slice(-1);
      const b = t.text[0] ?? '';
      const ocrSpace = prev.ocrWord && t.ocrWord && (HANGUL.test(a) || HANGUL.test(b));
      // Chinese writes numbers into the text without a space ("海尔路1号")
      const hanDigit = (HAN.test(a) && /\d/.test(b)) || (/\d/.test(a) && HAN.test(b));
      out += gap < prev.th * 0.15 && ((!ocrSpace && isCjk(a) && isCjk(b)) || hanDigit) ? '' : ' ';
    }
    out += t.text;
    prev = t;
  }
  return out;
}

const HANGUL = /\p{Script=Hangul}/u;
const HAN = /\p{Script=Han}/u;
/**
 * Share of a text's letters that are not capitals (lower case, or caseless like Hangul); null
 * where it has no letters. Tells a value typed in capitals from printed mixed-case labels.
 */
export function lowerCaseShare(text: string): number | null {
  const letters = text.replace(/[^\p{L}]/gu, '');
  return letters ? letters.replace(/\p{Lu}/gu, '').length / letters.length : null;
}

export const isCjk = (ch: string) => /[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af\uf900-\ufaff]/.test(ch);

/**
 * Groups tokens (by their working-frame centres) into lines, then splits lines at gaps wider
 * than `splitGap` × line height (columns of a form or table).
 */
export function groupLines(tokens: Token[], splitGap = Infinity): Line[] {
  const sorted = [...tokens].sort((a, b) => a.cy - b.cy || a.cx - b.cx);
  const rows: { tokens: Token[]; cy: number; h: number }[] = [];
  for (const t of sorted) {
    let best: (typeof rows)[number] | null = null;
    let bestD = Infinity;
    for (let i = rows.length - 1; i >= 0 && i >= rows.length - 6; i--) {
      const r = rows[i]!;
      const d = Math.abs(r.cy - t.cy);
      // The smaller height decides, so a large title never swallows two small lines beside it.
      if (d < Math.min(r.h, t.th) * 0.55 && d < bestD) {
        best = r;
        bestD = d;
      }
    }
    if (best) {
      best.tokens.push(t);
      const n = best.tokens.length;
      best.cy = (best.cy * (n - 1) + t.cy) / n;
      best.h = median(best.tokens.map((x) => x.th));
    } else rows.push({ tokens: [t], cy: t.cy, h: t.th });
  }
  const lines: Line[] = [];
  for (const r of rows) {
    r.tokens.sort((a, b) => a.cx - b.cx);
    let cur: Token[] = [];
    const flush = () => {
      if (cur.length) lines.push(makeLine(cur));
      cur = [];
    };
    for (const t of r.tokens) {
      const prev = cur[cur.length - 1];
      if (prev) {
        const gap = t.cx - t.tw / 2 - (prev.cx + prev.tw / 2);
        if (gap > splitGap * Math.max(r.h, 1)) flush();
      }
      cur.push(t);
    }
    flush();
  }
  return lines.sort((a, b) => a.cy - b.cy || a.x0 - b.x0);
}

export function makeLine(tokens: Token[]): Line {
  const ts = [...tokens].sort((a, b) => a.cx - b.cx);
  return {
    tokens: ts,
    text: joinTokens(ts),
    x0: Math.min(...ts.map((t) => t.cx - t.tw / 2)),
    x1: Math.max(...ts.map((t) => t.cx + t.tw / 2)),
    cy: ts.reduce((s, t) => s + t.cy, 0) / ts.length,
    h: median(ts.map((t) => t.th)),
    page: ts[0]!.page,
  };
}

/** Union box of tokens in original page pixels. */
export function tokensBox(tokens: Token[]): Box | null {
  if (tokens.length === 0) return null;
  const x0 = Math.min(...tokens.map((t) => t.x));
  const y0 = Math.min(...tokens.map((t) => t.y));
  const x1 = Math.max(...tokens.map((t) => t.x + t.w));
  const y1 = Math.max(...tokens.map((t) => t.y + t.h));
  return { x: Math.round(x0), y: Math.round(y0), w: Math.round(x1 - x0), h: Math.round(y1 - y0) };
}

/** Upper case, letters/digits (any script) only: what fuzzy comparison looks at. */
export const key = (s: string) => s.normalize('NFKC').toUpperCase().replace(/[^\p{L}\p{N}]+/gu, '');

export function levenshtein(a: string, b: string): number {
  if (a === b) return 0;
  if (!a.length) return b.length;
  if (!b.length) return a.length;
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = cur;
  }
  return prev[b.length]!;
}

/** 1 − normalised edit distance of the keys. */
export function similarity(a: string, b: string): number {
  const ka = key(a), kb = key(b);
  if (!ka.length && !kb.length) return 1;
  return 1 - levenshtein(ka, kb) / Math.max(ka.length, kb.length);
}

export interface PhraseMatch {
  tokens: Token[];
  sim: number;
  line: Line;
  /** Index of the first token in the line, and one past the last. */
  start: number;
  end: number;
}

/**
 * Occurrences of a phrase in lines, fuzzily (OCR may split, merge or misread characters):
 * consecutive tokens whose concatenated key is within `minSim` of the phrase's key.
 */
export function findPhrase(lines: Line[], phrase: string, minSim = 0.8): PhraseMatch[] {
  const target = key(phrase);
  if (!target) return [];
  const out: PhraseMatch[] = [];
  for (const line of lines) {
    const keys = line.tokens.map((t) => key(t.text));
    for (let i = 0; i < keys.length; i++) {
      if (!keys[i]) continue;
      // Cheap prefilter: the first characters must be close.
      if (target.length >= 4 && similarity(keys[i]!.slice(0, 3), target.slice(0, 3)) < 0.6 && !target.startsWith(keys[i]!.slice(0, 2))) continue;
      let acc = '';
      let best: PhraseMatch | null = null;
      for (let j = i; j < keys.length; j++) {
        acc += keys[j]!;
        if (acc.length > target.length * 1.4 + 2) break;
        const sim = 1 - levenshtein(acc, target) / Math.max(acc.length, target.length);
        if (sim >= minSim && (!best || sim > best.sim)) best = { tokens: line.tokens.slice(i, j + 1), sim, line, start: i, end: j + 1 };
      }
      if (best) {
        out.push(best);
        i = best.end - 1;
      }
    }
  }
  return out;
}
