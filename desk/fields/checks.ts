/**
 * Cross-document checks between a certificate of origin and the commercial invoice it cites:
 * invoice number and date, goods descriptions (token overlap), HS codes (6 digits), gross
 * weights and quantities, FOB value against the invoice lines, invoice lines against the
 * invoice total (±0.01), line arithmetic, and currencies. Each finding explains itself with
 * both values. Checks that cannot run (a value unread) say so as 'info' findings.
 *
 * The message is English; `params` carry every value it quotes, so the UI can say the same in
 * the examiner's language from the code. Where one code has several sentences, `params.variant`
 * names the one used (`not_checked`: which check; `currency_mismatch`: `total` for the invoice's
 * own total).
 */
import type { CrossCheckFieldRef, CrossCheckFinding, DocumentRecord, FieldKey, LineItem } from '../../contract/fields.ts';
import { normaliseCurrency } from './normalise.ts';

const field = (r: DocumentRecord, k: FieldKey) => {
  const f = r.fields.find((x) => x.key === k);
  return f && f.value !== null && f.status !== 'invalid' && f.status !== 'missing' ? f : null;
};

const canonId = (s: string) => s.toUpperCase().replace(/[^A-Z0-9]/g, '');
const cents = (s: string | null | undefined) => (s && /^-?\d+(\.\d+)?$/.test(s) ? Math.round(Number(s) * 100) : null);
const fmt = (c: number) => (c / 100).toFixed(2);

const STOP = new Set([
  'OF', 'AND', 'THE', 'FOR', 'WITH', 'OR', 'IN', 'TO', 'A', 'AN', 'BY', 'NOT', 'OTHER', 'THAN', 'WHETHER', 'ONLY',
  'CARTONS', 'CARTON', 'CTNS', 'CASES', 'PALLETS', 'BAGS', 'DRUMS', 'BUNDLES', 'ROLLS', 'CRATES', 'PACKAGES', 'PKGS', 'PCS',
  'MODEL', 'SIZE', 'TYPE', 'GRADE', 'COLOR', 'COLOUR', 'ART', 'NO', 'STYLE', 'ITEM', 'HS', 'CODE',
  'ONE', 'TWO', 'THREE', 'FOUR', 'FIVE', 'SIX', 'SEVEN', 'EIGHT', 'NINE', 'TEN', 'ELEVEN', 'TWELVE', 'THIRTEEN', 'FOURTEEN',
  'FIFTEEN', 'SIXTEEN', 'SEVENTEEN', 'EIGHTEEN', 'NINETEEN', 'TWENTY', 'THIRTY', 'FORTY', 'FIFTY', 'SIXTY', 'SEVENTY',
  'EIGHTY', 'NINETY', 'HUNDRED', 'THOUSAND', 'MILLION', 'BLACK', 'WHITE', 'S', 'M', 'L', 'B',
]);

export function contentTokens(text: string): Set<string> {
  return new Set(
    text
      .toUpperCase()
      .split(/[^\p{L}\p{N}]+/u)
      .filter((w) => w.length > 1 && !STOP.has(w) && !/^\d+$/.test(w))
      .map((w) => (w.length > 4 && w.endsWith('S') ? w.slice(0, -1) : w)),
  );
}

/** Share of the smaller description's words found in the other. */
export function descriptionOverlap(a: string, b: string): number {
  const A = contentTokens(a), B = contentTokens(b);
  if (!A.size || !B.size) return 0;
  let n = 0;
  for (const w of A) if (B.has(w)) n++;
  return n / Math.min(A.size, B.size);
}

const ref = (document: 'certificate' | 'invoice', key: FieldKey | null, lineItem?: number): CrossCheckFieldRef => ({ document, key, ...(lineItem !== undefined ? { lineItem } : {}) });

export interface CheckOptions {
  /** Relative tolerance for weights (default 0.1 %: rounding, not a different shipment). */
  weightTolerance?: number;
  /** Below this description overlap a goods mismatch is reported (default 0.5). */
  minDescriptionOverlap?: number;
}

