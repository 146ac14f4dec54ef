// Child process for the kill -9 test: open the store named by PD_DB and sync until converged.
import { createAppContext } from '../../../src/main/app-context';
import { SyncEngine } from '../../../src/main/sync/engine';

const ctx = createAppContext({ dbPath: process.env.PD_DB ?? '', shell: 'cli', backgroundSync: false });
const engine = new SyncEngine({ db: ctx.db, changes: ctx.changes, remotes: ctx.remotes, backoff: { baseMs: 20, capMs: 300 } });
process.stdout.write('ready\n');
let converged = false;
for (let i = 0; i < 20 && !converged; i += 1) converged = (await engine.syncNow({ waitMs: 2000 })).converged;
ctx.close();
process.stdout.write(converged ? 'converged\n' : 'still not converged\n');
