/**
 * One mark's authentication: its verifications on record (`marks.verifications`, newest first),
 * 1:N identification (`marks.identify`), a new 1:1 verification (`marks.verify`), the examiner's
 * verdict (`marks.decide`) and every verdict on record for the mark (`marks.decisions`, oldest
 * first), read when the mark opens and again after each new verdict.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { ApiOutput, ExaminerVerdict, Verification } from '../../../contract/api.ts';
import { call } from './desk.ts';

export type IdentifyResult = ApiOutput<'marks.identify'>;

export interface VerificationState {
  verifications: Verification[];
  loaded: boolean;
  /** The verification shown (the newest unless the examiner picked an earlier one). */
  selected: Verification | null;
  select(id: string): void;
  identifying: boolean;
  identified: IdentifyResult | null;
  identify(): Promise<void>;
  verifying: boolean;
  verify(ownerId?: string): Promise<Verification | null>;
  deciding: boolean;
  decide(input: { verdict: ExaminerVerdict['verdict']; note: string; examiner: string; verificationId: string | null }): Promise<ExaminerVerdict | null>;
  /** Every verdict on record for the mark, oldest first; null until first read. */
  decisions: ExaminerVerdict[] | null;
  /** Reads the verdicts on record again (one recorded elsewhere, say). */
  refreshDecisions(): void;
}

function newestFirst(list: Verification[]): Verification[] {
  return [...list].sort((a, b) => (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : 0));
}

export function useVerification(markId: string, onError: (err: unknown) => void, onChanged?: () => void): VerificationState {
  const [verifications, setVerifications] = useState<Verification[]>([]);
  const [loaded, setLoaded] = useState(false);
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [identifying, setIdentifying] = useState(false);
  const [identified, setIdentified] = useState<IdentifyResult | null>(null);
  const [verifying, setVerifying] = useState(false);
  const [deciding, setDeciding] = useState(false);
  const [decisions, setDecisions] = useState<ExaminerVerdict[] | null>(null);
  /** Number of the latest `marks.decisions` read: an answer to an earlier one is stale. */
  const decisionsRead = useRef(0);
  const onErrorRef = useRef(onError);
  onErrorRef.current = onError;
  const onChangedRef = useRef(onChanged);
  onChangedRef.current = onChanged;

  const refreshDecisions = useCallback(() => {
    const read = ++decisionsRead.current;
    call('marks.decisions', { markId }).then(
      (list) => {
        if (decisionsRead.current === read) setDecisions(list);
      },
      (err: unknown) => {
        if (decisionsRead.current === read) onErrorRef.current(err);
      },
    );
  }, [markId]);

  useEffect(() => {
    let live = true;
    setVerifications([]);
    setLoaded(false);
    setSelectedId(null);
    setIdentified(null);
    setDecisions(null);
    refreshDecisions();
    call('marks.verifications', { markId }).then(
      (list) => {
        if (!live) return;
        setVerifications(newestFirst(list));
        setLoaded(true);
      },
      (err: unknown) => {
        if (!live) return;
        setLoaded(true);
        onErrorRef.current(err);
      },
    );
    return () => {
      live = false;
      decisionsRead.current++;
    };
  }, [markId, refreshDecisions]);

  const identify = useCallback(async () => {
    setIdentifying(true);
    try {
      setIdentified(await call('marks.identify', { markId, k: 5 }));
    } catch (err) {
      onErrorRef.current(err);
    } finally {
      setIdentifying(false);
    }
  }, [markId]);

  const verify = useCallback(
    async (ownerId?: string) => {
      setVerifying(true);
      try {
        const v = await call('marks.verify', ownerId ? { markId, ownerId } : { markId });
        setVerifications((prev) => newestFirst([v, ...prev.filter((x) => x.id !== v.id)]));
        setSelectedId(v.id);
        onChangedRef.current?.();
        return v;
      } catch (err) {
        onErrorRef.current(err);
        return null;
      } finally {
        setVerifying(false);
      }
    },
    [markId],
  );

  const decide = useCallback<VerificationState['decide']>(
    async ({ verdict, note, examiner, verificationId }) => {
      setDeciding(true);
      try {
        const d = await call('marks.decide', { markId, verdict, note, examiner, verificationId });
        // Shown at once, then the history is read again from the desk (the chain as stored).
        setDecisions((prev) => [...(prev ?? []).filter((x) => x.hash !== d.hash), d]);
        refreshDecisions();
        onChangedRef.current?.();
        return d;
      } catch (err) {
        onErrorRef.current(err);
        return null;
      } finally {
        setDeciding(false);
      }
    },
    [markId, refreshDecisions],
  );

  const selected = verifications.find((v) => v.id === selectedId) ?? verifications[0] ?? null;

  return {
    verifications,
    loaded,
    selected,
    select: setSelectedId,
    identifying,
    identified,
    identify,
    verifying,
    verify,
    deciding,
    decide,
    decisions,
    refreshDecisions,
  };
}
