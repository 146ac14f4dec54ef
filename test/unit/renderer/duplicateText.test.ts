import { describe, expect, it } from 'vitest';
import { duplicateText } from '../../../src/renderer/src/sync/syncText';
import type { RemoteSyncStatus } from '../../../src/shared/rpc/methods/sync';

type Duplicate = RemoteSyncStatus['duplicates'][number];
const dup = (patch: Partial<Duplicate>): Duplicate => ({ remoteObjectId: 'draft:d2', portId: 'p1', name: 'Late twice', keptObjectId: 'draft:d1', state: 'unconfirmed', seenAt: Date.UTC(2026, 10, 30, 9), cancelRefusal: null, ...patch });

describe('what the Sync screen says of a duplicate', () => {
  it('names the copy, the one kept and that it was not imported; nothing more where it can be canceled', () => {
    const text = duplicateText(dup({ remoteObjectId: 'k2', keptObjectId: 'k1' }), 'Northwind');
    expect(text).toMatch(/^Northwind holds a second copy, k2 \(Unconfirmed\), seen .+\. The port stays linked to k1\. It was not added as a new port\.$/);
  });

  it('says what to do instead where the server cannot cancel it (a Telnyx draft), as one sentence', () => {
    const refusal = "Telnyx's v1 API cannot cancel a draft port request: delete draft d2 in the Telnyx portal, then dismiss this duplicate";
    const text = duplicateText(dup({ cancelRefusal: refusal, keptObjectId: null }), 'Telnyx main');
    expect(text).toContain('The port is not linked yet. It was not added as a new port. ');
    expect(text.endsWith(`${refusal}.`)).toBe(true);
  });
});
