/**
 * Exact-match measurement of field extraction on a corpus split built by corpus/build.ts:
 *
 *   measureExtraction(dir, 'heldout') → { exactMatch, perForm, perField, … }
 *
 * A field counts when the extracted value equals the truth value exactly (both normalised).
 * Only fields the document carries count (truth keys); values extracted where the truth has
 * none are reported as `spurious`. Words come from each PDF's text layer (source 'text-layer',
 * the default) or from OCR of the scanned page images (source 'ocr', with an engine passed in).
 *
 *   node --import tsx desk/fields/measure.ts DIR [train|heldout] [--ocr] [--ocr-cache DIR [--tag T]]
 *       [--limit N] [--ids FILE] [--failures]
 *
 * --ocr-cache keeps each scan's OCR words on disk (keyed by the image bytes, languages, dpi and
 * --tag), so extractor changes can be measured in seconds; change --tag after changing the OCR.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { DocumentRecord, PageText } from '../../contract/fields.ts';
import { extractRecord } from './extract.ts';
import { pdfTextLayer } from './pdf-text.ts';

export interface FieldStats {
  total: number;
  exact: number;
  rate: number;
}

export interface MeasureResult {
  split: string;
  source: 'text-layer' | 'ocr';
  documents: number;
  /** Micro-average over all truth fields of all documents. */
  exactMatch: number;
  /** Share of documents whose form was classified right. */
  formAccuracy: number;
  perForm: Record<string, FieldStats & { documents: number; formAccuracy: number }>;
  perField: Record<string, FieldStats>;
  /** Line items whose description, HS code, quantity and amount all match, over truth line items. */
  lineItems: FieldStats;
  spurious: number;
  /** Documents whose every field matched. */
  perfectDocuments: number;
  failures: { id: string; field: string; want: string; got: string | null; status: string }[];
  msPerDocument: number;
}

export interface OcrLike {
  recognize(image: Buffer | string, opts: { langs: ('eng' | 'kor' | 'chi_sim')[]; dpi?: number }): Promise<{ words: PageText['words'] }>;
}

export interface MeasureOptions {
  source?: 'text-layer' | 'ocr';
  ocr?: OcrLike;
  limit?: number;
  /** Only these document ids (e.g. the fax-like scans of a development set). */
  ids?: ReadonlySet<string>;
  /** Keep at most this many failure examples. */
  maxFailures?: number;
  onDocument?: (i: number, n: number) => void;
}

interface Entry {
  id: string;
  form: string;
  lang: string;
  pdf: string;
  truth: string;
  scans: string[];
}

const stats = (): FieldStats => ({ total: 0, exact: 0, rate: 0 });
const finish = (s: FieldStats) => ((s.rate = s.total ? Math.round((s.exact / s.total) * 10000) / 10000 : 0), s);

async function pagesFor(dir: string, e: Entry, opts: MeasureOptions, truth: { pages: { width: number; height: number; dpi: number }[]; lang: string }): Promise<PageText[]> {
  if ((opts.source ?? 'text-layer') === 'text-layer') return pdfTextLayer(readFileSync(join(dir, e.pdf)));
  if (!opts.ocr) throw new Error('OCR measurement needs an engine');
  const langs: ('eng' | 'kor' | 'chi_sim')[] = ['eng', ...(truth.lang === 'ko' ? (['kor'] as const) : truth.lang === 'zh' ? (['chi_sim'] as const) : [])];
  const pages: PageText[] = [];
  // The first scan of each page.
  const firsts = e.scans.filter((s) => /\.s1\.png$/.test(s));
  for (const [i, scan] of firsts.entries()) {
    const path = join(dir, scan);
    const sharp = (await import('sharp')).default;
    const meta = await sharp(path).metadata();
    const dpi = meta.density && meta.density > 72.5 ? meta.density : 300;
    const r = await opts.ocr.recognize(path, { langs, dpi });
    pages.push({ index: i, width: meta.width!, height: meta.height!, dpi, source: 'ocr', words: r.words });
  }
  return pages;
}

