/**
 * Files on disk beside the database: originals stored by SHA-256 before any processing and
 * never modified (read-only, written via temp file + rename so a crash leaves no half file),
 * and the page renders cached per original.
 */
import { createHash } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export function sha256Hex(data: Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

export class BlobStore {
  constructor(readonly root: string) {
    mkdirSync(join(root, 'originals'), { recursive: true });
    mkdirSync(join(root, 'renders'), { recursive: true });
  }

  originalPath(sha: string): string {
    return join(this.root, 'originals', sha.slice(0, 2), sha);
  }

  /** Stores the bytes under their hash; returns false when they were already there. */
  putOriginal(sha: string, data: Uint8Array): boolean {
    const path = this.originalPath(sha);
    if (existsSync(path)) return false;
    mkdirSync(join(this.root, 'originals', sha.slice(0, 2)), { recursive: true });
    const tmp = `${path}.${process.pid}.tmp`;
    writeFileSync(tmp, data, { flush: true });
    chmodSync(tmp, 0o444);
    renameSync(tmp, path);
    return true;
  }

  renderDir(sha: string): string {
    return join(this.root, 'renders', sha);
  }

  pageImagePath(sha: string, index: number, variant: 'full' | 'thumb'): string {
    return pageImageFile(this.renderDir(sha), index, variant);
  }
}

/** File of a rendered page inside an original's render folder (shared with the ingest worker). */
export function pageImageFile(renderDir: string, index: number, variant: 'full' | 'thumb'): string {
  const n = String(index + 1).padStart(4, '0');
  return join(renderDir, variant === 'full' ? `${n}.png` : `${n}.thumb.jpg`);
}
