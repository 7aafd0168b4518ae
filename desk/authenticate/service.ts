/**
 * C/O authentication at the desk: finds the stamps and signatures on a document's pages, keeps the
 * specimen library, identifies (1:N) and verifies (1:1) marks with evidence images, and records the
 * examiner's verdicts. Pixel work goes to the forensics worker; this class joins it to the store.
 */
import type { DeskEvent } from '../../contract/api.ts';
import type { Box } from '../../contract/fields.ts';
import { toSpecimenQuality, type Mark, type MarkKind, type MarkList, type OwnerInput, type Reason, type Specimen, type SpecimenOwner, type SpecimenQuality, type Verification } from '../../contract/forensics.ts';
import { loadCalibration } from '../forensics/verify.ts';
import { SpecimenIndex, rerankScore } from '../forensics/library.ts';
import { DeskError } from '../errors.ts';
import type { Logger } from '../log.ts';
import type { BlobStore } from '../store/blobs.ts';
import type { CaseStore } from '../store/case-store.ts';
import type { RecordStore } from '../store/record-store.ts';
import { MarkStore, type StoredMark, type StoredSpecimen, type StoredVerification } from '../store/mark-store.ts';
import type { DetectedMark, MarkImageRef } from './engine.ts';
import type { ForensicsWorker } from './worker-client.ts';

/** Recorded with each detection, so a document says which detector found its marks. */
export const DETECTOR = 'origindesk-marks/1';
/** Marks still without a copy-check descriptor that one verification describes (older stores). */
const DESCRIPTOR_BACKFILL = 200;
/** Near-identical candidates per verification that get the pixel comparison, and their minimum descriptor similarity. */
const COPY_CANDIDATES = 5;
const COPY_COARSE = 0.9;

/** Descriptor similarity below which a stamp resembles no seal in the library (genuine ≥ 0.9, another office's seal ~0.8–0.95, an unrelated stamp ~0.2). */
const UNLIKE_ANY_SEAL = 0.5;
/** Words of box 12 that name no particular authority. */
const STOP_WORDS = new Set(['CUSTOMS', 'CHINA', 'REPUBLIC', 'PEOPLE', 'CHAMBER', 'COMMERCE', 'MINISTRY', 'OFFICE', 'AUTHORITY', 'TRADE', 'INDUSTRY', 'CERTIFICATE', 'ORIGIN']);

const dataUrl = (png: Uint8Array): string => `data:image/png;base64,${Buffer.from(png).toString('base64')}`;

export class Authentication {
  readonly marks: MarkStore;
  private index: { index: SpecimenIndex; owners: Map<string, string> } | null = null;
  private detecting = new Map<string, Promise<MarkList>>();

  constructor(
    private readonly store: CaseStore,
    private readonly blobs: BlobStore,
    private readonly worker: ForensicsWorker,
    private readonly log: Logger,
    private readonly publish: (e: DeskEvent) => void,
    /** The extracted C/O fields (box 12 names the issuing authority). */
    private readonly records?: RecordStore,
  ) {
    this.marks = new MarkStore(store.db);
  }

  // -- marks -------------------------------------------------------------------

  /** Runs detection on every page (once at a time per document; a second call joins the first). */
  detect(documentId: string): Promise<MarkList> {
    const running = this.detecting.get(documentId);
    if (running) return running;
    const job = this.runDetection(documentId).finally(() => this.detecting.delete(documentId));
    this.detecting.set(documentId, job);
    return job;
  }

