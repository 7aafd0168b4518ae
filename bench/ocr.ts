/**
 * OCR accuracy and speed: the desk's engine (tesseract.js LSTM best_int + desk/ocr preprocessing)
 * against the Debian `tesseract` 5.3 CLI (tessdata "fast" models, OMP_THREAD_LIMIT=1) as a
 * baseline, on
 *   - 6 generated A4 pages (English with a little Korean, read as eng+kor) degraded like real scans:
 *     skew 1–4°, 150/200 dpi, blur, noise, JPEG, a red stamp and blue signature over text,
 *     shading and specks, one page upside down; ground truth known exactly;
 *   - 10 real receipts from ICDAR 2019 SROIE (../shared/data/ocr/sroie-subset), ground truth
 *     from their annotated text lines (eng).
 *
 * CER (desk/ocr/cer.ts) is corpus-level: all errors over all reference characters. Both
 * reference and OCR lines are put in the same geometric reading order before comparing
 * (rows top to bottom, left to right within a row, measured in the upright page frame), so
 * the figure measures recognition, not which engine's layout analysis orders columns the same
 * way as the annotators.
 *
 * Seconds per page are wall time including decode and preprocessing (ours) or process start and
 * model load (CLI), with one warm-up page for ours (worker start) not counted.
 *
 * Run alone: `node --import tsx bench/ocr.ts` (prints the figures; BENCH_OCR_SROIE=n to change
 * the receipt count). The main bench runner can call benchOcr().
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Box } from '../contract/fields.ts';
import { corpusCer } from '../desk/ocr/cer.ts';
import type { OcrEngine, OcrLang } from '../desk/ocr/engine.ts';
import { createOcrEngine, type OcrEngineOptions } from '../desk/ocr/index.ts';
import { ENGLISH_LINES, KOREAN_LINES, renderSynthPage, type SynthFont, type SynthLine, type SynthSpec } from '../desk/ocr/synth.ts';
import type { Figure } from './report.ts';
import { median, p95, round } from './stats.ts';

const here = dirname(fileURLToPath(import.meta.url));
export const SROIE_DIR = join(here, '..', '..', 'shared', 'data', 'ocr', 'sroie-subset');
export const TESSERACT_CLI = '/usr/bin/tesseract';

export interface OcrSample {
  id: string;
  set: 'generated' | 'sroie';
  /** Encoded image, or undefined when `path` is given. */
  image?: Buffer;
  path?: string;
  /** File extension for the CLI's temp file. */
  ext: string;
  langs: OcrLang[];
  /** Reference text, rows in reading order. */
  reference: string;
  /** The reference is in capitals whatever the print says (SROIE): compare case-insensitively. */
  caseInsensitive: boolean;
  /** How the page content lies in the image: reading order is measured in the upright frame. */
  frame: { width: number; height: number; skewDeg: number; rotate: 0 | 90 | 180 | 270 };
}

export interface SampleRun {
  id: string;
  /** CPU seconds (all threads of the engine's process, or of the CLI child); null when unknown. */
  cpuSeconds: number | null;
  /** Compare case-insensitively (SROIE transcripts are mostly in capitals whatever the print). */
  caseInsensitive: boolean;
  seconds: number;
  reference: string;
  hypothesis: string;
}

// ---------------------------------------------------------------------------
// Reading order

interface TextBox {
  text: string;
  box: Box;
}

/**
 * Lines joined in row order: centres are turned into the upright frame (undoing `rotate`, then
 * `skewDeg`, about the image centre), grouped into rows (centres closer than 0.5 × the smaller
 * height) and each row read left to right.
 */
export function rowText(items: TextBox[], frame: OcrSample['frame']): string {
  const cx0 = frame.width / 2;
  const cy0 = frame.height / 2;
  const th = (-(frame.rotate + frame.skewDeg) * Math.PI) / 180;
  const cos = Math.cos(th);
  const sin = Math.sin(th);
  const pts = items
    .filter((i) => i.text.trim() !== '')
    .map((i) => {
      const x = i.box.x + i.box.w / 2 - cx0;
      const y = i.box.y + i.box.h / 2 - cy0;
      const sideways = frame.rotate === 90 || frame.rotate === 270;
      return { text: i.text.trim(), x: x * cos - y * sin, y: x * sin + y * cos, h: Math.max(1, sideways ? i.box.w : i.box.h) };
    })
    .sort((a, b) => a.y - b.y);
  const rows: (typeof pts)[] = [];
  for (const p of pts) {
    const row = rows.at(-1);
    if (row) {
      const cy = row.reduce((s, r) => s + r.y, 0) / row.length;
      const h = Math.min(p.h, ...row.map((r) => r.h));
      if (Math.abs(p.y - cy) < 0.5 * h) {
        row.push(p);
        continue;
      }
    }
    rows.push([p]);
  }
  return rows.map((r) => r.sort((a, b) => a.x - b.x).map((p) => p.text).join(' ')).join('\n');
}

