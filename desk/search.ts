/**
 * Search across cases: FTS hits enriched with their case, document and page, and the boxes to
 * highlight — the words of the page that contain a query term, or the field's own box.
 */
import type { SearchHit } from '../contract/api.ts';
import type { Box } from '../contract/fields.ts';
import type { CaseStore } from './store/case-store.ts';
import type { RecordStore } from './store/record-store.ts';

export function search(store: CaseStore, records: RecordStore, query: string, limit: number): SearchHit[] {
  const terms = query.toLowerCase().split(/\s+/).filter(Boolean);
  return records.search(query, limit).map((hit) => {
    const doc = store.getDocument(hit.documentId);
    const page = hit.pageId ? store.getPage(hit.pageId) : null;
    let boxes: Box[] = [];
    if (hit.fieldKey) {
      const box = records.getFields(hit.documentId).find((f) => f.key === hit.fieldKey)?.box;
      boxes = box ? [box] : [];
    } else if (hit.pageId) {
      boxes = store
        .pageWords(hit.pageId)
        .filter((w) => terms.some((t) => w.text.toLowerCase().includes(t)))
        .map(({ x, y, w, h }) => ({ x, y, w, h }));
    }
    return {
      caseId: hit.caseId,
      declarationNo: store.getCase(hit.caseId).declarationNo,
      documentId: hit.documentId,
      fileName: doc.fileName,
      pageId: hit.pageId,
      pageIndex: page?.index ?? null,
      fieldKey: hit.fieldKey,
      snippet: hit.snippet,
      boxes,
    };
  });
}