  private async runDetection(documentId: string): Promise<MarkList> {
    const doc = this.store.getDocument(documentId);
    if (doc.status !== 'ready') throw new DeskError('invalid_argument', `${doc.fileName} is not processed yet (${doc.status}); stamps are found once its pages are ready`);
    const pages = this.store.listPages(documentId);
    const found: Parameters<MarkStore['replaceDetected']>[1] = [];
    const progress = (pagesDone: number, done: boolean, error: string | null) =>
      this.publish({ type: 'marks', documentId, pagesDone, pageTotal: pages.length, done, error });
    progress(0, false, null);
    try {
      for (const [i, page] of pages.entries()) {
        const path = this.blobs.pageImagePath(this.store.getPage(page.id).sha256, page.index, 'full');
        for (const m of await this.worker.call('detectPage', path, page.dpi)) found.push(this.toNewMark(documentId, page.id, m, 'detected'));
        progress(i + 1, false, null);
      }
    } catch (err) {
      progress(0, true, err instanceof Error ? err.message : String(err));
      throw err;
    }
    this.marks.replaceDetected(documentId, found, DETECTOR);
    this.log.info({ documentId, marks: found.length }, 'marks detected');
    progress(pages.length, true, null);
    // this document's stamps get their copy-check descriptors now, while the examiner reads the
    // page; older marks without one are described at the next verification
    await this.ensureDescriptors('stamp', found.length, documentId);
    return this.list(documentId);
  }

  private toNewMark(documentId: string, pageId: string, m: DetectedMark, origin: Mark['origin']) {
    return {
      documentId,
      pageId,
      kind: m.kind,
      box: m.box,
      ink: m.colour,
      confidence: m.confidence,
      origin,
      note: m.note,
      cropSha: this.blobs.putDerived(m.crop),
      maskSha: this.blobs.putDerived(m.inkMask),
    };
  }

  list(documentId: string): MarkList {
    this.store.getDocument(documentId);
    return { documentId, detectedAt: this.marks.detectedAt(documentId), marks: this.marks.listMarks(documentId).map((m) => this.toMark(m)) };
  }

  toMark(m: StoredMark): Mark {
    const page = this.store.getPage(m.pageId);
    const v = this.marks.latestVerification(m.id);
    return {
      id: m.id,
      documentId: m.documentId,
      pageId: m.pageId,
      pageIndex: page.index,
      kind: m.kind,
      box: m.box,
      dpi: page.dpi,
      colour: m.colour,
      confidence: m.confidence,
      origin: m.origin,
      note: m.note,
      createdAt: m.createdAt,
      latest: v && {
        verificationId: v.id,
        ownerId: v.ownerId,
        ownerLabel: v.body.ownerLabel,
        outcome: v.outcome,
        score: v.score,
        band: v.band,
        duplicate: v.body.duplicateOf !== null,
      },
      decision: this.marks.latestDecision(m.id),
    };
  }

  async add(pageId: string, box: Box, kind: MarkKind): Promise<Mark> {
    const page = this.store.getPage(pageId);
    const region = await this.worker.call('cropRegion', this.blobs.pageImagePath(page.sha256, page.index, 'full'), page.dpi, box, kind);
    return this.toMark(this.marks.addMark(this.toNewMark(page.documentId, pageId, region, 'examiner')));
  }

  /** A moved region or changed kind: a new examiner mark replaces the old one (kept, removed). */
  async update(markId: string, box: Box | undefined, kind: MarkKind | undefined): Promise<Mark> {
    const old = this.marks.getMark(markId);
    const page = this.store.getPage(old.pageId);
    const region = await this.worker.call('cropRegion', this.blobs.pageImagePath(page.sha256, page.index, 'full'), page.dpi, box ?? old.box, kind ?? old.kind);
    return this.toMark(this.marks.replaceMark(markId, this.toNewMark(old.documentId, old.pageId, region, 'examiner')));
  }

  images(markId: string) {
    const m = this.marks.getMark(markId);
    return { markId, crop: dataUrl(this.blobs.readDerived(m.cropSha)), inkMask: dataUrl(this.blobs.readDerived(m.maskSha)), dpi: this.store.getPage(m.pageId).dpi };
  }

  private markRef(m: StoredMark): MarkImageRef {
    return { id: m.id, kind: m.kind, dpi: this.store.getPage(m.pageId).dpi, path: this.blobs.derivedPath(m.cropSha) };
  }

  // -- library -----------------------------------------------------------------

  saveOwner(input: import('zod').output<typeof OwnerInput>): SpecimenOwner {
    const o = this.marks.saveOwner(input);
    this.index = null;
    return o;
  }

  retireOwner(id: string): SpecimenOwner {
    const o = this.marks.retireOwner(id);
    this.index = null;
    return o;
  }

