import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, describe, expect, it } from 'vitest';
import { buildDataset, HELDOUT_SEED_BASE, planDocument } from '../../../corpus/build.ts';
import { CORPUS_FORMS, generateDocument, generateShipmentDocuments } from '../../../corpus/generate.ts';
import { rasterizePdf, scanDocument, scanParams } from '../../../corpus/scan.ts';
import { measureExtraction, benchMetrics } from '../../../desk/fields/measure.ts';

const tmp = mkdtempSync(join(tmpdir(), 'od-corpus-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('corpus generator', () => {
  it('is deterministic: the same seed gives the same PDF bytes and truth', async () => {
    const a = await generateDocument({ seed: 42, form: 'co_rcep' });
    const b = await generateDocument({ seed: 42, form: 'co_rcep' });
    expect(Buffer.from(a.pdf).equals(Buffer.from(b.pdf))).toBe(true);
    expect(a.truth).toEqual(b.truth);
    const c = await generateDocument({ seed: 43, form: 'co_rcep' });
    expect(c.truth.fields).not.toEqual(a.truth.fields);
  });

  it('labels every form with normalised truth and 300-dpi word boxes', async () => {
    for (const form of CORPUS_FORMS) {
      const d = await generateDocument({ seed: 7, form });
      expect(Buffer.from(d.pdf.subarray(0, 5)).toString()).toBe('%PDF-');
      expect(d.truth.form).toBe(form);
      expect(d.truth.pages[0]).toEqual({ width: 2480, height: 3508, dpi: 300 });
      for (const w of d.truth.words) {
        expect(w.x).toBeGreaterThanOrEqual(0);
        expect(w.x + w.w).toBeLessThanOrEqual(2480);
        expect(w.y + w.h).toBeLessThanOrEqual(3508);
      }
      const f = d.truth.fields;
      for (const k of ['invoice_date', 'departure_date', 'certification_date']) if (f[k]) expect(f[k]).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      if (f.hs_code) expect(f.hs_code).toMatch(/^\d{4}\.\d{2}$/);
      for (const k of ['export_country', 'import_country']) if (f[k]) expect(f[k]).toMatch(/^[A-Z]{2}$/);
      for (const k of ['total_amount', 'fob_value']) if (f[k]) expect(f[k]).toMatch(/^\d+(\.\d{2})?$/);
      for (const k of ['gross_weight', 'gross_weight_quantity']) if (f[k]) expect(f[k]).toMatch(/^\d+\.\d{2} KG$/);
      if (form === 'commercial_invoice') {
        expect(d.truth.lineItems.length).toBeGreaterThanOrEqual(2);
        expect(d.truth.lineItems.length).toBeLessThanOrEqual(8);
        const sum = d.truth.lineItems.reduce((s, l) => s + Math.round(Number(l.amount) * 100), 0);
        expect(sum).toBe(Math.round(Number(f.total_amount) * 100));
      }
    }
  });

  it('never prints text over text or over a ruled line: long names in narrow boxes go smaller or wrap', async () => {
    // Before: EUR.1 5002/5011/5020 printed "See notes overleaf…" over "MOVEMENT CERTIFICATE", RCEP
    // 5003 "EXP/SIHANOUKVILLE" over the description and "KOREA" over the weight, RCEP 5012
    // "PHILIPPINES" over "3,601.77 KGS" (and EUR.1 train seed 3047 "…VIETNAM" over "ITALY").
    // Then: B/L 5017 printed "14,505.98" over the gross weight column's rule (OCR lost the 1 under
    // it), every EUR.1 its "See notes overleaf…" through box 2's top rule.
    const overlaps: string[] = [];
    const crossings: string[] = [];
    for (let i = 0; i < 27; i++) {
      const seed = 5000 + i;
      const plan = planDocument(i, seed);
      const { words: ws, rules } = (await generateDocument({ seed, form: plan.form, lang: plan.lang })).truth;
      for (let a = 0; a < ws.length; a++)
        for (let b = a + 1; b < ws.length; b++) {
          const p = ws[a]!, q = ws[b]!;
          const ox = Math.min(p.x + p.w, q.x + q.w) - Math.max(p.x, q.x);
          const oy = Math.min(p.y + p.h, q.y + q.h) - Math.max(p.y, q.y);
          if (p.page === q.page && ox > 3 && oy > Math.min(p.h, q.h) * 0.5) overlaps.push(`${plan.form} ${seed}: "${p.text}" over "${q.text}"`);
        }
      for (const w of ws)
        for (const r of rules) {
          if (r.page !== w.page) continue;
          const [x0, x1, y0, y1] = [Math.min(r.x1, r.x2), Math.max(r.x1, r.x2), Math.min(r.y1, r.y2), Math.max(r.y1, r.y2)];
          // a vertical rule through the word's letters, a horizontal one through their body
          const vertical = x1 - x0 < 1 && x0 > w.x + 2 && x0 < w.x + w.w - 2 && y1 > w.y + w.h * 0.3 && y0 < w.y + w.h * 0.7;
          const horizontal = y1 - y0 < 1 && y0 > w.y + w.h * 0.25 && y0 < w.y + w.h * 0.9 && x1 > w.x + 2 && x0 < w.x + w.w - 2;
          if (vertical || horizontal) crossings.push(`${plan.form} ${seed}: "${w.text}" crosses a ${vertical ? 'vertical' : 'horizontal'} rule`);
        }
    }
    expect(overlaps).toEqual([]);
    expect(crossings).toEqual([]);
  }, 60_000);

  it('renders the documents of one shipment consistently', async () => {
    const s = await generateShipmentDocuments({ seed: 9, form: 'co_form_ak', all: true });
    expect(s.invoice.truth.fields.invoice_no).toBe(s.certificate.truth.fields.invoice_no);
    expect(s.packingList!.truth.fields.gross_weight).toBe(s.invoice.truth.fields.gross_weight);
    expect(s.billOfLading!.truth.fields.departure_date).toBe(s.certificate.truth.fields.departure_date);
  });

  it('is fast enough to build large corpora', async () => {
    await generateDocument({ seed: 1, form: 'co_form_e' }); // warm-up (fonts, JIT)
    const t0 = performance.now();
    const n = CORPUS_FORMS.length;
    for (const form of CORPUS_FORMS) await generateDocument({ seed: 77, form });
    const ms = (performance.now() - t0) / n;
    // Target 0.5 s per document; the bound leaves room for a loaded shared CI machine.
    expect(ms).toBeLessThan(1500);
  });
});

