/**
 * Full-screen comparison of a questioned mark with the specimen a verification aligned it to.
 * Four modes over the desk's evidence images (all in the specimen's frame, `mmPerPx` each):
 * side by side (the two halves of `sideBySide`), overlay (specimen green, questioned magenta),
 * blink (the two halves alternating every 500 ms, pausable and flippable by hand) and difference
 * (heat map). Hovering any image shows a loupe at the same spot on every image shown; rulers in
 * millimetres run along the top and left edges. Keys: 1–4 modes, B blink, Space pause, T flip,
 * +/− loupe power, Esc close.
 */
import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react';
import type { Evidence, ExaminerVerdict, Verification } from '../../../../contract/api.ts';
import type { MessageKey } from '../../i18n/en.ts';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { qualityIssueMessage, reasonMessage } from '../../i18n/desk-messages.ts';
import { Icon } from '../Icon.tsx';
import { isButtonKey, isTyping, useDocumentKeys, useFocusWhileOpen } from '../keyboard.ts';
import { AlignmentFact, BandChip, formatScore, outcomeKey } from './common.tsx';
import { DecisionForm } from './DecisionForm.tsx';

export const COMPARE_MODES = ['side', 'overlay', 'blink', 'difference'] as const;
export type CompareMode = (typeof COMPARE_MODES)[number];

const RULER = 22;
const PANE_GAP = 18;
const BLINK_MS = 500;
const LOUPE = 168;

type Source = 'specimen' | 'questioned' | 'overlay' | 'heatmap';
interface Point {
  x: number;
  y: number;
}

interface Props {
  verification: Verification & { evidence: Evidence };
  markLabel: string;
  onClose(): void;
  note: string;
  onNote(note: string): void;
  deciding: boolean;
  onDecide(input: { verdict: ExaminerVerdict['verdict']; note: string; examiner: string }): Promise<boolean>;
  initialMode?: CompareMode;
}

