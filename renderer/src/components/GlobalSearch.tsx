/**
 * Search across every case from the top bar (Ctrl+K or `/`): extracted fields and the words of
 * every page. Results come grouped by case; choosing one opens its case at the page, with the
 * hit's boxes highlighted (a field opens in the review screen).
 */
import { useCallback, useEffect, useId, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import type { SearchHit } from '../../../contract/api.ts';
import { useI18n } from '../i18n/I18nProvider.tsx';
import { call } from '../state/desk.ts';
import { groupHitsByCase, isFieldKey, snippetParts } from '../state/review.ts';
import { useDebouncedCallback } from '../state/useDebounced.ts';
import { useToasts } from './Toasts.tsx';

const LIMIT = 50;

function isTyping(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  return !!el && (el.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(el.tagName));
}

export function GlobalSearch({ onOpen }: { onOpen(hit: SearchHit): void }) {
  const { t, tn } = useI18n();
  const toasts = useToasts();
  const inputRef = useRef<HTMLInputElement>(null);
  const rootRef = useRef<HTMLDivElement>(null);
  const listId = useId();
  const [query, setQuery] = useState('');
  const [open, setOpen] = useState(false);
  const [hits, setHits] = useState<SearchHit[] | null>(null);
  const [searched, setSearched] = useState('');
  const [busy, setBusy] = useState(false);
  const [active, setActive] = useState(0);
  const seq = useRef(0);
  const queryRef = useRef(query);
  queryRef.current = query;

  /** Searches for the current query; resolves with the hits, or null when superseded or failed. */
  const run = useCallback(async (): Promise<SearchHit[] | null> => {
    const q = queryRef.current.trim();
    const mine = ++seq.current;
    if (!q) {
      setHits(null);
      setBusy(false);
      return null;
    }
    setBusy(true);
    try {
      const found = await call('search.query', { query: q, limit: LIMIT });
      if (mine !== seq.current) return null;
      setHits(found);
      setSearched(q);
      setActive(0);
      return found;
    } catch (err) {
      if (mine === seq.current) toasts.notifyError(err);
      return null;
    } finally {
      if (mine === seq.current) setBusy(false);
    }
  }, [toasts]);

  const debouncedRun = useDebouncedCallback(() => void run(), 200, 800);

  // Ctrl+K anywhere, or `/` when not typing, puts the cursor in the search box.
  useEffect(() => {
    const onKey = (e: globalThis.KeyboardEvent) => {
      const ctrlK = (e.ctrlKey || e.metaKey) && !e.altKey && e.key.toLowerCase() === 'k';
      const slash = e.key === '/' && !e.ctrlKey && !e.metaKey && !e.altKey && !isTyping(e.target);
      if (!ctrlK && !slash) return;
      // The full-window page viewer covers the top bar; it keeps its own keys.
      if (document.querySelector('[data-testid="viewer"]')) return;
      e.preventDefault();
      inputRef.current?.focus();
      inputRef.current?.select();
      setOpen(true);
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, []);

  // A click anywhere else closes the results.
  useEffect(() => {
    if (!open) return;
    const onDown = (e: PointerEvent) => {
      if (!rootRef.current?.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener('pointerdown', onDown);
    return () => document.removeEventListener('pointerdown', onDown);
  }, [open]);

  const groups = useMemo(() => groupHitsByCase(hits ?? []), [hits]);
  // Keyboard order is the displayed (grouped) order.
  const flat = useMemo(() => groups.flatMap((g) => g.hits), [groups]);

  const choose = useCallback(
    (hit: SearchHit) => {
      setOpen(false);
      inputRef.current?.blur();
      onOpen(hit);
    },
    [onOpen],
  );

  function onKeyDown(e: KeyboardEvent<HTMLInputElement>) {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      setOpen(true);
      if (flat.length) setActive((i) => (e.key === 'ArrowDown' ? Math.min(flat.length - 1, i + 1) : Math.max(0, i - 1)));
    } else if (e.key === 'Enter') {
      e.preventDefault();
      const hit = flat[active];
      if (hit && searched === query.trim()) choose(hit);
      // Typed and pressed Enter before the results caught up: search now and go to the best hit.
      else
        void run().then((found) => {
          if (found?.[0]) choose(found[0]);
          else setOpen(true);
        });
    } else if (e.key === 'Escape') {
      e.preventDefault();
      // Handled here: the screens behind must not also close on this Esc.
      e.stopPropagation();
      if (open && query) setOpen(false);
      else inputRef.current?.blur();
    }
  }

  useEffect(() => {
    document.getElementById(`${listId}-${active}`)?.scrollIntoView({ block: 'nearest' });
  }, [active, listId]);

  const showPanel = open && query.trim() !== '' && (hits !== null || busy);
  let index = -1;

  return (
    <div className="global-search" ref={rootRef}>
      <input
        ref={inputRef}
        type="search"
        className="input global-search-input"
        placeholder={t('search.placeholder')}
        aria-label={t('search.label')}
        role="combobox"
        aria-expanded={showPanel}
        aria-controls={listId}
        aria-activedescendant={showPanel && flat[active] ? `${listId}-${active}` : undefined}
        aria-autocomplete="list"
        value={query}
        onChange={(e) => {
          setQuery(e.target.value);
          setOpen(true);
          if (e.target.value.trim()) debouncedRun();
          else {
            seq.current++;
            setHits(null);
            setBusy(false);
          }
        }}
        onFocus={() => setOpen(true)}
        onKeyDown={onKeyDown}
        data-testid="global-search"
      />
      <kbd className="global-search-kbd" aria-hidden="true">
        Ctrl K
      </kbd>
      {showPanel && (
        <div className="search-panel" data-testid="search-results">
          <div className="search-panel-head muted small" aria-live="polite">
            {busy && hits === null
              ? t('search.searching')
              : hits && hits.length === 0
                ? t('search.none', { query: searched })
                : hits && (hits.length >= LIMIT ? t('search.limited', { count: LIMIT }) : tn('search.count', hits.length))}
            {busy && hits !== null && <span className="spinner search-spinner" aria-hidden="true" />}
          </div>
          <ul id={listId} className="search-groups" role="listbox" aria-label={t('search.label')}>
            {groups.map((group) => (
              <li key={group.caseId} className="search-group" role="presentation" data-testid="search-group" data-case-id={group.caseId}>
                <div className="search-group-head" role="presentation">
                  <span className="mono">{group.declarationNo}</span>
                  <span className="count-pill">{group.hits.length}</span>
                </div>
                <ul className="search-hits" role="presentation">
                  {group.hits.map((hit) => {
                    index += 1;
                    const i = index;
                    return (
                      <li
                        key={`${hit.documentId}-${hit.pageId ?? ''}-${hit.fieldKey ?? ''}-${i}`}
                        id={`${listId}-${i}`}
                        role="option"
                        aria-selected={i === active}
                        className={`search-hit${i === active ? ' active' : ''}`}
                        onPointerDown={(e) => e.preventDefault()}
                        onClick={() => choose(hit)}
                        onPointerEnter={() => setActive(i)}
                        data-testid="search-hit"
                        data-document-id={hit.documentId}
                        data-field-key={hit.fieldKey ?? ''}
                      >
                        <div className="search-hit-where">
                          <span className="search-hit-file" title={hit.fileName}>
                            {hit.fileName}
                          </span>
                          {hit.pageIndex !== null && <span className="muted">{t('search.page', { page: hit.pageIndex + 1 })}</span>}
                          <span className={`search-hit-kind${hit.fieldKey ? ' is-field' : ''}`}>
                            {hit.fieldKey ? fieldLabel(t, hit.fieldKey) : t('search.pageText')}
                          </span>
                        </div>
                        <div className="search-hit-snippet" data-testid="search-snippet">
                          {snippetParts(hit.snippet).map((part, k) => (part.hit ? <mark key={k}>{part.text}</mark> : <span key={k}>{part.text}</span>))}
                        </div>
                      </li>
                    );
                  })}
                </ul>
              </li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}

/** A field key from the desk, as a label; keys this UI does not know yet show as they are. */
function fieldLabel(t: ReturnType<typeof useI18n>['t'], key: string): string {
  return isFieldKey(key) ? t(`field.${key}`) : key;
}
