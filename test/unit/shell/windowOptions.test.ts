import { describe, expect, it } from 'vitest';
import { BACKGROUND, MIN_HEIGHT, MIN_WIDTH, mainWindowOptions } from '../../../src/main/shell/windowOptions';

describe('mainWindowOptions: the real BrowserWindow options', () => {
  const opts = mainWindowOptions({ preloadPath: '/app/out/preload/index.mjs' });
  const web = opts.webPreferences ?? {};

  it('isolates and sandboxes the renderer', () => {
    expect(web.contextIsolation).toBe(true);
    expect(web.sandbox).toBe(true);
    expect(web.nodeIntegration).toBe(false);
    expect(web.nodeIntegrationInWorker).toBe(false);
    expect(web.nodeIntegrationInSubFrames).toBe(false);
  });

  it('keeps web security on and remote content out', () => {
    expect(web.webSecurity).toBe(true);
    expect(web.allowRunningInsecureContent).toBe(false);
    expect(web.webviewTag).toBe(false);
    expect(web.experimentalFeatures).toBe(false);
    expect(web.navigateOnDragDrop).toBe(false);
  });

  it('loads the given preload and nothing else runs with privileges', () => {
    expect(web.preload).toBe('/app/out/preload/index.mjs');
    expect(Object.keys(web)).not.toContain('additionalArguments');
  });

  it('ships without DevTools unless in development', () => {
    expect(web.devTools).toBe(false);
    expect(mainWindowOptions({ preloadPath: 'p', isDev: true }).webPreferences?.devTools).toBe(true);
  });

  it('has a usable minimum size, starts hidden and follows the OS theme for its first paint', () => {
    expect(opts.minWidth).toBe(MIN_WIDTH);
    expect(opts.minHeight).toBe(MIN_HEIGHT);
    expect(opts.show).toBe(false);
    expect(opts.backgroundColor).toBe(BACKGROUND.light);
    expect(mainWindowOptions({ preloadPath: 'p', prefersDark: true }).backgroundColor).toBe(BACKGROUND.dark);
    expect(web.spellcheck).toBe(true);
  });

  it('uses restored bounds but never below the minimum', () => {
    const o = mainWindowOptions({ preloadPath: 'p', bounds: { x: 10, y: 20, width: 300, height: 2000 } });
    expect(o).toMatchObject({ x: 10, y: 20, width: MIN_WIDTH, height: 2000 });
    const centred = mainWindowOptions({ preloadPath: 'p', bounds: { width: 1400, height: 900 } });
    expect(centred.x).toBeUndefined();
    expect(centred.y).toBeUndefined();
  });
});
