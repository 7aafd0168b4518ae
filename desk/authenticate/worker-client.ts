/**
 * The desk's side of the forensics worker: typed calls that resolve with the engine's answers.
 * The thread starts on first use; if it dies, pending calls fail with a clear error and the next
 * call starts a new one.
 */
import type { Worker } from 'node:worker_threads';
import { DeskError } from '../errors.ts';
import type { Logger } from '../log.ts';
import { startWorker, workerBeside } from '../worker-thread.ts';
import type { EngineArgs, EngineOp, EngineResult, ForensicsReply } from './protocol.ts';

export function defaultForensicsWorkerFile(): string {
  return workerBeside(import.meta.url, 'worker');
}

export class ForensicsWorker {
  private worker: Worker | undefined;
  private seq = 0;
  private pending = new Map<number, { resolve(v: unknown): void; reject(e: Error): void }>();

  constructor(
    private readonly file: string,
    private readonly log: Logger,
  ) {}

  call<Op extends EngineOp>(op: Op, ...args: EngineArgs<Op>): Promise<EngineResult<Op>> {
    const worker = this.ensure();
    const id = ++this.seq;
    worker.ref(); // keep the process alive while an answer is due
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      worker.postMessage({ id, op, args });
    });
  }

  async close(): Promise<void> {
    const w = this.worker;
    this.worker = undefined;
    if (w) await w.terminate();
    this.failAll('the desk is closing');
  }

  private ensure(): Worker {
    if (this.worker) return this.worker;
    const w = startWorker(this.file);
    w.on('message', (msg: ForensicsReply) => {
      const p = this.pending.get(msg.id);
      if (!p) return;
      this.pending.delete(msg.id);
      if (this.pending.size === 0) w.unref();
      if (msg.ok) p.resolve(msg.result);
      else p.reject(new DeskError('invalid_argument', msg.message));
    });
    w.on('error', (err) => {
      this.log.error({ err }, 'forensics worker error');
      this.lost(w, `the forensics worker failed: ${err.message}`);
    });
    w.on('exit', (code) => {
      if (code !== 0) this.lost(w, `the forensics worker stopped (exit ${code})`);
    });
    // The desk may exit while the worker idles.
    w.unref();
    this.worker = w;
    return w;
  }

  private lost(w: Worker, message: string): void {
    if (this.worker === w) this.worker = undefined;
    this.failAll(message);
  }

  private failAll(message: string): void {
    for (const p of this.pending.values()) p.reject(new DeskError('internal', message));
    this.pending.clear();
  }
}
