/**
 * The selected mark in the authentication panel: its facts and edits (kind, redraw, remove, add to
 * the library), identification against the library (1:N), verification against one owner (1:1)
 * with the result and earlier ones, the comparison view, and the examiner's verdict with history.
 */
import { useCallback, useEffect, useId, useState } from 'react';
import { MARK_KINDS, type Evidence, type Mark, type MarkKind, type Verification } from '../../../../contract/api.ts';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { useOwners } from '../../state/useLibrary.ts';
import { useMarkImages } from '../../state/useMarks.ts';
import { useVerification } from '../../state/useVerification.ts';
import { Icon } from '../Icon.tsx';
import { useToasts } from '../Toasts.tsx';
import { BandChip, formatScore, InkSwatch, outcomeKey, pct } from './common.tsx';
import { CompareView, type CompareMode } from './CompareView.tsx';
import { DecisionForm, DecisionHistory } from './DecisionForm.tsx';
import { OwnerPicker } from './OwnerPicker.tsx';
import { VerificationResult } from './VerificationResult.tsx';

interface Props {
  mark: Mark;
  number: number;
  fileName: string;
  /** The mark changed on the desk (verification, verdict): the list should be read again. */
  onChanged(): void;
  onKind(kind: MarkKind): void;
  onRedraw(): void;
  onRemove(): void;
  busy: boolean;
}

const AUTO = '';

