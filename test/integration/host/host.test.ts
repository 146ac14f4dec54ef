import { describe, expect, it, afterEach } from 'vitest';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { connect, type AddressInfo } from 'node:net';
import { join } from 'node:path';
import { WebSocket } from 'ws';
import { startHost, type HostHandle } from '../../../src/main/host/server';
import { sendStatic } from '../../../src/main/host/static-files';
import { testContext } from '../../support/context';
import { tempDir } from '../../support/temp';

let host: HostHandle | undefined;
afterEach(async () => {
  await host?.close();
  host = undefined;
});

async function start(): Promise<{ host: HostHandle; ctx: ReturnType<typeof testContext> }> {
  const ctx = testContext();
  const staticDir = join(tempDir(), 'renderer');
  mkdirSync(staticDir);
  writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>PortDesk</title>');
  host = await startHost({ router: ctx.router, changes: ctx.changes, staticDir });
  return { host, ctx };
}

const call = (h: HostHandle, body: unknown, headers: Record<string, string> = {}) =>
  fetch(`${h.url}/rpc`, { method: 'POST', headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${h.token}`, ...headers }, body: JSON.stringify(body) });

describe('headless host', () => {
  it('listens on loopback only and puts the token in the URL fragment', async () => {
    const { host } = await start();
    expect(host.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(host.openUrl).toBe(`${host.url}/#token=${host.token}`);
    expect(host.token.length).toBeGreaterThanOrEqual(32);
  });

  it('refuses calls without the token or with a wrong one (401)', async () => {
    const { host } = await start();
    const none = await fetch(`${host.url}/rpc`, { method: 'POST', body: JSON.stringify({ method: 'ports.list', input: {} }) });
    expect(none.status).toBe(401);
    const wrong = await call(host, { method: 'ports.list', input: {} }, { Authorization: 'Bearer nope' });
    expect(wrong.status).toBe(401);
  });

  it('refuses a foreign browser origin (403) even with the token', async () => {
    const { host } = await start();
    const res = await call(host, { method: 'ports.list', input: {} }, { Origin: 'http://evil.example' });
    expect(res.status).toBe(403);
  });

  it('serves RPC with validation errors naming the field', async () => {
    const { host } = await start();
    const ok = await call(host, { method: 'ports.create', input: { fields: { name: 'Acme' }, numbers: ['2025550143'] } });
    expect(await ok.json()).toMatchObject({ ok: true, value: { name: 'Acme', numbers: [{ e164: '+12025550143' }] } });
    const bad = await call(host, { method: 'ports.move', input: { id: 'x', to: 'done' } });
    const body = (await bad.json()) as { ok: boolean; error: { message: string } };
    expect(body.ok).toBe(false);
    expect(body.error.message).toMatch(/^Invalid ports.move request: to:/);
  });

  it('serves the renderer with a strict CSP and never a file outside it', async () => {
    const { host } = await start();
    const page = await fetch(`${host.url}/`);
    expect(page.headers.get('content-security-policy')).toMatch(/script-src 'self'/);
    expect(page.headers.get('content-security-policy')).not.toMatch(/unsafe-eval/);
    const escape = await fetch(`${host.url}/..%2f..%2f..%2fetc%2fpasswd`);
    expect(await escape.text()).toContain('<title>PortDesk</title>');
  });

  it('pushes change events over an authenticated WebSocket only', async () => {
    const { host, ctx } = await start();
    const denied = new WebSocket(`ws://127.0.0.1:${host.port}/events?token=wrong`);
    await expect(new Promise((_, reject) => denied.on('error', reject))).rejects.toThrow(/401/);

    const ws = new WebSocket(`ws://127.0.0.1:${host.port}/events?token=${host.token}`);
    await new Promise((r) => ws.on('open', r));
    const message = new Promise<string>((r) => ws.on('message', (d) => r(String(d))));
    const port = ctx.ports.create({ fields: { name: 'Live' } });
    expect(JSON.parse(await message)).toEqual({ type: 'ports', ids: [port.id], removed: [] });
    ws.close();
  });

  it('answers only requests addressed to 127.0.0.1 or localhost with its port (DNS rebinding)', async () => {
    const { host } = await start();
    const as = (hostHeader: string, path = '/') => raw(host, `GET ${path} HTTP/1.1\r\nHost: ${hostHeader}\r\nConnection: close\r\n\r\n`);
    expect(await as(`127.0.0.1:${host.port}`)).toMatch(/^HTTP\/1\.1 200/);
    expect(await as(`localhost:${host.port}`)).toMatch(/^HTTP\/1\.1 200/);
    expect(await as('evil.example')).toMatch(/^HTTP\/1\.1 403/);
    expect(await as(`evil.example:${host.port}`)).toMatch(/^HTTP\/1\.1 403/);
    expect(await as('127.0.0.1:1')).toMatch(/^HTTP\/1\.1 403/);
    const rpc = await raw(host, `POST /rpc HTTP/1.1\r\nHost: evil.example\r\nAuthorization: Bearer ${host.token}\r\nContent-Type: application/json\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}`);
    expect(rpc).toMatch(/^HTTP\/1\.1 403/);
    expect(rpc).toContain('Host not allowed');
  });

  it('answers 413 to a body over the RPC cap, and keeps serving', async () => {
    const ctx = testContext();
    const staticDir = join(tempDir(), 'renderer');
    mkdirSync(staticDir);
    writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>PortDesk</title>');
    host = await startHost({ router: ctx.router, changes: ctx.changes, staticDir, maxBodyBytes: 1024 });
    const declared = await call(host, { method: 'ports.list', input: { pad: 'x'.repeat(4096) } });
    expect(declared.status).toBe(413);
    expect(await declared.json()).toMatchObject({ ok: false, error: { code: 'VALIDATION', message: expect.stringMatching(/larger than/) } });
    // Chunked, so the size is known only while reading.
    const chunked = await raw(host, `POST /rpc HTTP/1.1\r\nHost: 127.0.0.1:${host.port}\r\nAuthorization: Bearer ${host.token}\r\nTransfer-Encoding: chunked\r\n\r\n800\r\n${'x'.repeat(0x800)}\r\n`);
    expect(chunked).toMatch(/^HTTP\/1\.1 413/);
    expect((await call(host, { method: 'ports.list', input: {} })).status).toBe(200);
  });

  it('survives a static file that vanishes or cannot be read after it was resolved', async () => {
    const dir = tempDir();
    const server = createServer((req, res) => sendStatic(res, join(dir, req.url === '/gone' ? 'gone.js' : 'folder'), {}));
    mkdirSync(join(dir, 'folder'));
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    try {
      const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      // Vanished between resolve and open: nothing was sent yet, so a 404.
      expect((await fetch(`${base}/gone`)).status).toBe(404);
      // Opens but every read fails (EISDIR): the response is cut, the server lives on.
      await fetch(`${base}/folder`).then((r) => r.text()).catch(() => 'cut');
      expect((await fetch(`${base}/gone`)).status).toBe(404);
    } finally {
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
    }
  });

  it('keeps serving while a static file is deleted and recreated under requests', async () => {
    const ctx = testContext();
    const staticDir = join(tempDir(), 'renderer');
    mkdirSync(staticDir);
    writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>PortDesk</title>');
    host = await startHost({ router: ctx.router, changes: ctx.changes, staticDir });
    const target = join(staticDir, 'chunk.js');
    let churn = true;
    const churning = (async () => {
      while (churn) {
        writeFileSync(target, 'x'.repeat(256 * 1024));
        await new Promise((r) => setImmediate(r));
        rmSync(target, { force: true });
        await new Promise((r) => setImmediate(r));
      }
    })();
    const statuses = new Set<number>();
    for (let i = 0; i < 200; i++) {
      const res = await fetch(`${host.url}/chunk.js`).catch(() => undefined);
      if (res) {
        statuses.add(res.status);
        await res.arrayBuffer().catch(() => undefined);
      }
    }
    churn = false;
    await churning;
    expect([...statuses].every((s) => s === 200 || s === 404)).toBe(true);
    expect((await fetch(`${host.url}/`)).status).toBe(200);
  });
});

function raw(h: HostHandle, request: string): Promise<string> {
  return new Promise((resolvePromise, reject) => {
    const socket = connect(h.port, '127.0.0.1', () => socket.write(request));
    let text = '';
    socket.on('data', (d) => (text += d.toString('latin1')));
    socket.on('close', () => resolvePromise(text));
    socket.on('error', (err) => (text ? resolvePromise(text) : reject(err)));
  });
}
