/**
 * Drawing on a PDF page in "form space" (points, top-left origin, A4) through a small seeded
 * transform (shift and scale, as forms printed on different printers differ), recording every
 * word drawn with its box in 300-dpi page pixels: the words truth.
 */
import fontkit from '@pdf-lib/fontkit';
import { existsSync, readFileSync } from 'node:fs';
import { PDFDocument, PDFFont, PDFImage, PDFPage, StandardFonts, rgb } from 'pdf-lib';
import { execFileSync } from 'node:child_process';

export const A4 = { w: 595.28, h: 841.89 };
export const PX_PER_PT = 300 / 72;

export interface TruthWord {
  text: string;
  x: number;
  y: number;
  w: number;
  h: number;
  page: number;
}

/** A ruled line from (x1, y1) to (x2, y2), 300-dpi page pixels. */
export interface TruthRule {
  x1: number;
  y1: number;
  x2: number;
  y2: number;
  page: number;
}

export class FontUnavailableError extends Error {
  constructor(readonly script: 'ko' | 'zh', message: string) {
    super(message);
    this.name = 'FontUnavailableError';
  }
}

const KO_FONT_PATHS = ['/usr/share/fonts/truetype/nanum/NanumGothic.ttf', '/usr/share/fonts/truetype/nanum/NanumBarunGothic.ttf'];
const ZH_FONT_PATHS = [
  '/usr/share/fonts/truetype/wqy/wqy-microhei.ttc',
  '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc',
  '/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc',
  '/usr/share/fonts/truetype/arphic/uming.ttc',
];

let fontFileCache: Record<'ko' | 'zh', { path: string; bytes: Uint8Array } | null> | undefined;

function findFont(paths: string[], lang: string): string | null {
  const env = process.env[lang === 'zh' ? 'ORIGINDESK_ZH_FONT' : 'ORIGINDESK_KO_FONT'];
  if (env && existsSync(env)) return env;
  for (const p of paths) if (existsSync(p)) return p;
  try {
    // fontconfig knows fonts installed elsewhere.
    const out = execFileSync('fc-list', [`:lang=${lang}`, 'file'], { encoding: 'utf8', timeout: 5000 });
    const file = out
      .split('\n')
      .map((l) => l.replace(/:\s*$/, '').trim())
      .find((l) => /\.(ttf|ttc|otf)$/i.test(l));
    return file ?? null;
  } catch {
    return null;
  }
}

function fontFiles() {
  if (!fontFileCache) {
    const ko = findFont(KO_FONT_PATHS, 'ko');
    const zh = findFont(ZH_FONT_PATHS, 'zh');
    fontFileCache = {
      ko: ko ? { path: ko, bytes: readFileSync(ko) } : null,
      zh: zh ? { path: zh, bytes: readFileSync(zh) } : null,
    };
  }
  return fontFileCache;
}

/** Which CJK scripts can be drawn on this machine. */
export function cjkFontsAvailable(): { ko: string | null; zh: string | null } {
  const f = fontFiles();
  return { ko: f.ko?.path ?? null, zh: f.zh?.path ?? null };
}

export const MISSING_FONT_HINT: Record<'ko' | 'zh', string> = {
  ko: 'no Korean font found: install the Debian package fonts-nanum (or set ORIGINDESK_KO_FONT)',
  zh: 'no Chinese font found: install the Debian package fonts-wqy-microhei or fonts-noto-cjk (or set ORIGINDESK_ZH_FONT)',
};

// fontkit parses a font once per process; pdf-lib subsets it (or embeds it whole) for each document.
const parsed = new Map<Uint8Array, unknown>();
const cachingFontkit = {
  create(buf: Uint8Array, name?: string) {
    let f = parsed.get(buf) as { fonts?: unknown[] } | undefined;
    if (!f) {
      f = fontkit.create(buf as Buffer, name) as unknown as { fonts?: unknown[] };
      if (f.fonts) f = f.fonts[0] as { fonts?: unknown[] }; // a .ttc collection: its first font
      parsed.set(buf, f);
    }
    return f;
  },
};

export type FontKind = 'label' | 'labelBold' | 'value' | 'valueBold' | 'title';

export interface Fonts {
  helv: PDFFont;
  helvBold: PDFFont;
  value: PDFFont;
  valueBold: PDFFont;
  ko: PDFFont | null;
  zh: PDFFont | null;
}

