/**
 * `node --import tsx test/support/measured-cli.ts ARGS...`: the CLI in a process of its own, which
 * reports on its last stderr line how long it ran and its peak resident memory (measured by the
 * OS, so worker threads and native buffers count), for the hostile-input corpus' bounds.
 */
import { runCli } from '../../src/main/cli/program';

const started = performance.now();
const code = await runCli(process.argv.slice(2), { out: (t) => process.stdout.write(`${t}\n`), err: (t) => process.stderr.write(`${t}\n`), env: process.env });
process.stderr.write(`\n@@measure ${JSON.stringify({ ms: Math.round(performance.now() - started), maxRssMb: Math.round(process.resourceUsage().maxRSS / 1024) })}\n`);
process.exit(code);
