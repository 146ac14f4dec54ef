import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';

/** Helpers shared by the packaging tests: the project root and electron-builder's own parsers. */
export const ROOT = resolve(__dirname, '../../..');
export const requireFromRoot = createRequire(join(ROOT, 'package.json'));
/** Resolve modules the way app-builder-lib does, so glob semantics match electron-builder's. */
export const requireFromBuilder = createRequire(requireFromRoot.resolve('app-builder-lib/package.json'));

interface TargetEntry {
  target: string;
  arch?: string[];
}
export interface BuilderConfig {
  appId: string;
  productName: string;
  directories: { output: string; buildResources?: string };
  files: string[];
  asar: boolean;
  asarUnpack: string[];
  npmRebuild: boolean;
  extraResources: Array<{ from: string; to: string }>;
  publish: { provider: string; url: string };
  win: { target: TargetEntry[]; icon: string };
  mac: { target: TargetEntry[]; icon: string };
  linux: { target: TargetEntry[]; icon: string; category: string; maintainer: string; description: string; executableName: string };
  [key: string]: unknown;
}

export function loadBuilderConfig(): BuilderConfig {
  const yaml = requireFromRoot('js-yaml') as { load(text: string): unknown };
  return yaml.load(readFileSync(join(ROOT, 'electron-builder.yml'), 'utf8')) as BuilderConfig;
}

type MinimatchFn = (path: string, pattern: string, opts?: { dot?: boolean }) => boolean;
const minimatch = (requireFromBuilder('minimatch') as { minimatch: MinimatchFn }).minimatch;

function matchInOrder(patterns: readonly string[], path: string): boolean {
  let included = false;
  for (const pattern of patterns) {
    if (pattern.startsWith('!')) {
      if (included && minimatch(path, pattern.slice(1), { dot: true })) included = false;
    } else if (minimatch(path, pattern, { dot: true })) {
      included = true;
    }
  }
  return included;
}

/**
 * Whether electron-builder's `files` list keeps a project-relative path, following
 * app-builder-lib's fileMatcher: patterns apply in order, a later `!pattern` excluding what an
 * earlier one included. App files see the listed patterns (node_modules excluded, `**\/*` not
 * implied since positive patterns exist). Production dependencies are copied by a separate
 * matcher, `**\/*` followed by only the negative patterns.
 */
export function isShipped(files: readonly string[], path: string): boolean {
  if (path.startsWith('node_modules/')) return matchInOrder(['**/*', ...files.filter((p) => p.startsWith('!'))], path);
  return matchInOrder([...files, '!**/node_modules/**'], path);
}
