/**
 * Review of one document's extracted record: the page on the left (the viewer's pan/zoom, with
 * every located field drawn over it), the fields on the right — form recognised, each field's
 * value as normalised, the text as printed, confidence and status — then line items and the
 * history of corrections. Keyboard first: ↑/↓ or j/k move, `n` jumps to the next field needing
 * review, Enter edits and saves, Esc cancels. Each correction goes to `fields.correct` with the
 * officer's name, which is asked once.
 */
import { useCallback, useEffect, useId, useMemo, useRef, useState, type FormEvent } from 'react';
import type { DocumentWithPages, FieldEdit, RecordView } from '../../../contract/api.ts';
import type { ExtractedField, FieldKey, LineItem } from '../../../contract/fields.ts';
import { useI18n } from '../i18n/I18nProvider.tsx';
import { call } from '../state/desk.ts';
import { describeError, toUiError } from '../state/errors.ts';
import { OFFICER_MAX, setOfficer, useOfficer } from '../state/officer.ts';
import {
  confidenceLevel,
  historyOf,
  needsReview,
  nextNeedingReview,
  reviewCounts,
  reviewFields,
} from '../state/review.ts';
import { smallestBoxAt, viewportToImage, type PageBox } from '../viewer/transform.ts';
import { usePageView, usePanZoom } from '../viewer/usePanZoom.ts';
import { BoxOverlay, type OverlayBox } from './BoxOverlay.tsx';
import { Icon } from './Icon.tsx';
import { isButtonKey, isTyping, useDocumentKeys, useFocusWhileOpen } from './keyboard.ts';
import { DocumentPages, documentScreenKey, stepThrough, usePager } from './PageView.tsx';
import { REVIEW_SHORTCUTS, ShortcutHelp } from './ShortcutHelp.tsx';
import { useToasts } from './Toasts.tsx';

interface Props {
  doc: DocumentWithPages;
  view: RecordView;
  /** Field to select first (a search hit, a finding, a click in the case view). */
  initialFieldKey?: FieldKey | null;
  /** Boxes of a search hit to highlight on their page. */
  highlight?: { pageId: string; boxes: PageBox[] } | null;
  onClose(): void;
  /** The desk stored a correction; the record (and its history) should be read again. */
  onCorrected(documentId: string, field: ExtractedField): void;
}

type Filter = 'all' | 'review';

const percent = (c: number) => Math.round(c * 100);

