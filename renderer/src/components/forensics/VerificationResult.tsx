/**
 * One 1:1 verification as the examiner reads it: the calibrated score as a large number with its
 * band, or — when the desk gave no score — why, in plain words; a pixel-copy warning; the reasons;
 * quality issues of either side; the measures with their pull on the score; the alignment found.
 */
import type { Verification } from '../../../../contract/api.ts';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { qualityIssueMessage, reasonMessage } from '../../i18n/desk-messages.ts';
import { Icon } from '../Icon.tsx';
import { AlignmentFact, BandChip, formatMeasure, formatScore, measureLabel, outcomeKey } from './common.tsx';

export function VerificationResult({ v, onCompare }: { v: Verification; onCompare?(): void }) {
  const i18n = useI18n();
  const { t } = i18n;
  const scored = v.outcome === 'scored' && v.score !== null;
  // Every measure, and every term of the score (some are derived from measures, e.g. hinges).
  const measures = [...new Set([...Object.keys(v.contributions), ...Object.keys(v.measures)])]
    .map((key) => [key, v.measures[key]] as const)
    .sort(([a], [b]) => Math.abs(v.contributions[b] ?? 0) - Math.abs(v.contributions[a] ?? 0));
  const maxContribution = Math.max(0.0001, ...Object.values(v.contributions).map((c) => Math.abs(c)));
  const issues = v.quality ? [...v.quality.query.issues.map((i) => ({ side: 'query' as const, issue: i })), ...v.quality.specimen.issues.map((i) => ({ side: 'specimen' as const, issue: i }))] : [];

  return (
    <section className="vr" aria-label={t('auth.result.title')} data-testid="verification-result" data-verification-id={v.id} data-owner-id={v.ownerId ?? undefined} data-outcome={v.outcome}>
      <div className="vr-head">
        <div className="vr-against">
          <span className="muted small">{t('auth.result.against')}</span>
          <span className="vr-owner" data-testid="verification-owner">
            {v.ownerLabel || t('auth.result.noOwner')}
          </span>
        </div>
        {v.evidence && onCompare && (
          <button type="button" className="button button-small button-primary" onClick={onCompare} data-testid="open-compare">
            {t('auth.compare.open')}
          </button>
        )}
      </div>

      {scored ? (
        <div className={`vr-score band-${v.band ?? 'inconclusive'}`} data-testid="verification-scored">
          <span className="vr-score-number" aria-label={t('auth.result.scoreLabel', { score: formatScore(v.score!) })}>
            <span data-testid="verification-score">{formatScore(v.score!)}</span>
            <span className="vr-score-unit">%</span>
          </span>
          <div className="vr-score-side">
            {v.band && <BandChip band={v.band} large testId="verification-band" />}
            <span className="muted small">{t('auth.result.scoreHint')}</span>
          </div>
        </div>
      ) : (
        <div className="vr-noscore" role="status" data-testid="verification-outcome" data-outcome={v.outcome}>
          <Icon name="info" size={16} />
          <span>{t(outcomeKey(v.outcome))}</span>
        </div>
      )}

      {v.duplicateOf && (
        <div className="vr-duplicate" role="alert" data-testid="verification-duplicate">
          <Icon name="alert" size={16} />
          <span>{t('auth.result.duplicateOf', { fileName: v.duplicateOf.fileName })}</span>
        </div>
      )}

      {v.reasons.length > 0 && (
        <div className="vr-block">
          <h4 className="vr-block-title">{t('auth.result.reasons')}</h4>
          <ul className="vr-reasons" data-testid="verification-reasons">
            {v.reasons.map((r, i) => (
              <li key={i} title={i18n.lang === 'en' ? undefined : r.text}>
                {reasonMessage(i18n.lang, r)}
              </li>
            ))}
          </ul>
        </div>
      )}

      {issues.length > 0 && (
        <div className="vr-block">
          <h4 className="vr-block-title">{t('auth.result.quality')}</h4>
          <ul className="vr-issues" data-testid="verification-quality">
            {issues.map(({ side, issue }, i) => (
              <li key={i} data-code={issue.code} title={i18n.lang === 'en' ? undefined : issue.text}>
                <span className="chip">{t(`auth.result.side.${side}`)}</span> {qualityIssueMessage(i18n.lang, issue)}
              </li>
            ))}
          </ul>
        </div>
      )}

      {measures.length > 0 && (
        <details className="vr-block vr-measures" open={scored}>
          <summary className="vr-block-title">{t('auth.result.measures')}</summary>
          <table className="rv-table vr-table" data-testid="verification-measures">
            <thead>
              <tr>
                <th scope="col">{t('auth.result.measure')}</th>
                <th scope="col" className="num">
                  {t('auth.result.value')}
                </th>
                <th scope="col">{t('auth.result.contribution')}</th>
              </tr>
            </thead>
            <tbody>
              {measures.map(([key, value]) => {
                const c = v.contributions[key];
                return (
                  <tr key={key} data-measure={key}>
                    <td title={key}>{measureLabel(t, key)}</td>
                    <td className="num mono">{value === undefined ? <span className="muted">—</span> : formatMeasure(value)}</td>
                    <td>
                      {c === undefined ? (
                        <span className="muted">—</span>
                      ) : (
                        <span className="vr-contrib" title={c.toFixed(3)}>
                          <span className="vr-contrib-track">
                            <span
                              className={`vr-contrib-fill ${c < 0 ? 'neg' : 'pos'}`}
                              style={c < 0 ? { right: '50%', width: `${(50 * Math.abs(c)) / maxContribution}%` } : { left: '50%', width: `${(50 * Math.abs(c)) / maxContribution}%` }}
                            />
                          </span>
                          <span className="mono small">{c > 0 ? '+' : ''}{c.toFixed(2)}</span>
                        </span>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
          <p className="muted small">{t('auth.result.contributionHint')}</p>
        </details>
      )}

      <dl className="vr-meta">
        {v.alignment && <AlignmentFact alignment={v.alignment} />}
        <div>
          <dt>{t('auth.result.specimens')}</dt>
          <dd>{v.specimenIds.length}</dd>
        </div>
        <div>
          <dt>{t('auth.result.when')}</dt>
          <dd>
            {i18n.dateTime(v.createdAt)} · {t('auth.result.elapsed', { ms: Math.round(v.elapsedMs) })} · {t('auth.result.calibration', { version: v.calibrationVersion })}
          </dd>
        </div>
      </dl>
    </section>
  );
}
