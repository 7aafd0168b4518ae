/**
 * End-to-end harness: runs `origindesk web` as a real child process on a data folder, and a
 * headless Debian chromium through playwright-core. The server can be stopped and started again
 * on the same folder to check that everything survives a restart.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { expect } from 'vitest';

export const REPO_ROOT = resolve(import.meta.dirname, '../..');
export const CHROMIUM = process.env.ORIGINDESK_CHROMIUM ?? '/usr/bin/chromium';
export const hasChromium = existsSync(CHROMIUM);
export const hasBuild = existsSync(join(REPO_ROOT, 'out/renderer/index.html'));
export const SCREENSHOT_DIR = resolve(REPO_ROOT, 'test-artifacts/screenshots');

if (!hasChromium) console.warn(`e2e skipped: no chromium at ${CHROMIUM} (apt-get install chromium, or set ORIGINDESK_CHROMIUM)`);

/** All <img> inside `scope` have finished loading with real pixels. */
export async function imagesLoaded(scope: Locator, timeout: number): Promise<void> {
  await expect
    .poll(
      () =>
        scope.evaluateAll((els) =>
          els.every((el) => {
            const img = el as HTMLImageElement;
            return img.complete && img.naturalWidth > 0;
          }),
        ),
      { timeout },
    )
    .toBe(true);
}

const URL_LINE = /OriginDesk web mode: (http:\/\/127\.0\.0\.1:\d+\/\?token=\S+)/;

export class DeskServer {
  private child: ChildProcess | null = null;
  private output = '';
  url = '';

  constructor(
    readonly dataDir: string,
    private readonly extraArgs: string[] = [],
  ) {}

  /** Starts the server and resolves with the sign-in URL it prints. */
  async start(timeoutMs = 60_000): Promise<string> {
    if (this.child) throw new Error('server already running');
    this.output = '';
    const child = spawn(
      process.execPath,
      ['bin/origindesk.mjs', 'web', '--data-dir', this.dataDir, '--port', '0', ...this.extraArgs],
      { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NO_COLOR: '1' } },
    );
    this.child = child;
    // Never leave a server behind if the test runner itself dies.
    const reap = () => child.kill('SIGKILL');
    process.once('exit', reap);
    child.once('exit', () => process.off('exit', reap));
    child.stderr?.on('data', (d: Buffer) => {
      this.output += d.toString();
    });
    this.url = await new Promise<string>((resolveUrl, reject) => {
      let stdout = '';
      const timer = setTimeout(() => {
        reject(new Error(`server did not print its URL within ${timeoutMs} ms\n${this.tail()}`));
      }, timeoutMs);
      child.stdout?.on('data', (d: Buffer) => {
        stdout += d.toString();
        this.output += d.toString();
        const m = URL_LINE.exec(stdout);
        if (m?.[1]) {
          clearTimeout(timer);
          resolveUrl(m[1]);
        }
      });
      child.once('exit', (code, signal) => {
        clearTimeout(timer);
        reject(new Error(`server exited early (code ${code}, signal ${signal})\n${this.tail()}`));
      });
      child.once('error', (err) => {
        clearTimeout(timer);
        reject(err);
      });
    });
    return this.url;
  }

  /** Stops the server (SIGTERM, then SIGKILL after a grace period) and waits for it to exit. */
  async stop(graceMs = 10_000): Promise<void> {
    const child = this.child;
    if (!child) return;
    this.child = null;
    if (child.exitCode !== null || child.signalCode !== null) return;
    await new Promise<void>((done) => {
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      child.once('exit', () => {
        clearTimeout(timer);
        done();
      });
      child.kill('SIGTERM');
    });
  }

  async restart(): Promise<string> {
    await this.stop();
    return this.start();
  }

  /** Last lines of the server's output, for failure messages. */
  tail(lines = 40): string {
    return this.output.split('\n').slice(-lines).join('\n');
  }
}

export function makeTempDir(prefix: string): string {
  return mkdtempSync(join(tmpdir(), `origindesk-${prefix}-`));
}

export function removeDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true, maxRetries: 3 });
}

export interface Browser {
  context: BrowserContext;
  page: Page;
  /** Console errors and uncaught page errors seen so far. */
  errors: string[];
  close(): Promise<void>;
}

/** A fresh headless chromium profile (no shared state between runs). */
export async function launchBrowser(profileDir: string): Promise<Browser> {
  const context = await chromium.launchPersistentContext(profileDir, {
    executablePath: CHROMIUM,
    headless: true,
    viewport: { width: 1440, height: 900 },
    locale: 'en-GB',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
    ],
  });
  const page = context.pages()[0] ?? (await context.newPage());
  const errors: string[] = [];
  page.on('pageerror', (err) => errors.push(`pageerror: ${err.message}`));
  page.on('console', (msg) => {
    if (msg.type() === 'error') errors.push(`console: ${msg.text()}`);
  });
  return { context, page, errors, close: () => context.close() };
}

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const file = join(SCREENSHOT_DIR, `${name}.png`);
  await page.screenshot({ path: file });
  return file;
}

/** A desk server on a fresh data folder and a fresh chromium profile, as every e2e suite starts. */
export interface DeskSession {
  dataDir: string;
  server: DeskServer;
  browser: Browser;
  page: Page;
  close(): Promise<void>;
}

export async function openDeskSession(opts: {
  name: string;
  /** Page timeout for the suite. */
  waitMs: number;
  serverArgs?: string[];
  startTimeoutMs?: number;
  /** Fills the data folder before the server starts. */
  prepare?: (dataDir: string) => Promise<void>;
}): Promise<DeskSession> {
  if (!hasBuild) throw new Error('out/renderer is missing: run `npx electron-vite build` before the e2e tests');
  const dataDir = makeTempDir(`${opts.name}-data`);
  const profileDir = makeTempDir(`${opts.name}-profile`);
  await opts.prepare?.(dataDir);
  const server = new DeskServer(dataDir, opts.serverArgs ?? []);
  await server.start(opts.startTimeoutMs);
  const browser = await launchBrowser(profileDir);
  browser.page.setDefaultTimeout(opts.waitMs);
  return {
    dataDir,
    server,
    browser,
    page: browser.page,
    async close() {
      await browser.close().catch(() => {});
      await server.stop();
      removeDir(dataDir);
      removeDir(profileDir);
    },
  };
}
