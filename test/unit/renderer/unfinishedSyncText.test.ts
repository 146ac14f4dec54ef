import { describe, expect, it } from 'vitest';
import { unfinishedSyncText } from '../../../src/renderer/src/sync/syncText';
import type { SyncReport } from '../../../src/shared/rpc/methods/sync';

const REASON =
  "Still not converged: Behind a private CA: the changes could not be sent (The server's certificate is not from a certificate authority PortDesk trusts (DEPTH_ZERO_SELF_SIGNED_CERT)); 1 change(s) still queued";

function report(unfinished: string[], message = REASON, unreachable: SyncReport['unreachable'] = []): SyncReport {
  return { converged: false, message, unfinished: unfinished.map((name, i) => ({ remoteId: `r${i}`, name })), pushed: 0, pulled: 0, conflicts: 0, blocked: 0, waiting: 1, unreachable };
}

describe('the toast of a sync run that did not finish', () => {
  it('names the connection and points at its card, without repeating the reason the card shows', () => {
    const text = unfinishedSyncText(report(['Behind a private CA']));
    expect(text).toBe('Sync with "Behind a private CA" did not finish: see its card');
    expect(text).not.toContain('certificate');
  });

  it('names every connection left unfinished, and their cards', () => {
    expect(unfinishedSyncText(report(['Northwind', 'Telnyx main']))).toBe('Sync with "Northwind" and "Telnyx main" did not finish: see their cards');
    expect(unfinishedSyncText(report(['A', 'B', 'C']))).toBe('Sync with "A", "B" and "C" did not finish: see their cards');
  });

  it('says why when no connection ran (another PortDesk holds the database): there is no card to point at', () => {
    const held = 'Another PortDesk is syncing this database (PortDesk cli (pid 7 on here, run 1)); try again when it is done';
    expect(unfinishedSyncText(report([], held))).toBe(held);
  });

  it('says at once that an unreachable connection cannot be reached, that the changes are kept, and that they go when it is back', () => {
    const offline = (name: string, i: number, queued: number) => ({ remoteId: `r${i}`, name, reason: 'Network error (connect ECONNREFUSED 10.0.0.2:8000)', queued });
    expect(unfinishedSyncText(report(['Office Kazoo'], 'm', [offline('Office Kazoo', 0, 3)]))).toBe(
      '"Office Kazoo" cannot be reached right now. Your 3 changes are kept on this computer, and PortDesk sends them when the connection is back',
    );
    expect(unfinishedSyncText(report(['Office Kazoo'], 'm', [offline('Office Kazoo', 0, 1)]))).toBe(
      '"Office Kazoo" cannot be reached right now. Your change is kept on this computer, and PortDesk sends it when the connection is back',
    );
    expect(unfinishedSyncText(report(['Office Kazoo'], 'm', [offline('Office Kazoo', 0, 0)]))).toBe('"Office Kazoo" cannot be reached right now; PortDesk syncs when the connection is back');
    // Another connection left unfinished for another reason is still pointed at its card.
    expect(unfinishedSyncText(report(['Office Kazoo', 'Telnyx main'], 'm', [offline('Office Kazoo', 0, 2)]))).toBe(
      '"Office Kazoo" cannot be reached right now. Your 2 changes are kept on this computer, and PortDesk sends them when the connection is back. Sync with "Telnyx main" did not finish: see its card',
    );
  });
});
