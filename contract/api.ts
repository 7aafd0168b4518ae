/**
 * The one typed API between the UI (renderer), the desk services and their transports.
 *
 * Every method is a pair of zod schemas. The desk validates the input at the boundary
 * (IPC handler, HTTP route, CLI) before any service code sees it, so a renderer bug or a
 * hostile page can never hand the store an unchecked value. This file is "common" code:
 * it runs in Node, in Electron's preload and in the browser, so it imports nothing else.
 */
import { z } from 'zod';
import { CrossCheckFinding, DocumentRecord, ExtractedField, FieldKeySchema } from './fields.ts';
import { forensicsApi } from './forensics.ts';

// ---------------------------------------------------------------------------
// Vocabulary

export const DOCUMENT_KINDS = [
  'unclassified',
  'certificate_of_origin',
  'commercial_invoice',
  'packing_list',
  'bill_of_lading',
  'xray_image',
  'other',
] as const;
export const DocumentKind = z.enum(DOCUMENT_KINDS);
export type DocumentKind = z.infer<typeof DocumentKind>;

/** Real type of a file, sniffed from its bytes (never from its extension). */
export const FILE_TYPES = ['pdf', 'tiff', 'png', 'jpeg', 'unknown'] as const;
export const FileType = z.enum(FILE_TYPES);
export type FileType = z.infer<typeof FileType>;

export const DOCUMENT_STATUSES = ['queued', 'processing', 'ready', 'failed', 'needs_password', 'cancelled'] as const;
export const DocumentStatus = z.enum(DOCUMENT_STATUSES);
export type DocumentStatus = z.infer<typeof DocumentStatus>;

/**
 * Error codes the UI translates. Messages in English travel with them for the CLI and logs;
 * `params` fill the translated templates.
 */
export const ERROR_CODES = [
  'invalid_argument',
  'not_found',
  'unauthorized',
  'empty_file',
  'unsupported_type',
  'extension_mismatch',
  'corrupt_file',
  'password_required',
  'wrong_password',
  'no_pages',
  'too_large',
  'cancelled',
  'internal',
] as const;
export const ErrorCode = z.enum(ERROR_CODES);
export type ErrorCode = z.infer<typeof ErrorCode>;

export const DeskErrorInfo = z.object({
  code: ErrorCode,
  message: z.string(),
  params: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
});
export type DeskErrorInfo = z.infer<typeof DeskErrorInfo>;

// ---------------------------------------------------------------------------
// Records

const Id = z.string().regex(/^[A-Za-z0-9_-]{6,64}$/, 'not an id');
const IsoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected YYYY-MM-DD');
const Timestamp = z.string(); // ISO 8601, set by the desk

export const CaseInput = z.object({
  declarationNo: z.string().trim().min(1, 'required').max(64),
  port: z.string().trim().min(1, 'required').max(80),
  date: IsoDate,
  notes: z.string().max(10_000).default(''),
});
export type CaseInput = z.input<typeof CaseInput>;

export const Case = z.object({
  id: Id,
  declarationNo: z.string(),
  port: z.string(),
  date: IsoDate,
  notes: z.string(),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});
export type Case = z.infer<typeof Case>;

export const CaseSummary = Case.extend({
  documentCount: z.number().int(),
  pageCount: z.number().int(),
});
export type CaseSummary = z.infer<typeof CaseSummary>;

export const Rotation = z.union([z.literal(0), z.literal(90), z.literal(180), z.literal(270)]);
export type Rotation = z.infer<typeof Rotation>;

export const Page = z.object({
  id: Id,
  documentId: Id,
  index: z.number().int().nonnegative(),
  width: z.number().int().positive(),
  height: z.number().int().positive(),
  dpi: z.number().positive(),
  /** True when the file carried no resolution and 300 dpi was assumed (rulers are then approximate). */
  dpiAssumed: z.boolean(),
  bitDepth: z.union([z.literal(8), z.literal(16)]),
  rotation: Rotation,
  hasTextLayer: z.boolean(),
});
export type Page = z.infer<typeof Page>;

