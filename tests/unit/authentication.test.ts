/**
 * C/O authentication through the desk's API: marks found on the demo Form E, the specimen library
 * (CRUD, uploads, bad images), 1:N identification, 1:1 verification with evidence, the copy-paste
 * check across cases, the examiner's append-only verdicts and the inspection report.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PDFDocument, StandardFonts, rgb } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DeskEvent } from '../../contract/api.ts';
import { QUALITY_ISSUE_CODES, QUALITY_MARKS, SpecimenQuality, Verification, type Mark, type QualityIssue, type Reason } from '../../contract/forensics.ts';
import { placeholders, qualityIssueKey, qualityIssueMessage, reasonMessage, reasonMessageKey } from '../../renderer/src/i18n/desk-messages.ts';
import { en } from '../../renderer/src/i18n/en.ts';
import { ko } from '../../renderer/src/i18n/ko.ts';
import { seedDemoLibrary } from '../../desk/demo.ts';
import { demoAssetsDir } from '../../desk/paths.ts';
import { Desk } from '../../desk/service.ts';
import { makePdf } from '../fixtures/documents.ts';
import { newCase, tempDir } from '../helpers.ts';

const DEMO = demoAssetsDir();
const FORM_E = readFileSync(join(DEMO, '01-form-e-certificate-of-origin.pdf'));
const SPECIMENS = join(DEMO, 'specimens');

let desk: Desk;
let dir: ReturnType<typeof tempDir>;
let coId: string;
let caseId: string;
let marks: Mark[];
const events: DeskEvent[] = [];
/** Reasons and quality issues met on marks or specimens the tests remove or retire afterwards. */
const metReasons: Reason[] = [];
const metIssues: QualityIssue[] = [];
/** A verification refused for its specimen's quality, and that specimen (rewritten as legacy records below). */
let poorVerificationId = '';
let poorSpecimenId = '';

async function ingestReady(caseId: string, fileName: string, data: Uint8Array): Promise<string> {
  const { document } = await desk.call('documents.ingest', { caseId, fileName, data });
  await desk.queue.idle();
  expect(desk.store.getDocument(document.id).status).toBe('ready');
  return document.id;
}

const owner = (label: RegExp) => desk.auth.marks.listOwners({ search: '', includeRetired: true }).find((o) => label.test(o.label))!;
const stamp = () => marks.find((m) => m.kind === 'stamp' && m.colour.name === 'red')!;

beforeAll(async () => {
  dir = tempDir('od-auth-');
  desk = Desk.open({ dataDir: dir.path, transport: 'cli', ocrLangs: null, autoDetectMarks: false });
  desk.onEvent((e) => events.push(e));
  await seedDemoLibrary(desk, SPECIMENS);
  caseId = (await newCase(desk, 'AUTH-1')).id;
  coId = await ingestReady(caseId, 'form-e.pdf', FORM_E);
  marks = (await desk.call('marks.detect', { documentId: coId })).marks;
}, 120_000);

afterAll(async () => {
  await desk.close();
  dir.remove();
});

