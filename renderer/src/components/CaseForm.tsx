/**
 * Create/edit form for a case. Validation runs the contract's own zod schema, so the limits the
 * officer sees are exactly the ones the desk enforces; only the wording is ours.
 */
import { useId, useState, type FormEvent, type ReactElement } from 'react';
import { CaseInput } from '../../../contract/api.ts';
import { useI18n } from '../i18n/I18nProvider.tsx';
import { describeError, toUiError } from '../state/errors.ts';

export interface CaseFormValues {
  declarationNo: string;
  port: string;
  date: string;
  notes: string;
}
type Field = keyof CaseFormValues;
type FieldErrors = Partial<Record<Field, string>>;

/** Today in the officer's local time zone (toISOString would give UTC's date). */
export function todayIso(now = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

function isRealDate(iso: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

interface Props {
  title: string;
  submitLabel: string;
  initial?: CaseFormValues;
  onSubmit(values: CaseFormValues): Promise<void>;
  onCancel(): void;
  testId: string;
}

export function CaseForm({ title, submitLabel, initial, onSubmit, onCancel, testId }: Props) {
  const { t } = useI18n();
  const uid = useId();
  const [values, setValues] = useState<CaseFormValues>(
    initial ?? { declarationNo: '', port: '', date: todayIso(), notes: '' },
  );
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<{ text: string; detail?: string } | null>(null);
  const [saving, setSaving] = useState(false);
  const i18n = useI18n();

  function validate(v: CaseFormValues): FieldErrors {
    const out: FieldErrors = {};
    const parsed = CaseInput.safeParse(v);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const field = issue.path[0] as Field | undefined;
        if (!field || out[field]) continue;
        if (issue.code === 'too_small') out[field] = t('form.required');
        else if (issue.code === 'too_big') out[field] = t('form.tooLong', { max: Number(issue.maximum) });
        else if (field === 'date') out[field] = v.date.trim() ? t('form.invalidDate') : t('form.required');
        else out[field] = issue.message;
      }
    }
    if (!out.date && !isRealDate(v.date)) out.date = t('form.invalidDate');
    return out;
  }

  function update(field: Field, value: string) {
    setValues((prev) => ({ ...prev, [field]: value }));
    // Clear a field's message as soon as it is edited; re-validated on submit.
    if (errors[field]) setErrors((prev) => ({ ...prev, [field]: undefined }));
  }

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (saving) return;
    const found = validate(values);
    setErrors(found);
    if (Object.values(found).some(Boolean)) {
      setFormError({ text: t('form.fixErrors') });
      const first = (['declarationNo', 'port', 'date', 'notes'] as Field[]).find((f) => found[f]);
      if (first) document.getElementById(`${uid}-${first}`)?.focus();
      return;
    }
    setFormError(null);
    setSaving(true);
    try {
      await onSubmit({ ...values, declarationNo: values.declarationNo.trim(), port: values.port.trim() });
    } catch (err) {
      setFormError(describeError(i18n, toUiError(err)));
    } finally {
      setSaving(false);
    }
  }

  const field = (name: Field, label: string, input: (props: { id: string; 'aria-invalid': boolean; 'aria-describedby'?: string }) => ReactElement) => {
    const id = `${uid}-${name}`;
    const err = errors[name];
    return (
      <div className={`field${err ? ' field-invalid' : ''}`}>
        <label htmlFor={id}>{label}</label>
        {input({ id, 'aria-invalid': Boolean(err), ...(err ? { 'aria-describedby': `${id}-err` } : {}) })}
        {err && (
          <div className="field-error" id={`${id}-err`} data-testid={`case-form-error-${name}`}>
            {err}
          </div>
        )}
      </div>
    );
  };

  return (
    <form
      className="case-form"
      onSubmit={submit}
      noValidate
      data-testid={testId}
      aria-label={title}
      onKeyDown={(e) => {
        if (e.key === 'Escape' && !saving) {
          e.stopPropagation();
          onCancel();
        }
      }}
    >
      <h2 className="form-title">{title}</h2>
      {formError && (
        <div className="form-error" role="alert" data-testid="case-form-error">
          <div>{formError.text}</div>
          {formError.detail && <div className="form-error-detail">{formError.detail}</div>}
        </div>
      )}
      <div className="form-grid">
        {field('declarationNo', t('form.declarationNo'), (p) => (
          <input
            {...p}
            type="text"
            autoFocus
            autoComplete="off"
            spellCheck={false}
            maxLength={64}
            placeholder={t('form.declarationNoHint')}
            value={values.declarationNo}
            onChange={(e) => update('declarationNo', e.target.value)}
            data-testid="case-form-declarationNo"
          />
        ))}
        {field('port', t('form.port'), (p) => (
          <input
            {...p}
            type="text"
            autoComplete="off"
            maxLength={80}
            placeholder={t('form.portHint')}
            value={values.port}
            onChange={(e) => update('port', e.target.value)}
            data-testid="case-form-port"
          />
        ))}
        {field('date', t('form.date'), (p) => (
          <input
            {...p}
            type="text"
            inputMode="numeric"
            autoComplete="off"
            placeholder="YYYY-MM-DD"
            maxLength={10}
            value={values.date}
            onChange={(e) => update('date', e.target.value)}
            data-testid="case-form-date"
          />
        ))}
        {field('notes', t('form.notes'), (p) => (
          <textarea
            {...p}
            rows={3}
            placeholder={t('form.notesHint')}
            value={values.notes}
            onChange={(e) => update('notes', e.target.value)}
            data-testid="case-form-notes"
          />
        ))}
      </div>
      <div className="form-actions">
        <button type="submit" className="button button-primary" disabled={saving} data-testid="case-form-submit">
          {saving ? t('form.saving') : submitLabel}
        </button>
        <button type="button" className="button" onClick={onCancel} data-testid="case-form-cancel">
          {t('form.cancel')}
        </button>
      </div>
    </form>
  );
}
