/**
 * The ingest job queue: one document at a time through one render worker thread (2-core desks:
 * the other core keeps the UI and API responsive). State lives in the store — a document's
 * status is its job state — so an interrupted ingest resumes from the stored original after a restart.
 */
import { join } from 'node:path';
import type { Worker } from 'node:worker_threads';
import type { DeskErrorInfo, DeskEvent, Document, JobProgress } from '../../contract/api.ts';
import type { Logger } from '../log.ts';
import type { BlobStore } from '../store/blobs.ts';
import type { CaseStore, PageWord } from '../store/case-store.ts';
import type { OcrLang } from '../ocr/engine.ts';
import type { RenderReply, RenderRequest } from './worker-protocol.ts';
import { startWorker, workerBeside } from '../worker-thread.ts';

/** English plus Korean: the desk's C/Os and invoices; Chinese text of Form E is bilingual with English. */
export const DEFAULT_OCR_LANGS: OcrLang[] = ['eng', 'kor'];

interface ActiveJob {
  jobId: number;
  documentId: string;
  phase: JobPhase;
  /** Pages done in the current phase, of phaseTotal. */
  pagesDone: number;
  phaseTotal: number | null;
  pageTotal: number | null;
}

type JobPhase = JobProgress['phase'];

export interface IngestHooks {
  /** A page and its words are stored (the desk indexes them for search). */
  afterPage(documentId: string, pageId: string, words: PageWord[]): void;
  /** All pages are rendered and read: extract the record. Errors are logged, never fail the ingest. */
  afterDocument(documentId: string): void;
}

export interface IngestOptions {
  workerFile?: string;
  /** OCR languages for pages without a text layer; null turns OCR off. */
  ocrLangs?: OcrLang[] | null;
}

/** The worker script beside this module: TypeScript in development (run through tsx), JS when bundled. */
export function defaultWorkerFile(): string {
  return workerBeside(import.meta.url, 'render-worker');
}

export class IngestQueue {
  private pending: string[] = [];
  private passwords = new Map<string, string>();
  private active: ActiveJob | undefined;
  private worker: Worker | undefined;
  private nextJobId = 1;
  private idleWaiters: (() => void)[] = [];
  private closed = false;

  constructor(
    private readonly store: CaseStore,
    private readonly blobs: BlobStore,
    private readonly log: Logger,
    private readonly emit: (event: DeskEvent) => void,
    private readonly hooks: IngestHooks,
    private readonly options: IngestOptions = {},
  ) {
    this.workerFile = options.workerFile ?? defaultWorkerFile();
  }

  private readonly workerFile: string;

  /** Re-queues documents a previous run left queued or half processed. */
  resume(): void {
    for (const doc of this.store.documentsWithStatus(['queued', 'processing'])) {
      this.log.info({ documentId: doc.id }, 'resuming interrupted ingest');
      this.enqueue(doc.id);
    }
  }

  enqueue(documentId: string, password?: string): Document {
    if (password !== undefined) this.passwords.set(documentId, password);
    if (!this.pending.includes(documentId) && this.active?.documentId !== documentId) this.pending.push(documentId);
    const doc = this.store.setDocumentState(documentId, { status: 'queued', error: null });
    this.report(doc);
    queueMicrotask(() => this.pump());
    return doc;
  }

  cancel(documentId: string): Document {
    const wasPending = this.pending.includes(documentId);
    this.pending = this.pending.filter((id) => id !== documentId);
    const isActive = this.active?.documentId === documentId;
    if (isActive) {
      // Terminating is the only prompt cancel for a page render in progress; a fresh worker serves the next job.
      void this.worker?.terminate();
      this.worker = undefined;
      this.active = undefined;
    }
    this.passwords.delete(documentId);
    const current = this.store.getDocument(documentId);
    if (!wasPending && !isActive) return current;
    const doc = this.store.setDocumentState(documentId, {
      status: 'cancelled',
      error: { code: 'cancelled', message: 'processing was cancelled; the original is kept and can be processed again' },
    });
    this.report(doc);
    if (isActive) queueMicrotask(() => this.pump());
    return doc;
  }

  progress(): JobProgress[] {
    const out: JobProgress[] = [];
    if (this.active) out.push(this.toProgress(this.store.getDocument(this.active.documentId), this.active));
    for (const id of this.pending) out.push(this.toProgress(this.store.getDocument(id)));
    return out;
  }

