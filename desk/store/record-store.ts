/**
 * Extracted records of documents: fields with page boxes, line items, the officer's corrections
 * (append-only, hash-chained history) and the full-text index over fields and page text.
 * Shares the case store's database connection.
 */
import { createHash } from 'node:crypto';
import type { Database } from 'better-sqlite3';
import type { Box, DocumentRecord, ExtractedField, FieldKey, FormType, LineItem } from '../../contract/fields.ts';
import { DeskError } from '../errors.ts';

export interface FieldEdit {
  seq: number;
  documentId: string;
  key: FieldKey;
  oldValue: string | null;
  newValue: string | null;
  editor: string;
  editedAt: string;
  hash: string;
}

export interface SearchHit {
  caseId: string;
  documentId: string;
  pageId: string | null;
  fieldKey: FieldKey | null;
  /** The matching text with the hits between «» markers. */
  snippet: string;
}

interface FieldRow {
  document_id: string;
  key: string;
  value: string | null;
  raw: string;
  confidence: number;
  page: number | null;
  box_json: string | null;
  status: string;
  note: string | null;
}

interface EditRow {
  seq: number;
  document_id: string;
  key: string;
  old_value: string | null;
  new_value: string | null;
  editor: string;
  edited_at: string;
  prev_hash: string;
  hash: string;
}

const GENESIS = '0'.repeat(64);

function toField(r: FieldRow): ExtractedField {
  return {
    key: r.key as FieldKey,
    value: r.value,
    raw: r.raw,
    confidence: r.confidence,
    page: r.page,
    box: r.box_json ? (JSON.parse(r.box_json) as Box) : null,
    status: r.status as ExtractedField['status'],
    ...(r.note ? { note: r.note } : {}),
  };
}

function editHash(prev: string, e: Omit<EditRow, 'seq' | 'prev_hash' | 'hash'>): string {
  return createHash('sha256')
    .update(JSON.stringify([prev, e.document_id, e.key, e.old_value, e.new_value, e.editor, e.edited_at]))
    .digest('hex');
}

/** Turns what an officer types into an FTS5 query of quoted trigram phrases (no query syntax leaks through). */
export function toFtsQuery(input: string): { match: string | null; short: string[] } {
  const terms = input.trim().split(/\s+/).filter(Boolean).slice(0, 12);
  const long = terms.filter((t) => [...t].length >= 3);
  const short = terms.filter((t) => [...t].length < 3);
  return { match: long.length ? long.map((t) => `"${t.replace(/"/g, '""')}"`).join(' AND ') : null, short };
}

export class RecordStore {
  constructor(private readonly db: Database) {}

  /**
   * Stores a fresh extraction, replacing the previous one. Fields the officer corrected keep the
   * correction, even when the new extraction no longer finds them.
   */
  saveRecord(documentId: string, caseId: string, record: DocumentRecord, extractor: string): void {
    this.db.transaction(() => {
      this.db
        .prepare(
          `INSERT INTO records (document_id, form, form_confidence, line_items_json, extractor, extracted_at)
           VALUES (?, ?, ?, ?, ?, ?)
           ON CONFLICT (document_id) DO UPDATE SET form = excluded.form, form_confidence = excluded.form_confidence,
             line_items_json = excluded.line_items_json, extractor = excluded.extractor, extracted_at = excluded.extracted_at`,
        )
        .run(documentId, record.form, record.formConfidence, JSON.stringify(record.lineItems), extractor, new Date().toISOString());
      const upsert = this.db.prepare(
        `INSERT INTO fields (document_id, key, value, raw, confidence, page, box_json, status, note)
         VALUES (@document_id, @key, @value, @raw, @confidence, @page, @box_json, @status, @note)
         ON CONFLICT (document_id, key) DO UPDATE SET value = excluded.value, raw = excluded.raw,
           confidence = excluded.confidence, page = excluded.page, box_json = excluded.box_json,
           status = excluded.status, note = excluded.note
         WHERE fields.status <> 'corrected'`,
      );
      const keys = record.fields.map((f) => f.key);
      this.db
        .prepare(`DELETE FROM fields WHERE document_id = ? AND status <> 'corrected' AND key NOT IN (SELECT value FROM json_each(?))`)
        .run(documentId, JSON.stringify(keys));
      for (const f of record.fields) {
        upsert.run({
          document_id: documentId,
          key: f.key,
          value: f.value,
          raw: f.raw,
          confidence: f.confidence,
          page: f.page,
          box_json: f.box ? JSON.stringify(f.box) : null,
          status: f.status,
          note: f.note ?? null,
        });
      }
      this.reindexFields(documentId, caseId);
    })();
  }

