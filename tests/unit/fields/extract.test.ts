import { describe, expect, it } from 'vitest';
import { FIELD_KEYS, DocumentRecord, type PageText } from '../../../contract/fields.ts';
import { CORPUS_FORMS, type CorpusForm, FORM_LANGS } from '../../../corpus/generate.ts';
import { extractRecord, FORM_FIELDS } from '../../../desk/fields/extract.ts';
import { trimStampDebris } from '../../../desk/fields/template.ts';
import { generateWithTextLayer, HAS_KO_FONT, HAS_ZH_FONT, truthPages, ZH_SKIP_REASON } from './helpers.ts';

function expectTruth(rec: DocumentRecord, truth: { form: string; fields: Partial<Record<string, string>> }) {
  expect(rec.form).toBe(truth.form);
  const got = Object.fromEntries(rec.fields.filter((f) => f.key in truth.fields).map((f) => [f.key, f.value]));
  expect(got).toEqual(truth.fields);
  for (const f of rec.fields) {
    if (f.key in truth.fields) {
      expect(['ok', 'low_confidence']).toContain(f.status);
      expect(f.page).toBe(0);
      expect(f.box).not.toBeNull();
      expect(f.confidence).toBeGreaterThan(0);
    }
  }
}

describe('extraction from PDF text-layer words, every form', () => {
  // Two documents of each form (different seeds, so different layouts, formats and content).
  for (const form of CORPUS_FORMS) {
    for (const seed of [101]) {
      it(`${form} (seed ${seed})`, async () => {
        const { doc, pages } = await generateWithTextLayer(seed, form, 'en');
        const rec = extractRecord(pages);
        expect(DocumentRecord.safeParse(rec).success).toBe(true);
        expectTruth(rec, doc.truth);
        expect(rec.fields.map((f) => f.key)).toEqual([...FORM_FIELDS[form]]);
        // Line items: C/O items and invoice / packing list lines, in order.
        const want = doc.truth.lineItems;
        if (want.length) {
          expect(rec.lineItems.map((l) => [l.description, l.quantity])).toEqual(want.map((l) => [l.description, l.quantity]));
          expect(rec.lineItems.map((l) => l.hsCode)).toEqual(want.map((l) => l.hsCode ?? null).map((h, i) => (want[i]!.hsCode === null ? rec.lineItems[i]!.hsCode : h)));
        }
      });
    }
  }
});

describe('Korean and Chinese content', () => {
  const cases: [CorpusForm, 'ko' | 'zh', number][] = [
    ['co_form_ak', 'ko', 7],
    ['co_rcep', 'ko', 8],
    ['commercial_invoice', 'ko', 9],
    ['packing_list', 'ko', 10],
    ['co_form_e', 'zh', 11],
    ['co_generic', 'zh', 12],
    ['commercial_invoice', 'zh', 13],
    ['packing_list', 'zh', 14],
  ];
  for (const [form, lang, seed] of cases) {
    const skip = lang === 'zh' ? !HAS_ZH_FONT : !HAS_KO_FONT;
    it.skipIf(skip)(`${form} in ${lang}${skip ? ` — skipped: ${lang === 'zh' ? ZH_SKIP_REASON : 'no Korean font (fonts-nanum)'}` : ''}`, async () => {
      expect(FORM_LANGS[form]).toContain(lang);
      const { doc, pages } = await generateWithTextLayer(seed, form, lang);
      expect(doc.truth.lang).toBe(lang);
      const text = pages[0]!.words.map((w) => w.text).join(' ');
      expect(text).toMatch(lang === 'ko' ? /[\uac00-\ud7af]/ : /[\u4e00-\u9fff]/);
      expectTruth(extractRecord(pages), doc.truth);
    });
  }
});

describe('words straight from the generator (no PDF)', () => {
  it('give the same record as the PDF text layer', async () => {
    const { doc, pages } = await generateWithTextLayer(303, 'co_form_ak');
    const a = extractRecord(pages);
    const b = extractRecord(truthPages(doc.truth.words, doc.truth.pages));
    expect(b.fields.map((f) => f.value)).toEqual(a.fields.map((f) => f.value));
  });
});

