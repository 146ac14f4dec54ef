import { join } from 'node:path';
import { afterEach } from 'vitest';
import { createAppContext, type AppContext } from '../../src/main/app-context';
import { tempDir } from './temp';

/** An app context (store, services, router) on a fresh database, closed after the test. */
export function testContext(): AppContext & { dbPath: string } {
  const dbPath = join(tempDir(), 'portdesk.db');
  const ctx = createAppContext({ dbPath, shell: 'cli' });
  afterEach(() => ctx.close());
  return { ...ctx, dbPath };
}