  getRecord(documentId: string): DocumentRecord | null {
    const row = this.db.prepare(`SELECT * FROM records WHERE document_id = ?`).get(documentId) as
      | { form: string; form_confidence: number; line_items_json: string }
      | undefined;
    if (!row) return null;
    return {
      form: row.form as FormType,
      formConfidence: row.form_confidence,
      fields: this.getFields(documentId),
      lineItems: JSON.parse(row.line_items_json) as LineItem[],
    };
  }

  getFields(documentId: string): ExtractedField[] {
    const rows = this.db.prepare(`SELECT * FROM fields WHERE document_id = ? ORDER BY rowid`).all(documentId) as FieldRow[];
    return rows.map(toField);
  }

  /** An officer's correction: the field becomes 'corrected' and the change joins the chained history. */
  correctField(documentId: string, caseId: string, key: FieldKey, newValue: string | null, editor: string): ExtractedField {
    return this.db.transaction(() => {
      const row = this.db.prepare(`SELECT * FROM fields WHERE document_id = ? AND key = ?`).get(documentId, key) as FieldRow | undefined;
      if (!row && !this.db.prepare(`SELECT 1 FROM records WHERE document_id = ?`).get(documentId)) {
        throw new DeskError('not_found', `document ${documentId} has no extracted record`, { documentId });
      }
      const oldValue = row?.value ?? null;
      if (row) {
        this.db
          .prepare(`UPDATE fields SET value = ?, status = 'corrected', confidence = 1, note = NULL WHERE document_id = ? AND key = ?`)
          .run(newValue, documentId, key);
      } else {
        this.db
          .prepare(`INSERT INTO fields (document_id, key, value, raw, confidence, status) VALUES (?, ?, ?, '', 1, 'corrected')`)
          .run(documentId, key, newValue);
      }
      const last = this.db.prepare(`SELECT hash FROM field_edits ORDER BY seq DESC LIMIT 1`).get() as { hash: string } | undefined;
      const entry = { document_id: documentId, key, old_value: oldValue, new_value: newValue, editor, edited_at: new Date().toISOString() };
      const prev = last?.hash ?? GENESIS;
      this.db
        .prepare(
          `INSERT INTO field_edits (document_id, key, old_value, new_value, editor, edited_at, prev_hash, hash)
           VALUES (@document_id, @key, @old_value, @new_value, @editor, @edited_at, @prev, @hash)`,
        )
        .run({ ...entry, prev, hash: editHash(prev, entry) });
      this.reindexFields(documentId, caseId);
      return toField(this.db.prepare(`SELECT * FROM fields WHERE document_id = ? AND key = ?`).get(documentId, key) as FieldRow);
    })();
  }

  history(documentId: string, key?: FieldKey): FieldEdit[] {
    const rows = (
      key
        ? this.db.prepare(`SELECT * FROM field_edits WHERE document_id = ? AND key = ? ORDER BY seq`).all(documentId, key)
        : this.db.prepare(`SELECT * FROM field_edits WHERE document_id = ? ORDER BY seq`).all(documentId)
    ) as EditRow[];
    return rows.map((r) => ({
      seq: r.seq,
      documentId: r.document_id,
      key: r.key as FieldKey,
      oldValue: r.old_value,
      newValue: r.new_value,
      editor: r.editor,
      editedAt: r.edited_at,
      hash: r.hash,
    }));
  }

