/**
 * "Whose specimen is this?": a small dialog listing the library's owners of one kind (searchable),
 * with a source note and, when the right owner is not on record yet, the owner form in place. On
 * submit it adds the specimen (a mark's crop, or a box cropped from a page) to the chosen owner.
 * Used by "Add to library" on a mark and by a specimen cropped from a page.
 */
import { useCallback, useEffect, useRef, useState, type FormEvent } from 'react';
import type { MarkKind, Specimen } from '../../../../contract/api.ts';
import type { Box } from '../../../../contract/fields.ts';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { qualityIssuesMessage } from '../../i18n/desk-messages.ts';
import { addSpecimen, useOwners } from '../../state/useLibrary.ts';
import { Icon } from '../Icon.tsx';
import { useDocumentKeys, useFocusWhileOpen } from '../keyboard.ts';
import { useToasts } from '../Toasts.tsx';
import { OwnerSearch, SourceInput } from './common.tsx';
import { OwnerForm } from './OwnerForm.tsx';

interface Props {
  kind: MarkKind;
  title: string;
  /** Preview of what is being added (the mark's crop), if any. */
  preview?: string | null;
  defaultSource?: string;
  /** What becomes the specimen: a mark's crop, or a box (page pixels) of a page. */
  from: { markId: string } | { pageId: string; box: Box };
  onCancel(): void;
  /** The specimen was added (and the examiner told); the dialog should close. */
  onAdded(specimen: Specimen): void;
}

/** Tells the examiner a specimen was added, with its quality issues if it has any. */
export function useSpecimenAddedNotice(): (specimen: Specimen) => void {
  const { t, lang } = useI18n();
  const toasts = useToasts();
  return useCallback(
    (s: Specimen) => {
      toasts.notify('success', t('library.specimen.added'));
      if (!s.quality.ok) toasts.notify('info', t('library.specimen.qualityWarning', { issues: qualityIssuesMessage(lang, s.quality.issues) }));
    },
    [toasts, t, lang],
  );
}

export function OwnerPicker({ kind, title, preview, defaultSource = '', from, onCancel, onAdded }: Props) {
  const { t } = useI18n();
  const toasts = useToasts();
  const noticeAdded = useSpecimenAddedNotice();
  const [search, setSearch] = useState('');
  const owners = useOwners({ kind, search, includeRetired: false }, toasts.notifyError);
  const [ownerId, setOwnerId] = useState<string | null>(null);
  const [source, setSource] = useState(defaultSource);
  const [creating, setCreating] = useState(false);
  const [busy, setBusy] = useState(false);
  const rootRef = useRef<HTMLDivElement>(null);

  // The only owner (or the first) is preselected.
  useEffect(() => {
    if (!ownerId && owners.owners[0]) setOwnerId(owners.owners[0].id);
  }, [owners.owners, ownerId]);

  useFocusWhileOpen(() => rootRef.current?.querySelector<HTMLElement>('input'));
  useDocumentKeys((e) => {
    if (e.key === 'Escape') {
      e.preventDefault();
      onCancel();
    }
  });

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!ownerId || busy) return;
    setBusy(true);
    try {
      const s = await addSpecimen({ ownerId, source: source.trim(), ...from });
      noticeAdded(s);
      onAdded(s);
    } catch (err) {
      toasts.notifyError(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="modal-backdrop" onMouseDown={(e) => e.target === e.currentTarget && onCancel()}>
      <div ref={rootRef} className="modal owner-picker" role="dialog" aria-modal="true" aria-label={title} data-testid="owner-picker">
        <div className="modal-head">
          <h2 className="form-title">{title}</h2>
          <button type="button" className="icon-button" aria-label={t('form.cancel')} onClick={onCancel}>
            <Icon name="close" size={16} />
          </button>
        </div>
        {creating ? (
          <OwnerForm
            defaultKind={kind}
            onSave={owners.save}
            onSaved={(owner) => {
              setCreating(false);
              setOwnerId(owner.id);
              toasts.notify('success', t('library.owner.saved', { label: owner.label }));
            }}
            onCancel={() => setCreating(false)}
          />
        ) : (
          <form onSubmit={submit} className="owner-picker-form">
            {preview && <img className="owner-picker-preview" src={preview} alt="" />}
            <OwnerSearch value={search} onChange={setSearch} testId="owner-picker-search" />
            <ul className="owner-picker-list" role="radiogroup" aria-label={t(`library.owner.kind.${kind}`)} data-testid="owner-picker-list">
              {owners.loaded && owners.owners.length === 0 && <li className="muted small">{t('library.noOwnersOfKind')}</li>}
              {owners.owners.map((o) => (
                <li key={o.id}>
                  <label className={`owner-picker-item${ownerId === o.id ? ' selected' : ''}`} data-testid="owner-picker-item" data-owner-id={o.id}>
                    <input type="radio" name="owner" checked={ownerId === o.id} onChange={() => setOwnerId(o.id)} />
                    <span className="owner-picker-label">{o.label}</span>
                    <span className="muted small">{t('library.specimenCount', { count: o.specimenCount })}</span>
                  </label>
                </li>
              ))}
            </ul>
            <button type="button" className="link-button" onClick={() => setCreating(true)} data-testid="owner-picker-new">
              + {t('library.newOwner')}
            </button>
            <div className="field">
              <SourceInput value={source} onChange={setSource} testId="owner-picker-source" />
            </div>
            <div className="form-actions">
              <button type="submit" className="button button-primary" disabled={!ownerId || busy} data-testid="owner-picker-submit">
                {busy ? t('form.saving') : t('library.specimen.add')}
              </button>
              <button type="button" className="button" onClick={onCancel}>
                {t('form.cancel')}
              </button>
            </div>
          </form>
        )}
      </div>
    </div>
  );
}
