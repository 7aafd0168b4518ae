/**
 * The specimen library: owners on the left (issuing authorities' offices and authorised
 * signatories, with validity and retired state; searchable, by kind), the chosen owner on the
 * right with its details (create, edit, retire) and its reference impressions (image, resolution,
 * size, ink, quality issues, source) — uploaded as cropped images with their dpi, taken from a
 * mark ("Add to library" in the authentication screen) or cropped from an ingested page there.
 */
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import type { MarkKind, SpecimenOwner } from '../../../../contract/api.ts';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { qualityIssueMessage } from '../../i18n/desk-messages.ts';
import { useOwners, useSpecimens, type SpecimenWithImage } from '../../state/useLibrary.ts';
import { Icon } from '../Icon.tsx';
import { useToasts } from '../Toasts.tsx';
import { isTyping, useDocumentKeys, useFocusWhileOpen } from '../keyboard.ts';
import { OwnerSearch, SourceInput } from './common.tsx';
import { OwnerForm } from './OwnerForm.tsx';
import { useSpecimenAddedNotice } from './OwnerPicker.tsx';

type KindFilter = 'all' | MarkKind;

/** `value`, once it has stayed the same for `ms` (typing in the search box). */
function useDebounced<T>(value: T, ms: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = window.setTimeout(() => setSettled(value), ms);
    return () => window.clearTimeout(timer);
  }, [value, ms]);
  return settled;
}

const UPLOAD_ACCEPT = '.png,.jpg,.jpeg,.tif,.tiff';

function validity(o: SpecimenOwner, today: string): 'retired' | 'expired' | 'future' | 'valid' {
  if (o.retiredAt) return 'retired';
  if (o.validTo && o.validTo < today) return 'expired';
  if (o.validFrom && o.validFrom > today) return 'future';
  return 'valid';
}

