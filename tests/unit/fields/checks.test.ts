import { describe, expect, it } from 'vitest';
import { CrossCheckFinding } from '../../../contract/fields.ts';
import { generateShipmentDocuments, type CorpusForm } from '../../../corpus/generate.ts';
import { crossCheck, descriptionOverlap } from '../../../desk/fields/checks.ts';
import { extractRecord } from '../../../desk/fields/extract.ts';
import { pdfTextLayer } from '../../../desk/fields/pdf-text.ts';

const read = async (pdf: Uint8Array) => extractRecord(await pdfTextLayer(pdf));
const FORMS: CorpusForm[] = ['co_form_e', 'co_form_ak', 'co_rcep', 'co_eur1', 'co_gsp_form_a', 'co_generic'];

describe('cross-document checks (certificate ↔ invoice)', () => {
  for (const [i, form] of FORMS.entries()) {
    it(`a consistent ${form} + invoice pair gives no findings`, async () => {
      const docs = await generateShipmentDocuments({ seed: 500 + i, form });
      const findings = crossCheck(await read(docs.certificate.pdf), await read(docs.invoice.pdf));
      expect(findings).toEqual([]);
    });
  }

  it('a wrong invoice number, a mismatched HS code and a line-sum error give exactly those findings', async () => {
    for (const [i, form] of FORMS.slice(0, 2).entries()) {
      const docs = await generateShipmentDocuments({
        seed: 600 + i,
        form,
        alterInvoice: (s) => {
          s.invoiceNo = 'INV-WRONG-001';
          const hs = s.goods[0]!.hs;
          const other = hs === '8471.30' ? '8517.13' : '8471.30';
          for (const l of s.lines) if (l.hs === hs) (l.hs = other), (l.hsPrinted = other);
          s.totalMinor += 12_345; // the printed total no longer equals the sum of the lines
        },
      });
      const co = await read(docs.certificate.pdf);
      const findings = crossCheck(co, await read(docs.invoice.pdf));
      expect(findings.map((f) => f.code).sort(), form).toEqual(['hs_code_mismatch', 'invoice_no_mismatch', 'line_sum_mismatch']);
      for (const f of findings) {
        expect(CrossCheckFinding.safeParse(f).success).toBe(true);
        expect(f.severity).toBe('error');
        expect(f.fields.length).toBeGreaterThan(0);
      }
      const byCode = Object.fromEntries(findings.map((f) => [f.code, f.message]));
      // Messages explain themselves with both values.
      expect(byCode.invoice_no_mismatch).toContain(docs.shipment.invoiceNo.replace(/\s/g, '').toUpperCase());
      expect(byCode.invoice_no_mismatch).toContain('INV-WRONG-001');
      expect(byCode.hs_code_mismatch).toContain(docs.shipment.goods[0]!.hs);
      expect(byCode.line_sum_mismatch).toMatch(/123\.45/);
    }
  });

  it('reports weights, FOB values, currencies and dates that disagree', async () => {
    const docs = await generateShipmentDocuments({
      seed: 610,
      form: 'co_form_e',
      alterInvoice: (s) => {
        s.grossCenti += 50_000;
        s.invoiceDate = '2020-01-02';
        s.currency = s.currency === 'EUR' ? 'USD' : 'EUR';
        s.currencyPrefix = s.currency;
        s.incoterm = 'FOB';
        s.incotermPrinted = 'FOB SHANGHAI';
        s.lines[0]!.amountMinor += 100;
        s.lines[0]!.quantity += 0;
        s.totalMinor += 100;
      },
    });
    const codes = crossCheck(await read(docs.certificate.pdf), await read(docs.invoice.pdf)).map((f) => f.code);
    expect(codes).toEqual(expect.arrayContaining(['gross_weight_mismatch', 'invoice_date_mismatch', 'currency_mismatch', 'fob_value_mismatch', 'line_amount_mismatch']));
    expect(codes).not.toContain('line_sum_mismatch');
  });

  it('says when a check could not run', () => {
    const empty = extractRecord([]);
    const findings = crossCheck(empty, empty);
    expect(findings.every((f) => f.severity === 'info' && f.code === 'not_checked')).toBe(true);
    expect(findings.length).toBeGreaterThan(0);
  });

  it('description overlap ignores packaging words and numbers', () => {
    expect(descriptionOverlap('200 (TWO HUNDRED) CARTONS OF STAINLESS STEEL BOLTS', 'STAINLESS STEEL BOLTS MODEL HX-120')).toBe(1);
    expect(descriptionOverlap('FROZEN SHRIMPS', 'LAPTOP COMPUTERS')).toBe(0);
  });
});