describe('marks on a C/O', () => {
  it('finds the issuing office seal and the signatures, with crops and progress', async () => {
    expect(marks.filter((m) => m.kind === 'stamp').length).toBeGreaterThanOrEqual(1);
    expect(marks.filter((m) => m.kind === 'signature').length).toBeGreaterThanOrEqual(1);
    // The red office seal sits in box 12 (right half, lower third of page 1) and is ~38 mm wide.
    const seal = stamp();
    expect(seal.pageIndex).toBe(0);
    expect(seal.box.x).toBeGreaterThan(1200);
    expect((seal.box.w * 25.4) / seal.dpi).toBeGreaterThan(33);
    expect((seal.box.w * 25.4) / seal.dpi).toBeLessThan(45);
    const images = await desk.call('marks.images', { markId: seal.id });
    expect(images.crop).toMatch(/^data:image\/png;base64,/);
    const progress = events.filter((e): e is Extract<DeskEvent, { type: 'marks' }> => e.type === 'marks' && e.documentId === coId);
    expect(progress.at(-1)).toMatchObject({ done: true, error: null, pagesDone: 2, pageTotal: 2 });
    expect((await desk.call('marks.list', { documentId: coId })).detectedAt).not.toBeNull();
  });

  it('refuses to look for marks before the pages are ready', async () => {
    const { document } = await desk.call('documents.ingest', { caseId, fileName: 'late.pdf', data: await makePdf(1) });
    await expect(desk.call('marks.detect', { documentId: document.id })).rejects.toThrow(/not processed yet/);
    await desk.queue.idle();
  });

  it('finds nothing on a page without stamps or signatures', async () => {
    const doc = await PDFDocument.create();
    const font = await doc.embedFont(StandardFonts.Helvetica);
    const page = doc.addPage([595.28, 841.89]);
    for (let l = 0; l < 30; l++) page.drawText(`Line ${l + 1}: 1,200 CTNS of steel fasteners HS 7318.15, carton ${l * 40 + 1}-${l * 40 + 40}`, { x: 50, y: 780 - l * 22, size: 10, font });
    page.drawRectangle({ x: 40, y: 80, width: 515, height: 30, borderColor: rgb(0, 0, 0), borderWidth: 1 });
    const plain = await ingestReady(caseId, 'plain.pdf', await doc.save());
    expect((await desk.call('marks.detect', { documentId: plain })).marks).toEqual([]);
  });

  it('lets the examiner add, redraw and remove a region', async () => {
    const seal = stamp();
    const added = await desk.call('marks.add', { pageId: seal.pageId, box: { x: seal.box.x - 20, y: seal.box.y - 20, w: seal.box.w + 40, h: seal.box.h + 40 }, kind: 'stamp' });
    expect(added).toMatchObject({ origin: 'examiner', kind: 'stamp', colour: { name: 'red' } });
    const moved = await desk.call('marks.update', { markId: added.id, box: { ...added.box, x: added.box.x + 10 } });
    expect(moved.id).not.toBe(added.id);
    expect(moved.box.x).toBe(added.box.x + 10);
    await expect(desk.call('marks.images', { markId: added.id })).rejects.toThrow(/not found/);
    await desk.call('marks.remove', { markId: moved.id });
    expect((await desk.call('marks.list', { documentId: coId })).marks.map((m) => m.id)).not.toContain(moved.id);
    await expect(desk.call('marks.add', { pageId: seal.pageId, box: { x: 10, y: 10, w: 5, h: 5 }, kind: 'stamp' })).rejects.toThrow(/smaller than 3 mm/);
  });
});

