/**
 * Ingest through the real Desk: store, worker thread, pdfjs and sharp on generated files.
 */
import { readFileSync, statSync } from 'node:fs';
import { PDFDocument } from 'pdf-lib';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import type { Desk } from '../../desk/service.ts';
import { makeEncryptedPdf } from '../fixtures/encrypted-pdf.ts';
import { corruptPdf, makeJpeg, makePdf, makePng, makePng16, makePngBomb, makeTiff } from '../fixtures/documents.ts';
import { newCase, tempDir, withDesk } from '../helpers.ts';

async function ingest(desk: Desk, caseId: string, fileName: string, data: Uint8Array) {
  const r = await desk.call('documents.ingest', { caseId, fileName, data });
  await desk.queue.idle();
  return { ...r, document: desk.store.getDocument(r.document.id), pages: desk.store.listPages(r.document.id) };
}

function expectOriginalKept(desk: Desk, sha: string, data: Uint8Array) {
  const path = desk.blobs.originalPath(sha);
  expect(Buffer.compare(readFileSync(path), Buffer.from(data))).toBe(0);
  expect(statSync(path).mode & 0o222).toBe(0); // read-only
}

describe('ingest', () => {
  it('renders every PDF page at 300 dpi with thumbnails and keeps the text layer', () =>
    withDesk(async (desk) => {
      const c = await newCase(desk);
      const pdf = await makePdf(3);
      const r = await ingest(desk, c.id, 'form-e.pdf', pdf);
      expect(r.document).toMatchObject({ status: 'ready', fileType: 'pdf', pageTotal: 3, error: null, notice: null });
      expect(r.pages).toHaveLength(3);
      for (const p of r.pages) {
        expect(p).toMatchObject({ width: 2480, height: 3508, dpi: 300, dpiAssumed: false, hasTextLayer: true, rotation: 0 });
        const full = await sharp(desk.pageImagePath(p.id, 'full')).metadata();
        expect([full.format, full.width, full.height]).toEqual(['png', 2480, 3508]);
        const thumb = await sharp(desk.pageImagePath(p.id, 'thumb')).metadata();
        expect(thumb.format).toBe('jpeg');
        expect(Math.max(thumb.width!, thumb.height!)).toBe(320);
      }
      const words = desk.store.pageWords(r.pages[1]!.id);
      // "CERTIFICATE OF ORIGIN — page 2" is drawn at x=50pt, y=780pt from the bottom: top-left pixel space.
      expect(words.slice(0, 5).map((w) => w.text)).toEqual(['CERTIFICATE', 'OF', 'ORIGIN', '—', 'page']);
      const heading = words[0]!;
      expect(heading.x).toBeCloseTo((50 * 300) / 72, -1);
      expect(words[1]!.x).toBeGreaterThan(heading.x + heading.w);
      expect(heading!.y).toBeGreaterThan(((841.89 - 800) * 300) / 72);
      expect(heading!.y).toBeLessThan(((841.89 - 770) * 300) / 72);
      expectOriginalKept(desk, r.document.sha256, pdf);
      // Every page's words are searchable, with boxes on the matching words.
      const hits = await desk.call('search.query', { query: 'E2026-1001' });
      expect(hits).toHaveLength(1);
      expect(hits[0]).toMatchObject({ documentId: r.document.id, pageIndex: 1, fileName: 'form-e.pdf', declarationNo: 'KR-2026-0001' });
      expect(hits[0]!.snippet).toContain('«E2026-1001»');
      expect(hits[0]!.boxes).toHaveLength(1);
      expect(hits[0]!.boxes[0]!.x).toBeGreaterThan(heading.x);
      // The rendered page is really the document: the drawn red stamp is red.
      const { data, info } = await sharp(desk.pageImagePath(r.pages[0]!.id, 'full'))
        .extract({ left: Math.round((400 * 300) / 72) - 10, top: Math.round(((841.89 - 150) * 300) / 72) - 4, width: 20, height: 8 })
        .raw()
        .toBuffer({ resolveWithObject: true });
      let redPixels = 0;
      for (let i = 0; i < data.length; i += info.channels) if (data[i]! > 150 && data[i + 1]! < 100) redPixels++;
      expect(redPixels).toBeGreaterThan(5);
    }));

  it('takes a scanned PDF page\'s JPEG as the page, at the scanner\'s resolution, and renders anything more', () =>
    withDesk(async (desk) => {
      const c = await newCase(desk);
      // 200-dpi A4 scans: one greyscale, one colour; then the colour scan with a line of text drawn over it.
      const scanJpeg = (channels: 1 | 3) => {
        const w = 1654;
        const h = 2339;
        const px = Buffer.alloc(w * h * channels, 240);
        for (let y = 300; y < 2000; y += 40) px.fill(20, (y * w + 150) * channels, (y * w + 1400) * channels);
        const img = sharp(px, { raw: { width: w, height: h, channels } });
        return (channels === 1 ? img.toColourspace('b-w') : img).jpeg({ quality: 80 }).toBuffer();
      };
      const grey = await scanJpeg(1);
      const colour = await scanJpeg(3);
      const doc = await PDFDocument.create();
      for (const jpeg of [grey, colour, colour]) doc.addPage([595.28, 841.89]).drawImage(await doc.embedJpg(jpeg), { x: 0, y: 0, width: 595.28, height: 841.89 });
      doc.getPage(2).drawText('STAMPED COPY', { x: 50, y: 800, size: 20 });
      const r = await ingest(desk, c.id, 'scan.pdf', await doc.save());
      expect(r.document.status).toBe('ready');
      expect(r.pages.map((p) => [p.width, p.height, Math.round(p.dpi)])).toEqual([
        [1654, 2339, 200],
        [1654, 2339, 200],
        [2480, 3508, 300], // more than a scan: rendered as usual
      ]);
      // The page is the JPEG's own pixels (decoded by libvips), not a re-rendering of them.
      expect((await sharp(desk.pageImagePath(r.pages[0]!.id, 'full')).metadata()).channels).toBe(1); // grey stays one channel
      const page0 = await sharp(desk.pageImagePath(r.pages[0]!.id, 'full')).raw().toBuffer({ resolveWithObject: true });
      const jpeg0 = await sharp(grey).raw().toBuffer({ resolveWithObject: true });
      expect(Buffer.compare(page0.data, jpeg0.data)).toBe(0);
      expect((await sharp(desk.pageImagePath(r.pages[1]!.id, 'full')).metadata()).channels).toBe(3);
    }));

  it('reads every page of a multi-page TIFF with its resolution, and 16-bit PNG stays 16-bit', () =>
    withDesk(async (desk) => {
      const c = await newCase(desk);
      const tiff = await ingest(desk, c.id, 'scan.tif', await makeTiff(4, { width: 620, height: 877, dpi: 150 }));
      expect(tiff.document).toMatchObject({ status: 'ready', fileType: 'tiff', pageTotal: 4 });
      expect(tiff.pages.map((p) => [p.index, p.width, p.height, p.dpi, p.dpiAssumed])).toEqual(
        [0, 1, 2, 3].map((i) => [i, 620, 877, 150, false]),
      );
      const png16 = await ingest(desk, c.id, 'hi-bit.png', makePng16());
      expect(png16.pages[0]).toMatchObject({ bitDepth: 16, dpiAssumed: true });
      const meta = await sharp(desk.pageImagePath(png16.pages[0]!.id, 'full')).metadata();
      expect(meta.depth).toBe('ushort');
    }));

  it('applies EXIF orientation, and sniffs the real type behind a wrong extension', () =>
    withDesk(async (desk) => {
      const c = await newCase(desk);
      // Orientation 6: stored landscape-on-its-side, displayed rotated 90° clockwise.
      const r = await ingest(desk, c.id, 'photo-of-co.pdf', await makeJpeg({ width: 400, height: 600, orientation: 6 }));
      expect(r.document).toMatchObject({ status: 'ready', fileType: 'jpeg' });
      expect(r.document.notice).toMatchObject({ code: 'extension_mismatch', params: { claimed: 'pdf', actual: 'jpeg' } });
      expect([r.pages[0]!.width, r.pages[0]!.height]).toEqual([600, 400]);
    }));

  it('asks for the password of a protected PDF, rejects a wrong one, renders with the right one', () =>
    withDesk(async (desk) => {
      const c = await newCase(desk);
      const pdf = makeEncryptedPdf('s3cret');
      const r = await ingest(desk, c.id, 'locked.pdf', pdf);
      expect(r.document).toMatchObject({ status: 'needs_password', error: { code: 'password_required' } });
      expectOriginalKept(desk, r.document.sha256, pdf);
      await desk.call('documents.unlock', { documentId: r.document.id, password: 'guess' });
      await desk.queue.idle();
      expect(desk.store.getDocument(r.document.id)).toMatchObject({ status: 'needs_password', error: { code: 'wrong_password' } });
      await desk.call('documents.unlock', { documentId: r.document.id, password: 's3cret' });
      await desk.queue.idle();
      expect(desk.store.getDocument(r.document.id)).toMatchObject({ status: 'ready', pageTotal: 1 });
      const [page] = desk.store.listPages(r.document.id);
      expect(desk.store.pageWords(page!.id).map((w) => w.text).join(' ')).toContain('CONFIDENTIAL C/O');
    }));

  it('gives bad input a specific error, keeps the original and keeps working', () =>
    withDesk(async (desk) => {
      const c = await newCase(desk);
      const cases: [string, Uint8Array, string][] = [
        ['empty.pdf', new Uint8Array(), 'empty_file'],
        ['truncated.pdf', corruptPdf(await makePdf(4)), 'corrupt_file'],
        ['no-pages.pdf', await (await PDFDocument.create()).save({ addDefaultPage: false }), 'no_pages'],
        ['report.docx', Buffer.from('PK\u0003\u0004 word/document.xml'), 'unsupported_type'],
        ['bomb.png', makePngBomb(), 'too_large'],
        ['broken.png', Buffer.concat([Buffer.from(await makePng({ width: 300, height: 300 })).subarray(0, 200)]), 'corrupt_file'],
      ];
      for (const [name, data, code] of cases) {
        const r = await ingest(desk, c.id, name, data);
        expect(r.document.status, name).toBe('failed');
        expect(r.document.error?.code, name).toBe(code);
        expect(r.document.error?.message.length, name).toBeGreaterThan(10);
        expectOriginalKept(desk, r.document.sha256, data);
      }
      // The desk still works after all of that.
      const ok = await ingest(desk, c.id, 'fine.pdf', await makePdf(1));
      expect(ok.document.status).toBe('ready');
      expect(desk.store.listDocuments(c.id)).toHaveLength(cases.length + 1);
    }));

  it('links a duplicate by hash instead of copying or rendering it twice', () =>
    withDesk(async (desk) => {
      const a = await newCase(desk, 'A');
      const b = await newCase(desk, 'B');
      const pdf = await makePdf(2);
      const first = await ingest(desk, a.id, 'co.pdf', pdf);
      const again = await ingest(desk, a.id, 'co (copy).pdf', pdf);
      expect(again.duplicateInCase).toBe(true);
      expect(again.document.id).toBe(first.document.id);
      expect(desk.store.listDocuments(a.id)).toHaveLength(1);
      const other = await desk.call('documents.ingest', { caseId: b.id, fileName: 'co.pdf', data: pdf });
      // Ready at once: pages come from the first document's render, not a second render.
      expect(other).toMatchObject({ duplicateInCase: false, linkedExistingOriginal: true, document: { status: 'ready', pageTotal: 2 } });
      expect(desk.store.listPages(other.document.id)).toHaveLength(2);
      expect(desk.store.db.prepare('SELECT COUNT(*) AS n FROM originals').get()).toEqual({ n: 1 });
    }));

  it('cancels a running ingest promptly and can process it again from the original', () =>
    withDesk(async (desk) => {
      const c = await newCase(desk);
      const pdf = await makePdf(6);
      const r = await desk.call('documents.ingest', { caseId: c.id, fileName: 'long.pdf', data: pdf });
      await new Promise<void>((resolve) => {
        const off = desk.onEvent((e) => {
          if (e.type === 'job' && e.job.documentId === r.document.id && e.job.pagesDone >= 1) {
            off();
            resolve();
          }
        });
      });
      const cancelled = await desk.call('documents.cancel', { documentId: r.document.id });
      expect(cancelled).toMatchObject({ status: 'cancelled', error: { code: 'cancelled' } });
      await desk.queue.idle();
      expect(desk.store.listPages(r.document.id).length).toBeLessThan(6);
      // Other work is unaffected and a retry completes.
      await desk.call('documents.retry', { documentId: r.document.id });
      await desk.queue.idle();
      expect(desk.store.getDocument(r.document.id)).toMatchObject({ status: 'ready', pageTotal: 6 });
      expect(desk.store.listPages(r.document.id)).toHaveLength(6);
    }));

  it('resumes an ingest that a restart interrupted', async () => {
    const dir = tempDir();
    try {
      let documentId = '';
      await withDesk(async (desk) => {
        const c = await newCase(desk);
        const r = await desk.call('documents.ingest', { caseId: c.id, fileName: 'x.tif', data: await makeTiff(2, { width: 300, height: 400 }) });
        documentId = r.document.id;
        await desk.queue.close(); // the app dies before the worker finishes
        desk.store.setDocumentState(documentId, { status: 'processing' });
      }, dir.path);
      await withDesk(async (desk) => {
        await desk.queue.idle();
        expect(desk.store.getDocument(documentId)).toMatchObject({ status: 'ready', pageTotal: 2 });
      }, dir.path);
    } finally {
      dir.remove();
    }
  });
});