export function LibraryScreen({ onClose }: { onClose(): void }) {
  const i18n = useI18n();
  const { t } = i18n;
  const toasts = useToasts();
  const [kind, setKind] = useState<KindFilter>('all');
  const [search, setSearch] = useState('');
  const debounced = useDebounced(search, 200);
  const [includeRetired, setIncludeRetired] = useState(false);
  const owners = useOwners({ kind: kind === 'all' ? undefined : kind, search: debounced, includeRetired }, toasts.notifyError);
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [editing, setEditing] = useState<'new' | 'edit' | null>(null);
  const rootRef = useRef<HTMLElement>(null);
  const today = new Date().toISOString().slice(0, 10);

  const selected = owners.owners.find((o) => o.id === selectedId) ?? null;
  useEffect(() => {
    if (!selectedId && owners.owners[0] && editing !== 'new') setSelectedId(owners.owners[0].id);
  }, [owners.owners, selectedId, editing]);

  useDocumentKeys((e) => {
    if (e.key !== 'Escape' || e.defaultPrevented) return;
    if (document.querySelector('.modal-backdrop')) return;
    if (isTyping(e.target)) return;
    e.preventDefault();
    if (editing) setEditing(null);
    else onClose();
  });

  useFocusWhileOpen(() => rootRef.current?.querySelector<HTMLElement>('input'));

  return (
    <section ref={rootRef} className="library" aria-label={t('library.title')} data-testid="library-screen">
      <header className="library-head">
        <h1 className="library-title">{t('library.title')}</h1>
        <span className="muted small">{t('library.subtitle')}</span>
        <div className="library-head-actions">
          <button
            type="button"
            className="button button-small button-primary"
            onClick={() => {
              setEditing('new');
              setSelectedId(null);
            }}
            data-testid="library-new-owner"
          >
            <Icon name="plus" size={13} /> {t('library.newOwner')}
          </button>
          <button type="button" className="button button-small" onClick={onClose} title={`${t('auth.close')} (Esc)`} data-testid="library-close">
            <Icon name="close" size={13} /> {t('auth.close')}
          </button>
        </div>
      </header>

      <div className="library-body">
        <aside className="library-owners" aria-label={t('library.owners')}>
          <div className="library-filters">
            <OwnerSearch value={search} onChange={setSearch} type="search" testId="library-search" />
            <div className="segmented" role="group" aria-label={t('library.owner.kind')}>
              {(['all', 'stamp', 'signature'] as const).map((k) => (
                <button key={k} type="button" aria-pressed={kind === k} className={kind === k ? 'active' : ''} onClick={() => setKind(k)} data-testid={`library-kind-${k}`}>
                  {k === 'all' ? t('library.kindAll') : k === 'stamp' ? t('library.kindStamps') : t('library.kindSignatures')}
                </button>
              ))}
            </div>
            <label className="checkbox small">
              <input type="checkbox" checked={includeRetired} onChange={(e) => setIncludeRetired(e.target.checked)} data-testid="library-include-retired" />
              {t('library.includeRetired')}
            </label>
          </div>
          <ul className="library-owner-list" role="listbox" aria-label={t('library.owners')} data-testid="library-owner-list">
            {owners.loaded && owners.owners.length === 0 && (
              <li className="empty-note" data-testid="library-empty">
                {debounced ? t('library.noMatches', { search: debounced }) : t('library.empty')}
              </li>
            )}
            {owners.owners.map((o) => {
              const state = validity(o, today);
              return (
                <li
                  key={o.id}
                  role="option"
                  aria-selected={o.id === selectedId}
                  tabIndex={0}
                  className={`library-owner${o.id === selectedId ? ' selected' : ''}${o.retiredAt ? ' retired' : ''}`}
                  onClick={() => {
                    setSelectedId(o.id);
                    setEditing(null);
                  }}
                  onKeyDown={(e) => {
                    if (e.key === 'Enter' || e.key === ' ') {
                      e.preventDefault();
                      setSelectedId(o.id);
                      setEditing(null);
                    }
                  }}
                  data-testid="library-owner"
                  data-owner-id={o.id}
                >
                  <span className="library-owner-top" title={o.label}>
                    <span className="country-code mono">{o.country}</span>
                    <span className="library-owner-label">{o.authority}</span>
                  </span>
                  {(o.kind === 'signature' ? o.signatory || o.office : o.office) && (
                    <span className="library-owner-sub small">{o.kind === 'signature' ? [o.signatory, o.office].filter(Boolean).join(' · ') : o.office}</span>
                  )}
                  <span className="library-owner-meta">
                    <span className={`mark-kind mark-kind-${o.kind}`}>{t(`library.owner.kind.${o.kind}`)}</span>
                    <span className={`validity validity-${state}`} data-testid="owner-validity" data-state={state}>
                      {t(`library.validity.${state}`)}
                    </span>
                    <span className="muted small">{t('library.specimenCount', { count: o.specimenCount })}</span>
                  </span>
                </li>
              );
            })}
          </ul>
        </aside>

        <div className="library-detail">
          {editing === 'new' ? (
            <OwnerForm
              onSave={owners.save}
              onSaved={(o) => {
                setEditing(null);
                setSelectedId(o.id);
                toasts.notify('success', t('library.owner.saved', { label: o.label }));
              }}
              onCancel={() => setEditing(null)}
            />
          ) : selected ? (
            editing === 'edit' ? (
              <OwnerForm
                key={selected.id}
                initial={selected}
                onSave={owners.save}
                onSaved={(o) => {
                  setEditing(null);
                  toasts.notify('success', t('library.owner.saved', { label: o.label }));
                }}
                onCancel={() => setEditing(null)}
              />
            ) : (
              <OwnerDetail
                key={selected.id}
                owner={selected}
                state={validity(selected, today)}
                onEdit={() => setEditing('edit')}
                onRetire={async () => {
                  const o = await owners.retire(selected.id);
                  if (o) toasts.notify('success', t('library.owner.retired', { label: o.label }));
                }}
                onSpecimensChanged={() => void owners.reload()}
              />
            )
          ) : (
            <p className="empty-note">{t('library.pickOwner')}</p>
          )}
        </div>
      </div>
    </section>
  );
}

