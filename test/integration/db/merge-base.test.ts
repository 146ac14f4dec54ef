import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { openDatabase } from '../../../src/main/db/connection';
import { createRepos } from '../../../src/main/db/repos';
import { EMPTY_PORT_FIELDS, type PortFields } from '../../../src/shared/model';
import { tempDir } from '../../support/temp';

const fields: PortFields = { ...EMPTY_PORT_FIELDS, name: 'Oak Dental', billingName: 'Oak Dental LLC', locality: 'Springfield', notificationEmails: ['ops@oak.example'] };
const version = { fields, numbers: ['+12025550100', '+12025550101'], state: 'submitted' as const };

function store() {
  const db = openDatabase(join(tempDir(), 'base.db'));
  db.prepare("INSERT INTO remotes (id, kind, name, base_url, account_id, created_at) VALUES ('r1', 'kazoo', 'Kazoo', 'https://kazoo.example', 'acct', 1)").run();
  return { db, repos: createRepos(db), stored: (id: string) => JSON.parse(db.prepare('SELECT sync_base FROM ports WHERE id = ?').pluck().get(id) as string) as { fields: Record<string, unknown> } };
}

describe('a port’s merge base (ports.sync_base)', () => {
  it('is stored without its empty fields, by a pull and by a later agreement, and reads back whole', () => {
    const { db, repos, stored } = store();
    repos.ports.insertPulled({ id: 'p1', state: 'submitted', stateReason: null, remoteId: 'r1', remoteObjectId: 'obj1', revision: 'h-1', accountId: 'acct', fields, base: version, now: 1 });
    expect(Object.keys(stored('p1').fields).sort()).toEqual(['billingName', 'locality', 'name', 'notificationEmails']);
    expect(repos.ports.mergeBase('p1').base).toEqual(version);

    const agreed = { ...version, fields: { ...fields, locality: '', pin: '1234', notificationEmails: [] }, state: 'pending' as const };
    repos.ports.setMergeBase('p1', agreed);
    expect(Object.keys(stored('p1').fields).sort()).toEqual(['billingName', 'name', 'pin']);
    expect(repos.ports.mergeBase('p1').base).toEqual(agreed);
    db.close();
  });

  it('stored whole, as before, reads the same', () => {
    const { db, repos } = store();
    repos.ports.insertPulled({ id: 'p1', state: 'submitted', stateReason: null, remoteId: 'r1', remoteObjectId: 'obj1', revision: 'h-1', accountId: 'acct', fields, base: version, now: 1 });
    db.prepare('UPDATE ports SET sync_base = ? WHERE id = ?').run(JSON.stringify(version), 'p1');
    expect(repos.ports.mergeBase('p1').base).toEqual(version);
    // A field of the wrong type is still refused: no base rather than a wrong one.
    db.prepare('UPDATE ports SET sync_base = ? WHERE id = ?').run(JSON.stringify({ ...version, fields: { name: 7 } }), 'p1');
    expect(repos.ports.mergeBase('p1').base).toBeNull();
    db.close();
  });
});
