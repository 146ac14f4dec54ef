import { afterEach, describe, expect, it, vi } from 'vitest';
import type { App } from 'electron';
import { claimSingleInstance, focusWindow, type FocusableWindow, type SingleInstanceApp } from '../../../src/main/shell/singleInstance';
import { installQuitGuard, type QuittableApp } from '../../../src/main/shell/quitGuard';
import { crashReporterOptions } from '../../../src/main/shell/crashReporting';

/** Compile-time proof that Electron's `app` fits the structural types (never called). */
export function electronAppFits(app: App): [SingleInstanceApp, QuittableApp] {
  return [app, app];
}

function fakeWindow(minimized: boolean) {
  const calls: string[] = [];
  const win: FocusableWindow = {
    isDestroyed: () => false,
    isMinimized: () => minimized,
    restore: () => calls.push('restore'),
    show: () => calls.push('show'),
    focus: () => calls.push('focus'),
  };
  return { win, calls };
}

describe('single instance', () => {
  it('quits a second instance without registering anything', () => {
    const app = { requestSingleInstanceLock: () => false, quit: vi.fn(), on: vi.fn() };
    expect(claimSingleInstance(app, () => null)).toBe(false);
    expect(app.quit).toHaveBeenCalledTimes(1);
    expect(app.on).not.toHaveBeenCalled();
  });

  it('in the first instance, a second launch restores and focuses the window', () => {
    let onSecond: (() => void) | undefined;
    const app: SingleInstanceApp = {
      requestSingleInstanceLock: () => true,
      quit: vi.fn(),
      on: (_e, l) => {
        onSecond = l;
      },
    };
    const { win, calls } = fakeWindow(true);
    expect(claimSingleInstance(app, () => win)).toBe(true);
    onSecond?.();
    expect(calls).toEqual(['restore', 'show', 'focus']);
  });

  it('ignores a missing or destroyed window', () => {
    expect(focusWindow(null)).toBe(false);
    expect(focusWindow({ ...fakeWindow(false).win, isDestroyed: () => true })).toBe(false);
  });
});

describe('quit guard', () => {
  afterEach(() => vi.useRealTimers());

  function fakeApp() {
    let listener: ((e: { preventDefault(): void }) => void) | undefined;
    const app = {
      quit: vi.fn(() => {
        const prevented = app.tryQuit();
        if (!prevented) app.exited = true;
      }),
      on: (_e: 'before-quit', l: (e: { preventDefault(): void }) => void) => {
        listener = l;
      },
      exited: false,
      /** Emits before-quit; true when the listener held the quit. */
      tryQuit: () => {
        let prevented = false;
        listener?.({ preventDefault: () => (prevented = true) });
        return prevented;
      },
    };
    return app;
  }

  it('holds the quit until the sync transaction finishes, then quits once', async () => {
    const app = fakeApp();
    let release: () => void = () => undefined;
    const finish = vi.fn(() => new Promise<void>((r) => (release = r)));
    installQuitGuard(app, { finish });
    expect(app.tryQuit()).toBe(true);
    expect(app.tryQuit()).toBe(true);
    expect(finish).toHaveBeenCalledTimes(1);
    expect(app.exited).toBe(false);
    release();
    await vi.waitFor(() => expect(app.exited).toBe(true));
    expect(app.quit).toHaveBeenCalledTimes(1);
  });

  it('quits anyway after the timeout if the work hangs', async () => {
    vi.useFakeTimers();
    const app = fakeApp();
    const onTimeout = vi.fn();
    installQuitGuard(app, { finish: () => new Promise<void>(() => undefined), timeoutMs: 1000, onTimeout });
    app.tryQuit();
    await vi.advanceTimersByTimeAsync(1001);
    expect(onTimeout).toHaveBeenCalledTimes(1);
    expect(app.exited).toBe(true);
  });

  it('quits when the work fails, reporting the error', async () => {
    const app = fakeApp();
    const onError = vi.fn();
    installQuitGuard(app, { finish: () => Promise.reject(new Error('disk full')), onError });
    app.tryQuit();
    await vi.waitFor(() => expect(app.exited).toBe(true));
    expect(onError).toHaveBeenCalledWith(expect.objectContaining({ message: 'disk full' }));
  });
});

describe('crash reporter', () => {
  it('is off by default', () => {
    expect(crashReporterOptions({})).toBeNull();
    expect(crashReporterOptions({ PORTDESK_CRASH_REPORT_URL: '  ' })).toBeNull();
  });
  it('stays off for a non-https or invalid collector', () => {
    expect(crashReporterOptions({ PORTDESK_CRASH_REPORT_URL: 'http://crash.example/submit' })).toBeNull();
    expect(crashReporterOptions({ PORTDESK_CRASH_REPORT_URL: 'not a url' })).toBeNull();
  });
  it('turns on only with an explicit https collector', () => {
    expect(crashReporterOptions({ PORTDESK_CRASH_REPORT_URL: 'https://crash.corp.example/submit' })).toMatchObject({
      submitURL: 'https://crash.corp.example/submit',
      uploadToServer: true,
    });
  });
});
