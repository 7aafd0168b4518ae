/**
 * The Electron IPC transport without the Electron binary: the renderer's IPC client
 * (renderer/src/client/ipc-client.ts) over a bridge shaped like the preload's, whose invoke goes
 * through the main process's handler (desk/ipc.ts) to a real Desk. Values cross as Electron
 * sends them: structured clones.
 */
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { DeskCallError, type DeskEvent } from '../../contract/api.ts';
import { ipcCallHandler, ownPage, type IpcSender } from '../../desk/ipc.ts';
import { createIpcClient, type IpcBridge } from '../../renderer/src/client/ipc-client.ts';
import { makePdf } from '../fixtures/documents.ts';
import { today, withDesk } from '../helpers.ts';

const rendererIndex = join('/opt/OriginDesk/resources/app.asar/out/renderer', 'index.html');
const own: IpcSender = { senderFrame: { url: pathToFileURL(rendererIndex).href } };

function bridgeFor(desk: Parameters<typeof ipcCallHandler>[0] & { onEvent(l: (e: DeskEvent) => void): () => void }, sender: IpcSender = own): IpcBridge {
  const handle = ipcCallHandler(desk, ownPage(rendererIndex));
  return {
    invoke: async (method, input) => structuredClone(await handle(sender, method, structuredClone(input))),
    pageImageUrl: (pageId, variant) => `od-page://pages/${encodeURIComponent(pageId)}/${encodeURIComponent(variant)}`,
    onEvent: (listener) => desk.onEvent((e) => listener(structuredClone(e))),
  };
}

describe('Electron IPC transport (main handler + renderer client, no binary)', () => {
  it('calls the desk, carries file bytes, and delivers its events', () =>
    withDesk(async (desk) => {
      const client = createIpcClient(bridgeFor(desk));
      const events: DeskEvent[] = [];
      const off = client.onEvent((e) => events.push(e));
      const c = await client.call('cases.create', { declarationNo: 'KR-IPC-1', port: 'Busan', date: today(), notes: '' });
      expect((await client.call('cases.list', {})).map((x) => x.declarationNo)).toContain('KR-IPC-1');
      const { document } = await client.call('documents.ingest', { caseId: c.id, fileName: 'co.pdf', data: await makePdf(2) });
      await desk.queue.idle();
      const detail = await client.call('cases.get', { id: c.id });
      expect(detail.documents.find((d) => d.id === document.id)?.pages).toHaveLength(2);
      // progress of the ingest reached the renderer, parsed against the contract
      expect(events.some((e) => e.type === 'job' && e.job.documentId === document.id)).toBe(true);
      off();
    }));

  it('bad input and unknown methods come back as desk errors, not crashes', () =>
    withDesk(async (desk) => {
      const client = createIpcClient(bridgeFor(desk));
      const err = await client.call('cases.create', { declarationNo: '', port: 'Busan', date: 'not a date', notes: '' }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(DeskCallError);
      expect(err).toMatchObject({ info: { code: 'invalid_argument' } });
      await expect(client.call('cases.drop_everything' as never, {} as never)).rejects.toBeInstanceOf(DeskCallError);
      const handle = ipcCallHandler(desk, ownPage(rendererIndex));
      expect(await handle(own, 42, {})).toMatchObject({ ok: false, error: { code: 'invalid_argument' } });
    }));

  it('only the desk\'s own page may call: other frames are refused before the desk sees the call', () =>
    withDesk(async (desk) => {
      let dispatched = 0;
      const counting = { dispatch: (m: string, i: unknown) => (dispatched++, desk.dispatch(m, i)), onEvent: desk.onEvent.bind(desk) };
      for (const url of [undefined, 'https://example.org/', 'file:///tmp/evil/index.html', `${pathToFileURL(rendererIndex).href}.evil.html`]) {
        const client = createIpcClient(bridgeFor(counting, { senderFrame: { url } }));
        await expect(client.call('cases.list', {})).rejects.toMatchObject({ info: { code: 'unauthorized' } });
      }
      expect(dispatched).toBe(0);
      expect(await createIpcClient(bridgeFor(counting)).call('cases.list', {})).toEqual([]);
      expect(ownPage(rendererIndex, 'http://localhost:5173')('http://localhost:5173/#/cases')).toBe(true);
    }));
});
