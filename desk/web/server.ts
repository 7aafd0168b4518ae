/**
 * Web mode: the built renderer and the same API over HTTP, for a browser on this machine only.
 *
 * Guards, in order: loopback bind; Host header must name this server (defeats DNS rebinding);
 * Origin, when sent, must be this server (defeats cross-site requests); API and page images need
 * the per-launch token, as an HttpOnly SameSite=Strict cookie set by `/?token=…` or a Bearer header.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, sep } from 'node:path';
import {
  BINARY_METHODS,
  isApiMethod,
  MAX_UPLOAD_BYTES,
  PAGE_IMAGE_VARIANTS,
  type DeskErrorInfo,
  type ErrorCode,
} from '../../contract/api.ts';
import { DeskError, toErrorInfo } from '../errors.ts';
import type { Desk } from '../service.ts';

export const COOKIE = 'od_token';
const MAX_JSON_BYTES = 1024 * 1024;

/** The Content-Security-Policy of every served page (the Electron shell sets the same). */
export const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' blob: data:",
  "connect-src 'self'",
  "font-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
  '.ico': 'image/x-icon',
};

const STATUS: Partial<Record<ErrorCode, number>> = {
  invalid_argument: 400,
  unauthorized: 401,
  not_found: 404,
  too_large: 413,
  internal: 500,
};

export interface WebServerOptions {
  desk: Desk;
  /** Folder of the built renderer (out/renderer). */
  rendererDir: string;
  port?: number;
  /** Fixed token (tests); a random one per launch otherwise. */
  token?: string;
}

export interface WebServer {
  server: Server;
  port: number;
  token: string;
  url: string;
  close(): Promise<void>;
}

class HttpError extends DeskError {}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const data = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(data),
    'cache-control': 'no-store',
  });
  res.end(data);
}

function sendError(res: ServerResponse, info: DeskErrorInfo): void {
  sendJson(res, STATUS[info.code] ?? 422, { error: info });
}

async function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > limit) throw new HttpError('too_large', `request body over ${limit} bytes`);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) throw new HttpError('too_large', `request body over ${limit} bytes`);
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

function cookieToken(req: IncomingMessage): string | undefined {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const [k, v] = part.trim().split('=');
    if (k === COOKIE && v) return decodeURIComponent(v);
  }
  return undefined;
}

