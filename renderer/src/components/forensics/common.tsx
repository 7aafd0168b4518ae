/** Small shared pieces of the authentication UI: verdict band chip, ink swatch, score and outcome wording, library inputs. */
import { useId } from 'react';
import type { Mark, VerdictBand, Verification } from '../../../../contract/api.ts';
import type { MessageKey } from '../../i18n/en.ts';
import { useI18n } from '../../i18n/I18nProvider.tsx';

export type Outcome = Verification['outcome'];
export type InkName = Mark['colour']['name'];

export function BandChip({ band, testId = 'band-chip', large }: { band: VerdictBand; testId?: string; large?: boolean }) {
  const { t } = useI18n();
  return (
    <span className={`band-chip band-${band}${large ? ' band-chip-large' : ''}`} data-testid={testId} data-band={band}>
      {t(`auth.band.${band}`)}
    </span>
  );
}

export function VerdictChip({ verdict, testId = 'verdict-chip' }: { verdict: VerdictBand; testId?: string }) {
  const { t } = useI18n();
  return (
    <span className={`verdict-chip band-${verdict}`} data-testid={testId} data-verdict={verdict}>
      {t(`auth.verdict.${verdict}`)}
    </span>
  );
}

export function InkSwatch({ colour }: { colour: Mark['colour'] }) {
  const { t } = useI18n();
  const [r, g, b] = colour.rgb;
  return (
    <span className="ink" data-testid="mark-ink" data-ink={colour.name}>
      <span className="ink-swatch" style={{ background: `rgb(${r}, ${g}, ${b})` }} aria-hidden="true" />
      {t(`auth.ink.${colour.name}`)}
    </span>
  );
}

/** Plain-language reason why a verification has no score. */
export function outcomeKey(outcome: Outcome): MessageKey {
  return `auth.outcome.${outcome}`;
}

export function formatScore(score: number): string {
  return String(Math.round(score));
}

/** Confidence 0..1 as a whole percentage. */
export function pct(v: number): number {
  return Math.round(v * 100);
}

/** A measure's name for people; unknown measures keep their key. */
const MEASURE_KEYS = new Set([
  'corr',
  'fscore',
  'chamferQS',
  'chamferSQ',
  'extraInk',
  'missingInk',
  'worstSector',
  'worstSectorAt',
  'radialDiff',
  'sizeLog',
  'colourDiff',
  'halftone',
  'halftoneDelta',
  'cvLog',
  'poolingDelta',
  'specks',
  'duplicate',
  'queryRadiusPx',
  'queryMm',
  'specimenMm',
  'hogDist',
  'aspectLog',
  'widthLog',
  'roughnessDelta',
  'endingsDelta',
  'piecesLog',
  'scaleLog',
  'sizeHinge',
  'colourHinge',
  'dupHinge',
]);

export function measureLabel(t: (key: MessageKey) => string, key: string): string {
  return MEASURE_KEYS.has(key) ? t(`auth.measure.${key}` as MessageKey) : key;
}

export function formatMeasure(v: number): string {
  if (!Number.isFinite(v)) return String(v);
  const a = Math.abs(v);
  if (a !== 0 && (a < 0.001 || a >= 10000)) return v.toExponential(2);
  return a >= 100 ? v.toFixed(0) : a >= 10 ? v.toFixed(1) : v.toFixed(3);
}

/** The owner search box of the library and the owner picker (its label is for screen readers). */
export function OwnerSearch({ value, onChange, type, testId }: { value: string; onChange(value: string): void; type?: 'search'; testId: string }) {
  const { t } = useI18n();
  const id = useId();
  return (
    <>
      <label htmlFor={id} className="visually-hidden">
        {t('library.search')}
      </label>
      <input id={id} className="input" type={type} value={value} placeholder={t('library.searchPlaceholder')} onChange={(e) => onChange(e.target.value)} data-testid={testId} />
    </>
  );
}

/** A specimen's source note (where the reference impression came from), labelled. */
export function SourceInput({
  value,
  onChange,
  className,
  hiddenLabel,
  testId,
}: {
  value: string;
  onChange(value: string): void;
  className?: string;
  /** The label is for screen readers only (a compact form). */
  hiddenLabel?: boolean;
  testId: string;
}) {
  const { t } = useI18n();
  const id = useId();
  return (
    <>
      <label htmlFor={id} className={hiddenLabel ? 'visually-hidden' : undefined}>
        {t('library.specimen.source')}
      </label>
      <input
        id={id}
        className={className ? `input ${className}` : 'input'}
        value={value}
        maxLength={500}
        placeholder={t('library.specimen.sourceHint')}
        onChange={(e) => onChange(e.target.value)}
        data-testid={testId}
      />
    </>
  );
}

/** How the questioned mark was aligned to the specimen, as a row of a facts list (`<dl>`). */
export function AlignmentFact({ alignment: a }: { alignment: NonNullable<Verification['alignment']> }) {
  const { t } = useI18n();
  return (
    <div>
      <dt>{t('auth.result.alignment')}</dt>
      <dd className="mono">
        {t('auth.result.alignmentValue', { rotation: a.rotationDeg.toFixed(1), scale: a.scale.toFixed(3), correlation: a.correlation.toFixed(2) })}
      </dd>
    </div>
  );
}
