/**
 * Field extraction on real invoices: the invoice2data regression invoices in
 * ../shared/data/invoices/invoice2data (vendor PDFs with their expected fields as JSON, read in
 * place). The four fields both schemas share are compared: invoice number, date, total amount,
 * currency — where the expected output has them. PDFs go through their text layer, as the desk
 * reads born-digital files; the PNG copies through OCR, as it reads scans.
 *
 * Run alone: `node --import tsx bench/fields-real.ts`.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';
import type { DocumentRecord, PageText } from '../contract/fields.ts';
import { extractRecord } from '../desk/fields/extract.ts';
import { pdfTextLayer } from '../desk/fields/pdf-text.ts';
import { createOcrEngine } from '../desk/ocr/index.ts';
import type { Figure } from './report.ts';
import { round } from './stats.ts';

const here = dirname(fileURLToPath(import.meta.url));
export const INVOICE2DATA = join(here, '..', '..', 'shared', 'data', 'invoices', 'invoice2data');

interface Expected {
  invoice_number?: string;
  date?: string;
  amount?: number;
  currency?: string;
}

/** Our field → how to compare it with invoice2data's. */
const COMPARE: { ours: string; theirs: keyof Expected; same(ours: string, theirs: Expected[keyof Expected]): boolean }[] = [
  { ours: 'invoice_no', theirs: 'invoice_number', same: (a, b) => a.replace(/^#/, '').toUpperCase() === String(b).replace(/^#/, '').toUpperCase() },
  { ours: 'invoice_date', theirs: 'date', same: (a, b) => a === b },
  { ours: 'total_amount', theirs: 'amount', same: (a, b) => Math.abs(Number(a) - Number(b)) < 0.005 },
  { ours: 'currency', theirs: 'currency', same: (a, b) => a === b },
];

function score(rec: DocumentRecord, want: Expected, misses: string[], name: string): { exact: number; total: number } {
  let exact = 0;
  let total = 0;
  for (const c of COMPARE) {
    const expected = want[c.theirs];
    if (expected === undefined || expected === null || expected === '') continue;
    total++;
    const got = rec.fields.find((f) => f.key === c.ours)?.value ?? null;
    if (got !== null && c.same(got, expected)) exact++;
    else misses.push(`${name} ${c.ours}: want ${JSON.stringify(expected)}, got ${JSON.stringify(got)}`);
  }
  return { exact, total };
}

export async function benchRealInvoices(o: { log: (line: string) => void }): Promise<Figure[]> {
  if (!existsSync(INVOICE2DATA)) {
    o.log(`fields-real: ${INVOICE2DATA} not found; skipped`);
    return [];
  }
  const names = readdirSync(INVOICE2DATA)
    .filter((f) => f.endsWith('.json'))
    .map((f) => f.slice(0, -5))
    .sort();
  const want = (n: string) => (JSON.parse(readFileSync(join(INVOICE2DATA, `${n}.json`), 'utf8')) as Expected[])[0] ?? {};
  const misses: string[] = [];
  const pdf = { exact: 0, total: 0, files: 0 };
  for (const n of names.filter((n) => existsSync(join(INVOICE2DATA, `${n}.pdf`)))) {
    const pages = await pdfTextLayer(new Uint8Array(readFileSync(join(INVOICE2DATA, `${n}.pdf`))));
    const s = score(extractRecord(pages), want(n), misses, `${n}.pdf`);
    pdf.exact += s.exact;
    pdf.total += s.total;
    pdf.files++;
  }
  const scans = { exact: 0, total: 0, files: 0 };
  const engine = createOcrEngine();
  try {
    for (const n of names.filter((n) => existsSync(join(INVOICE2DATA, `${n}.png`)))) {
      const path = join(INVOICE2DATA, `${n}.png`);
      const meta = await sharp(path).metadata();
      const dpi = meta.density && meta.density > 72.5 ? meta.density : undefined;
      const r = await engine.recognize(path, { langs: ['eng'], dpi });
      const page: PageText = { index: 0, width: meta.width!, height: meta.height!, dpi: dpi ?? 300, source: 'ocr', words: r.words };
      const s = score(extractRecord([page]), want(n), misses, `${n}.png`);
      scans.exact += s.exact;
      scans.total += s.total;
      scans.files++;
    }
  } finally {
    await engine.close();
  }
  for (const m of misses) o.log(`  miss ${m}`);
  const fig = (name: string, r: typeof pdf, how: string): Figure => ({
    name,
    value: round(r.total ? r.exact / r.total : 0, 4),
    unit: 'ratio',
    target: 0.95,
    baseline: null,
    better: 'higher',
    description: `invoice2data real vendor invoices (${r.files} files, ${how}): share of expected invoice number, date, total amount and currency read exactly (${r.exact}/${r.total})`,
  });
  return [fig('fields.exact_match.invoice2data', pdf, 'PDF text layer'), fig('fields.exact_match.invoice2data_scans', scans, 'PNG copies through OCR')];
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const f of await benchRealInvoices({ log: (l) => console.log(l) })) console.log(f.name, f.value, f.description);
}
