import { useCallback, useEffect, useRef } from 'react';

/**
 * Returns a stable function that runs `fn` once, `delayMs` after the last call, but never later
 * than `maxWaitMs` after the first pending call — bursts of job events then still refresh the
 * screen while a long document renders.
 */
export function useDebouncedCallback(fn: () => void, delayMs: number, maxWaitMs = delayMs * 4): () => void {
  const fnRef = useRef(fn);
  fnRef.current = fn;
  const timer = useRef<number | null>(null);
  const firstPending = useRef<number | null>(null);

  useEffect(
    () => () => {
      if (timer.current !== null) window.clearTimeout(timer.current);
    },
    [],
  );

  return useCallback(() => {
    const now = performance.now();
    if (firstPending.current === null) firstPending.current = now;
    if (timer.current !== null) window.clearTimeout(timer.current);
    const wait = Math.max(0, Math.min(delayMs, firstPending.current + maxWaitMs - now));
    timer.current = window.setTimeout(() => {
      timer.current = null;
      firstPending.current = null;
      fnRef.current();
    }, wait);
  }, [delayMs, maxWaitMs]);
}