describe('robustness', () => {
  it('empty input: every field missing, no throw', () => {
    for (const input of [[], [{ index: 0, width: 2481, height: 3508, dpi: 300, source: 'ocr', words: [] }]] as PageText[][]) {
      const rec = extractRecord(input);
      expect(rec.form).toBe('other');
      expect(rec.fields.map((f) => f.key)).toEqual([...FIELD_KEYS]);
      expect(rec.fields.every((f) => f.status === 'missing' && f.value === null)).toBe(true);
      expect(rec.lineItems).toEqual([]);
    }
  });

  it('garbage never throws: bad boxes, absurd values, upside-down text, null words', () => {
    const rotated = (text: string, i: number) => ({ text: [...text].reverse().join(''), x: 2400 - i * 40, y: 3400 - i * 35, w: 300, h: -30, conf: 0.4 });
    const inputs: unknown[] = [
      null,
      [null],
      [{ index: 0, width: NaN, height: -1, dpi: 0, source: 'ocr', words: [{ text: 'INVOICE', x: NaN, y: 1, w: 1, h: 1, conf: 2 }, null, { text: 42 }] }],
      [{ index: 0, width: 2481, height: 3508, dpi: 300, source: 'ocr', words: ['COMMERCIAL', 'INVOICE', 'Invoice', 'No.:', 'X', 'Date:', '31/02/2026', 'TOTAL', 'AMOUNT:', '1e309'].map((t, i) => ({ text: t, x: 100 + i * 200, y: 200, w: 180, h: 40, conf: 0.9 })) }],
      [{ index: 0, width: 2481, height: 3508, dpi: 300, source: 'ocr', words: 'FORM E ASEAN-CHINA FREE TRADE AREA CERTIFICATE OF ORIGIN HS CODE 9901.00'.split(' ').map(rotated) }],
      [{ index: 0, width: 2481, height: 3508, dpi: 300, source: 'ocr', words: Array.from({ length: 3000 }, (_, i) => ({ text: `w${i}`, x: (i * 37) % 2400, y: (i * 13) % 3400, w: 30, h: 30, conf: 0.5 })) }],
    ];
    for (const input of inputs) {
      const rec = extractRecord(input as PageText[]);
      expect(DocumentRecord.safeParse(rec).success).toBe(true);
    }
  });

  it('invalid values become per-field statuses with a note', () => {
    const words = [
      ['COMMERCIAL INVOICE', 900, 150, 60],
      ['Invoice No.:', 1300, 330, 30],
      ['INV-7', 1750, 330, 30],
      ['Date:', 1300, 390, 30],
      ['31/02/2026', 1750, 390, 30],
      ['Terms of Delivery:', 1300, 450, 30],
      ['T/T 30 DAYS', 1750, 450, 30],
    ].flatMap(([t, x, y, h]) => {
      let cx = x as number;
      return (t as string).split(' ').map((w) => {
        const word = { text: w, x: cx, y: y as number, w: w.length * 18, h: h as number, conf: 1 };
        cx += w.length * 18 + 14;
        return word;
      });
    });
    const rec = extractRecord([{ index: 0, width: 2481, height: 3508, dpi: 300, source: 'pdf-text-layer', words }]);
    expect(rec.form).toBe('commercial_invoice');
    const f = Object.fromEntries(rec.fields.map((x) => [x.key, x]));
    expect(f.invoice_no).toMatchObject({ value: 'INV-7', status: 'ok' });
    expect(f.invoice_date!.status).toBe('invalid');
    expect(f.invoice_date!.note).toMatch(/no date/);
    expect(f.incoterms!.status).toBe('invalid');
    expect(f.total_amount!.status).toBe('missing');
  });

  it('an HS code with a bad chapter is invalid, with a note naming the chapter', async () => {
    const { doc, pages } = await generateWithTextLayer(404, 'co_eur1');
    const hs = doc.truth.fields.hs_code!;
    const words = pages[0]!.words.map((w) => (w.text.replace(/\./g, '') === hs.replace('.', '') || w.text === hs ? { ...w, text: '9911.22' } : w));
    const rec = extractRecord([{ ...pages[0]!, words }]);
    const f = rec.fields.find((x) => x.key === 'hs_code')!;
    expect(f.status).toBe('invalid');
    expect(f.value).toBe('9911.22');
    expect(f.note).toMatch(/chapter 99/);
  });
});

