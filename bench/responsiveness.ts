/**
 * `ingest.event_loop_lag_ms_max`: how long the thread that answers the UI (IPC or HTTP) is
 * blocked while a 50-page PDF ingests. Rendering runs in a worker thread, so this stays small;
 * a render on the main thread would block for hundreds of milliseconds per page.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { Desk } from '../desk/service.ts';
import { makePdf } from '../tests/fixtures/documents.ts';
import type { Figure } from './report.ts';
import { median, round } from './stats.ts';

export async function benchResponsiveness(o: { repetitions: number; log: (line: string) => void }): Promise<Figure> {
  const pdf = await makePdf(50);
  const maxima: number[] = [];
  const p99s: number[] = [];
  for (let rep = 0; rep < Math.min(o.repetitions, 3); rep++) {
    const dataDir = mkdtempSync(join(tmpdir(), 'od-bench-lag-'));
    const desk = Desk.open({ dataDir, transport: 'cli', ocrLangs: null });
    try {
      const c = await desk.call('cases.create', { declarationNo: `LAG-${rep}`, port: 'Bench', date: '2026-01-01', notes: '' });
      const histogram = monitorEventLoopDelay({ resolution: 10 });
      histogram.enable();
      await desk.call('documents.ingest', { caseId: c.id, fileName: `fifty-${rep}.pdf`, data: pdf });
      await desk.queue.idle();
      histogram.disable();
      maxima.push(histogram.max / 1e6);
      p99s.push(histogram.percentile(99) / 1e6);
      o.log(`  50 pages: event-loop delay max ${round(histogram.max / 1e6, 1)} ms, p99 ${round(histogram.percentile(99) / 1e6, 1)} ms`);
    } finally {
      await desk.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  }
  return {
    name: 'ingest.event_loop_lag_ms_max',
    value: round(median(maxima), 1),
    unit: 'ms',
    target: 100,
    baseline: null,
    better: 'lower',
    p95: round(Math.max(...maxima), 1),
    samples: maxima.map((m) => round(m, 1)),
    description: `worst delay of the desk's main thread (which answers the UI) while a 50-page text PDF ingests at 300 dpi; median of ${maxima.length} runs; p99 ${round(median(p99s), 1)} ms`,
  };
}
