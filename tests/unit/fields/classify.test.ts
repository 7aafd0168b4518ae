import { describe, expect, it } from 'vitest';
import { CORPUS_FORMS, generateDocument } from '../../../corpus/generate.ts';
import { classify } from '../../../desk/fields/classify.ts';
import { extractRecord } from '../../../desk/fields/extract.ts';
import { pageTokens } from '../../../desk/fields/text.ts';
import { corruptPages, truthPages } from './helpers.ts';

const docs = Promise.all(CORPUS_FORMS.map((form) => generateDocument({ seed: 5, form })));

describe('classification', () => {
  it('recognises every form from its words, confidently', async () => {
    for (const d of await docs) {
      const pages = truthPages(d.truth.words, d.truth.pages);
      const c = classify([{ tokens: pageTokens(pages[0]!), height: pages[0]!.height }]);
      expect(c.form, `seed ${d.truth.seed}`).toBe(d.truth.form);
      expect(c.confidence).toBeGreaterThan(0.6);
      // And every field read exactly from the same words.
      const rec = extractRecord(pages);
      const got = Object.fromEntries(rec.fields.filter((f) => f.key in d.truth.fields).map((f) => [f.key, f.value]));
      expect(got, `${d.truth.form} seed ${d.truth.seed}`).toEqual(d.truth.fields);
    }
  });

  it('still recognises every form with 12% of characters corrupted (OCR-like noise)', async () => {
    let n = 0;
    for (const d of await docs) {
      for (const noise of [1]) {
        const pages = corruptPages(truthPages(d.truth.words, d.truth.pages), d.truth.seed * 10 + noise, 0.12);
        expect(extractRecord(pages).form, `${d.truth.form} seed ${d.truth.seed} noise ${noise}`).toBe(d.truth.form);
        n++;
      }
    }
    expect(n).toBe(CORPUS_FORMS.length);
  });

  it("a chamber's certificate whose title OCR bent past reading is still known by its box labels", async () => {
    const d = await generateDocument({ seed: 15113, form: 'co_generic', lang: 'zh' });
    const bent = d.truth.words.filter((w) => !/^(CERTIFICATE|OF|ORIGIN)$/.test(w.text) || w.y > 600).concat({ text: 'ERTIFI', x: 900, y: 350, w: 200, h: 60, page: 0 });
    const pages = truthPages(bent, d.truth.pages);
    expect(pages[0]!.words.some((w) => w.text === 'CERTIFICATE')).toBe(false);
    expect(classify([{ tokens: pageTokens(pages[0]!), height: pages[0]!.height }]).form).toBe('co_generic');
  });

  it('tells Form A from Form AK and Form E from a generic certificate', () => {
    const page = (title: string[]) =>
      truthPages(title.flatMap((t, row) => t.split(' ').map((w, i) => ({ text: w, x: 800 + i * 220, y: 150 + row * 60, w: 200, h: 50, page: 0 }))));
    const form = (title: string[]) => classify([{ tokens: pageTokens(page(title)[0]!), height: 3508 }]).form;
    expect(form(['GENERALIZED SYSTEM OF PREFERENCES', 'CERTIFICATE OF ORIGIN', 'FORM A'])).toBe('co_gsp_form_a');
    expect(form(['ASEAN-KOREA FREE TRADE AREA', 'CERTIFICATE OF ORIGIN', 'FORM AK'])).toBe('co_form_ak');
    expect(form(['CERTIFICATE OF ORIGIN', 'FORM AK'])).toBe('co_form_ak');
    expect(form(['CERTIFICATE OF ORIGIN', 'FORM E'])).toBe('co_form_e');
    expect(form(['CERTIFICATE OF ORIGIN', 'KOREA CHAMBER OF COMMERCE'])).toBe('co_generic');
    expect(form(['EUR.1', 'MOVEMENT CERTIFICATE'])).toBe('co_eur1');
    expect(form(['PACKING LIST'])).toBe('packing_list');
    expect(form(['BILL OF LADING'])).toBe('bill_of_lading');
    expect(form(['MENU', 'SOUP OF THE DAY'])).toBe('other');
  });
});

describe('extraction under OCR-like noise', () => {
  it('keeps the layout-anchored fields whose characters survived', async () => {
    const d = (await docs).find((x) => x.truth.form === 'co_form_e')!;
    const clean = truthPages(d.truth.words, d.truth.pages);
    const noisy = corruptPages(clean, 99, 0.03);
    const rec = extractRecord(noisy);
    expect(rec.form).toBe('co_form_e');
    // Fields whose words came through unchanged must be read exactly.
    const changed = new Set(noisy[0]!.words.map((w, i) => (w.text !== clean[0]!.words[i]!.text ? i : -1)).filter((i) => i >= 0));
    expect(changed.size).toBeGreaterThan(0);
    const hits = rec.fields.filter((f) => d.truth.fields[f.key] !== undefined && f.value === d.truth.fields[f.key]).length;
    expect(hits / Object.keys(d.truth.fields).length).toBeGreaterThan(0.5);
    // Noisy words lower confidence and are flagged.
    expect(rec.fields.some((f) => f.status === 'low_confidence')).toBe(true);
  });
});
