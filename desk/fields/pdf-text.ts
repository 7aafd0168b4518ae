/**
 * The text layer of a born-digital PDF as `PageText[]` (300-dpi page pixels, runs split into
 * words the way the ingest renderer does), without rendering a pixel: what the corpus
 * measurement and tests feed the extractor.
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { OcrWord, PageText } from '../../contract/fields.ts';

const require_ = createRequire(import.meta.url);
const pdfjsRoot = dirname(require_.resolve('pdfjs-dist/package.json'));
const resources = {
  standardFontDataUrl: join(pdfjsRoot, 'standard_fonts') + '/',
  cMapUrl: join(pdfjsRoot, 'cmaps') + '/',
  cMapPacked: true,
};

type PdfJs = typeof import('pdfjs-dist/legacy/build/pdf.mjs');
let pdfjsPromise: Promise<PdfJs> | undefined;
export const loadPdfJs = () => (pdfjsPromise ??= import('pdfjs-dist/legacy/build/pdf.mjs'));
export const pdfjsResources = resources;

export async function pdfTextLayer(pdf: Uint8Array, dpi = 300): Promise<PageText[]> {
  const pdfjs = await loadPdfJs();
  const task = pdfjs.getDocument({ data: new Uint8Array(pdf), ...resources, isEvalSupported: false, useSystemFonts: false, disableFontFace: true, verbosity: 0 });
  const doc = await task.promise;
  const pages: PageText[] = [];
  try {
    for (let i = 0; i < doc.numPages; i++) {
      const page = await doc.getPage(i + 1);
      const viewport = page.getViewport({ scale: dpi / 72 });
      const content = await page.getTextContent();
      const words: OcrWord[] = [];
      for (const item of content.items) {
        if (!('str' in item) || item.str.trim() === '') continue;
        const [, , , , e, f] = item.transform as number[];
        const [x0, y0] = viewport.convertToViewportPoint(e!, f!);
        const [x1, y1] = viewport.convertToViewportPoint(e! + item.width, f! + item.height);
        const left = Math.min(x0!, x1!);
        const top = Math.min(y0!, y1!);
        const width = Math.abs(x1! - x0!);
        const height = Math.abs(y1! - y0!);
        const chars = [...item.str].length;
        for (const m of item.str.matchAll(/\S+/g)) {
          const start = [...item.str.slice(0, m.index)].length;
          const len = [...m[0]].length;
          words.push({
            text: m[0],
            x: Math.round(left + (width * start) / chars),
            y: Math.round(top),
            w: Math.max(1, Math.round((width * len) / chars)),
            h: Math.max(1, Math.round(height)),
            conf: 1,
          });
        }
      }
      pages.push({ index: i, width: Math.round(viewport.width), height: Math.round(viewport.height), dpi, source: 'pdf-text-layer', words });
      page.cleanup();
    }
  } finally {
    await doc.destroy();
  }
  return pages;
}