export function CompareView({ verification: v, markLabel, onClose, note, onNote, deciding, onDecide, initialMode = 'side' }: Props) {
  const { t, lang } = useI18n();
  const ev = v.evidence;
  const [mode, setMode] = useState<CompareMode>(initialMode);
  const [playing, setPlaying] = useState(true);
  const [showQuestioned, setShowQuestioned] = useState(false);
  const [hover, setHover] = useState<Point | null>(null);
  const [power, setPower] = useState(3);
  const stageRef = useRef<HTMLDivElement>(null);
  const rootRef = useRef<HTMLDivElement>(null);
  const [stage, setStage] = useState({ width: 800, height: 600 });

  useLayoutEffect(() => {
    const el = stageRef.current;
    if (!el) return;
    const measure = () => setStage({ width: el.clientWidth, height: el.clientHeight });
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(el);
    return () => observer.disconnect();
  }, []);

  // Blink: the two halves alternate while playing.
  useEffect(() => {
    if (mode !== 'blink' || !playing) return;
    const timer = window.setInterval(() => setShowQuestioned((q) => !q), BLINK_MS);
    return () => window.clearInterval(timer);
  }, [mode, playing]);

  const flip = useCallback(() => {
    setPlaying(false);
    setShowQuestioned((q) => !q);
  }, []);

  useDocumentKeys((e) => {
    if (e.ctrlKey || e.metaKey || e.altKey) return;
    if (e.key === 'Escape') {
      e.preventDefault();
      onClose();
      return;
    }
    if (isTyping(e.target) || isButtonKey(e)) return;
    let handled = true;
    switch (e.key) {
      case '1':
      case '2':
      case '3':
      case '4':
        setMode(COMPARE_MODES[Number(e.key) - 1]!);
        break;
      case 'b':
      case 'B':
        if (mode !== 'blink') {
          setMode('blink');
          setPlaying(true);
        } else setPlaying((p) => !p);
        break;
      case ' ':
        if (mode === 'blink') setPlaying((p) => !p);
        else handled = false;
        break;
      case 't':
      case 'T':
      case 'ArrowLeft':
      case 'ArrowRight':
        if (mode === 'blink') flip();
        else handled = false;
        break;
      case '+':
      case '=':
        setPower((p) => Math.min(8, p + 1));
        break;
      case '-':
      case '_':
        setPower((p) => Math.max(2, p - 1));
        break;
      default:
        handled = false;
    }
    if (handled) e.preventDefault();
  });

  // Focus moves into the dialog and back on close.
  useFocusWhileOpen(() => rootRef.current?.querySelector<HTMLElement>('[data-testid="compare-mode-side"]'));

  // Scale: the frame fits the stage (two across for side by side), rulers included.
  const across = mode === 'side' ? 2 : 1;
  const labelRoom = 26;
  const availW = (stage.width - across * RULER - (across - 1) * PANE_GAP - 24) / across;
  const availH = stage.height - RULER - labelRoom - 24;
  const scale = Math.max(0.05, Math.min(availW / ev.frameWidth, availH / ev.frameHeight, 6));

  const panes: Source[] =
    mode === 'side' ? ['specimen', 'questioned'] : mode === 'overlay' ? ['overlay'] : mode === 'difference' ? ['heatmap'] : [showQuestioned ? 'questioned' : 'specimen'];

  const modeKey = (m: CompareMode): MessageKey => `auth.compare.mode.${m}`;
  const hoverMm = hover ? { x: (hover.x * ev.mmPerPx).toFixed(1), y: (hover.y * ev.mmPerPx).toFixed(1) } : null;

  return (
    <div
      ref={rootRef}
      className="compare"
      role="dialog"
      aria-modal="true"
      aria-label={t('auth.compare.title', { mark: markLabel, owner: v.ownerLabel })}
      data-testid="compare-view"
      data-mode={mode}
    >
      <div className="viewer-toolbar compare-toolbar">
        <div className="viewer-title">
          <span className="viewer-filename">{t('auth.compare.title', { mark: markLabel, owner: v.ownerLabel })}</span>
        </div>
        <div className="segmented compare-modes" role="group" aria-label={t('auth.compare.modes')}>
          {COMPARE_MODES.map((m, i) => (
            <button
              key={m}
              type="button"
              aria-pressed={mode === m}
              className={mode === m ? 'active' : ''}
              title={`${t(modeKey(m))} (${i + 1})`}
              onClick={() => {
                setMode(m);
                if (m === 'blink') setPlaying(true);
              }}
              data-testid={`compare-mode-${m}`}
            >
              <kbd>{i + 1}</kbd> {t(modeKey(m))}
            </button>
          ))}
        </div>
        {mode === 'blink' && (
          <div className="tool-group">
            <button
              type="button"
              className="tool-button tool-text"
              aria-pressed={playing}
              onClick={() => setPlaying((p) => !p)}
              title={`${playing ? t('auth.compare.pause') : t('auth.compare.play')} (Space)`}
              data-testid="compare-blink-play"
            >
              {playing ? t('auth.compare.pause') : t('auth.compare.play')}
            </button>
            <button type="button" className="tool-button tool-text" onClick={flip} title={`${t('auth.compare.flip')} (T)`} data-testid="compare-blink-flip">
              {t('auth.compare.flip')}
            </button>
          </div>
        )}
        <div className="tool-group compare-readout" aria-live="off">
          <span className="muted small" data-testid="compare-loupe-power">
            {t('auth.compare.loupe', { power })}
          </span>
          {hoverMm && <span className="mono small">{t('auth.compare.position', hoverMm)}</span>}
        </div>
        <div className="tool-group">
          <button type="button" className="tool-button" aria-label={t('auth.compare.close')} title={`${t('auth.compare.close')} (Esc)`} onClick={onClose} data-testid="compare-close">
            <Icon name="close" />
          </button>
        </div>
      </div>

      <div className="compare-body">
        <div ref={stageRef} className="compare-stage" data-testid="compare-stage">
          <div className="compare-panes">
            {panes.map((source) => (
              <Pane
                key={mode === 'blink' ? 'blink' : source}
                source={source}
                ev={ev}
                scale={scale}
                hover={hover}
                power={power}
                onHover={setHover}
                label={t(`auth.compare.source.${source}`)}
              />
            ))}
          </div>
          <p className="compare-legend muted small" data-testid="compare-legend">
            {mode === 'overlay'
              ? t('auth.compare.legend.overlay')
              : mode === 'difference'
                ? t('auth.compare.legend.difference')
                : mode === 'blink'
                  ? t('auth.compare.legend.blink')
                  : t('auth.compare.legend.side')}{' '}
            {t('auth.compare.legend.loupe')}
          </p>
        </div>

        <aside className="compare-side" aria-label={t('auth.compare.sidebar')}>
          <div className="compare-summary">
            {v.outcome === 'scored' && v.score !== null ? (
              <div className={`vr-score vr-score-small band-${v.band ?? 'inconclusive'}`}>
                <span className="vr-score-number">
                  <span data-testid="compare-score">{formatScore(v.score)}</span>
                  <span className="vr-score-unit">%</span>
                </span>
                {v.band && <BandChip band={v.band} testId="compare-band" />}
              </div>
            ) : (
              <p className="vr-noscore">{t(outcomeKey(v.outcome))}</p>
            )}
            {v.duplicateOf && (
              <p className="vr-duplicate" role="alert">
                {t('auth.result.duplicateOf', { fileName: v.duplicateOf.fileName })}
              </p>
            )}
            <dl className="vr-meta compare-facts">
              {v.measures.queryMm !== undefined && v.measures.specimenMm !== undefined && (
                <div>
                  <dt>{t('auth.compare.size')}</dt>
                  <dd className="mono" data-testid="compare-size">
                    {t('auth.compare.sizeValue', { query: v.measures.queryMm.toFixed(1), specimen: v.measures.specimenMm.toFixed(1) })}
                  </dd>
                </div>
              )}
              {v.alignment && <AlignmentFact alignment={v.alignment} />}
              <div>
                <dt>{t('auth.compare.scale')}</dt>
                <dd className="mono">{t('auth.compare.scaleValue', { mm: (ev.mmPerPx * 1000).toFixed(0) })}</dd>
              </div>
            </dl>
            {v.quality && [...v.quality.query.issues, ...v.quality.specimen.issues].length > 0 && (
              <ul className="vr-issues compare-reasons">
                {[...v.quality.query.issues, ...v.quality.specimen.issues].map((issue, i) => (
                  <li key={i} data-code={issue.code} title={lang === 'en' ? undefined : issue.text}>
                    {qualityIssueMessage(lang, issue)}
                  </li>
                ))}
              </ul>
            )}
            {v.reasons.length > 0 && (
              <ul className="vr-reasons compare-reasons">
                {v.reasons.slice(0, 6).map((r, i) => (
                  <li key={i} title={lang === 'en' ? undefined : r.text}>
                    {reasonMessage(lang, r)}
                  </li>
                ))}
              </ul>
            )}
          </div>
          <h3 className="compare-side-title">{t('auth.compare.notes')}</h3>
          <DecisionForm
            note={note}
            onNote={onNote}
            busy={deciding}
            suggested={v.band}
            onDecide={onDecide}
            compact
            testId="compare-decision-form"
          />
          <ul className="compare-keys muted small" aria-label={t('auth.compare.keys')}>
            <li>
              <kbd>1</kbd>–<kbd>4</kbd> {t('auth.compare.keyModes')}
            </li>
            <li>
              <kbd>B</kbd> {t('auth.compare.keyBlink')} · <kbd>Space</kbd> {t('auth.compare.pause')} · <kbd>T</kbd> {t('auth.compare.flip')}
            </li>
            <li>
              <kbd>+</kbd>/<kbd>−</kbd> {t('auth.compare.keyLoupe')} · <kbd>Esc</kbd> {t('auth.compare.close')}
            </li>
          </ul>
        </aside>
      </div>
    </div>
  );
}

