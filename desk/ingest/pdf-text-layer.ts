/**
 * pdfjs-dist in Node: loading it with its resources, and reading a page's text layer as words in
 * page pixels. Shared by the ingest renderer and by extraction tooling that reads born-digital
 * PDFs without rendering, so both see the same words. Free of sharp on purpose.
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { PageWord } from '../store/case-store.ts';

const require_ = createRequire(import.meta.url);
const pdfjsRoot = dirname(require_.resolve('pdfjs-dist/package.json'));
/** pdfjs reads these resources with fs in Node; they must end with a separator. */
export const pdfResources = {
  standardFontDataUrl: join(pdfjsRoot, 'standard_fonts') + '/',
  cMapUrl: join(pdfjsRoot, 'cmaps') + '/',
  cMapPacked: true,
  wasmUrl: join(pdfjsRoot, 'wasm') + '/',
  iccUrl: join(pdfjsRoot, 'iccs') + '/',
};

type PdfJs = typeof import('pdfjs-dist/legacy/build/pdf.mjs');
let pdfjsPromise: Promise<PdfJs> | undefined;
export const loadPdfJs = () => (pdfjsPromise ??= import('pdfjs-dist/legacy/build/pdf.mjs'));

/** The embedded text as words in page-pixel coordinates (y down), for search and extraction. */
export async function textLayer(
  page: import('pdfjs-dist/types/src/display/api').PDFPageProxy,
  viewport: import('pdfjs-dist/types/src/display/display_utils').PageViewport,
): Promise<PageWord[]> {
  const content = await page.getTextContent();
  const words: PageWord[] = [];
  for (const item of content.items) {
    if (!('str' in item) || item.str.trim() === '') continue;
    const [, , , , e, f] = item.transform as number[];
    const [x0, y0] = viewport.convertToViewportPoint(e!, f!);
    const [x1, y1] = viewport.convertToViewportPoint(e! + item.width, f! + item.height);
    const left = Math.min(x0!, x1!);
    const top = Math.min(y0!, y1!);
    const width = Math.abs(x1! - x0!);
    const height = Math.abs(y1! - y0!);
    // pdfjs gives runs of text; split them into words, apportioning the run width by characters,
    // so search highlights and field boxes land on words as they do for OCR output.
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
      });
    }
  }
  return words;
}
