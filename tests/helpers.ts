/** Shared test plumbing: temp data folders and an opened desk that is closed after each test. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Desk } from '../desk/service.ts';

export function tempDir(prefix = 'od-test-'): { path: string; remove(): void } {
  const path = mkdtempSync(join(tmpdir(), prefix));
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) };
}

/**
 * Runs `fn` with a desk on a fresh (or the given) data folder. OCR and the automatic stamp
 * detection are off unless asked for: most tests are about storage and rendering, and both
 * cost seconds per page.
 */
export async function withDesk<T>(
  fn: (desk: Desk, dataDir: string) => Promise<T>,
  dataDir?: string,
  opts: { ocr?: boolean; autoDetectMarks?: boolean } = {},
): Promise<T> {
  const dir = dataDir ? undefined : tempDir();
  const desk = Desk.open({ dataDir: dataDir ?? dir!.path, transport: 'cli', autoDetectMarks: opts.autoDetectMarks ?? false, ...(opts.ocr ? {} : { ocrLangs: null }) });
  try {
    return await fn(desk, dataDir ?? dir!.path);
  } finally {
    await desk.close();
    dir?.remove();
  }
}

export const today = () => new Date().toISOString().slice(0, 10);

export async function newCase(desk: Desk, declarationNo = 'KR-2026-0001') {
  return desk.call('cases.create', { declarationNo, port: 'Incheon', date: today(), notes: '' });
}