/** Where a source sits in its PNG: the halves of side by side, or a whole image. */
function sourceOf(ev: Evidence, source: Source): { url: string; width: number; offset: number } {
  switch (source) {
    case 'specimen':
      return { url: ev.sideBySide, width: 2 * ev.frameWidth + ev.gap, offset: 0 };
    case 'questioned':
      return { url: ev.sideBySide, width: 2 * ev.frameWidth + ev.gap, offset: ev.frameWidth + ev.gap };
    case 'overlay':
      return { url: ev.overlay, width: ev.frameWidth, offset: 0 };
    default:
      return { url: ev.heatmap, width: ev.frameWidth, offset: 0 };
  }
}

function Pane({
  source,
  ev,
  scale,
  hover,
  power,
  onHover,
  label,
}: {
  source: Source;
  ev: Evidence;
  scale: number;
  hover: Point | null;
  power: number;
  onHover(p: Point | null): void;
  label: string;
}) {
  const { url, width, offset } = sourceOf(ev, source);
  const w = ev.frameWidth * scale;
  const h = ev.frameHeight * scale;
  const zoom = scale * power;
  return (
    <figure className="compare-pane" data-testid="compare-pane" data-source={source}>
      <figcaption className={`compare-pane-label compare-pane-${source}`}>{label}</figcaption>
      <div className="compare-grid" style={{ gridTemplateColumns: `${RULER}px ${w}px`, gridTemplateRows: `${RULER}px ${h}px` }}>
        <span className="compare-ruler-corner" aria-hidden="true">
          mm
        </span>
        <Ruler length={w} pxPerMm={scale / ev.mmPerPx} orientation="horizontal" />
        <Ruler length={h} pxPerMm={scale / ev.mmPerPx} orientation="vertical" />
        <div
          className="compare-image"
          role="img"
          aria-label={label}
          style={{
            width: w,
            height: h,
            backgroundImage: `url("${url}")`,
            backgroundSize: `${width * scale}px ${h}px`,
            backgroundPosition: `${-offset * scale}px 0px`,
          }}
          onMouseMove={(e) => {
            const rect = e.currentTarget.getBoundingClientRect();
            onHover({ x: (e.clientX - rect.left) / scale, y: (e.clientY - rect.top) / scale });
          }}
          onMouseLeave={() => onHover(null)}
          data-testid="compare-image"
        >
          {hover && (
            <div
              className="compare-loupe"
              data-testid="compare-loupe"
              aria-hidden="true"
              style={{
                left: hover.x * scale - LOUPE / 2,
                top: hover.y * scale - LOUPE / 2,
                width: LOUPE,
                height: LOUPE,
                backgroundImage: `url("${url}")`,
                backgroundSize: `${width * zoom}px ${ev.frameHeight * zoom}px`,
                backgroundPosition: `${-(offset + hover.x) * zoom + LOUPE / 2}px ${-hover.y * zoom + LOUPE / 2}px`,
              }}
            />
          )}
        </div>
      </div>
    </figure>
  );
}

