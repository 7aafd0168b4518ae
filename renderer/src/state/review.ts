/**
 * Pure logic of "documents to data" screens (no React): which fields a form has and in what
 * order, which need the officer, search snippets, hits grouped by case. Unit-tested.
 */
import type { FieldEdit, SearchHit } from '../../../contract/api.ts';
import {
  CO_FIELDS,
  FIELD_KEYS,
  INVOICE_FIELDS,
  isCertificateOfOrigin,
  type DocumentRecord,
  type ExtractedField,
  type FieldKey,
  type FormType,
} from '../../../contract/fields.ts';
import type { PageBox } from '../viewer/transform.ts';

export function isFieldKey(key: string): key is FieldKey {
  return (FIELD_KEYS as readonly string[]).includes(key);
}

/** Statuses the officer has to look at: the extractor was unsure, found nothing, or found nonsense. */
const REVIEW_STATUSES: ReadonlySet<ExtractedField['status']> = new Set(['low_confidence', 'missing', 'invalid']);

export function needsReview(field: ExtractedField): boolean {
  return REVIEW_STATUSES.has(field.status);
}

/** The fields a form is expected to carry, in the order they stand on the paper. */
export function formFieldKeys(form: FormType): readonly FieldKey[] {
  if (isCertificateOfOrigin(form)) return CO_FIELDS;
  if (form === 'commercial_invoice') return INVOICE_FIELDS;
  return [];
}

/**
 * Every field of the record in the form's order; fields the form expects but the extractor did
 * not report at all are listed as missing (the officer can still fill them in), and fields
 * outside the form's list follow at the end.
 */
export function reviewFields(record: DocumentRecord): ExtractedField[] {
  const byKey = new Map(record.fields.map((f) => [f.key, f]));
  const expected = formFieldKeys(record.form);
  const listed = expected.map(
    (key): ExtractedField => byKey.get(key) ?? { key, value: null, raw: '', confidence: 0, page: null, box: null, status: 'missing' },
  );
  const extra = record.fields.filter((f) => !expected.includes(f.key));
  return [...listed, ...extra];
}

export interface ReviewCounts {
  total: number;
  review: number;
  corrected: number;
}

export function reviewCounts(fields: ExtractedField[]): ReviewCounts {
  return {
    total: fields.length,
    review: fields.filter(needsReview).length,
    corrected: fields.filter((f) => f.status === 'corrected').length,
  };
}

/** Index of the next field needing review after `from` (wrapping round), or -1 when none does. */
export function nextNeedingReview(fields: ExtractedField[], from: number): number {
  const n = fields.length;
  for (let step = 1; step <= n; step++) {
    const i = (((from + step) % n) + n) % n;
    if (fields[i] && needsReview(fields[i])) return i;
  }
  return -1;
}

export type ConfidenceLevel = 'high' | 'medium' | 'low';

/** Bands of the confidence bar; the extractor marks fields below its own threshold low_confidence. */
export function confidenceLevel(confidence: number): ConfidenceLevel {
  if (confidence >= 0.85) return 'high';
  if (confidence >= 0.6) return 'medium';
  return 'low';
}

export function historyOf(history: FieldEdit[], key: FieldKey): FieldEdit[] {
  return history.filter((e) => e.key === key);
}

/** Smallest box holding all of `boxes` (a hit's words), or null for none. */
export function unionBox(boxes: readonly PageBox[]): PageBox | null {
  if (boxes.length === 0) return null;
  let x0 = Infinity;
  let y0 = Infinity;
  let x1 = -Infinity;
  let y1 = -Infinity;
  for (const b of boxes) {
    x0 = Math.min(x0, b.x);
    y0 = Math.min(y0, b.y);
    x1 = Math.max(x1, b.x + b.w);
    y1 = Math.max(y1, b.y + b.h);
  }
  return { x: x0, y: y0, w: x1 - x0, h: y1 - y0 };
}

export interface SnippetPart {
  text: string;
  hit: boolean;
}

/** Splits a search snippet at its « » markers; an unclosed marker runs to the end. */
export function snippetParts(snippet: string): SnippetPart[] {
  const parts: SnippetPart[] = [];
  let rest = snippet;
  while (rest) {
    const open = rest.indexOf('«');
    if (open < 0) {
      parts.push({ text: rest, hit: false });
      break;
    }
    if (open > 0) parts.push({ text: rest.slice(0, open), hit: false });
    const close = rest.indexOf('»', open + 1);
    const end = close < 0 ? rest.length : close;
    if (end > open + 1) parts.push({ text: rest.slice(open + 1, end), hit: true });
    rest = close < 0 ? '' : rest.slice(close + 1);
  }
  return parts;
}

export interface HitGroup {
  caseId: string;
  declarationNo: string;
  hits: SearchHit[];
}

/** Hits grouped by case, cases in the order of their best hit (the desk ranks hits). */
export function groupHitsByCase(hits: SearchHit[]): HitGroup[] {
  const groups = new Map<string, HitGroup>();
  for (const hit of hits) {
    let group = groups.get(hit.caseId);
    if (!group) {
      group = { caseId: hit.caseId, declarationNo: hit.declarationNo, hits: [] };
      groups.set(hit.caseId, group);
    }
    group.hits.push(hit);
  }
  return [...groups.values()];
}

// ---------------------------------------------------------------------------
// Cross-document findings (shape agreed for `cases.findings`; see useFindings.ts)

export const FINDING_SEVERITIES = ['error', 'warning', 'info'] as const;
export type FindingSeverity = (typeof FINDING_SEVERITIES)[number];

export interface Finding {
  code: string;
  severity: FindingSeverity;
  /** The desk's sentence (English). */
  message: string;
  /** The values the sentence quotes, to say it in the examiner's language (see i18n/desk-messages.ts). */
  params?: Record<string, string | number>;
  /** Field keys concerned. */
  fields: string[];
  /** Documents concerned, to open in review. */
  documentIds?: string[];
}

/** Worst first, then by code, so the panel reads the same each time. */
export function sortFindings(findings: Finding[]): Finding[] {
  const rank = (s: FindingSeverity) => FINDING_SEVERITIES.indexOf(s);
  return [...findings].sort((a, b) => rank(a.severity) - rank(b.severity) || a.code.localeCompare(b.code));
}
