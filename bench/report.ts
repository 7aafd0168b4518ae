/**
 * Benchmark results: a printed table and bench/results.json.
 *
 * results.json is an array of figures keyed by `name`. Writing MERGES by name: a run replaces
 * the figures it measured and keeps every other entry, so later issues can add their own
 * figures (from their own bench modules) without losing these. Each entry always has the five
 * keys name, value, unit, target, baseline (null where none applies); the others are extras.
 */
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';

export interface Figure {
  name: string;
  /** Median over the repetitions; null when the figure could not be measured here. */
  value: number | null;
  unit: string;
  target: number | null;
  /**
   * Reference value to compare against. A run never invents one: it keeps the baseline already
   * recorded for the figure in results.json (set it by hand when a value is accepted as reference).
   */
  baseline: number | null;
  /** Extras. */
  better?: 'higher' | 'lower';
  description?: string;
  /** 95th percentile on the bad side: the high end of a time, the low end of a throughput. */
  p95?: number | null;
  samples?: number[];
  /** Ingest figures: median CPU milliseconds per page (all threads of the process). */
  cpuMsPerPage?: number;
  skipped?: string;
  /** Machine state when measured: figures from a shared, busy machine are noisy. */
  conditions?: { measuredAt: string; node: string; cpus: number; loadAvg1m: number };
}

function readExisting(file: string): Figure[] {
  if (!existsSync(file)) return [];
  try {
    const data: unknown = JSON.parse(readFileSync(file, 'utf8'));
    return Array.isArray(data) ? (data as Figure[]).filter((f) => f && typeof f.name === 'string') : [];
  } catch {
    process.stderr.write(`bench: ${file} is not valid JSON; starting a new one\n`);
    return [];
  }
}

/** Merges `figures` into `file` by name (existing order kept, new names appended); returns the merged list. */
export function writeResults(file: string, figures: Figure[]): Figure[] {
  const merged = readExisting(file);
  for (const fig of figures) {
    const i = merged.findIndex((m) => m.name === fig.name);
    const baseline = fig.baseline ?? (i >= 0 ? merged[i]!.baseline ?? null : null);
    const entry: Figure = { ...fig, baseline };
    if (i >= 0) merged[i] = entry;
    else merged.push(entry);
  }
  const tmp = `${file}.tmp`;
  writeFileSync(tmp, `${JSON.stringify(merged, null, 2)}\n`);
  renameSync(tmp, file);
  return merged;
}

const fmt = (v: number | null | undefined) => (v === null || v === undefined ? '—' : String(v));

function verdict(f: Figure): string {
  if (f.value === null) return `skipped: ${f.skipped ?? 'not measured'}`;
  if (f.target === null) return '';
  const ok = f.better === 'lower' ? f.value <= f.target : f.value >= f.target;
  return ok ? 'meets target' : 'MISSES target';
}

/** A plain-text table, one row per figure. */
export function formatTable(figures: Figure[]): string {
  const head = ['figure', 'median', 'p95', 'unit', 'target', 'baseline', 'CPU/page', ''];
  const rows = figures.map((f) => [
    f.name,
    fmt(f.value),
    fmt(f.p95),
    f.unit,
    f.target === null ? '—' : `${f.better === 'lower' ? '≤' : '≥'} ${f.target}`,
    fmt(f.baseline),
    f.cpuMsPerPage === undefined ? '' : `${f.cpuMsPerPage} ms`,
    verdict(f),
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (i === 1 || i === 2 || i === 6 ? c.padStart(widths[i]!) : c.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd();
  return [line(head), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}
