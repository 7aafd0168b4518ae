/**
 * The case's inspection report (PDF, pdf-lib): the documents with their hashes, every stamp and
 * signature found with its crop, the latest machine verification (score, band, reasons, evidence
 * images) and the examiner's recorded verdict — what an examiner files or hands to a court.
 *
 * Text uses the standard Helvetica font (no font files to ship); characters it cannot encode
 * (e.g. Korean notes) are replaced and the report says so.
 */
import { PDFDocument, StandardFonts, rgb, type PDFFont, type PDFPage } from 'pdf-lib';
import { APP_VERSION } from '../config.ts';
import type { Desk } from '../service.ts';
import type { Mark, Verification } from '../../contract/forensics.ts';

const A4: [number, number] = [595.28, 841.89];
const MARGIN = 48;
const BAND_COLOUR = { consistent: rgb(0.1, 0.5, 0.2), inconclusive: rgb(0.75, 0.5, 0.05), inconsistent: rgb(0.75, 0.12, 0.12) } as const;

/** Helvetica speaks WinAnsi: anything else becomes "?" (counted, so the report can say so). */
function winAnsi(text: string, counter: { replaced: number }): string {
  return text
    .replace(/[‘’]/g, "'")
    .replace(/[“”]/g, '"')
    .replace(/[–—]/g, '-')
    .replace(/×/g, 'x')
    .replace(/[^\x20-\x7e\xa0-\xff]/g, () => {
      counter.replaced++;
      return '?';
    });
}

class Writer {
  page!: PDFPage;
  y = 0;
  readonly replaced = { replaced: 0 };
  constructor(
    private readonly doc: PDFDocument,
    private readonly font: PDFFont,
    private readonly bold: PDFFont,
    private readonly footer: string,
  ) {
    this.newPage();
  }

  newPage(): void {
    this.page = this.doc.addPage(A4);
    this.y = A4[1] - MARGIN;
    const n = this.doc.getPageCount();
    this.page.drawText(`${this.footer} - page ${n}`, { x: MARGIN, y: 24, size: 7, font: this.font, color: rgb(0.4, 0.4, 0.4) });
  }

  ensure(height: number): void {
    if (this.y - height < MARGIN) this.newPage();
  }

  /** Wrapped text; returns nothing, moves the cursor. */
  text(s: string, opts: { size?: number; bold?: boolean; colour?: ReturnType<typeof rgb>; indent?: number } = {}): void {
    const size = opts.size ?? 9.5;
    const font = opts.bold ? this.bold : this.font;
    const x = MARGIN + (opts.indent ?? 0);
    const width = A4[0] - MARGIN - x;
    for (const line of wrap(winAnsi(s, this.replaced), font, size, width)) {
      this.ensure(size * 1.35);
      this.page.drawText(line, { x, y: this.y - size, size, font, color: opts.colour ?? rgb(0.1, 0.1, 0.1) });
      this.y -= size * 1.35;
    }
  }

  gap(h = 6): void {
    this.y -= h;
  }

  async images(items: { png: Buffer; caption: string }[], height: number): Promise<void> {
    const embedded = await Promise.all(items.map((i) => this.doc.embedPng(i.png)));
    this.ensure(height + 24);
    let x = MARGIN;
    for (const [k, img] of embedded.entries()) {
      const w = (img.width / img.height) * height;
      if (x + w > A4[0] - MARGIN) break;
      this.page.drawImage(img, { x, y: this.y - height, width: w, height });
      this.page.drawRectangle({ x, y: this.y - height, width: w, height, borderColor: rgb(0.7, 0.7, 0.7), borderWidth: 0.5 });
      wrap(winAnsi(items[k]!.caption, this.replaced), this.font, 7, w)
        .slice(0, 2)
        .forEach((line, i) => this.page.drawText(line, { x, y: this.y - height - 9 - i * 8, size: 7, font: this.font, color: rgb(0.3, 0.3, 0.3) }));
      x += w + 10;
    }
    this.y -= height + 24;
  }
}

function wrap(text: string, font: PDFFont, size: number, width: number): string[] {
  const out: string[] = [];
  for (const para of text.split('\n')) {
    let line = '';
    for (const word of para.split(/\s+/)) {
      const next = line ? `${line} ${word}` : word;
      if (font.widthOfTextAtSize(next, size) > width && line) {
        out.push(line);
        line = word;
      } else line = next;
    }
    out.push(line);
  }
  return out;
}

const pngOf = (url: string): Buffer => Buffer.from(url.slice(url.indexOf(',') + 1), 'base64');
const pct = (v: number | null) => (v === null ? '-' : `${v.toFixed(1)} %`);

