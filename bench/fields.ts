/**
 * Field extraction on the HELD-OUT generated corpus (seeds the extractor was never tuned on):
 * `fields.exact_match_heldout` and `fields.exact_match.<form>` from the scanned pages through
 * OCR (what a desk sees), plus the same from the born-digital text layer for reference.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildDataset } from '../corpus/build.ts';
import { benchMetrics, measureExtraction } from '../desk/fields/measure.ts';
import { createOcrEngine } from '../desk/ocr/index.ts';
import type { Figure } from './report.ts';
import { round } from './stats.ts';

export async function benchFields(o: { log: (line: string) => void; documents?: number }): Promise<Figure[]> {
  const perSplit = o.documents ?? Number(process.env.BENCH_FIELDS_DOCS ?? 36);
  const dir = mkdtempSync(join(tmpdir(), 'od-bench-fields-'));
  try {
    o.log(`fields: generating ${perSplit} held-out documents with scans…`);
    await buildDataset({ out: dir, count: perSplit * 4, seed: 0, heldoutFraction: 0.25, scans: 1, only: ['heldout'], log: () => undefined });
    const text = await measureExtraction(dir, 'heldout', { source: 'text-layer' });
    o.log(`  text layer: ${(text.exactMatch * 100).toFixed(1)}% exact over ${text.documents} documents`);
    const engine = createOcrEngine();
    let ocr;
    try {
      ocr = await measureExtraction(dir, 'heldout', { source: 'ocr', ocr: engine, onDocument: (i, n) => o.log(`  OCR document ${i + 1}/${n}`) });
    } finally {
      await engine.close();
    }
    o.log(`  scans via OCR: ${(ocr.exactMatch * 100).toFixed(1)}% exact, ${Math.round(ocr.msPerDocument)} ms/document`);
    const figures: Figure[] = Object.entries(benchMetrics(ocr)).map(([name, value]) => ({
      name,
      value: round(value, 4),
      unit: 'ratio',
      target: 0.95,
      baseline: null,
      better: 'higher' as const,
      description: `held-out generated ${name.endsWith('heldout') ? 'documents' : name.split('.').pop()}: scanned pages (skew, blur, noise, JPEG) through OCR and extraction; share of truth fields read exactly`,
    }));
    figures.push({
      name: 'fields.exact_match_heldout_text_layer',
      value: round(text.exactMatch, 4),
      unit: 'ratio',
      target: 0.95,
      baseline: null,
      better: 'higher',
      description: 'the same held-out documents from their born-digital PDF text layer (no OCR): the extractor alone',
    });
    figures.push({
      name: 'fields.form_accuracy_heldout',
      value: round(ocr.formAccuracy, 4),
      unit: 'ratio',
      target: null,
      baseline: null,
      better: 'higher',
      description: 'held-out scans classified as the right form',
    });
    return figures;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
