import { describe, expect, it, vi } from 'vitest';
import type { AppUpdater } from 'electron-updater';
import { CHECK_INTERVAL_MS, startAutoUpdates, updateDecision, type UpdaterLike } from '../../../src/main/shell/updates';

/** Compile-time proof that electron-updater's AppUpdater fits UpdaterLike (never called). */
export function appUpdaterFits(u: AppUpdater): UpdaterLike {
  return u;
}

describe('updateDecision', () => {
  it('is off when no feed is configured', () => {
    const d = updateDecision({ env: {}, isPackaged: true });
    expect(d.enabled).toBe(false);
    expect(d.enabled ? '' : d.reason).toMatch(/PORTDESK_UPDATE_URL/);
  });

  it('is off in development builds even with a feed', () => {
    expect(updateDecision({ env: { PORTDESK_UPDATE_URL: 'https://u.example/portdesk/' }, isPackaged: false }).enabled).toBe(false);
  });

  it('takes the environment over the settings feed', () => {
    expect(
      updateDecision({ env: { PORTDESK_UPDATE_URL: 'https://env.example/feed/' }, configFeedUrl: 'https://cfg.example/', isPackaged: true }),
    ).toEqual({ enabled: true, feedUrl: 'https://env.example/feed/' });
    expect(updateDecision({ env: {}, configFeedUrl: 'https://cfg.example/feed', isPackaged: true })).toEqual({
      enabled: true,
      feedUrl: 'https://cfg.example/feed',
    });
  });

  it('refuses plain http except to a local test server, and embedded credentials', () => {
    expect(updateDecision({ env: { PORTDESK_UPDATE_URL: 'http://updates.example/' }, isPackaged: true }).enabled).toBe(false);
    expect(updateDecision({ env: { PORTDESK_UPDATE_URL: 'http://127.0.0.1:8080/' }, isPackaged: true }).enabled).toBe(true);
    expect(updateDecision({ env: { PORTDESK_UPDATE_URL: 'https://u:p@updates.example/' }, isPackaged: true }).enabled).toBe(false);
    expect(updateDecision({ env: { PORTDESK_UPDATE_URL: 'ftp://updates.example/' }, isPackaged: true }).enabled).toBe(false);
    expect(updateDecision({ env: { PORTDESK_UPDATE_URL: 'nonsense' }, isPackaged: true }).enabled).toBe(false);
  });
});

function fakeUpdater() {
  const handlers = new Map<string, (arg: never) => void>();
  const updater = {
    autoDownload: false,
    autoInstallOnAppQuit: false,
    setFeedURL: vi.fn(),
    checkForUpdates: vi.fn(async () => null as unknown),
    on: vi.fn((event: string, l: (arg: never) => void) => handlers.set(event, l)),
  };
  return { updater: updater as typeof updater & UpdaterLike, handlers };
}

const log = () => ({ info: vi.fn(), warn: vi.fn() });

describe('startAutoUpdates', () => {
  it('never loads electron-updater when off', async () => {
    const load = vi.fn();
    const l = log();
    await startAutoUpdates({ enabled: false, reason: 'no feed' }, load, l);
    expect(load).not.toHaveBeenCalled();
    expect(l.info).toHaveBeenCalledWith('auto-update off', { reason: 'no feed' });
  });

  it('configures the generic feed, checks now and periodically, and stops', async () => {
    const { updater, handlers } = fakeUpdater();
    const timers = { setInterval: vi.fn(() => 7 as unknown as NodeJS.Timeout), clearInterval: vi.fn() };
    const l = log();
    const stop = await startAutoUpdates({ enabled: true, feedUrl: 'https://u.example/' }, async () => updater, l, timers as never);
    expect(updater.setFeedURL).toHaveBeenCalledWith({ provider: 'generic', url: 'https://u.example/' });
    expect(updater.autoDownload).toBe(true);
    expect(updater.autoInstallOnAppQuit).toBe(true);
    expect(updater.checkForUpdates).toHaveBeenCalledTimes(1);
    expect(timers.setInterval).toHaveBeenCalledWith(expect.any(Function), CHECK_INTERVAL_MS);
    handlers.get('error')?.(new Error('404') as never);
    expect(l.warn).toHaveBeenCalledWith('update check failed', { error: '404' });
    stop();
    expect(timers.clearInterval).toHaveBeenCalledWith(7);
  });

  it('logs a failed check instead of rejecting', async () => {
    const { updater } = fakeUpdater();
    updater.checkForUpdates.mockRejectedValueOnce(new Error('offline'));
    const l = log();
    const stop = await startAutoUpdates({ enabled: true, feedUrl: 'https://u.example/' }, async () => updater, l);
    await vi.waitFor(() => expect(l.warn).toHaveBeenCalledWith('update check failed', { error: 'Error: offline' }));
    stop();
  });
});
