/** The `origindesk` command as a user runs it: real process, exit codes, JSON output. */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { corruptPdf, makePdf, makeTiff } from '../fixtures/documents.ts';
import { demoAssetsDir } from '../../desk/paths.ts';
import { tempDir } from '../helpers.ts';

const DEMO = demoAssetsDir();

const dir = tempDir();
const data = join(dir.path, 'data');
const run = (...args: string[]) => {
  const r = spawnSync(process.execPath, ['bin/origindesk.mjs', ...args, '--data-dir', data], { encoding: 'utf8', timeout: 120_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
};

afterAll(() => dir.remove());

describe('origindesk CLI', () => {
  it('creates a case, ingests files, lists and shows them', async () => {
    const created = run('new-case', '--declaration', 'CLI-7', '--port', 'Gwangyang', '--date', '2026-11-02', '--json');
    expect(created.code).toBe(0);
    const caseId = JSON.parse(created.out).id as string;
    const pdf = join(dir.path, 'co.pdf');
    const tif = join(dir.path, 'scan.tif');
    writeFileSync(pdf, await makePdf(2));
    writeFileSync(tif, await makeTiff(2, { width: 300, height: 420 }));
    const ingested = run('ingest', pdf, tif, '--case', caseId, '--json');
    expect(ingested.code).toBe(0);
    const docs = JSON.parse(ingested.out) as { document: { status: string; pageTotal: number } }[];
    expect(docs.map((d) => [d.document.status, d.document.pageTotal])).toEqual([
      ['ready', 2],
      ['ready', 2],
    ]);
    const cases = JSON.parse(run('cases', '--json').out);
    expect(cases).toMatchObject([{ id: caseId, declarationNo: 'CLI-7', documentCount: 2, pageCount: 4 }]);
    expect(run('cases', '--search', 'Gwang').out).toContain('CLI-7');
    expect(run('show', caseId).out).toContain('scan.tif');
  });

  it('exits non-zero with a clear message on bad input', async () => {
    const caseId = JSON.parse(run('new-case', '--declaration', 'CLI-8', '--port', 'Busan', '--json').out).id as string;
    const bad = join(dir.path, 'bad.pdf');
    writeFileSync(bad, corruptPdf(await makePdf(2)));
    const r = run('ingest', bad, join(dir.path, 'missing.pdf'), '--case', caseId);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/corrupt_file: not a readable PDF/);
    expect(r.out).toMatch(/missing\.pdf: no such file/);
    expect(run('ingest', bad).err).toMatch(/needs --case/);
    expect(run('ingest', bad, '--case', 'no-such-case').code).toBe(1);
    expect(run('frobnicate').code).toBe(2);
    const invalid = run('new-case', '--port', 'Busan', '--json');
    expect(invalid.code).toBe(1);
    expect(JSON.parse(invalid.out).error).toMatchObject({ code: 'invalid_argument', params: { field: 'declarationNo' } });
  });
});

describe('origindesk extract', () => {
  it('prints type, fields with boxes and page text of a folder of documents, leaving no case behind', async () => {
    const { generateDocument, makeShipment } = await import('../../corpus/generate.ts');
    const folder = join(dir.path, 'batch');
    const { mkdirSync } = await import('node:fs');
    mkdirSync(folder);
    const shipment = makeShipment(77, 'co_rcep', 'en');
    const co = await generateDocument({ seed: 77, form: 'co_rcep', shipment });
    writeFileSync(join(folder, 'a-rcep.pdf'), co.pdf);
    writeFileSync(join(folder, 'b-invoice.pdf'), (await generateDocument({ seed: 77, form: 'commercial_invoice', shipment })).pdf);
    writeFileSync(join(folder, 'notes.txt'), 'not a document');
    const before = run('cases', '--json').out;
    const r = run('extract', folder, '--json');
    expect(r.code).toBe(0);
    const { documents, findings } = JSON.parse(r.out);
    expect(documents.map((d: { file: string; form: string }) => [d.file, d.form])).toEqual([
      ['a-rcep.pdf', 'co_rcep'],
      ['b-invoice.pdf', 'commercial_invoice'],
    ]);
    const refNo = documents[0].fields.find((f: { key: string }) => f.key === 'reference_no');
    expect(refNo.value).toBe(co.truth.fields.reference_no);
    expect(refNo.box).toMatchObject({ x: expect.any(Number), y: expect.any(Number) });
    expect(documents[0].pages[0].text).toContain(co.truth.fields.reference_no);
    expect(findings.filter((f: { severity: string }) => f.severity === 'error')).toEqual([]);
    expect(run('cases', '--json').out).toBe(before);
  });

  it('detects marks on a PDF, verifies a crop against specimens and identifies it in the library', () => {
    const crops = join(dir.path, 'crops');
    const detected = run('detect-marks', join(DEMO, '01-form-e-certificate-of-origin.pdf'), '--crops', crops, '--json');
    expect(detected.code).toBe(0);
    const [doc] = JSON.parse(detected.out) as { file: string; marks: { kind: string; page: number; ink: string; box: { w: number } }[] }[];
    const seal = doc!.marks.find((m) => m.kind === 'stamp' && m.ink === 'red')!;
    expect(seal).toMatchObject({ page: 1 });
    expect(doc!.marks.some((m) => m.kind === 'signature')).toBe(true);
    const crop = readdirSync(crops).find((f) => f.endsWith('-stamp.png'))!;
    expect(crop).toBeDefined();

    const evidence = join(dir.path, 'evidence');
    const spec = (f: string) => join(DEMO, 'specimens', f);
    const verified = run('verify', join(crops, crop), spec('ningbo-seal-1.png'), spec('shanghai-seal-1.png'), '--kind', 'stamp', '--dpi', '300', '--evidence', evidence, '--json');
    expect(verified.code).toBe(0);
    const v = JSON.parse(verified.out) as { results: { outcome: string; score: number; band: string; measures: Record<string, number>; evidence: Record<string, string> }[] };
    expect(v.results.map((r) => r.outcome)).toEqual(['scored', 'scored']);
    expect(v.results[0]!.score).toBeGreaterThan(v.results[1]!.score + 40);
    expect(Object.keys(v.results[0]!.measures).length).toBeGreaterThan(3);
    expect(existsSync(v.results[0]!.evidence.overlay!)).toBe(true);

    expect(run('demo').code).toBe(0); // seeds the specimen library of this data folder
    const identified = run('identify', join(crops, crop), '--kind', 'stamp', '--dpi', '300', '--json');
    expect(identified.code).toBe(0);
    expect(JSON.parse(identified.out).candidates[0].ownerLabel).toMatch(/Ningbo/);

    const bad = run('verify', join(crops, crop), spec('ningbo-seal-1.png'), '--kind', 'seal');
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/--kind must be stamp or signature/);
    const missing = run('verify', join(dir.path, 'nope.png'), spec('ningbo-seal-1.png'), '--kind', 'stamp');
    expect(missing.code).toBe(1);
    expect(missing.err).toMatch(/does not exist/);
  }, 240_000);
});
