/** Left column: search, "New case" and the list of cases (arrow keys move between entries). */
import { useRef, type KeyboardEvent } from 'react';
import type { CaseSummary } from '../../../contract/api.ts';
import { useI18n } from '../i18n/I18nProvider.tsx';
import { ExportMenu } from './ExportMenu.tsx';
import { Icon } from './Icon.tsx';

interface Props {
  cases: CaseSummary[];
  loaded: boolean;
  search: string;
  onSearch(search: string): void;
  selectedId: string | null;
  onSelect(id: string): void;
  onNew(): void;
}

export function CaseList({ cases, loaded, search, onSearch, selectedId, onSelect, onNew }: Props) {
  const { t, tn } = useI18n();
  const listRef = useRef<HTMLUListElement>(null);

  function onListKey(e: KeyboardEvent<HTMLUListElement>) {
    if (e.key !== 'ArrowDown' && e.key !== 'ArrowUp' && e.key !== 'Home' && e.key !== 'End') return;
    const buttons = [...(listRef.current?.querySelectorAll<HTMLButtonElement>('button.case-item') ?? [])];
    if (buttons.length === 0) return;
    const current = buttons.indexOf(document.activeElement as HTMLButtonElement);
    let next = current;
    if (e.key === 'ArrowDown') next = Math.min(buttons.length - 1, current + 1);
    else if (e.key === 'ArrowUp') next = Math.max(0, current - 1);
    else if (e.key === 'Home') next = 0;
    else next = buttons.length - 1;
    e.preventDefault();
    buttons[next]?.focus();
  }

  return (
    <nav className="case-list" aria-label={t('caseList.title')} data-testid="case-list">
      <div className="case-list-head">
        <h2 className="section-title">{t('caseList.title')}</h2>
        <div className="case-list-actions">
          <ExportMenu testId="export-all" small />
          <button type="button" className="button button-primary button-small" onClick={onNew} data-testid="new-case-button">
            <Icon name="plus" size={14} /> {t('caseList.new')}
          </button>
        </div>
      </div>
      <div className="case-search">
        <input
          type="search"
          className="input"
          aria-label={t('caseList.search')}
          placeholder={t('caseList.searchPlaceholder')}
          value={search}
          onChange={(e) => onSearch(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'ArrowDown') {
              e.preventDefault();
              listRef.current?.querySelector<HTMLButtonElement>('button.case-item')?.focus();
            }
          }}
          data-testid="case-search"
        />
      </div>
      {loaded && (
        <div className="case-list-count muted" aria-live="polite">
          {tn('caseList.total', cases.length)}
        </div>
      )}
      {loaded && cases.length === 0 ? (
        <p className="empty-note" data-testid="case-list-empty">
          {search.trim() ? t('caseList.noMatches', { search: search.trim() }) : t('caseList.empty')}
        </p>
      ) : (
        <ul className="case-items" ref={listRef} onKeyDown={onListKey}>
          {cases.map((c) => (
            <li key={c.id}>
              <button
                type="button"
                className={`case-item${c.id === selectedId ? ' selected' : ''}`}
                aria-current={c.id === selectedId ? 'true' : undefined}
                onClick={() => onSelect(c.id)}
                data-testid="case-item"
                data-case-id={c.id}
              >
                <span className="case-item-title">{c.declarationNo}</span>
                <span className="case-item-meta">
                  <span>{c.port}</span>
                  <span className="mono">{c.date}</span>
                </span>
                <span className="case-item-counts muted">
                  {tn('caseList.documents', c.documentCount)} · {tn('caseList.pages', c.pageCount)}
                </span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </nav>
  );
}
