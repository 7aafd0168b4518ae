/**
 * `npm run bench` (after `npm run build`): measures the desk's performance figures on generated
 * inputs, prints a table and merges them into bench/results.json (see report.ts).
 *
 * Runs one measurement at a time (2-core machines): generate inputs, then ingest PDF, ingest TIFF,
 * web cold start. BENCH_REPS sets the repetitions (default 5, each figure after one warm-up);
 * BENCH_ONLY=pdf,tiff,lag,cold,ocr,fields,auth limits the figures measured (default: all). `ocr`
 * (bench/ocr.ts, with the Debian tesseract CLI as baseline) and `fields` (bench/fields.ts, the
 * held-out corpus) take a few minutes each; so does `auth` (bench/forensics.ts: stamp and signature
 * authentication, detection, 1:1 and 1:N timings).
 */
import { availableParallelism, loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { benchColdStart } from './cold-start.ts';
import { benchPdfIngest, benchTiffIngest } from './ingest.ts';
import { benchResponsiveness } from './responsiveness.ts';
import { formatTable, writeResults, type Figure } from './report.ts';
import { scanPagePixels } from './scan-fixtures.ts';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..');
const resultsFile = join(here, 'results.json');
const PAGES = 10;

const repetitions = Number(process.env.BENCH_REPS ?? 5);
if (!Number.isInteger(repetitions) || repetitions < 1) throw new Error(`BENCH_REPS must be a positive integer, got ${process.env.BENCH_REPS}`);
const only = new Set((process.env.BENCH_ONLY ?? 'pdf,tiff,lag,cold,ocr,fields,auth').split(',').map((s) => s.trim()));
const log = (line: string) => process.stdout.write(`${line}\n`);

const conditions = () => ({
  measuredAt: new Date().toISOString(),
  node: process.version,
  cpus: availableParallelism(),
  loadAvg1m: Math.round(loadavg()[0]! * 100) / 100,
});

async function main(): Promise<void> {
  const started = performance.now();
  const figures: Figure[] = [];
  const load0 = loadavg()[0]!;
  if (load0 > availableParallelism()) {
    log(`note: load average ${load0.toFixed(2)} on ${availableParallelism()} CPUs — other work is running; figures will be pessimistic`);
  }
  if (only.has('pdf') || only.has('tiff')) {
    log(`generating ${PAGES} scanned-looking A4 pages at 300 dpi…`);
    const pages: Buffer[] = [];
    for (let i = 0; i < PAGES; i++) pages.push(await scanPagePixels(i + 1));
    if (only.has('pdf')) {
      log('ingest: PDF');
      const c = conditions();
      figures.push({ ...(await benchPdfIngest({ pages, repetitions, log })), conditions: c });
    }
    if (only.has('tiff')) {
      log('ingest: TIFF');
      const c = conditions();
      figures.push({ ...(await benchTiffIngest({ pages, repetitions, log })), conditions: c });
    }
  }
  if (only.has('lag')) {
    log('responsiveness: event-loop delay during a 50-page ingest');
    const c = conditions();
    figures.push({ ...(await benchResponsiveness({ repetitions, log })), conditions: c });
  }
  if (only.has('cold')) {
    log('web cold start');
    const c = conditions();
    const fig = { ...(await benchColdStart({ root, repetitions, log })), conditions: c };
    if (fig.value === null) log(`  skipped: ${fig.skipped}`);
    figures.push(fig);
  }
  if (only.has('ocr')) {
    log('OCR (bench/ocr.ts)');
    const { benchOcr } = await import('./ocr.ts');
    const c = conditions();
    figures.push(...(await benchOcr({ log })).map((f) => ({ ...f, conditions: c })));
  }
  if (only.has('fields')) {
    log('field extraction on the held-out corpus (bench/fields.ts)');
    const { benchFields } = await import('./fields.ts');
    const c = conditions();
    figures.push(...(await benchFields({ log })).map((f) => ({ ...f, conditions: c })));
    log('field extraction on real invoices (bench/fields-real.ts)');
    const { benchRealInvoices } = await import('./fields-real.ts');
    figures.push(...(await benchRealInvoices({ log })).map((f) => ({ ...f, conditions: c })));
  }
  if (only.has('auth')) {
    log('C/O stamp and signature authentication (bench/forensics.ts)');
    const { benchForensics } = await import('./forensics.ts');
    const c = conditions();
    figures.push(...(await benchForensics((s) => log(`  ${s}`))).map((f) => ({ ...f, conditions: c })));
  }
  writeResults(resultsFile, figures);
  log('');
  log(formatTable(figures));
  log('');
  log(`${repetitions} runs per figure after 1 warm-up; results merged into ${resultsFile} (${((performance.now() - started) / 1000).toFixed(0)} s)`);
}

await main();
