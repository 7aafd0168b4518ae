/**
 * Who is at the desk: the officer's name, asked once and kept in localStorage, recorded by the
 * desk with every field correction. Shared by the top bar and the review screen.
 */
import { useSyncExternalStore } from 'react';

const STORAGE_KEY = 'origindesk.officer';
export const OFFICER_MAX = 80;

const listeners = new Set<() => void>();
let current = read();

function read(): string {
  try {
    return window.localStorage.getItem(STORAGE_KEY)?.trim() ?? '';
  } catch {
    return '';
  }
}

export function getOfficer(): string {
  return current;
}

export function setOfficer(name: string): void {
  const next = name.trim().slice(0, OFFICER_MAX);
  if (next === current) return;
  current = next;
  try {
    if (next) window.localStorage.setItem(STORAGE_KEY, next);
    else window.localStorage.removeItem(STORAGE_KEY);
  } catch {
    /* not persisted; still used for this session */
  }
  for (const l of listeners) l();
}

export function useOfficer(): string {
  return useSyncExternalStore(
    (cb) => {
      listeners.add(cb);
      return () => listeners.delete(cb);
    },
    () => current,
  );
}
