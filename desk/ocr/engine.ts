/**
 * The OCR seam of the desk: one small interface in front of whatever engine reads page images.
 *
 * Everything an engine returns is in the pixel coordinates of the ORIGINAL page image the
 * caller handed in (the lossless PNG the ingest stage wrote), whatever the engine did to the
 * image on the way (rescaling, deskew, rotation by 90/180/270), so the review screen can
 * highlight a word on the page the officer sees.
 */
import type { Box, OcrWord } from '../../contract/fields.ts';

export const OCR_LANGS = ['eng', 'kor', 'chi_sim'] as const;
export type OcrLang = (typeof OCR_LANGS)[number];

export interface OcrLine {
  text: string;
  box: Box;
  /** 0..1 */
  conf: number;
}

export interface OcrResult {
  /** Words in page-pixel coordinates of the original image (top-left origin), conf 0..1. */
  words: OcrWord[];
  lines: OcrLine[];
  /** Lines joined with '\n' in reading order. */
  text: string;
  /** Rotation (0, 90, 180, 270; clockwise, degrees) applied to the image before recognition. */
  angle: number;
  /** Skew (degrees, clockwise positive) detected and removed before recognition. */
  skew: number;
  /** Wall time of this call, preprocessing included. */
  ms: number;
}

export interface RecognizeOptions {
  langs: OcrLang[];
  /** Resolution of the image when known (PDF render, TIFF header); guides rescaling. */
  dpi?: number;
}

export interface OcrEngine {
  readonly name: string;
  /** `image`: encoded image bytes (PNG, JPEG, TIFF, …) or a file path. */
  recognize(image: Buffer | string, opts: RecognizeOptions): Promise<OcrResult>;
  /** Terminates the engine's workers; the engine cannot be used afterwards. */
  close(): Promise<void>;
}
