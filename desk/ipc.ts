/**
 * The desk's side of the Electron IPC transport, kept out of electron/main.ts so it runs and is
 * tested under plain Node (the Electron binary cannot be had everywhere). main.ts wires
 * `ipcCallHandler` to `ipcMain.handle(IPC_CHANNELS.call, …)`; the preload's bridge and
 * renderer/src/client/ipc-client.ts are the other end.
 *
 * Every call answers `{ ok: true, value }` or `{ ok: false, error }` (errors travel as data: the
 * context bridge strips custom error properties). Only the desk's own page may call; the method
 * name and its input are validated by `Desk.dispatch` against the contract like any other call.
 */
import { pathToFileURL } from 'node:url';
import type { DeskErrorInfo } from '../contract/api.ts';
import { toErrorInfo } from './errors.ts';

export type IpcReply = { ok: true; value: unknown } | { ok: false; error: DeskErrorInfo };

/** The part of an Electron IpcMainInvokeEvent the handler looks at. */
export interface IpcSender {
  senderFrame?: { url?: string } | null;
}

/** True for the desk's own page: the built renderer's index.html, or the dev server in development. */
export function ownPage(rendererIndex: string, devServerUrl?: string): (url: string | undefined) => boolean {
  const own = pathToFileURL(rendererIndex).href;
  return (url) => {
    if (!url) return false;
    if (devServerUrl && url.startsWith(devServerUrl)) return true;
    return url === own || url.startsWith(`${own}#`) || url.startsWith(`${own}?`);
  };
}

export function ipcCallHandler(
  desk: { dispatch(method: string, input: unknown): Promise<unknown> },
  isOwnPage: (url: string | undefined) => boolean,
): (event: IpcSender, method: unknown, input: unknown) => Promise<IpcReply> {
  return async (event, method, input) => {
    if (!isOwnPage(event.senderFrame?.url)) return { ok: false, error: { code: 'unauthorized', message: 'unknown sender' } };
    if (typeof method !== 'string') return { ok: false, error: { code: 'invalid_argument', message: 'the method name must be a string' } };
    try {
      return { ok: true, value: await desk.dispatch(method, input) };
    } catch (err) {
      return { ok: false, error: toErrorInfo(err) };
    }
  };
}
