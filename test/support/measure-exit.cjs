// `node --require test/support/measure-exit.cjs bin/portdesk.cjs ARGS...`: the CLI as installed,
// in a process of its own, reporting on its last stderr line how long the process ran and its
// peak resident memory (measured by the OS, so worker threads and native buffers count), for the
// hostile-input corpus' bounds.
'use strict';
process.on('exit', () => {
  process.stderr.write(`\n@@measure ${JSON.stringify({ ms: Math.round(performance.now()), maxRssMb: Math.round(process.resourceUsage().maxRSS / 1024) })}\n`);
});
