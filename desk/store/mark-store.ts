/**
 * C/O authentication records in the desk database: marks (stamps and signatures on pages), the
 * specimen library (owners and reference impressions with their 1:N descriptors), verifications
 * (kept, never rewritten) and the examiner's verdicts (append-only, hash-chained).
 * Shares the case store's connection; images live in the blob store's derived/ folder.
 */
import { createHash, randomUUID } from 'node:crypto';
import type { Database } from 'better-sqlite3';
import {
  toSpecimenQuality,
  type ExaminerVerdict,
  type Mark,
  type MarkKind,
  type OwnerInput,
  type Specimen,
  type SpecimenOwner,
  type Verification,
} from '../../contract/forensics.ts';
import type { Box } from '../../contract/fields.ts';
import { DeskError } from '../errors.ts';

const now = (): string => new Date().toISOString();
const GENESIS = '0'.repeat(64);

export interface NewMark {
  documentId: string;
  pageId: string;
  kind: MarkKind;
  box: Box;
  ink: { name: Mark['colour']['name']; rgb: [number, number, number] };
  confidence: number;
  origin: Mark['origin'];
  note: string;
  cropSha: string;
  maskSha: string;
}

export interface StoredMark {
  id: string;
  documentId: string;
  pageId: string;
  kind: MarkKind;
  box: Box;
  colour: Mark['colour'];
  confidence: number;
  origin: Mark['origin'];
  note: string;
  cropSha: string;
  maskSha: string;
  createdAt: string;
}

export interface NewSpecimen {
  ownerId: string;
  kind: MarkKind;
  imageSha: string;
  dpi: number;
  sizeMm: number;
  ink: Specimen['ink'];
  quality: Specimen['quality'];
  source: string;
  descriptor: Float32Array;
  rerank: Float32Array | null;
}

export interface StoredSpecimen extends Specimen {
  imageSha: string;
}

/** What a verification row keeps besides its columns (the contract's Verification minus images). */
export type VerificationBody = Omit<Verification, 'id' | 'markId' | 'ownerId' | 'outcome' | 'score' | 'band' | 'evidence' | 'createdAt'> & {
  evidenceFrame: { frameWidth: number; frameHeight: number; gap: number; mmPerPx: number } | null;
};

export interface StoredVerification {
  id: string;
  markId: string;
  ownerId: string | null;
  outcome: Verification['outcome'];
  score: number | null;
  band: Verification['band'];
  body: VerificationBody;
  evidenceShas: { overlay: string; heatmap: string; sideBySide: string } | null;
  createdAt: string;
}

interface MarkRow {
  id: string;
  document_id: string;
  page_id: string;
  kind: MarkKind;
  x: number;
  y: number;
  w: number;
  h: number;
  ink_name: Mark['colour']['name'];
  ink_rgb: string;
  confidence: number;
  origin: Mark['origin'];
  note: string;
  crop_sha: string;
  mask_sha: string;
  created_at: string;
}

interface OwnerRow {
  id: string;
  kind: MarkKind;
  country: string;
  authority: string;
  office: string;
  signatory: string;
  valid_from: string | null;
  valid_to: string | null;
  notes: string;
  created_at: string;
  retired_at: string | null;
  specimen_count: number;
}

interface SpecimenRow {
  id: string;
  owner_id: string;
  kind: MarkKind;
  image_sha: string;
  dpi: number;
  size_mm: number;
  ink: Specimen['ink'];
  quality_json: string;
  source: string;
  created_at: string;
  retired_at: string | null;
}

interface VerificationRow {
  id: string;
  mark_id: string;
  owner_id: string | null;
  outcome: Verification['outcome'];
  score: number | null;
  band: Verification['band'];
  result_json: string;
  overlay_sha: string | null;
  heatmap_sha: string | null;
  side_sha: string | null;
  created_at: string;
}

interface VerdictRow {
  seq: number;
  mark_id: string;
  verification_id: string | null;
  verdict: ExaminerVerdict['verdict'];
  note: string;
  examiner: string;
  decided_at: string;
  prev_hash: string;
  hash: string;
}

const toMark = (r: MarkRow): StoredMark => ({
  id: r.id,
  documentId: r.document_id,
  pageId: r.page_id,
  kind: r.kind,
  box: { x: r.x, y: r.y, w: r.w, h: r.h },
  colour: { name: r.ink_name, rgb: JSON.parse(r.ink_rgb) as [number, number, number] },
  confidence: r.confidence,
  origin: r.origin,
  note: r.note,
  cropSha: r.crop_sha,
  maskSha: r.mask_sha,
  createdAt: r.created_at,
});