// ---------------------------------------------------------------------------
// Samples

/** The fixed generated set: 6 A4 pages, English with a little Korean, each degraded differently. */
export async function generatedSamples(): Promise<OcrSample[]> {
  const degradations: { id: string; spec: Partial<SynthSpec>; font: SynthFont }[] = [
    { id: 'office-300dpi-skew1-jpeg85', spec: { skewDeg: 1, noise: 4, jpegQuality: 85, paper: 248 }, font: 'sans' },
    { id: 'scan-200dpi-skew-2-blur', spec: { dpi: 200, skewDeg: -2, blur: 0.6, jpegQuality: 70 }, font: 'serif' },
    { id: 'fax-150dpi-skew3-noise', spec: { dpi: 150, skewDeg: 3, noise: 10, jpegQuality: 60 }, font: 'sans' },
    {
      id: 'stamped-300dpi-skew1.5',
      spec: {
        skewDeg: 1.5,
        stamps: [
          { cx: 1100, cy: 780, r: 250, colour: 'red', text: 'APPROVED' },
          { cx: 1800, cy: 1350, r: 200, colour: 'violet' },
        ],
        signature: { x: 1350, y: 1120 },
        jpegQuality: 85,
      },
      font: 'sans',
    },
    { id: 'shaded-specks-skew-4', spec: { skewDeg: -4, shading: 0.4, specks: 0.004 }, font: 'mono' },
    { id: 'upside-down-skew2-jpeg75', spec: { rotate: 180, skewDeg: 2, jpegQuality: 75, noise: 5 }, font: 'serif' },
  ];
  const out: OcrSample[] = [];
  for (const [i, d] of degradations.entries()) {
    const english = [...ENGLISH_LINES.slice(i % 3), ...ENGLISH_LINES.slice(0, i % 3)].slice(0, 8);
    const lines: SynthLine[] = english.map((text, k) => ({ text, x: 200, y: 420 + k * 115, size: k === 0 ? 48 : 42, font: d.font }));
    let y = 420 + english.length * 115;
    // A form row with two columns, then two Korean lines.
    lines.push({ text: 'Invoice date: 11 March 2024', x: 200, y, size: 42, font: d.font });
    lines.push({ text: 'Total: USD 38,415.00', x: 1450, y, size: 42, font: d.font });
    y += 115;
    for (const k of [0, 1 + (i % 2)]) {
      lines.push({ text: KOREAN_LINES[k]!, x: 200, y, size: 42, font: 'kor' });
      y += 115;
    }
    const spec: SynthSpec = { width: 2480, height: 3508, lines, seed: i + 1, ...d.spec };
    const page = await renderSynthPage(spec);
    out.push({
      id: `gen/${d.id}`,
      set: 'generated',
      image: page.image,
      ext: spec.jpegQuality ? 'jpg' : 'png',
      // Dominant language first: Tesseract tries the others only on words it reads poorly.
      langs: ['eng', 'kor'],
      reference: rowsOfSpec(lines),
      caseInsensitive: false,
      frame: { width: page.width, height: page.height, skewDeg: spec.skewDeg ?? 0, rotate: spec.rotate ?? 0 },
    });
  }
  return out;
}

function rowsOfSpec(lines: SynthLine[]): string {
  const byY = new Map<number, SynthLine[]>();
  for (const l of lines) byY.set(l.y, [...(byY.get(l.y) ?? []), l]);
  return [...byY.entries()]
    .sort((a, b) => a[0] - b[0])
    .map(([, ls]) => ls.sort((a, b) => a.x - b.x).map((l) => l.text).join(' '))
    .join('\n');
}