export async function embedFonts(doc: PDFDocument, valueFace: 'helv' | 'courier' | 'times', need: { ko: boolean; zh: boolean }): Promise<Fonts> {
  doc.registerFontkit(cachingFontkit as never);
  const files = fontFiles();
  const faces = {
    helv: [StandardFonts.Helvetica, StandardFonts.HelveticaBold],
    courier: [StandardFonts.Courier, StandardFonts.CourierBold],
    times: [StandardFonts.TimesRoman, StandardFonts.TimesRomanBold],
  } as const;
  const [helv, helvBold, value, valueBold] = await Promise.all([
    doc.embedFont(StandardFonts.Helvetica),
    doc.embedFont(StandardFonts.HelveticaBold),
    doc.embedFont(faces[valueFace][0]),
    doc.embedFont(faces[valueFace][1]),
  ]);
  // NanumGothic is embedded whole: pdf-lib's subset of it loses about a third of the glyphs (they
  // render blank, pdf-lib#1232), so the scans would not show the Korean text the truth holds.
  const ko = need.ko && files.ko ? await doc.embedFont(files.ko.bytes, { subset: false }) : null;
  const zh = need.zh && files.zh ? await doc.embedFont(files.zh.bytes, { subset: true }) : null;
  return { helv, helvBold, value, valueBold, ko, zh };
}

const HANGUL = /[\u1100-\u11ff\u3130-\u318f\uac00-\ud7af]/;
const HAN = /[\u3400-\u9fff\u3000-\u303f\uff00-\uffef]/;
const WIN_ANSI_EXTRA = '€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ';
const isWinAnsi = (s: string) => [...s].every((c) => c.charCodeAt(0) < 256 || WIN_ANSI_EXTRA.includes(c));

export interface Transform {
  ox: number;
  oy: number;
  s: number;
}

export interface TextOpts {
  size?: number;
  font?: FontKind;
  color?: [number, number, number];
  align?: 'left' | 'center' | 'right';
}

/** One page being drawn. */
export class Sheet {
  readonly words: TruthWord[] = [];
  /** Ruled lines (box borders, table rules) in 300-dpi page pixels: where no word may be printed. */
  readonly rules: TruthRule[] = [];
  constructor(
    readonly doc: PDFDocument,
    readonly page: PDFPage,
    readonly fonts: Fonts,
    readonly tf: Transform,
    readonly pageIndex: number,
  ) {}

  private X(x: number) {
    return this.tf.ox + this.tf.s * x;
  }
  private Y(y: number) {
    return this.tf.oy + this.tf.s * y;
  }

  fontFor(text: string, kind: FontKind): PDFFont {
    if (HANGUL.test(text)) {
      if (!this.fonts.ko) throw new FontUnavailableError('ko', MISSING_FONT_HINT.ko);
      return this.fonts.ko;
    }
    if (HAN.test(text) || !isWinAnsi(text)) {
      if (this.fonts.zh) return this.fonts.zh;
      if (this.fonts.ko && !HAN.test(text)) return this.fonts.ko;
      throw new FontUnavailableError('zh', MISSING_FONT_HINT.zh);
    }
    switch (kind) {
      case 'label':
        return this.fonts.helv;
      case 'labelBold':
      case 'title':
        return this.fonts.helvBold;
      case 'value':
        return this.fonts.value;
      case 'valueBold':
        return this.fonts.valueBold;
    }
  }

  width(text: string, size: number, kind: FontKind = 'value'): number {
    return this.fontFor(text, kind).widthOfTextAtSize(text, size);
  }

  /** Text with its baseline at form-space y; returns the drawn width (form space). */
  text(text: string, x: number, y: number, opts: TextOpts = {}): number {
    if (!text) return 0;
    const size = opts.size ?? 8;
    const kind = opts.font ?? 'value';
    const font = this.fontFor(text, kind);
    const w = font.widthOfTextAtSize(text, size);
    const x0 = opts.align === 'center' ? x - w / 2 : opts.align === 'right' ? x - w : x;
    const s = this.tf.s;
    const c = opts.color ?? [0.05, 0.05, 0.08];
    this.page.drawText(text, { x: this.X(x0), y: A4.h - this.Y(y), size: size * s, font, color: rgb(c[0], c[1], c[2]) });
    // Words with their boxes (pdfjs convention: from the baseline up by the font size).
    const re = /\S+/g;
    let m: RegExpExecArray | null;
    while ((m = re.exec(text))) {
      const before = font.widthOfTextAtSize(text.slice(0, m.index), size);
      const ww = font.widthOfTextAtSize(m[0], size);
      this.words.push({
        text: m[0],
        x: round1(this.X(x0 + before) * PX_PER_PT),
        y: round1((this.Y(y) - size * s) * PX_PER_PT),
        w: round1(ww * s * PX_PER_PT),
        h: round1(size * s * PX_PER_PT),
        page: this.pageIndex,
      });
    }
    return w;
  }

