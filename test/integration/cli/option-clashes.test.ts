import { describe, expect, it } from 'vitest';
import type { Command, Option } from 'commander';
import { buildProgram } from '../../../src/main/cli/program';

const quiet = { out: () => undefined, err: () => undefined, env: {} };

/** The path of names of every command under `cmd`, depth first. */
function* paths(cmd: Command, path: string[] = []): Generator<string[]> {
  for (const sub of cmd.commands) {
    yield [...path, sub.name()];
    yield* paths(sub, [...path, sub.name()]);
  }
}

/** The command at `path`, and the commands above it from the program down. */
function commandAt(program: Command, path: string[]): { cmd: Command; ancestors: Command[] } {
  let cmd = program;
  const ancestors: Command[] = [];
  for (const name of path) {
    ancestors.push(cmd);
    const next = cmd.commands.find((c) => c.name() === name);
    if (!next) throw new Error(`no command ${path.join(' ')}`);
    cmd = next;
  }
  return { cmd, ancestors };
}

const flagsOf = (o: Option): string[] => [o.long, o.short].filter((f): f is string => typeof f === 'string');
/** A value commander accepts for the option (the first of its choices), or none for a flag. */
const valueFor = (o: Option): string[] => (o.required || o.optional ? [o.argChoices?.[0] ?? 'x'] : []);

describe('portdesk option names', () => {
  it("an option written after its subcommand reaches that subcommand, even where a parent command has an option of the same name (the trap 'sync duplicate ID --remote R' fell into)", async () => {
    const { program } = buildProgram(quiet);
    // Every option of a command that a command above it also has (the program's --db and --json included).
    const shared: { path: string[]; option: string }[] = [];
    for (const path of paths(program)) {
      const { cmd, ancestors } = commandAt(program, path);
      for (const option of cmd.options) {
        if (ancestors.some((a) => a.options.some((o) => flagsOf(o).some((f) => flagsOf(option).includes(f))))) shared.push({ path, option: option.long ?? option.short ?? '' });
      }
    }
    // The one that bit, and the program's --db and --json, which every command takes too (they may stand anywhere).
    expect(shared).toContainEqual({ path: ['sync', 'duplicate'], option: '--remote' });
    expect(shared.filter((s) => s.option !== '--db' && s.option !== '--json')).toEqual([{ path: ['sync', 'duplicate'], option: '--remote' }]);
    expect(shared.filter((s) => s.option === '--json').map((s) => s.path.join(' '))).toContain('ports list');

    const swallowed: string[] = [];
    for (const { path, option: flag } of shared) {
      // A fresh program each time: the command line, with its arguments and mandatory options, then the shared option last.
      const { program: fresh, close } = buildProgram(quiet);
      const { cmd } = commandAt(fresh, path);
      const option = cmd.options.find((o) => flagsOf(o).includes(flag));
      if (!option) throw new Error(`no ${flag} on ${path.join(' ')}`);
      const args = cmd.registeredArguments.filter((a) => a.required).map(() => 'x');
      const mandatory = cmd.options.filter((o) => o.mandatory && o !== option).flatMap((o) => [o.long ?? '', ...valueFor(o)]);
      let got: unknown;
      cmd.action(function (this: Command) {
        got = this.opts()[option.attributeName()];
      });
      await fresh.parseAsync([...path, ...args, ...mandatory, flag, ...valueFor(option)], { from: 'user' });
      close();
      if (got === undefined) swallowed.push(`${[...path, ...args, flag].join(' ')}: taken by a parent command`);
    }
    expect(swallowed).toEqual([]);
  });
  it('every command\'s --help lists --db and --json, which every command takes', async () => {
    const { program } = buildProgram(quiet);
    const missing: string[] = [];
    for (const path of paths(program)) {
      let help = '';
      const { program: fresh, close } = buildProgram({ ...quiet, out: (text) => void (help += text) });
      await fresh.parseAsync([...path, '--help'], { from: 'user' }).catch(() => undefined);
      close();
      if (!/--db <file>/.test(help) || !/--json/.test(help)) missing.push(path.join(' '));
    }
    expect(program.commands.length).toBeGreaterThan(3);
    expect(missing).toEqual([]);
  });
});
