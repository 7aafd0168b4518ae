/**
 * Shapes of C/O authentication in the API contract: stamps and signatures found on pages
 * ("marks"), the specimen library (issuing authorities and authorised signatories with their
 * reference impressions), 1:1 verifications with their evidence images, 1:N identification and
 * the examiner's recorded verdicts. Common code (Node, preload, browser): imports only zod.
 */
import { z } from 'zod';
import { Box } from './fields.ts';

const Id = z.string().regex(/^[A-Za-z0-9_-]{6,64}$/, 'not an id');
const IsoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected YYYY-MM-DD');
/** A PNG the desk hands to the UI inline (crops and evidence are small; works over both transports). */
export const PngDataUrl = z.string().startsWith('data:image/png;base64,');

export const MARK_KINDS = ['stamp', 'signature'] as const;
export const MarkKind = z.enum(MARK_KINDS);
export type MarkKind = z.infer<typeof MarkKind>;

export const INK_NAMES = ['red', 'blue', 'violet', 'black', 'other'] as const;
export const InkName = z.enum(INK_NAMES);

export const VERDICT_BANDS = ['consistent', 'inconclusive', 'inconsistent'] as const;
export const VerdictBand = z.enum(VERDICT_BANDS);
export type VerdictBand = z.infer<typeof VerdictBand>;

/**
 * Why a verification did or did not give a score. Anything but `scored` carries no percentage:
 * the desk never invents a score it cannot stand behind.
 */
export const VERIFY_OUTCOMES = ['scored', 'no_specimen_on_record', 'specimen_quality_too_low', 'query_quality_too_low', 'not_comparable'] as const;
export const VerifyOutcome = z.enum(VERIFY_OUTCOMES);

/** The examiner's own conclusion, recorded apart from the machine's band. */
export const EXAMINER_VERDICTS = ['consistent', 'inconclusive', 'inconsistent'] as const;
export const ExaminerVerdictValue = z.enum(EXAMINER_VERDICTS);

export const MarkSummaryOfVerification = z.object({
  verificationId: Id,
  ownerId: Id.nullable(),
  ownerLabel: z.string(),
  outcome: VerifyOutcome,
  score: z.number().min(0).max(100).nullable(),
  band: VerdictBand.nullable(),
  duplicate: z.boolean(),
});

export const ExaminerVerdict = z.object({
  seq: z.number().int(),
  markId: Id,
  verificationId: Id.nullable(),
  verdict: ExaminerVerdictValue,
  note: z.string(),
  examiner: z.string(),
  decidedAt: z.string(),
  hash: z.string(),
});
export type ExaminerVerdict = z.infer<typeof ExaminerVerdict>;

/** A stamp or signature on a page: found by the detector or drawn by the examiner. */
export const Mark = z.object({
  id: Id,
  documentId: Id,
  pageId: Id,
  pageIndex: z.number().int().nonnegative(),
  kind: MarkKind,
  /** Page pixels of the stored render. */
  box: Box,
  /** The page's resolution (rulers in mm). */
  dpi: z.number().positive(),
  colour: z.object({ name: InkName, rgb: z.tuple([z.number().int(), z.number().int(), z.number().int()]) }),
  confidence: z.number().min(0).max(1),
  origin: z.enum(['detected', 'examiner']),
  /** Why the detector took it for what it is, or the examiner's label. */
  note: z.string(),
  createdAt: z.string(),
  latest: MarkSummaryOfVerification.nullable(),
  decision: ExaminerVerdict.nullable(),
});
export type Mark = z.infer<typeof Mark>;

export const MarkList = z.object({
  documentId: Id,
  /** When detection last ran on this document (null: never; the UI then asks for it). */
  detectedAt: z.string().nullable(),
  marks: z.array(Mark),
});
export type MarkList = z.infer<typeof MarkList>;

