import { Command, CommanderError, Option } from 'commander';
import { AppError } from '../../shared/errors';
import { escapeForTerminal } from '../../shared/domain/text';
import { RpcClient } from '../../shared/rpc/client';
import { ExitStatus, type Run } from './commands/run';
import { createAppContext, type AppContext } from '../app-context';
import { resolveDbPath } from '../paths';
import { APP_VERSION } from '../version';
import { registerPortCommands } from './commands/ports';
import { registerSyncCommands } from './commands/sync';
import { registerImportCommand } from './commands/import';
import { prestartImportWorker } from '../import/runWorker';
import { registerDocumentCommands } from './commands/documents';

export interface CliIo {
  out(text: string): void;
  err(text: string): void;
  /** Resolves once `out` may be called again without piling text up in memory (a slow pipe). */
  drain?: () => Promise<void>;
  env: NodeJS.ProcessEnv;
}

interface GlobalOptions {
  db?: string;
  json?: boolean;
}

const DB_OPTION = ['--db <file>', 'database file (default: PORTDESK_DB or the user-data directory)'] as const;
const JSON_OPTION = ['--json', 'machine-readable JSON output'] as const;

function forEachCommand(parent: Command, visit: (cmd: Command) => void): void {
  for (const cmd of parent.commands) {
    visit(cmd);
    forEachCommand(cmd, visit);
  }
}

/**
 * Everything printed goes through {@link escapeForTerminal}: a port name holding ESC[31m or
 * U+202E prints as visible escapes, never as a terminal command. Idempotent, so wrapping twice
 * (runCli, then buildProgram) is harmless.
 */
function terminalSafe(io: CliIo): CliIo {
  return { ...io, out: (text) => io.out(escapeForTerminal(text)), err: (text) => io.err(escapeForTerminal(text)) };
}

/**
 * Build the `portdesk` command. Every command goes through the same RPC router as the UI, so
 * validation and messages are identical; `--json` prints the method's result as JSON.
 */
export function buildProgram(io: CliIo): { program: Command; close(): void } {
  io = terminalSafe(io);
  let ctx: AppContext | undefined;
  const program = new Command('portdesk')
    .description('PortDesk: number porting from the command line')
    .version(APP_VERSION)
    .option(...DB_OPTION)
    .option(...JSON_OPTION)
    // Each command takes only the options written before its subcommand's name. Otherwise commander
    // gives an option written after it to the first command above that has one of that name: `sync
    // duplicate ID --remote R` handed R to `sync`'s own --remote. The program's --db and --json, which
    // may stand anywhere, are declared on every command instead (see below).
    .enablePositionalOptions()
    .showHelpAfterError(false)
    // Subcommands' help lists --db and --json too: they are accepted there (declared hidden below).
    .configureHelp({ showGlobalOptions: true })
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.out(s.trimEnd()), writeErr: () => undefined });

  // Whichever command took --db or --json (the one whose action runs, or one above it).
  let chosen: GlobalOptions | undefined;
  program.hook('preAction', (_program, action) => {
    chosen = action.optsWithGlobals<GlobalOptions>();
  });
  const globals = (): GlobalOptions => chosen ?? program.opts<GlobalOptions>();
  const context = (): AppContext => (ctx ??= createAppContext({ dbPath: resolveDbPath(globals().db, io.env), shell: 'cli' }));
  const client = (): RpcClient => {
    const router = context().router;
    return new RpcClient({ call: (m, i) => router.call(m, i), subscribe: () => () => undefined });
  };
  const run: Run = async (method, input, human, exitCode) => {
    const result = await client().call(method, input);
    io.out(globals().json ? JSON.stringify(result, null, 2) : human(result));
    const code = exitCode?.(result) ?? 0;
    if (code !== 0) throw new ExitStatus(code);
  };
  registerPortCommands(program, { run, call: (m, i) => client().call(m, i), out: io.out, json: () => globals().json === true });
  registerSyncCommands(program, { run, env: io.env });
  registerImportCommand(program, { imports: () => context().imports, prestart: () => prestartImportWorker(), out: io.out, drain: io.drain, json: () => globals().json === true });
  registerDocumentCommands(program, { run, call: (m, i) => client().call(m, i), out: io.out, err: io.err, json: () => globals().json === true });
  forEachCommand(program, (cmd) => {
    cmd.addOption(new Option(...DB_OPTION).hideHelp()).addOption(new Option(...JSON_OPTION).hideHelp());
  });

  return { program, close: () => ctx?.close() };
}

/** Run the CLI with argv (without node and script); resolves to the process exit code. */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  io = terminalSafe(io);
  const { program, close } = buildProgram(io);
  try {
    await program.parseAsync(argv, { from: 'user' });
    return 0;
  } catch (err) {
    if (err instanceof ExitStatus) return err.code;
    if (err instanceof CommanderError) {
      if (err.code === 'commander.helpDisplayed' || err.code === 'commander.version' || err.code === 'commander.help') return 0;
      io.err(`portdesk: ${err.message.replace(/^error: /, '')}`);
      return 2;
    }
    io.err(`portdesk: ${err instanceof AppError || err instanceof Error ? err.message : String(err)}`);
    return 1;
  } finally {
    close();
  }
}