export function ReviewScreen({ doc, view, initialFieldKey, highlight, onClose, onCorrected }: Props) {
  const i18n = useI18n();
  const { t, tn } = i18n;
  const toasts = useToasts();
  const officer = useOfficer();
  const record = view.record;

  const fields = useMemo(() => (record ? reviewFields(record) : []), [record]);
  const counts = useMemo(() => reviewCounts(fields), [fields]);
  const pages = useMemo(() => [...doc.pages].sort((a, b) => a.index - b.index), [doc.pages]);

  const [filter, setFilter] = useState<Filter>('all');
  const [selectedKey, setSelectedKey] = useState<FieldKey | null>(() => {
    if (initialFieldKey && fields.some((f) => f.key === initialFieldKey)) return initialFieldKey;
    return fields[nextNeedingReview(fields, -1)]?.key ?? fields[0]?.key ?? null;
  });
  const [editing, setEditing] = useState<{ key: FieldKey; draft: string } | null>(null);
  const [saving, setSaving] = useState(false);
  const [editError, setEditError] = useState<string | null>(null);
  // The correction waiting for the officer's name: an edit to open, or a value to confirm.
  const [askOfficer, setAskOfficer] = useState<{ key: FieldKey; then: 'edit' | 'confirm' } | null>(null);
  const [helpOpen, setHelpOpen] = useState(false);

  const selected = fields.find((f) => f.key === selectedKey) ?? null;
  // The selected field stays listed under "Needs review" once corrected, until the officer moves on.
  const visible = useMemo(
    () => (filter === 'review' ? fields.filter((f) => needsReview(f) || f.key === selectedKey) : fields),
    [fields, filter, selectedKey],
  );

  const pager = usePager(pages, () => {
    const wanted = (initialFieldKey && fields.find((f) => f.key === initialFieldKey)?.page) ?? selected?.page ?? null;
    const fromHit = highlight ? pages.find((p) => p.id === highlight.pageId) : undefined;
    return (fromHit ?? pages.find((p) => p.index === wanted) ?? pages[0])?.id ?? null;
  });
  const { page, setPageId } = pager;

  const fieldsRef = useRef(fields);
  fieldsRef.current = fields;
  const listRef = useRef<HTMLUListElement>(null);
  const listId = useId();

  // ---- page side -------------------------------------------------------

  const panZoom = usePanZoom(
    { width: page?.width ?? 1, height: page?.height ?? 1 },
    {
      // A click on a field's box selects it (the smallest box under the pointer wins). Called
      // after render, so `panZoom` and `select` below are set by then.
      onTap(x, y) {
        if (!page) return;
        const at = viewportToImage(panZoom.viewRef.current, panZoom.imageRef.current, x, y);
        const hit = smallestBoxAt(fields, (f) => (f.page === page.index ? f.box : null), at);
        if (hit) select(hit.key);
      },
    },
  );

  // On a new page: fit it. On a new selection (or page): bring the selected field's box into view.
  // Keyed on the page and the selected field only: a reloaded record must not move the page.
  usePageView(panZoom, page, page && selected?.box && selected.page === page.index ? selected.box : null, selectedKey);

  const overlay = useMemo<OverlayBox[]>(() => {
    if (!page) return [];
    const boxes: OverlayBox[] = [];
    for (const f of fields) {
      if (!f.box || f.page !== page.index || f.key === selectedKey) continue;
      const tone = f.status === 'low_confidence' || f.status === 'invalid' ? 'warn' : f.status === 'corrected' ? 'corrected' : 'field';
      boxes.push({ id: f.key, box: f.box, tone });
    }
    if (highlight && highlight.pageId === page.id) {
      highlight.boxes.forEach((box, i) => boxes.push({ id: `hit-${i}`, box, tone: 'hit' }));
    }
    if (selected?.box && selected.page === page.index) {
      boxes.push({ id: selected.key, box: selected.box, tone: 'selected', label: t(`field.${selected.key}`) });
    }
    return boxes;
  }, [fields, page, selected, selectedKey, highlight, t]);

  // ---- selection and editing --------------------------------------------

  const select = useCallback(
    (key: FieldKey) => {
      setSelectedKey(key);
      setEditing(null);
      setEditError(null);
      setAskOfficer(null);
      const f = fieldsRef.current.find((x) => x.key === key);
      if (f?.page !== null && f?.page !== undefined) {
        const target = pages.find((p) => p.index === f.page);
        if (target) setPageId(target.id);
      }
    },
    [pages],
  );

  const move = useCallback(
    (delta: number) => {
      const next = stepThrough(visible, visible.findIndex((f) => f.key === selectedKey), delta);
      if (next) select(next.key);
    },
    [visible, selectedKey, select],
  );

  const nextReview = useCallback(() => {
    const at = fields.findIndex((f) => f.key === selectedKey);
    const i = nextNeedingReview(fields, at);
    if (i >= 0 && fields[i]) select(fields[i].key);
  }, [fields, selectedKey, select]);

  const startEdit = useCallback(
    (key: FieldKey) => {
      const f = fieldsRef.current.find((x) => x.key === key);
      if (!f) return;
      if (!officer) {
        setAskOfficer({ key, then: 'edit' });
        return;
      }
      setEditError(null);
      setEditing({ key, draft: f.value ?? '' });
    },
    [officer],
  );

  const save = useCallback(
    async (key: FieldKey, raw: string, editor: string) => {
      if (saving) return;
      const value = raw.trim() === '' ? null : raw.trim();
      setSaving(true);
      setEditError(null);
      try {
        const field = await call('fields.correct', { documentId: doc.id, key, value, editor });
        setEditing(null);
        onCorrected(doc.id, field);
        // Back to the list, so the keys move on from here.
        listRef.current?.focus();
      } catch (err) {
        const info = toUiError(err);
        if (info.code === 'invalid_argument') setEditError(describeError(i18n, info).text);
        else toasts.notifyError(err, t(`field.${key}`));
      } finally {
        setSaving(false);
      }
    },
    [saving, doc.id, onCorrected, i18n, toasts, t],
  );

  /** Keeps the value as read: the officer checked it against the page. */
  const confirm = useCallback(
    (key: FieldKey) => {
      const f = fieldsRef.current.find((x) => x.key === key);
      if (!f || f.value === null) return;
      if (!officer) {
        setAskOfficer({ key, then: 'confirm' });
        return;
      }
      void save(key, f.value, officer);
    },
    [officer, save],
  );

  const cancelEdit = useCallback(() => {
    setEditing(null);
    setEditError(null);
    listRef.current?.focus();
  }, []);

  // ---- keyboard -----------------------------------------------------------

  useDocumentKeys((e) => {
    if (helpOpen || e.defaultPrevented) return;
    if (e.ctrlKey || e.metaKey || e.altKey) return;
    if (isTyping(e.target) || isButtonKey(e)) return;
    let handled = true;
    switch (e.key) {
      case 'Home':
        move(-fields.length);
        break;
      case 'End':
        move(fields.length);
        break;
      case 'n':
      case 'N':
        nextReview();
        break;
      case 'Enter':
        if (selectedKey) startEdit(selectedKey);
        break;
      case 'f':
      case 'F':
        setFilter((v) => (v === 'all' ? 'review' : 'all'));
        break;
      case '?':
        setHelpOpen(true);
        break;
      case 'Escape':
        if (askOfficer) setAskOfficer(null);
        else onClose();
        break;
      default:
        handled = documentScreenKey(e.key, panZoom, pager, move);
    }
    if (handled) e.preventDefault();
  });

  // Focus starts on the field list, and returns to where it was when the review closes.
  useFocusWhileOpen(() => listRef.current);

  // The selected row stays in sight in the list.
  useEffect(() => {
    listRef.current?.querySelector<HTMLElement>('[aria-selected="true"]')?.scrollIntoView({ block: 'nearest' });
  }, [selectedKey, filter, editing]);

  const history = view.history;

  return (
    <section className="review" aria-label={t('review.title')} data-testid="review" data-document-id={doc.id}>
      <DocumentPages
        prefix="review"
        fileName={doc.fileName}
        fileNameTestId="review-file-name"
        pages={pages}
        pager={pager}
        panZoom={panZoom}
        viewportClassName="rv-viewport"
        dataPageId={page?.id}
        empty={<div className="viewer-status">{t('review.noPages')}</div>}
      >
        <BoxOverlay boxes={overlay} panZoom={panZoom} testId="review-overlay" />
      </DocumentPages>

      <div className="rv-panel">
        <header className="rv-head">
          <div className="rv-head-title">
            <h2 className="section-title">{t('review.title')}</h2>
            {record && (
              <div className="rv-form" data-testid="review-form" data-form={record.form}>
                <span className="form-chip">{t(`formType.${record.form}`)}</span>
                <Confidence value={record.formConfidence} label={t('review.formConfidence', { percent: percent(record.formConfidence) })} />
              </div>
            )}
          </div>
          <div className="rv-head-actions">
            <button type="button" className="icon-button" title={`${t('viewer.shortcuts')} (?)`} aria-label={t('viewer.shortcuts')} onClick={() => setHelpOpen(true)}>
              <Icon name="keyboard" />
            </button>
            <button type="button" className="button button-small" onClick={onClose} title={`${t('review.close')} (Esc)`} data-testid="review-close">
              <Icon name="close" size={14} /> {t('review.close')}
            </button>
          </div>
        </header>

        <div className="rv-toolbar">
          <div className="segmented" role="group" aria-label={t('review.filter')}>
            <button type="button" aria-pressed={filter === 'all'} className={filter === 'all' ? 'active' : ''} onClick={() => setFilter('all')} data-testid="review-filter-all">
              {t('review.filterAll', { count: counts.total })}
            </button>
            <button
              type="button"
              aria-pressed={filter === 'review'}
              className={filter === 'review' ? 'active' : ''}
              onClick={() => setFilter('review')}
              data-testid="review-filter-review"
            >
              {t('review.filterReview', { count: counts.review })}
            </button>
          </div>
          <span className="muted small">
            {counts.corrected > 0 && tn('record.corrected', counts.corrected)}
          </span>
          <button type="button" className="button button-small" onClick={nextReview} disabled={counts.review === 0} title={`${t('review.nextReview')} (N)`} data-testid="review-next">
            {t('review.nextReview')} <kbd>N</kbd>
          </button>
        </div>

        {askOfficer && (
          <OfficerPrompt
            onCancel={() => setAskOfficer(null)}
            onSubmit={(name) => {
              setOfficer(name);
              const pending = askOfficer;
              setAskOfficer(null);
              const f = fieldsRef.current.find((x) => x.key === pending.key);
              if (pending.then === 'edit') setEditing({ key: pending.key, draft: f?.value ?? '' });
              else if (f?.value) void save(pending.key, f.value, name.trim());
            }}
          />
        )}

        <div className="rv-scroll">
          {visible.length === 0 ? (
            <p className="empty-note" data-testid="review-none">
              {t('review.noneToReview')}
            </p>
          ) : null}
          <ul
            ref={listRef}
            id={listId}
            className="rv-fields"
            role="listbox"
            tabIndex={0}
            aria-label={t('review.fields')}
            aria-activedescendant={selectedKey ? `${listId}-${selectedKey}` : undefined}
            data-testid="review-fields"
          >
            {visible.map((f) => (
              <FieldRow
                key={f.key}
                id={`${listId}-${f.key}`}
                field={f}
                selected={f.key === selectedKey}
                editing={editing?.key === f.key ? editing.draft : null}
                saving={saving}
                error={editing?.key === f.key ? editError : null}
                history={historyOf(history, f.key)}
                onSelect={() => select(f.key)}
                onEdit={() => startEdit(f.key)}
                onConfirm={() => confirm(f.key)}
                onDraft={(draft) => setEditing({ key: f.key, draft })}
                onSave={(draft) => void save(f.key, draft, officer)}
                onCancel={cancelEdit}
              />
            ))}
          </ul>

          {record && <LineItems items={record.lineItems} />}
          <History history={history} />
        </div>
      </div>

      {helpOpen && <ShortcutHelp rows={REVIEW_SHORTCUTS} onClose={() => setHelpOpen(false)} />}
    </section>
  );
}

