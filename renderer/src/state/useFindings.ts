/**
 * Cross-document findings of the open case (C/O against invoice: numbers, dates, weights, values
 * that disagree), from `cases.findings`.
 *
 * That method is being added to the contract by the desk side. Until `contract/api.ts` has it,
 * this hook answers null and no panel shows; once it is there, the panel appears with no renderer
 * change. `Finding` mirrors the agreed shape ({code, severity, message, fields, documentIds?}) and
 * should then be replaced by the contract's own type (and the cast below dropped).
 */
import { useEffect, useRef, useState } from 'react';
import { isApiMethod, type ApiMethod } from '../../../contract/api.ts';
import { call } from './desk.ts';
import { sortFindings, type Finding } from './review.ts';

export type { Finding, FindingSeverity } from './review.ts';

const METHOD = 'cases.findings';

export function findingsAvailable(): boolean {
  return isApiMethod(METHOD);
}

/**
 * Findings for `caseId`, fetched again whenever `version` changes (the case detail or its records:
 * a correction can settle a mismatch). Null while unavailable or not loaded.
 */
export function useFindings(caseId: string, version: unknown, onError: (err: unknown) => void): Finding[] | null {
  const [findings, setFindings] = useState<Finding[] | null>(null);
  const seq = useRef(0);
  const onErrorRef = useRef(onError);
  onErrorRef.current = onError;
  const reported = useRef(false);

  useEffect(() => {
    if (!findingsAvailable()) return;
    const mine = ++seq.current;
    // Typed through the contract once the method is declared there (see the note above).
    (call as (m: ApiMethod, input: unknown) => Promise<unknown>)(METHOD as ApiMethod, { caseId }).then(
      (answer) => {
        if (mine !== seq.current) return;
        const list = Array.isArray(answer) ? answer : (answer as { findings?: unknown } | null)?.findings;
        setFindings(Array.isArray(list) ? sortFindings(list as Finding[]) : []);
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