  specimens(ownerId: string, includeRetired: boolean) {
    this.marks.getOwner(ownerId);
    return this.marks.listSpecimens(ownerId, includeRetired).map((s) => ({ ...publicSpecimen(s), image: dataUrl(this.blobs.readDerived(s.imageSha)) }));
  }

  async addSpecimen(input: { ownerId: string; source: string; markId?: string; pageId?: string; box?: Box }): Promise<Specimen> {
    const owner = this.marks.getOwner(input.ownerId);
    let ref: MarkImageRef;
    let source = input.source;
    if (input.markId) {
      const m = this.marks.getMark(input.markId);
      if (m.kind !== owner.kind) throw new DeskError('invalid_argument', `a ${m.kind} cannot be a specimen of ${owner.label} (${owner.kind}s)`);
      ref = this.markRef(m);
      const doc = this.store.getDocument(m.documentId);
      source ||= `${doc.fileName}, page ${this.store.getPage(m.pageId).index + 1}`;
    } else {
      const page = this.store.getPage(input.pageId!);
      const region = await this.worker.call('cropRegion', this.blobs.pageImagePath(page.sha256, page.index, 'full'), page.dpi, input.box!, owner.kind);
      ref = { id: 'region', kind: owner.kind, dpi: page.dpi, png: region.crop };
      source ||= `${this.store.getDocument(page.documentId).fileName}, page ${page.index + 1}`;
    }
    return this.enrol(owner, ref, source);
  }

  async uploadSpecimen(input: { ownerId: string; fileName: string; dpi: number; source: string; data: Uint8Array }): Promise<Specimen> {
    const owner = this.marks.getOwner(input.ownerId);
    if (input.data.byteLength === 0) throw new DeskError('empty_file', `${input.fileName} is empty (0 bytes)`);
    return this.enrol(owner, { id: 'upload', kind: owner.kind, dpi: input.dpi, png: input.data }, input.source || input.fileName);
  }

  private async enrol(owner: SpecimenOwner, ref: MarkImageRef, source: string): Promise<Specimen> {
    const d = await this.worker.call('describe', ref);
    const stored = this.marks.addSpecimen({
      ownerId: owner.id,
      kind: owner.kind,
      imageSha: this.blobs.putDerived(d.png),
      dpi: ref.dpi,
      sizeMm: Math.round(d.sizeMm * 10) / 10,
      ink: d.ink,
      quality: d.quality,
      source,
      descriptor: d.descriptor,
      rerank: d.rerank,
    });
    this.index = null;
    this.log.info({ ownerId: owner.id, specimenId: stored.id, quality: d.quality.ok }, 'specimen enrolled');
    return publicSpecimen(stored);
  }

  retireSpecimen(id: string): Specimen {
    const s = this.marks.retireSpecimen(id);
    this.index = null;
    return publicSpecimen(s);
  }

  /** The in-memory 1:N index over live specimens, rebuilt from stored descriptors after any change. */
  private libraryIndex() {
    if (this.index) return this.index;
    const index = new SpecimenIndex();
    const owners = new Map<string, string>();
    for (const r of this.marks.indexRows()) {
      index.add(r.id, r.descriptor, { kind: r.kind, sizeMm: r.sizeMm, ink: r.ink });
      owners.set(r.id, r.ownerId);
    }
    this.index = { index, owners };
    return this.index;
  }

  // -- identification and verification -------------------------------------------

  async identify(markId: string, k: number) {
    const mark = this.marks.getMark(markId);
    return { markId, ...(await this.identifyRef(this.markRef(mark), k)) };
  }

