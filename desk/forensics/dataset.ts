/**
 * Labelled verification cases from the generators, shared by the calibration script, the tests and
 * the benchmark. A case is a specimen (or signature references) on record, a questioned mark and
 * its truth. Seeds decide everything; calibration and held-out evaluation use disjoint seed ranges.
 */
import './synth/page.ts'; // registers the print/form/signature underlays of seal samples
import { forgeSpec, pastedSample, printedSample, sealSample, sealSpec, SEAL_FORGERY_CLASSES, type SealSample, type SealForgeryClass } from './synth/seals.ts';
import { signatureSample, signer, type SignatureSample } from './synth/signatures.ts';

export type StampCaseClass = 'genuine' | SealForgeryClass;
export const STAMP_CASE_CLASSES: readonly StampCaseClass[] = ['genuine', ...SEAL_FORGERY_CLASSES];

export interface StampCase {
  cls: StampCaseClass;
  authority: string;
  specimen: SealSample;
  /** Other impressions of the same seal already on record (the copy-paste check compares with them). */
  onRecord: SealSample[];
  query: SealSample;
}

/** Seed ranges: calibration uses [0, 10 000), held-out evaluation [10 000, ∞). */
export const HELD_OUT_BASE = 10_000;

export function stampCase(authoritySeed: number, cls: StampCaseClass, k = 0): StampCase {
  const spec = sealSpec(authoritySeed);
  const specimen = sealSample(spec, 'specimen', { quality: 'specimen', dpi: [300, 400, 600][authoritySeed % 3] });
  const record = sealSample(spec, 'record-1');
  const seed = `${cls}-${k}`;
  let query: SealSample;
  switch (cls) {
    case 'genuine':
      query = sealSample(spec, seed);
      break;
    case 'reengraved':
    case 'wrong_diameter':
    case 'other_authority':
      query = sealSample(forgeSpec(spec, cls, seed), seed);
      break;
    case 'printed_copy':
      query = printedSample(spec, seed);
      break;
    case 'pasted_copy':
      // the impression of an earlier certificate, lifted and pasted into this one
      query = pastedSample(k % 3 === 2 ? specimen : record, seed, { jitter: k % 2 === 1 ? 1.5 : 0 });
      break;
  }
  return { cls, authority: spec.id, specimen, onRecord: [record], query };
}

export type SignatureCaseClass = 'genuine' | 'simulated_signature' | 'other_signer';
export const SIGNATURE_CASE_CLASSES: readonly SignatureCaseClass[] = ['genuine', 'simulated_signature', 'other_signer'];

export interface SignatureCase {
  cls: SignatureCaseClass;
  writer: string;
  references: SignatureSample[];
  query: SignatureSample;
}

export function signatureCase(writerSeed: number, cls: SignatureCaseClass, k = 0, nRefs = 4): SignatureCase {
  const w = signer(writerSeed);
  const dpi = [200, 300, 300, 400][writerSeed % 4]!;
  const references = Array.from({ length: nRefs }, (_, i) => signatureSample(w, 'genuine', `ref-${i}`, { dpi }));
  let query: SignatureSample;
  const seed = `${cls}-${k}`;
  if (cls === 'genuine') query = signatureSample(w, 'genuine', seed);
  else if (cls === 'simulated_signature') query = signatureSample(w, k % 3 === 2 ? 'traced' : 'simulated', seed);
  else query = signatureSample(signer(`${writerSeed}-other-${k}`), 'genuine', seed);
  return { cls, writer: w.id, references, query };
}

// ---------------------------------------------------------------------------
// Features of cases (calibration and benchmark)

import { prepareMark, type PreparedMark } from './align.ts';
import { compareStamp, signatureFeatures, signatureSummary, stampFeatures, type SignatureSummary } from './verify.ts';
import type { Rgb } from './image.ts';

const prepStamp = (s: { rgb: Rgb; dpi: number }) => prepareMark(s.rgb, { kind: 'stamp', dpi: s.dpi });
const prepSig = (s: { rgb: Rgb; dpi: number }) => prepareMark(s.rgb, { kind: 'signature', dpi: s.dpi });

/** Feature rows of stamp cases for `authorities`, `classes` (k-th case of each), specimens prepared once each. */
export function stampCaseRows(
  authorities: number[],
  perClass: Partial<Record<StampCaseClass, number>>,
  onCase?: (cls: StampCaseClass, ms: number) => void,
): { cls: StampCaseClass; x: Record<string, number>; raw: Record<string, number> }[] {
  const rows: { cls: StampCaseClass; x: Record<string, number>; raw: Record<string, number> }[] = [];
  for (const a of authorities) {
    let specimen: PreparedMark | null = null;
    let record: PreparedMark | null = null;
    for (const cls of STAMP_CASE_CLASSES) {
      for (let k = 0; k < (perClass[cls] ?? 0); k++) {
        const c = stampCase(a, cls, k);
        specimen ??= prepStamp(c.specimen);
        record ??= prepStamp(c.onRecord[0]!);
        const t = performance.now();
        const q = prepStamp(c.query);
        const { measures } = compareStamp(q, [specimen], [{ id: 'record-1', mark: record }]);
        onCase?.(cls, performance.now() - t);
        const raw: Record<string, number> = {};
        for (const [k, v] of Object.entries(measures)) if (typeof v === 'number') raw[k] = v;
        rows.push({ cls, x: stampFeatures(measures), raw });
      }
    }
  }
  return rows;
}

export function signatureCaseRows(
  writers: number[],
  perClass: Partial<Record<SignatureCaseClass, number>>,
  onCase?: (cls: SignatureCaseClass, ms: number) => void,
): { cls: SignatureCaseClass; x: Record<string, number>; summary: SignatureSummary }[] {
  const rows: { cls: SignatureCaseClass; x: Record<string, number>; summary: SignatureSummary }[] = [];
  for (const w of writers) {
    let refs: PreparedMark[] | null = null;
    for (const cls of SIGNATURE_CASE_CLASSES) {
      for (let k = 0; k < (perClass[cls] ?? 0); k++) {
        const c = signatureCase(w, cls, k);
        refs ??= c.references.map(prepSig);
        const t = performance.now();
        const q = prepSig(c.query);
        const { summary } = signatureSummary(q, refs);
        onCase?.(cls, performance.now() - t);
        rows.push({ cls, x: signatureFeatures(summary), summary });
      }
    }
  }
  return rows;
}
