/**
 * The desk's case store: SQLite (better-sqlite3) with WAL, foreign keys and numbered migrations.
 * Cases → documents → pages. Rows are mapped to the contract's records here and nowhere else.
 */
import { randomUUID } from 'node:crypto';
import Database from 'better-sqlite3';
import type {
  Case,
  CaseSummary,
  DeskErrorInfo,
  Document,
  DocumentKind,
  DocumentStatus,
  FileType,
  Page,
  Rotation,
} from '../../contract/api.ts';
import { DeskError } from '../errors.ts';
import { migrations } from './migrations.ts';

type Db = Database.Database;

interface CaseRow {
  id: string;
  declaration_no: string;
  port: string;
  date: string;
  notes: string;
  created_at: string;
  updated_at: string;
}
interface DocumentRow {
  id: string;
  case_id: string;
  sha256: string;
  file_name: string;
  kind: string;
  status: string;
  page_total: number | null;
  error_json: string | null;
  notice_json: string | null;
  created_at: string;
  byte_size: number;
  file_type: string;
}
interface PageRow {
  id: string;
  document_id: string;
  idx: number;
  width: number;
  height: number;
  dpi: number;
  dpi_assumed: number;
  bit_depth: number;
  rotation: number;
  has_text_layer: number;
}

export interface PageMeta {
  width: number;
  height: number;
  dpi: number;
  dpiAssumed: boolean;
  bitDepth: 8 | 16;
  hasTextLayer: boolean;
}

export interface PageWord {
  text: string;
  x: number;
  y: number;
  w: number;
  h: number;
  /** Recognition confidence 0..1 (OCR); absent for a PDF's own text layer, which is exact. */
  conf?: number;
}

export type PageTextSource = 'pdf-text-layer' | 'ocr';

const now = (): string => new Date().toISOString();