  /** Resolves when nothing is queued or running (CLI batch runs and tests wait on it). */
  idle(): Promise<void> {
    if (!this.active && this.pending.length === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  async close(): Promise<void> {
    this.closed = true;
    this.pending = [];
    await this.worker?.terminate();
    this.worker = undefined;
    this.active = undefined;
    this.flushIdle();
  }

  // ---------------------------------------------------------------------

  private toProgress(doc: Document, job?: Pick<ActiveJob, 'phase' | 'pagesDone' | 'phaseTotal' | 'pageTotal'>): JobProgress {
    const pageTotal = job?.pageTotal ?? doc.pageTotal;
    return {
      documentId: doc.id,
      caseId: doc.caseId,
      fileName: doc.fileName,
      status: doc.status,
      phase: job?.phase ?? 'render',
      pagesDone: job?.pagesDone ?? 0,
      pageTotal,
      phaseTotal: job?.phaseTotal ?? pageTotal,
      error: doc.error,
    };
  }

  private report(doc: Document, job?: ActiveJob): void {
    this.emit({ type: 'job', job: this.toProgress(doc, job) });
  }

  private flushIdle(): void {
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    for (const w of waiters) w();
  }

  private ensureWorker(): Worker {
    if (this.worker) return this.worker;
    const worker = startWorker(this.workerFile);
    worker.on('message', (msg: RenderReply) => this.onReply(worker, msg));
    worker.on('error', (err) => {
      this.log.error({ err }, 'render worker error');
      this.onWorkerLost(worker, { code: 'internal', message: `the page renderer failed: ${err.message}` });
    });
    worker.on('exit', (code) => {
      if (code !== 0) this.onWorkerLost(worker, { code: 'internal', message: `the page renderer stopped (exit ${code})` });
    });
    this.worker = worker;
    return worker;
  }

  private onWorkerLost(worker: Worker, error: DeskErrorInfo): void {
    if (this.worker !== worker) return; // a worker we terminated on purpose
    this.worker = undefined;
    if (this.active) this.finish(this.active, 'failed', error);
  }

  private pump(): void {
    if (this.closed || this.active) return;
    const documentId = this.pending.shift();
    if (!documentId) {
      this.flushIdle();
      return;
    }
    const doc = this.store.getDocument(documentId);
    const job: ActiveJob = {
      jobId: this.nextJobId++,
      documentId,
      phase: 'render',
      pagesDone: 0,
      phaseTotal: doc.pageTotal,
      pageTotal: doc.pageTotal,
    };
    this.active = job;
    const started = this.store.setDocumentState(documentId, { status: 'processing', error: null });
    this.report(started, job);
    const password = this.passwords.get(documentId);
    const request: RenderRequest = {
      type: 'render',
      jobId: job.jobId,
      path: this.blobs.originalPath(doc.sha256),
      fileType: doc.fileType,
      renderDir: this.blobs.renderDir(doc.sha256),
      // Language data is unpacked once into the desk's data folder, not a temp folder.
      ocr: this.options.ocrLangs === null ? null : { langs: this.options.ocrLangs ?? DEFAULT_OCR_LANGS, dataDir: join(this.blobs.root, 'ocr-data') },
      ...(password !== undefined ? { password } : {}),
    };
    this.log.info({ documentId, fileName: doc.fileName, fileType: doc.fileType }, 'ingest started');
    this.ensureWorker().postMessage(request);
  }

  private onReply(worker: Worker, msg: RenderReply): void {
    const job = this.active;
    if (worker !== this.worker || !job || msg.jobId !== job.jobId) return; // stale reply of a cancelled job
    switch (msg.type) {
      case 'total': {
        job.pageTotal = msg.total;
        job.phaseTotal = msg.total;
        this.report(this.store.setDocumentState(job.documentId, { status: 'processing', pageTotal: msg.total }), job);
        break;
      }
      case 'page': {
        const { index, words, ...meta } = msg.page;
        const page = this.store.upsertPage(job.documentId, index, meta, words);
        this.hooks.afterPage(job.documentId, page.id, words);
        job.pagesDone++;
        this.report(this.store.getDocument(job.documentId), job);
        break;
      }
      case 'ocr-start':
        Object.assign(job, { phase: 'ocr', pagesDone: 0, phaseTotal: msg.total });
        this.report(this.store.getDocument(job.documentId), job);
        break;
      case 'page-text': {
        const page = this.store.listPages(job.documentId).find((p) => p.index === msg.index);
        if (page) {
          this.store.setPageWords(page.id, 'ocr', msg.words);
          this.hooks.afterPage(job.documentId, page.id, msg.words);
        }
        job.pagesDone++;
        this.report(this.store.getDocument(job.documentId), job);
        break;
      }
      case 'done':
        Object.assign(job, { phase: 'extract', pagesDone: 0, phaseTotal: null });
        this.report(this.store.getDocument(job.documentId), job);
        try {
          this.hooks.afterDocument(job.documentId);
        } catch (err) {
          this.log.error({ err, documentId: job.documentId }, 'field extraction failed');
        }
        this.finish(job, 'ready', null);
        break;
      case 'error': {
        const status = msg.error.code === 'password_required' || msg.error.code === 'wrong_password' ? 'needs_password' : 'failed';
        this.finish(job, status, msg.error);
        break;
      }
    }
  }

  private finish(job: ActiveJob, status: 'ready' | 'failed' | 'needs_password', error: DeskErrorInfo | null): void {
    this.active = undefined;
    this.passwords.delete(job.documentId);
    const doc = this.store.setDocumentState(job.documentId, { status, error, pageTotal: job.pageTotal });
    if (error) this.log.warn({ documentId: job.documentId, error }, 'ingest did not complete');
    else this.log.info({ documentId: job.documentId, pages: job.pageTotal }, 'ingest finished');
    this.report(doc, job);
    this.emit({ type: 'case-changed', caseId: doc.caseId });
    this.pump();
  }
}
