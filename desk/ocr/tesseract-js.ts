/**
 * OcrEngine on tesseract.js 7 (Tesseract 5 LSTM compiled to WebAssembly), fully offline.
 *
 * - Language data comes from the @tesseract.js-data/<lang> packages (`4.0.0_best_int`: the
 *   "best" LSTM models quantised to int, 1.5–3 MB each). Each package keeps its language in its
 *   own folder and tesseract.js reads every language from one `langPath`, so the needed
 *   `<lang>.traineddata.gz` files are copied once into a data folder the desk owns (default:
 *   the OS temp folder; the desk should pass its data dir). Copying (not symlinking) keeps this
 *   working when node_modules sits inside an Electron asar archive.
 * - One tesseract worker (a worker_thread running the WASM core) is created lazily and reused
 *   for every page; creating one costs 1–2 s. `workers` > 1 gives a small pool; the default is 1
 *   because desks have 2 cores.
 * - Orientation: Tesseract's OSD (orientation and script detection: the osd traineddata on the
 *   legacy core, in a second worker created only when first needed) is asked only when needed:
 *   for a page whose characters line up vertically (90° or 270°?), and for a page whose upright
 *   reading is weak (mean confidence < 0.5: upside-down print reads at 0.17–0.33). When OSD says
 *   the page is the other way round, it is read that way too and the better reading wins.
 * - Output: tokens Tesseract's own text joins without a space (Hangul syllables, Chinese
 *   characters) become one word; words without a letter or digit read with confidence < 0.6
 *   (rules, stamp rims, specks read as `|`, `—`, `~`) are dropped. Boxes are mapped through the
 *   preprocessing transform onto the original page image.
 * - Korean: on a page read with `kor`, every line holding Hangul is read again on its own by a
 *   `kor+eng` worker (psm 7, created when first needed) and the more confident reading kept;
 *   Hangul and Chinese word boxes are shrunk to their ink. See rereadHangulLines.
 * - Weak pieces of lines on every page (low confidence, or short and middling) are read again on
 *   their own at psm 7 by the page's worker, at most 12 per page, the more confident reading kept.
 *   See rereadWeakLines.
 * - Tesseract settings: psm 4 (one column of text of varying sizes: beat psm 3, which dropped
 *   whole Korean lines as non-text, and psm 6 on receipts), preserve_interword_spaces,
 *   no inverted-text pass, diagnostics silenced. See ENGINES.md for the measurements.
 */
