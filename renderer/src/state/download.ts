/**
 * Hands a file made by the desk (an export) to the browser's download: Blob, object URL and a
 * clicked `<a download>`. Works the same in web mode and in Electron, where the session shows
 * its save dialog; the renderer never touches a path on disk.
 */
import type { ExportFile } from '../../../contract/api.ts';

/** A binary file the desk sent base64-encoded (e.g. the inspection report PDF). */
export function downloadBase64(file: { fileName: string; mimeType: string; base64: string }): void {
  const binary = atob(file.base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  downloadBlob(new Blob([bytes], { type: file.mimeType }), file.fileName);
}

export function downloadFile(file: ExportFile): void {
  // Bytes exactly as the desk made them (docs/export-schema.md), so the UI and CLI exports agree.
  downloadBlob(new Blob([file.content], { type: file.mimeType }), file.fileName);
}

function downloadBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.rel = 'noopener';
  a.style.display = 'none';
  document.body.appendChild(a);
  a.click();
  a.remove();
  // Revoked later: the download reads the blob after the click returns.
  window.setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