export function MarkDetail({ mark, number, fileName, onChanged, onKind, onRedraw, onRemove, busy }: Props) {
  const i18n = useI18n();
  const { t } = i18n;
  const toasts = useToasts();
  const vs = useVerification(mark.id, toasts.notifyError, onChanged);
  const owners = useOwners({ kind: mark.kind, search: '', includeRetired: false }, toasts.notifyError);
  const images = useMarkImages(mark);
  const [ownerChoice, setOwnerChoice] = useState(AUTO);
  const [note, setNote] = useState('');
  const [compare, setCompare] = useState<{ v: Verification & { evidence: Evidence }; mode: CompareMode } | null>(null);
  const [adding, setAdding] = useState(false);
  const [confirmRemove, setConfirmRemove] = useState(false);
  const ownerSelectId = useId();
  const markLabel = t('auth.mark.label', { number, kind: t(`auth.kind.${mark.kind}`) });

  const decide = useCallback(
    async (input: { verdict: 'consistent' | 'inconclusive' | 'inconsistent'; note: string; examiner: string }) => {
      const d = await vs.decide({ ...input, verificationId: vs.selected?.id ?? null });
      if (d) toasts.notify('success', t('auth.decide.recorded', { verdict: t(`auth.verdict.${d.verdict}`) }));
      return Boolean(d);
    },
    [vs, toasts, t],
  );

  const openCompare = (v: Verification) => {
    if (v.evidence) setCompare({ v: v as Verification & { evidence: Evidence }, mode: 'side' });
  };

  // Every verdict on record; until the history is read, the standing one the mark carries.
  const history = vs.decisions ?? (mark.decision ? [mark.decision] : []);
  // A verdict recorded elsewhere (the mark list was read again) brings the history up to date.
  const standing = mark.decision?.hash;
  const { decisions, refreshDecisions } = vs;
  useEffect(() => {
    if (standing && decisions && !decisions.some((d) => d.hash === standing)) refreshDecisions();
  }, [standing]);

  return (
    <section className="mark-detail" aria-label={markLabel} data-testid="mark-detail" data-mark-id={mark.id}>
      <header className="mark-detail-head">
        <span className="mark-detail-crop">{images ? <img src={images.crop} alt={markLabel} data-testid="mark-detail-crop" /> : <span className="spinner" />}</span>
        <div className="mark-detail-facts">
          <h3 className="mark-detail-title">{markLabel}</h3>
          <div className="mark-detail-line">
            <InkSwatch colour={mark.colour} />
            <span className="muted small">{t('auth.mark.confidence', { percent: pct(mark.confidence) })}</span>
            <span className="muted small">{t(mark.origin === 'examiner' ? 'auth.mark.byExaminer' : 'auth.mark.detected')}</span>
          </div>
          {mark.note && <p className="muted small mark-note">{mark.note}</p>}
          <div className="mark-detail-actions">
            <div className="segmented" role="radiogroup" aria-label={t('auth.mark.kind')}>
              {MARK_KINDS.map((k) => (
                <button
                  key={k}
                  type="button"
                  role="radio"
                  aria-checked={mark.kind === k}
                  className={mark.kind === k ? 'active' : ''}
                  disabled={busy}
                  onClick={() => mark.kind !== k && onKind(k)}
                  data-testid={`mark-kind-${k}`}
                >
                  {t(`auth.kind.${k}`)}
                </button>
              ))}
            </div>
            <button type="button" className="button button-small" onClick={onRedraw} disabled={busy} title={t('auth.mark.redrawHint')} data-testid="mark-redraw">
              <Icon name="edit" size={13} /> {t('auth.mark.redraw')}
            </button>
            <button type="button" className="button button-small" onClick={() => setAdding(true)} data-testid="mark-add-to-library">
              <Icon name="plus" size={13} /> {t('auth.mark.addToLibrary')}
            </button>
            {confirmRemove ? (
              <span className="confirm-inline" role="group" aria-label={t('auth.mark.removeConfirm')}>
                <span className="small">{t('auth.mark.removeConfirm')}</span>
                <button type="button" className="button button-small button-danger" onClick={onRemove} disabled={busy} data-testid="mark-remove-confirm">
                  {t('auth.mark.remove')}
                </button>
                <button type="button" className="button button-small" onClick={() => setConfirmRemove(false)}>
                  {t('form.cancel')}
                </button>
              </span>
            ) : (
              <button type="button" className="button button-small" onClick={() => setConfirmRemove(true)} disabled={busy} data-testid="mark-remove">
                {t('auth.mark.remove')}
              </button>
            )}
          </div>
        </div>
      </header>

      <div className="auth-section">
        <h4 className="auth-section-title">{t('auth.verify.title')}</h4>
        <div className="verify-row">
          <label htmlFor={ownerSelectId} className="visually-hidden">
            {t('auth.verify.owner')}
          </label>
          <select
            id={ownerSelectId}
            className="select verify-owner"
            value={ownerChoice}
            onChange={(e) => setOwnerChoice(e.target.value)}
            data-testid="verify-owner"
            title={t('auth.verify.owner')}
          >
            <option value={AUTO}>{t('auth.verify.auto')}</option>
            {owners.owners.map((o) => (
              <option key={o.id} value={o.id}>
                {o.label}
              </option>
            ))}
          </select>
          <button
            type="button"
            className="button button-small button-primary"
            disabled={vs.verifying}
            onClick={() => void vs.verify(ownerChoice || undefined)}
            data-testid="verify-button"
          >
            {vs.verifying ? <span className="spinner" aria-hidden="true" /> : null}
            {vs.verifying ? t('auth.verify.running') : t('auth.verify.run')}
          </button>
          <button type="button" className="button button-small" disabled={vs.identifying} onClick={() => void vs.identify()} data-testid="identify-button">
            {vs.identifying ? <span className="spinner" aria-hidden="true" /> : <Icon name="search" size={13} />}
            {t('auth.identify.run')}
          </button>
        </div>

        {vs.identified && (
          <div className="identify" data-testid="identify-result">
            <p className="muted small">
              {t('auth.identify.summary', { count: vs.identified.librarySize, ms: Math.round(vs.identified.elapsedMs) })}
            </p>
            {vs.identified.candidates.length === 0 ? (
              <p className="muted small">{t('auth.identify.none')}</p>
            ) : (
              <ol className="identify-list">
                {vs.identified.candidates.map((c, i) => (
                  <li key={`${c.ownerId}-${c.specimenId}`} className="identify-item" data-testid="identify-candidate" data-owner-id={c.ownerId}>
                    <span className="identify-rank">{i + 1}</span>
                    <span className="identify-label">{c.ownerLabel}</span>
                    <span className="identify-sim mono small" title={t('auth.identify.similarityHint')}>
                      {(c.exact ?? c.coarse).toFixed(2)}
                      {c.exact === null && <span className="muted"> {t('auth.identify.coarse')}</span>}
                    </span>
                    <button
                      type="button"
                      className="button button-small"
                      disabled={vs.verifying}
                      onClick={() => {
                        setOwnerChoice(c.ownerId);
                        void vs.verify(c.ownerId);
                      }}
                      data-testid="identify-verify"
                    >
                      {t('auth.identify.verify')}
                    </button>
                  </li>
                ))}
              </ol>
            )}
          </div>
        )}

        {vs.selected ? (
          <VerificationResult v={vs.selected} onCompare={() => openCompare(vs.selected!)} />
        ) : (
          vs.loaded && <p className="muted small" data-testid="verification-none">{t('auth.verify.none')}</p>
        )}

        {vs.verifications.length > 1 && (
          <details className="verify-history">
            <summary>{t('auth.verify.earlier', { count: vs.verifications.length })}</summary>
            <ul>
              {vs.verifications.map((v) => (
                <li key={v.id}>
                  <button
                    type="button"
                    className={`link-button${vs.selected?.id === v.id ? ' current' : ''}`}
                    onClick={() => vs.select(v.id)}
                    data-testid="verification-history-item"
                  >
                    {i18n.dateTime(v.createdAt)} · {v.ownerLabel || t('auth.result.noOwner')} ·{' '}
                    {v.score !== null ? `${formatScore(v.score)}%` : t(outcomeKey(v.outcome))}
                  </button>
                  {v.band && <BandChip band={v.band} testId="verification-history-band" />}
                </li>
              ))}
            </ul>
          </details>
        )}
      </div>

      <div className="auth-section">
        <h4 className="auth-section-title">{t('auth.decide.title')}</h4>
        <DecisionHistory decisions={history} />
        <DecisionForm note={note} onNote={setNote} busy={vs.deciding} suggested={vs.selected?.band ?? null} onDecide={decide} />
      </div>

      {compare && (
        <CompareView
          verification={compare.v}
          markLabel={markLabel}
          initialMode={compare.mode}
          onClose={() => setCompare(null)}
          note={note}
          onNote={setNote}
          deciding={vs.deciding}
          onDecide={decide}
        />
      )}

      {adding && (
        <OwnerPicker
          kind={mark.kind}
          title={t('auth.mark.addToLibraryTitle', { mark: markLabel })}
          preview={images?.crop ?? null}
          defaultSource={t('auth.mark.defaultSource', { fileName, page: mark.pageIndex + 1 })}
          from={{ markId: mark.id }}
          onCancel={() => setAdding(false)}
          onAdded={() => setAdding(false)}
        />
      )}
    </section>
  );
}