function Confidence({ value, label }: { value: number; label: string }) {
  const level = confidenceLevel(value);
  return (
    <span className={`confidence confidence-${level}`} title={label} aria-label={label} data-testid="confidence" data-value={value.toFixed(2)}>
      <span className="confidence-track">
        <span className="confidence-fill" style={{ width: `${percent(value)}%` }} />
      </span>
      <span className="confidence-value">{percent(value)}%</span>
    </span>
  );
}

export function StatusBadge({ field }: { field: ExtractedField }) {
  const { t } = useI18n();
  return (
    <span className={`fstatus fstatus-${field.status}`} data-testid="field-status" data-status={field.status}>
      {t(`fieldStatus.${field.status}`)}
    </span>
  );
}

interface RowProps {
  id: string;
  field: ExtractedField;
  selected: boolean;
  /** The draft while this row is being edited. */
  editing: string | null;
  saving: boolean;
  error: string | null;
  history: FieldEdit[];
  onSelect(): void;
  onEdit(): void;
  onConfirm(): void;
  onDraft(draft: string): void;
  onSave(draft: string): void;
  onCancel(): void;
}

function FieldRow({ id, field, selected, editing, saving, error, history, onSelect, onEdit, onConfirm, onDraft, onSave, onCancel }: RowProps) {
  const i18n = useI18n();
  const { t } = i18n;
  const label = t(`field.${field.key}`);
  const review = needsReview(field);
  const showRaw = field.raw && field.raw !== field.value;
  const inputId = useId();

  return (
    <li
      id={id}
      role="option"
      aria-selected={selected}
      className={`rv-field rv-${field.status}${review ? ' rv-needs-review' : ''}${selected ? ' selected' : ''}`}
      onClick={(e) => {
        // Clicks inside the editor or on the row's buttons are theirs.
        if ((e.target as HTMLElement).closest('input, button, form')) return;
        onSelect();
      }}
      data-testid="review-field"
      data-field-key={field.key}
      data-status={field.status}
    >
      <div className="rv-field-main">
        <span className="rv-label">{label}</span>
        <span className={`rv-value${field.value === null ? ' rv-value-empty' : ''}`} data-testid="field-value">
          {field.value ?? '—'}
        </span>
        {field.status === 'missing' ? <span className="confidence confidence-none" /> : <Confidence value={field.confidence} label={t('review.confidence', { percent: percent(field.confidence) })} />}
        <StatusBadge field={field} />
      </div>
      {(showRaw || field.note) && !selected && (
        <div className="rv-field-sub">
          {field.note && <span className="rv-note">{field.note}</span>}
          {showRaw && (
            <span className="rv-raw" title={t('review.raw')}>
              {t('review.raw')}: <q>{field.raw}</q>
            </span>
          )}
        </div>
      )}

      {selected && (
        <div className="rv-detail" data-testid="field-detail">
          <dl className="rv-facts">
            <div>
              <dt>{t('review.raw')}</dt>
              <dd className="rv-raw-full" data-testid="field-raw">
                {field.raw ? <q>{field.raw}</q> : <span className="muted">{t('review.rawEmpty')}</span>}
              </dd>
            </div>
            <div>
              <dt>{t('review.locationLabel')}</dt>
              <dd>{field.page !== null && field.box ? t('review.location', { page: field.page + 1 }) : <span className="muted">{t('review.noLocation')}</span>}</dd>
            </div>
            {field.note && (
              <div className="rv-fact-note">
                <dt>{t('review.note')}</dt>
                <dd data-testid="field-note">{field.note}</dd>
              </div>
            )}
          </dl>

          {editing !== null ? (
            <form
              className="rv-editor"
              onSubmit={(e: FormEvent) => {
                e.preventDefault();
                onSave(editing);
              }}
              data-testid="field-editor"
            >
              <label htmlFor={inputId} className="visually-hidden">
                {t('review.inputLabel', { field: label })}
              </label>
              <input
                id={inputId}
                className="input"
                value={editing}
                autoFocus
                maxLength={2000}
                spellCheck={false}
                autoComplete="off"
                aria-invalid={Boolean(error)}
                onChange={(e) => onDraft(e.target.value)}
                onKeyDown={(e) => {
                  if (e.key === 'Escape') {
                    e.preventDefault();
                    e.stopPropagation();
                    onCancel();
                  }
                }}
                data-testid="field-input"
              />
              <button type="submit" className="button button-small button-primary" disabled={saving} data-testid="field-save">
                {saving ? t('review.saving') : t('review.save')}
              </button>
              <button type="button" className="button button-small" onClick={onCancel} disabled={saving} data-testid="field-cancel">
                {t('review.cancel')}
              </button>
              <span className="muted small rv-editor-hint">{t('review.keysHint')}</span>
              {error && (
                <span className="field-error" role="alert" data-testid="field-error">
                  {error}
                </span>
              )}
            </form>
          ) : (
            <div className="rv-actions">
              <button type="button" className="button button-small" onClick={onEdit} data-testid="field-edit">
                <Icon name="edit" size={13} /> {t('review.edit')} <kbd>Enter</kbd>
              </button>
              {review && field.value !== null && (
                <button type="button" className="button button-small" onClick={onConfirm} disabled={saving} title={t('review.confirmTitle')} data-testid="field-confirm">
                  {t('review.confirm')}
                </button>
              )}
            </div>
          )}

          {history.length > 0 && (
            <ol className="rv-history rv-history-field" data-testid="field-history">
              {[...history].reverse().map((e) => (
                <HistoryEntry key={e.seq} edit={e} showField={false} />
              ))}
            </ol>
          )}
        </div>
      )}
    </li>
  );
}

