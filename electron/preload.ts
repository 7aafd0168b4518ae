/**
 * Preload (sandboxed, CommonJS): exposes exactly three functions to the page. No Node, no
 * ipcRenderer, no arbitrary channels cross the bridge. Errors travel as data (`{ok:false,error}`)
 * because the bridge strips custom error properties.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { IPC_CHANNELS, PAGE_IMAGE_SCHEME } from '../contract/channels.ts';

contextBridge.exposeInMainWorld('origindeskIpc', {
  invoke: (method: string, input: unknown) => ipcRenderer.invoke(IPC_CHANNELS.call, method, input),
  pageImageUrl: (pageId: string, variant: string) =>
    `${PAGE_IMAGE_SCHEME}://pages/${encodeURIComponent(pageId)}/${encodeURIComponent(variant)}`,
  onEvent: (listener: (event: unknown) => void) => {
    const handler = (_e: IpcRendererEvent, event: unknown) => listener(event);
    ipcRenderer.on(IPC_CHANNELS.event, handler);
    return () => ipcRenderer.off(IPC_CHANNELS.event, handler);
  },
});
