import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const OUT = fileURLToPath(new URL('../../../out/', import.meta.url));

/** Every script of main's and the preload's build (`npm test` builds before the unit tests run). */
function scripts(): string[] {
  const dirs = [join(OUT, 'main'), join(OUT, 'main', 'chunks'), join(OUT, 'preload')].filter((d) => existsSync(d));
  return dirs.flatMap((d) => readdirSync(d).filter((f) => /\.c?js$/.test(f)).map((f) => join(d, f)));
}

describe("the Electron build's main and preload scripts", () => {
  it.skipIf(!existsSync(join(OUT, 'main', 'index.js')))('are ASCII only, so Node loads each as a one-byte string (electron.vite.config.ts asciiOutput)', () => {
    const found = scripts();
    expect(found.length).toBeGreaterThan(2);
    for (const file of found) {
      const text = readFileSync(file, 'latin1');
      const at = text.search(/[^\x00-\x7f]/);
      expect(at < 0 ? '' : `${file}: ${text.slice(Math.max(0, at - 40), at + 10)}`).toBe('');
    }
    // The escapes read back as the characters: a menu label keeps its ellipsis.
    expect(readFileSync(join(OUT, 'main', 'index.js'), 'utf8')).toContain('"Import Numbers\\u2026"');
  });
});
