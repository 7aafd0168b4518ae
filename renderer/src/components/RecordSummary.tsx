/**
 * What extraction made of a document, inside its row in the case view: the form recognised, how
 * many fields need the officer, the fields themselves at a glance (each opens the review at that
 * field) and the "Review" button.
 */
import { useMemo } from 'react';
import type { RecordView } from '../../../contract/api.ts';
import type { FieldKey } from '../../../contract/fields.ts';
import { useI18n } from '../i18n/I18nProvider.tsx';
import { formFieldKeys, needsReview, reviewCounts, reviewFields } from '../state/review.ts';
import { Icon } from './Icon.tsx';

interface Props {
  view: RecordView;
  fileName: string;
  onReview(fieldKey?: FieldKey): void;
}

export function RecordSummary({ view, fileName, onReview }: Props) {
  const { t, tn } = useI18n();
  const record = view.record;
  const fields = useMemo(() => (record ? reviewFields(record) : []), [record]);
  const counts = useMemo(() => reviewCounts(fields), [fields]);
  if (!record) return null;
  // A known form lists every field it should carry, found or not; for anything else only what was
  // found is worth a glance (the review screen still lists all).
  const knownForm = formFieldKeys(record.form).length > 0;
  const shown = knownForm ? fields : fields.filter((f) => f.status !== 'missing');
  const notFound = fields.length - shown.length;

  return (
    <div className="doc-record" data-testid="document-record" data-form={record.form}>
      <div className="doc-record-head">
        <span className="form-chip" data-testid="record-form">
          {t(`formType.${record.form}`)}
        </span>
        <span className="muted small" title={t('review.formConfidence', { percent: Math.round(record.formConfidence * 100) })}>
          {t('record.recognised', { percent: Math.round(record.formConfidence * 100) })}
        </span>
        {!knownForm && shown.length === 0 ? (
          <span className="review-pill review-pill-none" data-testid="record-review-count">
            {t('record.nothingFound')}
          </span>
        ) : counts.review > 0 ? (
          <span className="review-pill review-pill-warn" data-testid="record-review-count">
            {tn('record.needsReview', counts.review)}
          </span>
        ) : (
          <span className="review-pill review-pill-ok" data-testid="record-review-count">
            {t('record.allChecked')}
          </span>
        )}
        {counts.corrected > 0 && <span className="muted small">{tn('record.corrected', counts.corrected)}</span>}
        <button
          type="button"
          className="button button-small button-primary doc-review-button"
          onClick={() => onReview()}
          title={t('record.reviewTitle', { fileName })}
          data-testid="document-review"
        >
          <Icon name="edit" size={13} /> {t('record.review')}
        </button>
      </div>
      {shown.length > 0 && (
        <ul className="record-grid" data-testid="record-fields">
          {shown.map((f) => (
            <li key={f.key}>
              <button
                type="button"
                className={`record-cell record-${f.status}${needsReview(f) ? ' record-needs-review' : ''}`}
                onClick={() => onReview(f.key)}
                title={`${t(`field.${f.key}`)} — ${t(`fieldStatus.${f.status}`)}${f.note ? `: ${f.note}` : ''}`}
                data-testid="record-field"
                data-field-key={f.key}
                data-status={f.status}
              >
                <span className="record-label">{t(`field.${f.key}`)}</span>
                <span className={`record-value${f.value === null ? ' muted' : ''}`}>{f.value ?? '—'}</span>
              </button>
            </li>
          ))}
          {notFound > 0 && (
            <li>
              <button type="button" className="record-cell record-more" onClick={() => onReview()} data-testid="record-not-found">
                <span className="record-label">{tn('record.notFound', notFound)}</span>
              </button>
            </li>
          )}
        </ul>
      )}
    </div>
  );
}
