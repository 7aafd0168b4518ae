import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DeskError } from '../../desk/errors.ts';
import { migrations } from '../../desk/store/migrations.ts';
import { CaseStore } from '../../desk/store/case-store.ts';
import { tempDir } from '../helpers.ts';

describe('CaseStore', () => {
  let dir: ReturnType<typeof tempDir>;
  let store: CaseStore;
  beforeEach(() => {
    dir = tempDir();
    store = new CaseStore(join(dir.path, 'desk.db'));
  });
  afterEach(() => {
    store.close();
    dir.remove();
  });

  it('runs every migration and uses WAL with foreign keys', () => {
    expect(store.schemaVersion).toBe(migrations.at(-1)!.version);
    expect(store.db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(store.db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(() =>
      store.db.prepare(`INSERT INTO documents (id, case_id, sha256, file_name, status, created_at) VALUES ('d', 'nope', 'x', 'f', 'queued', '')`).run(),
    ).toThrow(/FOREIGN KEY/);
  });

  it('refuses a database written by a newer version', () => {
    store.db.pragma('user_version = 999');
    store.close();
    expect(() => new CaseStore(join(dir.path, 'desk.db'))).toThrow(/newer than this OriginDesk/);
    const raw = new Database(join(dir.path, 'desk.db'));
    raw.pragma(`user_version = ${migrations.at(-1)!.version}`);
    raw.close();
    store = new CaseStore(join(dir.path, 'desk.db'));
  });

  it('creates, updates, finds and lists cases newest first, and keeps them across reopen', () => {
    const a = store.createCase({ declarationNo: 'A-1', port: 'Busan', date: '2026-01-02', notes: 'steel' });
    const b = store.createCase({ declarationNo: 'B-2', port: 'Incheon', date: '2026-03-04', notes: '50% cotton_blend' });
    expect(store.listCases().map((c) => c.declarationNo)).toEqual(['B-2', 'A-1']);
    expect(store.listCases('busan').map((c) => c.id)).toEqual([a.id]);
    // LIKE wildcards in the search are literal characters.
    expect(store.listCases('50%').map((c) => c.id)).toEqual([b.id]);
    expect(store.listCases('_').map((c) => c.id)).toEqual([b.id]);
    const updated = store.updateCase(a.id, { declarationNo: 'A-1', port: 'Pyeongtaek', date: '2026-01-02', notes: '' });
    expect(updated.port).toBe('Pyeongtaek');
    store.close();
    store = new CaseStore(join(dir.path, 'desk.db'));
    expect(store.getCase(a.id).port).toBe('Pyeongtaek');
    expect(() => store.getCase('missing-id')).toThrow(DeskError);
  });

  it('keeps an officer rotation when a page is re-rendered, and counts pages per case', () => {
    const c = store.createCase({ declarationNo: 'R-1', port: 'Busan', date: '2026-01-02', notes: '' });
    store.addOriginal('a'.repeat(64), 10, 'pdf');
    const doc = store.addDocument({ caseId: c.id, sha256: 'a'.repeat(64), fileName: 'x.pdf', status: 'queued' });
    const meta = { width: 100, height: 200, dpi: 300, dpiAssumed: false, bitDepth: 8 as const, hasTextLayer: true };
    const page = store.upsertPage(doc.id, 0, meta, [{ text: 'FORM E', x: 1, y: 2, w: 3, h: 4 }]);
    store.setPageRotation(page.id, 90);
    const again = store.upsertPage(doc.id, 0, { ...meta, width: 101 });
    expect(again).toMatchObject({ id: page.id, width: 101, rotation: 90 });
    expect(store.pageWords(page.id)).toEqual([{ text: 'FORM E', x: 1, y: 2, w: 3, h: 4 }]);
    expect(store.listCases()[0]).toMatchObject({ documentCount: 1, pageCount: 1 });
    expect(() => store.db.prepare(`UPDATE pages SET rotation = 45`).run()).toThrow(/CHECK/);
  });
});
