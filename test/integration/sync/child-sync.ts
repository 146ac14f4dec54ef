// Child process for the kill -9 test: open the store named by PD_DB and sync until converged.
// Wired as createAppContext wires the engine (same database, key file and content store beside
// it) but without the rest of the app, whose modules would cost seconds per start.
import { dirname } from 'node:path';
import { openDatabase } from '../../../src/main/db/connection';
import { createRepos } from '../../../src/main/db/repos';
import { ChangeBus } from '../../../src/main/services/changes';
import { RemotesService } from '../../../src/main/services/remotes-service';
import { keyFileBox } from '../../../src/main/services/secrets';
import { createAdapter, SyncEngine } from '../../../src/main/sync/engine';

const dbPath = process.env.PD_DB ?? '';
const db = openDatabase(dbPath);
const changes = new ChangeBus();
const repos = createRepos(db);
const remotes = new RemotesService(repos, keyFileBox(dirname(dbPath)), changes);
// A kill between recording a create and sending it leaves a create that may still land: with the
// default timeout and margin the next run would wait 2.5 min for it, so this child waits 2 s.
const engine = new SyncEngine({
  db,
  repos,
  changes,
  remotes,
  backoff: { baseMs: 20, capMs: 300 },
  adapterFor: (config, ctx) => createAdapter({ ...config, requestTimeoutMs: 1_500 }, ctx),
  lateCreateMarginMs: 500,
});
process.stdout.write('ready\n');
let converged = false;
for (let i = 0; i < 20 && !converged; i += 1) converged = (await engine.syncNow({ waitMs: 2000 })).converged;
db.close();
process.stdout.write(converged ? 'converged\n' : 'still not converged\n');
