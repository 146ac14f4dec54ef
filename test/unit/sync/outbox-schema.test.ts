import { describe, expect, it } from 'vitest';
import { EMPTY_PORT_FIELDS } from '../../../src/shared/model';
import { OUTBOX_VERSION, parseOutboxChange } from '../../../src/main/db/repos/outbox-entries';

describe('outbox entries', () => {
  it('reads every operation, filling the version of rows written before versions', () => {
    const ok = parseOutboxChange('port.move', { from: 'unconfirmed', to: 'submitted', reason: null, date: null });
    expect(ok).toEqual({ ok: true, change: { op: 'port.move', payload: { v: OUTBOX_VERSION, from: 'unconfirmed', to: 'submitted', reason: null, date: null } } });
    expect(parseOutboxChange('port.create', { v: 1, fields: { ...EMPTY_PORT_FIELDS, name: 'X' }, numbers: ['+12025550143'] }).ok).toBe(true);
    expect(parseOutboxChange('comment.add', { commentId: 'c1', body: 'Hi', isPrivate: false, actionRequired: true }).ok).toBe(true);
    expect(parseOutboxChange('attachment.delete', { attachmentId: 'a', remoteName: 'bill.pdf', documentType: null }).ok).toBe(true);
  });

  it('says what is wrong with a bad payload, an unknown operation or a newer version', () => {
    const bad = parseOutboxChange('port.move', { from: 'unconfirmed', to: 'nowhere', reason: null, date: null });
    expect(bad.ok).toBe(false);
    expect(!bad.ok && bad.message).toMatch(/^PortDesk cannot read this port's queued port\.move change \(to\)/);
    const unknown = parseOutboxChange('port.teleport', {});
    expect(!unknown.ok && unknown.message).toMatch(/does not know \("port\.teleport"\)/);
    expect(parseOutboxChange('port.numbers', { v: 2, add: [], remove: [] }).ok).toBe(false);
    expect(parseOutboxChange('port.update', undefined).ok).toBe(false);
  });
});
