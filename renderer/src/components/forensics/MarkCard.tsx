/** One stamp or signature in the authentication panel's list: crop, kind, ink, confidence, latest score and verdict. */
import type { Mark } from '../../../../contract/api.ts';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { useMarkImages } from '../../state/useMarks.ts';
import { BandChip, formatScore, InkSwatch, pct, VerdictChip } from './common.tsx';

interface Props {
  mark: Mark;
  number: number;
  selected: boolean;
  onSelect(): void;
  id: string;
}

export function MarkCard({ mark, number, selected, onSelect, id }: Props) {
  const { t } = useI18n();
  const images = useMarkImages(mark);
  const latest = mark.latest;
  return (
    <li
      id={id}
      role="option"
      aria-selected={selected}
      className={`mark-card${selected ? ' selected' : ''}`}
      onClick={onSelect}
      data-testid="mark-card"
      data-mark-id={mark.id}
      data-kind={mark.kind}
      data-ink={mark.colour.name}
      aria-label={t('auth.mark.label', { number, kind: t(`auth.kind.${mark.kind}`) })}
    >
      <span className="mark-crop">
        {images ? <img src={images.crop} alt="" data-testid="mark-crop" /> : <span className="spinner" aria-hidden="true" />}
      </span>
      <span className="mark-card-body">
        <span className="mark-card-title">
          <span className="mark-number">{number}</span>
          <span className={`mark-kind mark-kind-${mark.kind}`} data-testid="mark-kind">
            {t(`auth.kind.${mark.kind}`)}
          </span>
          <InkSwatch colour={mark.colour} />
        </span>
        <span className="mark-card-meta muted small">
          {t('auth.mark.page', { page: mark.pageIndex + 1 })} · {t('auth.mark.confidence', { percent: pct(mark.confidence) })}
          {mark.origin === 'examiner' && ` · ${t('auth.mark.byExaminer')}`}
        </span>
        <span className="mark-card-status">
          {latest ? (
            latest.score !== null && latest.band ? (
              <span className="mark-latest" data-testid="mark-latest">
                <span className="mark-latest-score mono">{formatScore(latest.score)}%</span>
                <BandChip band={latest.band} testId="mark-latest-band" />
              </span>
            ) : (
              <span className="muted small" data-testid="mark-latest">
                {t('auth.mark.noScore')}
              </span>
            )
          ) : (
            <span className="muted small">{t('auth.mark.notVerified')}</span>
          )}
          {latest?.duplicate && (
            <span className="chip chip-danger" data-testid="mark-duplicate">
              {t('auth.mark.duplicate')}
            </span>
          )}
          {mark.decision && <VerdictChip verdict={mark.decision.verdict} testId="mark-card-decision" />}
        </span>
      </span>
    </li>
  );
}
