/**
 * Cross-document findings of a case: each certificate of origin is compared with the commercial
 * invoice it quotes (by invoice number), or with the case's only invoice when it quotes none
 * that is in the case — so a wrong number is itself reported, not silently skipped.
 */
import type { CaseFinding } from '../contract/api.ts';
import { isCertificateOfOrigin, type DocumentRecord } from '../contract/fields.ts';
import { crossCheck } from './fields/checks.ts';
import type { CaseStore } from './store/case-store.ts';
import type { RecordStore } from './store/record-store.ts';

const canon = (s: string | null | undefined) => (s ?? '').toUpperCase().replace(/[^A-Z0-9]/g, '');

export function caseFindings(store: CaseStore, records: RecordStore, caseId: string): CaseFinding[] {
  const docs = store
    .listDocuments(caseId)
    .map((d) => ({ id: d.id, record: records.getRecord(d.id) }))
    .filter((d): d is { id: string; record: DocumentRecord } => d.record !== null);
  const certificates = docs.filter((d) => isCertificateOfOrigin(d.record.form));
  const invoices = docs.filter((d) => d.record.form === 'commercial_invoice');
  const value = (r: DocumentRecord, key: string) => r.fields.find((f) => f.key === key)?.value ?? null;
  const out: CaseFinding[] = [];
  for (const co of certificates) {
    const quoted = canon(value(co.record, 'invoice_no'));
    const invoice = invoices.find((i) => quoted && canon(value(i.record, 'invoice_no')) === quoted) ?? (invoices.length === 1 ? invoices[0] : undefined);
    if (!invoice) continue;
    for (const f of crossCheck(co.record, invoice.record)) {
      out.push({ ...f, certificateId: co.id, invoiceId: invoice.id, documentIds: [co.id, invoice.id] });
    }
  }
  return out;
}