function HistoryEntry({ edit, showField }: { edit: FieldEdit; showField: boolean }) {
  const i18n = useI18n();
  const { t } = i18n;
  return (
    <li className="rv-history-entry" data-testid="history-entry" data-field-key={edit.key}>
      {showField && <span className="rv-history-field-name">{t(`field.${edit.key}`)}</span>}
      <span className="rv-change">
        <span className={`rv-old${edit.oldValue === null ? ' muted' : ''}`} data-testid="history-old">
          {edit.oldValue ?? t('review.empty')}
        </span>
        <span className="rv-arrow" aria-label={t('review.changedTo')}>
          →
        </span>
        <span className={`rv-new${edit.newValue === null ? ' muted' : ''}`} data-testid="history-new">
          {edit.newValue ?? t('review.empty')}
        </span>
      </span>
      <span className="rv-who muted" data-testid="history-who">
        {t('review.historyBy', { by: edit.editor, at: i18n.dateTime(edit.editedAt) })}
      </span>
    </li>
  );
}

function History({ history }: { history: FieldEdit[] }) {
  const { t } = useI18n();
  return (
    <section className="rv-section" aria-labelledby="rv-history-title" data-testid="review-history">
      <h3 className="rv-section-title" id="rv-history-title">
        {t('review.history')} <span className="count-pill">{history.length}</span>
      </h3>
      {history.length === 0 ? (
        <p className="muted small">{t('review.historyEmpty')}</p>
      ) : (
        <ol className="rv-history">
          {[...history].reverse().map((e) => (
            <HistoryEntry key={e.seq} edit={e} showField />
          ))}
        </ol>
      )}
    </section>
  );
}

