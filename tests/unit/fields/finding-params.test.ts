/**
 * Every cross-check finding carries the values its English sentence quotes (`params`), so the UI
 * can say it in the examiner's language: each code the checks produce has a dictionary template
 * whose placeholders its params fill, and the English template filled from them is the desk's
 * sentence word for word. Unknown codes, variants or missing values fall back to that sentence.
 */
import { describe, expect, it } from 'vitest';
import { CROSS_CHECK_CODES, CrossCheckFinding, type DocumentRecord, type ExtractedField, type FieldKey, type LineItem } from '../../../contract/fields.ts';
import { crossCheck } from '../../../desk/fields/checks.ts';
import { en } from '../../../renderer/src/i18n/en.ts';
import { findingMessage, findingMessageKey, placeholders } from '../../../renderer/src/i18n/desk-messages.ts';
import { ko } from '../../../renderer/src/i18n/ko.ts';
import { interpolate } from '../../../renderer/src/i18n/translate.ts';

const field = (key: FieldKey, value: string | null, raw = value ?? ''): ExtractedField => ({
  key,
  value,
  raw,
  confidence: 0.95,
  page: 0,
  box: null,
  status: value === null ? 'missing' : 'ok',
});

const line = (l: Partial<LineItem> & { description: string }): LineItem => ({
  hsCode: null,
  quantity: null,
  unit: null,
  unitPrice: null,
  amount: null,
  page: 0,
  box: null,
  ...l,
});

const record = (form: DocumentRecord['form'], fields: ExtractedField[], lineItems: LineItem[] = []): DocumentRecord => ({
  form,
  formConfidence: 0.9,
  fields,
  lineItems,
});

/** A certificate and an invoice that disagree on everything the checks compare. */
function disagreeing() {
  const co = record(
    'co_form_e',
    [
      field('invoice_no', 'INV-2026-001'),
      field('invoice_date', '2026-01-05'),
      field('gross_weight_quantity', '500 KG'),
      field('fob_value', '1000.00', 'EUR 1,000.00'),
    ],
    [line({ description: 'FROZEN SHRIMPS PEELED', hsCode: '0306.17', quantity: '100', unit: 'CTNS', amount: '1000.00' })],
  );
  const invoice = record(
    'commercial_invoice',
    [
      field('invoice_no', 'INV-2026-002'),
      field('invoice_date', '2026-01-06'),
      field('gross_weight', '510 KG'),
      field('total_quantity', '120'),
      field('total_amount', '999.00', 'EUR 999.00'),
      field('currency', 'USD'),
      field('incoterms', 'FOB'),
    ],
    [line({ description: 'LAPTOP COMPUTERS', hsCode: '8471.30', quantity: '10', unit: 'PCS', unitPrice: '50.00', amount: '600.00' })],
  );
  return crossCheck(co, invoice);
}

/** Checks that cannot run: values unread, invoice lines without HS codes or a total. */
function unreadable() {
  const co = record('co_form_e', [], [line({ description: 'FROZEN SHRIMPS', hsCode: '0306.17' })]);
  const invoice = record('commercial_invoice', [], [line({ description: 'FROZEN SHRIMPS', amount: '10.00' })]);
  return crossCheck(co, invoice);
}

const all = () => [...disagreeing(), ...unreadable()];

describe('cross-check findings carry the values their sentences quote', () => {
  it('the fixtures produce every finding code', () => {
    expect(new Set(all().map((f) => f.code))).toEqual(new Set(CROSS_CHECK_CODES));
    // Both currency sentences and every check that could not run.
    expect(disagreeing().filter((f) => f.code === 'currency_mismatch')).toHaveLength(2);
    expect(
      all()
        .filter((f) => f.code === 'not_checked')
        .map((f) => f.params?.variant)
        .sort(),
    ).toEqual(['hs_codes', 'invoice_date', 'invoice_no', 'line_sum']);
  });

  it('every finding has a template whose placeholders its params fill, in English and Korean', () => {
    for (const f of all()) {
      expect(CrossCheckFinding.safeParse(f).success, f.code).toBe(true);
      const key = findingMessageKey(f.code, f.params);
      expect(key, `${f.code} ${JSON.stringify(f.params)}`).not.toBeNull();
      const needed = placeholders(en[key!]);
      for (const name of needed) expect(f.params?.[name], `${key}: {${name}}`).toBeDefined();
      expect(placeholders(ko[key!]).sort()).toEqual([...needed].sort());
      expect(findingMessage('ko', f)).not.toMatch(/\{\w+\}/);
      expect(findingMessage('ko', f)).toMatch(/[\uac00-\ud7a3]/);
    }
  });

  it('the English template filled from the params is the desk’s sentence word for word', () => {
    for (const f of all()) {
      const key = findingMessageKey(f.code, f.params)!;
      expect(interpolate('en', en[key], f.params), key).toBe(f.message);
      expect(findingMessage('en', f)).toBe(f.message);
    }
  });

  it('every finding template in the dictionaries belongs to a code', () => {
    const templates = Object.keys(en).filter((k) => k.startsWith('findings.message.'));
    for (const key of templates) {
      const [code] = key.slice('findings.message.'.length).split('.');
      expect(CROSS_CHECK_CODES as readonly string[], key).toContain(code);
    }
  });

  it('falls back to the desk’s sentence for an unknown code or variant, or values missing', () => {
    const [weight] = disagreeing().filter((f) => f.code === 'gross_weight_mismatch');
    expect(findingMessage('ko', weight!)).toContain('총중량');
    expect(findingMessage('ko', { code: 'brand_new_check', message: 'Something new.', params: {} })).toBe('Something new.');
    expect(findingMessage('ko', { code: 'not_checked', message: 'Old note.', params: { variant: 'unheard_of' } })).toBe('Old note.');
    // A finding stored before params existed.
    expect(findingMessage('ko', { code: 'gross_weight_mismatch', message: weight!.message })).toBe(weight!.message);
  });
});
