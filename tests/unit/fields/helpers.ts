/** Shared plumbing for the fields tests: generated documents → PageText, noise, fonts. */
import type { OcrWord, PageText } from '../../../contract/fields.ts';
import { cjkFontsAvailable, generateDocument, type CorpusForm, type Lang, type TruthWord } from '../../../corpus/generate.ts';
import { Rng } from '../../../corpus/rng.ts';
import { pdfTextLayer } from '../../../desk/fields/pdf-text.ts';

export const HAS_ZH_FONT = !!cjkFontsAvailable().zh;
export const HAS_KO_FONT = !!cjkFontsAvailable().ko;
export const ZH_SKIP_REASON = 'no Chinese font on this machine: install Debian fonts-wqy-microhei or fonts-noto-cjk to test Chinese documents';

/** Words the generator drew, as a text-layer PageText (no PDF parsing). */
export function truthPages(words: TruthWord[], pages = [{ width: 2480, height: 3508, dpi: 300 }]): PageText[] {
  return pages.map((p, i) => ({
    index: i,
    width: p.width,
    height: p.height,
    dpi: p.dpi,
    source: 'pdf-text-layer' as const,
    words: words.filter((w) => w.page === i).map((w) => ({ text: w.text, x: w.x, y: w.y, w: w.w, h: w.h, conf: 1 })),
  }));
}

export async function generateWithTextLayer(seed: number, form: CorpusForm, lang: Lang = 'en') {
  const doc = await generateDocument({ seed, form, lang });
  return { doc, pages: await pdfTextLayer(doc.pdf) };
}

const CONFUSIONS: Record<string, string> = { O: '0', '0': 'O', I: '1', '1': 'l', S: '5', '5': 'S', B: '8', E: 'F', C: 'G', A: '4', N: 'M', M: 'N', R: 'P', U: 'V' };

/**
 * OCR-like noise: characters swapped for look-alikes or random letters at `rate`, words'
 * confidence lowered, boxes jittered by a pixel or two. Seeded.
 */
export function corruptPages(pages: PageText[], seed: number, rate: number): PageText[] {
  const rng = new Rng(seed);
  return pages.map((p) => ({
    ...p,
    source: 'ocr' as const,
    words: p.words.map((w): OcrWord => {
      let changed = 0;
      const text = [...w.text]
        .map((c) => {
          if (!rng.chance(rate)) return c;
          changed++;
          const up = c.toUpperCase();
          return CONFUSIONS[up] ?? (/[A-Z]/.test(up) ? String.fromCharCode(65 + rng.int(0, 25)) : c);
        })
        .join('');
      return {
        text,
        x: w.x + rng.int(-2, 2),
        y: w.y + rng.int(-2, 2),
        w: w.w,
        h: w.h,
        conf: Math.max(0.3, 0.97 - changed * 0.15 - rng.float(0, 0.05)),
      };
    }),
  }));
}