  /** Recomputes the whole chain; returns the first broken entry, or null when intact. */
  verifyHistory(): { seq: number; reason: string } | null {
    let prev = GENESIS;
    for (const r of this.db.prepare(`SELECT * FROM field_edits ORDER BY seq`).iterate() as IterableIterator<EditRow>) {
      if (r.prev_hash !== prev) return { seq: r.seq, reason: 'an entry before it was removed or reordered' };
      if (editHash(prev, r) !== r.hash) return { seq: r.seq, reason: 'its content was altered' };
      prev = r.hash;
    }
    return null;
  }

  // -- full-text search ---------------------------------------------------

  indexPageText(caseId: string, documentId: string, pageId: string, text: string): void {
    this.db.prepare(`DELETE FROM search_index WHERE page_id = ? AND field_key IS NULL`).run(pageId);
    if (text.trim()) {
      this.db
        .prepare(`INSERT INTO search_index (text, case_id, document_id, page_id, field_key) VALUES (?, ?, ?, ?, NULL)`)
        .run(text, caseId, documentId, pageId);
    }
  }

  private reindexFields(documentId: string, caseId: string): void {
    this.db.prepare(`DELETE FROM search_index WHERE document_id = ? AND field_key IS NOT NULL`).run(documentId);
    const insert = this.db.prepare(
      `INSERT INTO search_index (text, case_id, document_id, page_id, field_key)
       VALUES (@text, @case_id, @document_id, (SELECT id FROM pages WHERE document_id = @document_id AND idx = @page), @key)`,
    );
    for (const f of this.getFields(documentId)) {
      const text = [f.value, f.raw].filter((v, i, a) => v && a.indexOf(v) === i).join(' ');
      if (text) insert.run({ text, case_id: caseId, document_id: documentId, page: f.page ?? -1, key: f.key });
    }
  }

  search(query: string, limit = 50): SearchHit[] {
    const { match, short } = toFtsQuery(query);
    if (!match && short.length === 0) return [];
    const likes = short.map((_, i) => `text LIKE @s${i} ESCAPE '\\'`);
    const params: Record<string, string | number> = { limit };
    short.forEach((t, i) => (params[`s${i}`] = `%${t.replace(/[\\%_]/g, (m) => `\\${m}`)}%`));
    let sql: string;
    if (match) {
      params.match = match;
      sql = `SELECT case_id, document_id, page_id, field_key, highlight(search_index, 0, '«', '»') AS snippet
             FROM search_index WHERE search_index MATCH @match ${likes.map((l) => `AND ${l}`).join(' ')}
             ORDER BY (field_key IS NULL), rank LIMIT @limit`;
    } else {
      sql = `SELECT case_id, document_id, page_id, field_key, text AS snippet FROM search_index
             WHERE ${likes.join(' AND ')} ORDER BY (field_key IS NULL) LIMIT @limit`;
    }
    const rows = this.db.prepare(sql).all(params) as {
      case_id: string;
      document_id: string;
      page_id: string | null;
      field_key: string | null;
      snippet: string;
    }[];
    return rows.map((r) => ({
      caseId: r.case_id,
      documentId: r.document_id,
      pageId: r.page_id,
      fieldKey: r.field_key as FieldKey | null,
      snippet: clip(match ? r.snippet : markShort(r.snippet, short)),
    }));
  }
}

function markShort(text: string, terms: string[]): string {
  let out = text;
  for (const t of terms) out = out.replace(new RegExp(t.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'gi'), (m) => `«${m}»`);
  return out;
}

/** Keeps the snippet around the first hit, ~160 characters. */
function clip(snippet: string): string {
  const at = snippet.indexOf('«');
  if (snippet.length <= 160 || at < 0) return snippet.slice(0, 160);
  const start = Math.max(0, at - 60);
  return `${start > 0 ? '…' : ''}${snippet.slice(start, start + 160)}${start + 160 < snippet.length ? '…' : ''}`;
}
