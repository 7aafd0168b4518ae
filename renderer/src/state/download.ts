/**
 * Hands a file made by the desk (an export) to the browser's download: Blob, object URL and a
 * clicked `<a download>`. Works the same in web mode and in Electron, where the session shows
 * its save dialog; the renderer never touches a path on disk.
 */
import type { ExportFile } from '../../../contract/api.ts';

export function downloadFile(file: ExportFile): void {
  // Bytes exactly as the desk made them (docs/export-schema.md), so the UI and CLI exports agree.
  const url = URL.createObjectURL(new Blob([file.content], { type: file.mimeType }));
  const a = document.createElement('a');
  a.href = url;
  a.download = file.fileName;
  a.rel = 'noopener';
  a.style.display = 'none';
  document.body.appendChild(a);
  a.click();
  a.remove();
  // Revoked later: the download reads the blob after the click returns.
  window.setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