import { copyFileSync, existsSync, mkdirSync, renameSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import Tesseract from 'tesseract.js';
import type { Box, OcrWord } from '../../contract/fields.ts';
import { DeskError } from '../errors.ts';
import type { OcrEngine, OcrLang, OcrLine, OcrResult, RecognizeOptions } from './engine.ts';
import { OCR_LANGS } from './engine.ts';
import { analysePage, mapBox, preparePage, SIDEWAYS_SHARE, type PageAnalysis, type PrepareOptions, type PreparedImage } from './preprocess.ts';
import { mergeWordReadings, relineWords } from './merge-readings.ts';
import { unreadInkRegions } from './unread-ink.ts';

const require_ = createRequire(import.meta.url);

export type TesseractModel = 'best_int' | 'standard';

export interface TesseractJsOptions {
  /** Folder that receives the traineddata files (created when missing). */
  dataDir?: string;
  /** `best_int` (default): best LSTM, int-quantised. `standard`: the 4.0.0 files (larger; carry the legacy engine's data too). */
  model?: TesseractModel;
  /** Tesseract workers; default 1. */
  workers?: number;
  /** Clean, rescale and deskew pages before recognition (default true). Off: the raw image goes to Tesseract. */
  preprocess?: boolean;
  /** Try 90/180/270 when the page looks rotated or reads badly (default true; needs preprocess). */
  orientation?: boolean;
  /** Binarise before recognition instead of handing Tesseract greyscale (default false). */
  binarise?: boolean;
  /** Drop words that hold no letter or digit and are not confidently read (default true). */
  dropJunk?: boolean;
  /** Preprocessing steps (for comparisons; defaults are on): see AnalyseOptions / PrepareOptions. */
  steps?: { flatten?: boolean; denoise?: boolean | 'auto'; removeColourInk?: boolean; removeLines?: boolean; rescale?: boolean; deskew?: boolean };
  /** Text-line height (px) preprocessing rescales to (default 30). */
  targetLineHeight?: number;
  /** A page taking longer than this (ms) fails and its worker is replaced (default 180 000). */
  timeoutMs?: number;
  /** Extra Tesseract parameters (experiments). */
  params?: Record<string, string>;
  /** Tesseract page segmentation mode (default '4': one column of text of varying sizes). */
  psm?: '3' | '4' | '6' | '11';
  /**
   * Re-read lines of a page read with Korean with a Korean-first model, one line at a time
   * (default true): see rereadHangulLines.
   */
  lineReread?: boolean;
  /**
   * Shrink the boxes of Hangul and Chinese words to their ink (default true): Tesseract's boxes
   * for them run into the space before the next word, so readers that join CJK words whose
   * boxes (nearly) touch lose the space between them.
   */
  tightenCjk?: boolean;
  /**
   * Re-read weakly read line pieces one at a time in single-line mode (psm 7) with the page's own
   * worker: see rereadWeakLines. `false` turns it off; fields override the defaults.
   */
  weakReread?: Partial<WeakRereadOptions> | false;
  /**
   * A fax (or other low-resolution bilevel scan), whose strokes preprocessing grows, is read
   * twice more — without growing them, and grown but at a smaller scale — and the three readings
   * merged word by word (default true): see merge-readings.ts.
   */
  bilevelExtraReadings?: boolean;
  /**
   * Read runs of text-like ink that no word box covers (lines and words psm 4's layout analysis
   * never returned) one at a time at psm 7: see readUnreadInk. At most this many per page; 0 turns
   * it off (default 12).
   */
  unreadInk?: number;
}

/**
 * Text-line height of a fax's third reading. Measured on the 55 fax-like scans of three
 * development sets (field exact match): two readings 0.833/0.776/0.764, with a third at 24 px
 * 0.853/0.790/0.777; at 40 px 0.755 on the largest set (worse than two). See ENGINES.md.
 */
const FAX_SMALLER_LINE_HEIGHT = 24;

export interface WeakRereadOptions {
  /** At most this many pieces per page reading (the weakest first); 0 turns the re-read off. */
  maxLines: number;
  /** Pieces whose character-weighted mean confidence (0–100) is below this are re-read. */
  confBelow: number;
  /** Pieces of at most `shortTokens` words are re-read below this (higher) confidence. */
  shortConfBelow: number;
  shortTokens: number;
  /** A line is cut into pieces where the gap between two words exceeds this many line heights. */
  gapK: number;
  /** Padding around a piece, in line heights. */
  padK: number;
  /** A re-read is kept only when it keeps at least this share of the piece's characters. */
  minCharShare: number;
  /** …and only when its mean confidence reaches this (garbage re-reads sit at 20–40). */
  minConf: number;
}

export const WEAK_REREAD_DEFAULTS: WeakRereadOptions = {
  maxLines: 12,
  confBelow: 75,
  shortConfBelow: 85,
  shortTokens: 2,
  gapK: 1.5,
  padK: 0.3,
  minCharShare: 0.5,
  minConf: 50,
};

/** In a packaged Electron app, files that other processes or threads must open are unpacked. */
function unpacked(path: string): string {
  const alt = path.replace(/app\.asar([\\/])/, 'app.asar.unpacked$1');
  return alt !== path && existsSync(alt) ? alt : path;
}

function langFile(lang: string, model: TesseractModel): string {
  let pkg: string;
  try {
    pkg = dirname(require_.resolve(`@tesseract.js-data/${lang}/package.json`));
  } catch {
    throw new DeskError('internal', `the OCR data for '${lang}' is not installed (package @tesseract.js-data/${lang})`, { lang });
  }
  const file = join(pkg, model === 'best_int' ? '4.0.0_best_int' : '4.0.0', `${lang}.traineddata.gz`);
  if (!existsSync(file)) throw new DeskError('internal', `the OCR data file ${file} is missing`, { lang });
  return file;
}

/** Copies `<lang>.traineddata.gz` for `langs` into `dir` unless an identical-size copy is there. */
export function ensureLangData(dir: string, langs: readonly string[], model: TesseractModel): string {
  mkdirSync(dir, { recursive: true });
  for (const lang of langs) {
    const src = langFile(lang, model);
    const dst = join(dir, `${lang}.traineddata.gz`);
    if (existsSync(dst) && statSync(dst).size === statSync(src).size) continue;
    const tmp = `${dst}.${process.pid}.${Date.now()}.tmp`;
    copyFileSync(src, tmp);
    renameSync(tmp, dst);
  }
  return dir;
}

function defaultDataDir(model: TesseractModel): string {
  return join(tmpdir(), 'origindesk-tessdata', model);
}

interface Slot {
  worker: Tesseract.Worker | null;
  langs: string;
  busy: boolean;
}

const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;
const HANGUL = /\p{Script=Hangul}/u;
const CJK = /[\p{Script=Hangul}\p{Script=Han}]/u;

type Token = RawLine['tokens'][number];

/**
 * A line of several words most of which read surely ("AM SANDTORKAI 44, HAMBURG" at 93, 28, 96,
 * 96): one hard word must not cost the line. Seal lettering and pen strokes read as junk do not
 * read surely word after word.
 */
export function mostlySure(ts: Pick<Token, 'text' | 'conf'>[]): boolean {
  const sure = ts.filter((t) => t.conf >= 90 && /[\p{L}\p{N}]{2}/u.test(t.text)).length;
  return ts.length >= 3 && sure / ts.length > 0.5;
}

/** Character-weighted mean confidence (0–100) of tokens. */
function meanConf(ts: Token[]): number {
  let s = 0;
  let n = 0;
  for (const t of ts) {
    const k = Array.from(t.text).length;
    s += t.conf * k;
    n += k;
  }
  return n === 0 ? 0 : s / n;
}

/** A reading that is Chinese print: at least three Han characters, most of its letters Han. */
function chineseLine(ts: Token[]): boolean {
  const text = ts.map((t) => t.text).join('');
  const han = text.match(/\p{Script=Han}/gu)?.length ?? 0;
  const letters = text.match(/\p{L}/gu)?.length ?? 0;
  return han >= 3 && han >= 0.6 * letters;
}

/** Least mean confidence (0–100) of a reading of ink no word covered (see readUnreadInk). */
const UNREAD_MIN_CONF = 70;
/** Words read below this confidence (0–100) leave their ink unread for readUnreadInk. */
const UNREAD_WEAK_CONF = 30;

/** Ink darker than this (prepared page: flattened, paper ≈ 255) counts when tightening boxes. */
const INK = 160;

/**
 * A box shrunk to the ink inside it (unchanged when it holds none). With `band`, only the
 * heaviest run of inked rows counts: a word a line re-read boxed over the crop's padding keeps
 * its own line, not the slice of the line above or below that the crop caught.
 */
export function tightenBox(p: Pgm, b: Tesseract.Bbox, band = false): Tesseract.Bbox {
  const x0 = Math.max(0, Math.floor(b.x0));
  let y0 = Math.max(0, Math.floor(b.y0));
  const x1 = Math.min(p.width, Math.ceil(b.x1));
  let y1 = Math.min(p.height, Math.ceil(b.y1));
  if (band && y1 > y0) {
    // rows apart by three blank rows or more are separate runs (the gaps inside a glyph — 三,
    // 를 — are narrower than the leading between lines)
    let best = { from: y0, to: y1, ink: 0 };
    let from = -1, to = -1, ink = 0;
    const close = () => {
      if (from >= 0 && ink > best.ink) best = { from, to, ink };
      from = -1;
      ink = 0;
    };
    for (let y = y0; y < y1; y++) {
      const row = p.offset + y * p.width;
      let n = 0;
      for (let x = x0; x < x1; x++) if (p.buf[row + x]! < INK) n++;
      if (n > 0) {
        if (from < 0) from = y;
        to = y + 1;
        ink += n;
      } else if (from >= 0 && y - to >= 2) close();
    }
    close();
    if (best.ink > 0) {
      y0 = best.from;
      y1 = best.to;
    }
  }
  let minX = Infinity;
  let maxX = -1;
  let minY = Infinity;
  let maxY = -1;
  for (let y = y0; y < y1; y++) {
    const row = p.offset + y * p.width;
    for (let x = x0; x < x1; x++) {
      if (p.buf[row + x]! < INK) {
        if (x < minX) minX = x;
        if (x > maxX) maxX = x;
        if (y < minY) minY = y;
        maxY = y;
      }
    }
  }
  if (maxX < 0) return b;
  return { x0: minX, y0: minY, x1: maxX + 1, y1: maxY + 1 };
}

/**
 * The parts of box `b` of a prepared page separated by at least `gap` ink-free columns, each
 * shrunk to its ink (the whole box when it holds no ink).
 */
export function inkRuns(p: Pgm, b: Tesseract.Bbox, gap: number): Tesseract.Bbox[] {
  const x0 = Math.max(0, Math.floor(b.x0));
  const x1 = Math.min(p.width, Math.ceil(b.x1));
  const y0 = Math.max(0, Math.floor(b.y0));
  const y1 = Math.min(p.height, Math.ceil(b.y1));
  const inked = (x: number) => {
    for (let y = y0; y < y1; y++) if (p.buf[p.offset + y * p.width + x]! < INK) return true;
    return false;
  };
  const out: Tesseract.Bbox[] = [];
  let start = -1;
  let last = -1;
  for (let x = x0; x < x1; x++) {
    if (!inked(x)) continue;
    if (start >= 0 && x - last - 1 >= gap) {
      out.push(tightenBox(p, { x0: start, y0, x1: last + 1, y1 }));
      start = x;
    }
    if (start < 0) start = x;
    last = x;
  }
  if (start >= 0) out.push(tightenBox(p, { x0: start, y0, x1: last + 1, y1 }));
  return out.length > 0 ? out : [b];
}

/** A piece of a line (tokens [from, to)) chosen for a re-read, with its box and line height. */
interface Piece {
  line: RawLine;
  from: number;
  to: number;
  conf: number;
  bbox: Tesseract.Bbox;
  lh: number;
  repl?: RawLine['tokens'];
}

/** A Tesseract line in prepared-image pixels: its box and its words (see wordsOf). */
interface RawLine {
  bbox: Tesseract.Bbox;
  tokens: { text: string; conf: number; bbox: Tesseract.Bbox }[];
}

/** The smallest box holding all of `boxes`. */
function unionBox(...boxes: Tesseract.Bbox[]): Tesseract.Bbox {
  return {
    x0: Math.min(...boxes.map((b) => b.x0)),
    y0: Math.min(...boxes.map((b) => b.y0)),
    x1: Math.max(...boxes.map((b) => b.x1)),
    y1: Math.max(...boxes.map((b) => b.y1)),
  };
}

/**
 * The same ink read twice by two passes: a line piece re-read with padding (rereadWeakLines) takes
 * in part of the word beside it, which the page reading had put on a line of its own ("CHIN." over
 * the first letters of "HINA"). Each token is joined with a token of another line whose box
 * overlaps it (joinOverlapping); the joined word stays on the first line.
 */
function joinReadTwice(raw: RawLine[]): void {
  for (let i = 0; i < raw.length; i++) {
    for (let j = i + 1; j < raw.length; j++) {
      const a = raw[i]!, b = raw[j]!;
      if (a.bbox.y1 <= b.bbox.y0 || b.bbox.y1 <= a.bbox.y0) continue;
      const before = a.tokens.length + b.tokens.length;
      const joined = joinOverlapping(a.tokens, b.tokens);
      if (joined.length === before) continue;
      // tokens of b joined into a leave b; the rest of b stays where it was
      a.tokens = joined.filter((t) => !b.tokens.includes(t)).sort((x, y) => x.bbox.x0 - y.bbox.x0);
      b.tokens = b.tokens.filter((t) => joined.includes(t));
    }
  }
}

/**
 * `line`'s tokens with `added` ones joined in: a token of `added` whose box overlaps one token of
 * the line by over 40 % of the narrower box (and half the lower height), and whose text continues
 * that token's ("CHIN." + "HINA": HIN read twice) or holds it whole, becomes one word with it
 * ("CHINA"); otherwise it is added as read.
 */
export function joinOverlapping(line: Token[], added: Token[]): Token[] {
  const out = [...line];
  for (const n of added) {
    const hits = out.filter((t) => {
      const w = Math.min(t.bbox.x1, n.bbox.x1) - Math.max(t.bbox.x0, n.bbox.x0);
      const h = Math.min(t.bbox.y1, n.bbox.y1) - Math.max(t.bbox.y0, n.bbox.y0);
      return w > 0.4 * Math.min(t.bbox.x1 - t.bbox.x0, n.bbox.x1 - n.bbox.x0) && h > 0.5 * Math.min(t.bbox.y1 - t.bbox.y0, n.bbox.y1 - n.bbox.y0);
    });
    const t = hits.length === 1 ? hits[0]! : null;
    const joined = t ? continuation(t, n) : null;
    if (!t || !joined) {
      out.push(n);
      continue;
    }
    out[out.indexOf(t)] = { text: joined, conf: Math.min(t.conf, n.conf), bbox: unionBox(t.bbox, n.bbox) };
  }
  return out;
}

/** `a`'s text continued by `b`'s where b begins with (at least two of) the letters a ends with: "CHIN." + "HINA" → "CHINA". */
function continuation(a: Token, b: Token): string | null {
  const [left, right] = a.bbox.x0 <= b.bbox.x0 ? [a.text, b.text] : [b.text, a.text];
  const core = left.replace(/[.,;:]+$/, '');
  // one reading holds the other whole: the longer one
  if (core.toUpperCase().includes(right.replace(/[.,;:]+$/, '').toUpperCase())) return left;
  if (right.toUpperCase().includes(core.toUpperCase())) return right;
  for (let k = Math.min(core.length, right.length) - 1; k >= 2; k--) {
    if (core.slice(-k).toUpperCase() === right.slice(0, k).toUpperCase()) return core + right.slice(k);
  }
  return null;
}

interface Pgm {
  width: number;
  height: number;
  /** Offset of the first pixel in the buffer. */
  offset: number;
  buf: Buffer;
}

function isPgm(image: Buffer): boolean {
  return image.length > 2 && image[0] === 0x50 && image[1] === 0x35;
}

/** The binary PGM (P5, 8-bit) preparePage writes: `P5\nW H\n255\n` + pixels. */
export function parsePgm(buf: Buffer): Pgm | null {
  const m = /^P5\s+(\d+)\s+(\d+)\s+255\s/.exec(buf.subarray(0, 64).toString('latin1'));
  if (!m) return null;
  const width = Number(m[1]);
  const height = Number(m[2]);
  const offset = m[0].length;
  if (buf.length < offset + width * height) return null;
  return { width, height, offset, buf };
}

/**
 * The words `recognize` reads in `box` of a prepared page, padded by `pad` px (clipped to the
 * page), in page pixels: the line re-reads' crop-and-read step.
 */
async function readRegion(
  pgm: Pgm,
  box: Tesseract.Bbox,
  pad: number,
  recognize: (crop: Buffer) => Promise<Tesseract.RecognizeResult | null>,
): Promise<RawLine['tokens']> {
  const x0 = Math.max(0, box.x0 - pad);
  const y0 = Math.max(0, box.y0 - pad);
  const x1 = Math.min(pgm.width, box.x1 + pad);
  const y1 = Math.min(pgm.height, box.y1 + pad);
  const res = await recognize(cropPgm(pgm, x0, y0, x1, y1));
  const tokens: RawLine['tokens'] = [];
  for (const block of res?.data.blocks ?? []) {
    for (const para of block.paragraphs) {
      for (const l of para.lines) {
        for (const t of wordsOf(l)) {
          tokens.push({ text: t.text, conf: t.conf, bbox: { x0: t.bbox.x0 + x0, y0: t.bbox.y0 + y0, x1: t.bbox.x1 + x0, y1: t.bbox.y1 + y0 } });
        }
      }
    }
  }
  return tokens;
}

/** The rectangle [x0,x1)×[y0,y1) of a PGM as a PGM of its own. */
export function cropPgm(p: Pgm, x0: number, y0: number, x1: number, y1: number): Buffer {
  const w = Math.max(1, x1 - x0);
  const h = Math.max(1, y1 - y0);
  const header = Buffer.from(`P5\n${w} ${h}\n255\n`, 'ascii');
  const out = Buffer.alloc(header.length + w * h, 255);
  header.copy(out, 0);
  for (let y = 0; y < h; y++) {
    const src = p.offset + (y0 + y) * p.width + x0;
    p.buf.copy(out, header.length + y * w, src, src + w);
  }
  return out;
}

/**
 * The words of a Tesseract line as a reader sees them. For Hangul and Chinese, Tesseract's
 * "words" are often single syllables or characters; its own line text writes them without a
 * space when they belong together. Tokens that the line text joins without whitespace become
 * one word (box = union, confidence = the lowest of its parts).
 */
export function wordsOf(line: Tesseract.Line): { text: string; conf: number; bbox: Tesseract.Bbox }[] {
  const out: { text: string; conf: number; bbox: Tesseract.Bbox }[] = [];
  const lineText = line.text ?? '';
  let cursor = 0;
  for (const w of line.words) {
    const text = w.text.trim();
    if (text === '') continue;
    const at = lineText.indexOf(text, cursor);
    const joined = out.length > 0 && at >= 0 && at === cursor;
    if (at >= 0) cursor = at + text.length;
    const prev = out.at(-1);
    if (joined && prev) {
      prev.text += text;
      prev.conf = Math.min(prev.conf, w.confidence);
      prev.bbox = unionBox(prev.bbox, w.bbox);
    } else {
      out.push({ text, conf: w.confidence, bbox: { ...w.bbox } });
    }
  }
  // Tesseract's LSTM sometimes reports a line's first word as wide as several words (its box
  // runs over the next ones): end a word where the next word on the line begins.
  for (let i = 0; i + 1 < out.length; i++) {
    const b = out[i]!.bbox;
    const next = out[i + 1]!.bbox;
    if (next.x0 > b.x0 && b.x1 > next.x0) b.x1 = Math.max(b.x0 + 1, next.x0 - 1);
  }
  return out;
}

/**
 * Words read out of a stamp or a signature rather than print: far taller or shorter than the
 * page's confidently read text and not read confidently themselves ("NS" 87 px high among 17-px
 * print, "ge", "Xf"). Print of another size (titles) is read confidently and stays.
 */
export function dropStampDebris(words: OcrWord[]): OcrWord[] {
  const sure = words.filter((w) => w.conf >= 0.8).map((w) => w.h).sort((a, b) => a - b);
  if (sure.length < 10) return words;
  const h = sure[Math.floor(sure.length / 2)]!;
  return words.filter((w) => {
    // Chinese and Hangul glyphs stand 1.3–1.8× as tall as the Latin capitals of the page's print
    // (a full em against a cap height, often in a larger size): a poorly read Chinese address line
    // is not an outsize stamp word.
    const r = w.h / (CJK.test(w.text) ? h * 1.8 : h);
    // a long word read fairly surely is print, however tall its box (a bold B/L number whose box
    // took in a rule: "HDMU4452820927" at 0.68, 2.7× the print): stamp lettering never reads so
    if (w.conf >= 0.6 && (w.text.match(/[\p{L}\p{N}]/gu)?.length ?? 0) >= 8) return true;
    if (r > 2.5 && w.conf < 0.9) return false;
    if ((r > 1.8 || r < 0.5) && w.conf < 0.5) return false;
    if ((r > 1.3 || r < 0.75) && w.conf < 0.25) return false;
    return true;
  });
}

interface Reading {
  words: OcrWord[];
  lines: OcrLine[];
  /** Σ conf × characters: how much text was read confidently. */
  score: number;
  /** Character-weighted mean confidence. */
  meanConf: number;
}

export class TesseractJsEngine implements OcrEngine {
  readonly name: string;
  private readonly opts: Required<Omit<TesseractJsOptions, 'dataDir' | 'weakReread'>> & { dataDir: string; weakReread: WeakRereadOptions };
  private readonly slots: Slot[] = [];
  private readonly waiting: ((slot: Slot) => void)[] = [];
  private osd: Promise<Tesseract.Worker> | null = null;
  /** Single-line (psm 7) workers reading Korean or Chinese first, created when first needed. */
  private readonly lineWorkers = new Map<'kor' | 'chi_sim' | 'kor-only', Promise<Tesseract.Worker>>();
  private closed = false;

  constructor(options: TesseractJsOptions = {}) {
    const model = options.model ?? 'best_int';
    this.opts = {
      dataDir: options.dataDir ?? defaultDataDir(model),
      model,
      workers: Math.max(1, Math.floor(options.workers ?? 1)),
      preprocess: options.preprocess ?? true,
      orientation: options.orientation ?? true,
      binarise: options.binarise ?? false,
      dropJunk: options.dropJunk ?? true,
      psm: options.psm ?? '4',
      targetLineHeight: options.targetLineHeight ?? 30,
      steps: options.steps ?? {},
      params: options.params ?? {},
      lineReread: options.lineReread ?? true,
      bilevelExtraReadings: options.bilevelExtraReadings ?? true,
      tightenCjk: options.tightenCjk ?? true,
      weakReread: options.weakReread === false ? { ...WEAK_REREAD_DEFAULTS, maxLines: 0 } : { ...WEAK_REREAD_DEFAULTS, ...options.weakReread },
      unreadInk: Math.max(0, Math.floor(options.unreadInk ?? 12)),
      timeoutMs: options.timeoutMs ?? 180_000,
    };
    this.name = `tesseract.js ${model}${this.opts.preprocess ? ' + preprocess' : ''}`;
    for (let i = 0; i < this.opts.workers; i++) this.slots.push({ worker: null, langs: '', busy: false });
  }

  async recognize(image: Buffer | string, opts: RecognizeOptions): Promise<OcrResult> {
    if (this.closed) throw new DeskError('internal', 'the OCR engine is closed');
    const t0 = performance.now();
    const langs = validLangs(opts.langs);
    if (!this.opts.preprocess) return this.recognizeRaw(image, langs, t0);

    const { flatten, denoise, removeColourInk, removeLines } = this.opts.steps;
    const analyseOptions = { dpi: opts.dpi, flatten, denoise, removeColourInk, removeLines };
    const analysis = await analysePage(image, analyseOptions);
    if (analysis.textComponents < 3) {
      return { words: [], lines: [], text: '', angle: 0, skew: 0, ms: performance.now() - t0 };
    }
    const sideways = analysis.verticalLinks > SIDEWAYS_SHARE;
    let first: 0 | 90 | 180 | 270 = sideways ? 90 : 0;
    let flip: boolean | null = null;
    let prepared: PreparedImage | undefined;
    if (sideways && this.opts.orientation) {
      // Text runs vertically: 90° or 270°. Ask OSD before reading, so usually one read suffices.
      prepared = preparePage(analysis, this.prepareOptions(90));
      flip = await this.osdSaysFlip(prepared);
      if (flip) {
        first = 270;
        prepared = undefined;
      }
    }
    let best = await this.read(analysis, first, langs, prepared);
    let angle: 0 | 90 | 180 | 270 = first;
    // Upside-down print reads at mean confidence 0.17–0.33, upright pages at 0.44 (a faded receipt) and up.
    const weak = best.reading.meanConf < 0.5 || best.reading.words.length < 3;
    if (this.opts.orientation && (sideways ? flip === null : weak)) {
      // Upright reading is weak (or OSD could not tell a sideways page's direction): check the
      // other way up. OSD first for the upright case; both readings for an undecided sideways page.
      const other = ((first + 180) % 360) as 0 | 90 | 180 | 270;
      const tryOther = sideways ? true : (await this.osdSaysFlip(best.prepared)) === true;
      if (tryOther) {
        const alt = await this.read(analysis, other, langs);
        if (alt.reading.score > best.reading.score) {
          best = alt;
          angle = other;
        }
      }
    }
    let { words, lines } = best.reading;
    if (this.opts.bilevelExtraReadings && analysis.thickened) {
      // read the same way up: a second preparation, strokes not grown, and the grown strokes in
      // smaller type (text lines of ~24 px, not 30: Tesseract errs on other words at another scale)
      const thin = await analysePage(image, { ...analyseOptions, thickenBilevel: false });
      const second = await this.read(thin, angle, langs);
      const third = await this.read(analysis, angle, langs, preparePage(analysis, { ...this.prepareOptions(angle), targetLineHeight: FAX_SMALLER_LINE_HEIGHT }));
      const merged = mergeWordReadings(words, second.reading.words, third.reading.words);
      if (merged.replaced) (words = merged.words), (lines = relineWords(lines, words));
    }
    return {
      words,
      lines,
      text: lines.map((l) => l.text).join('\n'),
      angle,
      skew: best.prepared.skew,
      ms: performance.now() - t0,
    };
  }

  /** Without preprocessing: the image as it is, for comparison runs. */
  private async recognizeRaw(image: Buffer | string, langs: OcrLang[], t0: number): Promise<OcrResult> {
    // Validate and decode once so corrupt input fails the same way as with preprocessing.
    const sharp = (await import('sharp')).default;
    let png: Buffer;
    try {
      png = await sharp(image, { failOn: 'error' }).autoOrient().png({ compressionLevel: 1 }).toBuffer();
    } catch (err) {
      throw new DeskError('corrupt_file', `the page image cannot be decoded: ${(err as Error).message}`);
    }
    const identity = { a: 1, b: 0, c: 0, d: 1, e: 0, f: 0 };
    const reading = await this.readPrepared(png, identity, Infinity, Infinity, langs);
    const { words, lines } = reading;
    return { words, lines, text: lines.map((l) => l.text).join('\n'), angle: 0, skew: 0, ms: performance.now() - t0 };
  }

  private prepareOptions(rotation: 0 | 90 | 180 | 270): PrepareOptions {
    return {
      rotation,
      binarise: this.opts.binarise,
      targetLineHeight: this.opts.targetLineHeight,
      rescale: this.opts.steps.rescale,
      deskew: this.opts.steps.deskew,
    };
  }

  private async read(
    a: PageAnalysis,
    rotation: 0 | 90 | 180 | 270,
    langs: OcrLang[],
    ready?: PreparedImage,
  ): Promise<{ prepared: PreparedImage; reading: Reading }> {
    const prepared = ready ?? preparePage(a, this.prepareOptions(rotation));
    const reading = await this.readPrepared(prepared.image, prepared.toOriginal, a.width, a.height, langs);
    return { prepared, reading };
  }

  private async readPrepared(
    image: Buffer,
    toOriginal: PreparedImage['toOriginal'],
    width: number,
    height: number,
    langs: OcrLang[],
  ): Promise<Reading> {
    const raw: RawLine[] = [];
    const pgm = isPgm(image) ? parsePgm(image) : null;
    const hangulReread = this.opts.lineReread && langs.includes('kor');
    await this.withWorker(langs, async (w) => {
      const data = await w.recognize(image, {}, { blocks: true, text: false });
      for (const block of data.data.blocks ?? []) {
        for (const para of block.paragraphs) {
          for (const line of para.lines) raw.push({ bbox: line.bbox, tokens: wordsOf(line) });
        }
      }
      if (pgm && this.opts.unreadInk > 0) await this.readUnreadInk(w, pgm, raw, langs.includes('chi_sim'));
      if (pgm && this.opts.weakReread.maxLines > 0) await this.rereadWeakLines(w, pgm, raw, hangulReread);
      joinReadTwice(raw);
    });
    if (hangulReread && isPgm(image)) await this.rereadHangulLines(image, raw);
    if (this.opts.tightenCjk && isPgm(image)) {
      const pgm = parsePgm(image);
      if (pgm) for (const line of raw) for (const t of line.tokens) if (CJK.test(t.text)) t.bbox = tightenBox(pgm, t.bbox, true);
    }
    const words: OcrWord[] = [];
    const lines: OcrLine[] = [];
    let score = 0;
    let chars = 0;
    const mapped = (b: Tesseract.Bbox): Box =>
      mapBox(toOriginal, { x: b.x0, y: b.y0, w: b.x1 - b.x0, h: b.y1 - b.y0 }, width, height);
    for (const line of raw) {
      const kept: OcrWord[] = [];
      const texts: string[] = [];
      for (const t of line.tokens) {
        const conf = Math.max(0, Math.min(1, t.conf / 100));
        if (this.opts.dropJunk && !LETTER_OR_DIGIT.test(t.text) && conf < 0.6) continue;
        kept.push({ text: t.text, conf, ...mapped(t.bbox) });
        texts.push(t.text);
        const n = Array.from(t.text).length;
        score += conf * n;
        chars += n;
      }
      if (kept.length === 0) continue;
      words.push(...kept);
      const lconf = kept.reduce((s, w) => s + w.conf, 0) / kept.length;
      lines.push({ text: texts.join(' '), box: mapped(line.bbox), conf: lconf });
    }
    const kept = this.opts.dropJunk ? dropStampDebris(words) : words;
    return { words: kept, lines, score, meanConf: chars === 0 ? 0 : score / chars };
  }

  /**
   * Print no word box covers: psm 4 drops whole lines (a Chinese address line between two lines
   * it read) and words inside a line ("SAMSAN-RO," between two words read). Runs of
   * character-sized ink left after taking away every word read (unreadInkRegions) are read alone
   * at psm 7 by the page's worker, the most ink first, at most `unreadInk` per page (on Chinese
   * pages a Chinese-first worker reads what the page's worker could not). A reading joins the line
   * it sits in (or becomes a line of its own) when its mean confidence reaches UNREAD_MIN_CONF, or
   * when it is Chinese print; seal lettering and signature strokes read as junk below it.
   */
  private async readUnreadInk(w: Tesseract.Worker, pgm: Pgm, raw: RawLine[], chinese: boolean): Promise<void> {
    // junk over print Tesseract could not read (a Chinese address line as one word at confidence
    // 6, dropped later) does not count as read: a confident reading of its ink replaces it
    const weak = (t: Token) => t.conf < UNREAD_WEAK_CONF;
    const boxes = raw.flatMap((l) => l.tokens.filter((t) => !weak(t)).map((t) => t.bbox));
    if (boxes.length < 5) return;
    const hs = boxes.map((b) => b.y1 - b.y0).sort((a, b) => a - b);
    const lh = hs[Math.floor(hs.length / 2)]!;
    const page = { data: pgm.buf.subarray(pgm.offset, pgm.offset + pgm.width * pgm.height), width: pgm.width, height: pgm.height };
    const regions = unreadInkRegions(page, boxes, { lineHeight: lh, ink: INK, maxRegions: this.opts.unreadInk });
    if (regions.length === 0) return;
    const pad = Math.max(4, Math.round(this.opts.weakReread.padK * lh));
    await w.setParameters({ tessedit_pageseg_mode: '7' as Tesseract.PSM });
    try {
      for (const found of regions) {
        // a region over part of a weak word is read with the whole word's width (not its height: a
        // junk word Tesseract made of two lines would make the crop two lines, which psm 7 cannot read)
        const r = { ...found };
        const cy = (r.y0 + r.y1) / 2;
        for (const t of raw.flatMap((l) => l.tokens)) {
          if (!weak(t) || t.bbox.x1 <= r.x0 || t.bbox.x0 >= r.x1 || t.bbox.y1 <= cy || t.bbox.y0 >= cy) continue;
          r.x0 = Math.min(r.x0, t.bbox.x0);
          r.x1 = Math.max(r.x1, t.bbox.x1);
        }
        let tokens = (await readRegion(pgm, r, pad, (crop) => w.recognize(crop, {}, { blocks: true, text: false }).catch(() => null))).filter((t) => LETTER_OR_DIGIT.test(t.text));
        if (chinese && (tokens.length === 0 || meanConf(tokens) < UNREAD_MIN_CONF)) {
          // a Chinese line: the page's English-first model reads it as junk, a Chinese-first one reads it
          const zh = await this.rereadWorker('chi_sim').catch(() => null);
          const again = zh ? (await readRegion(pgm, r, pad, (crop) => withTimeout(zh.recognize(crop, {}, { blocks: true, text: false }), 60_000).catch(() => null))).filter((t) => LETTER_OR_DIGIT.test(t.text)) : [];
          if (again.length > 0 && (tokens.length === 0 || meanConf(again) > meanConf(tokens) || chineseLine(again))) tokens = again;
        }
        // (a Chinese line's joined word carries its least sure character's confidence, often 0)
        if (tokens.length === 0 || (meanConf(tokens) < UNREAD_MIN_CONF && !(chinese && chineseLine(tokens)) && !mostlySure(tokens))) continue;
        const within = (t: Token) => t.bbox.x0 >= r.x0 - pad && t.bbox.x1 <= r.x1 + pad && t.bbox.y0 < cy && t.bbox.y1 > cy;
        for (const l of raw) l.tokens = l.tokens.filter((t) => !(weak(t) && within(t)));
        const host = raw.find((l) => l.tokens.length > 0 && cy > l.bbox.y0 && cy < l.bbox.y1 && r.x0 < l.bbox.x1 + 3 * lh && r.x1 > l.bbox.x0 - 3 * lh);
        if (host) {
          host.tokens = [...host.tokens, ...tokens].sort((a, b) => a.bbox.x0 - b.bbox.x0);
          host.bbox = unionBox(host.bbox, r);
        } else {
          // reading order: after the last line that starts above it
          let at = raw.length;
          while (at > 0 && raw[at - 1]!.bbox.y0 > r.y0) at--;
          raw.splice(at, 0, { bbox: { ...r }, tokens });
        }
      }
    } finally {
      await w.setParameters({ tessedit_pageseg_mode: this.opts.psm as Tesseract.PSM });
    }
  }

  /**
   * Weak line pieces on any page: psm 4's layout analysis garbles short lines (a small label and
   * a number: "B/L No. COSU3706916587" → "BL. bho") and merges rows of two columns. Each line is
   * cut into pieces at wide gaps between its words; pieces read with low confidence (or short
   * ones read with middling confidence) are cut out of the prepared page, padded, and read again
   * alone at psm 7 by the page's own worker, the weakest first and at most `maxLines` per page.
   * A re-read replaces the piece when its mean confidence is higher and it keeps most of the
   * characters. Lines holding Hangul are left to rereadHangulLines when that runs.
   */
  private async rereadWeakLines(w: Tesseract.Worker, pgm: Pgm, raw: RawLine[], skipHangul: boolean): Promise<void> {
    const o = this.opts.weakReread;
    const pieces: Piece[] = [];
    for (const line of raw) {
      const ts = line.tokens;
      if (ts.length === 0) continue;
      if (skipHangul && ts.some((t) => HANGUL.test(t.text))) continue;
      // Chinese/Korean pieces: a psm 7 re-read gave no better text and taller boxes.
      if (ts.some((t) => CJK.test(t.text))) continue;
      const hs = ts.map((t) => t.bbox.y1 - t.bbox.y0).sort((a, b) => a - b);
      const lh = Math.max(8, hs[Math.floor(hs.length / 2)]!);
      let from = 0;
      for (let i = 1; i <= ts.length; i++) {
        if (i < ts.length && ts[i]!.bbox.x0 - ts[i - 1]!.bbox.x1 <= o.gapK * lh) continue;
        const seg = ts.slice(from, i);
        const conf = meanConf(seg);
        const limit = seg.length <= o.shortTokens ? o.shortConfBelow : o.confBelow;
        if (conf < limit) {
          const bbox = unionBox(...seg.map((t) => t.bbox));
          if (bbox.x1 - bbox.x0 >= 6 && bbox.y1 - bbox.y0 >= 6) pieces.push({ line, from, to: i, conf, bbox, lh });
        }
        from = i;
      }
    }
    if (pieces.length === 0) return;
    const chosen = pieces.sort((a, b) => a.conf - b.conf).slice(0, o.maxLines);
    await w.setParameters({ tessedit_pageseg_mode: '7' as Tesseract.PSM });
    try {
      for (const p of chosen) {
        const tokens: RawLine['tokens'] = [];
        // Ink columns with a wide gap between them are read one by one, each cut to its own ink
        // (two columns' half-rows at slightly different heights).
        for (const b of inkRuns(pgm, p.bbox, o.gapK * p.lh)) {
          const pad = Math.max(4, Math.round(Math.min(b.y1 - b.y0, 2 * p.lh) * o.padK));
          // a piece Tesseract cannot read again keeps the page's own reading
          tokens.push(...(await readRegion(pgm, b, pad, (crop) => w.recognize(crop, {}, { blocks: true, text: false }).catch(() => null))));
        }
        if (tokens.length === 0) continue;
        const chars = (ts: RawLine['tokens']) => ts.reduce((s, t) => s + Array.from(t.text).length, 0);
        const old = p.line.tokens.slice(p.from, p.to);
        const nc = meanConf(tokens);
        if (nc > p.conf && nc >= o.minConf && chars(tokens) >= o.minCharShare * chars(old)) p.repl = tokens;
      }
    } finally {
      await w.setParameters({ tessedit_pageseg_mode: this.opts.psm as Tesseract.PSM });
    }
    // Splice replacements in, last piece of a line first so indices stay valid.
    for (const p of chosen.filter((x) => x.repl).sort((a, b) => b.from - a.from)) {
      p.line.tokens = [...p.line.tokens.slice(0, p.from), ...p.repl!, ...p.line.tokens.slice(p.to)];
    }
  }

  /**
   * Korean on a page read `eng+kor`: Tesseract segments words with the first (English) model and
   * re-tries only badly read words with Korean, so Hangul words are lost or come out as Latin
   * fragments ("부산광역시 해운대구 WHS SR 97"). Each line that holds Hangul is cut out of the
   * prepared page (padded by 0.3 line heights) and read again alone by a `kor+eng` worker at
   * psm 7 (one text line); the re-read replaces the line when its character-weighted mean
   * confidence is higher. Boxes stay in prepared pixels. A failing re-read leaves the page's
   * own reading in place. Measured on 32 Korean train documents: field exact match +3 points.
   */
  private async rereadHangulLines(image: Buffer, raw: RawLine[]): Promise<void> {
    const pgm = parsePgm(image);
    if (!pgm) return;
    const padK = 0.3;
    try {
      await this.rereadLines(pgm, raw, padK);
    } catch {
      // Keep what was read; start a fresh line worker next time.
      for (const key of ['kor', 'kor-only'] as const) {
        const w = this.lineWorkers.get(key);
        this.lineWorkers.delete(key);
        await w?.then((x) => x.terminate()).catch(() => undefined);
      }
    }
  }

  private async rereadLines(pgm: Pgm, raw: RawLine[], padK: number): Promise<void> {
    for (const line of raw) {
      if (line.tokens.length === 0) continue;
      const text = line.tokens.map((t) => t.text).join(' ');
      if (!HANGUL.test(text)) continue;
      const b = line.bbox;
      const h = b.y1 - b.y0;
      if (h < 6 || b.x1 - b.x0 < 6) continue;
      const pad = Math.max(4, Math.round(h * padK));
      const worker = await this.rereadWorker('kor');
      const tokens = await readRegion(pgm, b, pad, (crop) => withTimeout(worker.recognize(crop, {}, { blocks: true, text: false }), 60_000));
      if (tokens.length === 0) continue;
      if (meanConf(tokens) > meanConf(line.tokens)) line.tokens = tokens;
      await this.readLatinJunkAsKorean(pgm, line);
    }
  }

  /**
   * A Hangul word the Korean-first reading still read as Latin junk beside Hangul words
   * ("해운대구 MHS YR 97" for 해운대구 센텀중앙로 97: with English loaded, its rare syllables lose to
   * Latin letters) is read again alone by a Korean-only worker, and kept when that reads Hangul
   * syllables only, with the confidence it has (often low: the word is flagged for review; 0.25 at
   * least, so the stamp-debris filter does not take it for a seal's lettering). Runs
   * of junk tokens next to each other are read as one.
   */
  private async readLatinJunkAsKorean(pgm: Pgm, line: RawLine): Promise<void> {
    const ts = line.tokens;
    const junk = (t: Token) => !HANGUL.test(t.text) && /^[A-Za-z]{1,6}$/.test(t.text) && t.conf < 40;
    for (let i = 0; i < ts.length; i++) {
      if (!junk(ts[i]!)) continue;
      let j = i + 1;
      while (j < ts.length && junk(ts[j]!)) j++;
      const beside = (i > 0 && HANGUL.test(ts[i - 1]!.text)) || (j < ts.length && HANGUL.test(ts[j]!.text));
      if (!beside) continue;
      const run = ts.slice(i, j);
      const box = unionBox(...run.map((t) => t.bbox));
      const h = box.y1 - box.y0;
      if (h < 6 || box.x1 - box.x0 < 6) continue;
      const worker = await this.rereadWorker('kor-only');
      const read = await readRegion(pgm, box, Math.max(4, Math.round(h * 0.3)), (crop) => withTimeout(worker.recognize(crop, {}, { blocks: true, text: false }), 60_000));
      // quote marks and dots around the word are specks; what is left must be Hangul syllables only
      const text = read.map((t) => t.text).join('').replace(/^[\p{P}\p{S}]+|[\p{P}\p{S}]+$/gu, '');
      if (!/^\p{Script=Hangul}{2,}$/u.test(text)) continue;
      // its confidence as read, but at least 25: a weak word of the line, not stamp debris (dropStampDebris)
      ts.splice(i, j - i, { text, conf: Math.max(25, Math.min(...read.map((t) => t.conf))), bbox: box });
    }
  }

  /** A single-line worker reading `first` first, then English; 'kor-only': Korean alone. */
  private rereadWorker(first: 'kor' | 'chi_sim' | 'kor-only'): Promise<Tesseract.Worker> {
    let worker = this.lineWorkers.get(first);
    if (!worker) {
      const langs: OcrLang[] = first === 'kor-only' ? ['kor'] : [first, 'eng'];
      const langPath = ensureLangData(this.opts.dataDir, langs, this.opts.model);
      worker = Tesseract.createWorker(langs, Tesseract.OEM.LSTM_ONLY, {
        ...workerPaths(),
        langPath,
        gzip: true,
        cacheMethod: 'none',
      }).then(async (w) => {
        await w.setParameters({
          tessedit_pageseg_mode: '7' as Tesseract.PSM,
          preserve_interword_spaces: '1',
          tessedit_do_invert: '0',
          debug_file: '/dev/null',
        });
        return w;
      });
      worker.catch(() => this.lineWorkers.delete(first));
      this.lineWorkers.set(first, worker);
    }
    return worker;
  }

  /**
   * Tesseract OSD on the prepared page: true when the page is upside down relative to the
   * orientation just read (confident), false when it is upright, null when OSD cannot tell.
   */
  private async osdSaysFlip(prepared: PreparedImage): Promise<boolean | null> {
    let worker: Tesseract.Worker;
    try {
      worker = await this.osdWorker();
    } catch {
      return null;
    }
    try {
      const res = await withTimeout(worker.detect(prepared.image), 60_000).catch(async (err: unknown) => {
        // Start a fresh OSD worker next time.
        this.osd = null;
        await worker.terminate().catch(() => undefined);
        throw err;
      });
      const deg = res.data.orientation_degrees;
      const conf = res.data.orientation_confidence ?? 0;
      if (deg === null || conf < 1.5) return null;
      if (deg === 180) return true;
      if (deg === 0) return false;
      return null;
    } catch {
      return null;
    }
  }

  private osdWorker(): Promise<Tesseract.Worker> {
    if (!this.osd) {
      const langPath = ensureLangData(this.opts.dataDir, ['osd'], this.opts.model);
      this.osd = Tesseract.createWorker('osd', Tesseract.OEM.TESSERACT_ONLY, {
        ...workerPaths(),
        langPath,
        gzip: true,
        cacheMethod: 'none',
        legacyCore: true,
        legacyLang: true,
      });
      // The prepared image (PGM) carries no resolution; say 300 so OSD does not warn and guess.
      this.osd = this.osd.then(async (w) => {
        await w.setParameters({ user_defined_dpi: '300', debug_file: '/dev/null' });
        return w;
      });
      this.osd.catch(() => {
        this.osd = null;
      });
    }
    return this.osd;
  }

  private async withWorker<T>(langs: OcrLang[], fn: (w: Tesseract.Worker) => Promise<T>): Promise<T> {
    const slot = await this.acquire();
    try {
      const key = langs.join('+');
      if (!slot.worker) {
        const langPath = ensureLangData(this.opts.dataDir, langs, this.opts.model);
        slot.worker = await Tesseract.createWorker(langs, Tesseract.OEM.LSTM_ONLY, {
          ...workerPaths(),
          langPath,
          gzip: true,
          cacheMethod: 'none',
        });
        await slot.worker.setParameters(this.params(langs));
        slot.langs = key;
      } else if (slot.langs !== key) {
        ensureLangData(this.opts.dataDir, langs, this.opts.model);
        await slot.worker.reinitialize(langs.join('+'), Tesseract.OEM.LSTM_ONLY);
        await slot.worker.setParameters(this.params(langs));
        slot.langs = key;
      }
      try {
        return await withTimeout(fn(slot.worker), this.opts.timeoutMs);
      } catch (err) {
        // A failed job may leave the WASM instance in a bad state: start afresh next time.
        const w = slot.worker;
        slot.worker = null;
        slot.langs = '';
        await w?.terminate().catch(() => undefined);
        throw new DeskError('internal', `OCR failed: ${err instanceof Error ? err.message : String(err)}`);
      }
    } finally {
      this.release(slot);
    }
  }

  private params(_langs: OcrLang[]): Partial<Tesseract.WorkerParams> {
    // No user_defined_dpi: Tesseract estimates the resolution from the x-height, and forcing 300
    // made its layout analysis drop short right-hand columns (receipt amounts) as noise.
    return {
      tessedit_pageseg_mode: this.opts.psm as Tesseract.PSM,
      // Spaces as on the page: without it Tesseract writes a space between every two Chinese
      // characters and between Hangul syllables (CER on kor+eng pages 2.0 % → 0.4 %).
      preserve_interword_spaces: '1',
      // No second pass over low-confidence lines as white-on-black: 4–16 % less CPU, same CER on
      // both test sets; inverted print (dark header bars) is not read.
      tessedit_do_invert: '0',
      // Tesseract's own diagnostics ("Estimating resolution as …") would go to the console.
      debug_file: '/dev/null',
      ...this.opts.params,
    };
  }

  private acquire(): Promise<Slot> {
    const free = this.slots.find((s) => !s.busy);
    if (free) {
      free.busy = true;
      return Promise.resolve(free);
    }
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  private release(slot: Slot): void {
    const next = this.waiting.shift();
    if (next) next(slot);
    else slot.busy = false;
  }

  async close(): Promise<void> {
    this.closed = true;
    const pending: Promise<unknown>[] = [];
    for (const s of this.slots) {
      if (s.worker) pending.push(s.worker.terminate().catch(() => undefined));
      s.worker = null;
    }
    if (this.osd) pending.push(this.osd.then((w) => w.terminate()).catch(() => undefined));
    this.osd = null;
    for (const w of this.lineWorkers.values()) pending.push(w.then((x) => x.terminate()).catch(() => undefined));
    this.lineWorkers.clear();
    await Promise.all(pending);
  }
}


/** A crashed worker thread can leave a job pending for ever: give up after `ms`. */
function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer from the OCR worker within ${Math.round(ms / 1000)} s`)), ms);
  });
  return Promise.race([p, timeout]).finally(() => clearTimeout(timer));
}

function workerPaths(): { workerPath: string; corePath: string } {
  return {
    workerPath: unpacked(require_.resolve('tesseract.js/src/worker-script/node/index.js')),
    corePath: unpacked(dirname(require_.resolve('tesseract.js-core/package.json'))),
  };
}

function validLangs(langs: readonly string[]): OcrLang[] {
  if (langs.length === 0) throw new DeskError('invalid_argument', 'no OCR language given');
  for (const l of langs) {
    if (!(OCR_LANGS as readonly string[]).includes(l)) {
      throw new DeskError('invalid_argument', `unsupported OCR language '${l}'`, { lang: l });
    }
  }
  return [...new Set(langs)] as OcrLang[];
}
