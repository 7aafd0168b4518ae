/**
 * The text layer of a born-digital PDF as `PageText[]` (300-dpi page pixels), without rendering
 * a pixel: what the corpus measurement and tests feed the extractor. The words come from the
 * same reader the ingest renderer uses, so measurement and the desk see the same words.
 */
import type { PageText } from '../../contract/fields.ts';
import { loadPdfJs, pdfResources, textLayer } from '../ingest/pdf-text-layer.ts';

export { loadPdfJs };
export const pdfjsResources = pdfResources;

export async function pdfTextLayer(pdf: Uint8Array, dpi = 300): Promise<PageText[]> {
  const pdfjs = await loadPdfJs();
  const task = pdfjs.getDocument({ data: new Uint8Array(pdf), ...pdfResources, isEvalSupported: false, useSystemFonts: false, disableFontFace: true, verbosity: 0 });
  const doc = await task.promise;
  const pages: PageText[] = [];
  try {
    for (let i = 0; i < doc.numPages; i++) {
      const page = await doc.getPage(i + 1);
      const viewport = page.getViewport({ scale: dpi / 72 });
      const words = (await textLayer(page, viewport)).map((w) => ({ ...w, conf: 1 }));
      pages.push({ index: i, width: Math.round(viewport.width), height: Math.round(viewport.height), dpi, source: 'pdf-text-layer', words });
      page.cleanup();
    }
  } finally {
    await doc.destroy();
  }
  return pages;
}