describe('specimen library', () => {
  it('keeps owners with validity, edits and retires them, never deletes', async () => {
    const o = await desk.call('library.saveOwner', { kind: 'stamp', country: 'KR', authority: 'Korea Chamber of Commerce and Industry', office: 'Busan', validFrom: '2025-01-01', validTo: '2027-12-31' });
    expect(o).toMatchObject({ label: 'KR · Korea Chamber of Commerce and Industry · Busan', specimenCount: 0, retiredAt: null });
    const edited = await desk.call('library.saveOwner', { id: o.id, kind: 'stamp', country: 'KR', authority: 'Korea Chamber of Commerce and Industry', office: 'Busan branch' });
    expect(edited.office).toBe('Busan branch');
    await expect(desk.call('library.saveOwner', { kind: 'signature', country: 'KR', authority: 'KCCI' })).rejects.toThrow(/signatory/);
    await expect(desk.call('library.saveOwner', { kind: 'stamp', country: 'KR', authority: 'X', validFrom: '2026-01-01', validTo: '2025-01-01' })).rejects.toThrow(/ends before it starts/);
    await expect(desk.call('library.saveOwner', { kind: 'stamp', country: 'Korea', authority: 'X' })).rejects.toThrow(/country/);
    await desk.call('library.retireOwner', { id: o.id });
    expect((await desk.call('library.owners', { search: 'Busan' })).map((x) => x.id)).not.toContain(o.id);
    expect((await desk.call('library.owners', { search: 'Busan', includeRetired: true })).find((x) => x.id === o.id)?.retiredAt).not.toBeNull();
  });

  it('enrols specimens from an upload, a mark or a page region and reports their quality', async () => {
    const o = await desk.call('library.saveOwner', { kind: 'stamp', country: 'CN', authority: 'Test office' });
    const up = await desk.call('library.uploadSpecimen', { ownerId: o.id, fileName: 'seal.png', dpi: 300, data: new Uint8Array(readFileSync(join(SPECIMENS, 'ningbo-seal-1.png'))) });
    expect(up).toMatchObject({ kind: 'stamp', ink: 'red', quality: { ok: true } });
    expect(up.sizeMm).toBeGreaterThan(35);
    expect(up.sizeMm).toBeLessThan(41);
    const fromMark = await desk.call('library.addSpecimen', { ownerId: o.id, markId: stamp().id });
    expect(fromMark.source).toMatch(/form-e\.pdf, page 1/);
    const s = stamp();
    const fromRegion = await desk.call('library.addSpecimen', { ownerId: o.id, pageId: s.pageId, box: s.box });
    expect(fromRegion.kind).toBe('stamp');
    const listed = await desk.call('library.specimens', { ownerId: o.id });
    expect(listed).toHaveLength(3);
    expect(listed[0]!.image).toMatch(/^data:image\/png;base64,/);
    await desk.call('library.retireSpecimen', { id: fromRegion.id });
    expect(await desk.call('library.specimens', { ownerId: o.id })).toHaveLength(2);
    await desk.call('library.retireOwner', { id: o.id });
  });

  it('turns bad specimen images away with clear messages', async () => {
    const o = await desk.call('library.saveOwner', { kind: 'stamp', country: 'CN', authority: 'Bad input office' });
    const up = (data: Uint8Array) => desk.call('library.uploadSpecimen', { ownerId: o.id, fileName: 'x.png', dpi: 300, data });
    await expect(up(new Uint8Array(0))).rejects.toThrow(/empty/);
    await expect(up(new Uint8Array(Buffer.from('not an image at all')))).rejects.toThrow(/cannot be read/);
    await expect(up(new Uint8Array(readFileSync(join(SPECIMENS, 'ningbo-seal-1.png')).subarray(0, 400)))).rejects.toThrow(/cannot be read|damaged|image/);
    // A signature cannot be a specimen of a stamp owner.
    await expect(desk.call('library.addSpecimen', { ownerId: o.id, markId: marks.find((m) => m.kind === 'signature')!.id })).rejects.toThrow(/cannot be a specimen/);
    await desk.call('library.retireOwner', { id: o.id });
  });
});