function LineItems({ items }: { items: LineItem[] }) {
  const { t } = useI18n();
  return (
    <section className="rv-section" aria-labelledby="rv-items-title" data-testid="review-line-items">
      <h3 className="rv-section-title" id="rv-items-title">
        {t('review.lineItems')} <span className="count-pill">{items.length}</span>
      </h3>
      {items.length === 0 ? (
        <p className="muted small">{t('review.noLineItems')}</p>
      ) : (
        <div className="rv-table-wrap">
          <table className="rv-table">
            <thead>
              <tr>
                <th scope="col">{t('review.col.description')}</th>
                <th scope="col">{t('review.col.hs')}</th>
                <th scope="col" className="num">
                  {t('review.col.qty')}
                </th>
                <th scope="col">{t('review.col.unit')}</th>
                <th scope="col" className="num">
                  {t('review.col.unitPrice')}
                </th>
                <th scope="col" className="num">
                  {t('review.col.amount')}
                </th>
              </tr>
            </thead>
            <tbody>
              {items.map((item, i) => (
                <tr key={i} data-testid="line-item">
                  <td>{item.description}</td>
                  <td className="mono">{item.hsCode ?? '—'}</td>
                  <td className="num mono">{item.quantity ?? '—'}</td>
                  <td>{item.unit ?? '—'}</td>
                  <td className="num mono">{item.unitPrice ?? '—'}</td>
                  <td className="num mono">{item.amount ?? '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

/** Asked once, before the first correction: who is making it. */
function OfficerPrompt({ onSubmit, onCancel }: { onSubmit(name: string): void; onCancel(): void }) {
  const { t } = useI18n();
  const id = useId();
  const [name, setName] = useState('');
  return (
    <form
      className="rv-officer"
      onSubmit={(e) => {
        e.preventDefault();
        if (name.trim()) onSubmit(name);
      }}
      data-testid="officer-prompt"
    >
      <div className="rv-officer-text">
        <label htmlFor={id} className="rv-officer-title">
          {t('review.officerTitle')}
        </label>
        <span className="muted small">{t('review.officerBody')}</span>
      </div>
      <div className="rv-officer-row">
        <input
          id={id}
          className="input"
          value={name}
          autoFocus
          maxLength={OFFICER_MAX}
          autoComplete="name"
          placeholder={t('topbar.officerPlaceholder')}
          onChange={(e) => setName(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Escape') {
              e.preventDefault();
              e.stopPropagation();
              onCancel();
            }
          }}
          data-testid="officer-prompt-input"
        />
        <button type="submit" className="button button-small button-primary" disabled={!name.trim()} data-testid="officer-prompt-submit">
          {t('review.officerContinue')}
        </button>
        <button type="button" className="button button-small" onClick={onCancel}>
          {t('review.cancel')}
        </button>
      </div>
    </form>
  );
}