/** "KR · Korea Chamber of Commerce · Busan" or "KR · … · Kim Min-jun" (signatories). */
export function ownerLabel(o: Pick<SpecimenOwner, 'country' | 'authority' | 'office' | 'signatory' | 'kind'>): string {
  return [o.country, o.authority, o.office, o.kind === 'signature' ? o.signatory : ''].filter(Boolean).join(' · ');
}

const toOwner = (r: OwnerRow): SpecimenOwner => {
  const o = {
    id: r.id,
    kind: r.kind,
    country: r.country,
    authority: r.authority,
    office: r.office,
    signatory: r.signatory,
    validFrom: r.valid_from,
    validTo: r.valid_to,
    notes: r.notes,
    retiredAt: r.retired_at,
    specimenCount: r.specimen_count,
    createdAt: r.created_at,
  };
  return { ...o, label: ownerLabel(o) };
};

const toSpecimen = (r: SpecimenRow): StoredSpecimen => ({
  id: r.id,
  ownerId: r.owner_id,
  kind: r.kind,
  dpi: r.dpi,
  sizeMm: r.size_mm,
  ink: r.ink,
  // (specimens enrolled before quality issues had codes kept their English sentences only)
  quality: toSpecimenQuality(JSON.parse(r.quality_json) as Parameters<typeof toSpecimenQuality>[0]),
  source: r.source,
  createdAt: r.created_at,
  retiredAt: r.retired_at,
  imageSha: r.image_sha,
});

const toVerification = (r: VerificationRow): StoredVerification => ({
  id: r.id,
  markId: r.mark_id,
  ownerId: r.owner_id,
  outcome: r.outcome,
  score: r.score,
  band: r.band,
  body: JSON.parse(r.result_json) as VerificationBody,
  evidenceShas: r.overlay_sha && r.heatmap_sha && r.side_sha ? { overlay: r.overlay_sha, heatmap: r.heatmap_sha, sideBySide: r.side_sha } : null,
  createdAt: r.created_at,
});

const toVerdict = (r: VerdictRow): ExaminerVerdict => ({
  seq: r.seq,
  markId: r.mark_id,
  verificationId: r.verification_id,
  verdict: r.verdict,
  note: r.note,
  examiner: r.examiner,
  decidedAt: r.decided_at,
  hash: r.hash,
});

function verdictHash(prev: string, v: Omit<VerdictRow, 'seq' | 'prev_hash' | 'hash'>): string {
  return createHash('sha256')
    .update(JSON.stringify([prev, v.mark_id, v.verification_id, v.verdict, v.note, v.examiner, v.decided_at]))
    .digest('hex');
}

const f32 = (a: Float32Array): Buffer => Buffer.from(a.buffer, a.byteOffset, a.byteLength);
const fromBlob = (b: Buffer): Float32Array => new Float32Array(b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength));

export class MarkStore {
  constructor(private readonly db: Database) {}

  // -- marks -----------------------------------------------------------------

  /** Replaces the detector's marks of a document (the examiner's stay); in one transaction. */
  replaceDetected(documentId: string, marks: NewMark[], detector: string): void {
    const t = now();
    this.db.transaction(() => {
      // Soft removal: verdicts and verifications may point at the old marks.
      this.db.prepare(`UPDATE marks SET removed_at = ? WHERE document_id = ? AND origin = 'detected' AND removed_at IS NULL`).run(t, documentId);
      for (const m of marks) this.insertMark(m, t);
      this.db
        .prepare(`INSERT INTO mark_detections (document_id, detected_at, detector) VALUES (?, ?, ?)
                  ON CONFLICT(document_id) DO UPDATE SET detected_at = excluded.detected_at, detector = excluded.detector`)
        .run(documentId, t, detector);
    })();
  }

  addMark(m: NewMark): StoredMark {
    return this.getMark(this.insertMark(m, now()));
  }

