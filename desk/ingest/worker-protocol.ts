/** Messages between the ingest queue and its render worker thread. */
import type { DeskErrorInfo, FileType } from '../../contract/api.ts';
import type { OcrLang } from '../ocr/engine.ts';
import type { PageWord } from '../store/case-store.ts';
import type { RenderedPage } from './render.ts';

export interface RenderRequest {
  type: 'render';
  jobId: number;
  path: string;
  fileType: FileType;
  password?: string;
  renderDir: string;
  /** Recognise pages that carry no text layer, in these languages; null skips OCR. */
  ocr: { langs: OcrLang[]; dataDir: string } | null;
}

export type RenderReply =
  | { type: 'total'; jobId: number; total: number }
  | { type: 'page'; jobId: number; page: RenderedPage }
  /** Rendering is finished; `total` pages now go through OCR. */
  | { type: 'ocr-start'; jobId: number; total: number }
  | { type: 'page-text'; jobId: number; index: number; words: PageWord[]; angle: number; skew: number }
  | { type: 'done'; jobId: number }
  | { type: 'error'; jobId: number; error: DeskErrorInfo };
