/**
 * Ingest throughput through the real pipeline (OCR switched off: render stage only): Desk.open
 * on a temp data dir, then per
 * repetition `documents.ingest` (hash, store the original, queue) + `queue.idle()` (the render
 * worker decodes every page and writes its 300-dpi PNG and thumbnail). One warm-up run first
 * (worker thread start, tsx, pdfjs import), then the timed repetitions; each input has distinct
 * bytes so the desk's duplicate detection never skips the work.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Desk } from '../desk/service.ts';
import type { Figure } from './report.ts';
import { jpegOf, scanPdf, tiffOf } from './scan-fixtures.ts';
import { median, p5, round } from './stats.ts';

export interface IngestBenchOptions {
  /** Raw 300-dpi grey page pixels (from scanPagePixels), one per page of the input. */
  pages: Buffer[];
  repetitions: number;
  log: (line: string) => void;
}

/** Input of repetition `rep`; rep 0 is the warm-up, which only needs a couple of pages. */
type Make = (rep: number) => Promise<{ fileName: string; data: Uint8Array; pages: number }>;

const WARM_UP_PAGES = 2;

interface Samples {
  /** Pages per second of wall time. */
  rates: number[];
  /** CPU time of the whole process (all threads: desk, render worker, libvips) per page, ms. */
  cpuMsPerPage: number[];
}

async function measure(make: Make, o: IngestBenchOptions, label: string): Promise<Samples> {
  const dataDir = mkdtempSync(join(tmpdir(), 'od-bench-ingest-'));
  // OCR off: these figures are the render stage (decode, 300-dpi page image, thumbnail, text
  // layer). OCR of scanned pages costs seconds per page and has figures of its own (bench/ocr.ts).
  const desk = Desk.open({ dataDir, transport: 'cli', ocrLangs: null });
  const samples: Samples = { rates: [], cpuMsPerPage: [] };
  try {
    const c = await desk.call('cases.create', { declarationNo: `BENCH-${label}`, port: 'Bench', date: '2026-01-01', notes: '' });
    for (let rep = 0; rep <= o.repetitions; rep++) {
      const input = await make(rep); // generated outside the timed section
      const t0 = performance.now();
      const cpu0 = process.cpuUsage();
      const { document } = await desk.call('documents.ingest', { caseId: c.id, fileName: input.fileName, data: input.data });
      await desk.queue.idle();
      const seconds = (performance.now() - t0) / 1000;
      const cpu = process.cpuUsage(cpu0);
      const cpuMs = (cpu.user + cpu.system) / 1000 / input.pages;
      const done = desk.store.getDocument(document.id);
      if (done.status !== 'ready' || done.pageTotal !== input.pages) {
        throw new Error(`${input.fileName}: ${done.status} (${done.error?.message ?? `${done.pageTotal} pages`})`);
      }
      const rate = input.pages / seconds;
      o.log(
        `  ${label} ${rep === 0 ? `warm-up (${input.pages} pages)` : `run ${rep}`}: ${seconds.toFixed(2)} s, ${rate.toFixed(2)} pages/s, CPU ${cpuMs.toFixed(0)} ms/page`,
      );
      if (rep > 0) {
        samples.rates.push(rate);
        samples.cpuMsPerPage.push(cpuMs);
      }
    }
  } finally {
    await desk.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
  return samples;
}

function figure(name: string, s: Samples, target: number, description: string): Figure {
  return {
    name,
    value: round(median(s.rates)),
    unit: 'pages/s',
    target,
    baseline: null,
    better: 'higher',
    p95: round(p5(s.rates)), // 95th percentile on the slow side: for a throughput, the low end
    samples: s.rates.map((r) => round(r, 3)),
    // Less sensitive than wall time to other work on a shared machine.
    cpuMsPerPage: Math.round(median(s.cpuMsPerPage)),
    description: `${description}; cpuMsPerPage = median CPU time of the whole process (all threads) per page`,
  };
}

/** A 10-page PDF of full-page 300-dpi JPEG scans plus a text line per page. */
export async function benchPdfIngest(o: IngestBenchOptions): Promise<Figure> {
  const jpegs = await Promise.all(o.pages.map((p) => jpegOf(p)));
  const samples = await measure(async (rep) => {
    const pages = rep === 0 ? jpegs.slice(0, WARM_UP_PAGES) : jpegs;
    return { fileName: `scan-${rep}.pdf`, data: await scanPdf(pages, `bench run ${rep}`), pages: pages.length };
  }, o, 'pdf');
  return figure(
    'ingest.pdf_pages_per_second',
    samples,
    2,
    `${o.pages.length}-page A4 PDF, each page a full-page 300-dpi greyscale JPEG scan plus a text line, rendered at 300 dpi through Desk ingest (documents.ingest + queue.idle), OCR off; median of ${samples.rates.length} runs after a 2-page warm-up; p95 = 95th percentile on the slow side (5th percentile of pages/s)`,
  );
}

/** A 10-page 300-dpi A4 greyscale LZW TIFF. */
export async function benchTiffIngest(o: IngestBenchOptions): Promise<Figure> {
  const warmUp = await tiffOf(o.pages.slice(0, WARM_UP_PAGES));
  const tiff = Buffer.from(await tiffOf(o.pages));
  const samples = await measure(
    // Same image data each run, made distinct by a few trailing bytes past the last IFD
    // (unreferenced by any TIFF offset, ignored by readers): encoding 10 pages again per run
    // would add seconds per run for nothing.
    async (rep) =>
      rep === 0
        ? { fileName: 'warm-up.tiff', data: warmUp, pages: WARM_UP_PAGES }
        : { fileName: `scan-${rep}.tiff`, data: Buffer.concat([tiff, Buffer.from(`\0bench-run-${rep}\0`)]), pages: o.pages.length },
    o,
    'tiff',
  );
  return figure(
    'ingest.tiff_pages_per_second',
    samples,
    4,
    `${o.pages.length}-page A4 300-dpi (2480x3508) 8-bit greyscale LZW TIFF of scanned-looking pages through Desk ingest (documents.ingest + queue.idle), OCR off; median of ${samples.rates.length} runs after a 2-page warm-up; p95 = 95th percentile on the slow side (5th percentile of pages/s)`,
  );
}
