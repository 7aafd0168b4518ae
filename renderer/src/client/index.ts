/** Picks the transport: the Electron preload's bridge when present, HTTP (web mode) otherwise. */
import type { DeskClient } from '../../../contract/api.ts';
import { createWebClient } from './web-client.ts';

declare global {
  interface Window {
    origindesk?: DeskClient;
  }
}

export const desk: DeskClient = window.origindesk ?? createWebClient();
export const transport: 'ipc' | 'web' = window.origindesk ? 'ipc' : 'web';
