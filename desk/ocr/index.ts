/**
 * OCR for scanned pages: `createOcrEngine()` gives the desk's engine (tesseract.js, offline),
 * `recognizePage()` turns one rendered page image into a PageText for the store and extraction.
 *
 * Nothing runs at import: engines (and their worker threads) exist only once created, and must be
 * closed by whoever created them.
 */
import type { PageText } from '../../contract/fields.ts';
import type { OcrEngine, OcrLang, OcrResult, RecognizeOptions } from './engine.ts';
import { TesseractJsEngine, type TesseractJsOptions } from './tesseract-js.ts';

export type { OcrEngine, OcrLang, OcrLine, OcrResult, RecognizeOptions } from './engine.ts';
export { OCR_LANGS } from './engine.ts';
export { cer, corpusCer, normaliseText } from './cer.ts';
export type { TesseractJsOptions } from './tesseract-js.ts';

export type OcrEngineOptions = TesseractJsOptions;

export function createOcrEngine(options: OcrEngineOptions = {}): OcrEngine {
  return new TesseractJsEngine(options);
}

export interface RecognizePageOptions extends RecognizeOptions {
  /** Page index within its document (for the PageText). */
  index?: number;
  /** Use this engine (kept open) instead of a throw-away one. */
  engine?: OcrEngine;
  /** Options for the throw-away engine when `engine` is not given. */
  engineOptions?: OcrEngineOptions;
}

/**
 * OCR of one page image (e.g. the lossless PNG ingest rendered) into a PageText whose words are
 * in that image's pixels. Pass a long-lived `engine` when reading more than one page: creating
 * one costs seconds.
 */
export async function recognizePage(
  imagePath: string | Buffer,
  opts: RecognizePageOptions,
): Promise<PageText & { result: OcrResult }> {
  const engine = opts.engine ?? createOcrEngine(opts.engineOptions);
  try {
    const result = await engine.recognize(imagePath, { langs: opts.langs, dpi: opts.dpi });
    const { width, height, density } = await imageSize(imagePath);
    return {
      index: opts.index ?? 0,
      width,
      height,
      dpi: opts.dpi ?? density ?? 300,
      source: 'ocr',
      words: result.words,
      result,
    };
  } finally {
    if (!opts.engine) await engine.close();
  }
}

async function imageSize(image: string | Buffer): Promise<{ width: number; height: number; density: number | undefined }> {
  const sharp = (await import('sharp')).default;
  const meta = await sharp(image).metadata();
  // EXIF orientations 5–8 swap the sides (results are in the auto-oriented frame).
  const swap = (meta.orientation ?? 1) >= 5;
  // libvips says 72 when the file carries no resolution.
  const density = meta.density && meta.density > 72.5 ? meta.density : undefined;
  return { width: (swap ? meta.height : meta.width) ?? 0, height: (swap ? meta.width : meta.height) ?? 0, density };
}

export const DEFAULT_LANGS: OcrLang[] = ['eng'];
