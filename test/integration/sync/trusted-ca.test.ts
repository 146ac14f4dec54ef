import { X509Certificate } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { cliOn } from '../../support/cli';
import { startSandbox, type SandboxHandle } from '../../../src/sandbox/index';
import { startTlsProxy, type TlsProxy } from '../../support/tls-proxy';
import { numbers } from './harness';

let sb: SandboxHandle | undefined;
let proxy: TlsProxy | undefined;
let dir = '';
afterEach(async () => {
  await proxy?.close();
  await sb?.close();
  sb = undefined;
  proxy = undefined;
  rmSync(dir, { recursive: true, force: true });
});

const cli = (args: string[], env: NodeJS.ProcessEnv = {}) => cliOn(join(dir, 'pd.db'), args, env);

const tls = (name: string): string => fileURLToPath(new URL(`../../support/tls/${name}`, import.meta.url));
const fingerprint = new X509Certificate(readFileSync(tls('cert.pem'))).fingerprint256;

describe('a Kazoo server behind TLS with a self-signed certificate', () => {
  it('is refused until its certificate is trusted on the connection (portdesk remote ca), then syncs', async () => {
    dir = mkdtempSync(join(tmpdir(), 'pd-ca-'));
    sb = await startSandbox({ dataDir: join(dir, 'sbx'), port: 0, seed: 'none' });
    proxy = await startTlsProxy(sb.kazooUrl);
    const env = { SBX_TOKEN: sb.token };
    const add = ['remote', 'add', '--kind', 'kazoo', '--url', proxy.url, '--account', sb.accounts.root.id, '--token-env', 'SBX_TOKEN'];

    // A file that is not a certificate is refused before anything is written.
    const key = await cli([...add, '--ca-file', tls('key.pem')], env);
    expect(key.code).toBe(1);
    expect(key.err).toContain('trustedCa: is a private key, not a certificate');
    const missing = await cli([...add, '--ca-file', join(dir, 'nope.pem')], env);
    expect(missing).toMatchObject({ code: 1, err: expect.stringContaining('nope.pem: no such file') });
    expect((await cli(['remote', 'list'])).out.trim()).toBe('No remotes');

    const added = await cli(['--json', ...add], env);
    expect(added.code).toBe(0);
    const id = (JSON.parse(added.out) as { id: string }).id;
    // Nothing queued yet: the pull meets the refusal at once (a queued create would be retried for the run's 30 s).
    const refused = await cli(['sync', '--once']);
    expect(refused.code).toBe(3);
    expect(refused.out).toContain('(DEPTH_ZERO_SELF_SIGNED_CERT), so PortDesk did not connect and sent nothing');
    expect(refused.out).toContain('portdesk remote ca ID --ca-file FILE');
    expect(await remotePorts()).toBe(0);

    expect((await cli(['remote', 'ca', id])).err).toContain('Say what to trust: --ca-file FILE, or --clear');
    const trusted = await cli(['remote', 'ca', id, '--ca-file', tls('cert.pem')]);
    expect(trusted.code).toBe(0);
    expect(trusted.out).toContain(`now trusts "localhost" (SHA-256 ${fingerprint})`);
    expect((await cli(['remote', 'list'])).out).toContain(`trusts "localhost" (SHA-256 ${fingerprint.slice(0, 23)}…)`);

    expect((await cli(['ports', 'create', '--name', 'Behind TLS', '--number', numbers(0, 1)[0] as string])).code).toBe(0);
    const synced = await cli(['sync', '--once']);
    expect(synced.out).toContain('Everything is in sync');
    expect(synced.code).toBe(0);
    expect(await remotePorts()).toBe(1);

    // Cleared, the connection trusts public authorities only, and is refused again.
    expect((await cli(['remote', 'ca', id, '--clear'])).out).toContain('now trusts public certificate authorities only');
    expect((await cli(['remote', 'list'])).out).not.toContain('trusts "');
    expect((await cli(['sync', '--once'])).out).toContain('DEPTH_ZERO_SELF_SIGNED_CERT');
  });
});

describe('portdesk remote list', () => {
  it('marks a trusted certificate past its end, with its last day', async () => {
    dir = mkdtempSync(join(tmpdir(), 'pd-ca-'));
    const add = ['remote', 'add', '--kind', 'kazoo', '--url', 'https://crossbar.acme.internal:8443', '--account', 'acc1', '--token-env', 'TOKEN', '--ca-file', tls('expired-ca.pem')];
    expect((await cli(add, { TOKEN: 'tok' })).code).toBe(0);
    expect((await cli(['remote', 'list'])).out).toMatch(/trusts "Expired private CA" \(SHA-256 [0-9A-F:]+…, expired: valid until Jan {2}1 00:00:00 2021 GMT\)/);
  });
});

describe('a Kazoo server whose certificate is refused, with changes queued', () => {
  it('ends the run at the first refusal: no retries within it, no call for every queued port', async () => {
    dir = mkdtempSync(join(tmpdir(), 'pd-ca-'));
    sb = await startSandbox({ dataDir: join(dir, 'sbx'), port: 0, seed: 'none' });
    proxy = await startTlsProxy(sb.kazooUrl);
    const add = ['remote', 'add', '--kind', 'kazoo', '--url', proxy.url, '--account', sb.accounts.root.id, '--token-env', 'SBX_TOKEN'];
    expect((await cli(add, { SBX_TOKEN: sb.token })).code).toBe(0);
    const queued = 20;
    for (const [i, number] of numbers(0, queued).entries()) expect((await cli(['ports', 'create', '--name', `Queued ${i}`, '--number', number])).code).toBe(0);

    const refused = await cli(['sync', '--once']);
    expect(refused.code).toBe(3);
    expect(refused.out).toContain(`${queued} change(s) still queued`);
    // The run's report says why the changes were not sent, as the status does.
    expect(refused.out).toContain('the changes could not be sent (The server\'s certificate is not from a certificate authority PortDesk trusts');
    expect((await cli(['sync', 'status'])).out).toContain('(DEPTH_ZERO_SELF_SIGNED_CERT), so PortDesk did not connect and sent nothing');
    // The pushes in flight when the first was refused, each tried once; the run was not spent
    // retrying them (it waited up to 30 s) nor sending the other ports' into the same refusal.
    expect(proxy.connections()).toBeLessThanOrEqual(8);
    expect(await remotePorts()).toBe(0);

    // A create sent before (as a kill -9 mid-request leaves it) is looked for before it is sent
    // again, and that look is refused the same way, said as "cannot tell yet": it must end the
    // run as the create's refusal does.
    const db = new Database(join(dir, 'pd.db'));
    db.prepare('UPDATE ports SET create_sent_at = ?, create_settles_at = NULL').run(Date.now() - 60_000);
    db.close();
    const before = proxy.connections();
    const again = await cli(['sync', '--once']);
    expect(again.code).toBe(3);
    expect(again.out).toContain('cannot tell yet whether the earlier create landed (The server\'s certificate is not from a certificate authority PortDesk trusts');
    expect(proxy.connections() - before).toBeLessThanOrEqual(8);
    expect(await remotePorts()).toBe(0);
  });
});

/** How many port requests the sandbox's root account holds, asked over its own plain http. */
async function remotePorts(): Promise<number> {
  const res = await fetch(`${sb!.kazooUrl}/v2/accounts/${sb!.accounts.root.id}/port_requests`, { headers: { 'x-auth-token': sb!.token } });
  return ((await res.json()) as { data: unknown[] }).data.length;
}
