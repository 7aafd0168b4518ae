/**
 * The Electron shell without the Electron binary: its built bundles and its security settings.
 * (Launching the real window needs the binary; see the last test.)
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';

const built = existsSync('out/preload/preload.cjs') && existsSync('out/main/main.js');

describe.skipIf(!built)('built Electron bundles (run `npm run build` first)', () => {
  it('the sandboxed preload requires nothing but electron', () => {
    const preload = readFileSync('out/preload/preload.cjs', 'utf8');
    const required = [...preload.matchAll(/require\("([^"]+)"\)/g)].map((m) => m[1]);
    expect(required).toEqual(['electron']);
    expect(preload).toContain('exposeInMainWorld');
  });

  it('the render worker bundle never imports electron (it also runs under plain Node)', () => {
    const worker = readFileSync('out/main/render-worker.js', 'utf8');
    expect(worker).not.toMatch(/from "electron"|require\("electron"\)/);
  });
});

describe('Electron security checklist in electron/main.ts', () => {
  const main = readFileSync('electron/main.ts', 'utf8');
  it.each([
    ['contextIsolation: true'],
    ['sandbox: true'],
    ['nodeIntegration: false'],
    ['webSecurity: true'],
    ['app.enableSandbox()'],
    ["on('will-navigate', (e) => e.preventDefault())"],
    ["setWindowOpenHandler(() => ({ action: 'deny' }))"],
    ['setPermissionRequestHandler((_wc, _perm, cb) => cb(false))'],
    ['ipcMain.handle(IPC_CHANNELS.call, ipcCallHandler(d, isOwnPage))'],
  ])('has %s', (snippet) => expect(main).toContain(snippet));
  it('never enables the insecure switches', () => {
    expect(main).not.toMatch(/nodeIntegration:\s*true|contextIsolation:\s*false|webSecurity:\s*false|allowRunningInsecureContent/);
  });
});

const electronBinary = (() => {
  try {
    return createRequire(import.meta.url)('electron') as string;
  } catch {
    return undefined;
  }
})();

const hasDisplay = Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY);
const skipReason = !electronBinary
  ? 'Electron binary not installed (its download is impossible offline); web-mode e2e covers the UI'
  : !hasDisplay
    ? 'no display for an Electron window'
    : '';

describe('Electron window', () => {
  it.skipIf(skipReason !== '')(`opens the desk and logs "desk opened"${skipReason ? ` — skipped: ${skipReason}` : ''}`, async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'od-electron-'));
    const child = spawn(electronBinary!, ['.'], { env: { ...process.env, ORIGINDESK_DATA_DIR: dataDir }, stdio: 'ignore' });
    try {
      const log = join(dataDir, 'logs', 'desk.log');
      const deadline = Date.now() + 60_000;
      while (Date.now() < deadline && !(existsSync(log) && readFileSync(log, 'utf8').includes('"transport":"ipc"'))) {
        await new Promise((r) => setTimeout(r, 250));
      }
      expect(readFileSync(log, 'utf8')).toContain('desk opened');
    } finally {
      child.kill();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
