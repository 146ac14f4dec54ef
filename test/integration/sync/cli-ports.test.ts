import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { cli, tableCounts } from '../../support/cli';
import { tempDir } from '../../support/temp';
import { numbers } from './harness';

let dir = '';
afterEach(() => rmSync(dir, { recursive: true, force: true }));

interface PortJson {
  id: string;
  remoteId: string | null;
}

describe('portdesk ports create --remote | --local, ports assign', () => {
  it('creates on a named remote, on the default one or locally, and assigns a local port later', async () => {
    dir = tempDir('pd-cli-ports-');
    const db = ['--db', join(dir, 'pd.db')];
    const env = { PD_TOKEN: 'not-a-real-token' };
    // Remotes are only recorded here (no sync runs): a loopback URL nothing listens on is enough.
    const addRemote = async (name: string): Promise<string> => {
      const r = await cli([...db, '--json', 'remote', 'add', '--kind', 'kazoo', '--url', 'http://127.0.0.1:9', '--account', `acc-${name}`, '--token-env', 'PD_TOKEN', '--name', name], env);
      expect(r.code).toBe(0);
      return (JSON.parse(r.stdout) as { id: string }).id;
    };
    const first = await addRemote('First');
    const second = await addRemote('Second');
    const create = async (name: string, n: number, ...extra: string[]): Promise<PortJson> => {
      const r = await cli([...db, '--json', 'ports', 'create', '--name', name, '--number', numbers(n, 1)[0] as string, ...extra]);
      expect(r.code, r.stderr).toBe(0);
      return JSON.parse(r.stdout) as PortJson;
    };

    expect((await create('Default', 0)).remoteId).toBe(first);
    expect((await create('Named', 2, '--remote', second)).remoteId).toBe(second);
    const local = await create('Local', 4, '--local');
    expect(local.remoteId).toBeNull();

    const text = await cli([...db, 'ports', 'create', '--name', 'Local text', '--number', numbers(6, 1)[0] as string, '--local']);
    expect(text.stdout).toContain('local only');

    const assigned = await cli([...db, 'ports', 'assign', local.id, '--remote', second]);
    expect(assigned.code, assigned.stderr).toBe(0);
    expect(assigned.stdout).toContain(`Assigned ${local.id}`);
    const shown = await cli([...db, '--json', 'ports', 'show', local.id]);
    expect((JSON.parse(shown.stdout) as PortJson).remoteId).toBe(second);

    const before = tableCounts(join(dir, 'pd.db'));
    const unknown = await cli([...db, 'ports', 'create', '--name', 'Nowhere', '--remote', 'no-such-remote']);
    expect(unknown.code).not.toBe(0);
    expect(tableCounts(join(dir, 'pd.db'))).toEqual(before);
    const missing = await cli([...db, 'ports', 'assign', local.id]);
    expect(missing.code).not.toBe(0);
    expect(missing.stderr).toContain('--remote');
  });

  it('remote add says how many ports made with no remote the first remote took; keep-local holds one back; sync status counts them', async () => {
    dir = tempDir('pd-cli-first-');
    const db = ['--db', join(dir, 'pd.db')];
    const create = async (name: string, n: number, ...extra: string[]): Promise<string> => {
      const r = await cli([...db, '--json', 'ports', 'create', '--name', name, '--number', numbers(n, 1)[0] as string, ...extra]);
      expect(r.code, r.stderr).toBe(0);
      return (JSON.parse(r.stdout) as PortJson).id;
    };
    const early = await create('Early', 0);
    await create('Kept', 2, '--local');
    const later = await create('Kept later', 4);
    expect((await cli([...db, 'ports', 'keep-local', later])).stdout).toBe(`Keeping ${later} "Kept later" local`);
    expect((await cli([...db, 'ports', 'show', later])).stdout).toContain('\nremote: none, kept local\n');
    expect((await cli([...db, 'ports', 'show', early])).stdout).toContain('\nremote: none yet (the first remote added takes it)\n');

    const status = await cli([...db, 'sync', 'status']);
    expect(status.stdout.split('\n')).toEqual([
      'No remote set up: working locally; 3 change(s) of local-only ports wait for a remote',
      '  Local only: 3 port(s) (2 kept local); 3 queued change(s) wait for a remote',
    ]);

    const added = await cli([...db, 'remote', 'add', '--kind', 'kazoo', '--url', 'http://127.0.0.1:9', '--account', 'acc-1', '--token-env', 'PD_TOKEN'], { PD_TOKEN: 'not-a-real-token' });
    expect(added.code, added.stderr).toBe(0);
    expect(added.stdout.split('\n')[1]).toBe('Assigned it 1 port(s) made with no remote; they are created there with the next sync');
    const shown = await cli([...db, '--json', 'ports', 'show', early]);
    expect((JSON.parse(shown.stdout) as PortJson).remoteId).not.toBeNull();
    expect((await cli([...db, 'ports', 'keep-local', later, '--off'])).stdout).toBe(`${later} "Kept later" is no longer kept local`);
  });
});
