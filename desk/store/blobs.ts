/**
 * Files on disk beside the database: originals stored by SHA-256 before any processing and
 * never modified (read-only, written via temp file + rename so a crash leaves no half file),
 * the page renders cached per original, and derived images (mark crops, evidence) by hash.
 */
import { createHash } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

export function sha256Hex(data: Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

/** Writes a content-addressed file once (temp file + rename, then read-only); false if it was there. */
function writeOnce(path: string, data: Uint8Array): boolean {
  if (existsSync(path)) return false;
  mkdirSync(dirname(path), { recursive: true });
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, data, { flush: true });
  chmodSync(tmp, 0o444);
  renameSync(tmp, path);
  return true;
}

export class BlobStore {
  constructor(readonly root: string) {
    mkdirSync(join(root, 'originals'), { recursive: true });
    mkdirSync(join(root, 'renders'), { recursive: true });
  }

  /** Derived images (mark crops, ink masks, evidence) by content hash: written once, then read-only. */
  derivedPath(sha: string): string {
    return join(this.root, 'derived', sha.slice(0, 2), `${sha}.png`);
  }

  putDerived(png: Uint8Array): string {
    const sha = sha256Hex(png);
    writeOnce(this.derivedPath(sha), png);
    return sha;
  }

  readDerived(sha: string): Buffer {
    return readFileSync(this.derivedPath(sha));
  }

  originalPath(sha: string): string {
    return join(this.root, 'originals', sha.slice(0, 2), sha);
  }

  /** Stores the bytes under their hash; returns false when they were already there. */
  putOriginal(sha: string, data: Uint8Array): boolean {
    return writeOnce(this.originalPath(sha), data);
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
