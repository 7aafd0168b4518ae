/**
 * The open case: its detail from `cases.get`, plus the latest job event per document. Detail is
 * re-fetched (debounced) on the case's own events, so pages show up as the desk renders them.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { CaseDetail, Document, JobProgress, Page } from '../../../contract/api.ts';
import { call, useDeskEvents } from './desk.ts';
import { useDebouncedCallback } from './useDebounced.ts';

export interface CaseDetailState {
  detail: CaseDetail | null;
  jobs: Record<string, JobProgress>;
  loadError: unknown;
  refresh(): void;
  patchDocument(doc: Document): void;
  patchPage(page: Page): void;
}

export function useCaseDetail(caseId: string, onError: (err: unknown) => void): CaseDetailState {
  const [detail, setDetail] = useState<CaseDetail | null>(null);
  const [jobs, setJobs] = useState<Record<string, JobProgress>>({});
  const [loadError, setLoadError] = useState<unknown>(null);
  const seq = useRef(0);
  const onErrorRef = useRef(onError);
  onErrorRef.current = onError;

  const load = useCallback(async () => {
    const mine = ++seq.current;
    try {
      const next = await call('cases.get', { id: caseId });
      if (mine !== seq.current) return;
      setDetail(next);
      setLoadError(null);
      // Drop job entries the stored record has caught up with (finished or restarted).
      setJobs((prev) => {
        const keep: Record<string, JobProgress> = {};
        for (const doc of next.documents) {
          const job = prev[doc.id];
          if (job && (doc.status === 'queued' || doc.status === 'processing')) keep[doc.id] = job;
        }
        return keep;
      });
    } catch (err) {
      if (mine !== seq.current) return;
      setLoadError(err);
      onErrorRef.current(err);
    }
  }, [caseId]);

  const refresh = useDebouncedCallback(() => void load(), 250, 1000);

  useEffect(() => {
    setDetail(null);
    setJobs({});
    setLoadError(null);
    void load();
    // Progress of documents already being processed (e.g. after a reload of the window).
    call('jobs.list', {})
      .then((list) => {
        const mine: Record<string, JobProgress> = {};
        for (const job of list) if (job.caseId === caseId) mine[job.documentId] = job;
        setJobs((prev) => ({ ...mine, ...prev }));
      })
      .catch(() => {
        /* progress is a nicety; the detail itself carries the status */
      });
  }, [caseId, load]);

  useDeskEvents((event) => {
    if (event.type === 'case-changed') {
      if (event.caseId === caseId) refresh();
      return;
    }
    if (event.type !== 'job' || event.job.caseId !== caseId) return;
    setJobs((prev) => ({ ...prev, [event.job.documentId]: event.job }));
    refresh();
  });

  const patchDocument = useCallback((doc: Document) => {
    setDetail((prev) =>
      prev && {
        ...prev,
        documents: prev.documents.map((d) => (d.id === doc.id ? { ...d, ...doc, pages: d.pages } : d)),
      },
    );
    // An action answer (retry, cancel, unlock) is newer than any earlier job event.
    setJobs((prev) => {
      if (!(doc.id in prev)) return prev;
      const { [doc.id]: _dropped, ...rest } = prev;
      return rest;
    });
  }, []);

  const patchPage = useCallback((page: Page) => {
    setDetail(
      (prev) =>
        prev && {
          ...prev,
          documents: prev.documents.map((d) =>
            d.id === page.documentId ? { ...d, pages: d.pages.map((p) => (p.id === page.id ? page : p)) } : d,
          ),
        },
    );
  }, []);

  return { detail, jobs, loadError, refresh, patchDocument, patchPage };
}
