/** DeskClient over the Electron preload bridge (see electron/preload.ts). */
import {
  DeskCallError,
  DeskEvent,
  type ApiInput,
  type ApiMethod,
  type ApiOutput,
  type DeskClient,
  type DeskErrorInfo,
  type PageImageVariant,
} from '../../../contract/api.ts';

export interface IpcBridge {
  invoke(method: string, input: unknown): Promise<{ ok: true; value: unknown } | { ok: false; error: DeskErrorInfo }>;
  pageImageUrl(pageId: string, variant: string): string;
  onEvent(listener: (event: unknown) => void): () => void;
}

export function createIpcClient(bridge: IpcBridge): DeskClient {
  return {
    async call<M extends ApiMethod>(method: M, input: ApiInput<M>): Promise<ApiOutput<M>> {
      const reply = await bridge.invoke(method, input);
      if (!reply.ok) throw new DeskCallError(reply.error);
      return reply.value as ApiOutput<M>;
    },
    pageImageUrl: (pageId: string, variant: PageImageVariant) => bridge.pageImageUrl(pageId, variant),
    onEvent(listener) {
      return bridge.onEvent((raw) => {
        const parsed = DeskEvent.safeParse(raw);
        if (parsed.success) listener(parsed.data);
      });
    },
  };
}