  private insertMark(m: NewMark, t: string): string {
    const id = randomUUID();
    this.db
      .prepare(
        `INSERT INTO marks (id, document_id, page_id, kind, x, y, w, h, ink_name, ink_rgb, confidence, origin, note, crop_sha, mask_sha, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(id, m.documentId, m.pageId, m.kind, m.box.x, m.box.y, m.box.w, m.box.h, m.ink.name, JSON.stringify(m.ink.rgb), m.confidence, m.origin, m.note, m.cropSha, m.maskSha, t);
    return id;
  }

  /** A changed region or kind is a new mark made by the examiner; the old one is kept, removed. */
  replaceMark(oldId: string, m: NewMark): StoredMark {
    return this.db.transaction(() => {
      this.removeMark(oldId);
      return this.addMark(m);
    })();
  }

  removeMark(id: string): void {
    const info = this.db.prepare(`UPDATE marks SET removed_at = ? WHERE id = ? AND removed_at IS NULL`).run(now(), id);
    if (info.changes === 0) throw new DeskError('not_found', `mark ${id} not found`, { id });
  }

  getMark(id: string): StoredMark {
    const row = this.db.prepare(`SELECT * FROM marks WHERE id = ? AND removed_at IS NULL`).get(id) as MarkRow | undefined;
    if (!row) throw new DeskError('not_found', `mark ${id} not found`, { id });
    return toMark(row);
  }

  listMarks(documentId: string): StoredMark[] {
    const rows = this.db
      .prepare(
        `SELECT m.* FROM marks m JOIN pages p ON p.id = m.page_id
         WHERE m.document_id = ? AND m.removed_at IS NULL ORDER BY p.idx, m.y, m.x`,
      )
      .all(documentId) as MarkRow[];
    return rows.map(toMark);
  }

  /** Stores a mark's copy-check descriptor (computed in the forensics worker). */
  setMarkDescriptor(id: string, descriptor: Float32Array): void {
    this.db.prepare(`UPDATE marks SET descriptor = ? WHERE id = ?`).run(f32(descriptor), id);
  }

  /** Live marks of a kind still without a descriptor (of one document, or of any), the most recent first. */
  marksWithoutDescriptor(kind: MarkKind, limit: number, documentId?: string): StoredMark[] {
    const rows = this.db
      .prepare(
        `SELECT * FROM marks WHERE kind = ? AND removed_at IS NULL AND descriptor IS NULL AND (? IS NULL OR document_id = ?)
         ORDER BY created_at DESC LIMIT ?`,
      )
      .all(kind, documentId ?? null, documentId ?? null, limit) as MarkRow[];
    return rows.map(toMark);
  }

  /** Descriptors of the live marks of a kind (the copy-paste check's first pass over the store). */
  markDescriptors(kind: MarkKind): { id: string; descriptor: Float32Array }[] {
    const rows = this.db.prepare(`SELECT id, descriptor FROM marks WHERE kind = ? AND removed_at IS NULL AND descriptor IS NOT NULL`).all(kind) as { id: string; descriptor: Buffer }[];
    // (an empty descriptor marks a crop that could not be described)
    return rows.filter((r) => r.descriptor.byteLength > 0).map((r) => ({ id: r.id, descriptor: fromBlob(r.descriptor) }));
  }

  detectedAt(documentId: string): string | null {
    const row = this.db.prepare(`SELECT detected_at FROM mark_detections WHERE document_id = ?`).get(documentId) as { detected_at: string } | undefined;
    return row?.detected_at ?? null;
  }

  // -- owners and specimens ----------------------------------------------------

  saveOwner(input: import('zod').output<typeof import('../../contract/forensics.ts').OwnerInput>): SpecimenOwner {
    const t = now();
    if (input.validFrom && input.validTo && input.validTo < input.validFrom) {
      throw new DeskError('invalid_argument', 'the validity ends before it starts', { field: 'validTo' });
    }
    if (input.kind === 'signature' && !input.signatory) {
      throw new DeskError('invalid_argument', 'a signature specimen needs the signatory’s name', { field: 'signatory' });
    }
    if (input.id) {
      const existing = this.getOwner(input.id);
      if (existing.kind !== input.kind) throw new DeskError('invalid_argument', 'an owner’s kind cannot change', { field: 'kind' });
      this.db
        .prepare(
          `UPDATE specimen_owners SET country = ?, authority = ?, office = ?, signatory = ?, valid_from = ?, valid_to = ?, notes = ?, updated_at = ? WHERE id = ?`,
        )
        .run(input.country, input.authority, input.office, input.signatory, input.validFrom, input.validTo, input.notes, t, input.id);
      return this.getOwner(input.id);
    }
    const id = randomUUID();
    this.db
      .prepare(
        `INSERT INTO specimen_owners (id, kind, country, authority, office, signatory, valid_from, valid_to, notes, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(id, input.kind, input.country, input.authority, input.office, input.signatory, input.validFrom, input.validTo, input.notes, t, t);
    return this.getOwner(id);
  }

  private static readonly OWNER_SELECT = `SELECT o.*, (SELECT COUNT(*) FROM specimens s WHERE s.owner_id = o.id AND s.retired_at IS NULL) AS specimen_count FROM specimen_owners o`;

  getOwner(id: string): SpecimenOwner {
    const row = this.db.prepare(`${MarkStore.OWNER_SELECT} WHERE o.id = ?`).get(id) as OwnerRow | undefined;
    if (!row) throw new DeskError('not_found', `specimen owner ${id} not found`, { id });
    return toOwner(row);
  }

  listOwners(filter: { kind?: MarkKind; search: string; includeRetired: boolean }): SpecimenOwner[] {
    const like = `%${filter.search.replace(/[%_\\]/g, (c) => `\\${c}`)}%`;
    const rows = this.db
      .prepare(
        `${MarkStore.OWNER_SELECT}
         WHERE (? IS NULL OR o.kind = ?) AND (? OR o.retired_at IS NULL)
           AND (o.country || ' ' || o.authority || ' ' || o.office || ' ' || o.signatory) LIKE ? ESCAPE '\\'
         ORDER BY o.country, o.authority, o.office, o.signatory`,
      )
      .all(filter.kind ?? null, filter.kind ?? null, filter.includeRetired ? 1 : 0, like) as OwnerRow[];
    return rows.map(toOwner);
  }

  retireOwner(id: string): SpecimenOwner {
    this.getOwner(id);
    this.db.prepare(`UPDATE specimen_owners SET retired_at = COALESCE(retired_at, ?) WHERE id = ?`).run(now(), id);
    return this.getOwner(id);
  }

  addSpecimen(s: NewSpecimen): StoredSpecimen {
    const owner = this.getOwner(s.ownerId);
    if (owner.kind !== s.kind) throw new DeskError('invalid_argument', `a ${s.kind} cannot be a specimen of ${owner.label} (${owner.kind}s)`);
    if (owner.retiredAt) throw new DeskError('invalid_argument', `${owner.label} is retired`);
    const id = randomUUID();
    this.db
      .prepare(
        `INSERT INTO specimens (id, owner_id, kind, image_sha, dpi, size_mm, ink, quality_json, source, descriptor, rerank, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(id, s.ownerId, s.kind, s.imageSha, s.dpi, s.sizeMm, s.ink, JSON.stringify(s.quality), s.source, f32(s.descriptor), s.rerank ? f32(s.rerank) : null, now());
    return this.getSpecimen(id);
  }

  getSpecimen(id: string): StoredSpecimen {
    const row = this.db.prepare(`SELECT * FROM specimens WHERE id = ?`).get(id) as SpecimenRow | undefined;
    if (!row) throw new DeskError('not_found', `specimen ${id} not found`, { id });
    return toSpecimen(row);
  }

  listSpecimens(ownerId: string, includeRetired = false): StoredSpecimen[] {
    const rows = this.db
      .prepare(`SELECT * FROM specimens WHERE owner_id = ? AND (? OR retired_at IS NULL) ORDER BY created_at`)
      .all(ownerId, includeRetired ? 1 : 0) as SpecimenRow[];
    return rows.map(toSpecimen);
  }

  retireSpecimen(id: string): StoredSpecimen {
    this.getSpecimen(id);
    this.db.prepare(`UPDATE specimens SET retired_at = COALESCE(retired_at, ?) WHERE id = ?`).run(now(), id);
    return this.getSpecimen(id);
  }

  /** Live specimens of live owners with their descriptors, for the in-memory 1:N index. */
  indexRows(): { id: string; ownerId: string; kind: MarkKind; sizeMm: number; ink: string; descriptor: Float32Array }[] {
    const rows = this.db
      .prepare(
        `SELECT s.id, s.owner_id, s.kind, s.size_mm, s.ink, s.descriptor FROM specimens s JOIN specimen_owners o ON o.id = s.owner_id
         WHERE s.retired_at IS NULL AND o.retired_at IS NULL`,
      )
      .all() as { id: string; owner_id: string; kind: MarkKind; size_mm: number; ink: string; descriptor: Buffer }[];
    return rows.map((r) => ({ id: r.id, ownerId: r.owner_id, kind: r.kind, sizeMm: r.size_mm, ink: r.ink, descriptor: fromBlob(r.descriptor) }));
  }

  rerankBlob(specimenId: string): Float32Array | null {
    const row = this.db.prepare(`SELECT rerank FROM specimens WHERE id = ?`).get(specimenId) as { rerank: Buffer | null } | undefined;
    return row?.rerank ? fromBlob(row.rerank) : null;
  }

  // -- verifications and verdicts ---------------------------------------------

  addVerification(v: Omit<StoredVerification, 'id' | 'createdAt'>): StoredVerification {
    const id = randomUUID();
    this.db
      .prepare(
        `INSERT INTO verifications (id, mark_id, owner_id, outcome, score, band, result_json, overlay_sha, heatmap_sha, side_sha, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        id,
        v.markId,
        v.ownerId,
        v.outcome,
        v.score,
        v.band,
        JSON.stringify(v.body),
        v.evidenceShas?.overlay ?? null,
        v.evidenceShas?.heatmap ?? null,
        v.evidenceShas?.sideBySide ?? null,
        now(),
      );
    return this.getVerification(id);
  }

  getVerification(id: string): StoredVerification {
    const row = this.db.prepare(`SELECT * FROM verifications WHERE id = ?`).get(id) as VerificationRow | undefined;
    if (!row) throw new DeskError('not_found', `verification ${id} not found`, { id });
    return toVerification(row);
  }

  verificationsOf(markId: string): StoredVerification[] {
    const rows = this.db.prepare(`SELECT * FROM verifications WHERE mark_id = ? ORDER BY created_at DESC, rowid DESC`).all(markId) as VerificationRow[];
    return rows.map(toVerification);
  }

  latestVerification(markId: string): StoredVerification | null {
    const row = this.db.prepare(`SELECT * FROM verifications WHERE mark_id = ? ORDER BY created_at DESC, rowid DESC LIMIT 1`).get(markId) as
      | VerificationRow
      | undefined;
    return row ? toVerification(row) : null;
  }

  decide(d: { markId: string; verificationId: string | null; verdict: ExaminerVerdict['verdict']; note: string; examiner: string }): ExaminerVerdict {
    return this.db.transaction(() => {
      this.getMark(d.markId);
      if (d.verificationId && this.getVerification(d.verificationId).markId !== d.markId) {
        throw new DeskError('invalid_argument', 'that verification belongs to another mark');
      }
      const last = this.db.prepare(`SELECT hash FROM mark_verdicts ORDER BY seq DESC LIMIT 1`).get() as { hash: string } | undefined;
      const prev = last?.hash ?? GENESIS;
      const entry = { mark_id: d.markId, verification_id: d.verificationId, verdict: d.verdict, note: d.note, examiner: d.examiner, decided_at: now() };
      const info = this.db
        .prepare(
          `INSERT INTO mark_verdicts (mark_id, verification_id, verdict, note, examiner, decided_at, prev_hash, hash)
           VALUES (@mark_id, @verification_id, @verdict, @note, @examiner, @decided_at, @prev, @hash)`,
        )
        .run({ ...entry, prev, hash: verdictHash(prev, entry) });
      return toVerdict(this.db.prepare(`SELECT * FROM mark_verdicts WHERE seq = ?`).get(info.lastInsertRowid) as VerdictRow);
    })();
  }

  latestDecision(markId: string): ExaminerVerdict | null {
    const row = this.db.prepare(`SELECT * FROM mark_verdicts WHERE mark_id = ? ORDER BY seq DESC LIMIT 1`).get(markId) as VerdictRow | undefined;
    return row ? toVerdict(row) : null;
  }

  decisionsOf(markId: string): ExaminerVerdict[] {
    return (this.db.prepare(`SELECT * FROM mark_verdicts WHERE mark_id = ? ORDER BY seq`).all(markId) as VerdictRow[]).map(toVerdict);
  }

  /** Recomputes the verdict chain; the first broken link's seq, or null when intact. */
  verifyVerdictChain(): number | null {
    let prev = GENESIS;
    for (const r of this.db.prepare(`SELECT * FROM mark_verdicts ORDER BY seq`).iterate() as IterableIterator<VerdictRow>) {
      if (r.prev_hash !== prev || verdictHash(prev, r) !== r.hash) return r.seq;
      prev = r.hash;
    }
    return null;
  }
}