export function crossCheck(co: DocumentRecord, invoice: DocumentRecord, opts: CheckOptions = {}): CrossCheckFinding[] {
  const out: CrossCheckFinding[] = [];
  const add = (f: CrossCheckFinding) => out.push(f);
  const notChecked = (variant: 'invoice_no' | 'invoice_date' | 'hs_codes' | 'line_sum', what: string, fields: CrossCheckFieldRef[]) =>
    add({ code: 'not_checked', severity: 'info', message: `${what} could not be compared: a value is missing or unreadable.`, fields, params: { variant } });

  // Invoice number.
  const coNo = field(co, 'invoice_no'), invNo = field(invoice, 'invoice_no');
  if (coNo && invNo) {
    if (canonId(coNo.value!) !== canonId(invNo.value!))
      add({
        code: 'invoice_no_mismatch',
        severity: 'error',
        message: `The certificate cites invoice "${coNo.value}" but the invoice is numbered "${invNo.value}".`,
        fields: [ref('certificate', 'invoice_no'), ref('invoice', 'invoice_no')],
        params: { certificate: coNo.value!, invoice: invNo.value! },
      });
  } else notChecked('invoice_no', 'The invoice number', [ref('certificate', 'invoice_no'), ref('invoice', 'invoice_no')]);

  // Invoice date.
  const coDate = field(co, 'invoice_date'), invDate = field(invoice, 'invoice_date');
  if (coDate && invDate) {
    if (coDate.value !== invDate.value)
      add({
        code: 'invoice_date_mismatch',
        severity: 'error',
        message: `The certificate dates invoice ${coDate.value} but the invoice is dated ${invDate.value}.`,
        fields: [ref('certificate', 'invoice_date'), ref('invoice', 'invoice_date')],
        params: { certificate: coDate.value!, invoice: invDate.value! },
      });
  } else notChecked('invoice_date', 'The invoice date', [ref('certificate', 'invoice_date'), ref('invoice', 'invoice_date')]);

  // Certificate items: from line items, or the first-item fields when no rows were read.
  const coItems: LineItem[] = co.lineItems.length
    ? co.lineItems
    : field(co, 'goods_description')
      ? [{
          description: field(co, 'goods_description')!.value!,
          hsCode: field(co, 'hs_code')?.value ?? null,
          quantity: field(co, 'gross_weight_quantity')?.value?.split(' ')[0] ?? null,
          unit: field(co, 'gross_weight_quantity')?.value?.split(' ')[1] ?? null,
          unitPrice: null,
          amount: field(co, 'fob_value')?.value ?? null,
          page: null,
          box: null,
        }]
      : [];
  const invLines = invoice.lineItems;

  // Goods descriptions and HS codes, item by item.
  const invHs = new Set(invLines.map((l) => l.hsCode?.replace(/\D/g, '').slice(0, 6)).filter((h): h is string => !!h && h.length === 6));
  coItems.forEach((item, i) => {
    if (invLines.length) {
      let best = 0;
      let bestLine = -1;
      invLines.forEach((l, j) => {
        const o = descriptionOverlap(item.description, l.description);
        if (o > best) (best = o), (bestLine = j);
      });
      if (best < (opts.minDescriptionOverlap ?? 0.5)) {
        const closest = bestLine >= 0 ? invLines[bestLine]!.description : '—';
        add({
          code: 'goods_description_mismatch',
          severity: 'warning',
          message: `Certificate item ${i + 1} describes "${item.description}", which matches no invoice line well (best: "${closest}", ${Math.round(best * 100)}% of words shared).`,
          fields: [ref('certificate', 'goods_description', i), ...(bestLine >= 0 ? [ref('invoice', null, bestLine)] : [])],
          params: { item: i + 1, certificate: item.description, invoice: closest, overlap: Math.round(best * 100) },
        });
      }
    }
    const hs = item.hsCode?.replace(/\D/g, '').slice(0, 6);
    if (hs && hs.length === 6) {
      if (invHs.size && !invHs.has(hs)) {
        const list = [...invHs].map((h) => `${h.slice(0, 4)}.${h.slice(4)}`).join(', ');
        add({
          code: 'hs_code_mismatch',
          severity: 'error',
          message: `Certificate item ${i + 1} is classified ${hs.slice(0, 4)}.${hs.slice(4)}, but no invoice line carries that subheading (invoice: ${list}).`,
          fields: [ref('certificate', 'hs_code', i), ...invLines.map((_, j) => ref('invoice', null, j))],
          params: { item: i + 1, certificate: `${hs.slice(0, 4)}.${hs.slice(4)}`, invoice: list },
        });
      }
    }
  });
  if (coItems.some((i) => i.hsCode) && !invHs.size && invLines.length) notChecked('hs_codes', 'HS codes (the invoice lines carry none)', [ref('certificate', 'hs_code'), ref('invoice', null)]);

  // Gross weight: certificate items (kg) against the invoice's gross weight; when the items are
  // counted in packages, the certificate's own gross-weight box (box 9) in kg.
  const invGw = field(invoice, 'gross_weight');
  const coKg = coItems.filter((i) => i.unit === 'KG' && cents(i.quantity) !== null);
  const [coGwValue, coGwUnit] = field(co, 'gross_weight_quantity')?.value?.split(' ') ?? [];
  const coWeight =
    coKg.length && coKg.length === coItems.length
      ? coKg.reduce((s, i) => s + cents(i.quantity)!, 0)
      : coGwUnit === 'KG'
        ? cents(coGwValue ?? null)
        : null;
  if (invGw && coWeight !== null) {
    const [v, unit] = invGw.value!.split(' ');
    const a = coWeight;
    const b = cents(v);
    if (b !== null && unit === 'KG' && Math.abs(a - b) > Math.max(1, Math.abs(b) * (opts.weightTolerance ?? 0.001)))
      add({
        code: 'gross_weight_mismatch',
        severity: 'warning',
        message: `The certificate's gross weight totals ${fmt(a)} KG but the invoice states ${fmt(b)} KG.`,
        fields: [ref('certificate', 'gross_weight_quantity'), ref('invoice', 'gross_weight')],
        params: { certificate: fmt(a), invoice: fmt(b) },
      });
  }
  // Quantities stated as pieces on the certificate against the invoice's total quantity.
  const invQty = field(invoice, 'total_quantity');
  const coPieces = coItems.filter((i) => i.unit && i.unit !== 'KG' && i.unit !== 'MT' && i.unit !== 'LB' && cents(i.quantity) !== null);
  if (invQty && coPieces.length && coPieces.length === coItems.length) {
    const a = coPieces.reduce((s, i) => s + cents(i.quantity)!, 0);
    const b = cents(invQty.value);
    const count = (c: number) => fmt(c).replace(/\.00$/, '');
    if (b !== null && a !== b)
      add({
        code: 'quantity_mismatch',
        severity: 'warning',
        message: `The certificate states ${count(a)} ${coPieces[0]!.unit} but the invoice totals ${count(b)}.`,
        fields: [ref('certificate', 'gross_weight_quantity'), ref('invoice', 'total_quantity')],
        params: { certificate: count(a), unit: coPieces[0]!.unit!, invoice: count(b) },
      });
  }

  // Invoice lines against the invoice total, and each line's arithmetic.
  const total = field(invoice, 'total_amount');
  const amounts = invLines.map((l) => cents(l.amount));
  const lineSum = amounts.every((a) => a !== null) && amounts.length ? amounts.reduce((s, a) => s! + a!, 0)! : null;
  if (total && lineSum !== null) {
    const t = cents(total.value)!;
    if (Math.abs(t - lineSum) > 1)
      add({
        code: 'line_sum_mismatch',
        severity: 'error',
        message: `The invoice lines add up to ${fmt(lineSum)} but the invoice total is ${fmt(t)} (difference ${fmt(t - lineSum)}).`,
        fields: [ref('invoice', 'total_amount'), ...invLines.map((_, j) => ref('invoice', null, j))],
        params: { lines: fmt(lineSum), total: fmt(t), difference: fmt(t - lineSum) },
      });
  } else if (invLines.length || total) notChecked('line_sum', 'The invoice total against its lines', [ref('invoice', 'total_amount')]);
  invLines.forEach((l, j) => {
    const q = l.quantity && /^\d+(\.\d+)?$/.test(l.quantity) ? Number(l.quantity) : null;
    const p = l.unitPrice && /^\d+(\.\d+)?$/.test(l.unitPrice) ? Number(l.unitPrice) : null;
    const a = cents(l.amount);
    if (q === null || p === null || a === null) return;
    const expect = Math.round(q * p * 100);
    const decimals = (l.unitPrice!.split('.')[1] ?? '').length;
    const tol = decimals > 2 ? Math.max(1, Math.ceil(q * 0.5)) : 1;
    if (Math.abs(expect - a) > tol)
      add({
        code: 'line_amount_mismatch',
        severity: 'warning',
        message: `Invoice line ${j + 1}: ${l.quantity} × ${l.unitPrice} = ${fmt(expect)}, but the line amount is ${fmt(a)}.`,
        fields: [ref('invoice', null, j)],
        params: { line: j + 1, quantity: l.quantity!, unitPrice: l.unitPrice!, expected: fmt(expect), amount: fmt(a) },
      });
  });

  // FOB value: under FOB/FCA/EXW the certificate's FOB values are the goods value invoiced.
  const incoterm = field(invoice, 'incoterms')?.value;
  const fobs = coItems.map((i) => cents(i.amount));
  if (fobs.length && fobs.every((f) => f !== null) && lineSum !== null && incoterm && ['FOB', 'FCA', 'EXW'].includes(incoterm)) {
    const fob = fobs.reduce((s, f) => s! + f!, 0)!;
    if (Math.abs(fob - lineSum) > 1)
      add({
        code: 'fob_value_mismatch',
        severity: 'warning',
        message: `The certificate's FOB value is ${fmt(fob)} but the invoice (${incoterm}) values the goods at ${fmt(lineSum)}.`,
        fields: [ref('certificate', 'fob_value'), ref('invoice', 'total_amount')],
        params: { certificate: fmt(fob), incoterm, invoice: fmt(lineSum) },
      });
  }

  // Currencies: the invoice's, the one printed with its total, and the certificate's FOB.
  const cur = field(invoice, 'currency')?.value ?? null;
  const fobField = co.fields.find((f) => f.key === 'fob_value' && f.value !== null);
  const coCur = fobField ? normaliseCurrency(fobField.raw).value : null;
  if (cur && coCur && /^[A-Z]{3}$/.test(coCur) && coCur !== cur)
    add({
      code: 'currency_mismatch',
      severity: 'warning',
      message: `The certificate states its FOB value in ${coCur} but the invoice is in ${cur}.`,
      fields: [ref('certificate', 'fob_value'), ref('invoice', 'currency')],
      params: { certificate: coCur, invoice: cur },
    });
  const totalCur = total ? normaliseCurrency(total.raw).value : null;
  if (cur && totalCur && /^[A-Z]{3}$/.test(totalCur) && /[A-Z$€¥₩£]/.test(total!.raw) && totalCur !== cur)
    add({
      code: 'currency_mismatch',
      severity: 'warning',
      message: `The invoice is in ${cur} but its total is written in ${totalCur}.`,
      fields: [ref('invoice', 'currency'), ref('invoice', 'total_amount')],
      params: { variant: 'total', currency: cur, total: totalCur },
    });
  return out;
}
