/**
 * The stamps and signatures ("marks") of one document, from `marks.list`. A document never scanned
 * for marks (`detectedAt` null) is scanned once, automatically (`marks.detect`); its progress comes
 * as 'marks' events. Examiner edits (add, redraw, change kind, remove) patch the list in place.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { Mark, MarkKind, MarkList } from '../../../contract/api.ts';
import type { Box } from '../../../contract/fields.ts';
import { call, useDeskEvents } from './desk.ts';

export interface DetectProgress {
  pagesDone: number;
  pageTotal: number;
  error: string | null;
}

export interface MarksState {
  list: MarkList | null;
  marks: Mark[];
  /** Detection is running (started here, or reported by events). */
  detecting: boolean;
  progress: DetectProgress | null;
  detectError: string | null;
  refresh(): Promise<void>;
  detect(): Promise<void>;
  add(pageId: string, box: Box, kind: MarkKind): Promise<Mark | null>;
  update(markId: string, change: { box?: Box; kind?: MarkKind }): Promise<Mark | null>;
  remove(markId: string): Promise<boolean>;
  /** A mark came back changed from another call (a verification, a decision). */
  patch(mark: Mark): void;
}

export function useMarks(documentId: string, onError: (err: unknown) => void): MarksState {
  const [list, setList] = useState<MarkList | null>(null);
  const [detecting, setDetecting] = useState(false);
  const [progress, setProgress] = useState<DetectProgress | null>(null);
  const [detectError, setDetectError] = useState<string | null>(null);
  const onErrorRef = useRef(onError);
  onErrorRef.current = onError;
  const seq = useRef(0);
  const autoDetected = useRef(false);
  /** Detections this hook asked for and still waits on (events alone may also report one). */
  const ownDetect = useRef(0);

  const load = useCallback(async () => {
    const mine = ++seq.current;
    try {
      const next = await call('marks.list', { documentId });
      if (mine === seq.current) setList(next);
      return next;
    } catch (err) {
      if (mine === seq.current) onErrorRef.current(err);
      return null;
    }
  }, [documentId]);

  const detect = useCallback(async () => {
    ownDetect.current += 1;
    setDetecting(true);
    setDetectError(null);
    setProgress(null);
    try {
      const next = await call('marks.detect', { documentId });
      ++seq.current;
      setList(next);
    } catch (err) {
      onErrorRef.current(err);
      setDetectError(err instanceof Error ? err.message : String(err));
    } finally {
      ownDetect.current -= 1;
      if (ownDetect.current === 0) setDetecting(false);
    }
  }, [documentId]);

  useEffect(() => {
    setList(null);
    autoDetected.current = false;
    void load().then((first) => {
      // Never scanned: scan now, once (the examiner can re-run it from the panel).
      if (first && first.detectedAt === null && !autoDetected.current) {
        autoDetected.current = true;
        void detect();
      }
    });
  }, [load, detect]);

  useDeskEvents((event) => {
    if (event.type !== 'marks' || event.documentId !== documentId) return;
    setProgress({ pagesDone: event.pagesDone, pageTotal: event.pageTotal, error: event.error });
    if (event.error) setDetectError(event.error);
    if (event.done) {
      if (ownDetect.current === 0) setDetecting(false);
      void load();
    } else setDetecting(true);
  });

  const patch = useCallback((mark: Mark) => {
    setList((prev) => {
      if (!prev) return prev;
      const known = prev.marks.some((m) => m.id === mark.id);
      return { ...prev, marks: known ? prev.marks.map((m) => (m.id === mark.id ? mark : m)) : [...prev.marks, mark] };
    });
  }, []);

  const add = useCallback(
    async (pageId: string, box: Box, kind: MarkKind) => {
      try {
        const mark = await call('marks.add', { pageId, box: roundBox(box), kind });
        patch(mark);
        return mark;
      } catch (err) {
        onErrorRef.current(err);
        return null;
      }
    },
    [patch],
  );

  const update = useCallback(
    async (markId: string, change: { box?: Box; kind?: MarkKind }) => {
      try {
        const mark = await call('marks.update', { markId, ...change, ...(change.box ? { box: roundBox(change.box) } : {}) });
        patch(mark);
        return mark;
      } catch (err) {
        onErrorRef.current(err);
        return null;
      }
    },
    [patch],
  );

  const remove = useCallback(async (markId: string) => {
    try {
      await call('marks.remove', { markId });
      setList((prev) => prev && { ...prev, marks: prev.marks.filter((m) => m.id !== markId) });
      return true;
    } catch (err) {
      onErrorRef.current(err);
      return false;
    }
  }, []);

  const refresh = useCallback(async () => {
    await load();
  }, [load]);

  return { list, marks: list?.marks ?? [], detecting, progress, detectError, refresh, detect, add, update, remove, patch };
}

export function roundBox(box: Box): Box {
  return { x: Math.round(box.x), y: Math.round(box.y), w: Math.max(1, Math.round(box.w)), h: Math.max(1, Math.round(box.h)) };
}

// ---------------------------------------------------------------------------
// Crops (marks.images), cached per mark and box: a redrawn box gets a new crop.

type Images = { crop: string; inkMask: string; dpi: number };
const imageCache = new Map<string, Promise<Images>>();

function imageKey(mark: Mark): string {
  const b = mark.box;
  return `${mark.id}:${b.x},${b.y},${b.w},${b.h}:${mark.kind}`;
}

export function markImages(mark: Mark): Promise<Images> {
  const key = imageKey(mark);
  let hit = imageCache.get(key);
  if (!hit) {
    hit = call('marks.images', { markId: mark.id });
    imageCache.set(key, hit);
    hit.catch(() => imageCache.delete(key));
  }
  return hit;
}

/** The crop of a mark (null while loading or when it failed). */
export function useMarkImages(mark: Mark): Images | null {
  const [images, setImages] = useState<Images | null>(null);
  const key = imageKey(mark);
  useEffect(() => {
    let live = true;
    setImages(null);
    markImages(mark).then(
      (v) => live && setImages(v),
      () => {
        /* the card shows its placeholder */
      },
    );
    return () => {
      live = false;
    };
    // Keyed on the id and box only.
  }, [key]);
  return images;
}
