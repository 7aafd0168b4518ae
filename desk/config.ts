/** Where the desk keeps its data, and the limits it enforces on input. */
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';

export const APP_NAME = 'OriginDesk';
export const APP_VERSION = '0.1.0';
export const DATA_DIR_ENV = 'ORIGINDESK_DATA_DIR';

/** The per-user data folder (Electron's userData convention), unless overridden. */
export function defaultDataDir(): string {
  const fromEnv = process.env[DATA_DIR_ENV];
  if (fromEnv) return resolve(fromEnv);
  switch (process.platform) {
    case 'win32':
      return join(process.env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), APP_NAME);
    case 'darwin':
      return join(homedir(), 'Library', 'Application Support', APP_NAME);
    default:
      return join(process.env.XDG_DATA_HOME ?? join(homedir(), '.local', 'share'), APP_NAME);
  }
}

export const limits = {
  /** Rendering resolution for PDF pages: what OCR and forensics want. */
  pdfDpi: 300,
  /** A page larger than this many pixels is a bomb or a poster; PDFs render at lower dpi to fit. */
  maxPagePixels: 120_000_000,
  /** Below this a PDF page would be too coarse to read; reject instead. */
  minPdfDpi: 50,
  maxPageSide: 40_000,
  maxPages: 2_000,
  thumbSize: 320,
} as const;
