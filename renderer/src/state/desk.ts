/**
 * The renderer's single door to the desk: every call goes through `call()`, which normalises
 * errors and raises the app-wide "unauthorised" state; events come from one shared subscription
 * (each web-mode subscription is its own EventSource, so components must not open their own).
 */
import { useEffect, useRef, useSyncExternalStore } from 'react';
import { DeskCallError, type ApiInput, type ApiMethod, type ApiOutput, type DeskEvent } from '../../../contract/api.ts';
import { desk } from '../client/index.ts';
import { toUiError } from './errors.ts';

let unauthorized = false;
const authListeners = new Set<() => void>();

function markUnauthorized() {
  if (unauthorized) return;
  unauthorized = true;
  for (const l of authListeners) l();
}

export function useUnauthorized(): boolean {
  return useSyncExternalStore(
    (cb) => {
      authListeners.add(cb);
      return () => authListeners.delete(cb);
    },
    () => unauthorized,
  );
}

export async function call<M extends ApiMethod>(method: M, input: ApiInput<M>): Promise<ApiOutput<M>> {
  try {
    return await desk.call(method, input);
  } catch (err) {
    const info = toUiError(err);
    if (info.code === 'unauthorized') markUnauthorized();
    // `info` keeps its `network` flag: toUiError() returns it as is from the rethrown error.
    throw new DeskCallError(info);
  }
}

export function pageImageUrl(pageId: string, variant: 'full' | 'thumb'): string {
  return desk.pageImageUrl(pageId, variant);
}

type Listener = (event: DeskEvent) => void;
const eventListeners = new Set<Listener>();
let unsubscribeDesk: (() => void) | null = null;

function ensureSubscribed() {
  if (unsubscribeDesk) return;
  unsubscribeDesk = desk.onEvent((event) => {
    for (const l of [...eventListeners]) {
      try {
        l(event);
      } catch (err) {
        console.error('event listener failed', err);
      }
    }
  });
}

/** Subscribes for the component's lifetime; the latest `listener` is always the one called. */
export function useDeskEvents(listener: Listener): void {
  const ref = useRef(listener);
  ref.current = listener;
  useEffect(() => {
    ensureSubscribed();
    const l: Listener = (e) => ref.current(e);
    eventListeners.add(l);
    return () => {
      eventListeners.delete(l);
    };
  }, []);
}
