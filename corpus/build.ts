/**
 * Builds a labelled dataset folder from a seed:
 *
 *   node --import tsx corpus/build.ts --out DIR --count N --seed S [--heldout 0.25] [--scans 1] [--scan-dpi 200] [--only heldout]
 *
 * DIR/train/ and DIR/heldout/ each hold, per document, `<id>.pdf` (born-digital),
 * `<id>.truth.json` and `<id>.p1.s1.png` (printed-and-scanned page images), plus a
 * `manifest.json`. Train documents use seeds S … S+n-1; held-out documents use seeds
 * 1,000,000+S … — disjoint ranges, so no held-out document is ever seen while tuning.
 * Forms cycle through every corpus form; the language is drawn from the seed.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { CORPUS_FORMS, type CorpusForm, FORM_LANGS, FontUnavailableError, generateDocument, type Lang } from './generate.ts';
import { Rng } from './rng.ts';
import { rasterizePdf, scanDocument } from './scan.ts';

export const HELDOUT_SEED_BASE = 1_000_000;

export interface ManifestEntry {
  id: string;
  form: CorpusForm;
  lang: Lang;
  requestedLang: Lang;
  seed: number;
  pdf: string;
  truth: string;
  scans: string[];
}

/** Form and language of the i-th document of a split (forms in turn, language from the seed). */
export function planDocument(i: number, seed: number): { form: CorpusForm; lang: Lang } {
  const form = CORPUS_FORMS[i % CORPUS_FORMS.length]!;
  const langs = FORM_LANGS[form];
  const rng = new Rng(seed ^ 0x1a2b3c);
  const lang = langs.length === 1 ? 'en' : rng.chance(0.5) ? 'en' : rng.pick(langs.filter((l) => l !== 'en'));
  return { form, lang };
}

export interface BuildOptions {
  out: string;
  count: number;
  seed: number;
  heldoutFraction?: number;
  scans?: number;
  scanDpi?: number;
  /** Build only these splits (default both); seeds and ids are the same either way. */
  only?: ('train' | 'heldout')[];
  log?: (msg: string) => void;
}

export async function buildDataset(opts: BuildOptions): Promise<{ train: ManifestEntry[]; heldout: ManifestEntry[] }> {
  const log = opts.log ?? ((m: string) => process.stderr.write(`${m}\n`));
  const nHeld = Math.round(opts.count * (opts.heldoutFraction ?? 0.25));
  const nTrain = opts.count - nHeld;
  if (opts.seed < 0 || opts.seed + nTrain >= HELDOUT_SEED_BASE) throw new Error(`--seed must be in 0 … ${HELDOUT_SEED_BASE - nTrain - 1}`);
  const warned = new Set<string>();
  const result: { train: ManifestEntry[]; heldout: ManifestEntry[] } = { train: [], heldout: [] };
  for (const split of ['train', 'heldout'] as const) {
    if (opts.only && !opts.only.includes(split)) continue;
    const dir = join(opts.out, split);
    mkdirSync(dir, { recursive: true });
    const n = split === 'train' ? nTrain : nHeld;
    const base = split === 'train' ? opts.seed : HELDOUT_SEED_BASE + opts.seed;
    const t0 = Date.now();
    for (let i = 0; i < n; i++) {
      const seed = base + i;
      const plan = planDocument(i, seed);
      let lang = plan.lang;
      let doc;
      try {
        doc = await generateDocument({ seed, form: plan.form, lang });
      } catch (err) {
        if (!(err instanceof FontUnavailableError)) throw err;
        if (!warned.has(err.script)) log(`warning: ${err.message}; ${err.script} documents are generated in English instead`);
        warned.add(err.script);
        lang = 'en';
        doc = await generateDocument({ seed, form: plan.form, lang });
      }
      const id = `${plan.form}-${seed}`;
      writeFileSync(join(dir, `${id}.pdf`), doc.pdf);
      writeFileSync(join(dir, `${id}.truth.json`), JSON.stringify(doc.truth));
      const scans: string[] = [];
      const nScans = opts.scans ?? 1;
      if (nScans > 0) {
        const pages = await rasterizePdf(doc.pdf);
        for (const [p, png] of pages.entries()) {
          // One scan per page, sometimes a second (a re-scan of the same page).
          const k = nScans === 1 && new Rng(seed ^ 0x77).chance(0.2) ? 2 : nScans;
          for (let s = 1; s <= k; s++) {
            const name = `${id}.p${p + 1}.s${s}.png`;
            writeFileSync(join(dir, name), await scanDocument(png, seed * 7 + p * 101 + s, undefined, opts.scanDpi ?? 200));
            scans.push(name);
          }
        }
      }
      result[split].push({ id, form: plan.form, lang: doc.truth.lang, requestedLang: plan.lang, seed, pdf: `${id}.pdf`, truth: `${id}.truth.json`, scans });
      if ((i + 1) % 20 === 0 || i + 1 === n) log(`${split}: ${i + 1}/${n} (${((Date.now() - t0) / (i + 1)).toFixed(0)} ms/document)`);
    }
    writeFileSync(join(dir, 'manifest.json'), JSON.stringify(result[split], null, 1));
  }
  writeFileSync(
    join(opts.out, 'dataset.json'),
    JSON.stringify(
      {
        generator: 'origindesk corpus/build.ts',
        seed: opts.seed,
        count: opts.count,
        splits: {
          train: { count: nTrain, seeds: [opts.seed, opts.seed + nTrain - 1] },
          heldout: { count: nHeld, seeds: [HELDOUT_SEED_BASE + opts.seed, HELDOUT_SEED_BASE + opts.seed + nHeld - 1] },
        },
        scanDpi: opts.scanDpi ?? 200,
        fontFallbacks: [...warned],
      },
      null,
      1,
    ),
  );
  return result;
}

const isMain = process.argv[1] && resolve(process.argv[1]) === resolve(new URL(import.meta.url).pathname);
if (isMain) {
  const { values } = parseArgs({
    options: {
      out: { type: 'string' },
      count: { type: 'string', default: '90' },
      seed: { type: 'string', default: '1' },
      heldout: { type: 'string', default: '0.25' },
      scans: { type: 'string', default: '1' },
      'scan-dpi': { type: 'string', default: '200' },
      only: { type: 'string' },
    },
  });
  if (!values.out) {
    process.stderr.write('usage: node --import tsx corpus/build.ts --out DIR --count N --seed S [--heldout 0.25] [--scans 0|1|2] [--scan-dpi 200] [--only train|heldout]\n');
    process.exit(2);
  }
  const r = await buildDataset({
    out: resolve(values.out),
    count: Number(values.count),
    seed: Number(values.seed),
    heldoutFraction: Number(values.heldout),
    scans: Number(values.scans),
    scanDpi: Number(values['scan-dpi']),
    ...(values.only ? { only: values.only.split(',') as ('train' | 'heldout')[] } : {}),
  });
  process.stdout.write(`wrote ${r.train.length} train and ${r.heldout.length} held-out documents to ${resolve(values.out)}\n`);
}