function OwnerDetail({
  owner,
  state,
  onEdit,
  onRetire,
  onSpecimensChanged,
}: {
  owner: SpecimenOwner;
  state: ReturnType<typeof validity>;
  onEdit(): void;
  onRetire(): Promise<void>;
  onSpecimensChanged(): void;
}) {
  const i18n = useI18n();
  const { t } = i18n;
  const toasts = useToasts();
  const [showRetired, setShowRetired] = useState(false);
  const specimens = useSpecimens(owner.id, showRetired, toasts.notifyError);
  const noticeAdded = useSpecimenAddedNotice();
  const [confirmRetire, setConfirmRetire] = useState(false);

  return (
    <div className="owner-detail" data-testid="owner-detail" data-owner-id={owner.id}>
      <header className="owner-detail-head">
        <div>
          <h2 className="owner-detail-title" data-testid="owner-detail-title">
            {owner.label}
          </h2>
          <span className={`validity validity-${state}`} data-state={state}>
            {t(`library.validity.${state}`)}
          </span>
        </div>
        <div className="owner-detail-actions">
          {!owner.retiredAt && (
            <button type="button" className="button button-small" onClick={onEdit} data-testid="owner-edit">
              <Icon name="edit" size={13} /> {t('caseView.edit')}
            </button>
          )}
          {!owner.retiredAt &&
            (confirmRetire ? (
              <span className="confirm-inline" role="group" aria-label={t('library.owner.retireConfirm')}>
                <span className="small">{t('library.owner.retireConfirm')}</span>
                <button
                  type="button"
                  className="button button-small button-danger"
                  onClick={() => {
                    setConfirmRetire(false);
                    void onRetire();
                  }}
                  data-testid="owner-retire-confirm"
                >
                  {t('library.owner.retire')}
                </button>
                <button type="button" className="button button-small" onClick={() => setConfirmRetire(false)}>
                  {t('form.cancel')}
                </button>
              </span>
            ) : (
              <button type="button" className="button button-small" onClick={() => setConfirmRetire(true)} data-testid="owner-retire">
                {t('library.owner.retire')}
              </button>
            ))}
        </div>
      </header>
      <dl className="owner-facts">
        <div>
          <dt>{t('library.owner.kind')}</dt>
          <dd>{t(`library.owner.kind.${owner.kind}`)}</dd>
        </div>
        <div>
          <dt>{t('library.owner.country')}</dt>
          <dd className="mono">{owner.country}</dd>
        </div>
        <div>
          <dt>{t('library.owner.authority')}</dt>
          <dd>{owner.authority}</dd>
        </div>
        <div>
          <dt>{t('library.owner.office')}</dt>
          <dd>{owner.office || <span className="muted">—</span>}</dd>
        </div>
        {owner.kind === 'signature' && (
          <div>
            <dt>{t('library.owner.signatory')}</dt>
            <dd>{owner.signatory || <span className="muted">—</span>}</dd>
          </div>
        )}
        <div>
          <dt>{t('library.owner.validity')}</dt>
          <dd className="mono">
            {owner.validFrom ?? '…'} – {owner.validTo ?? '…'}
          </dd>
        </div>
        {owner.retiredAt && (
          <div>
            <dt>{t('library.owner.retiredAt')}</dt>
            <dd>{i18n.dateTime(owner.retiredAt)}</dd>
          </div>
        )}
        {owner.notes && (
          <div className="owner-facts-wide">
            <dt>{t('library.owner.notes')}</dt>
            <dd>{owner.notes}</dd>
          </div>
        )}
      </dl>

      <section className="specimens" aria-labelledby="specimens-title">
        <div className="specimens-head">
          <h3 className="section-title" id="specimens-title">
            {t('library.specimens')} <span className="count-pill">{specimens.specimens.length}</span>
          </h3>
          <label className="checkbox small">
            <input type="checkbox" checked={showRetired} onChange={(e) => setShowRetired(e.target.checked)} data-testid="specimens-include-retired" />
            {t('library.includeRetiredSpecimens')}
          </label>
        </div>
        {!owner.retiredAt && (
          <UploadSpecimen
            onUpload={async (input) => {
              const s = await specimens.upload(input);
              if (s) {
                noticeAdded(s);
                onSpecimensChanged();
              }
              return Boolean(s);
            }}
          />
        )}
        {specimens.loaded && specimens.specimens.length === 0 ? (
          <p className="muted small" data-testid="specimens-empty">
            {t('library.specimensEmpty')}
          </p>
        ) : (
          <ul className="specimen-grid" data-testid="specimen-grid">
            {specimens.specimens.map((s) => (
              <SpecimenCard
                key={s.id}
                specimen={s}
                onRetire={async () => {
                  const r = await specimens.retire(s.id);
                  if (r) {
                    toasts.notify('success', t('library.specimen.retired'));
                    onSpecimensChanged();
                  }
                }}
              />
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}

function SpecimenCard({ specimen: s, onRetire }: { specimen: SpecimenWithImage; onRetire(): Promise<void> }) {
  const i18n = useI18n();
  const { t } = i18n;
  return (
    <li className={`specimen${s.retiredAt ? ' retired' : ''}${s.quality.ok ? '' : ' specimen-poor'}`} data-testid="specimen-card" data-specimen-id={s.id}>
      <span className="specimen-image">
        <img src={s.image} alt={t('library.specimen.alt', { kind: t(`auth.kind.${s.kind}`) })} />
      </span>
      <span className="specimen-facts small">
        <span className="mono">{t('library.specimen.dpi', { dpi: Math.round(s.dpi) })}</span>
        <span className="mono">{t('library.specimen.size', { mm: s.sizeMm.toFixed(1) })}</span>
        <span>{t(`auth.ink.${s.ink}`)}</span>
      </span>
      {s.source && (
        <span className="specimen-source muted small" title={s.source}>
          {s.source}
        </span>
      )}
      {s.quality.ok ? (
        <span className="specimen-quality ok small">{t('library.specimen.qualityOk')}</span>
      ) : (
        <ul className="specimen-quality small" data-testid="specimen-quality-issues">
          {s.quality.issues.map((issue, i) => (
            <li key={i} data-code={issue.code} title={i18n.lang === 'en' ? undefined : issue.text}>
              {qualityIssueMessage(i18n.lang, issue)}
            </li>
          ))}
        </ul>
      )}
      <span className="specimen-foot">
        <span className="muted small">{s.retiredAt ? t('library.specimen.retiredAt', { at: i18n.dateTime(s.retiredAt) }) : i18n.dateTime(s.createdAt)}</span>
        {!s.retiredAt && (
          <button type="button" className="link-button small" onClick={() => void onRetire()} data-testid="specimen-retire">
            {t('library.specimen.retire')}
          </button>
        )}
      </span>
    </li>
  );
}

function UploadSpecimen({ onUpload }: { onUpload(input: { fileName: string; dpi: number; source: string; data: Uint8Array }): Promise<boolean> }) {
  const { t } = useI18n();
  const [file, setFile] = useState<File | null>(null);
  const [dpi, setDpi] = useState('600');
  const [source, setSource] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const inputRef = useRef<HTMLInputElement>(null);
  const dpiId = useId();

  async function submit(e: FormEvent) {
    e.preventDefault();
    const n = Number(dpi);
    if (!file) {
      setError(t('library.upload.noFile'));
      return;
    }
    if (!Number.isFinite(n) || n < 72 || n > 2400) {
      setError(t('library.upload.dpiRange'));
      return;
    }
    setError(null);
    setBusy(true);
    try {
      const data = new Uint8Array(await file.arrayBuffer());
      const ok = await onUpload({ fileName: file.name, dpi: n, source: source.trim(), data });
      if (ok) {
        setFile(null);
        setSource('');
        if (inputRef.current) inputRef.current.value = '';
      }
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="upload-specimen" onSubmit={submit} data-testid="upload-specimen" aria-label={t('library.upload.title')}>
      <span className="upload-specimen-title">{t('library.upload.title')}</span>
      <input
        ref={inputRef}
        type="file"
        accept={UPLOAD_ACCEPT}
        aria-label={t('library.upload.file')}
        onChange={(e) => setFile(e.target.files?.[0] ?? null)}
        data-testid="upload-specimen-file"
      />
      <label htmlFor={dpiId} className="small">
        {t('library.upload.dpi')}
      </label>
      <input
        id={dpiId}
        className="input input-small upload-dpi"
        type="number"
        min={72}
        max={2400}
        step={1}
        value={dpi}
        onChange={(e) => setDpi(e.target.value)}
        data-testid="upload-specimen-dpi"
      />
      <SourceInput value={source} onChange={setSource} className="input-small upload-source" hiddenLabel testId="upload-specimen-source" />
      <button type="submit" className="button button-small" disabled={busy || !file} data-testid="upload-specimen-submit">
        <Icon name="upload" size={13} /> {busy ? t('library.upload.uploading') : t('library.upload.button')}
      </button>
      {error && (
        <span className="field-error" role="alert">
          {error}
        </span>
      )}
    </form>
  );
}
