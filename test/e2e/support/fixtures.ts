import { test as base } from '@playwright/test';
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

export { expect } from '@playwright/test';
