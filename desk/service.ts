/**
 * The desk: every capability behind the API contract, with no knowledge of its transport.
 * IPC, web mode and the CLI all call `dispatch`, which validates input and output against
 * the contract, so the three behave the same and none can bypass validation.
 */
import { EventEmitter } from 'node:events';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import {
  api,
  isApiMethod,
  type ApiInput,
  type ApiMethod,
  type ApiOutput,
  type DeskEvent,
  type DeskInfo,
  type IngestResult,
} from '../contract/api.ts';
import { APP_VERSION } from './config.ts';
import { DeskError } from './errors.ts';
import { defaultWorkerFile, IngestQueue } from './ingest/queue.ts';
import { sniffFileType, typeFromFileName } from './ingest/sniff.ts';
import { createLogger, type Logger } from './log.ts';
import { BlobStore, sha256Hex } from './store/blobs.ts';
import { CaseStore, type PageWord } from './store/case-store.ts';
import { RecordStore } from './store/record-store.ts';
import { search } from './search.ts';
import { caseFindings } from './findings.ts';
import { kindOfForm, type PageText } from '../contract/fields.ts';
import { extractRecord } from './fields/extract.ts';
import type { OcrLang } from './ocr/engine.ts';
import { ocrLangsFromEnv } from './ingest/ocr-langs.ts';
import { collectRecords, toCsv, toJson } from './export.ts';
import { Authentication } from './authenticate/service.ts';
import { defaultForensicsWorkerFile, ForensicsWorker } from './authenticate/worker-client.ts';
import { inspectionReport } from './authenticate/report.ts';

type Handlers = { [M in ApiMethod]: (input: ApiOutputOfInput<M>) => Promise<ApiOutput<M>> | ApiOutput<M> };
/** Handlers receive the parsed (defaults applied) input. */
type ApiOutputOfInput<M extends ApiMethod> = import('zod').infer<(typeof api)[M]['input']>;

export interface DeskOptions {
  dataDir: string;
  transport: DeskInfo['transport'];
  /** Path of the render worker script (the Electron bundle passes its own). */
  workerFile?: string;
  /** Path of the forensics worker script (likewise). */
  forensicsWorkerFile?: string;
  /** Find stamps and signatures on each certificate of origin once it is ready (default true). */
  autoDetectMarks?: boolean;
  /** OCR languages for scanned pages; null turns OCR off (default: $ORIGINDESK_OCR_LANGS or eng+kor). */
  ocrLangs?: OcrLang[] | null;
  logger?: Logger;
}

/** Recorded with every extraction, so a record says which extractor produced it. */
const EXTRACTOR = `origindesk-fields/${APP_VERSION}`;

export class Desk {
  readonly store: CaseStore;
  readonly blobs: BlobStore;
  readonly queue: IngestQueue;
  readonly records: RecordStore;
  readonly auth: Authentication;
  private readonly forensics: ForensicsWorker;
  readonly log: Logger;
  private readonly events = new EventEmitter();
  private readonly handlers: Handlers;

  private constructor(readonly options: DeskOptions) {
    mkdirSync(options.dataDir, { recursive: true });
    this.log = options.logger ?? createLogger(options.dataDir);
    this.store = new CaseStore(join(options.dataDir, 'origindesk.db'));
    this.blobs = new BlobStore(options.dataDir);
    this.events.setMaxListeners(100);
    this.records = new RecordStore(this.store.db);
    this.forensics = new ForensicsWorker(options.forensicsWorkerFile ?? defaultForensicsWorkerFile(), this.log);
    this.auth = new Authentication(this.store, this.blobs, this.forensics, this.log, (e) => this.publish(e), this.records);
    this.queue = new IngestQueue(
      this.store,
      this.blobs,
      this.log,
      (e) => this.publish(e),
      {
        afterPage: (documentId, pageId, words) => this.indexPage(documentId, pageId, words),
        afterDocument: (documentId) => this.extract(documentId),
      },
      { workerFile: options.workerFile ?? defaultWorkerFile(), ocrLangs: options.ocrLangs !== undefined ? options.ocrLangs : ocrLangsFromEnv() },
    );
    this.handlers = this.createHandlers();
    if (options.autoDetectMarks !== false) this.onEvent((e) => this.autoDetect(e));
  }

