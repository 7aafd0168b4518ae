/**
 * Electron main process: a window around the desk, nothing more. Every capability lives in
 * `desk/` (plain Node); this file wires the one API contract to IPC and applies the Electron
 * security checklist: sandboxed, isolated renderer without Node, strict CSP, no navigation,
 * no new windows, no permissions, IPC only from our own page and always validated by the desk.
 */
import { app, BrowserWindow, ipcMain, net, protocol, session, shell } from 'electron';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { IPC_CHANNELS, PAGE_IMAGE_SCHEME, PAGE_IMAGE_VARIANTS } from '../contract/api.ts';
import { DATA_DIR_ENV } from '../desk/config.ts';
import { seedDemo } from '../desk/demo.ts';
import { ipcCallHandler, ownPage } from '../desk/ipc.ts';
import { Desk } from '../desk/service.ts';
import { CSP } from '../desk/web/server.ts';

const here = dirname(fileURLToPath(import.meta.url)); // out/main
const rendererIndex = join(here, '..', 'renderer', 'index.html');
const devServerUrl = process.env.ELECTRON_RENDERER_URL; // set by `electron-vite dev`

app.enableSandbox();
protocol.registerSchemesAsPrivileged([{ scheme: PAGE_IMAGE_SCHEME, privileges: { standard: true, secure: true } }]);
if (process.env[DATA_DIR_ENV]) app.setPath('userData', process.env[DATA_DIR_ENV]);

let desk: Desk | undefined;

const isOwnPage = ownPage(rendererIndex, devServerUrl);

function createWindow(d: Desk): BrowserWindow {
  const win = new BrowserWindow({
    width: 1440,
    height: 900,
    minWidth: 1024,
    minHeight: 640,
    title: 'OriginDesk',
    backgroundColor: '#f4f5f7',
    show: false,
    webPreferences: {
      preload: join(here, '..', 'preload', 'preload.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      spellcheck: false,
    },
  });
  win.once('ready-to-show', () => win.show());
  const contents = win.webContents;
  contents.on('will-navigate', (e) => e.preventDefault());
  contents.on('will-attach-webview', (e) => e.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  const off = d.onEvent((event) => {
    if (!contents.isDestroyed()) contents.send(IPC_CHANNELS.event, event);
  });
  win.on('closed', off);
  if (devServerUrl) void win.loadURL(devServerUrl);
  else void win.loadFile(rendererIndex);
  return win;
}

app.whenReady().then(async () => {
  const dataDir = app.getPath('userData');
  const d = Desk.open({ dataDir, transport: 'ipc', workerFile: join(here, 'render-worker.js'), forensicsWorkerFile: join(here, 'forensics-worker.js') });
  desk = d;
  if (process.argv.includes('--demo') || d.store.listCases().length === 0) {
    await seedDemo(d, join(app.getAppPath(), 'assets', 'demo')).catch((err) => d.log.error({ err }, 'demo seed failed'));
  }

  session.defaultSession.setPermissionRequestHandler((_wc, _perm, cb) => cb(false));
  session.defaultSession.webRequest.onHeadersReceived((details, cb) =>
    cb({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [`${CSP}; img-src 'self' blob: data: ${PAGE_IMAGE_SCHEME}:`] } }),
  );
  // Page images: od-page://pages/<pageId>/<full|thumb>, resolved by the desk, never a raw path.
  protocol.handle(PAGE_IMAGE_SCHEME, (req) => {
    const m = /^od-page:\/\/pages\/([^/]+)\/([a-z]+)$/.exec(req.url);
    if (!m || !(PAGE_IMAGE_VARIANTS as readonly string[]).includes(m[2]!)) return new Response('bad request', { status: 400 });
    try {
      return net.fetch(pathToFileURL(d.pageImagePath(decodeURIComponent(m[1]!), m[2] as 'full' | 'thumb')).href);
    } catch {
      return new Response('not found', { status: 404 });
    }
  });
  ipcMain.handle(IPC_CHANNELS.call, ipcCallHandler(d, isOwnPage));
  createWindow(d);
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) createWindow(d);
  });
});

// Links to the outside world never open from the desk (offline tool, untrusted documents).
app.on('web-contents-created', (_e, contents) => {
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  void shell; // shell.openExternal is deliberately never called
});

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit();
});

app.on('will-quit', () => {
  void desk?.close();
});
