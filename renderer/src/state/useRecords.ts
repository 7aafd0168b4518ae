/**
 * Extracted records of the open case's documents (`documents.record`). A ready document's record
 * is fetched when it first shows, again whenever the document changes state, pages or kind, and
 * on every refresh while it has no record yet (the desk's events refresh the detail as documents
 * are processed), so records follow as extraction lands without re-reading every record on every
 * event.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { CaseDetail, RecordView } from '../../../contract/api.ts';
import type { ExtractedField } from '../../../contract/fields.ts';
import { call } from './desk.ts';
import { toUiError } from './errors.ts';

export interface RecordsState {
  /** By document id; absent until fetched. `record` is null while nothing was extracted. */
  views: Record<string, RecordView>;
  reload(documentId: string): Promise<void>;
  /** Puts a field the desk returned (a correction) in place before the reload arrives. */
  patchField(documentId: string, field: ExtractedField): void;
}

export function useRecords(detail: CaseDetail | null, onError: (err: unknown) => void): RecordsState {
  const [views, setViews] = useState<Record<string, RecordView>>({});
  const viewsRef = useRef(views);
  viewsRef.current = views;
  const seq = useRef(0);
  /** What each document looked like when its record was last fetched. */
  const fetchedAs = useRef(new Map<string, string>());
  const onErrorRef = useRef(onError);
  onErrorRef.current = onError;
  // One toast per case, not one per refresh, if records cannot be read at all.
  const reported = useRef(false);

  const fail = useCallback((err: unknown) => {
    // A document removed meanwhile is not worth a message.
    if (toUiError(err).code === 'not_found' || reported.current) return;
    reported.current = true;
    onErrorRef.current(err);
  }, []);

  /** Newest request per document: an older answer never replaces a newer one. */
  const latest = useRef(new Map<string, number>());

  const fetchOne = useCallback(
    async (documentId: string): Promise<void> => {
      const mine = ++seq.current;
      latest.current.set(documentId, mine);
      try {
        const view = await call('documents.record', { documentId });
        if (latest.current.get(documentId) === mine) setViews((prev) => ({ ...prev, [documentId]: view }));
      } catch (err) {
        // Tried again on the document's next change.
        fetchedAs.current.delete(documentId);
        fail(err);
      }
    },
    [fail],
  );

  useEffect(() => {
    if (!detail) return;
    const ready = detail.documents.filter((d) => d.status === 'ready');
    const stamp = (d: (typeof ready)[number]) => `${d.status}:${d.pages.length}:${d.kind}`;
    // Also asked again: documents with no record yet (extraction may land after "ready").
    const stale = ready.filter((d) => fetchedAs.current.get(d.id) !== stamp(d) || viewsRef.current[d.id]?.record === null);
    const gone = [...fetchedAs.current.keys()].filter((id) => !ready.some((d) => d.id === id));
    for (const id of gone) {
      fetchedAs.current.delete(id);
      latest.current.delete(id);
    }
    if (gone.length) {
      setViews((prev) => Object.fromEntries(Object.entries(prev).filter(([id]) => !gone.includes(id))));
    }
    for (const d of stale) {
      fetchedAs.current.set(d.id, stamp(d));
      void fetchOne(d.id);
    }
  }, [detail, fetchOne]);

  const reload = fetchOne;

  const patchField = useCallback((documentId: string, field: ExtractedField) => {
    setViews((prev) => {
      const view = prev[documentId];
      if (!view?.record) return prev;
      const fields = view.record.fields.some((f) => f.key === field.key)
        ? view.record.fields.map((f) => (f.key === field.key ? field : f))
        : [...view.record.fields, field];
      return { ...prev, [documentId]: { ...view, record: { ...view.record, fields } } };
    });
  }, []);

  return { views, reload, patchField };
}
