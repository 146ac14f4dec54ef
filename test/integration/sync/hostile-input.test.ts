import { mkdtempSync, readFileSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from '../../../src/main/cli/program';
import { networkError } from '../../../src/main/sync/errors';
import { numbers, startHarness, type Harness } from './harness';

const SECRET = 'sekret-7f3a9c';
const HOSTILE = [`${SECRET}\r\nX-Injected: yes`, `${SECRET}\nsecond-line`, `${SECRET}\u0000`, `${SECRET} with spaces`, `${SECRET}\u00e9`];

let h: Harness | undefined;
let dir = '';
afterEach(async () => {
  await h?.close();
  h = undefined;
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('tokens are refused at input when HTTP cannot carry them', () => {
  it.each(HOSTILE)('CLI remote add refuses %j, saying why and never echoing it', async (token) => {
    dir = mkdtempSync(join(tmpdir(), 'pd-tok-'));
    let out = '';
    let err = '';
    const args = ['--db', join(dir, 'pd.db'), 'remote', 'add', '--kind', 'kazoo', '--url', 'http://127.0.0.1:9', '--account', 'a1', '--token-env', 'TOK'];
    const code = await runCli(args, { out: (t) => (out += t), err: (t) => (err += t), env: { TOK: token } });
    expect(code).toBe(1);
    expect(err).toMatch(/token: may hold only printable ASCII characters/);
    expect(err + out).not.toContain(SECRET);
    expect(await runCli(['--db', join(dir, 'pd.db'), '--json', 'remote', 'list'], { out: (t) => (out = t), err: () => undefined, env: {} })).toBe(0);
    expect(JSON.parse(out)).toEqual([]);
  });

  it('RPC remotes.setToken refuses a token with CR/LF as VALIDATION without quoting it', async () => {
    h = await startHarness('kazoo');
    const res = await h.ctx.router.call('remotes.setToken', { id: h.remoteId, token: `${SECRET}\r\nX-Injected: yes` });
    expect(res).toMatchObject({ ok: false, error: { code: 'VALIDATION', message: expect.stringMatching(/^Invalid remotes.setToken request: token: may hold only printable ASCII/) } });
    expect(JSON.stringify(res)).not.toContain(SECRET);
  });
});

describe('no error, status or stored message carries a header value', () => {
  it('a token damaged before validation existed pauses the remote with a message naming the header, not its value', async () => {
    h = await startHarness('kazoo');
    // As an older version could have stored it: straight through the service, past the RPC schema.
    h.ctx.remotes.setToken(h.remoteId, `${SECRET}\r\nX-Injected: yes`);
    h.ctx.ports.create({ fields: { name: 'Held' }, numbers: numbers(0, 2), remoteId: h.remoteId });
    await h.engine.syncNow({ remoteId: h.remoteId });
    const st = h.engine.status().remotes.find((r) => r.remoteId === h?.remoteId);
    expect(st?.state).toBe('paused');
    expect(st?.message).toMatch(/x-auth-token header holds characters HTTP cannot send.*enter the token again/);
    const seen = JSON.stringify([await h.ctx.router.call('sync.status', {}), await h.ctx.router.call('ports.list', {})]);
    expect(seen).not.toContain(SECRET);
    h.ctx.db.pragma('wal_checkpoint(TRUNCATE)');
    for (const f of ['portdesk.db', 'portdesk.db-wal']) {
      const file = join(h.dir, f);
      if (existsSync(file)) expect(readFileSync(file).includes(SECRET)).toBe(false);
    }
  });

  it("drops the value fetch quotes in an invalid-header error", () => {
    const thrown = new TypeError(`Headers.append: "Bearer ${SECRET}\r\nX" is an invalid header value.`);
    const e = networkError(thrown);
    expect(e.message).toBe('Network error (a request header was refused)');
    expect(e.message).not.toContain(SECRET);
  });
});

describe('pulled text is cleaned like any other input', () => {
  it('a remote port named with escapes, bidi overrides and NUL arrives clean; a nothing-visible name gets a placeholder', async () => {
    h = await startHarness('kazoo');
    const put = (name: string, i: number) =>
      fetch(`${h!.sb.kazooUrl}/v2/accounts/${h!.sb.accounts.root.id}/port_requests`, {
        method: 'PUT',
        headers: { 'x-auth-token': h!.sb.token, 'content-type': 'application/json' },
        body: JSON.stringify({ data: { name, numbers: Object.fromEntries(numbers(i * 3, 1).map((n) => [n, {}])) } }),
      });
    expect((await put('\u001b[31mEvil\u001b[0m \u202Ecorp\u0000', 0)).status).toBeLessThan(300);
    expect((await put('\u200b\u200b', 1)).status).toBeLessThan(300);
    await h.engine.syncNow();
    expect(h.ctx.ports.list().map((p) => p.name).sort()).toEqual(['Evil corp', 'Unnamed port']);
  });
});
