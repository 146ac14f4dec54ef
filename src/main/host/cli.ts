import { parseArgs } from 'node:util';
import { join } from 'node:path';
import { createAppContext } from '../app-context';
import { resolveDbPath } from '../paths';
import { startHost } from './server';

/** `npm run host`: the app in a browser, over the same services and database as the desktop app. */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      db: { type: 'string' },
      port: { type: 'string', default: '0' },
      token: { type: 'string' },
      static: { type: 'string' },
    },
  });
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port must be 0..65535, got ${values.port}`);
  const dbPath = resolveDbPath(values.db);
  const ctx = createAppContext({ dbPath, shell: 'host' });
  const host = await startHost({
    router: ctx.router,
    changes: ctx.changes,
    staticDir: values.static ?? join(process.cwd(), 'out', 'renderer'),
    port,
    ...(values.token ? { token: values.token } : {}),
  });
  process.stdout.write(`${JSON.stringify({ url: host.openUrl, port: host.port, db: dbPath })}\n`);
  process.stderr.write(`PortDesk is running. Open ${host.openUrl}\n`);
  const stop = () => {
    void host.close().then(() => {
      ctx.close();
      process.exit(0);
    });
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((err: unknown) => {
  process.stderr.write(`portdesk host: ${(err as Error).message}\n`);
  process.exit(1);
});