export const Document = z.object({
  id: Id,
  caseId: Id,
  fileName: z.string(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  byteSize: z.number().int().nonnegative(),
  fileType: FileType,
  kind: DocumentKind,
  status: DocumentStatus,
  /** Pages the file holds, once known (PDF page count, TIFF directories). */
  pageTotal: z.number().int().nonnegative().nullable(),
  error: DeskErrorInfo.nullable(),
  /** Something worth telling that did not stop processing, e.g. a misleading file extension. */
  notice: DeskErrorInfo.nullable(),
  createdAt: Timestamp,
});
export type Document = z.infer<typeof Document>;

export const DocumentWithPages = Document.extend({ pages: z.array(Page) });
export type DocumentWithPages = z.infer<typeof DocumentWithPages>;

export const CaseDetail = z.object({ case: Case, documents: z.array(DocumentWithPages) });
export type CaseDetail = z.infer<typeof CaseDetail>;

export const JOB_PHASES = ['render', 'ocr', 'extract'] as const;

export const JobProgress = z.object({
  documentId: Id,
  caseId: Id,
  fileName: z.string(),
  status: DocumentStatus,
  /** What the job is doing: rendering pages, recognising text of scanned pages, extracting fields. */
  phase: z.enum(JOB_PHASES).default('render'),
  /** Pages done in the current phase, of `phaseTotal` (OCR covers only pages without a text layer). */
  pagesDone: z.number().int().nonnegative(),
  pageTotal: z.number().int().nonnegative().nullable(),
  phaseTotal: z.number().int().nonnegative().nullable().default(null),
  error: DeskErrorInfo.nullable(),
});
export type JobProgress = z.infer<typeof JobProgress>;

export const IngestResult = z.object({
  document: Document,
  /** True when the same file was already in this case: nothing was added. */
  duplicateInCase: z.boolean(),
  /** True when the bytes were already stored (another case): linked, not copied again. */
  linkedExistingOriginal: z.boolean(),
});
export type IngestResult = z.infer<typeof IngestResult>;

export const SearchHit = z.object({
  caseId: Id,
  declarationNo: z.string(),
  documentId: Id,
  fileName: z.string(),
  pageId: Id.nullable(),
  pageIndex: z.number().int().nonnegative().nullable(),
  /** Set when the hit is an extracted field rather than page text. */
  fieldKey: z.string().nullable(),
  /** Matching text, hits between « and ». */
  snippet: z.string(),
  /** Where on the page to highlight, in page pixels. */
  boxes: z.array(z.object({ x: z.number(), y: z.number(), w: z.number(), h: z.number() })),
});
export type SearchHit = z.infer<typeof SearchHit>;

export const FieldEdit = z.object({
  seq: z.number().int(),
  documentId: Id,
  key: FieldKeySchema,
  oldValue: z.string().nullable(),
  newValue: z.string().nullable(),
  editor: z.string(),
  editedAt: Timestamp,
  hash: z.string(),
});
export type FieldEdit = z.infer<typeof FieldEdit>;

export const RecordView = z.object({
  documentId: Id,
  record: DocumentRecord.nullable(),
  /** Every correction of this document's fields, oldest first. */
  history: z.array(FieldEdit),
});
export type RecordView = z.infer<typeof RecordView>;

/** A cross-document finding with the two documents it compares. */
export const CaseFinding = CrossCheckFinding.extend({
  certificateId: Id,
  invoiceId: Id,
  documentIds: z.array(Id),
});
export type CaseFinding = z.infer<typeof CaseFinding>;

export const ExportFile = z.object({ fileName: z.string(), mimeType: z.string(), content: z.string() });
export type ExportFile = z.infer<typeof ExportFile>;

export const DeskInfo = z.object({
  version: z.string(),
  transport: z.enum(['ipc', 'web', 'cli']),
  dataDir: z.string(),
  /** Where inference runs; the CPU until a model-backed issue adds execution providers. */
  accelerator: z.string(),
});
export type DeskInfo = z.infer<typeof DeskInfo>;

// ---------------------------------------------------------------------------
// Methods

/** Upper bound of one uploaded file; larger originals belong on removable media, not in a desk. */
export const MAX_UPLOAD_BYTES = 512 * 1024 * 1024;

export const api = {
  'desk.info': { input: z.object({}).strict(), output: DeskInfo },
  'cases.list': {
    input: z.object({ search: z.string().max(200).optional() }).strict(),
    output: z.array(CaseSummary),
  },
  'cases.create': { input: CaseInput.strict(), output: Case },
  'cases.update': { input: CaseInput.extend({ id: Id }).strict(), output: Case },
  'cases.get': { input: z.object({ id: Id }).strict(), output: CaseDetail },
  /**
   * Bytes travel in the call so the renderer never names a path on disk (sandboxed renderers
   * cannot, and web mode must not). The HTTP transport sends them as the raw request body.
   */
  'documents.ingest': {
    input: z
      .object({
        caseId: Id,
        fileName: z.string().trim().min(1).max(255),
        data: z
          .custom<Uint8Array>((v) => v instanceof Uint8Array, 'expected the file bytes')
          .refine((d) => d.byteLength <= MAX_UPLOAD_BYTES, 'file too large'),
      })
      .strict(),
    output: IngestResult,
  },
  'documents.setKind': { input: z.object({ documentId: Id, kind: DocumentKind }).strict(), output: Document },
  'documents.unlock': {
    input: z.object({ documentId: Id, password: z.string().min(1).max(1024) }).strict(),
    output: Document,
  },
  /** Process again from the stored original (after a cancel or a failure). */
  'documents.retry': { input: z.object({ documentId: Id }).strict(), output: Document },
  'documents.cancel': { input: z.object({ documentId: Id }).strict(), output: Document },
  'pages.rotate': { input: z.object({ pageId: Id, rotation: Rotation }).strict(), output: Page },
  'jobs.list': { input: z.object({}).strict(), output: z.array(JobProgress) },
  'documents.record': { input: z.object({ documentId: Id }).strict(), output: RecordView },
  /** An officer's correction of one field; kept with the old value, who and when. */
  'fields.correct': {
    input: z
      .object({
        documentId: Id,
        key: FieldKeySchema,
        value: z.string().trim().max(2000).nullable(),
        editor: z.string().trim().min(1, 'required').max(80),
      })
      .strict(),
    output: ExtractedField,
  },
  /** C/O against invoice: numbers, dates, goods, HS codes, quantities, weights, sums. */
  'cases.findings': { input: z.object({ caseId: Id }).strict(), output: z.array(CaseFinding) },
  /** Records as CSV or JSON (schema origindesk.records/1, docs/export-schema.md). */
  'records.export': {
    input: z.object({ format: z.enum(['csv', 'json']), caseId: Id.optional() }).strict(),
    output: ExportFile,
  },
  /** Any word on any page or any extracted field, across all cases. */
  'search.query': {
    input: z.object({ query: z.string().trim().min(1).max(200), limit: z.number().int().min(1).max(200).default(50) }).strict(),
    output: z.array(SearchHit),
  },
  ...forensicsApi,
} as const;

export type Api = typeof api;
export type ApiMethod = keyof Api;
export type ApiInput<M extends ApiMethod> = z.input<Api[M]['input']>;
export type ApiOutput<M extends ApiMethod> = z.output<Api[M]['output']>;
export const API_METHODS = Object.keys(api) as ApiMethod[];

/** Methods whose input carries a file's bytes (sent as a raw body over HTTP). */
export const BINARY_METHODS = new Set<ApiMethod>(['documents.ingest', 'library.uploadSpecimen']);

export function isApiMethod(name: string): name is ApiMethod {
  return Object.prototype.hasOwnProperty.call(api, name);
}

// ---------------------------------------------------------------------------
// Events pushed from the desk to the UI (IPC messages, or Server-Sent Events in web mode)

export const DeskEvent = z.discriminatedUnion('type', [
  z.object({ type: z.literal('job'), job: JobProgress }),
  z.object({ type: z.literal('case-changed'), caseId: Id }),
  /** Stamp/signature detection of a document: pages done of total, then done (marks changed). */
  z.object({ type: z.literal('marks'), documentId: Id, pagesDone: z.number().int(), pageTotal: z.number().int(), done: z.boolean(), error: z.string().nullable() }),
]);
export type DeskEvent = z.infer<typeof DeskEvent>;

/** Rendered page images a client may display. */
export const PAGE_IMAGE_VARIANTS = ['full', 'thumb'] as const;
export type PageImageVariant = (typeof PAGE_IMAGE_VARIANTS)[number];

/**
 * What the renderer sees, whatever the transport. `window.origindesk` (Electron preload) and the
 * web client both implement it.
 */
export interface DeskClient {
  call<M extends ApiMethod>(method: M, input: ApiInput<M>): Promise<ApiOutput<M>>;
  pageImageUrl(pageId: string, variant: PageImageVariant): string;
  onEvent(listener: (event: DeskEvent) => void): () => void;
}

/** Error thrown by clients when the desk answered with an error. */
export class DeskCallError extends Error {
  constructor(readonly info: DeskErrorInfo) {
    super(info.message);
    this.name = 'DeskCallError';
  }
}

export { IPC_CHANNELS, PAGE_IMAGE_SCHEME } from './channels.ts';
export * from './forensics.ts';
