import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';

export const ROOT = resolve(import.meta.dirname, '..', '..', '..');

export interface RunningHost {
  url: string;
  dbPath: string;
  dataDir: string;
  stop(): Promise<void>;
}

/** Start `src/main/host/cli.ts` on a fresh data directory and wait for its URL line. */
export async function startHostProcess(extraEnv: Record<string, string> = {}): Promise<RunningHost> {
  const dataDir = mkdtempSync(join(tmpdir(), 'portdesk-e2e-'));
  const dbPath = join(dataDir, 'portdesk.db');
  const child: ChildProcessWithoutNullStreams = spawn(process.execPath, ['--import', 'tsx', 'src/main/host/cli.ts', '--db', dbPath, '--port', '0'], {
    cwd: ROOT,
    env: { ...process.env, ...extraEnv },
  });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const line = await new Promise<string>((resolveLine, reject) => {
    const rl = createInterface({ input: child.stdout });
    rl.once('line', resolveLine);
    child.once('exit', (code) => reject(new Error(`host exited with ${code}: ${stderr}`)));
  });
  const { url } = JSON.parse(line) as { url: string };
  let stopped = false;
  return {
    url,
    dbPath,
    dataDir,
    stop: async () => {
      if (stopped) return;
      stopped = true;
      // A host that died during the test shows up as "Disconnected" in the page; say why instead.
      if (child.exitCode !== null || child.signalCode !== null) {
        rmSync(dataDir, { recursive: true, force: true });
        throw new Error(`the host exited during the test (${child.exitCode ?? child.signalCode}): ${stderr.slice(-4000)}`);
      }
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Run the portdesk CLI against a database; resolves with its exit code and output. */
export function runCli(args: string[], dbPath: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolveRun) => {
    const child = spawn(process.execPath, [join(ROOT, 'bin', 'portdesk.cjs'), '--db', dbPath, ...args], { cwd: ROOT });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('exit', (code) => resolveRun({ code: code ?? -1, stdout, stderr }));
  });
}
