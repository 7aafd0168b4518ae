/**
 * Forensics worker thread: answers the desk's requests with the engine's functions, one at a
 * time, so detection and verification never run on the thread that serves the UI.
 */
import { parentPort } from 'node:worker_threads';
import * as engine from './engine.ts';
import type { ForensicsReply, ForensicsRequest } from './protocol.ts';

const port = parentPort;
if (!port) throw new Error('forensics worker must run in a worker thread');

port.on('message', async (req: ForensicsRequest) => {
  try {
    const fn = engine[req.op] as (...args: unknown[]) => Promise<unknown>;
    const result = await fn(...req.args);
    port.postMessage({ id: req.id, ok: true, result } satisfies ForensicsReply);
  } catch (err) {
    port.postMessage({ id: req.id, ok: false, message: err instanceof Error ? err.message : String(err) } satisfies ForensicsReply);
  }
});
