/** Review and export through the desk API: corrections with history, CSV/JSON export round-trip. */
import { describe, expect, it } from 'vitest';
import type { DocumentRecord } from '../../contract/fields.ts';
import { csvCell, CSV_COLUMNS, EXPORT_SCHEMA } from '../../desk/export.ts';
import { makePdf } from '../fixtures/documents.ts';
import { newCase, withDesk } from '../helpers.ts';

const record: DocumentRecord = {
  form: 'commercial_invoice',
  formConfidence: 0.93,
  fields: [
    { key: 'invoice_no', value: 'INV-77', raw: 'INV-77', confidence: 0.95, page: 0, box: { x: 1, y: 2, w: 3, h: 4 }, status: 'ok' },
    { key: 'seller', value: '=HYPERLINK("http://x")', raw: '=HYPERLINK("http://x")', confidence: 0.9, page: 0, box: null, status: 'ok' },
    { key: 'total_amount', value: '1234.50', raw: '1.234,50', confidence: 0.5, page: 0, box: null, status: 'low_confidence' },
    { key: 'currency', value: null, raw: '', confidence: 0, page: null, box: null, status: 'missing' },
  ],
  lineItems: [{ description: 'Bolts, "hex"', hsCode: '7318.15', quantity: '10', unit: 'CTN', unitPrice: '123.45', amount: '1234.50', page: 0, box: null }],
};

describe('records through the API', () => {
  it('corrects a field with history, and exports CSV and JSON that round-trip', () =>
    withDesk(async (desk) => {
      const c = await newCase(desk, 'EXP-1');
      const { document } = await desk.call('documents.ingest', { caseId: c.id, fileName: 'invoice.pdf', data: await makePdf(1) });
      await desk.queue.idle();
      desk.records.saveRecord(document.id, c.id, record, 'test');

      const corrected = await desk.call('fields.correct', { documentId: document.id, key: 'currency', value: 'EUR', editor: 'officer.park' });
      expect(corrected).toMatchObject({ key: 'currency', value: 'EUR', status: 'corrected' });
      const view = await desk.call('documents.record', { documentId: document.id });
      expect(view.record?.fields.find((f) => f.key === 'currency')?.value).toBe('EUR');
      expect(view.history).toMatchObject([{ key: 'currency', oldValue: null, newValue: 'EUR', editor: 'officer.park' }]);
      await expect(desk.call('fields.correct', { documentId: document.id, key: 'currency', value: 'X', editor: ' ' })).rejects.toMatchObject({
        code: 'invalid_argument',
      });
      await expect(desk.call('fields.correct', { documentId: document.id, key: 'no_such_field' as never, value: 'X', editor: 'a' })).rejects.toMatchObject({
        code: 'invalid_argument',
      });
      // Corrections are searchable at once.
      expect((await desk.call('search.query', { query: 'EUR' }))[0]).toMatchObject({ documentId: document.id, fieldKey: 'currency' });

      const json = await desk.call('records.export', { format: 'json', caseId: c.id });
      expect(json).toMatchObject({ fileName: 'origindesk-records-EXP-1.json', mimeType: 'application/json' });
      const parsed = JSON.parse(json.content);
      expect(parsed.schema).toBe(EXPORT_SCHEMA);
      expect(parsed.records).toHaveLength(1);
      expect(parsed.records[0]).toMatchObject({
        case: { declarationNo: 'EXP-1' },
        document: { fileName: 'invoice.pdf', sha256: document.sha256 },
        form: 'commercial_invoice',
        fields: { invoice_no: { value: 'INV-77', box: { x: 1, y: 2, w: 3, h: 4 } }, currency: { value: 'EUR', status: 'corrected' } },
        lineItems: record.lineItems,
      });

      const csv = await desk.call('records.export', { format: 'csv' });
      expect(csv.content.startsWith('\uFEFF')).toBe(true);
      const lines = csv.content.slice(1).trimEnd().split('\r\n');
      expect(lines[0]).toBe(CSV_COLUMNS.join(','));
      expect(lines).toHaveLength(2);
      const header = lines[0]!.split(',');
      const row = parseCsvRow(lines[1]!);
      const cell = (name: string) => row[header.indexOf(name)];
      expect(cell('invoice_no')).toBe('INV-77');
      expect(cell('total_amount')).toBe('1234.50');
      expect(cell('seller')).toBe(`'=HYPERLINK("http://x")`); // neutralised formula
      expect(cell('needs_review')).toBe('total_amount');
      expect(cell('line_item_count')).toBe('1');
    }));

  it('quotes CSV cells per RFC 4180 and defuses formulas', () => {
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('+1+1')).toBe("'+1+1");
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell('-12.5')).toBe('-12.5');
    expect(csvCell('-cmd')).toBe("'-cmd");
    expect(csvCell(null)).toBe('');
  });
});

/** Minimal RFC 4180 row parser for the assertions above. */
function parseCsvRow(line: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!;
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') (cur += '"'), i++;
      else if (ch === '"') quoted = false;
      else cur += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') out.push(cur), (cur = '');
    else cur += ch;
  }
  out.push(cur);
  return out;
}