export const MarkImages = z.object({ markId: Id, crop: PngDataUrl, inkMask: PngDataUrl, dpi: z.number() });

/**
 * Who a specimen belongs to: an issuing authority's office (stamps) or an authorised signatory
 * (signatures), valid over a period, retired rather than deleted.
 */
export const OwnerInput = z.object({
  id: Id.optional(),
  kind: MarkKind,
  /** ISO 3166 alpha-2 of the issuing country. */
  country: z.string().trim().regex(/^[A-Z]{2}$/, 'two-letter country code'),
  authority: z.string().trim().min(1, 'required').max(200),
  office: z.string().trim().max(200).default(''),
  /** Authorised signatory (signatures only). */
  signatory: z.string().trim().max(200).default(''),
  validFrom: IsoDate.nullable().default(null),
  validTo: IsoDate.nullable().default(null),
  notes: z.string().max(2000).default(''),
});
export type OwnerInput = z.input<typeof OwnerInput>;

export const SpecimenOwner = z.object({
  id: Id,
  kind: MarkKind,
  country: z.string(),
  authority: z.string(),
  office: z.string(),
  signatory: z.string(),
  validFrom: IsoDate.nullable(),
  validTo: IsoDate.nullable(),
  notes: z.string(),
  label: z.string(),
  retiredAt: z.string().nullable(),
  specimenCount: z.number().int().nonnegative(),
  createdAt: z.string(),
});
export type SpecimenOwner = z.infer<typeof SpecimenOwner>;

const MessageParams = z.record(z.string(), z.union([z.string(), z.number()]));

/**
 * What the quality check found wrong with a specimen or a questioned mark, each quoting the values
 * it measured (formatted) and `mark: 'specimen' | 'query'` for which of the two it is; the UI words
 * it as `auth.quality.<code>.<mark>`. Codes and their values:
 * - `low_dpi {dpi}`: scanned below 100 dpi;
 * - `too_small {px, min}`: a stamp fewer than `min` px across;
 * - `too_short {px, min}`: a signature fewer than `min` px high;
 * - `too_little_ink {share}`: ink covers only `share` % of the area;
 * - `blurred {solid}`: only `solid` % of the ink is solid (blurred or washed out);
 * - `noisy {sigma}`: sensor noise σ ≈ `sigma` grey levels;
 * - `incomplete_rim {coverage}`: only `coverage` % of a round seal's rim printed (specimens).
 */
export const QUALITY_ISSUE_CODES = ['low_dpi', 'too_small', 'too_short', 'too_little_ink', 'blurred', 'noisy', 'incomplete_rim'] as const;
export type QualityIssueCode = (typeof QUALITY_ISSUE_CODES)[number];
export const QUALITY_MARKS = ['specimen', 'query'] as const;

const QualityIssueObject = z.object({ code: z.string(), text: z.string(), params: MessageParams.optional() });
export type QualityIssue = z.infer<typeof QualityIssueObject>;

/**
 * A quality issue as stored: records written before issues had codes kept the English sentence
 * only; it reads as `{ code: 'text', text }` (no template: the UI shows the sentence).
 */
export function toQualityIssue(issue: QualityIssue | string): QualityIssue {
  return typeof issue === 'string' ? { code: 'text', text: issue } : issue;
}

/** A quality issue; a plain string (a record from before codes) is read as `{ code: 'text', text }`. */
export const QualityIssue = z.preprocess((v) => (typeof v === 'string' ? toQualityIssue(v) : v), QualityIssueObject);

export const SpecimenQuality = z.object({ ok: z.boolean(), issues: z.array(QualityIssue) });
export type SpecimenQuality = z.infer<typeof SpecimenQuality>;

/** A stored `{ ok, issues }` whose issues may still be plain strings (records from before codes). */
export function toSpecimenQuality(q: { ok: boolean; issues: (QualityIssue | string)[] }): SpecimenQuality {
  return { ok: q.ok, issues: q.issues.map(toQualityIssue) };
}

