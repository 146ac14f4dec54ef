// Layering check, run by `npm test` (and `npm run lint`): the import rules of docs/ARCHITECTURE.md
// and "no SQL outside src/main/db/". TypeScript's own pre-processor lists each file's imports
// (static, dynamic, re-exports), so no lint framework is needed for three rules.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import ts from 'typescript';

const root = join(import.meta.dirname, '..');
const src = join(root, 'src');

/** [who, may not import, why] — paths relative to the repository, POSIX separators. */
const RULES = [
  ['src/renderer/', 'src/main/', 'the renderer talks to main only through RPC'],
  ['src/shared/', 'src/main/', 'shared code runs in the renderer too'],
  ['src/shared/', 'src/renderer/', 'shared code is below the renderer'],
  ['src/main/services/', 'src/main/sync/', 'services and sync do not import each other (both use db/repos, remotes/, shared/)'],
  ['src/main/sync/', 'src/main/services/', 'services and sync do not import each other (both use db/repos, remotes/, shared/)'],
];

// SQL belongs to the repositories (src/main/db/): statements, pragmas, and SQL text.
const SQL_OUTSIDE_DB = [
  [/\.(prepare|pragma)\s*\(/, 'a statement or pragma'],
  [/\.exec\s*\(\s*[`'"]/, 'SQL executed'],
  [/[`'"]\s*(SELECT\b[\s\S]{0,200}?\bFROM|INSERT\s+INTO|UPDATE\s+\w+\s+SET|DELETE\s+FROM)\b/i, 'SQL text'],
];

// Files with a private scratch database of their own (never the store), which the rule is not about.
const OWN_DATABASE = new Set(['src/main/import/stagedPlan.ts']);

function* files(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* files(path);
    else if (/\.(ts|tsx|mts)$/.test(entry.name) && !entry.name.endsWith('.d.ts')) yield path;
  }
}

const posix = (p) => p.split(sep).join('/');
const problems = [];
for (const file of files(src)) {
  const rel = posix(relative(root, file));
  const text = readFileSync(file, 'utf8');
  for (const imp of ts.preProcessFile(text, true, true).importedFiles) {
    if (!imp.fileName.startsWith('.')) continue;
    const target = `${posix(relative(root, resolve(dirname(file), imp.fileName)))}/`;
    for (const [who, forbidden, why] of RULES) {
      if (rel.startsWith(who) && target.startsWith(forbidden)) problems.push(`${rel}: imports ${imp.fileName} (${why})`);
    }
  }
  if (rel.startsWith('src/main/') && !rel.startsWith('src/main/db/') && !OWN_DATABASE.has(rel)) {
    const lines = text.split('\n');
    for (const [pattern, what] of SQL_OUTSIDE_DB) {
      const match = pattern.exec(text);
      if (!match) continue;
      const line = text.slice(0, match.index).split('\n').length;
      problems.push(`${rel}:${line}: ${what} outside src/main/db/ (move it into a repository): ${lines[line - 1].trim().slice(0, 100)}`);
    }
  }
}

if (problems.length > 0) {
  console.error(`Layering: ${problems.length} problem(s)\n${problems.map((p) => `  ${p}`).join('\n')}`);
  process.exit(1);
}
console.log('Layering: renderer/shared keep out of main, services and sync apart, SQL only in src/main/db/');
