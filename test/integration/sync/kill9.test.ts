import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { build } from 'esbuild';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createPrng } from '../../../src/sandbox/util/prng';
import { kazooRemote, numbers, startHarness, type Harness } from './harness';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const SOURCE = join(import.meta.dirname, 'child-sync.ts');
// Bundled once (tsx would spend seconds transforming at every start); kept under node_modules so
// the bundle's bare imports (better-sqlite3, zod) resolve.
const CHILD = join(import.meta.dirname, '../../../node_modules/.cache/portdesk-sync-child.mjs');

beforeAll(async () => {
  await build({ entryPoints: [SOURCE], outfile: CHILD, bundle: true, platform: 'node', format: 'esm', packages: 'external', logLevel: 'error' });
});

/** Run the sync child; kill -9 it `killAfterMs` after it is ready (or let it finish when undefined). */
function runChild(dbPath: string, killAfterMs?: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CHILD], { env: { ...process.env, PD_DB: dbPath }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    const guard = setTimeout(() => child.kill('SIGKILL'), 30_000);
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      if (killAfterMs !== undefined && out.includes('ready')) setTimeout(() => child.kill('SIGKILL'), killAfterMs).unref();
    });
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      clearTimeout(guard);
      if (signal === 'SIGKILL' || code === 0) resolve(out);
      else reject(new Error(`child exited ${code}: ${err}`));
    });
  });
}

describe('crash safety', () => {
  it('kill -9 of a syncing process at 30 random instants with lost answers and second edits between attempts: no conflict, every row converges, one remote port per port', async () => {
    h = await startHarness('kazoo');
    const dbPath = join(h.dir, 'portdesk.db');
    const prng = createPrng(99);
    await h.faults({ seed: 5, latency: { minMs: 2, maxMs: 15 }, lostResponse: { rate: 0.2 } });
    let next = 0;
    let killedMidRun = 0;
    const ids: string[] = [];
    for (let round = 0; round < 30; round += 1) {
      // More offline work between crashes: new ports, and edits of ports whose last write may have
      // been sent without an answer (the kill, or a lost answer): a second edit before the retry.
      for (let i = 0; i < 4; i += 1) {
        ids.push(h.ctx.ports.create({ fields: { name: `K${ids.length}` }, numbers: numbers(next, 3), remoteId: h.remoteId }).id);
        next += 4;
      }
      for (const id of ids.slice(-8)) h.ctx.ports.update(id, { locality: `R${round}` });
      for (const id of ids.slice(-12, -4)) h.ctx.ports.update(id, { name: `K${ids.indexOf(id)} r${round}` });
      const out = await runChild(dbPath, prng.int(0, 250));
      if (!out.includes('converged')) killedMidRun += 1;
    }
    // The instants must actually land inside sync runs, not after them.
    expect(killedMidRun).toBeGreaterThanOrEqual(15);
    await h.faults({});
    const final = await runChild(dbPath);
    expect(final).toContain('converged');
    const remote = await kazooRemote(h);
    expect(remote).toHaveLength(ids.length);
    expect(new Set(remote.map((r) => r.portdesk_client_id))).toEqual(new Set(ids));
    for (const id of ids) {
      const p = h.ctx.ports.get(id);
      const r = remote.find((x) => x.portdesk_client_id === id);
      expect(p.syncStatus).toBe('synced');
      expect(r?.id).toBe(p.remoteObjectId);
      expect((r as unknown as { bill?: { locality?: string } }).bill?.locality).toBe(p.locality);
      expect(r?.name).toBe(p.name);
    }
    // Nobody edited anything remotely: every conflict would be one the specialist did not make.
    expect(h.ctx.repos.conflicts.list()).toEqual([]);
    expect(h.ctx.repos.outbox.count()).toBe(0);
  }, 240_000);
});