  /**
   * 1:N over the library: the descriptor index first (all specimens, a few ms), then the exact
   * re-rank of the best; one candidate per owner, best first.
   */
  async identifyRef(ref: MarkImageRef, k: number) {
    const t0 = performance.now();
    const { index, owners } = this.libraryIndex();
    const q = await this.worker.call('queryDescriptor', ref);
    // Several impressions per owner: search wider, then keep each owner's best.
    const found = index.search(q.descriptor, Math.min(index.size, k * 4 + 8), { kind: ref.kind, sizeMm: ref.kind === 'stamp' ? q.sizeMm : undefined });
    for (const c of found) {
      const blob = q.rerank ? this.marks.rerankBlob(c.id) : null;
      c.exact = blob && q.rerank ? rerankScore(q.rerank, blob) : null;
    }
    found.sort((a, b) => (b.exact ?? b.coarse) - (a.exact ?? a.coarse));
    const seen = new Set<string>();
    const candidates = [];
    for (const c of found) {
      const ownerId = owners.get(c.id)!;
      if (seen.has(ownerId)) continue;
      seen.add(ownerId);
      candidates.push({ ownerId, ownerLabel: this.marks.getOwner(ownerId).label, specimenId: c.id, coarse: c.coarse, exact: c.exact });
      if (candidates.length === k) break;
    }
    return { librarySize: index.size, elapsedMs: Math.round(performance.now() - t0), candidates };
  }

  async verify(markId: string, ownerId: string | undefined): Promise<Verification> {
    const t0 = performance.now();
    const mark = this.marks.getMark(markId);
    const chosen = ownerId ? null : await this.chooseOwner(mark);
    const owner = ownerId ? this.marks.getOwner(ownerId) : (chosen?.owner ?? null);
    const specimens = owner ? this.marks.listSpecimens(owner.id) : [];
    if (owner && owner.kind !== mark.kind) throw new DeskError('invalid_argument', `${owner.label} holds ${owner.kind} specimens; this mark is a ${mark.kind}`);
    if (!owner || specimens.length === 0) {
      const who = mark.kind === 'stamp' ? 'issuing authority' : 'authorised signatory';
      const reason: Reason = owner
        ? { code: `owner_without_specimen.${mark.kind}`, params: { owner: owner.label }, text: `${owner.label} has no specimen on record: enrol a reference ${mark.kind} before comparing; no score is given` }
        : (chosen?.why ?? { code: `no_owner_on_record.${mark.kind}`, text: `no ${who} with a ${mark.kind} specimen is on record: enrol one in the specimen library; no score is given` });
      return this.record(mark, owner, [], { outcome: 'no_specimen_on_record', score: null, band: null, reasons: [reason] }, null, null, t0);
    }
    const others = mark.kind === 'stamp' ? await this.copyCandidates(mark) : [];
    const refs = specimens.map((s): MarkImageRef => ({ id: s.id, kind: s.kind, dpi: s.dpi, path: this.blobs.derivedPath(s.imageSha) }));
    const r = await this.worker.call('verifyMark', this.markRef(mark), refs, others);
    const reasons = [...(chosen ? [chosen.why] : []), ...r.verdict.reasons, ...validityReasons(owner, this.store.getCase(this.store.getDocument(mark.documentId).caseId).date)];
    const evidence = r.evidence && {
      shas: { overlay: this.blobs.putDerived(r.evidence.overlay), heatmap: this.blobs.putDerived(r.evidence.heatmap), sideBySide: this.blobs.putDerived(r.evidence.sideBySide) },
      frame: { frameWidth: r.evidence.frameWidth, frameHeight: r.evidence.frameHeight, gap: r.evidence.gap, mmPerPx: r.evidence.mmPerPx },
    };
    return this.record(mark, owner, specimens, { ...r.verdict, reasons, specimenId: r.specimenId }, evidence, r.verdict.duplicateOf, t0);
  }

  /**
   * Impressions anywhere in the store that could be the source of a digital paste of `mark`: the
   * store's marks whose descriptors are near-identical to its own (a paste keeps the descriptor,
   * two genuine impressions differ by their ink and pressure). Only these few are handed to the
   * worker for the pixel comparison, however many marks the desk holds.
   */
  private async copyCandidates(mark: StoredMark): Promise<MarkImageRef[]> {
    await this.ensureDescriptors(mark.kind, DESCRIPTOR_BACKFILL);
    const stored = this.marks.markDescriptors(mark.kind);
    const query = stored.find((d) => d.id === mark.id)?.descriptor ?? (await this.describeMark(mark));
    const index = new SpecimenIndex();
    for (const d of stored) if (d.id !== mark.id) index.add(d.id, d.descriptor, { kind: mark.kind, sizeMm: 0, ink: '' });
    return index
      .search(query, COPY_CANDIDATES, { kind: mark.kind })
      .filter((c) => c.coarse >= COPY_COARSE)
      .map((c) => this.markRef(this.marks.getMark(c.id)));
  }

