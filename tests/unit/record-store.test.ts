import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DocumentRecord, ExtractedField } from '../../contract/fields.ts';
import { CaseStore } from '../../desk/store/case-store.ts';
import { RecordStore, toFtsQuery } from '../../desk/store/record-store.ts';
import { tempDir } from '../helpers.ts';

const field = (key: ExtractedField['key'], value: string | null, extra: Partial<ExtractedField> = {}): ExtractedField => ({
  key,
  value,
  raw: value ?? '',
  confidence: 0.9,
  page: 0,
  box: { x: 10, y: 20, w: 300, h: 40 },
  status: value ? 'ok' : 'missing',
  ...extra,
});

describe('RecordStore', () => {
  let dir: ReturnType<typeof tempDir>;
  let cases: CaseStore;
  let records: RecordStore;
  let caseId: string;
  let docId: string;
  let pageId: string;

  const record: DocumentRecord = {
    form: 'co_form_e',
    formConfidence: 0.97,
    fields: [
      field('reference_no', 'E263301234567'),
      field('exporter', 'NINGBO HAISHU FASTENER CO., LTD. 宁波海曙紧固件有限公司'),
      field('hs_code', '7318.15'),
      field('invoice_no', 'NHF-2026-0311', { confidence: 0.41, status: 'low_confidence' }),
      field('fob_value', null),
    ],
    lineItems: [{ description: 'Hex bolts', hsCode: '7318.15', quantity: '1200', unit: 'CTN', unitPrice: null, amount: '18000.00', page: 0, box: null }],
  };

  beforeEach(() => {
    dir = tempDir();
    cases = new CaseStore(join(dir.path, 'desk.db'));
    records = new RecordStore(cases.db);
    caseId = cases.createCase({ declarationNo: 'S-1', port: 'Busan', date: '2026-01-01', notes: '' }).id;
    cases.addOriginal('b'.repeat(64), 1, 'pdf');
    docId = cases.addDocument({ caseId, sha256: 'b'.repeat(64), fileName: 'form-e.pdf', status: 'ready' }).id;
    pageId = cases.upsertPage(docId, 0, { width: 2480, height: 3508, dpi: 300, dpiAssumed: false, bitDepth: 8, hasTextLayer: true }).id;
    records.indexPageText(caseId, docId, pageId, 'CERTIFICATE OF ORIGIN FORM E 원산지증명서 issued in Ningbo 宁波');
    records.saveRecord(docId, caseId, record, 'test');
  });
  afterEach(() => {
    cases.close();
    dir.remove();
  });

  it('stores and returns the record with boxes and statuses', () => {
    const r = records.getRecord(docId)!;
    expect(r.form).toBe('co_form_e');
    expect(r.lineItems).toEqual(record.lineItems);
    expect(r.fields.find((f) => f.key === 'invoice_no')).toMatchObject({ status: 'low_confidence', box: { x: 10, y: 20, w: 300, h: 40 } });
    expect(records.getRecord('missing')).toBeNull();
  });

  it('keeps every correction with old value, new value, who and when, and re-extraction does not undo it', () => {
    records.correctField(docId, caseId, 'invoice_no', 'NHF-2026-0317', 'officer.kim');
    records.correctField(docId, caseId, 'invoice_no', 'NHF-2026-0318', 'examiner.lee');
    records.saveRecord(docId, caseId, record, 'test'); // a later re-extraction
    expect(records.getFields(docId).find((f) => f.key === 'invoice_no')).toMatchObject({ value: 'NHF-2026-0318', status: 'corrected' });
    const h = records.history(docId, 'invoice_no');
    expect(h.map((e) => [e.oldValue, e.newValue, e.editor])).toEqual([
      ['NHF-2026-0311', 'NHF-2026-0317', 'officer.kim'],
      ['NHF-2026-0317', 'NHF-2026-0318', 'examiner.lee'],
    ]);
    expect(Date.parse(h[0]!.editedAt)).toBeGreaterThan(0);
    // A re-extraction that no longer finds a field drops it, unless an officer corrected it.
    records.saveRecord(docId, caseId, { ...record, fields: record.fields.filter((f) => f.key !== 'exporter' && f.key !== 'invoice_no') }, 'test');
    expect(records.getFields(docId).map((f) => f.key)).not.toContain('exporter');
    expect(records.getFields(docId).find((f) => f.key === 'invoice_no')?.value).toBe('NHF-2026-0318');
    // A field extraction missed can be filled in by hand.
    records.correctField(docId, caseId, 'origin_criterion', 'RVC 40%', 'officer.kim');
    expect(records.getFields(docId).find((f) => f.key === 'origin_criterion')?.value).toBe('RVC 40%');
  });

  it('refuses to rewrite history and detects a rewrite of the file', () => {
    records.correctField(docId, caseId, 'hs_code', '7318.16', 'officer.kim');
    records.correctField(docId, caseId, 'exporter', 'NINGBO HAISHU', 'officer.kim');
    expect(() => cases.db.prepare(`UPDATE field_edits SET new_value = 'x'`).run()).toThrow(/append-only/);
    expect(() => cases.db.prepare(`DELETE FROM field_edits`).run()).toThrow(/append-only/);
    expect(records.verifyHistory()).toBeNull();
    // Someone with the file drops the trigger and edits a row: the chain shows it.
    cases.db.exec(`DROP TRIGGER field_edits_append_only_update`);
    cases.db.prepare(`UPDATE field_edits SET new_value = '9999.99' WHERE seq = 1`).run();
    expect(records.verifyHistory()).toEqual({ seq: 1, reason: 'its content was altered' });
  });

  it('finds fields and page words in any script, field hits first, with highlighted snippets', () => {
    const byNo = records.search('NHF-2026');
    expect(byNo[0]).toMatchObject({ documentId: docId, fieldKey: 'invoice_no', pageId });
    expect(byNo[0]!.snippet).toContain('«NHF-2026»');
    expect(records.search('원산지').map((h) => h.pageId)).toEqual([pageId]);
    expect(records.search('宁波海曙')[0]?.fieldKey).toBe('exporter');
    expect(records.search('ningbo origin').length).toBeGreaterThan(0); // AND of terms, case-insensitive
    expect(records.search('E 원산지증명서')[0]?.pageId).toBe(pageId); // a 1-char term filters by substring
    expect(records.search('nothing-like-this')).toEqual([]);
  });

  it('treats FTS syntax in queries as plain text', () => {
    for (const q of ['"', 'NEAR(', 'a OR b', '*', 'col:val', '""""', '(((']) expect(() => records.search(q)).not.toThrow();
    expect(toFtsQuery('he said "no"').match).toBe('"said" AND """no"""');
  });
});