  /**
   * Text that must stay inside a box `maxWidth` wide, as a typist fills a narrow box: at its size
   * when it fits, else in smaller type (down to 75 %), else wrapped at that size — stacked up so
   * the last line sits on baseline y, or down from y (`down`) — each line narrowed further if one
   * word alone is still too wide. Never runs into the next box. Returns the lines drawn.
   */
  fitText(text: string, x: number, y: number, maxWidth: number, opts: TextOpts & { down?: boolean; leading?: number } = {}): string[] {
    const size = opts.size ?? 8;
    const kind = opts.font ?? 'value';
    const w = this.width(text, size, kind);
    if (w <= maxWidth) return (this.text(text, x, y, opts), [text]);
    const small = size * 0.75;
    if (this.width(text, small, kind) <= maxWidth) return (this.text(text, x, y, { ...opts, size: Math.max(small, (size * maxWidth) / w) }), [text]);
    const lines = this.wrapLines(text, maxWidth, small, kind);
    const leading = opts.leading ?? small * 1.15;
    lines.forEach((l, i) => {
      const ly = opts.down ? y + i * leading : y - (lines.length - 1 - i) * leading;
      this.text(l, x, ly, { ...opts, size: Math.min(small, (small * maxWidth) / this.width(l, small, kind)) });
    });
    return lines;
  }

  /** The lines of a table cell stacked down from baseline y, each kept inside the column; returns the printed lines they took. */
  cell(lines: string[], x: number, y: number, maxWidth: number, leading: number, opts: TextOpts = {}): number {
    let n = 0;
    for (const l of lines) n += this.fitText(l, x, y + n * leading, maxWidth, { ...opts, down: true, leading }).length;
    return n;
  }

  /** Word-wrapped text from baseline y; returns the lines drawn. */
  wrap(text: string, x: number, y: number, maxWidth: number, opts: TextOpts & { leading?: number } = {}): string[] {
    const lines = this.wrapLines(text, maxWidth, opts.size ?? 8, opts.font ?? 'value');
    const leading = opts.leading ?? (opts.size ?? 8) * 1.25;
    lines.forEach((l, i) => this.text(l, x, y + i * leading, opts));
    return lines;
  }

  wrapLines(text: string, maxWidth: number, size: number, kind: FontKind = 'value'): string[] {
    const words = text.split(' ');
    const lines: string[] = [];
    let cur = '';
    for (const w of words) {
      const cand = cur ? `${cur} ${w}` : w;
      if (cur && this.width(cand, size, kind) > maxWidth) {
        lines.push(cur);
        cur = w;
      } else cur = cand;
    }
    if (cur) lines.push(cur);
    return lines;
  }

  private rule(x1: number, y1: number, x2: number, y2: number): void {
    const px = (v: number) => round1(v * PX_PER_PT);
    this.rules.push({ x1: px(this.X(x1)), y1: px(this.Y(y1)), x2: px(this.X(x2)), y2: px(this.Y(y2)), page: this.pageIndex });
  }

  rect(x: number, y: number, w: number, h: number, width = 0.7, color: [number, number, number] = [0.1, 0.1, 0.1]) {
    const s = this.tf.s;
    this.rule(x, y, x + w, y), this.rule(x, y + h, x + w, y + h), this.rule(x, y, x, y + h), this.rule(x + w, y, x + w, y + h);
    this.page.drawRectangle({
      x: this.X(x),
      y: A4.h - this.Y(y + h),
      width: w * s,
      height: h * s,
      borderWidth: width,
      borderColor: rgb(color[0], color[1], color[2]),
    });
  }

  fill(x: number, y: number, w: number, h: number, color: [number, number, number]) {
    const s = this.tf.s;
    this.page.drawRectangle({ x: this.X(x), y: A4.h - this.Y(y + h), width: w * s, height: h * s, color: rgb(color[0], color[1], color[2]) });
  }

  line(x1: number, y1: number, x2: number, y2: number, width = 0.7) {
    this.rule(x1, y1, x2, y2);
    this.page.drawLine({
      start: { x: this.X(x1), y: A4.h - this.Y(y1) },
      end: { x: this.X(x2), y: A4.h - this.Y(y2) },
      thickness: width,
      color: rgb(0.1, 0.1, 0.1),
    });
  }

  checkbox(x: number, y: number, size = 6, ticked = false) {
    this.rect(x, y - size, size, size, 0.5);
    if (ticked) {
      this.line(x + 1, y - size / 2, x + size / 2, y - 1, 0.8);
      this.line(x + size / 2, y - 1, x + size + 1, y - size - 1, 0.8);
    }
  }

  image(img: PDFImage, cx: number, cy: number, w: number, h: number, opacity = 0.85) {
    const s = this.tf.s;
    this.page.drawImage(img, { x: this.X(cx - w / 2), y: A4.h - this.Y(cy + h / 2), width: w * s, height: h * s, opacity });
  }

  svgPath(path: string, x: number, y: number, scale: number, color: [number, number, number], width: number) {
    this.page.drawSvgPath(path, {
      x: this.X(x),
      y: A4.h - this.Y(y),
      scale: scale * this.tf.s,
      borderColor: rgb(color[0], color[1], color[2]),
      borderWidth: width,
    });
  }
}

const round1 = (v: number) => Math.round(v * 10) / 10;
