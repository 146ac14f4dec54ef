import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAppContext } from '../../../src/main/app-context';
import { startSandbox, type SandboxHandle } from '../../../src/sandbox/index';
import { carrierAllowsPortOut } from '../../../src/sandbox/util/phone';
import { tempDir } from '../../support/temp';

let sb: SandboxHandle;
beforeAll(async () => {
  sb = await startSandbox({ dataDir: tempDir('sbx-import-'), port: 0, seed: 'none' });
});
afterAll(() => sb.close());

/** Numbers of 40 exchanges: the sandbox's carrier table makes some of them refuse port-out. */
function numbers(): string[] {
  return Array.from({ length: 40 }, (_, i) => `+1202${200 + i}0100`);
}

describe('import portability check against the Telnyx sandbox', () => {
  it('checks the valid numbers in batches, reports each verdict with its reason, and leaves unportable ones out', async () => {
    const ctx = createAppContext({ dbPath: join(tempDir(), 'p.db'), shell: 'cli' });
    try {
      // v1 auth: the portal user and the token, as the sync adapter sends them.
      const remote = ctx.remotes.add({ kind: 'telnyx', url: sb.telnyxUrl, accountId: sb.accounts.root.id, token: sb.token, apiUser: sb.telnyxUser });
      const list = numbers();
      const refused = list.filter((n) => !carrierAllowsPortOut(n));
      expect(refused.length).toBeGreaterThan(0);
      const preview = await ctx.imports.preview({ source: { kind: 'paste', text: list.join('\n') }, country: 'US', target: { kind: 'new', name: 'Checked' } });
      const status = await ctx.imports.checkPortability(preview.jobId, remote.id);
      expect(status.portability).toMatchObject({ state: 'done', done: 40, total: 40, portable: 40 - refused.length, notPortable: refused.length });

      const problems = ctx.imports.rows(preview.jobId, 0, 100, 'problems').rows;
      expect(problems.map((r) => r.numbers[0]!.e164)).toEqual(refused);
      expect(problems[0]!.numbers[0]).toMatchObject({ portable: false, portabilityReason: 'carrier_not_supported' });
      expect(problems[0]!.problems.at(-1)!.message).toBe(`Row ${problems[0]!.row}: ${refused[0]} is not portable (the losing carrier does not accept port-outs to Telnyx)`);

      const result = await ctx.imports.commit(preview.jobId);
      expect(result).toMatchObject({ numbers: 40 - refused.length, notPortableSkipped: refused.length });
    } finally {
      ctx.close();
    }
  });

  it('names a refused token, or a token sent with another user, instead of failing silently', async () => {
    const ctx = createAppContext({ dbPath: join(tempDir(), 'p.db'), shell: 'cli' });
    try {
      const wrongToken = ctx.remotes.add({ kind: 'telnyx', url: sb.telnyxUrl, accountId: sb.accounts.root.id, token: 'wrong-token', apiUser: sb.telnyxUser });
      const preview = await ctx.imports.preview({ source: { kind: 'paste', text: '2025550100' }, country: 'US', target: { kind: 'new', name: 'X' } });
      await expect(ctx.imports.checkPortability(preview.jobId, wrongToken.id)).rejects.toThrow(/^Portability check failed: .*invalid API token/);
      const status = await ctx.imports.status(preview.jobId);
      expect(status.portability.state).toBe('failed');
      const wrongUser = ctx.remotes.add({ kind: 'telnyx', url: `${sb.telnyxUrl}/`, accountId: sb.accounts.subs[0]!.id, token: sb.token, apiUser: sb.subTelnyxUser });
      await expect(ctx.imports.checkPortability(preview.jobId, wrongUser.id)).rejects.toThrow(/^Portability check failed: .*x-api-user/);
    } finally {
      ctx.close();
    }
  });
});
