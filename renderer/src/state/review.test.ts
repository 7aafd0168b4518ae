import { describe, expect, it } from 'vitest';
import type { SearchHit } from '../../../contract/api.ts';
import { CO_FIELDS, type DocumentRecord, type ExtractedField } from '../../../contract/fields.ts';
import {
  confidenceLevel,
  groupHitsByCase,
  needsReview,
  nextNeedingReview,
  reviewCounts,
  reviewFields,
  snippetParts,
  unionBox,
} from './review.ts';

const field = (key: ExtractedField['key'], status: ExtractedField['status'], value: string | null = 'x'): ExtractedField => ({
  key,
  value,
  raw: value ?? '',
  confidence: status === 'ok' ? 0.97 : 0.4,
  page: 0,
  box: null,
  status,
});

describe('review fields', () => {
  it('lists every field of a C/O in form order, the unreported ones as missing, extras last', () => {
    const record: DocumentRecord = {
      form: 'co_form_e',
      formConfidence: 0.9,
      fields: [field('hs_code', 'ok'), field('exporter', 'low_confidence'), field('currency', 'ok')],
      lineItems: [],
    };
    const fields = reviewFields(record);
    expect(fields.map((f) => f.key)).toEqual([...CO_FIELDS, 'currency']);
    expect(fields.find((f) => f.key === 'consignee')).toMatchObject({ status: 'missing', value: null, box: null });
    expect(fields.find((f) => f.key === 'exporter')?.status).toBe('low_confidence');
    expect(reviewCounts(fields)).toEqual({ total: CO_FIELDS.length + 1, review: CO_FIELDS.length - 1, corrected: 0 });
  });

  it('keeps only reported fields for forms without a field list', () => {
    const record: DocumentRecord = { form: 'packing_list', formConfidence: 0.5, fields: [field('gross_weight', 'ok')], lineItems: [] };
    expect(reviewFields(record).map((f) => f.key)).toEqual(['gross_weight']);
  });

  it('finds the next field needing review, wrapping round', () => {
    const fields = [field('invoice_no', 'ok'), field('seller', 'invalid'), field('buyer', 'corrected'), field('currency', 'missing', null)];
    expect(needsReview(fields[2]!)).toBe(false);
    expect(nextNeedingReview(fields, 0)).toBe(1);
    expect(nextNeedingReview(fields, 1)).toBe(3);
    expect(nextNeedingReview(fields, 3)).toBe(1);
    expect(nextNeedingReview(fields, -1)).toBe(1);
    expect(nextNeedingReview([field('invoice_no', 'ok')], 0)).toBe(-1);
    expect(nextNeedingReview([], 0)).toBe(-1);
  });

  it('bands confidence', () => {
    expect(confidenceLevel(0.97)).toBe('high');
    expect(confidenceLevel(0.7)).toBe('medium');
    expect(confidenceLevel(0.3)).toBe('low');
  });

  it('unites boxes', () => {
    expect(unionBox([])).toBeNull();
    expect(unionBox([{ x: 10, y: 20, w: 5, h: 5 }, { x: 30, y: 10, w: 10, h: 2 }])).toEqual({ x: 10, y: 10, w: 30, h: 15 });
  });
});

describe('search results', () => {
  it('splits snippets at the hit markers', () => {
    expect(snippetParts('Hex «bolts», steel «HS» 7318')).toEqual([
      { text: 'Hex ', hit: false },
      { text: 'bolts', hit: true },
      { text: ', steel ', hit: false },
      { text: 'HS', hit: true },
      { text: ' 7318', hit: false },
    ]);
    expect(snippetParts('«EUR»')).toEqual([{ text: 'EUR', hit: true }]);
    expect(snippetParts('no hit')).toEqual([{ text: 'no hit', hit: false }]);
    expect(snippetParts('…tail «open')).toEqual([
      { text: '…tail ', hit: false },
      { text: 'open', hit: true },
    ]);
    expect(snippetParts('')).toEqual([]);
  });

  it('groups hits by case in rank order', () => {
    const hit = (caseId: string, documentId: string): SearchHit => ({
      caseId,
      declarationNo: `D-${caseId}`,
      documentId,
      fileName: 'f.pdf',
      pageId: null,
      pageIndex: null,
      fieldKey: null,
      snippet: '',
      boxes: [],
    });
    const groups = groupHitsByCase([hit('case-b', 'doc-1'), hit('case-a', 'doc-2'), hit('case-b', 'doc-3')]);
    expect(groups.map((g) => [g.caseId, g.hits.map((h) => h.documentId)])).toEqual([
      ['case-b', ['doc-1', 'doc-3']],
      ['case-a', ['doc-2']],
    ]);
    expect(groups[0]?.declarationNo).toBe('D-case-b');
  });
});

describe('findings', () => {
  it('lists the worst first', async () => {
    const { sortFindings } = await import('./review.ts');
    const f = (code: string, severity: 'error' | 'warning' | 'info') => ({ code, severity, message: code, fields: [] });
    expect(sortFindings([f('b', 'info'), f('z', 'error'), f('a', 'warning'), f('a', 'error')]).map((x) => x.code)).toEqual(['a', 'z', 'a', 'b']);
  });
});
