import { describe, expect, it, vi } from 'vitest';
import { PORT_STATES } from '../../../src/shared/model';
import type { RemoteStateChange } from '../../../src/shared/domain/remoteMoves';
import { notificationFor, notifyRemoteChange, type NotificationApi } from '../../../src/main/shell/notifications';

const change = (over: Partial<RemoteStateChange>): RemoteStateChange => ({
  portId: 'p1',
  portName: 'Acme HQ',
  from: 'pending',
  to: 'scheduled',
  numberCount: 12,
  ...over,
});
const background = { windowFocused: false };

describe('notificationFor', () => {
  it('says when a port was scheduled, with the date', () => {
    expect(notificationFor(change({ focDate: '2025-03-14' }), background)).toEqual({
      portId: 'p1',
      urgent: false,
      title: 'Port scheduled',
      body: 'Acme HQ (12 numbers) will port on 2025-03-14.',
    });
  });

  it('marks rejections urgent and quotes the carrier reason verbatim (whitespace folded)', () => {
    const n = notificationFor(change({ to: 'rejected', numberCount: 1, reason: 'Account number\n does not match' }), background);
    expect(n).toMatchObject({ title: 'Port rejected', urgent: true, body: 'Acme HQ (1 number): Account number does not match' });
    expect(notificationFor(change({ to: 'rejected' }), background)?.body).toMatch(/was rejected/);
  });

  it('clips very long reasons', () => {
    const n = notificationFor(change({ to: 'rejected', reason: 'x'.repeat(1000) }), background);
    expect(n?.body.length).toBeLessThan(260);
    expect(n?.body.endsWith('…')).toBe(true);
  });

  it('announces completion and cancellation', () => {
    expect(notificationFor(change({ from: 'scheduled', to: 'completed' }), background)?.title).toBe('Port completed');
    expect(notificationFor(change({ to: 'canceled', numberCount: undefined }), background)?.body).toBe('Acme HQ was canceled on the carrier side.');
  });

  it('stays quiet while the window is focused, for every state', () => {
    for (const to of PORT_STATES) expect(notificationFor(change({ to }), { windowFocused: true })).toBeNull();
  });

  it('stays quiet for moves nobody waits on and for non-moves', () => {
    expect(notificationFor(change({ from: 'submitted', to: 'pending' }), background)).toBeNull();
    expect(notificationFor(change({ from: 'unconfirmed', to: 'submitted' }), background)).toBeNull();
    expect(notificationFor(change({ from: 'scheduled', to: 'scheduled' }), background)).toBeNull();
  });
});

describe('notifyRemoteChange', () => {
  function fakeApi(supported = true) {
    const shown: Array<{ opts: unknown; click?: () => void }> = [];
    const api: NotificationApi = {
      isSupported: () => supported,
      create: (opts) => {
        const entry: { opts: unknown; click?: () => void } = { opts };
        shown.push(entry);
        return { show: vi.fn(), on: (_e, l) => (entry.click = l) };
      },
    };
    return { api, shown };
  }

  it('shows a critical notification for a rejection and opens the port on click', () => {
    const { api, shown } = fakeApi();
    const onOpen = vi.fn();
    notifyRemoteChange(api, change({ to: 'rejected' }), background, onOpen);
    expect(shown).toHaveLength(1);
    expect(shown[0]?.opts).toMatchObject({ title: 'Port rejected', urgency: 'critical' });
    shown[0]?.click?.();
    expect(onOpen).toHaveBeenCalledWith('p1');
  });

  it('shows nothing where notifications are unsupported or not warranted', () => {
    const unsupported = fakeApi(false);
    expect(notifyRemoteChange(unsupported.api, change({}), background, vi.fn())).toBeNull();
    expect(unsupported.shown).toHaveLength(0);
    const focused = fakeApi();
    notifyRemoteChange(focused.api, change({}), { windowFocused: true }, vi.fn());
    expect(focused.shown).toHaveLength(0);
  });
});