export function startWebServer(opts: WebServerOptions): Promise<WebServer> {
  const { desk, rendererDir } = opts;
  const token = opts.token ?? randomBytes(32).toString('base64url');
  const tokenBuf = Buffer.from(token);
  const sameToken = (t: string | undefined) => {
    if (!t) return false;
    const b = Buffer.from(t);
    return b.length === tokenBuf.length && timingSafeEqual(b, tokenBuf);
  };
  let port = 0;
  const allowedHosts = () => new Set([`127.0.0.1:${port}`, `localhost:${port}`]);

  const authorised = (req: IncomingMessage) => {
    const auth = req.headers.authorization;
    const bearer = auth?.startsWith('Bearer ') ? auth.slice(7) : undefined;
    return sameToken(bearer) || sameToken(cookieToken(req));
  };

  const serveStatic = (res: ServerResponse, pathname: string) => {
    const rel = pathname === '/' ? 'index.html' : decodeURIComponent(pathname.slice(1));
    const file = normalize(join(rendererDir, rel));
    if (!file.startsWith(normalize(rendererDir) + sep) || !existsSync(file) || !statSync(file).isFile()) {
      // Client-side routes fall back to the app shell.
      if (extname(rel) === '' && existsSync(join(rendererDir, 'index.html'))) return serveStatic(res, '/');
      return sendError(res, { code: 'not_found', message: `no such file: ${pathname}` });
    }
    res.writeHead(200, {
      'content-type': MIME[extname(file)] ?? 'application/octet-stream',
      'cache-control': rel === 'index.html' ? 'no-store' : 'private, max-age=3600',
    });
    createReadStream(file).pipe(res);
  };

  const serveEvents = (req: IncomingMessage, res: ServerResponse) => {
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store', connection: 'keep-alive' });
    res.write(': connected\n\n');
    const off = desk.onEvent((e) => res.write(`data: ${JSON.stringify(e)}\n\n`));
    const beat = setInterval(() => res.write(': keep-alive\n\n'), 15_000);
    req.on('close', () => {
      off();
      clearInterval(beat);
    });
  };

  const servePageImage = (res: ServerResponse, id: string, variant: string) => {
    if (!(PAGE_IMAGE_VARIANTS as readonly string[]).includes(variant)) {
      throw new HttpError('invalid_argument', `unknown image variant ${variant}`);
    }
    const file = desk.pageImagePath(decodeURIComponent(id), variant as 'full' | 'thumb');
    if (!existsSync(file)) throw new HttpError('not_found', 'the page image is not rendered');
    res.writeHead(200, {
      'content-type': variant === 'full' ? 'image/png' : 'image/jpeg',
      'content-length': statSync(file).size,
      'cache-control': 'private, max-age=86400, immutable',
    });
    createReadStream(file).pipe(res);
  };

  const callApi = async (req: IncomingMessage, res: ServerResponse, method: string) => {
    if (req.method !== 'POST') throw new HttpError('invalid_argument', 'API calls use POST');
    if (!isApiMethod(method)) throw new HttpError('not_found', `unknown method ${method}`);
    let input: unknown;
    if (BINARY_METHODS.has(method)) {
      let args: Record<string, unknown>;
      try {
        args = JSON.parse(decodeURIComponent(String(req.headers['x-od-args'] ?? '{}'))) as Record<string, unknown>;
      } catch {
        throw new HttpError('invalid_argument', 'x-od-args is not JSON');
      }
      const body = await readBody(req, MAX_UPLOAD_BYTES);
      input = { ...args, data: new Uint8Array(body.buffer, body.byteOffset, body.byteLength) };
    } else {
      const body = await readBody(req, MAX_JSON_BYTES);
      try {
        input = body.length ? JSON.parse(body.toString('utf8')) : {};
      } catch {
        throw new HttpError('invalid_argument', 'request body is not JSON');
      }
    }
    sendJson(res, 200, await desk.dispatch(method, input));
  };

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    res.setHeader('content-security-policy', CSP);
    res.setHeader('x-content-type-options', 'nosniff');
    res.setHeader('referrer-policy', 'no-referrer');
    res.setHeader('x-frame-options', 'DENY');
    res.setHeader('cross-origin-resource-policy', 'same-origin');

    if (!allowedHosts().has(req.headers.host ?? '')) {
      return sendError(res, { code: 'unauthorized', message: 'requests must be addressed to this machine' });
    }
    const origin = req.headers.origin;
    if (origin !== undefined && !allowedHosts().has(origin.replace(/^http:\/\//, ''))) {
      return sendError(res, { code: 'unauthorized', message: 'cross-origin requests are refused' });
    }
    const url = new URL(req.url ?? '/', `http://${req.headers.host}`);
    const path = url.pathname;

    if (path === '/' && url.searchParams.has('token')) {
      if (!sameToken(url.searchParams.get('token') ?? undefined)) {
        return sendError(res, { code: 'unauthorized', message: 'the token is not valid for this launch' });
      }
      // Swap the URL token for a cookie and drop it from the address bar and history.
      res.writeHead(303, {
        'set-cookie': `${COOKIE}=${encodeURIComponent(token)}; HttpOnly; SameSite=Strict; Path=/`,
        location: '/',
      });
      return res.end();
    }

    const protectedPath = path.startsWith('/api/') || path.startsWith('/files/');
    if (!protectedPath) {
      if (req.method !== 'GET' && req.method !== 'HEAD') return sendError(res, { code: 'invalid_argument', message: 'method not allowed' });
      return serveStatic(res, path);
    }
    if (!authorised(req)) {
      return sendError(res, { code: 'unauthorized', message: 'open the address printed by `origindesk web` (it carries the access token)' });
    }
    if (path === '/api/events') return serveEvents(req, res);
    const pageImage = /^\/files\/pages\/([^/]+)\/([a-z]+)$/.exec(path);
    if (pageImage) return servePageImage(res, pageImage[1]!, pageImage[2]!);
    if (path.startsWith('/api/')) return callApi(req, res, path.slice(5));
    return sendError(res, { code: 'not_found', message: `no route ${path}` });
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      const info = toErrorInfo(err);
      if (info.code === 'internal') desk.log.error({ err, url: req.url }, 'request failed');
      if (!res.headersSent) sendError(res, info);
      else res.end();
      // A body we refused to read must not keep the socket busy.
      if (info.code === 'too_large') req.destroy();
    });
  });
  server.requestTimeout = 10 * 60_000;

  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => {
      port = (server.address() as AddressInfo).port;
      const url = `http://127.0.0.1:${port}/?token=${token}`;
      desk.log.info({ port }, 'web mode listening');
      resolve({
        server,
        port,
        token,
        url,
        close: () =>
          new Promise<void>((done) => {
            server.closeAllConnections();
            server.close(() => done());
          }),
      });
    });
  });
}
