import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { cliOn } from '../../support/cli';
import { startSandbox, type SandboxHandle } from '../../../src/sandbox/index';
import { numbers } from './harness';

let sb: SandboxHandle | undefined;
let dir = '';
afterEach(async () => {
  await sb?.close();
  sb = undefined;
  rmSync(dir, { recursive: true, force: true });
});

const cli = (args: string[], env: NodeJS.ProcessEnv = {}) => cliOn(join(dir, 'pd.db'), args, env);

describe('token from stdin', () => {
  it('reads the whole of stdin, trimmed', async () => {
    const { Command } = await import('commander');
    const { registerSyncCommands } = await import('../../../src/main/cli/commands/sync');
    const calls: unknown[] = [];
    const program = new Command().exitOverride();
    registerSyncCommands(program, {
      run: async (method, input) => {
        calls.push({ method, input });
      },
      env: {},
      readStdin: async () => 'secret-from-stdin\n',
    });
    await program.parseAsync(['remote', 'add', '--kind', 'telnyx', '--url', 'https://api.example.com', '--account', 'a1', '--user', 'ops@example.com', '--token-stdin'], { from: 'user' });
    expect(calls).toEqual([{ method: 'remotes.add', input: { kind: 'telnyx', url: 'https://api.example.com', accountId: 'a1', apiUser: 'ops@example.com', token: 'secret-from-stdin' } }]);
  });
});

describe('portdesk remote / sync', () => {
  it('adds a remote with the token from an environment variable, never shows it, syncs once and reports status', async () => {
    dir = mkdtempSync(join(tmpdir(), 'pd-cli-'));
    sb = await startSandbox({ dataDir: join(dir, 'sbx'), port: 0, seed: 'none' });
    const missing = await cli(['remote', 'add', '--kind', 'kazoo', '--url', sb.kazooUrl, '--account', sb.accounts.root.id]);
    expect(missing.code).toBe(1);
    expect(missing.err).toContain('--token-stdin');
    const added = await cli(['--json', 'remote', 'add', '--kind', 'kazoo', '--url', `${sb.kazooUrl}/v2`, '--account', sb.accounts.root.id, '--token-env', 'SBX_TOKEN'], { SBX_TOKEN: sb.token });
    expect(added.code).toBe(0);
    const remote = JSON.parse(added.out) as { id: string; baseUrl: string; hasToken: boolean };
    expect(remote.baseUrl).toBe(sb.kazooUrl);
    expect(remote.hasToken).toBe(true);
    expect(added.out).not.toContain(sb.token);
    const listed = await cli(['--json', 'remote', 'list']);
    expect(listed.out).not.toContain(sb.token);
    expect(readFileSync(join(dir, 'pd.db')).includes(Buffer.from(sb.token))).toBe(false);

    const created = await cli(['--json', 'ports', 'create', '--name', 'From CLI', '--number', numbers(0, 1)[0] as string]);
    const portId = (JSON.parse(created.out) as { id: string }).id;
    // Ports made from the CLI are local until given a remote; assign through the service contract.
    expect(portId).toBeTruthy();
    const synced = await cli(['sync', '--once']);
    expect(synced.code).toBe(0);
    expect(synced.out).toContain('Everything is in sync');
    // A pull that fails is printed with its reason, and the exit code tells a script it did not converge.
    const faults = (config: object) => fetch(`${sb!.adminUrl}/faults`, { method: 'POST', headers: { 'x-auth-token': sb!.token, 'content-type': 'application/json' }, body: JSON.stringify(config) });
    await faults({ seed: 1, serverError: { rate: 1, statuses: [503] } });
    const failing = await cli(['sync', '--once']);
    expect(failing.code).toBe(3);
    expect(failing.out).toMatch(/the pull failed \(/);
    expect(failing.out).not.toContain('Everything is in sync');
    await faults({});
    expect((await cli(['sync', '--once'])).code).toBe(0);
    const status = await cli(['sync', 'status']);
    expect(status.out).toMatch(/Online, last synced/);
    expect(status.out).toContain('0 queued, 0 blocked, 0 conflicts');
    const removed = await cli(['remote', 'remove', remote.id]);
    expect(removed.out).toContain('Removed remote');
  });

  it('adds a Telnyx remote with its API user (required, an e-mail), lists the user, never the token, and syncs with both', async () => {
    dir = mkdtempSync(join(tmpdir(), 'pd-cli-'));
    sb = await startSandbox({ dataDir: join(dir, 'sbx'), port: 0, seed: 'none' });
    const base = ['remote', 'add', '--kind', 'telnyx', '--url', sb.telnyxUrl, '--account', sb.accounts.root.id, '--token-env', 'SBX_TOKEN'];
    const noUser = await cli(base, { SBX_TOKEN: sb.token });
    expect(noUser.code).toBe(1);
    expect(noUser.err).toContain('API user is required');
    const badUser = await cli([...base, '--user', 'not an e-mail'], { SBX_TOKEN: sb.token });
    expect(badUser.code).toBe(1);
    expect(badUser.err).toMatch(/e-mail/);
    const added = await cli([...base, '--user', sb.telnyxUser], { SBX_TOKEN: sb.token });
    expect(added.code).toBe(0);
    expect(added.out).toContain(`user ${sb.telnyxUser}`);
    const listed = await cli(['remote', 'list']);
    expect(listed.out).toContain(sb.telnyxUser);
    expect(listed.out).not.toContain(sb.token);
    const synced = await cli(['sync', '--once']);
    expect(synced.code, synced.err).toBe(0);
    expect((await cli(['sync', 'status'])).out).toMatch(/Online, last synced/);
  });
});
