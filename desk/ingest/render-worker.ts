/**
 * Worker-thread entry: renders one document at a time and reports each page as it lands,
 * so a 50-page PDF never blocks the thread that serves the UI. Cancel = terminate the thread.
 */
import { parentPort } from 'node:worker_threads';
import { toErrorInfo } from '../errors.ts';
import { pageImageFile } from '../store/blobs.ts';
import { renderDocument } from './render.ts';
import type { RenderReply, RenderRequest } from './worker-protocol.ts';

const port = parentPort;
if (!port) throw new Error('render-worker must run in a worker thread');
const send = (msg: RenderReply) => port.postMessage(msg);

port.on('message', async (req: RenderRequest) => {
  const { jobId } = req;
  try {
    await renderDocument(
      req.path,
      req.fileType,
      req.password,
      { pagePath: (index, variant) => pageImageFile(req.renderDir, index, variant) },
      {
        onTotal: (total) => send({ type: 'total', jobId, total }),
        onPage: (page) => send({ type: 'page', jobId, page }),
        cancelled: () => false,
      },
    );
    send({ type: 'done', jobId });
  } catch (err) {
    send({ type: 'error', jobId, error: toErrorInfo(err) });
  }
});
