/**
 * Create or edit a specimen owner: an issuing authority's office (stamps) or an authorised
 * signatory (signatures), with its validity period. Checked here first, then by the desk
 * (`library.saveOwner`), whose rejection is shown in the form.
 */
import { useId, useState, type FormEvent, type ReactNode } from 'react';
import { MARK_KINDS, type MarkKind, type OwnerInput, type SpecimenOwner } from '../../../../contract/api.ts';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { describeError, toUiError } from '../../state/errors.ts';

interface Props {
  initial?: SpecimenOwner | null;
  defaultKind?: MarkKind;
  onSave(input: OwnerInput): Promise<SpecimenOwner>;
  onSaved(owner: SpecimenOwner): void;
  onCancel(): void;
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

export function OwnerForm({ initial, defaultKind = 'stamp', onSave, onSaved, onCancel }: Props) {
  const i18n = useI18n();
  const { t } = i18n;
  const base = useId();
  const [kind, setKind] = useState<MarkKind>(initial?.kind ?? defaultKind);
  const [country, setCountry] = useState(initial?.country ?? '');
  const [authority, setAuthority] = useState(initial?.authority ?? '');
  const [office, setOffice] = useState(initial?.office ?? '');
  const [signatory, setSignatory] = useState(initial?.signatory ?? '');
  const [validFrom, setValidFrom] = useState(initial?.validFrom ?? '');
  const [validTo, setValidTo] = useState(initial?.validTo ?? '');
  const [notes, setNotes] = useState(initial?.notes ?? '');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    const next: Record<string, string> = {};
    const cc = country.trim().toUpperCase();
    if (!/^[A-Z]{2}$/.test(cc)) next.country = t('library.owner.countryInvalid');
    if (!authority.trim()) next.authority = t('form.required');
    if (kind === 'signature' && !signatory.trim()) next.signatory = t('form.required');
    if (validFrom && !ISO_DATE.test(validFrom)) next.validFrom = t('form.invalidDate');
    if (validTo && !ISO_DATE.test(validTo)) next.validTo = t('form.invalidDate');
    if (validFrom && validTo && ISO_DATE.test(validFrom) && ISO_DATE.test(validTo) && validTo < validFrom) next.validTo = t('library.owner.validOrder');
    setErrors(next);
    if (Object.keys(next).length) return;
    setBusy(true);
    setFormError(null);
    try {
      const saved = await onSave({
        ...(initial ? { id: initial.id } : {}),
        kind,
        country: cc,
        authority: authority.trim(),
        office: office.trim(),
        signatory: kind === 'signature' ? signatory.trim() : '',
        validFrom: validFrom || null,
        validTo: validTo || null,
        notes: notes.trim(),
      });
      onSaved(saved);
    } catch (err) {
      const { text, detail } = describeError(i18n, toUiError(err));
      setFormError(detail ? `${text} ${detail}` : text);
    } finally {
      setBusy(false);
    }
  }

  const field = (name: string, label: string, input: ReactNode, hint?: string) => (
    <div className={`field${errors[name] ? ' field-invalid' : ''}`}>
      <label htmlFor={`${base}-${name}`}>{label}</label>
      {input}
      {hint && !errors[name] && <span className="muted small">{hint}</span>}
      {errors[name] && (
        <span className="field-error" data-testid={`owner-form-error-${name}`}>
          {errors[name]}
        </span>
      )}
    </div>
  );

  return (
    <form className="owner-form" onSubmit={submit} data-testid="owner-form" aria-label={initial ? t('library.owner.editTitle') : t('library.owner.newTitle')}>
      <h3 className="form-title">{initial ? t('library.owner.editTitle') : t('library.owner.newTitle')}</h3>
      <div className="segmented owner-kind" role="radiogroup" aria-label={t('library.owner.kind')}>
        {MARK_KINDS.map((k) => (
          <button
            key={k}
            type="button"
            role="radio"
            aria-checked={kind === k}
            className={kind === k ? 'active' : ''}
            disabled={Boolean(initial)}
            onClick={() => setKind(k)}
            data-testid={`owner-form-kind-${k}`}
          >
            {t(`library.owner.kind.${k}`)}
          </button>
        ))}
      </div>
      <div className="owner-grid">
        {field(
          'country',
          t('library.owner.country'),
          <input
            id={`${base}-country`}
            className="input owner-country"
            value={country}
            maxLength={2}
            autoComplete="off"
            onChange={(e) => setCountry(e.target.value.toUpperCase())}
            aria-invalid={Boolean(errors.country)}
            data-testid="owner-form-country"
          />,
          t('library.owner.countryHint'),
        )}
        {field(
          'authority',
          t('library.owner.authority'),
          <input
            id={`${base}-authority`}
            className="input"
            value={authority}
            maxLength={200}
            onChange={(e) => setAuthority(e.target.value)}
            aria-invalid={Boolean(errors.authority)}
            data-testid="owner-form-authority"
          />,
        )}
        {field(
          'office',
          t('library.owner.office'),
          <input id={`${base}-office`} className="input" value={office} maxLength={200} onChange={(e) => setOffice(e.target.value)} data-testid="owner-form-office" />,
        )}
        {kind === 'signature' &&
          field(
            'signatory',
            t('library.owner.signatory'),
            <input
              id={`${base}-signatory`}
              className="input"
              value={signatory}
              maxLength={200}
              onChange={(e) => setSignatory(e.target.value)}
              aria-invalid={Boolean(errors.signatory)}
              data-testid="owner-form-signatory"
            />,
          )}
        {field(
          'validFrom',
          t('library.owner.validFrom'),
          <input id={`${base}-validFrom`} type="date" className="input" value={validFrom} onChange={(e) => setValidFrom(e.target.value)} data-testid="owner-form-validFrom" />,
        )}
        {field(
          'validTo',
          t('library.owner.validTo'),
          <input id={`${base}-validTo`} type="date" className="input" value={validTo} onChange={(e) => setValidTo(e.target.value)} data-testid="owner-form-validTo" />,
        )}
      </div>
      {field(
        'notes',
        t('library.owner.notes'),
        <textarea id={`${base}-notes`} className="input owner-notes" value={notes} maxLength={2000} rows={2} onChange={(e) => setNotes(e.target.value)} data-testid="owner-form-notes" />,
      )}
      {formError && (
        <div className="form-error" role="alert" data-testid="owner-form-error">
          {formError}
        </div>
      )}
      <div className="form-actions">
        <button type="submit" className="button button-primary" disabled={busy} data-testid="owner-form-submit">
          {busy ? t('form.saving') : initial ? t('form.save') : t('library.owner.create')}
        </button>
        <button type="button" className="button" onClick={onCancel} disabled={busy} data-testid="owner-form-cancel">
          {t('form.cancel')}
        </button>
      </div>
    </form>
  );
}
