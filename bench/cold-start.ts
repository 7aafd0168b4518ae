/**
 * Web-mode cold start: from spawning `origindesk web` on a fresh data dir to the first
 * interactive screen — the case list visible with its (empty) content loaded — in Debian
 * chromium driven by playwright-core. The browser is launched (fresh profile) before the clock
 * starts, so its own start-up is excluded; the server process start, the desk opening its new
 * store, serving the UI and the first API calls are all included.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { Figure } from './report.ts';
import { median, p95, round } from './stats.ts';

export const CHROMIUM = '/usr/bin/chromium';
/** The renderer's case list (renderer/src/components/CaseList.tsx). */
const CASE_LIST = '[data-testid="case-list"]';
/** Present once the list has loaded: an entry, or the "no cases" note. */
const CASE_LIST_LOADED = `${CASE_LIST} :is([data-testid="case-item"], [data-testid="case-list-empty"])`;
const STEP_TIMEOUT_MS = 30_000;

export interface ColdStartOptions {
  root: string;
  repetitions: number;
  log: (line: string) => void;
}

const base: Omit<Figure, 'value' | 'p95' | 'samples' | 'description'> = {
  name: 'app.cold_start_ms',
  unit: 'ms',
  target: 3000,
  baseline: null,
  better: 'lower',
};

function skipped(reason: string): Figure {
  return { ...base, value: null, p95: null, skipped: reason, description: `not measured: ${reason}` };
}

/** Resolves with the URL the server prints when it is ready. */
function serverUrl(child: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    let stderr = '';
    child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
    const rl = createInterface({ input: child.stdout! });
    const timer = setTimeout(() => reject(new Error(`no URL within ${STEP_TIMEOUT_MS} ms; stderr: ${stderr.slice(-500)}`)), STEP_TIMEOUT_MS);
    rl.on('line', (line) => {
      const m = /OriginDesk web mode: (\S+)/.exec(line);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`origindesk web exited (${code}) before it was ready; stderr: ${stderr.slice(-500)}`));
    });
  });
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
  await exited;
  clearTimeout(timer);
}

export async function benchColdStart(o: ColdStartOptions): Promise<Figure> {
  if (!existsSync(CHROMIUM)) return skipped(`${CHROMIUM} is missing (install Debian's chromium package)`);
  if (!existsSync(join(o.root, 'out', 'renderer', 'index.html'))) return skipped('the UI is not built (run `npm run build` first)');
  let chromium: typeof import('playwright-core').chromium;
  try {
    ({ chromium } = await import('playwright-core'));
  } catch (err) {
    return skipped(`playwright-core cannot be loaded: ${(err as Error).message}`);
  }

  const samples: number[] = [];
  for (let rep = 0; rep <= o.repetitions; rep++) {
    const profile = mkdtempSync(join(tmpdir(), 'od-bench-profile-'));
    const dataDir = mkdtempSync(join(tmpdir(), 'od-bench-web-'));
    const context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
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
    let child: ChildProcess | undefined;
    try {
      const page = context.pages()[0] ?? (await context.newPage());
      const t0 = performance.now();
      child = spawn(process.execPath, ['bin/origindesk.mjs', 'web', '--data-dir', dataDir, '--port', '0'], {
        cwd: o.root,
        stdio: ['ignore', 'pipe', 'pipe'],
        env: { ...process.env, ORIGINDESK_LOG_LEVEL: process.env.ORIGINDESK_LOG_LEVEL ?? 'info' },
      });
      const url = await serverUrl(child);
      const tReady = performance.now();
      await page.goto(url, { waitUntil: 'commit', timeout: STEP_TIMEOUT_MS });
      await page.locator(CASE_LIST).waitFor({ state: 'visible', timeout: STEP_TIMEOUT_MS });
      await page.locator(CASE_LIST_LOADED).first().waitFor({ state: 'visible', timeout: STEP_TIMEOUT_MS });
      const ms = performance.now() - t0;
      o.log(`  cold start ${rep === 0 ? 'warm-up' : `run ${rep}`}: ${ms.toFixed(0)} ms (server ready after ${(tReady - t0).toFixed(0)} ms)`);
      if (rep > 0) samples.push(ms);
    } finally {
      if (child) await stop(child);
      await context.close();
      rmSync(profile, { recursive: true, force: true });
      rmSync(dataDir, { recursive: true, force: true });
    }
  }
  return {
    ...base,
    value: Math.round(median(samples)),
    p95: Math.round(p95(samples)),
    samples: samples.map((s) => round(s, 1)),
    description: `spawn of \`origindesk web --data-dir <fresh> --port 0\` to the case list visible and loaded in headless Debian chromium (fresh profile per run, browser launch excluded); median of ${samples.length} runs after 1 warm-up`,
  };
}
