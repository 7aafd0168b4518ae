/** The open case's fields, read-only until "Edit" swaps in the same form used to create cases. */
import { useState, type ReactNode } from 'react';
import type { Case } from '../../../contract/api.ts';
import { useI18n } from '../i18n/I18nProvider.tsx';
import { call } from '../state/desk.ts';
import { CaseForm } from './CaseForm.tsx';
import { Icon } from './Icon.tsx';
import { useToasts } from './Toasts.tsx';

export function CaseHeader({ value, onSaved, actions }: { value: Case; onSaved(c: Case): void; actions?: ReactNode }) {
  const i18n = useI18n();
  const { t } = i18n;
  const toasts = useToasts();
  const [editing, setEditing] = useState(false);

  if (editing) {
    return (
      <div className="case-header case-header-editing">
        <CaseForm
          testId="edit-case-form"
          title={t('form.editTitle')}
          submitLabel={t('form.save')}
          initial={{ declarationNo: value.declarationNo, port: value.port, date: value.date, notes: value.notes }}
          onCancel={() => setEditing(false)}
          onSubmit={async (values) => {
            const saved = await call('cases.update', { id: value.id, ...values });
            setEditing(false);
            onSaved(saved);
            toasts.notify('success', t('notice.caseSaved'));
          }}
        />
      </div>
    );
  }

  return (
    <div className="case-header" data-testid="case-header">
      <div className="case-header-main">
        <h1 className="case-title" data-testid="case-title">
          <span className="case-title-label">{t('caseView.declarationNo')}</span>
          <span className="mono">{value.declarationNo}</span>
        </h1>
        <dl className="case-fields">
          <div>
            <dt>{t('caseView.port')}</dt>
            <dd data-testid="case-port">{value.port}</dd>
          </div>
          <div>
            <dt>{t('caseView.date')}</dt>
            <dd className="mono" data-testid="case-date">
              {value.date}
            </dd>
          </div>
          <div className="case-notes">
            <dt>{t('caseView.notes')}</dt>
            <dd className={value.notes ? '' : 'muted'}>{value.notes || t('caseView.notesEmpty')}</dd>
          </div>
        </dl>
      </div>
      <div className="case-header-side">
        <div className="case-header-actions">
          {actions}
          <button type="button" className="button button-small" onClick={() => setEditing(true)} data-testid="edit-case-button">
            <Icon name="edit" size={14} /> {t('caseView.edit')}
          </button>
        </div>
        <span className="muted small">{t('caseView.updated', { time: i18n.dateTime(value.updatedAt) })}</span>
      </div>
    </div>
  );
}
