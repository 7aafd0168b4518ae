/**
 * The examiner's verdict on a mark: consistent / inconclusive / inconsistent, a note and who
 * decides (the officer name from the top bar, editable), sent to `marks.decide`. Verdicts are
 * append-only on the desk; the latest stands, and `DecisionHistory` lists them all.
 */
import { useId, useState, type FormEvent } from 'react';
import { EXAMINER_VERDICTS, type ExaminerVerdict } from '../../../../contract/api.ts';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { OFFICER_MAX, setOfficer, useOfficer } from '../../state/officer.ts';
import { VerdictChip } from './common.tsx';

type Verdict = ExaminerVerdict['verdict'];

interface Props {
  note: string;
  onNote(note: string): void;
  busy: boolean;
  /** Suggested verdict (the machine's band), preselected until the examiner picks one. */
  suggested?: Verdict | null;
  onDecide(input: { verdict: Verdict; note: string; examiner: string }): Promise<boolean>;
  compact?: boolean;
  testId?: string;
}

export function DecisionForm({ note, onNote, busy, suggested, onDecide, compact, testId = 'decision-form' }: Props) {
  const { t } = useI18n();
  const officer = useOfficer();
  const [verdict, setVerdict] = useState<Verdict | null>(null);
  const [examiner, setExaminer] = useState(officer);
  const [error, setError] = useState<string | null>(null);
  const noteId = useId();
  const nameId = useId();
  const chosen = verdict ?? null;

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!chosen) {
      setError(t('auth.decide.pickVerdict'));
      return;
    }
    const name = (examiner || officer).trim();
    if (!name) {
      setError(t('auth.decide.nameRequired'));
      return;
    }
    setError(null);
    setOfficer(name);
    const ok = await onDecide({ verdict: chosen, note: note.trim(), examiner: name });
    if (ok) {
      setVerdict(null);
      onNote('');
    }
  }

  return (
    <form className={`decide${compact ? ' decide-compact' : ''}`} onSubmit={submit} data-testid={testId} aria-label={t('auth.decide.title')}>
      <div className="decide-verdicts" role="radiogroup" aria-label={t('auth.decide.verdict')}>
        {EXAMINER_VERDICTS.map((v) => (
          <button
            key={v}
            type="button"
            role="radio"
            aria-checked={chosen === v}
            className={`decide-verdict band-${v}${chosen === v ? ' active' : ''}${!chosen && suggested === v ? ' suggested' : ''}`}
            onClick={() => setVerdict(v)}
            data-testid={`decision-verdict-${v}`}
          >
            {t(`auth.verdict.${v}`)}
          </button>
        ))}
      </div>
      <label htmlFor={noteId} className="decide-label">
        {t('auth.decide.note')}
      </label>
      <textarea
        id={noteId}
        className="input decide-note"
        value={note}
        maxLength={4000}
        rows={compact ? 2 : 3}
        placeholder={t('auth.decide.notePlaceholder')}
        onChange={(e) => onNote(e.target.value)}
        onKeyDown={(e) => {
          // Keys typed here are text, never the comparison view's shortcuts.
          e.stopPropagation();
          if (e.key === 'Escape') (e.target as HTMLTextAreaElement).blur();
        }}
        data-testid="decision-note"
      />
      <div className="decide-row">
        <label htmlFor={nameId} className="visually-hidden">
          {t('auth.decide.examiner')}
        </label>
        <input
          id={nameId}
          className="input input-small decide-examiner"
          value={examiner}
          maxLength={OFFICER_MAX}
          placeholder={t('auth.decide.examiner')}
          autoComplete="name"
          onChange={(e) => setExaminer(e.target.value)}
          onKeyDown={(e) => e.stopPropagation()}
          data-testid="decision-examiner"
        />
        <button type="submit" className="button button-small button-primary" disabled={busy} data-testid="decision-submit">
          {busy ? t('auth.decide.saving') : t('auth.decide.record')}
        </button>
      </div>
      {error && (
        <span className="field-error" role="alert" data-testid="decision-error">
          {error}
        </span>
      )}
    </form>
  );
}

/**
 * Every verdict on record for a mark (`decisions`, oldest first as the desk keeps them), shown
 * newest first: the standing one on top, then the earlier ones, each with its verdict, examiner,
 * time, place in the hash chain and note.
 */
export function DecisionHistory({ decisions }: { decisions: readonly ExaminerVerdict[] }) {
  const { t, tn } = useI18n();
  if (decisions.length === 0) return <p className="muted small">{t('auth.decide.none')}</p>;
  const newestFirst = [...decisions].reverse();
  return (
    <>
      <p className="muted small" data-testid="decision-count" data-count={decisions.length}>
        {tn('auth.decide.history', decisions.length)}
      </p>
      <ol className="decisions" data-testid="decision-history">
        {newestFirst.map((d, i) => (
          <DecisionEntry key={d.hash} d={d} latest={i === 0} />
        ))}
      </ol>
    </>
  );
}

function DecisionEntry({ d, latest }: { d: ExaminerVerdict; latest?: boolean }) {
  const i18n = useI18n();
  const { t } = i18n;
  return (
    <li className={`decision${latest ? ' decision-latest' : ''}`} data-testid={latest ? 'mark-decision' : 'decision-entry'} data-verdict={d.verdict}>
      <div className="decision-head">
        <VerdictChip verdict={d.verdict} testId={latest ? 'mark-decision-verdict' : 'decision-entry-verdict'} />
        <span className="muted small">{t('auth.decide.by', { examiner: d.examiner, at: i18n.dateTime(d.decidedAt) })}</span>
        <span className="mono muted small decision-hash" title={t('auth.decide.hash', { hash: d.hash })}>
          #{d.seq} · {d.hash.slice(0, 10)}
        </span>
      </div>
      {d.note && <p className="decision-note">{d.note}</p>}
    </li>
  );
}
