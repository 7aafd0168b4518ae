/** Picks the transport: the Electron preload's bridge when present, HTTP (web mode) otherwise. */
import type { DeskClient } from '../../../contract/api.ts';
import { createIpcClient, type IpcBridge } from './ipc-client.ts';
import { createWebClient } from './web-client.ts';

declare global {
  interface Window {
    origindeskIpc?: IpcBridge;
  }
}

export const transport: 'ipc' | 'web' = window.origindeskIpc ? 'ipc' : 'web';
export const desk: DeskClient = window.origindeskIpc ? createIpcClient(window.origindeskIpc) : createWebClient();
