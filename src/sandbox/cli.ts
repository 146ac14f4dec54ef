import { Command } from 'commander';
import { startSandbox, type FaultConfig } from './index';

/** `npm run sandbox -- --port 4010 --data DIR [--token T] [--seed demo] [--kazoo-version 4.2|4.3] [--clock-ms N] [fault flags]` */
const program = new Command()
  .name('sandbox')
  .description('PortDesk porting API sandbox (Kazoo Crossbar + Telnyx), bound to 127.0.0.1')
  .option('--port <n>', 'port (0 picks a free one)', '4010')
  .requiredOption('--data <dir>', 'data directory for the SQLite file')
  .option('--token <token>', 'main (root account) token')
  .option('--seed <kind>', 'demo | none', 'none')
  .option('--kazoo-version <v>', 'Kazoo Crossbar to play: 4.3 (tag 4.3.99) | 4.2 (4.0-4.2, tag 4.2.48)', '4.3')
  .option('--allow-submitted-to-scheduled', "Kazoo's allow_port_transition_from_submitted_to_scheduled setting")
  .option('--random-seed <n>', 'seed for ids, demo data, faults and carrier clock', '4242')
  .option('--clock-ms <n>', 'run the carrier clock every N ms')
  .option('--latency-ms <n>', 'fixed latency per request')
  .option('--latency-range <min-max>', 'random latency per request, e.g. 50-400')
  .option('--error-rate <share>', 'share (0..1) of requests answered 500/503')
  .option('--reset-rate <share>', 'share of requests whose connection is reset mid-response')
  .option('--reset-phase <phase>', 'headers | body', 'headers')
  .option('--rate-limit-rate <share>', 'share of requests answered 429')
  .option('--retry-after <s>', 'Retry-After seconds for 429s', '1')
  .option('--lost-rate <share>', 'share of mutating requests applied but never answered')
  .option('--lost-next <n>', 'the next N mutating requests are applied but never answered')
  .option('--token-ttl-ms <n>', 'tokens stop working N ms after issue')
  .parse();

const o = program.opts<Record<string, string | undefined>>();
const num = (v: string | undefined): number | undefined => (v === undefined ? undefined : Number(v));

function faultsFromFlags(): FaultConfig | undefined {
  const f: FaultConfig = {};
  if (o.latencyMs) f.latency = { fixedMs: Number(o.latencyMs) };
  if (o.latencyRange) {
    const [min, max] = o.latencyRange.split('-').map(Number);
    f.latency = { minMs: min ?? 0, maxMs: max ?? min ?? 0 };
  }
  if (o.errorRate) f.serverError = { rate: Number(o.errorRate) };
  if (o.resetRate) f.reset = { rate: Number(o.resetRate), phase: o.resetPhase === 'body' ? 'body' : 'headers' };
  if (o.rateLimitRate) f.rateLimit = { rate: Number(o.rateLimitRate), retryAfterSeconds: Number(o.retryAfter) };
  if (o.lostRate || o.lostNext) f.lostResponse = { rate: num(o.lostRate), next: num(o.lostNext) };
  if (o.tokenTtlMs) f.tokenTtlMs = Number(o.tokenTtlMs);
  return Object.keys(f).length > 0 ? f : undefined;
}

function kazooVersion(v: string | undefined): '4.2' | '4.3' {
  if (v === '4.3' || v === undefined) return '4.3';
  if (v === '4.2' || v === '4.0' || v === '4.1') return '4.2';
  process.stderr.write(`--kazoo-version must be 4.2 or 4.3, not ${v}\n`);
  process.exit(2);
}

const handle = await startSandbox({
  port: Number(o.port),
  dataDir: o.data ?? '',
  token: o.token,
  seed: o.seed === 'demo' ? 'demo' : 'none',
  kazooVersion: kazooVersion(o.kazooVersion),
  allowSubmittedToScheduled: Boolean(o.allowSubmittedToScheduled),
  randomSeed: Number(o.randomSeed),
  clock: o.clockMs ? { intervalMs: Number(o.clockMs) } : undefined,
  faults: faultsFromFlags(),
  onRequest: (e) => process.stdout.write(`${JSON.stringify({ level: 'info', msg: 'request', ...e })}\n`),
});

process.stdout.write(
  `${JSON.stringify({
    kazooUrl: handle.kazooUrl,
    telnyxUrl: handle.telnyxUrl,
    adminUrl: handle.adminUrl,
    token: handle.token,
    subToken: handle.subToken,
    kazooVersion: handle.kazooVersion,
    accounts: handle.accounts,
  })}\n`,
);

let closing = false;
const shutdown = (signal: string): void => {
  if (closing) return;
  closing = true;
  process.stdout.write(`${JSON.stringify({ level: 'info', msg: 'shutting down', signal })}\n`);
  handle.close().then(
    () => process.exit(0),
    () => process.exit(1),
  );
};
process.on('SIGTERM', () => shutdown('SIGTERM'));
process.on('SIGINT', () => shutdown('SIGINT'));
