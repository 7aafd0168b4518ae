/**
 * Documents to data, end to end through the desk: a generated certificate of origin and its
 * invoice go in as files; records come out classified, with every field checked against the
 * generator's truth, searchable and exportable.
 */
import { describe, expect, it } from 'vitest';
import { generateDocument, makeShipment } from '../../corpus/generate.ts';
import { newCase, withDesk } from '../helpers.ts';

describe('ingest → OCR/text layer → record', () => {
  it('classifies a C/O and its invoice and fills their fields as printed', () =>
    withDesk(async (desk) => {
      const c = await newCase(desk, 'PIPE-1');
      // One shipment drawn as both documents: a consistent pair, as an exporter would present it.
      const shipment = makeShipment(4242, 'co_eur1', 'en');
      const co = await generateDocument({ seed: 4242, form: 'co_eur1', shipment });
      const inv = await generateDocument({ seed: 4242, form: 'commercial_invoice', shipment });
      const coDoc = (await desk.call('documents.ingest', { caseId: c.id, fileName: 'eur1.pdf', data: co.pdf })).document;
      const invDoc = (await desk.call('documents.ingest', { caseId: c.id, fileName: 'invoice.pdf', data: inv.pdf })).document;
      await desk.queue.idle();

      for (const [doc, truth] of [
        [coDoc, co.truth],
        [invDoc, inv.truth],
      ] as const) {
        const view = await desk.call('documents.record', { documentId: doc.id });
        expect(view.record?.form).toBe(truth.form);
        const got = Object.fromEntries(view.record!.fields.map((f) => [f.key, f.value]));
        const expected = Object.entries(truth.fields);
        const matched = expected.filter(([k, v]) => got[k] === v);
        // Born-digital text: everything the generator printed must come back exactly.
        expect(matched.map(([k]) => k)).toEqual(expected.map(([k]) => k));
        for (const f of view.record!.fields.filter((f) => f.value !== null && f.status !== 'missing')) {
          expect(f.page, f.key).toBe(0);
          expect(f.box, f.key).not.toBeNull();
        }
      }
      const detail = await desk.call('cases.get', { id: c.id });
      expect(detail.documents.map((d) => d.kind)).toEqual(['certificate_of_origin', 'commercial_invoice']);

      const invoiceNo = inv.truth.fields.invoice_no!;
      const hits = await desk.call('search.query', { query: invoiceNo });
      expect(hits.filter((h) => h.fieldKey === 'invoice_no').map((h) => h.documentId).sort()).toEqual([coDoc.id, invDoc.id].sort());
      // The two describe the same shipment: nothing to flag as an error.
      const findings = await desk.call('cases.findings', { caseId: c.id });
      expect(findings.filter((f) => f.severity === 'error')).toEqual([]);
      // An officer's correction that contradicts the invoice is flagged, naming both documents.
      await desk.call('fields.correct', { documentId: invDoc.id, key: 'invoice_no', value: 'OTHER-123', editor: 'test' });
      const after = await desk.call('cases.findings', { caseId: c.id });
      expect(co.truth.fields.invoice_no).toBe(invoiceNo);
      expect(after.find((f) => f.code === 'invoice_no_mismatch')).toMatchObject({ severity: 'error', documentIds: [coDoc.id, invDoc.id] });
      await desk.call('fields.correct', { documentId: invDoc.id, key: 'invoice_no', value: invoiceNo, editor: 'test' });
      const csv = await desk.call('records.export', { format: 'csv', caseId: c.id });
      expect(csv.content).toContain(invoiceNo);
    }));
});
