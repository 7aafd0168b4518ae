/**
 * DeskClient over HTTP, for web mode. The per-launch token arrives once in the URL
 * (`/?token=…`); the server swaps it for an HttpOnly, SameSite=Strict cookie, so page
 * images and the event stream are authorised without the token ever living in page script.
 */
import {
  BINARY_METHODS,
  DeskCallError,
  DeskEvent,
  type ApiInput,
  type ApiMethod,
  type ApiOutput,
  type DeskClient,
  type PageImageVariant,
} from '../../../contract/api.ts';

async function readError(res: Response): Promise<DeskCallError> {
  try {
    const body = (await res.json()) as { error?: DeskCallError['info'] };
    if (body.error) return new DeskCallError(body.error);
  } catch {
    /* not JSON: fall through */
  }
  return new DeskCallError({
    code: res.status === 401 ? 'unauthorized' : 'internal',
    message: `HTTP ${res.status}`,
  });
}

export function createWebClient(base = ''): DeskClient {
  return {
    async call<M extends ApiMethod>(method: M, input: ApiInput<M>): Promise<ApiOutput<M>> {
      let init: RequestInit;
      if (BINARY_METHODS.has(method)) {
        const { data, ...rest } = input as { data: Uint8Array } & Record<string, unknown>;
        init = {
          method: 'POST',
          // Encode the JSON args so non-ASCII file names survive the header.
          headers: { 'content-type': 'application/octet-stream', 'x-od-args': encodeURIComponent(JSON.stringify(rest)) },
          body: data as BodyInit,
        };
      } else {
        init = { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(input) };
      }
      const res = await fetch(`${base}/api/${method}`, { ...init, credentials: 'same-origin' });
      if (!res.ok) throw await readError(res);
      return (await res.json()) as ApiOutput<M>;
    },
    pageImageUrl(pageId: string, variant: PageImageVariant): string {
      return `${base}/files/pages/${encodeURIComponent(pageId)}/${variant}`;
    },
    onEvent(listener) {
      const source = new EventSource(`${base}/api/events`);
      source.onmessage = (msg) => {
        const parsed = DeskEvent.safeParse(JSON.parse(msg.data as string));
        if (parsed.success) listener(parsed.data);
      };
      return () => source.close();
    },
  };
}
