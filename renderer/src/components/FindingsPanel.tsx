/**
 * Cross-document findings of a case, compact: one line each with its severity, the finding in the
 * examiner's language (from its code and values; the desk's English sentence for a code the
 * dictionaries lack) and the fields concerned, and links that open the documents concerned in
 * review at that field.
 */
import type { DocumentWithPages } from '../../../contract/api.ts';
import type { FieldKey } from '../../../contract/fields.ts';
import { findingMessage } from '../i18n/desk-messages.ts';
import { useI18n } from '../i18n/I18nProvider.tsx';
import { isFieldKey, type Finding, type FindingSeverity } from '../state/review.ts';
import { Icon, type IconName } from './Icon.tsx';

const ICONS: Record<FindingSeverity, IconName> = { error: 'error', warning: 'alert', info: 'info' };

interface Props {
  findings: Finding[];
  documents: DocumentWithPages[];
  onReview(documentId: string, fieldKey?: FieldKey): void;
}

export function FindingsPanel({ findings, documents, onReview }: Props) {
  const { t, tn, lang } = useI18n();
  const count = (s: FindingSeverity) => findings.filter((f) => f.severity === s).length;
  const names = new Map(documents.map((d) => [d.id, d.fileName]));

  return (
    <section className="findings" aria-labelledby="findings-title" data-testid="findings">
      <div className="findings-head">
        <h2 className="section-title" id="findings-title">
          {t('findings.title')} <span className="count-pill">{findings.length}</span>
        </h2>
        {findings.length > 0 && (
          <span className="findings-summary">
            {(['error', 'warning', 'info'] as const).map(
              (s) =>
                count(s) > 0 && (
                  <span key={s} className={`finding-count finding-${s}`}>
                    <Icon name={ICONS[s]} size={13} /> {tn(`findings.count.${s}`, count(s))}
                  </span>
                ),
            )}
          </span>
        )}
      </div>
      {findings.length === 0 ? (
        <p className="findings-none" data-testid="findings-none">
          <Icon name="info" size={14} /> {t('findings.none')}
        </p>
      ) : (
        <ul className="finding-list">
          {findings.map((f, i) => {
            const firstField = f.fields.find(isFieldKey);
            return (
              <li key={`${f.code}-${i}`} className={`finding finding-${f.severity}`} data-testid="finding" data-code={f.code} data-severity={f.severity}>
                <span className="finding-icon" title={t(`findings.severity.${f.severity}`)}>
                  <Icon name={ICONS[f.severity]} size={15} />
                  <span className="visually-hidden">{t(`findings.severity.${f.severity}`)}</span>
                </span>
                {/* The desk's English sentence stays at hand (reports and registers quote it). */}
                <span className="finding-message" title={lang === 'en' ? undefined : f.message} data-testid="finding-message">
                  {findingMessage(lang, f)}
                </span>
                {f.fields.length > 0 && (
                  <span className="finding-fields muted">{f.fields.map((k) => (isFieldKey(k) ? t(`field.${k}`) : k)).join(' · ')}</span>
                )}
                <span className="finding-links">
                  {(f.documentIds ?? [])
                    .filter((id) => names.has(id))
                    .map((id) => (
                      <button
                        key={id}
                        type="button"
                        className="link-button"
                        onClick={() => onReview(id, firstField)}
                        title={t('findings.open', { fileName: names.get(id) ?? '' })}
                        data-testid="finding-open"
                        data-document-id={id}
                      >
                        {names.get(id)}
                      </button>
                    ))}
                </span>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
