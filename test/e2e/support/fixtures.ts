import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test as base } from '@playwright/test';
import { startSandbox, type SandboxHandle } from '../../../src/sandbox/index';
import { startHostProcess, type RunningHost } from './host';

/** Each test gets its own host process and database, and a page already opened on it. */
export const test = base.extend<{ host: RunningHost }>({
  host: async ({}, use) => {
    const host = await startHostProcess();
    await use(host);
    await host.stop();
  },
  page: async ({ page, host }, use) => {
    await page.goto(host.url);
    await use(page);
  },
});

/** The same, plus a porting API sandbox of its own (empty; its root account charges 10.00 per port). */
export const testWithSandbox = test.extend<{ sandbox: SandboxHandle }>({
  sandbox: async ({}, use) => {
    const dir = mkdtempSync(join(tmpdir(), 'portdesk-e2e-sandbox-'));
    const sandbox = await startSandbox({ dataDir: dir, port: 0, seed: 'none' });
    await use(sandbox);
    await sandbox.close();
    rmSync(dir, { recursive: true, force: true });
  },
});

export { expect } from '@playwright/test';
