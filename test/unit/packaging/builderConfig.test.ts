import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, isShipped, loadBuilderConfig, requireFromBuilder } from './builderConfig';

const config = loadBuilderConfig();
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
  main: string;
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
};
const targets = (os: 'win' | 'mac' | 'linux') => config[os].target.map((t) => t.target);

describe('electron-builder.yml', () => {
  it("passes electron-builder's own schema validation", async () => {
    const { validateConfiguration } = requireFromBuilder('./out/util/config/config') as {
      validateConfiguration(c: unknown, log: unknown): Promise<void>;
    };
    const { DebugLogger } = requireFromBuilder('builder-util') as { DebugLogger: new (enabled: boolean) => unknown };
    await expect(validateConfiguration(config, new DebugLogger(false))).resolves.toBeUndefined();
  });

  it('identifies the app', () => {
    expect(config.appId).toBe('com.portdesk.app');
    expect(config.productName).toBe('PortDesk');
    expect(config.directories.output).toBe('dist');
  });

  it('builds NSIS, DMG, AppImage and deb', () => {
    expect(targets('win')).toEqual(['nsis']);
    expect(targets('mac')).toEqual(['dmg']);
    expect(targets('linux').sort()).toEqual(['AppImage', 'deb']);
  });

  it('ships the electron-vite build and package.json, whose main entry is inside it', () => {
    for (const path of ['out/main/index.js', 'out/preload/index.cjs', 'out/renderer/index.html', 'out/renderer/assets/index-abc.js', 'package.json']) {
      expect(isShipped(config.files, path), path).toBe(true);
    }
    expect(isShipped(config.files, pkg.main), pkg.main).toBe(true);
  });

  it('ships the drag-out icon the main process loads, unpacked from asar', () => {
    expect(isShipped(config.files, 'resources/icon.png')).toBe(true);
    expect(config.asarUnpack).toContain('resources/icon.png');
    expect(isShipped(config.files, 'resources/icons/icon.svg')).toBe(false);
  });

  it('ships no sources, tests, fixtures, docs, scripts, configs or source maps', () => {
    const notShipped = [
      'src/main/index.ts',
      'src/renderer/src/App.tsx',
      'test/unit/log/logger.test.ts',
      'test/fixtures/kazoo/port_request.json',
      'test/e2e/board.spec.ts',
      'docs/desktop.md',
      'scripts/make-icons.sh',
      'resources/icons/icon.svg',
      'electron-builder.yml',
      'electron.vite.config.ts',
      'tsconfig.json',
      'vitest.config.ts',
      '.env',
      'dist/PortDesk-0.1.0.AppImage',
      'out/main/index.js.map',
      'out/cli/main.cjs',
      'node_modules/.portdesk-native/electron/better_sqlite3.node',
      'node_modules/better-sqlite3/build/Release/better_sqlite3.node',
      'node_modules/better-sqlite3/deps/sqlite3/sqlite3.c',
      'node_modules/zod/README.md',
      'node_modules/ws/test/websocket.test.js',
    ];
    for (const path of notShipped) expect(isShipped(config.files, path), path).toBe(false);
  });

  it('lets the production dependencies through (electron-builder adds them itself)', () => {
    for (const path of ['node_modules/better-sqlite3/lib/index.js', 'node_modules/better-sqlite3/package.json', 'node_modules/zod/index.js']) {
      expect(isShipped(config.files, path), path).toBe(true);
    }
  });

  it('keeps devDependencies and test data out of every list that copies files', () => {
    const copied = [...config.files, ...config.extraResources.map((r) => r.from), ...config.asarUnpack];
    for (const dev of Object.keys(pkg.devDependencies)) {
      expect(copied.some((p) => p.includes(`node_modules/${dev}/`) && !p.startsWith('!')), dev).toBe(false);
    }
    expect(copied.some((p) => !p.startsWith('!') && /(^|\/)(test|fixtures|src)\//.test(p))).toBe(false);
    expect(config).not.toHaveProperty('extraFiles');
    expect(config).not.toHaveProperty('includeSubNodeModules');
  });

  it('has Electron and the build tools as devDependencies, so electron-builder leaves them out', () => {
    for (const dev of ['electron', 'electron-builder', 'electron-vite', 'vitest', 'typescript', '@playwright/test']) {
      expect(pkg.devDependencies, dev).toHaveProperty(dev);
      expect(pkg.dependencies, dev).not.toHaveProperty(dev);
    }
  });

  it('unpacks native add-ons from asar', () => {
    expect(config.asar).toBe(true);
    expect(config.asarUnpack).toContain('**/*.node');
  });

  it('ships the LOA fonts and their licence as resources where the LOA generator looks for them', () => {
    expect(config.extraResources).toContainEqual({ from: 'resources/fonts', to: 'fonts' });
    for (const file of ['NotoSans-Regular.ttf', 'NotoSans-Bold.ttf', 'NotoSansArabic-Regular.ttf', 'NotoSansHebrew-Regular.ttf', 'NotoSansCJK-Regular.otf', 'OFL.txt']) {
      expect(existsSync(join(ROOT, 'resources', 'fonts', file)), file).toBe(true);
    }
  });

  it('ships the Electron build of better-sqlite3 as a resource where the main process loads it', () => {
    expect(config.npmRebuild).toBe(false);
    expect(config.extraResources).toContainEqual({
      from: 'node_modules/.portdesk-native/electron/better_sqlite3.node',
      to: 'native/better_sqlite3.node',
    });
    // The loader (src/main/db/native.ts) looks in process.resourcesPath/native/.
    const loader = join(ROOT, 'src/main/db/native.ts');
    if (existsSync(loader)) expect(readFileSync(loader, 'utf8')).toMatch(/'native',\s*'better_sqlite3\.node'/);
  });

  it('points every platform at icon files that exist', () => {
    expect(existsSync(join(ROOT, config.win.icon))).toBe(true);
    expect(existsSync(join(ROOT, config.mac.icon))).toBe(true);
    const linuxIcons = readdirSync(join(ROOT, config.linux.icon)).filter((f) => /^\d+x\d+\.png$/.test(f));
    expect(linuxIcons.sort()).toEqual(
      ['16x16.png', '32x32.png', '48x48.png', '64x64.png', '128x128.png', '256x256.png', '512x512.png', '1024x1024.png'].sort(),
    );
  });

  it('describes the Linux package', () => {
    expect(config.linux.category).toBe('Office');
    expect(config.linux.maintainer).toMatch(/<[^>]+@[^>]+>/);
    expect(config.linux.description.length).toBeGreaterThan(40);
    expect(config.linux.executableName).toBe('portdesk');
  });

  it('keeps the update feed generic (the app decides at run time whether to use it)', () => {
    expect(config.publish.provider).toBe('generic');
  });
});