/** One reference impression on record. */
export const Specimen = z.object({
  id: Id,
  ownerId: Id,
  kind: MarkKind,
  dpi: z.number(),
  /** Outer diameter of a seal or width of a signature, mm. */
  sizeMm: z.number(),
  ink: InkName,
  quality: SpecimenQuality,
  source: z.string(),
  createdAt: z.string(),
  retiredAt: z.string().nullable(),
});
export type Specimen = z.infer<typeof Specimen>;

export const SpecimenWithImage = Specimen.extend({ image: PngDataUrl });

export const IdentifyCandidate = z.object({
  ownerId: Id,
  ownerLabel: z.string(),
  specimenId: Id,
  /** First-pass descriptor similarity (−1..1). */
  coarse: z.number(),
  /** Exact re-rank score where computed (−1..1). */
  exact: z.number().nullable(),
});

export const IdentifyResult = z.object({
  markId: Id,
  librarySize: z.number().int(),
  elapsedMs: z.number(),
  candidates: z.array(IdentifyCandidate),
});

/**
 * Evidence images in the specimen's frame: overlay (specimen green, questioned magenta), difference
 * heat map, and side by side (specimen left, aligned question right, `gap` px apart), all at
 * `mmPerPx`. The UI blinks and loupes the two halves of `sideBySide`.
 */
export const Evidence = z.object({
  overlay: PngDataUrl,
  heatmap: PngDataUrl,
  sideBySide: PngDataUrl,
  frameWidth: z.number().int(),
  frameHeight: z.number().int(),
  gap: z.number().int(),
  mmPerPx: z.number().positive(),
});
export type Evidence = z.infer<typeof Evidence>;

/**
 * One reason behind a verification: the desk's English sentence, and a code with the values it
 * quotes (formatted) so the UI words it in the examiner's language (`auth.reason.<code>`).
 */
export const Reason = z.object({
  code: z.string(),
  text: z.string(),
  params: MessageParams.optional(),
  /**
   * The quality issues a `specimen_quality_too_low` / `query_quality_too_low` reason quotes
   * (`params.issues` keeps them as one English string, for records and readers from before).
   */
  issues: z.array(QualityIssue).optional(),
});
export type Reason = z.infer<typeof Reason>;

export const Verification = z.object({
  id: Id,
  markId: Id,
  ownerId: Id.nullable(),
  ownerLabel: z.string(),
  specimenIds: z.array(Id),
  /** The specimen the evidence shows (the best-aligned one). */
  specimenId: Id.nullable(),
  outcome: VerifyOutcome,
  /** Calibrated 0–100: genuine impressions score near 100, forgeries low; null unless scored. */
  score: z.number().min(0).max(100).nullable(),
  band: VerdictBand.nullable(),
  reasons: z.array(Reason),
  measures: z.record(z.string(), z.number()),
  /** Per-measure contributions to the log-odds (negative: towards forgery). */
  contributions: z.record(z.string(), z.number()),
  quality: z.object({ specimen: SpecimenQuality, query: SpecimenQuality }).nullable(),
  alignment: z.object({ rotationDeg: z.number(), scale: z.number(), physicalScale: z.number(), correlation: z.number() }).nullable(),
  /** Another mark on record this impression is a pixel copy of (digital paste). */
  duplicateOf: z.object({ markId: Id, documentId: Id, caseId: Id, fileName: z.string() }).nullable(),
  evidence: Evidence.nullable(),
  calibrationVersion: z.number().int(),
  elapsedMs: z.number(),
  createdAt: z.string(),
});
export type Verification = z.infer<typeof Verification>;

export const ReportFile = z.object({ fileName: z.string(), mimeType: z.literal('application/pdf'), base64: z.string() });

