// `npm test`: layering check, type check, build, unit + integration tests (vitest), end-to-end tests (Playwright),
// then one closing line with the totals of both runners. Stops at the first failing phase.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..');
const out = join(root, '.tmp', 'test-results');
rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
const bin = (name) => join(root, 'node_modules', '.bin', name);
const vitestJson = join(out, 'vitest.json');
const playwrightJson = join(out, 'playwright.json');

const phases = [
  ['layers', process.execPath, [join(root, 'scripts', 'check-layers.mjs')]],
  ['type check', bin('tsc'), ['--noEmit']],
  // Built before the unit tests too: the security checklist reads the CSP the build put in index.html.
  ['build', bin('electron-vite'), ['build']],
  // The CLI tests run bin/portdesk.cjs, which uses this build while it is newer than the sources.
  ['build CLI', process.execPath, [join(root, 'scripts', 'build-cli.mjs')]],
  ['unit + integration', bin('vitest'), ['run', '--reporter=default', '--reporter=json', `--outputFile.json=${vitestJson}`]],
  ['end-to-end', bin('playwright'), ['test', '--reporter=list,json'], { PLAYWRIGHT_JSON_OUTPUT_FILE: playwrightJson }],
];

function totals() {
  const sum = { passed: 0, failed: 0, skipped: 0 };
  if (existsSync(vitestJson)) {
    const v = JSON.parse(readFileSync(vitestJson, 'utf8'));
    sum.passed += v.numPassedTests;
    sum.failed += v.numFailedTests;
    sum.skipped += v.numPendingTests + (v.numTodoTests ?? 0);
  }
  if (existsSync(playwrightJson)) {
    const s = JSON.parse(readFileSync(playwrightJson, 'utf8')).stats;
    sum.passed += s.expected + s.flaky;
    sum.failed += s.unexpected;
    sum.skipped += s.skipped;
  }
  return sum;
}

let status = 0;
for (const [name, cmd, args, env] of phases) {
  console.log(`\n== ${name}`);
  const result = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
  if (result.status !== 0) {
    console.error(`\n${name} failed`);
    status = result.status ?? 1;
    break;
  }
}
const t = totals();
if (status !== 0 && t.failed === 0) t.failed = 1;
console.log(`\n${t.passed} passed, ${t.failed} failed, ${t.skipped} skipped`);
process.exit(status);
