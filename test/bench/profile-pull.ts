/**
 * The 10,000-port pull of the sync bench (Kazoo, or its Telnyx one), alone, with a CPU profile of that pull only:
 *   npx tsx test/bench/profile-pull.ts [out.cpuprofile] [telnyx]
 * (the sandbox serves from its own process, so the profile holds PortDesk's work only; open it in
 * Chrome DevTools or any .cpuprofile viewer). Prints the wall time, the process CPU time spent in
 * the pull and its longest event-loop block.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createAppContext } from '../../src/main/app-context';
import { SyncEngine } from '../../src/main/sync/engine';
import { kazooListings, seededPullServer, seededTelnyxServer, telnyxListings } from './sync.bench';
import { collectGarbage, watchEventLoop } from './harness';

const dir = mkdtempSync(join(tmpdir(), 'pd-profile-pull-'));
const telnyx = process.argv[3] === 'telnyx';
const server = telnyx ? await seededTelnyxServer(dir) : await seededPullServer(dir);
const ctx = createAppContext({ dbPath: join(dir, 'pull.db'), shell: 'cli', backgroundSync: false });
try {
  if ('user' in server) ctx.remotes.add({ kind: 'telnyx', url: server.telnyxUrl, accountId: server.rootId, token: server.token, apiUser: server.user });
  else ctx.remotes.add({ kind: 'kazoo', url: server.kazooUrl, accountId: server.rootId, token: server.token });
  const engine = new SyncEngine({ db: ctx.db, changes: ctx.changes, remotes: ctx.remotes });
  // As the bench's pull: the listings fetched once first, so the sandbox's caches are warm, and
  // that fetch's garbage collected, so neither lands in the profile of the pull.
  await ('user' in server ? telnyxListings(server) : kazooListings(server))();
  collectGarbage();
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: 200 });
  await session.post('Profiler.start');
  const lag = watchEventLoop();
  // Gaps over 50 ms between 5 ms ticks, as [start, end] in the profile's clock (µs), to find them in it.
  const gaps: [number, number][] = [];
  let last = process.hrtime.bigint();
  const tick = setInterval(() => {
    const now = process.hrtime.bigint();
    if (now - last > 55_000_000n) gaps.push([Number(last / 1000n), Number(now / 1000n)]);
    last = now;
  }, 5);
  const cpu = process.cpuUsage();
  const t0 = performance.now();
  const report = await engine.syncNow();
  const ms = performance.now() - t0;
  const used = process.cpuUsage(cpu);
  const longestBlockMs = Math.round(lag.stop());
  clearInterval(tick);
  const { profile } = await session.post('Profiler.stop');
  const out = process.argv[2] ?? join(tmpdir(), 'pull.cpuprofile');
  writeFileSync(out, JSON.stringify({ ...profile, gaps }));
  session.disconnect();
  console.log(JSON.stringify({ ports: ctx.ports.list().length, converged: report.converged, wallMs: Math.round(ms), cpuMs: Math.round((used.user + used.system) / 1000), longestBlockMs, profile: out }));
} finally {
  ctx.close();
  await server.close();
  rmSync(dir, { recursive: true, force: true });
}