/** Forensics methods, merged into the API table in api.ts. */
export const forensicsApi = {
  /** Finds the stamps and signatures on every page of a document (replaces earlier detections, keeps the examiner's). */
  'marks.detect': { input: z.object({ documentId: Id }).strict(), output: MarkList },
  'marks.list': { input: z.object({ documentId: Id }).strict(), output: MarkList },
  /** The examiner draws a region the detector missed (or re-draws one). */
  'marks.add': { input: z.object({ pageId: Id, box: Box, kind: MarkKind }).strict(), output: Mark },
  'marks.update': { input: z.object({ markId: Id, box: Box.optional(), kind: MarkKind.optional() }).strict(), output: Mark },
  'marks.remove': { input: z.object({ markId: Id }).strict(), output: z.object({ ok: z.literal(true) }) },
  'marks.images': { input: z.object({ markId: Id }).strict(), output: MarkImages },
  /** 1:N: which authority or signatory on record the mark most resembles. */
  'marks.identify': { input: z.object({ markId: Id, k: z.number().int().min(1).max(50).default(5) }).strict(), output: IdentifyResult },
  /** 1:1 against an owner's specimens (default: the best identification candidate). */
  'marks.verify': { input: z.object({ markId: Id, ownerId: Id.optional() }).strict(), output: Verification },
  'marks.verifications': { input: z.object({ markId: Id }).strict(), output: z.array(Verification) },
  /** The examiner's verdict (append-only, hash-chained; the latest one stands). */
  'marks.decide': {
    input: z
      .object({
        markId: Id,
        verificationId: Id.nullable().default(null),
        verdict: ExaminerVerdictValue,
        note: z.string().trim().max(4000).default(''),
        examiner: z.string().trim().min(1, 'required').max(80),
      })
      .strict(),
    output: ExaminerVerdict,
  },
  /** Every verdict recorded on a mark, oldest first (the hash chain's entries). */
  'marks.decisions': { input: z.object({ markId: Id }).strict(), output: z.array(ExaminerVerdict) },
  'library.owners': {
    input: z.object({ kind: MarkKind.optional(), search: z.string().max(200).default(''), includeRetired: z.boolean().default(false) }).strict(),
    output: z.array(SpecimenOwner),
  },
  'library.saveOwner': { input: OwnerInput.strict(), output: SpecimenOwner },
  'library.retireOwner': { input: z.object({ id: Id }).strict(), output: SpecimenOwner },
  'library.specimens': { input: z.object({ ownerId: Id, includeRetired: z.boolean().default(false) }).strict(), output: z.array(SpecimenWithImage) },
  /** A reference impression cropped from an ingested page (a specimen sheet PDF or image) or taken from a mark. */
  'library.addSpecimen': {
    input: z
      .object({
        ownerId: Id,
        source: z.string().trim().max(500).default(''),
        markId: Id.optional(),
        pageId: Id.optional(),
        box: Box.optional(),
      })
      .strict()
      .refine((v) => Boolean(v.markId) !== Boolean(v.pageId && v.box), 'give either markId or pageId with box'),
    output: Specimen,
  },
  /** An already-cropped specimen image (PNG, JPEG or TIFF) with its scan resolution. */
  'library.uploadSpecimen': {
    input: z
      .object({
        ownerId: Id,
        fileName: z.string().trim().min(1).max(255),
        dpi: z.number().min(72).max(2400),
        source: z.string().trim().max(500).default(''),
        data: z
          .custom<Uint8Array>((v) => v instanceof Uint8Array, 'expected the image bytes')
          .refine((d) => d.byteLength <= 64 * 1024 * 1024, 'image too large'),
      })
      .strict(),
    output: Specimen,
  },
  'library.retireSpecimen': { input: z.object({ id: Id }).strict(), output: Specimen },
  /** The case's inspection report as PDF: documents, marks, scores, evidence images, verdicts. */
  'reports.inspection': { input: z.object({ caseId: Id }).strict(), output: ReportFile },
} as const;
