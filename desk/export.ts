/**
 * Records export, schema `origindesk.records/1` (docs/export-schema.md): JSON with everything,
 * CSV with one row per document and one column per field for spreadsheets and risk tools.
 */
import { FIELD_KEYS, type DocumentRecord, type ExtractedField } from '../contract/fields.ts';
import type { CaseStore } from './store/case-store.ts';
import type { RecordStore } from './store/record-store.ts';

export const EXPORT_SCHEMA = 'origindesk.records/1';

export interface ExportedRecord {
  case: { id: string; declarationNo: string; port: string; date: string };
  document: { id: string; fileName: string; sha256: string; kind: string; fileType: string; pageTotal: number | null };
  form: DocumentRecord['form'];
  formConfidence: number;
  fields: Record<string, Omit<ExtractedField, 'key'>>;
  lineItems: DocumentRecord['lineItems'];
}

export function collectRecords(store: CaseStore, records: RecordStore, caseId?: string): ExportedRecord[] {
  const cases = caseId ? [store.getCase(caseId)] : store.listCases();
  const out: ExportedRecord[] = [];
  for (const c of cases) {
    for (const d of store.listDocuments(c.id)) {
      const record = records.getRecord(d.id);
      if (!record) continue;
      out.push({
        case: { id: c.id, declarationNo: c.declarationNo, port: c.port, date: c.date },
        document: { id: d.id, fileName: d.fileName, sha256: d.sha256, kind: d.kind, fileType: d.fileType, pageTotal: d.pageTotal },
        form: record.form,
        formConfidence: record.formConfidence,
        fields: Object.fromEntries(record.fields.map(({ key, ...rest }) => [key, rest])),
        lineItems: record.lineItems,
      });
    }
  }
  return out;
}

export function toJson(rows: ExportedRecord[]): string {
  return JSON.stringify({ schema: EXPORT_SCHEMA, exportedAt: new Date().toISOString(), records: rows }, null, 2);
}

/** RFC 4180 quoting, and a leading apostrophe on cells a spreadsheet would run as a formula. */
export function csvCell(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  let s = String(value);
  if (/^[=+@\t\r]/.test(s) || /^-[^\d.]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export const CSV_COLUMNS = [
  'case_id',
  'declaration_no',
  'port',
  'case_date',
  'document_id',
  'file_name',
  'sha256',
  'form',
  'form_confidence',
  ...FIELD_KEYS,
  'line_item_count',
  'needs_review',
] as const;

export function toCsv(rows: ExportedRecord[]): string {
  const lines = [CSV_COLUMNS.join(',')];
  for (const r of rows) {
    const review = Object.entries(r.fields)
      .filter(([, f]) => f.status === 'low_confidence' || f.status === 'invalid' || f.status === 'missing')
      .map(([k]) => k)
      .join(' ');
    const cells = [
      r.case.id,
      r.case.declarationNo,
      r.case.port,
      r.case.date,
      r.document.id,
      r.document.fileName,
      r.document.sha256,
      r.form,
      r.formConfidence.toFixed(3),
      ...FIELD_KEYS.map((k) => r.fields[k]?.value ?? null),
      r.lineItems.length,
      review,
    ];
    lines.push(cells.map(csvCell).join(','));
  }
  // The byte-order mark makes spreadsheet programs read UTF-8 (Hangul, Chinese) correctly.
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
