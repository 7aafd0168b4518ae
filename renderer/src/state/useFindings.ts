/**
 * Cross-document findings of the open case (C/O against invoice: numbers, dates, weights, values
 * that disagree), from `cases.findings`, shaped for the findings panel.
 */
import { useEffect, useRef, useState } from 'react';
import type { CaseFinding } from '../../../contract/api.ts';
import { call } from './desk.ts';
import { sortFindings, type Finding } from './review.ts';

export type { Finding, FindingSeverity } from './review.ts';

/** The panel lists field keys; the desk names each field with the document it belongs to. */
export function toFinding(f: CaseFinding): Finding {
  const keys = [...new Set(f.fields.map((r) => r.key).filter((k): k is NonNullable<typeof k> => k !== null))];
  return { code: f.code, severity: f.severity, message: f.message, ...(f.params ? { params: f.params } : {}), fields: keys, documentIds: f.documentIds };
}

/**
 * Findings for `caseId`, fetched again whenever `version` changes (the case detail or its records:
 * a correction can settle a mismatch). Null while not loaded.
 */
export function useFindings(caseId: string, version: unknown, onError: (err: unknown) => void): Finding[] | null {
  const [findings, setFindings] = useState<Finding[] | null>(null);
  const seq = useRef(0);
  const onErrorRef = useRef(onError);
  onErrorRef.current = onError;
  const reported = useRef(false);

  useEffect(() => {
    const mine = ++seq.current;
    call('cases.findings', { caseId }).then(
      (answer) => {
        if (mine !== seq.current) return;
        setFindings(sortFindings(answer.map(toFinding)));
      },
      (err: unknown) => {
        if (mine !== seq.current || reported.current) return;
        reported.current = true;
        onErrorRef.current(err);
      },
    );
  }, [caseId, version]);

  return findings;
}