describe('identification and verification', () => {
  it('identifies the seal’s issuing office first among the library', async () => {
    const r = await desk.call('marks.identify', { markId: stamp().id, k: 5 });
    expect(r.librarySize).toBeGreaterThanOrEqual(5);
    expect(r.candidates[0]!.ownerLabel).toMatch(/Ningbo/);
  });

  it('scores the genuine seal against its own office far above another office’s, with evidence', async () => {
    const own = await desk.call('marks.verify', { markId: stamp().id, ownerId: owner(/Ningbo.*seal/).id });
    const other = await desk.call('marks.verify', { markId: stamp().id, ownerId: owner(/Shanghai.*seal/).id });
    expect(own.outcome).toBe('scored');
    expect(other.outcome).toBe('scored');
    expect(own.score! - other.score!).toBeGreaterThan(40);
    expect(other.band).not.toBe('consistent');
    expect(other.reasons.length).toBeGreaterThan(0);
    expect(own.evidence).toMatchObject({ overlay: expect.stringMatching(/^data:image\/png/), heatmap: expect.stringMatching(/^data:image\/png/) });
    expect(own.evidence!.mmPerPx).toBeGreaterThan(0.02);
    expect(own.evidence!.mmPerPx).toBeLessThan(0.2);
    expect(own.alignment!.correlation).toBeGreaterThan(other.alignment!.correlation);
    // Kept: the mark shows its latest verification, the history has both.
    expect((await desk.call('marks.verifications', { markId: stamp().id })).map((v) => v.id)).toEqual([other.id, own.id]);
  });

  it('scores the officer’s signature, signed across the red seal, as consistent with his specimens and not with another officer’s', async () => {
    // the officer's signature is the one whose crop overlaps the seal (box 12, right of the page)
    const seal = stamp().box;
    const signature = marks.find((m) => m.kind === 'signature' && m.box.x + m.box.w > seal.x && m.box.x < seal.x + seal.w && m.box.y < seal.y + seal.h)!;
    expect(signature).toBeDefined();
    const own = await desk.call('marks.verify', { markId: signature.id, ownerId: owner(/Chen Wei/).id });
    const other = await desk.call('marks.verify', { markId: signature.id, ownerId: owner(/Liu Yang/).id });
    expect(own.outcome).toBe('scored');
    expect(own.band).toBe('consistent');
    expect(own.score! - other.score!).toBeGreaterThan(40);
  });

  it('without a chosen owner, compares with the authority the certificate names in box 12, and says so', async () => {
    const v = await desk.call('marks.verify', { markId: stamp().id });
    expect(v.ownerLabel).toMatch(/Ningbo.*seal/);
    expect(v.reasons[0]!.text).toMatch(/names "NINGBO" in box 12/);
  });

  it('does not score a stamp that resembles no seal on record (the exporter’s own stamp)', async () => {
    const exporterStamp = marks.find((m) => m.kind === 'stamp' && m.colour.name !== 'red')!;
    const v = await desk.call('marks.verify', { markId: exporterStamp.id });
    expect(v).toMatchObject({ outcome: 'no_specimen_on_record', score: null });
    expect(v.reasons[0]!.text).toMatch(/no seal on record resembles this stamp/);
  });

  it('gives no score when no specimen is on record', async () => {
    const o = await desk.call('library.saveOwner', { kind: 'stamp', country: 'VN', authority: 'Empty office' });
    const v = await desk.call('marks.verify', { markId: stamp().id, ownerId: o.id });
    expect(v).toMatchObject({ outcome: 'no_specimen_on_record', score: null, band: null, evidence: null });
    expect(v.reasons[0]!.text).toMatch(/no specimen on record/);
    await expect(desk.call('marks.verify', { markId: stamp().id, ownerId: owner(/Chen Wei/).id })).rejects.toThrow(/signature specimens/);
  });

  it('gives no score against a coarse specimen or for a mark too small, with the quality issues structured', async () => {
    const o = await desk.call('library.saveOwner', { kind: 'stamp', country: 'CN', authority: 'Coarse scan office' });
    const coarse = await desk.call('library.uploadSpecimen', { ownerId: o.id, fileName: 'seal-72.png', dpi: 72, data: new Uint8Array(readFileSync(join(SPECIMENS, 'ningbo-seal-1.png'))) });
    poorSpecimenId = coarse.id;
    expect(coarse.quality.ok).toBe(false);
    expect(coarse.quality.issues).toContainEqual({ code: 'low_dpi', params: { mark: 'specimen', dpi: '72' }, text: 'specimen scanned at 72 dpi (at least 100 dpi needed, 300 recommended)' });
    metIssues.push(...coarse.quality.issues);

    const v = await desk.call('marks.verify', { markId: stamp().id, ownerId: o.id });
    poorVerificationId = v.id;
    expect(v).toMatchObject({ outcome: 'specimen_quality_too_low', score: null });
    const reason = v.reasons.find((r) => r.code === 'specimen_quality_too_low')!;
    expect(reason.issues).toEqual(v.quality!.specimen.issues);
    expect(reason.issues!.map((i) => i.code)).toContain('low_dpi');
    expect(reason.params!.issues).toBe(reason.issues!.map((i) => i.text).join('; '));
    expect(reasonMessage('en', reason)).toBe(reason.text);
    expect(reasonMessage('ko', reason)).toMatch(/^표본 품질이 .*표본이 72 dpi로 스캔됨\(최소 100 dpi 필요, 300 dpi 권장\)/);
    metReasons.push(...v.reasons);

    // a region of a few millimetres drawn inside the seal: too small to compare
    const s = stamp();
    const tiny = await desk.call('marks.add', { pageId: s.pageId, kind: 'stamp', box: { x: s.box.x + s.box.w / 2 - 20, y: s.box.y + s.box.h / 2 - 20, w: 40, h: 40 } });
    const q = await desk.call('marks.verify', { markId: tiny.id, ownerId: owner(/Ningbo.*seal/).id });
    expect(q).toMatchObject({ outcome: 'query_quality_too_low', score: null });
    const small = q.quality!.query.issues.find((i) => i.code === 'too_small')!;
    expect(small.params).toMatchObject({ mark: 'query', min: 120 });
    expect(Number(small.params!.px)).toBeLessThan(120);
    expect(small.text).toBe(`questioned mark only ${small.params!.px} px across (at least 120 px needed)`);
    expect(qualityIssueMessage('ko', small)).toBe(`검사 대상 표시의 지름이 ${small.params!.px} px에 불과함(최소 120 px 필요)`);
    expect(q.reasons[0]).toMatchObject({ code: 'query_quality_too_low', issues: q.quality!.query.issues });
    metReasons.push(...q.reasons);
    metIssues.push(...q.quality!.query.issues);

    await desk.call('marks.remove', { markId: tiny.id });
    await desk.call('library.retireOwner', { id: o.id });
  });

  it('flags the same seal image on a document in another case as a pixel copy', async () => {
    const other = await newCase(desk, 'AUTH-2');
    const copyDoc = await ingestReady(other.id, 'form-e-again.pdf', FORM_E);
    const copy = (await desk.call('marks.detect', { documentId: copyDoc })).marks.find((m) => m.kind === 'stamp' && m.colour.name === 'red')!;
    const v = await desk.call('marks.verify', { markId: copy.id, ownerId: owner(/Ningbo.*seal/).id });
    expect(v.duplicateOf).toMatchObject({ documentId: coId, caseId });
    expect(v.band).toBe('inconsistent');
    expect(v.reasons.map((r) => r.text).join(' ')).toMatch(/pixel-identical|digital copy/);
  });

  it('keeps a copy-check descriptor per stamp, filled at detection and for marks stored without one', async () => {
    const stampIds = () => new Set(marks.filter((m) => m.kind === 'stamp').map((m) => m.id));
    const described = () => new Set(desk.auth.marks.markDescriptors('stamp').map((d) => d.id));
    for (const id of stampIds()) expect(described().has(id)).toBe(true);
    // a store from before descriptors: the next verification describes its marks again
    desk.store.db.prepare(`UPDATE marks SET descriptor = NULL WHERE kind = 'stamp'`).run();
    expect(desk.auth.marks.markDescriptors('stamp')).toHaveLength(0);
    await desk.call('marks.verify', { markId: stamp().id, ownerId: owner(/Ningbo.*seal/).id });
    for (const id of stampIds()) expect(described().has(id)).toBe(true);
  });
});

