/**
 * The real type of a file from its first bytes. Four formats with fixed signatures do not
 * justify a dependency (file-type needs Node 22); the extension is only compared, never trusted.
 */
import type { FileType } from '../../contract/api.ts';

export function sniffFileType(head: Uint8Array): FileType {
  const b = head;
  const starts = (...sig: number[]) => sig.every((v, i) => b[i] === v);
  // PDF: "%PDF-" may follow up to 1 KiB of junk per the spec's implementation notes.
  const window = Buffer.from(b.subarray(0, 1024)).toString('latin1');
  if (window.includes('%PDF-')) return 'pdf';
  if (starts(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return 'png';
  if (starts(0xff, 0xd8, 0xff)) return 'jpeg';
  // TIFF little/big endian, classic (42) and BigTIFF (43).
  if (starts(0x49, 0x49, 0x2a, 0x00) || starts(0x4d, 0x4d, 0x00, 0x2a)) return 'tiff';
  if (starts(0x49, 0x49, 0x2b, 0x00) || starts(0x4d, 0x4d, 0x00, 0x2b)) return 'tiff';
  return 'unknown';
}

const EXTENSIONS: Record<Exclude<FileType, 'unknown'>, string[]> = {
  pdf: ['pdf'],
  tiff: ['tif', 'tiff'],
  png: ['png'],
  jpeg: ['jpg', 'jpeg', 'jpe', 'jfif'],
};

/** The type a file name claims, or undefined when its extension names none we know. */
export function typeFromFileName(fileName: string): FileType | undefined {
  const ext = fileName.toLowerCase().split('.').pop() ?? '';
  for (const [type, exts] of Object.entries(EXTENSIONS)) if (exts.includes(ext)) return type as FileType;
  return undefined;
}