describe('unknown layouts', () => {
  it('a free-form document is read with the generic label/value reader', () => {
    const lines: [string, number, number][] = [
      ['PROFORMA', 1000, 120],
      ['Our reference: QX-77', 150, 300],
      ['Invoice Number: PF-2026-0042', 150, 360],
      ['Date of Invoice: 2026-05-04', 150, 420],
      ['Sold To: ACME TRADING LLC', 150, 480],
      ['Currency: EUR', 150, 540],
      ['Grand Total: 1.234,50', 150, 600],
      ['Gross Weight: 12,5 KG', 150, 660],
    ];
    const words = lines.flatMap(([t, x, y]) => {
      let cx = x;
      return t.split(' ').map((w) => {
        const word = { text: w, x: cx, y, w: w.length * 20, h: 34, conf: 0.95 };
        cx += w.length * 20 + 15;
        return word;
      });
    });
    const rec = extractRecord([{ index: 0, width: 2481, height: 3508, dpi: 300, source: 'ocr', words }]);
    expect(rec.form).toBe('other');
    const v = Object.fromEntries(rec.fields.map((f) => [f.key, f.value]));
    expect(v).toMatchObject({ invoice_no: 'PF-2026-0042', invoice_date: '2026-05-04', buyer: 'ACME TRADING LLC', currency: 'EUR', total_amount: '1234.50', gross_weight: '12.5 KG' });
  });

  it('a certificate whose layout matches no template still yields fields by label', () => {
    // An invoice-like certificate: classified as a C/O, but its anchors are nowhere on the page.
    const lines: [string, number, number][] = [
      ['CERTIFICATE OF ORIGIN', 800, 120],
      ['KOREA CHAMBER OF COMMERCE AND INDUSTRY', 700, 200],
      ['Invoice No.: KX-1', 150, 400],
    ];
    const words = lines.flatMap(([t, x, y]) => {
      let cx = x;
      return t.split(' ').map((w) => {
        const word = { text: w, x: cx, y, w: w.length * 20, h: 34, conf: 1 };
        cx += w.length * 20 + 15;
        return word;
      });
    });
    const rec = extractRecord([{ index: 0, width: 2481, height: 3508, dpi: 300, source: 'ocr', words }]);
    expect(rec.form).toBe('co_generic');
    expect(rec.fields.find((f) => f.key === 'invoice_no')!.value).toBe('KX-1');
  });
});

describe('certifying body under its seal', () => {
  const tok = (text: string, conf = 0.95) => ({ text, conf, x: 0, y: 0, w: 10, h: 10, page: 0, cx: 0, cy: 0, tw: 10, th: 10 });
  const names = (ts: ReturnType<typeof tok>[]) => trimStampDebris(ts).map((t) => t.text).join(' ');
  it('drops the seal lettering and date OCR reads after the name, and nothing of the name', () => {
    expect(names(['BUSAN', 'CUSTOMS', '8544', '2', '일'].map((t) => tok(t)))).toBe('BUSAN CUSTOMS');
    expect(names([tok('CCPIT'), tok('SHANGHAI'), tok('SUB-COUNCIL'), tok('Se'), tok('人'), tok('8')])).toBe('CCPIT SHANGHAI SUB-COUNCIL');
    expect(names([tok('KOREA'), tok('CUSTOMS'), tok('SERVICE'), tok('APPRO', 0.3)])).toBe('KOREA CUSTOMS SERVICE');
    expect(names(['MINISTRY', 'OF', 'COMMERCE,', 'LAO', 'PDR'].map((t) => tok(t)))).toBe('MINISTRY OF COMMERCE, LAO PDR');
    expect(names(['Korea', 'Chamber', 'of', 'Commerce'].map((t) => tok(t)))).toBe('Korea Chamber of Commerce');
  });
});