export async function inspectionReport(desk: Desk, caseId: string): Promise<{ fileName: string; mimeType: 'application/pdf'; base64: string }> {
  const c = desk.store.getCase(caseId);
  const generated = new Date().toISOString();
  const doc = await PDFDocument.create();
  doc.setTitle(`Inspection report ${c.declarationNo}`);
  doc.setProducer(`OriginDesk ${APP_VERSION}`);
  doc.setCreationDate(new Date(generated));
  const w = new Writer(doc, await doc.embedFont(StandardFonts.Helvetica), await doc.embedFont(StandardFonts.HelveticaBold), `OriginDesk inspection report ${c.declarationNo}, ${generated}`);

  w.text('C/O authentication - inspection report', { size: 16, bold: true });
  w.gap();
  w.text(`Declaration ${c.declarationNo}   Port ${c.port}   Date ${c.date}`, { size: 10 });
  w.text(`Generated ${generated} by OriginDesk ${APP_VERSION}. Scores are calibrated similarities (0-100 %) of each mark to the specimens on record; the examiner's verdict is recorded separately.`, { size: 8.5, colour: rgb(0.35, 0.35, 0.35) });
  const chainBreak = desk.auth.marks.verifyVerdictChain();
  w.text(chainBreak === null ? 'Verdict history: hash chain intact.' : `Verdict history: hash chain BROKEN at entry ${chainBreak} - the record was altered outside OriginDesk.`, {
    size: 8.5,
    bold: chainBreak !== null,
    colour: chainBreak === null ? rgb(0.35, 0.35, 0.35) : BAND_COLOUR.inconsistent,
  });
  w.gap(10);

  const documents = desk.store.listDocuments(caseId);
  w.text('Documents', { size: 12, bold: true });
  for (const d of documents) w.text(`${d.fileName} - ${d.kind.replace(/_/g, ' ')} - ${d.pageTotal ?? 0} page(s) - SHA-256 ${d.sha256}`, { size: 8.5, indent: 8 });
  w.gap(10);

  let markCount = 0;
  for (const d of documents) {
    const list = desk.auth.list(d.id);
    if (list.marks.length === 0) continue;
    w.ensure(60);
    w.text(`${d.fileName}: ${list.marks.length} stamp(s)/signature(s)`, { size: 12, bold: true });
    for (const m of list.marks) {
      markCount++;
      await writeMark(w, desk, m, markCount);
    }
  }
  if (markCount === 0) w.text('No stamps or signatures were found or marked in this case.', { size: 10 });
  if (w.replaced.replaced > 0) {
    w.gap(8);
    w.text(`${w.replaced.replaced} character(s) outside the report font were replaced by "?"; the desk keeps the original text.`, { size: 8, colour: rgb(0.4, 0.4, 0.4) });
  }
  const bytes = await doc.save();
  return { fileName: `origindesk-inspection-${c.declarationNo.replace(/[^\w.-]+/g, '_')}.pdf`, mimeType: 'application/pdf', base64: Buffer.from(bytes).toString('base64') };
}

async function writeMark(w: Writer, desk: Desk, m: Mark, n: number): Promise<void> {
  const mm = (px: number) => ((px * 25.4) / m.dpi).toFixed(1);
  w.gap(6);
  w.ensure(140);
  w.text(`${n}. ${m.kind === 'stamp' ? 'Stamp' : 'Signature'} on page ${m.pageIndex + 1} (${m.colour.name} ink, ${m.origin === 'detected' ? `found by the detector, confidence ${(m.confidence * 100).toFixed(0)} %` : 'region drawn by the examiner'}) at ${mm(m.box.x)}, ${mm(m.box.y)} mm, ${mm(m.box.w)} x ${mm(m.box.h)} mm`, { bold: true });
  const images = desk.auth.images(m.id);
  // The verification the examiner's verdict rests on, else the latest one.
  const all = desk.auth.verifications(m.id);
  const v: Verification | undefined = all.find((x) => x.id === m.decision?.verificationId) ?? all[0];
  const row: { png: Buffer; caption: string }[] = [{ png: pngOf(images.crop), caption: 'questioned (as scanned)' }];
  if (v?.evidence) {
    row.push({ png: pngOf(v.evidence.overlay), caption: 'overlay: specimen green, questioned magenta' });
    row.push({ png: pngOf(v.evidence.heatmap), caption: 'difference heat map' });
  }
  await w.images(row, 110);
  if (!v) {
    w.text('Not verified against the specimen library.', { indent: 8 });
  } else {
    w.text(`Machine verification ${v.createdAt}: ${v.ownerLabel || 'no specimen owner'} - ${v.outcome === 'scored' ? `score ${pct(v.score)}, band ${v.band}` : v.outcome.replace(/_/g, ' ')}`, {
      indent: 8,
      bold: true,
      colour: v.band ? BAND_COLOUR[v.band] : undefined,
    });
    if (v.duplicateOf) w.text(`Pixel copy of the impression on ${v.duplicateOf.fileName} (digital paste).`, { indent: 8, bold: true, colour: BAND_COLOUR.inconsistent });
    for (const r of v.reasons) w.text(`- ${r.text}`, { indent: 14, size: 8.5 });
    if (v.alignment) w.text(`Alignment: rotation ${v.alignment.rotationDeg.toFixed(1)} deg, scale ${v.alignment.scale.toFixed(3)}, correlation ${v.alignment.correlation.toFixed(3)}; calibration v${v.calibrationVersion}.`, { indent: 14, size: 8, colour: rgb(0.35, 0.35, 0.35) });
    if (v.evidence) await w.images([{ png: pngOf(v.evidence.sideBySide), caption: 'side by side: specimen (left), questioned aligned (right)' }], 110);
  }
  const d = m.decision;
  if (d) {
    w.text(`Examiner's verdict: ${d.verdict.toUpperCase()} - ${d.examiner}, ${d.decidedAt}`, { indent: 8, bold: true, colour: BAND_COLOUR[d.verdict] });
    if (d.note) w.text(`Note: ${d.note}`, { indent: 14, size: 8.5 });
    w.text(`Record hash ${d.hash}`, { indent: 14, size: 7, colour: rgb(0.45, 0.45, 0.45) });
  } else {
    w.text("Examiner's verdict: not recorded.", { indent: 8 });
  }
}
