/** Messages between the ingest queue and its render worker thread. */
import type { DeskErrorInfo, FileType } from '../../contract/api.ts';
import type { RenderedPage } from './render.ts';

export interface RenderRequest {
  type: 'render';
  jobId: number;
  path: string;
  fileType: FileType;
  password?: string;
  renderDir: string;
}

export type RenderReply =
  | { type: 'total'; jobId: number; total: number }
  | { type: 'page'; jobId: number; page: RenderedPage }
  | { type: 'done'; jobId: number }
  | { type: 'error'; jobId: number; error: DeskErrorInfo };
