import { describe, expect, it } from 'vitest';
import { unfinishedSyncText } from '../../../src/renderer/src/sync/syncText';
import type { SyncReport } from '../../../src/shared/rpc/methods/sync';

const REASON =
  "Still not converged: Behind a private CA: the changes could not be sent (The server's certificate is not from a certificate authority PortDesk trusts (DEPTH_ZERO_SELF_SIGNED_CERT)); 1 change(s) still queued";

function report(unfinished: string[], message = REASON): SyncReport {
  return { converged: false, message, unfinished: unfinished.map((name, i) => ({ remoteId: `r${i}`, name })), pushed: 0, pulled: 0, conflicts: 0, blocked: 0, waiting: 1 };
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
});
