import { describe, expect, it, afterEach } from 'vitest';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { WebSocket } from 'ws';
import { startHost, type HostHandle } from '../../../src/main/host/server';
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
});