/** SROIE box file: x1,y1,…,x4,y4,transcript (the transcript may hold commas). */
export function sroieReferenceBoxes(csv: string): TextBox[] {
  const items: TextBox[] = [];
  for (const raw of csv.split(/\r?\n/)) {
    if (raw.trim() === '') continue;
    const parts = raw.split(',');
    if (parts.length < 9) continue;
    const nums = parts.slice(0, 8).map(Number);
    if (nums.some((n) => !Number.isFinite(n))) continue;
    const xs = [nums[0]!, nums[2]!, nums[4]!, nums[6]!];
    const ys = [nums[1]!, nums[3]!, nums[5]!, nums[7]!];
    const x = Math.min(...xs);
    const y = Math.min(...ys);
    items.push({ text: parts.slice(8).join(','), box: { x, y, w: Math.max(...xs) - x, h: Math.max(...ys) - y } });
  }
  return items;
}

/** `n` receipts (sorted by name, from `offset`) with their reference text. Tuning used receipts
 * from offset 10 on; the bench reads the first 10. */
export async function sroieSamples(n: number, offset = 0): Promise<OcrSample[]> {
  if (!existsSync(SROIE_DIR)) return [];
  const sharp = (await import('sharp')).default;
  const ids = readdirSync(join(SROIE_DIR, 'img'))
    .filter((f) => f.endsWith('.jpg') && existsSync(join(SROIE_DIR, 'box', f.replace(/\.jpg$/, '.csv'))))
    .sort()
    .slice(offset, offset + n);
  const out: OcrSample[] = [];
  for (const f of ids) {
    const path = join(SROIE_DIR, 'img', f);
    const meta = await sharp(path).metadata();
    const frame = { width: meta.width ?? 0, height: meta.height ?? 0, skewDeg: 0, rotate: 0 as const };
    const boxes = sroieReferenceBoxes(readFileSync(join(SROIE_DIR, 'box', f.replace(/\.jpg$/, '.csv')), 'utf8'));
    out.push({ id: `sroie/${f}`, set: 'sroie', path, ext: 'jpg', langs: ['eng'], reference: rowText(boxes, frame), caseInsensitive: true, frame });
  }
  return out;
}

// ---------------------------------------------------------------------------
// Runs

export async function runEngine(engine: OcrEngine, samples: OcrSample[], log: (s: string) => void = () => {}): Promise<SampleRun[]> {
  const runs: SampleRun[] = [];
  if (samples.length > 0) {
    // Warm-up: worker start and language load are paid once per desk session, not per page.
    const s = samples[0]!;
    await engine.recognize(s.image ?? s.path!, { langs: s.langs });
  }
  for (const s of samples) {
    const t0 = performance.now();
    const c0 = process.cpuUsage();
    const r = await engine.recognize(s.image ?? s.path!, { langs: s.langs });
    const seconds = (performance.now() - t0) / 1000;
    const cpu = process.cpuUsage(c0);
    const cpuSeconds = (cpu.user + cpu.system) / 1e6;
    const hypothesis = rowText(r.lines, s.frame);
    runs.push({ id: s.id, seconds, cpuSeconds, reference: s.reference, hypothesis, caseInsensitive: s.caseInsensitive });
    const c = cerOf([runs.at(-1)!]);
    log(`  ${engine.name} ${s.id}: ${seconds.toFixed(2)} s (cpu ${cpuSeconds.toFixed(2)} s), CER ${c.toFixed(1)}% (angle ${r.angle}, skew ${r.skew})`);
  }
  return runs;
}

const TIME = '/usr/bin/time';

/** Runs the CLI (under /usr/bin/time when present, for its CPU seconds). */
function execTesseract(file: string, langs: OcrLang[], psm: string): Promise<{ tsv: string; cpuSeconds: number | null }> {
  const args = [file, 'stdout', '-l', langs.join('+'), '--psm', psm, 'tsv'];
  const timed = existsSync(TIME);
  return new Promise((resolve, reject) => {
    execFile(
      timed ? TIME : TESSERACT_CLI,
      timed ? ['-f', 'OD_CPU %U %S', TESSERACT_CLI, ...args] : args,
      { env: { ...process.env, OMP_THREAD_LIMIT: '1' }, maxBuffer: 64 * 1024 * 1024 },
      (err, stdout, stderr) => {
        if (err) return reject(err);
        const m = /OD_CPU ([\d.]+) ([\d.]+)/.exec(stderr);
        resolve({ tsv: stdout, cpuSeconds: m ? Number(m[1]) + Number(m[2]) : null });
      },
    );
  });
}