describe('examiner verdicts and the report', () => {
  it('records verdicts append-only, the latest standing, in a hash chain', async () => {
    const seal = stamp();
    const latest = (await desk.call('marks.verifications', { markId: seal.id })).find((v) => /Ningbo/.test(v.ownerLabel));
    await desk.call('marks.decide', { markId: seal.id, verificationId: latest!.id, verdict: 'inconclusive', note: 'ink faint at 7 o’clock', examiner: 'Examiner Park' });
    const final = await desk.call('marks.decide', { markId: seal.id, verificationId: latest!.id, verdict: 'consistent', note: '검토 완료', examiner: 'Examiner Park' });
    const listed = (await desk.call('marks.list', { documentId: coId })).marks.find((m) => m.id === seal.id)!;
    expect(listed.decision).toMatchObject({ seq: final.seq, verdict: 'consistent' });
    expect((await desk.call('marks.decisions', { markId: seal.id })).map((d) => d.verdict)).toEqual(['inconclusive', 'consistent']);
    expect(() => desk.store.db.prepare(`UPDATE mark_verdicts SET verdict = 'inconsistent'`).run()).toThrow(/append-only/);
    expect(() => desk.store.db.prepare(`DELETE FROM mark_verdicts`).run()).toThrow(/append-only/);
    expect(desk.auth.marks.verifyVerdictChain()).toBeNull();
    await expect(desk.call('marks.decide', { markId: seal.id, verdict: 'consistent', examiner: '' })).rejects.toThrow(/examiner/);
  });

  it('exports an inspection report PDF with the marks, scores and verdicts', async () => {
    const r = await desk.call('reports.inspection', { caseId });
    const pdf = Buffer.from(r.base64, 'base64');
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(r.fileName).toBe('origindesk-inspection-AUTH-1.pdf');
    const { getDocument } = await import('pdfjs-dist/legacy/build/pdf.mjs');
    const doc = await getDocument({ data: new Uint8Array(pdf) }).promise;
    let text = '';
    for (let i = 1; i <= doc.numPages; i++) {
      const page = await doc.getPage(i);
      text += (await page.getTextContent()).items.map((it) => ('str' in it ? it.str : '')).join(' ');
    }
    await doc.destroy();
    expect(text).toMatch(/inspection report/);
    expect(text).toMatch(/Ningbo Customs/);
    expect(text).toMatch(/Examiner's verdict: CONSISTENT/);
    expect(text).toMatch(/hash chain intact/);
    expect(text).toMatch(/replaced by "\?"/); // the Korean note could not be set in Helvetica
  });
});

describe('reasons in the examiner’s language', () => {
  it('every reason given in this file has an English and a Korean sentence its values fill', async () => {
    const seen = new Map<string, Reason>();
    const all = (await desk.call('marks.list', { documentId: coId })).marks;
    const issues = new Map<string, QualityIssue>();
    const meet = (r: Reason) => {
      seen.set(r.code, r);
      for (const i of r.issues ?? []) issues.set(`${i.code}.${i.params?.mark}`, i);
    };
    for (const m of all) {
      for (const v of await desk.call('marks.verifications', { markId: m.id })) {
        v.reasons.forEach(meet);
        for (const i of [...(v.quality?.query.issues ?? []), ...(v.quality?.specimen.issues ?? [])]) issues.set(`${i.code}.${i.params?.mark}`, i);
      }
    }
    metReasons.forEach(meet);
    for (const i of metIssues) issues.set(`${i.code}.${i.params?.mark}`, i);
    // the verifications above give reasons for a match, a mismatch, a chosen owner, no specimen and a stamp unlike any seal,
    // a coarse specimen and a mark too small
    expect(seen.size).toBeGreaterThanOrEqual(7);
    expect([...issues.keys()]).toEqual(expect.arrayContaining(['low_dpi.specimen', 'too_small.query']));
    for (const i of issues.values()) {
      expect(QUALITY_ISSUE_CODES, i.code).toContain(i.code);
      const key = qualityIssueKey(i.code, i.params);
      expect(key, i.code).not.toBeNull();
      for (const name of placeholders(en[key!])) expect(i.params?.[name], `${i.code}: {${name}}`).toBeDefined();
      expect(qualityIssueMessage('en', i), i.code).toBe(i.text);
      const korean = qualityIssueMessage('ko', i);
      expect(korean, i.code).toMatch(/[가-힣]/);
      expect(korean, i.code).not.toMatch(/\{\w+\}/);
    }
    for (const r of seen.values()) {
      const key = reasonMessageKey(r.code);
      expect(key, r.code).not.toBeNull();
      for (const name of placeholders(en[key!])) expect(r.params?.[name], `${r.code}: {${name}}`).toBeDefined();
      const korean = reasonMessage('ko', r);
      expect(korean, r.code).not.toBe(r.text);
      expect(korean, r.code).toMatch(/[가-힣]/);
      expect(korean, r.code).not.toMatch(/\{\w+\}/);
    }
  });

  it('a verification stored before reasons had codes still shows its English sentence', () => {
    expect(reasonMessage('ko', { code: 'text', text: 'an old reason' })).toBe('an old reason');
  });

  it('every quality issue code has an English and a Korean sentence for either mark, quoting the same values', () => {
    for (const code of QUALITY_ISSUE_CODES) {
      for (const mark of QUALITY_MARKS) {
        const key = qualityIssueKey(code, { mark });
        expect(key, `${code}.${mark}`).not.toBeNull();
        expect(placeholders(ko[key!]).sort(), key!).toEqual(placeholders(en[key!]).sort());
        expect(ko[key!], key!).toMatch(/[가-힣]/);
      }
    }
  });

  it('verifications and specimens stored before quality issues had codes still parse and show their English sentences', async () => {
    // a record as the desk wrote it before: issues as sentences, the reason without its structured issues
    const row = desk.store.db.prepare(`SELECT result_json FROM verifications WHERE id = ?`).get(poorVerificationId) as { result_json: string };
    const body = JSON.parse(row.result_json) as { reasons: Reason[]; quality: Record<'specimen' | 'query', { ok: boolean; issues: (QualityIssue | string)[] }> };
    for (const side of ['specimen', 'query'] as const) body.quality[side].issues = body.quality[side].issues.map((i) => (typeof i === 'string' ? i : i.text));
    body.reasons = body.reasons.map(({ issues: _issues, ...r }) => r);
    const sentence = 'specimen scanned at 72 dpi (at least 100 dpi needed, 300 recommended)';
    expect(body.quality.specimen.issues).toContain(sentence);
    desk.store.db.prepare(`UPDATE verifications SET result_json = ? WHERE id = ?`).run(JSON.stringify(body), poorVerificationId);
    desk.store.db.prepare(`UPDATE specimens SET quality_json = ? WHERE id = ?`).run(JSON.stringify({ ok: false, issues: [sentence] }), poorSpecimenId);

    const v = (await desk.call('marks.verifications', { markId: stamp().id })).find((x) => x.id === poorVerificationId)!;
    const old = v.quality!.specimen.issues.find((i) => i.text === sentence)!;
    expect(old).toEqual({ code: 'text', text: sentence });
    expect(qualityIssueMessage('ko', old)).toBe(sentence);
    const reason = v.reasons.find((r) => r.code === 'specimen_quality_too_low')!;
    expect(reason.issues).toBeUndefined();
    expect(reasonMessage('en', reason)).toBe(reason.text);
    expect(reasonMessage('ko', reason)).toContain(sentence);

    const ownerId = desk.auth.marks.getSpecimen(poorSpecimenId).ownerId;
    const specimen = (await desk.call('library.specimens', { ownerId, includeRetired: true })).find((x) => x.id === poorSpecimenId)!;
    expect(specimen.quality).toEqual({ ok: false, issues: [{ code: 'text', text: sentence }] });

    // the contract itself reads plain-string issues, as other readers of stored records may hand them over
    expect(SpecimenQuality.parse({ ok: false, issues: [sentence] })).toEqual({ ok: false, issues: [{ code: 'text', text: sentence }] });
    const { evidence: _e, ...rest } = v;
    expect(Verification.parse({ ...rest, evidence: null, quality: { specimen: { ok: false, issues: [sentence] }, query: { ok: true, issues: [] } } }).quality!.specimen.issues).toEqual([{ code: 'text', text: sentence }]);
  });
});