/** Millimetre ticks along one edge: every 1 (or 5) mm, labelled every 10 (or 50) mm. */
function Ruler({ length, pxPerMm, orientation }: { length: number; pxPerMm: number; orientation: 'horizontal' | 'vertical' }) {
  const minor = pxPerMm >= 4 ? 1 : pxPerMm >= 0.8 ? 5 : 10;
  const major = minor === 1 ? 10 : minor === 5 ? 50 : 100;
  const mid = minor === 1 ? 5 : null;
  const total = length / pxPerMm;
  const ticks: { at: number; mm: number; size: number; label: boolean }[] = [];
  for (let mm = 0; mm <= total + 1e-6; mm += minor) {
    const isMajor = Math.abs(mm % major) < 1e-6;
    const isMid = mid !== null && Math.abs(mm % mid) < 1e-6;
    ticks.push({ at: mm * pxPerMm, mm, size: isMajor ? 12 : isMid ? 8 : 4, label: isMajor });
  }
  const horizontal = orientation === 'horizontal';
  return (
    <svg
      className={`compare-ruler compare-ruler-${orientation}`}
      width={horizontal ? length : RULER}
      height={horizontal ? RULER : length}
      aria-hidden="true"
      data-testid="compare-ruler"
    >
      {ticks.map((tick) =>
        horizontal ? (
          <g key={tick.mm}>
            <line x1={tick.at + 0.5} x2={tick.at + 0.5} y1={RULER} y2={RULER - tick.size} />
            {tick.label && tick.mm > 0 && (
              <text x={tick.at + 2} y={9}>
                {tick.mm}
              </text>
            )}
          </g>
        ) : (
          <g key={tick.mm}>
            <line y1={tick.at + 0.5} y2={tick.at + 0.5} x1={RULER} x2={RULER - tick.size} />
            {tick.label && tick.mm > 0 && (
              <text x={2} y={tick.at - 2}>
                {tick.mm}
              </text>
            )}
          </g>
        ),
      )}
    </svg>
  );
}