export async function measureExtraction(dir: string, split: 'train' | 'heldout' | string, opts: MeasureOptions = {}): Promise<MeasureResult> {
  const base = join(dir, split);
  const manifest = JSON.parse(readFileSync(join(base, 'manifest.json'), 'utf8')) as Entry[];
  const entries = manifest.filter((e) => !opts.ids || opts.ids.has(e.id)).slice(0, opts.limit ?? manifest.length);
  const perForm: MeasureResult['perForm'] = {};
  const perField: Record<string, FieldStats> = {};
  const all = stats();
  const items = stats();
  const failures: MeasureResult['failures'] = [];
  let spurious = 0, formOk = 0, perfect = 0;
  const t0 = Date.now();
  for (const [i, e] of entries.entries()) {
    opts.onDocument?.(i, entries.length);
    const truth = JSON.parse(readFileSync(join(base, e.truth), 'utf8'));
    let rec: DocumentRecord;
    try {
      rec = extractRecord(await pagesFor(base, e, opts, truth));
    } catch (err) {
      rec = extractRecord([]);
      failures.push({ id: e.id, field: '*', want: 'a record', got: String((err as Error).message), status: 'error' });
    }
    const pf = (perForm[e.form] ??= { ...stats(), documents: 0, formAccuracy: 0 });
    pf.documents++;
    if (rec.form === e.form) {
      formOk++;
      pf.formAccuracy++;
    }
    let docOk = true;
    for (const [k, want] of Object.entries(truth.fields as Record<string, string>)) {
      const got = rec.fields.find((f) => f.key === k);
      const hit = got?.value === want;
      const fs = (perField[k] ??= stats());
      fs.total++, pf.total++, all.total++;
      if (hit) fs.exact++, pf.exact++, all.exact++;
      else {
        docOk = false;
        if (failures.length < (opts.maxFailures ?? 200)) failures.push({ id: e.id, field: k, want, got: got?.value ?? null, status: got?.status ?? 'absent' });
      }
    }
    if (docOk) perfect++;
    for (const f of rec.fields) if (f.value !== null && !(f.key in truth.fields)) spurious++;
    // Line items: in order, all of description, HS, quantity, amount equal.
    const want = truth.lineItems as { description: string; hsCode: string | null; quantity: string | null; amount: string | null }[];
    for (const [j, w] of want.entries()) {
      items.total++;
      const g = rec.lineItems[j];
      if (g && g.description === w.description && (w.hsCode === null || g.hsCode === w.hsCode) && g.quantity === w.quantity && (w.amount === null || g.amount === w.amount)) items.exact++;
    }
  }
  for (const s of Object.values(perField)) finish(s);
  for (const s of Object.values(perForm)) {
    finish(s);
    s.formAccuracy = Math.round((s.formAccuracy / Math.max(1, s.documents)) * 10000) / 10000;
  }
  finish(all);
  finish(items);
  return {
    split,
    source: opts.source ?? 'text-layer',
    documents: entries.length,
    exactMatch: all.rate,
    formAccuracy: Math.round((formOk / Math.max(1, entries.length)) * 10000) / 10000,
    perForm,
    perField,
    lineItems: items,
    spurious,
    perfectDocuments: perfect,
    failures,
    msPerDocument: Math.round((Date.now() - t0) / Math.max(1, entries.length)),
  };
}

/** Bench metric names for a result: fields.exact_match_heldout and fields.exact_match.<form>. */
export function benchMetrics(r: MeasureResult): Record<string, number> {
  const out: Record<string, number> = { [`fields.exact_match_${r.split}`]: r.exactMatch };
  for (const [form, s] of Object.entries(r.perForm)) out[`fields.exact_match.${form}`] = s.rate;
  return out;
}

/** Development aid: an OCR engine whose results are kept on disk per image, languages, dpi and tag. */
export function cachedOcr(engine: OcrLike, dir: string, tag: string): OcrLike {
  mkdirSync(dir, { recursive: true });
  return {
    async recognize(image, opts) {
      const bytes = typeof image === 'string' ? readFileSync(image) : image;
      const key = createHash('sha1').update(bytes).update(JSON.stringify([opts.langs, opts.dpi, tag])).digest('hex');
      const file = join(dir, `${key}.json`);
      if (existsSync(file)) return JSON.parse(readFileSync(file, 'utf8'));
      const r = await engine.recognize(image, opts);
      writeFileSync(file, JSON.stringify({ words: r.words }));
      return r;
    },
  };
}

const isMain = process.argv[1] && resolve(process.argv[1]) === resolve(new URL(import.meta.url).pathname);
if (isMain) {
  const [dir, split = 'heldout', ...rest] = process.argv.slice(2);
  if (!dir || !existsSync(join(dir, split, 'manifest.json'))) {
    process.stderr.write('usage: node --import tsx desk/fields/measure.ts DIR [train|heldout] [--ocr] [--ocr-cache DIR [--tag T]] [--limit N] [--ids FILE] [--failures]\n');
    process.exit(2);
  }
  const limitIdx = rest.indexOf('--limit');
  const idsIdx = rest.indexOf('--ids');
  const opts: MeasureOptions = {
    ...(limitIdx >= 0 ? { limit: Number(rest[limitIdx + 1]) } : {}),
    ...(idsIdx >= 0 ? { ids: new Set(readFileSync(rest[idsIdx + 1]!, 'utf8').split(/\s+/).filter(Boolean)) } : {}),
    ...(rest.includes('--failures') ? { maxFailures: Infinity } : {}),
  };
  let close: (() => Promise<void>) | undefined;
  if (rest.includes('--ocr')) {
    const mod = (await import('../ocr/index.ts')) as unknown as { createOcrEngine?: () => (OcrLike & { close(): Promise<void> }) | Promise<OcrLike & { close(): Promise<void> }> };
    if (!mod.createOcrEngine) throw new Error('desk/ocr/index.ts exports no createOcrEngine()');
    const engine = await mod.createOcrEngine();
    opts.source = 'ocr';
    const cacheIdx = rest.indexOf('--ocr-cache');
    opts.ocr = cacheIdx >= 0 ? cachedOcr(engine, rest[cacheIdx + 1]!, rest.includes('--tag') ? rest[rest.indexOf('--tag') + 1]! : '') : engine;
    close = () => engine.close();
    opts.onDocument = (i, n) => process.stderr.write(`\r${i + 1}/${n}`);
  }
  const r = await measureExtraction(dir, split, opts);
  await close?.();
  const { failures, ...summary } = r;
  process.stdout.write(JSON.stringify(summary, null, 1) + '\n');
  if (rest.includes('--failures')) for (const f of failures) process.stdout.write(`${f.id} ${f.field}: want ${JSON.stringify(f.want)} got ${JSON.stringify(f.got)} [${f.status}]\n`);
}