  /** A C/O that just became ready gets its stamps and signatures found in the background. */
  private autoDetect(e: DeskEvent): void {
    if (e.type !== 'job' || e.job.status !== 'ready') return;
    const { documentId } = e.job;
    if (this.store.getDocument(documentId).kind !== 'certificate_of_origin' || this.auth.marks.detectedAt(documentId)) return;
    this.auth.detect(documentId).catch((err: unknown) => this.log.warn({ err, documentId }, 'automatic stamp detection failed'));
  }

  static open(options: DeskOptions): Desk {
    const desk = new Desk(options);
    desk.log.info({ dataDir: options.dataDir, transport: options.transport }, 'desk opened');
    desk.queue.resume();
    return desk;
  }

  async close(): Promise<void> {
    await this.queue.close();
    await this.forensics.close();
    this.store.close();
    this.log.info('desk closed');
  }

  onEvent(listener: (event: DeskEvent) => void): () => void {
    this.events.on('event', listener);
    return () => this.events.off('event', listener);
  }

  private publish(event: DeskEvent): void {
    this.events.emit('event', event);
  }

  /** The single entry point of every transport: validate, run, validate the answer. */
  async dispatch(method: string, rawInput: unknown): Promise<unknown> {
    if (!isApiMethod(method)) throw new DeskError('invalid_argument', `unknown method ${method}`);
    const parsed = api[method].input.safeParse(rawInput ?? {});
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const where = issue?.path.join('.') || 'input';
      throw new DeskError('invalid_argument', `${where}: ${issue?.message ?? 'invalid'}`, { field: where });
    }
    const handler = this.handlers[method] as (input: unknown) => unknown;
    const result = await handler(parsed.data);
    return api[method].output.parse(result);
  }

  /** Typed convenience for in-process callers (CLI, tests); same validation as the transports. */
  call<M extends ApiMethod>(method: M, input: ApiInput<M>): Promise<ApiOutput<M>> {
    return this.dispatch(method, input) as Promise<ApiOutput<M>>;
  }

  /** Absolute path of a rendered page image, for the transports that serve images. */
  pageImagePath(pageId: string, variant: 'full' | 'thumb'): string {
    const page = this.store.getPage(pageId);
    return this.blobs.pageImagePath(page.sha256, page.index, variant);
  }

  private indexPage(documentId: string, pageId: string, words: PageWord[]): void {
    const { caseId } = this.store.getDocument(documentId);
    this.records.indexPageText(caseId, documentId, pageId, words.map((w) => w.text).join(' '));
  }

  /** Classifies the document and extracts its fields from the stored page words. */
  extract(documentId: string): void {
    const doc = this.store.getDocument(documentId);
    const pages: PageText[] = this.store.listPages(documentId).map((p) => ({
      index: p.index,
      width: p.width,
      height: p.height,
      dpi: p.dpi,
      source: this.store.pageTextSource(p.id) ?? 'ocr',
      words: this.store.pageWords(p.id).map((w) => ({ ...w, conf: w.conf ?? 1 })),
    }));
    const record = extractRecord(pages);
    this.records.saveRecord(documentId, doc.caseId, record, EXTRACTOR);
    if (doc.kind === 'unclassified') this.store.setDocumentKind(documentId, kindOfForm(record.form));
    this.log.info({ documentId, form: record.form, fields: record.fields.filter((f) => f.value !== null).length }, 'record extracted');
  }

  private ingest(caseId: string, fileName: string, data: Uint8Array): IngestResult {
    this.store.getCase(caseId); // not_found before anything is written
    const sha = sha256Hex(data);
    const inCase = this.store.findDocumentInCase(caseId, sha);
    if (inCase) return { document: inCase, duplicateInCase: true, linkedExistingOriginal: true };

    const fileType = data.byteLength > 0 ? sniffFileType(data.subarray(0, 1024)) : 'unknown';
    const linkedExistingOriginal = this.store.hasOriginal(sha);
    // The original is on disk before anything tries to read it.
    this.blobs.putOriginal(sha, data);
    this.store.addOriginal(sha, data.byteLength, fileType);
    this.log.info({ caseId, fileName, sha, bytes: data.byteLength, fileType, linkedExistingOriginal }, 'original stored');

    const claimed = typeFromFileName(fileName);
    const base = { caseId, sha256: sha, fileName };
    if (data.byteLength === 0) {
      const error = new DeskError('empty_file', `${fileName} is empty (0 bytes)`, { fileName }).toInfo();
      return { document: this.store.addDocument({ ...base, status: 'failed', error }), duplicateInCase: false, linkedExistingOriginal };
    }
    if (fileType === 'unknown') {
      const error = new DeskError(
        'unsupported_type',
        `${fileName} is not a PDF, TIFF, PNG or JPEG file${claimed ? ` although its name ends in .${fileName.split('.').pop()}` : ''}`,
        { fileName },
      ).toInfo();
      return { document: this.store.addDocument({ ...base, status: 'failed', error }), duplicateInCase: false, linkedExistingOriginal };
    }
    const notice =
      claimed && claimed !== fileType
        ? new DeskError('extension_mismatch', `${fileName} is named as ${claimed.toUpperCase()} but is a ${fileType.toUpperCase()} file; processed as ${fileType.toUpperCase()}`, {
            fileName,
            claimed,
            actual: fileType,
          }).toInfo()
        : null;
    const doc = this.store.addDocument({ ...base, status: 'queued', notice });
    const twin = linkedExistingOriginal ? this.store.readyDocumentOfOriginal(sha) : undefined;
    if (twin && twin.id !== doc.id) {
      this.store.copyPages(twin.id, doc.id);
      for (const page of this.store.listPages(doc.id)) this.indexPage(doc.id, page.id, this.store.pageWords(page.id));
      this.extract(doc.id);
      const ready = this.store.getDocument(doc.id);
      const pages = ready.pageTotal ?? 0;
      this.publish({
        type: 'job',
        job: { documentId: ready.id, caseId, fileName, status: ready.status, phase: 'extract', pagesDone: pages, pageTotal: pages, phaseTotal: pages, error: null },
      });
      return { document: ready, duplicateInCase: false, linkedExistingOriginal };
    }
    return { document: this.queue.enqueue(doc.id), duplicateInCase: false, linkedExistingOriginal };
  }

  private createHandlers(): Handlers {
    const { store, queue, auth } = this;
    return {
      'desk.info': () => ({
        version: APP_VERSION,
        transport: this.options.transport,
        dataDir: this.options.dataDir,
        accelerator: 'CPU',
      }),
      'cases.list': ({ search }) => store.listCases(search),
      'cases.create': (input) => {
        const c = store.createCase(input);
        this.log.info({ caseId: c.id }, 'case created');
        return c;
      },
      'cases.update': ({ id, ...input }) => {
        const c = store.updateCase(id, input);
        this.publish({ type: 'case-changed', caseId: id });
        return c;
      },
      'cases.get': ({ id }) => ({
        case: store.getCase(id),
        documents: store.listDocuments(id).map((d) => ({ ...d, pages: store.listPages(d.id) })),
      }),
      'documents.ingest': ({ caseId, fileName, data }) => this.ingest(caseId, fileName, data),
      'documents.setKind': ({ documentId, kind }) => store.setDocumentKind(documentId, kind),
      'documents.unlock': ({ documentId, password }) => {
        const doc = store.getDocument(documentId);
        if (doc.status !== 'needs_password') {
          throw new DeskError('invalid_argument', `${doc.fileName} is not waiting for a password`);
        }
        return queue.enqueue(documentId, password);
      },
      'documents.retry': ({ documentId }) => {
        const doc = store.getDocument(documentId);
        if (doc.status === 'queued' || doc.status === 'processing') return doc;
        if (doc.fileType === 'unknown' || doc.byteSize === 0) {
          throw new DeskError(doc.error?.code ?? 'unsupported_type', doc.error?.message ?? 'this file cannot be processed');
        }
        return queue.enqueue(documentId);
      },
      'documents.cancel': ({ documentId }) => queue.cancel(documentId),
      'pages.rotate': ({ pageId, rotation }) => store.setPageRotation(pageId, rotation),
      'jobs.list': () => queue.progress(),
      'documents.record': ({ documentId }) => {
        store.getDocument(documentId);
        return { documentId, record: this.records.getRecord(documentId), history: this.records.history(documentId) };
      },
      'fields.correct': ({ documentId, key, value, editor }) => {
        const doc = store.getDocument(documentId);
        const field = this.records.correctField(documentId, doc.caseId, key, value, editor);
        this.log.info({ documentId, key, editor }, 'field corrected');
        return field;
      },
      'cases.findings': ({ caseId }) => {
        store.getCase(caseId);
        return caseFindings(store, this.records, caseId);
      },
      'records.export': ({ format, caseId }) => {
        const rows = collectRecords(store, this.records, caseId);
        const stem = `origindesk-records-${caseId ? store.getCase(caseId).declarationNo.replace(/[^\w.-]+/g, '_') : 'all'}`;
        return format === 'csv'
          ? { fileName: `${stem}.csv`, mimeType: 'text/csv;charset=utf-8', content: toCsv(rows) }
          : { fileName: `${stem}.json`, mimeType: 'application/json', content: toJson(rows) };
      },
      'search.query': ({ query, limit }) => search(this.store, this.records, query, limit),
      'marks.detect': ({ documentId }) => auth.detect(documentId),
      'marks.list': ({ documentId }) => auth.list(documentId),
      'marks.add': ({ pageId, box, kind }) => auth.add(pageId, box, kind),
      'marks.update': ({ markId, box, kind }) => auth.update(markId, box, kind),
      'marks.remove': ({ markId }) => {
        auth.marks.removeMark(markId);
        return { ok: true as const };
      },
      'marks.images': ({ markId }) => auth.images(markId),
      'marks.identify': ({ markId, k }) => auth.identify(markId, k),
      'marks.verify': ({ markId, ownerId }) => auth.verify(markId, ownerId),
      'marks.verifications': ({ markId }) => auth.verifications(markId),
      'marks.decide': (input) => {
        const v = auth.marks.decide(input);
        this.log.info({ markId: input.markId, verdict: input.verdict, examiner: input.examiner }, 'examiner verdict recorded');
        return v;
      },
      'marks.decisions': ({ markId }) => {
        auth.marks.getMark(markId);
        return auth.marks.decisionsOf(markId);
      },
      'library.owners': (filter) => auth.marks.listOwners(filter),
      'library.saveOwner': (input) => auth.saveOwner(input),
      'library.retireOwner': ({ id }) => auth.retireOwner(id),
      'library.specimens': ({ ownerId, includeRetired }) => auth.specimens(ownerId, includeRetired),
      'library.addSpecimen': (input) => auth.addSpecimen(input),
      'library.uploadSpecimen': (input) => auth.uploadSpecimen(input),
      'library.retireSpecimen': ({ id }) => auth.retireSpecimen(id),
      'reports.inspection': ({ caseId }) => inspectionReport(this, caseId),
    };
  }
}