  private async describeMark(mark: StoredMark): Promise<Float32Array> {
    const { descriptor } = await this.worker.call('queryDescriptor', this.markRef(mark));
    this.marks.setMarkDescriptor(mark.id, descriptor);
    return descriptor;
  }

  /** Descriptors for marks stored without one (detected before they existed), the most recent first. */
  private async ensureDescriptors(kind: MarkKind, limit: number, documentId?: string): Promise<void> {
    for (const m of this.marks.marksWithoutDescriptor(kind, limit, documentId)) {
      try {
        await this.describeMark(m);
      } catch (err) {
        // an unreadable crop cannot be the source of a copy: marked as described (empty), the
        // check goes on without it and does not try again
        this.marks.setMarkDescriptor(m.id, new Float32Array(0));
        this.log.warn({ markId: m.id, err: err instanceof Error ? err.message : String(err) }, 'mark descriptor failed');
      }
    }
  }

  /**
   * The owner to compare with when the examiner named none: among the closest specimen owners
   * (1:N), the one the C/O itself names in box 12 (issuing authority, place), else the closest.
   * Says which rule chose it, because a score is only as meaningful as the specimen behind it.
   */
  private async chooseOwner(mark: StoredMark): Promise<{ owner: SpecimenOwner | null; why: Reason } | null> {
    const { candidates } = await this.identifyRef(this.markRef(mark), 5);
    if (candidates.length === 0) return null;
    // A stamp like no seal on record (another party's stamp, e.g. the exporter's) is not scored
    // against an authority it plainly is not: that would read as a forgery.
    const closest = candidates[0]!;
    if (mark.kind === 'stamp' && closest.coarse < UNLIKE_ANY_SEAL) {
      const p = { closest: closest.ownerLabel, similarity: closest.coarse.toFixed(2) };
      return {
        owner: null,
        why: {
          code: 'unlike_any_seal',
          params: p,
          text: `no seal on record resembles this stamp (closest: ${p.closest}, similarity ${p.similarity}): it may be another party's stamp; choose an authority to compare it with anyway. No score is given`,
        },
      };
    }
    const record = this.records?.getRecord(mark.documentId);
    const named = ['issuing_authority', 'certification_place']
      .map((k) => record?.fields.find((f) => f.key === k)?.value ?? '')
      .join(' ')
      .toUpperCase();
    const words = new Set(named.split(/[^A-Z0-9]+/).filter((w) => w.length >= 4 && !STOP_WORDS.has(w)));
    if (words.size > 0) {
      for (const c of candidates) {
        const owner = this.marks.getOwner(c.ownerId);
        const hit = `${owner.authority} ${owner.office}`.toUpperCase().split(/[^A-Z0-9]+/).find((w) => words.has(w));
        if (hit) {
          const text = `compared with ${owner.label}: the certificate names "${hit}" in box 12 and this owner's specimens are among the closest on record`;
          return { owner, why: { code: 'owner_named_in_box12', params: { owner: owner.label, word: hit }, text } };
        }
      }
    }
    const owner = this.marks.getOwner(candidates[0]!.ownerId);
    const text = `compared with ${owner.label}, the closest specimens on record (the certificate's box 12 names no authority on record); choose the expected ${mark.kind === 'stamp' ? 'authority' : 'signatory'} to verify against it`;
    return { owner, why: { code: `owner_closest.${mark.kind}`, params: { owner: owner.label }, text } };
  }