describe('scans', () => {
  it('gives printed-and-scanned page images, seeded', async () => {
    const d = await generateDocument({ seed: 3, form: 'co_generic' });
    const [page] = await rasterizePdf(d.pdf, 100);
    const a = await scanDocument(page!, 11);
    const b = await scanDocument(page!, 11);
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true);
    const meta = await sharp(a).metadata();
    expect(meta.format).toBe('png');
    expect([meta.width, meta.height]).toEqual([827, 1169]);
    const p = scanParams(11);
    expect(Math.abs(p.skewDeg)).toBeLessThanOrEqual(3);
    // Many seeds: both fax-like and grey scans, skews both ways.
    const ps = Array.from({ length: 40 }, (_, i) => scanParams(i));
    expect(ps.some((x) => x.fax)).toBe(true);
    expect(ps.some((x) => x.jpegQuality)).toBe(true);
    expect(ps.some((x) => x.skewDeg < -1) && ps.some((x) => x.skewDeg > 1)).toBe(true);
  });

  it('keeps the whole page in a fax-like scan (no crop, no zoom)', async () => {
    const d = await generateDocument({ seed: 3, form: 'co_generic' });
    const [page] = await rasterizePdf(d.pdf, 100);
    const inkBox = async (png: Uint8Array) => {
      const { data, info } = await sharp(png).greyscale().raw().toBuffer({ resolveWithObject: true });
      let y0 = info.height, y1 = -1;
      for (let y = 0; y < info.height; y++) for (let x = 0; x < info.width; x++) if (data[y * info.width + x]! < 100) (y0 = Math.min(y0, y)), (y1 = Math.max(y1, y));
      return { y0: y0 / info.height, y1: y1 / info.height };
    };
    const plain = { ...scanParams(11), fax: false, skewDeg: 0, noise: 0, lighting: 0, jpegQuality: null, blurSigma: 0 };
    const grey = await inkBox(await scanDocument(page!, 11, plain));
    const fax = await inkBox(await scanDocument(page!, 11, { ...plain, fax: true }));
    expect(Math.abs(fax.y0 - grey.y0)).toBeLessThan(0.01);
    expect(Math.abs(fax.y1 - grey.y1)).toBeLessThan(0.01);
  });
});

describe('dataset build and measurement', () => {
  it('writes train and held-out splits from disjoint seed ranges, and measures them', async () => {
    const out = join(tmp, 'ds');
    const r = await buildDataset({ out, count: 11, seed: 5, heldoutFraction: 0.2, scans: 0, log: () => {} });
    expect(r.train.length).toBe(9);
    expect(r.heldout.length).toBe(2);
    expect(r.train.every((e) => e.seed >= 5 && e.seed < 14)).toBe(true);
    expect(r.heldout.every((e) => e.seed >= HELDOUT_SEED_BASE)).toBe(true);
    expect(new Set(r.train.map((e) => e.form)).size).toBe(CORPUS_FORMS.length);
    expect(readdirSync(join(out, 'train')).filter((f) => f.endsWith('.pdf')).length).toBe(9);
    expect(JSON.parse(readFileSync(join(out, 'dataset.json'), 'utf8')).splits.heldout.seeds[0]).toBe(HELDOUT_SEED_BASE + 5);
    expect(planDocument(0, 5).form).toBe(CORPUS_FORMS[0]);

    const m = await measureExtraction(out, 'train');
    expect(m.documents).toBe(9);
    expect(m.exactMatch).toBeGreaterThanOrEqual(0.95);
    expect(m.formAccuracy).toBe(1);
    expect(Object.keys(m.perForm).sort()).toEqual([...CORPUS_FORMS].sort());
    const metrics = benchMetrics(m);
    expect(metrics['fields.exact_match_train']).toBe(m.exactMatch);
    expect(metrics['fields.exact_match.co_form_e']).toBe(m.perForm.co_form_e!.rate);
  });
});
