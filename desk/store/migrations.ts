/**
 * Schema history as a plain ordered list (Signal Desktop style). `PRAGMA user_version` records
 * how many have run; a migration is never edited once released, only followed by a new one.
 */
export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export const migrations: Migration[] = [
  {
    version: 1,
    name: 'cases, originals, documents, pages',
    sql: `
      CREATE TABLE cases (
        id TEXT PRIMARY KEY,
        declaration_no TEXT NOT NULL,
        port TEXT NOT NULL,
        date TEXT NOT NULL,
        notes TEXT NOT NULL DEFAULT '',
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      );
      CREATE INDEX cases_by_date ON cases(date DESC, created_at DESC);

      -- Content-addressed originals: one row per distinct byte sequence, shared by documents.
      CREATE TABLE originals (
        sha256 TEXT PRIMARY KEY,
        byte_size INTEGER NOT NULL,
        file_type TEXT NOT NULL,
        stored_at TEXT NOT NULL
      );

      CREATE TABLE documents (
        id TEXT PRIMARY KEY,
        case_id TEXT NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
        sha256 TEXT NOT NULL REFERENCES originals(sha256),
        file_name TEXT NOT NULL,
        kind TEXT NOT NULL DEFAULT 'unclassified',
        status TEXT NOT NULL,
        page_total INTEGER,
        error_json TEXT,
        notice_json TEXT,
        created_at TEXT NOT NULL,
        UNIQUE (case_id, sha256)
      );
      CREATE INDEX documents_by_case ON documents(case_id, created_at);
      CREATE INDEX documents_by_status ON documents(status);

      CREATE TABLE pages (
        id TEXT PRIMARY KEY,
        document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        idx INTEGER NOT NULL,
        width INTEGER NOT NULL,
        height INTEGER NOT NULL,
        dpi REAL NOT NULL,
        dpi_assumed INTEGER NOT NULL DEFAULT 0,
        bit_depth INTEGER NOT NULL DEFAULT 8,
        rotation INTEGER NOT NULL DEFAULT 0 CHECK (rotation IN (0, 90, 180, 270)),
        has_text_layer INTEGER NOT NULL DEFAULT 0,
        UNIQUE (document_id, idx)
      );

      -- Words of a page in pixel coordinates: the PDF text layer now, OCR output later.
      CREATE TABLE page_text (
        page_id TEXT PRIMARY KEY REFERENCES pages(id) ON DELETE CASCADE,
        source TEXT NOT NULL,
        words_json TEXT NOT NULL
      );
    `,
  },
  {
    version: 2,
    name: 'extracted records, field edit history, full-text search',
    sql: `
      CREATE TABLE records (
        document_id TEXT PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE,
        form TEXT NOT NULL,
        form_confidence REAL NOT NULL,
        line_items_json TEXT NOT NULL DEFAULT '[]',
        extractor TEXT NOT NULL,
        extracted_at TEXT NOT NULL
      );

      CREATE TABLE fields (
        document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        key TEXT NOT NULL,
        value TEXT,
        raw TEXT NOT NULL,
        confidence REAL NOT NULL,
        page INTEGER,
        box_json TEXT,
        status TEXT NOT NULL,
        note TEXT,
        PRIMARY KEY (document_id, key)
      );

      -- Every officer correction, append-only and hash-chained: the triggers refuse rewrites
      -- through SQL, the chain exposes rewrites of the file itself.
      CREATE TABLE field_edits (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        document_id TEXT NOT NULL REFERENCES documents(id),
        key TEXT NOT NULL,
        old_value TEXT,
        new_value TEXT,
        editor TEXT NOT NULL,
        edited_at TEXT NOT NULL,
        prev_hash TEXT NOT NULL,
        hash TEXT NOT NULL UNIQUE
      );
      CREATE INDEX field_edits_by_document ON field_edits(document_id, key, seq);
      CREATE TRIGGER field_edits_append_only_update BEFORE UPDATE ON field_edits
        BEGIN SELECT RAISE(ABORT, 'field_edits is append-only'); END;
      CREATE TRIGGER field_edits_append_only_delete BEFORE DELETE ON field_edits
        BEGIN SELECT RAISE(ABORT, 'field_edits is append-only'); END;

      -- Trigram tokens: substring search that works for Korean and Chinese as well as Latin text.
      CREATE VIRTUAL TABLE search_index USING fts5(
        text,
        case_id UNINDEXED,
        document_id UNINDEXED,
        page_id UNINDEXED,
        field_key UNINDEXED,
        tokenize = 'trigram'
      );
    `,
  },
  {
    version: 3,
    name: 'stamps and signatures, specimen library, verifications, examiner verdicts',
    sql: `
      -- Stamps and signatures on pages. Crops and ink masks are PNG files in derived/ (by hash).
      CREATE TABLE marks (
        id TEXT PRIMARY KEY,
        document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        page_id TEXT NOT NULL REFERENCES pages(id) ON DELETE CASCADE,
        kind TEXT NOT NULL CHECK (kind IN ('stamp', 'signature')),
        x REAL NOT NULL, y REAL NOT NULL, w REAL NOT NULL, h REAL NOT NULL,
        ink_name TEXT NOT NULL,
        ink_rgb TEXT NOT NULL,
        confidence REAL NOT NULL,
        origin TEXT NOT NULL CHECK (origin IN ('detected', 'examiner')),
        note TEXT NOT NULL DEFAULT '',
        crop_sha TEXT NOT NULL,
        mask_sha TEXT NOT NULL,
        created_at TEXT NOT NULL,
        removed_at TEXT
      );
      CREATE INDEX marks_by_document ON marks(document_id, removed_at);
      CREATE TABLE mark_detections (
        document_id TEXT PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE,
        detected_at TEXT NOT NULL,
        detector TEXT NOT NULL
      );

      -- Issuing authorities (stamps) and authorised signatories (signatures); retired, never deleted.
      CREATE TABLE specimen_owners (
        id TEXT PRIMARY KEY,
        kind TEXT NOT NULL CHECK (kind IN ('stamp', 'signature')),
        country TEXT NOT NULL,
        authority TEXT NOT NULL,
        office TEXT NOT NULL DEFAULT '',
        signatory TEXT NOT NULL DEFAULT '',
        valid_from TEXT,
        valid_to TEXT,
        notes TEXT NOT NULL DEFAULT '',
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        retired_at TEXT
      );
      CREATE TABLE specimens (
        id TEXT PRIMARY KEY,
        owner_id TEXT NOT NULL REFERENCES specimen_owners(id),
        kind TEXT NOT NULL,
        image_sha TEXT NOT NULL,
        dpi REAL NOT NULL,
        size_mm REAL NOT NULL,
        ink TEXT NOT NULL,
        quality_json TEXT NOT NULL,
        source TEXT NOT NULL DEFAULT '',
        -- 1:N index: rotation-invariant descriptor and exact re-rank blob (Float32, little-endian).
        descriptor BLOB NOT NULL,
        rerank BLOB,
        created_at TEXT NOT NULL,
        retired_at TEXT
      );
      CREATE INDEX specimens_by_owner ON specimens(owner_id, retired_at);

      -- Machine verifications: kept, never rewritten (a re-run is a new row).
      CREATE TABLE verifications (
        id TEXT PRIMARY KEY,
        mark_id TEXT NOT NULL REFERENCES marks(id) ON DELETE CASCADE,
        owner_id TEXT REFERENCES specimen_owners(id),
        outcome TEXT NOT NULL,
        score REAL,
        band TEXT,
        result_json TEXT NOT NULL,
        overlay_sha TEXT, heatmap_sha TEXT, side_sha TEXT,
        created_at TEXT NOT NULL
      );
      CREATE INDEX verifications_by_mark ON verifications(mark_id, created_at DESC);

      -- The examiner's verdicts: append-only and hash-chained like field_edits.
      CREATE TABLE mark_verdicts (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        mark_id TEXT NOT NULL REFERENCES marks(id),
        verification_id TEXT REFERENCES verifications(id),
        verdict TEXT NOT NULL CHECK (verdict IN ('consistent', 'inconclusive', 'inconsistent')),
        note TEXT NOT NULL,
        examiner TEXT NOT NULL,
        decided_at TEXT NOT NULL,
        prev_hash TEXT NOT NULL,
        hash TEXT NOT NULL UNIQUE
      );
      CREATE INDEX mark_verdicts_by_mark ON mark_verdicts(mark_id, seq);
      CREATE TRIGGER mark_verdicts_append_only_update BEFORE UPDATE ON mark_verdicts
        BEGIN SELECT RAISE(ABORT, 'mark_verdicts is append-only'); END;
      CREATE TRIGGER mark_verdicts_append_only_delete BEFORE DELETE ON mark_verdicts
        BEGIN SELECT RAISE(ABORT, 'mark_verdicts is append-only'); END;
    `,
  },
  {
    version: 4,
    name: 'copy-check descriptors of marks',
    sql: `
      -- The copy-paste check's first pass: each mark's rotation-invariant descriptor (Float32,
      -- little-endian), filled after detection, so a verification probes the whole store and
      -- re-reads only the few near-identical candidates.
      ALTER TABLE marks ADD COLUMN descriptor BLOB;
    `,
  },
];