  private record(
    mark: StoredMark,
    owner: SpecimenOwner | null,
    specimens: StoredSpecimen[],
    v: {
      outcome: Verification['outcome'];
      score: number | null;
      band: Verification['band'];
      reasons: Reason[];
      measures?: Record<string, number>;
      contributions?: Record<string, number>;
      quality?: { specimen: SpecimenQuality; query: SpecimenQuality };
      alignment?: Verification['alignment'];
      specimenId?: string | null;
    },
    evidence: { shas: NonNullable<StoredVerification['evidenceShas']>; frame: { frameWidth: number; frameHeight: number; gap: number; mmPerPx: number } } | null,
    duplicateOfMarkId: string | null,
    t0: number,
  ): Verification {
    let duplicateOf: Verification['duplicateOf'] = null;
    if (duplicateOfMarkId) {
      const other = this.marks.getMark(duplicateOfMarkId);
      const doc = this.store.getDocument(other.documentId);
      duplicateOf = { markId: other.id, documentId: doc.id, caseId: doc.caseId, fileName: doc.fileName };
    }
    const stored = this.marks.addVerification({
      markId: mark.id,
      ownerId: owner?.id ?? null,
      outcome: v.outcome,
      score: v.score,
      band: v.band,
      body: {
        ownerLabel: owner?.label ?? '',
        specimenIds: specimens.map((s) => s.id),
        specimenId: v.specimenId ?? null,
        reasons: v.reasons,
        measures: finite(v.measures ?? {}),
        contributions: finite(v.contributions ?? {}),
        quality: v.quality ? { specimen: { ok: v.quality.specimen.ok, issues: v.quality.specimen.issues }, query: { ok: v.quality.query.ok, issues: v.quality.query.issues } } : null,
        alignment: v.alignment ?? null,
        duplicateOf,
        calibrationVersion: loadCalibration().version,
        elapsedMs: Math.round(performance.now() - t0),
        evidenceFrame: evidence?.frame ?? null,
      },
      evidenceShas: evidence?.shas ?? null,
    });
    this.log.info({ markId: mark.id, ownerId: owner?.id, outcome: v.outcome, score: v.score }, 'mark verified');
    return this.toVerification(stored);
  }

  toVerification(s: StoredVerification): Verification {
    const { evidenceFrame, ...body } = s.body;
    // verifications stored before reasons had codes kept their English sentences only
    body.reasons = (body.reasons as (Reason | string)[]).map((r) => (typeof r === 'string' ? { code: 'text', text: r } : r));
    // and before quality issues had codes, their issues were English sentences too
    if (body.quality) body.quality = { specimen: toSpecimenQuality(body.quality.specimen), query: toSpecimenQuality(body.quality.query) };
    return {
      id: s.id,
      markId: s.markId,
      ownerId: s.ownerId,
      outcome: s.outcome,
      score: s.score,
      band: s.band,
      createdAt: s.createdAt,
      ...body,
      evidence:
        s.evidenceShas && evidenceFrame
          ? {
              overlay: dataUrl(this.blobs.readDerived(s.evidenceShas.overlay)),
              heatmap: dataUrl(this.blobs.readDerived(s.evidenceShas.heatmap)),
              sideBySide: dataUrl(this.blobs.readDerived(s.evidenceShas.sideBySide)),
              ...evidenceFrame,
            }
          : null,
    };
  }

  verifications(markId: string): Verification[] {
    this.marks.getMark(markId);
    return this.marks.verificationsOf(markId).map((v) => this.toVerification(v));
  }
}

function publicSpecimen(s: StoredSpecimen): Specimen {
  const { imageSha: _sha, ...rest } = s;
  return rest;
}

/** JSON cannot carry NaN or Infinity; a measure that is not a number is left out. */
function finite(r: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.entries(r).filter(([, v]) => Number.isFinite(v)));
}

/** The specimen's validity against the case date: a seal used outside its period is a finding in itself. */
function validityReasons(owner: SpecimenOwner, caseDate: string): Reason[] {
  const p = { owner: owner.label, from: owner.validFrom ?? '', to: owner.validTo ?? '', date: caseDate };
  if (owner.validFrom && caseDate < owner.validFrom) return [{ code: 'specimens_not_yet_valid', params: p, text: `the specimens of ${owner.label} are valid from ${owner.validFrom}; the case is dated ${caseDate}` }];
  if (owner.validTo && caseDate > owner.validTo) return [{ code: 'specimens_expired', params: p, text: `the specimens of ${owner.label} were valid until ${owner.validTo}; the case is dated ${caseDate}` }];
  return [];
}
