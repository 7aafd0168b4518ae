/** The case list with its search, kept fresh by desk events (counts change as documents render). */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { CaseSummary } from '../../../contract/api.ts';
import { call, useDeskEvents } from './desk.ts';
import { useDebouncedCallback } from './useDebounced.ts';

export interface CaseListState {
  cases: CaseSummary[];
  loaded: boolean;
  search: string;
  setSearch(search: string): void;
  refresh(): Promise<void>;
}

export function useCaseList(onError: (err: unknown) => void): CaseListState {
  const [cases, setCases] = useState<CaseSummary[]>([]);
  const [loaded, setLoaded] = useState(false);
  const [search, setSearch] = useState('');
  const searchRef = useRef(search);
  searchRef.current = search;
  const seq = useRef(0);
  const onErrorRef = useRef(onError);
  onErrorRef.current = onError;

  const refresh = useCallback(async () => {
    const mine = ++seq.current;
    const term = searchRef.current.trim();
    try {
      const list = await call('cases.list', term ? { search: term } : {});
      // A slower, older answer must not overwrite a newer search's result.
      if (mine === seq.current) {
        setCases(list);
        setLoaded(true);
      }
    } catch (err) {
      if (mine === seq.current) onErrorRef.current(err);
    }
  }, []);

  const debouncedRefresh = useDebouncedCallback(() => void refresh(), 200, 1000);

  // Typing in the search box re-queries shortly after the last keystroke.
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      void refresh();
      return;
    }
    debouncedRefresh();
  }, [search, refresh, debouncedRefresh]);

  // Any event may change a case's fields or its document/page counts; bursts collapse into one call.
  useDeskEvents(() => debouncedRefresh());

  return { cases, loaded, search, setSearch, refresh };
}
