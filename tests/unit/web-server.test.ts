/**
 * Web mode over real HTTP: the token, loopback and origin guards, the API with validation,
 * binary uploads, events and page images.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoAssetsDir } from '../../desk/paths.ts';
import { Desk } from '../../desk/service.ts';
import { startWebServer, type WebServer } from '../../desk/web/server.ts';
import { makePdf } from '../fixtures/documents.ts';
import { tempDir, today } from '../helpers.ts';

/** Raw HTTP so tests can forge Host and Origin headers, which fetch() will not. */
function raw(port: number, path: string, opts: { method?: string; headers?: Record<string, string>; body?: Uint8Array | string } = {}) {
  return new Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: Buffer }>((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, method: opts.method ?? 'GET', headers: opts.headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.end(opts.body);
  });
}

describe('web mode server', () => {
  const dir = tempDir();
  let desk: Desk;
  let srv: WebServer;
  let auth: Record<string, string>;
  const host = () => ({ host: `127.0.0.1:${srv.port}` });
  const api = (method: string, body: unknown, headers: Record<string, string> = {}) =>
    raw(srv.port, `/api/${method}`, {
      method: 'POST',
      headers: { ...host(), ...auth, 'content-type': 'application/json', ...headers },
      body: JSON.stringify(body),
    });

  beforeAll(async () => {
    const rendererDir = join(dir.path, 'renderer');
    mkdirSync(rendererDir);
    writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>OriginDesk</title>');
    desk = Desk.open({ dataDir: join(dir.path, 'data'), transport: 'web' });
    srv = await startWebServer({ desk, rendererDir });
    auth = { authorization: `Bearer ${srv.token}` };
  });
  afterAll(async () => {
    await srv.close();
    await desk.close();
    dir.remove();
  });

  it('binds to loopback and prints a URL carrying a long random token', () => {
    expect(srv.url).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:${srv.port}/\\?token=[A-Za-z0-9_-]{40,}$`));
    expect((srv.server.address() as { address: string }).address).toBe('127.0.0.1');
  });

  it('refuses the API without the token, with a wrong token, a foreign Host or a foreign Origin', async () => {
    const noToken = await raw(srv.port, '/api/cases.list', { method: 'POST', headers: host(), body: '{}' });
    expect(noToken.status).toBe(401);
    expect(JSON.parse(noToken.body.toString()).error.code).toBe('unauthorized');
    const wrong = await raw(srv.port, '/api/cases.list', { method: 'POST', headers: { ...host(), authorization: 'Bearer nope' }, body: '{}' });
    expect(wrong.status).toBe(401);
    // DNS rebinding: a page on evil.example resolving to 127.0.0.1 sends its own Host.
    const rebind = await raw(srv.port, '/api/cases.list', { method: 'POST', headers: { ...auth, host: `evil.example:${srv.port}` }, body: '{}' });
    expect(rebind.status).toBe(401);
    const cross = await api('cases.list', {}, { origin: 'http://evil.example' });
    expect(cross.status).toBe(401);
    const images = await raw(srv.port, '/files/pages/abcdefgh/full', { headers: host() });
    expect(images.status).toBe(401);
  });

  it('swaps the URL token for an HttpOnly SameSite cookie that then authorises', async () => {
    const bad = await raw(srv.port, '/?token=wrong', { headers: host() });
    expect(bad.status).toBe(401);
    const ok = await raw(srv.port, `/?token=${srv.token}`, { headers: host() });
    expect(ok.status).toBe(303);
    expect(ok.headers.location).toBe('/');
    const cookie = String(ok.headers['set-cookie']);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    const list = await raw(srv.port, '/api/cases.list', { method: 'POST', headers: { ...host(), cookie: cookie.split(';')[0]! }, body: '{}' });
    expect(list.status).toBe(200);
  });

  it('serves the app shell with a strict CSP and never files outside it', async () => {
    const index = await raw(srv.port, '/', { headers: host() });
    expect(index.status).toBe(200);
    expect(index.headers['content-security-policy']).toContain("script-src 'self'");
    expect(index.headers['content-security-policy']).toContain("object-src 'none'");
    const traversal = await raw(srv.port, '/..%2f..%2fdata%2forigindesk.db', { headers: host() });
    expect(traversal.body.toString()).not.toContain('SQLite');
  });

  it('validates every argument and explains what is wrong', async () => {
    const missing = await api('cases.create', { declarationNo: '', port: 'Busan', date: today() });
    expect(missing.status).toBe(400);
    expect(JSON.parse(missing.body.toString()).error).toMatchObject({ code: 'invalid_argument', params: { field: 'declarationNo' } });
    const extra = await api('cases.list', { search: 'x', sql: 'DROP TABLE cases' });
    expect(extra.status).toBe(400);
    const badDate = await api('cases.create', { declarationNo: 'X', port: 'Busan', date: '26/11/2026' });
    expect(JSON.parse(badDate.body.toString()).error.message).toMatch(/YYYY-MM-DD/);
    const unknown = await api('cases.drop', {});
    expect(unknown.status).toBe(404);
    const notJson = await raw(srv.port, '/api/cases.list', { method: 'POST', headers: { ...host(), ...auth }, body: '{oops' });
    expect(notJson.status).toBe(400);
    const notFound = await api('cases.get', { id: 'no-such-case' });
    expect(notFound.status).toBe(404);
  });

  it('takes uploads as raw bodies, pushes progress events and serves the rendered pages', async () => {
    const created = JSON.parse((await api('cases.create', { declarationNo: 'W-1', port: 'Busan', date: today() })).body.toString());
    const events: string[] = [];
    const stream = await fetch(`http://127.0.0.1:${srv.port}/api/events`, { headers: auth });
    const reader = stream.body!.getReader();
    const reading = (async () => {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return;
        events.push(Buffer.from(value).toString());
        if (events.join('').includes('"status":"ready"')) return;
      }
    })();
    const pdf = await makePdf(2);
    const up = await raw(srv.port, '/api/documents.ingest', {
      method: 'POST',
      headers: {
        ...host(),
        ...auth,
        'content-type': 'application/octet-stream',
        'x-od-args': encodeURIComponent(JSON.stringify({ caseId: created.id, fileName: '원산지증명서.pdf' })),
      },
      body: pdf,
    });
    expect(up.status).toBe(200);
    expect(JSON.parse(up.body.toString()).document).toMatchObject({ fileName: '원산지증명서.pdf', byteSize: pdf.byteLength });
    await reading;
    await reader.cancel();
    expect(events.join('')).toContain('"pagesDone":2');
    const detail = JSON.parse((await api('cases.get', { id: created.id })).body.toString());
    const pageId = detail.documents[0].pages[1].id;
    const full = await raw(srv.port, `/files/pages/${pageId}/full`, { headers: { ...host(), ...auth } });
    expect(full.status).toBe(200);
    expect(full.headers['content-type']).toBe('image/png');
    expect(full.body.subarray(1, 4).toString()).toBe('PNG');
    const thumb = await raw(srv.port, `/files/pages/${pageId}/thumb`, { headers: { ...host(), ...auth } });
    expect(thumb.headers['content-type']).toBe('image/jpeg');
    const variant = await raw(srv.port, `/files/pages/${pageId}/original`, { headers: { ...host(), ...auth } });
    expect(variant.status).toBe(400);
  });

  it('takes specimen images as raw bodies and validates the owner and resolution', async () => {
    const owner = JSON.parse((await api('library.saveOwner', { kind: 'stamp', country: 'CN', authority: 'Ningbo Customs' })).body.toString());
    const upload = (args: Record<string, unknown>, body: Uint8Array) =>
      raw(srv.port, '/api/library.uploadSpecimen', {
        method: 'POST',
        headers: { ...host(), ...auth, 'content-type': 'application/octet-stream', 'x-od-args': encodeURIComponent(JSON.stringify(args)) },
        body,
      });
    const png = readFileSync(join(demoAssetsDir(), 'specimens', 'ningbo-seal-1.png'));
    const ok = await upload({ ownerId: owner.id, fileName: 'seal.png', dpi: 300 }, png);
    expect(ok.status).toBe(200);
    expect(JSON.parse(ok.body.toString())).toMatchObject({ ownerId: owner.id, kind: 'stamp', ink: 'red' });
    const badDpi = await upload({ ownerId: owner.id, fileName: 'seal.png', dpi: 20 }, png);
    expect(badDpi.status).toBe(400);
    expect(JSON.parse(badDpi.body.toString()).error.message).toMatch(/dpi/);
    const listed = JSON.parse((await api('library.owners', { kind: 'stamp' })).body.toString());
    expect(listed[0]).toMatchObject({ id: owner.id, specimenCount: 1 });
  });
});
