/**
 * Worker-thread entry: renders one document at a time and reports each page as it lands, then
 * reads the pages that carry no text layer with OCR — so a 50-page scan never blocks the thread
 * that serves the UI. Cancel = terminate the thread. The OCR engine (seconds to start) is kept
 * for the worker's life and reused across documents.
 */
import { parentPort } from 'node:worker_threads';
import { toErrorInfo } from '../errors.ts';
import type { OcrEngine } from '../ocr/engine.ts';
import { createOcrEngine } from '../ocr/index.ts';
import { pageImageFile } from '../store/blobs.ts';
import { renderDocument, type RenderedPage } from './render.ts';
import type { RenderReply, RenderRequest } from './worker-protocol.ts';

const port = parentPort;
if (!port) throw new Error('render-worker must run in a worker thread');
const send = (msg: RenderReply) => port.postMessage(msg);

/** A PDF page with fewer words than this in its text layer is a scan (perhaps with a printed header). */
const MIN_TEXT_LAYER_WORDS = 3;

let engine: OcrEngine | undefined;

async function ocrPages(req: RenderRequest, pages: RenderedPage[]): Promise<void> {
  if (!req.ocr) return;
  const todo = pages.filter((p) => p.words.length < MIN_TEXT_LAYER_WORDS);
  if (todo.length === 0) return;
  send({ type: 'ocr-start', jobId: req.jobId, total: todo.length });
  engine ??= createOcrEngine({ dataDir: req.ocr.dataDir });
  for (const page of todo) {
    const result = await engine.recognize(pageImageFile(req.renderDir, page.index, 'full'), { langs: req.ocr.langs, dpi: page.dpi });
    const words = result.words.map(({ text, x, y, w, h, conf }) => ({ text, x, y, w, h, conf }));
    send({ type: 'page-text', jobId: req.jobId, index: page.index, words, angle: result.angle, skew: result.skew });
  }
}

port.on('message', async (req: RenderRequest) => {
  const { jobId } = req;
  try {
    const pages: RenderedPage[] = [];
    await renderDocument(
      req.path,
      req.fileType,
      req.password,
      { pagePath: (index, variant) => pageImageFile(req.renderDir, index, variant) },
      {
        onTotal: (total) => send({ type: 'total', jobId, total }),
        onPage: (page) => {
          pages.push(page);
          send({ type: 'page', jobId, page });
        },
        cancelled: () => false,
      },
    );
    await ocrPages(req, pages);
    send({ type: 'done', jobId });
  } catch (err) {
    send({ type: 'error', jobId, error: toErrorInfo(err) });
  }
});