function toCase(r: CaseRow): Case {
  return {
    id: r.id,
    declarationNo: r.declaration_no,
    port: r.port,
    date: r.date,
    notes: r.notes,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

function toDocument(r: DocumentRow): Document {
  return {
    id: r.id,
    caseId: r.case_id,
    fileName: r.file_name,
    sha256: r.sha256,
    byteSize: r.byte_size,
    fileType: r.file_type as FileType,
    kind: r.kind as DocumentKind,
    status: r.status as DocumentStatus,
    pageTotal: r.page_total,
    error: r.error_json ? (JSON.parse(r.error_json) as DeskErrorInfo) : null,
    notice: r.notice_json ? (JSON.parse(r.notice_json) as DeskErrorInfo) : null,
    createdAt: r.created_at,
  };
}

function toPage(r: PageRow): Page {
  return {
    id: r.id,
    documentId: r.document_id,
    index: r.idx,
    width: r.width,
    height: r.height,
    dpi: r.dpi,
    dpiAssumed: r.dpi_assumed === 1,
    bitDepth: r.bit_depth === 16 ? 16 : 8,
    rotation: r.rotation as Rotation,
    hasTextLayer: r.has_text_layer === 1,
  };
}

const DOCUMENT_SELECT = `
  SELECT d.*, o.byte_size, o.file_type FROM documents d JOIN originals o ON o.sha256 = d.sha256`;

export class CaseStore {
  readonly db: Db;

  constructor(readonly path: string) {
    this.db = new Database(path);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('foreign_keys = ON');
    this.db.pragma('busy_timeout = 5000');
    this.db.pragma('synchronous = NORMAL');
    this.migrate();
  }

  close(): void {
    this.db.close();
  }

  get schemaVersion(): number {
    return this.db.pragma('user_version', { simple: true }) as number;
  }

  private migrate(): void {
    const current = this.schemaVersion;
    const latest = migrations.at(-1)?.version ?? 0;
    if (current > latest) {
      throw new Error(`database schema ${current} is newer than this OriginDesk (${latest}); update the app`);
    }
    for (const m of migrations) {
      if (m.version <= current) continue;
      this.db.transaction(() => {
        this.db.exec(m.sql);
        this.db.pragma(`user_version = ${m.version}`);
      })();
    }
  }

  // -- cases ---------------------------------------------------------------

  createCase(input: { declarationNo: string; port: string; date: string; notes: string }): Case {
    const t = now();
    const row: CaseRow = {
      id: randomUUID(),
      declaration_no: input.declarationNo,
      port: input.port,
      date: input.date,
      notes: input.notes,
      created_at: t,
      updated_at: t,
    };
    this.db
      .prepare(
        `INSERT INTO cases (id, declaration_no, port, date, notes, created_at, updated_at)
         VALUES (@id, @declaration_no, @port, @date, @notes, @created_at, @updated_at)`,
      )
      .run(row);
    return toCase(row);
  }

  updateCase(id: string, input: { declarationNo: string; port: string; date: string; notes: string }): Case {
    const info = this.db
      .prepare(`UPDATE cases SET declaration_no = ?, port = ?, date = ?, notes = ?, updated_at = ? WHERE id = ?`)
      .run(input.declarationNo, input.port, input.date, input.notes, now(), id);
    if (info.changes === 0) throw new DeskError('not_found', `case ${id} not found`, { id });
    return this.getCase(id);
  }

  getCase(id: string): Case {
    const row = this.db.prepare(`SELECT * FROM cases WHERE id = ?`).get(id) as CaseRow | undefined;
    if (!row) throw new DeskError('not_found', `case ${id} not found`, { id });
    return toCase(row);
  }

  /** Newest first; `search` matches declaration number, port, notes or a document's file name. */
  listCases(search?: string): CaseSummary[] {
    const term = search?.trim();
    const where = term
      ? `WHERE c.declaration_no LIKE @q ESCAPE '\\' OR c.port LIKE @q ESCAPE '\\' OR c.notes LIKE @q ESCAPE '\\'
           OR EXISTS (SELECT 1 FROM documents d2 WHERE d2.case_id = c.id AND d2.file_name LIKE @q ESCAPE '\\')`
      : '';
    const rows = this.db
      .prepare(
        `SELECT c.*,
           (SELECT COUNT(*) FROM documents d WHERE d.case_id = c.id) AS document_count,
           (SELECT COUNT(*) FROM pages p JOIN documents d ON d.id = p.document_id WHERE d.case_id = c.id) AS page_count
         FROM cases c ${where}
         ORDER BY c.date DESC, c.created_at DESC`,
      )
      .all(term ? { q: `%${term.replace(/[\\%_]/g, (m) => `\\${m}`)}%` } : {}) as (CaseRow & {
      document_count: number;
      page_count: number;
    })[];
    return rows.map((r) => ({ ...toCase(r), documentCount: r.document_count, pageCount: r.page_count }));
  }

  // -- originals and documents --------------------------------------------

  hasOriginal(sha: string): boolean {
    return this.db.prepare(`SELECT 1 FROM originals WHERE sha256 = ?`).get(sha) !== undefined;
  }

  addOriginal(sha: string, byteSize: number, fileType: FileType): void {
    this.db
      .prepare(`INSERT OR IGNORE INTO originals (sha256, byte_size, file_type, stored_at) VALUES (?, ?, ?, ?)`)
      .run(sha, byteSize, fileType, now());
  }

  findDocumentInCase(caseId: string, sha: string): Document | undefined {
    const row = this.db.prepare(`${DOCUMENT_SELECT} WHERE d.case_id = ? AND d.sha256 = ?`).get(caseId, sha) as
      | DocumentRow
      | undefined;
    return row && toDocument(row);
  }

  addDocument(input: {
    caseId: string;
    sha256: string;
    fileName: string;
    status: DocumentStatus;
    error?: DeskErrorInfo | null;
    notice?: DeskErrorInfo | null;
  }): Document {
    const id = randomUUID();
    this.db
      .prepare(
        `INSERT INTO documents (id, case_id, sha256, file_name, status, error_json, notice_json, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        id,
        input.caseId,
        input.sha256,
        input.fileName,
        input.status,
        input.error ? JSON.stringify(input.error) : null,
        input.notice ? JSON.stringify(input.notice) : null,
        now(),
      );
    this.touchCase(input.caseId);
    return this.getDocument(id);
  }

  getDocument(id: string): Document {
    const row = this.db.prepare(`${DOCUMENT_SELECT} WHERE d.id = ?`).get(id) as DocumentRow | undefined;
    if (!row) throw new DeskError('not_found', `document ${id} not found`, { id });
    return toDocument(row);
  }

  listDocuments(caseId: string): Document[] {
    const rows = this.db.prepare(`${DOCUMENT_SELECT} WHERE d.case_id = ? ORDER BY d.created_at, d.rowid`).all(caseId) as DocumentRow[];
    return rows.map(toDocument);
  }

  documentsWithStatus(statuses: DocumentStatus[]): Document[] {
    const marks = statuses.map(() => '?').join(', ');
    const rows = this.db
      .prepare(`${DOCUMENT_SELECT} WHERE d.status IN (${marks}) ORDER BY d.created_at, d.rowid`)
      .all(...statuses) as DocumentRow[];
    return rows.map(toDocument);
  }

  /** A fully processed document over the same original, whose pages another can reuse. */
  readyDocumentOfOriginal(sha: string): Document | undefined {
    const row = this.db.prepare(`${DOCUMENT_SELECT} WHERE d.sha256 = ? AND d.status = 'ready' LIMIT 1`).get(sha) as
      | DocumentRow
      | undefined;
    return row && toDocument(row);
  }

  /** Gives `targetId` the rendered pages (and text) of `sourceId`: same original, no second render. */
  copyPages(sourceId: string, targetId: string): void {
    this.db.transaction(() => {
      for (const page of this.listPages(sourceId)) {
        const { id, documentId, index, rotation, ...meta } = page;
        const copy = this.upsertPage(targetId, index, meta);
        const source = this.pageTextSource(id);
        if (source) this.setPageWords(copy.id, source, this.pageWords(id));
      }
      const source = this.getDocument(sourceId);
      this.setDocumentState(targetId, { status: 'ready', error: null, pageTotal: source.pageTotal });
    })();
  }

  setDocumentKind(id: string, kind: DocumentKind): Document {
    const info = this.db.prepare(`UPDATE documents SET kind = ? WHERE id = ?`).run(kind, id);
    if (info.changes === 0) throw new DeskError('not_found', `document ${id} not found`, { id });
    return this.getDocument(id);
  }

  setDocumentState(
    id: string,
    state: { status: DocumentStatus; error?: DeskErrorInfo | null; pageTotal?: number | null },
  ): Document {
    const sets = ['status = @status', 'error_json = @error'];
    if (state.pageTotal !== undefined) sets.push('page_total = @pageTotal');
    this.db.prepare(`UPDATE documents SET ${sets.join(', ')} WHERE id = @id`).run({
      id,
      status: state.status,
      error: state.error ? JSON.stringify(state.error) : null,
      pageTotal: state.pageTotal ?? null,
    });
    return this.getDocument(id);
  }

  private touchCase(caseId: string): void {
    this.db.prepare(`UPDATE cases SET updated_at = ? WHERE id = ?`).run(now(), caseId);
  }

  // -- pages ---------------------------------------------------------------

  /** Inserts or refreshes a rendered page; an officer's rotation survives re-processing. */
  upsertPage(documentId: string, index: number, meta: PageMeta, words?: PageWord[]): Page {
    const upsert = this.db.transaction(() => {
      this.db
        .prepare(
          `INSERT INTO pages (id, document_id, idx, width, height, dpi, dpi_assumed, bit_depth, has_text_layer)
           VALUES (@id, @documentId, @idx, @width, @height, @dpi, @dpiAssumed, @bitDepth, @hasText)
           ON CONFLICT (document_id, idx) DO UPDATE SET
             width = excluded.width, height = excluded.height, dpi = excluded.dpi,
             dpi_assumed = excluded.dpi_assumed, bit_depth = excluded.bit_depth,
             has_text_layer = excluded.has_text_layer`,
        )
        .run({
          id: randomUUID(),
          documentId,
          idx: index,
          width: meta.width,
          height: meta.height,
          dpi: meta.dpi,
          dpiAssumed: meta.dpiAssumed ? 1 : 0,
          bitDepth: meta.bitDepth,
          hasText: meta.hasTextLayer ? 1 : 0,
        });
      const page = this.db.prepare(`SELECT * FROM pages WHERE document_id = ? AND idx = ?`).get(documentId, index) as PageRow;
      if (words && words.length > 0) this.setPageWords(page.id, 'pdf-text-layer', words);
      return toPage(page);
    });
    return upsert();
  }

  listPages(documentId: string): Page[] {
    const rows = this.db.prepare(`SELECT * FROM pages WHERE document_id = ? ORDER BY idx`).all(documentId) as PageRow[];
    return rows.map(toPage);
  }

  /** A page with the hash of its original, which locates its rendered images. */
  getPage(id: string): Page & { sha256: string } {
    const row = this.db
      .prepare(`SELECT p.*, d.sha256 FROM pages p JOIN documents d ON d.id = p.document_id WHERE p.id = ?`)
      .get(id) as (PageRow & { sha256: string }) | undefined;
    if (!row) throw new DeskError('not_found', `page ${id} not found`, { id });
    return { ...toPage(row), sha256: row.sha256 };
  }

  setPageRotation(id: string, rotation: Rotation): Page {
    const info = this.db.prepare(`UPDATE pages SET rotation = ? WHERE id = ?`).run(rotation, id);
    if (info.changes === 0) throw new DeskError('not_found', `page ${id} not found`, { id });
    return this.getPage(id);
  }

  /** Replaces a page's words (e.g. with OCR output). */
  setPageWords(pageId: string, source: PageTextSource, words: PageWord[]): void {
    this.db
      .prepare(
        `INSERT INTO page_text (page_id, source, words_json) VALUES (?, ?, ?)
         ON CONFLICT (page_id) DO UPDATE SET source = excluded.source, words_json = excluded.words_json`,
      )
      .run(pageId, source, JSON.stringify(words));
  }

  pageTextSource(pageId: string): PageTextSource | null {
    const row = this.db.prepare(`SELECT source FROM page_text WHERE page_id = ?`).get(pageId) as { source: PageTextSource } | undefined;
    return row?.source ?? null;
  }

  pageWords(pageId: string): PageWord[] {
    const row = this.db.prepare(`SELECT words_json FROM page_text WHERE page_id = ?`).get(pageId) as
      | { words_json: string }
      | undefined;
    return row ? (JSON.parse(row.words_json) as PageWord[]) : [];
  }
}
