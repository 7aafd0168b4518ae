/**
 * Sends files to the desk one after another: a large scan batch must not hold many files in
 * memory at once, and the officer sees a predictable "3 of 7" order.
 */
import { useCallback, useRef, useState } from 'react';
import type { IngestResult } from '../../../contract/api.ts';
import { call } from './desk.ts';

export interface UploadStatus {
  index: number;
  total: number;
  fileName: string;
}

interface Hooks {
  onResult(result: IngestResult, fileName: string): void;
  onError(err: unknown, fileName: string): void;
}

export function useUploadQueue(hooks: Hooks) {
  const [status, setStatus] = useState<UploadStatus | null>(null);
  const queue = useRef<Array<{ caseId: string; file: File }>>([]);
  const running = useRef(false);
  const counters = useRef({ done: 0, total: 0 });
  const hooksRef = useRef(hooks);
  hooksRef.current = hooks;

  const pump = useCallback(async () => {
    if (running.current) return;
    running.current = true;
    try {
      for (let item = queue.current.shift(); item; item = queue.current.shift()) {
        const { caseId, file } = item;
        counters.current.done += 1;
        setStatus({ index: counters.current.done, total: counters.current.total, fileName: file.name });
        try {
          const data = new Uint8Array(await file.arrayBuffer());
          const result = await call('documents.ingest', { caseId, fileName: file.name, data });
          hooksRef.current.onResult(result, file.name);
        } catch (err) {
          hooksRef.current.onError(err, file.name);
        }
      }
    } finally {
      running.current = false;
      counters.current = { done: 0, total: 0 };
      setStatus(null);
    }
  }, []);

  const enqueue = useCallback(
    (caseId: string, files: Iterable<File>) => {
      for (const file of files) {
        queue.current.push({ caseId, file });
        counters.current.total += 1;
      }
      void pump();
    },
    [pump],
  );

  return { status, enqueue };
}