/** Lines from Tesseract TSV output (words grouped by block/paragraph/line; box = union). */
export function tsvLines(tsv: string): TextBox[] {
  const lines = new Map<string, { words: string[]; x0: number; y0: number; x1: number; y1: number }>();
  for (const row of tsv.split('\n').slice(1)) {
    const c = row.split('\t');
    if (c.length < 12 || c[0] !== '5') continue;
    const text = c.slice(11).join('\t').trim();
    if (text === '') continue;
    const [left, top, width, height] = [Number(c[6]), Number(c[7]), Number(c[8]), Number(c[9])];
    const key = `${c[1]}/${c[2]}/${c[3]}/${c[4]}`;
    const l = lines.get(key) ?? { words: [], x0: Infinity, y0: Infinity, x1: -Infinity, y1: -Infinity };
    l.words.push(text);
    l.x0 = Math.min(l.x0, left);
    l.y0 = Math.min(l.y0, top);
    l.x1 = Math.max(l.x1, left + width);
    l.y1 = Math.max(l.y1, top + height);
    lines.set(key, l);
  }
  return [...lines.values()].map((l) => ({ text: l.words.join(' '), box: { x: l.x0, y: l.y0, w: l.x1 - l.x0, h: l.y1 - l.y0 } }));
}

/** The Debian CLI on the same images (null when it is not installed). */
export async function runCli(samples: OcrSample[], psm = '3', log: (s: string) => void = () => {}): Promise<SampleRun[] | null> {
  if (!existsSync(TESSERACT_CLI)) return null;
  const dir = mkdtempSync(join(tmpdir(), 'od-bench-ocr-'));
  try {
    const runs: SampleRun[] = [];
    for (const s of samples) {
      let file = s.path;
      if (!file) {
        file = join(dir, `${s.id.replace(/[^a-z0-9.-]/gi, '_')}.${s.ext}`);
        writeFileSync(file, s.image!);
      }
      const t0 = performance.now();
      const { tsv, cpuSeconds } = await execTesseract(file, s.langs, psm);
      const seconds = (performance.now() - t0) / 1000;
      const hypothesis = rowText(tsvLines(tsv), s.frame);
      runs.push({ id: s.id, seconds, cpuSeconds, reference: s.reference, hypothesis, caseInsensitive: s.caseInsensitive });
      const c = cerOf([runs.at(-1)!]);
      log(`  tesseract CLI ${s.id}: ${seconds.toFixed(2)} s (cpu ${cpuSeconds?.toFixed(2) ?? '?'} s), CER ${c.toFixed(1)}%`);
    }
    return runs;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

// ---------------------------------------------------------------------------
// Figures

export interface OcrBenchOptions {
  log?: (line: string) => void;
  /** Receipts from SROIE (default 10, or BENCH_OCR_SROIE). */
  sroie?: number;
  engine?: OcrEngineOptions;
}

/** Corpus CER in percent over runs (each compared with its own case rule). */
export function cerOf(runs: SampleRun[]): number {
  let errors = 0;
  let refLength = 0;
  for (const r of runs) {
    const c = corpusCer([r], { caseInsensitive: r.caseInsensitive });
    errors += c.errors;
    refLength += c.refLength;
  }
  return round(refLength === 0 ? 0 : (errors / refLength) * 100, 2);
}
const secondsOf = (runs: SampleRun[]) => runs.map((r) => r.seconds);

export async function benchOcr(o: OcrBenchOptions = {}): Promise<Figure[]> {
  const log = o.log ?? (() => {});
  const nSroie = o.sroie ?? Number(process.env.BENCH_OCR_SROIE ?? 10);
  log('ocr: generating 6 degraded A4 pages…');
  const generated = await generatedSamples();
  const real = await sroieSamples(nSroie);
  if (real.length === 0) log(`ocr: no SROIE receipts at ${SROIE_DIR}; real-scan figures skipped`);

  const engine = createOcrEngine(o.engine);
  let oursGen: SampleRun[];
  let oursReal: SampleRun[];
  try {
    log(`ocr: ${engine.name}`);
    oursGen = await runEngine(engine, generated, log);
    oursReal = await runEngine(engine, real, log);
  } finally {
    await engine.close();
  }
  const cliReason = existsSync(TESSERACT_CLI) ? null : `${TESSERACT_CLI} not installed`;
  if (cliReason) log(`ocr: baseline skipped: ${cliReason}`);
  else log('ocr: Debian tesseract CLI (OMP_THREAD_LIMIT=1, --psm 3)');
  const cliGen = cliReason ? null : await runCli(generated, '3', log);
  const cliReal = cliReason || real.length === 0 ? null : await runCli(real, '3', log);

  const ours = [...oursGen, ...oursReal];
  const cliAll = cliGen && cliReal ? [...cliGen, ...cliReal] : cliGen;
  const cliSecondsMedian = cliAll ? round(median(secondsOf(cliAll)), 2) : null;
  const cliCerGen = cliGen ? cerOf(cliGen) : null;
  const cliCerReal = cliReal ? cerOf(cliReal) : null;
  const skippedCli = (f: Figure): Figure => (f.value === null ? { ...f, skipped: cliReason ?? 'no samples' } : f);

  const figures: Figure[] = [
    {
      name: 'ocr.page_seconds_median',
      value: round(median(secondsOf(ours)), 2),
      unit: 's',
      target: 3,
      baseline: cliSecondsMedian,
      better: 'lower',
      p95: round(p95(secondsOf(ours)), 2),
      samples: secondsOf(ours).map((s) => round(s, 2)),
      description: `tesseract.js best_int + preprocessing, per page incl. decode and preprocessing, ${generated.length} generated A4 + ${real.length} SROIE receipts; baseline: Debian CLI median`,
    },
    {
      name: 'ocr.page_seconds_p95',
      value: round(p95(secondsOf(ours)), 2),
      unit: 's',
      target: null,
      baseline: cliAll ? round(p95(secondsOf(cliAll)), 2) : null,
      better: 'lower',
      description: 'nearest-rank p95 of the same pages; baseline: Debian CLI p95',
    },
    {
      name: 'ocr.cer',
      value: cerOf(oursGen),
      unit: '%',
      target: cliCerGen,
      baseline: cliCerGen,
      better: 'lower',
      description: `corpus CER on ${generated.length} generated degraded pages (eng+kor), rows in geometric order; target: below the CLI`,
    },
    {
      name: 'ocr.page_cpu_seconds_median',
      value: round(median(ours.map((r) => r.cpuSeconds ?? 0)), 2),
      unit: 's',
      target: 3,
      baseline: cliAll ? round(median(cliAll.map((r) => r.cpuSeconds ?? 0)), 2) : null,
      better: 'lower',
      description:
        'CPU seconds per page (all threads of the process; CLI: its child process): what wall time would be on an idle machine, since both engines use one core',
    },
    skippedCli({
      name: 'ocr.cer_tesseract_cli',
      value: cliCerGen,
      unit: '%',
      target: null,
      baseline: null,
      better: 'lower',
      description: 'Debian tesseract 5.3 CLI (fast models, psm 3) on the same generated pages',
    }),
    skippedCli({
      name: 'ocr.page_seconds_tesseract_cli',
      value: cliSecondsMedian,
      unit: 's',
      target: null,
      baseline: null,
      better: 'lower',
      p95: cliAll ? round(p95(secondsOf(cliAll)), 2) : null,
      description: 'Debian CLI per page incl. process start and model load, OMP_THREAD_LIMIT=1',
    }),
  ];
  if (real.length > 0) {
    figures.push(
      {
        name: 'ocr.cer_real',
        value: cerOf(oursReal),
        unit: '%',
        target: cliCerReal,
        baseline: cliCerReal,
        better: 'lower',
        description: `corpus CER on ${real.length} SROIE receipts (eng), rows in geometric order; target: below the CLI`,
      },
      skippedCli({
        name: 'ocr.cer_real_tesseract_cli',
        value: cliCerReal,
        unit: '%',
        target: null,
        baseline: null,
        better: 'lower',
        description: 'Debian tesseract 5.3 CLI (fast models, psm 3) on the same receipts',
      }),
    );
  }
  return figures;
}

// Run alone: print the figures.
if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const log = (s: string) => process.stdout.write(`${s}\n`);
  const t0 = performance.now();
  if (loadavg()[0]! > 2) log(`note: load average ${loadavg()[0]!.toFixed(2)}: other work is running, times will be pessimistic`);
  const figures = await benchOcr({ log });
  const { formatTable } = await import('./report.ts');
  log('');
  log(formatTable(figures));
  log(`(${((performance.now() - t0) / 1000).toFixed(0)} s)`);
}
