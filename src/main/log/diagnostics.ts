import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { basename, dirname } from 'node:path';
import { listLogFiles } from './logFiles';
import { redact, redactString } from './redact';

/** Identifies the bundle format, so support tooling can tell versions apart. */
export const DIAGNOSTICS_FORMAT = 'portdesk-diagnostics/1';

export interface DiagnosticsInput {
  logsDir: string;
  /** The database's migration version (db layer). */
  schemaVersion: number | string;
  /** Whatever the sync engine reports (status, outbox depth, last error, per-remote state). */
  syncState: unknown;
  /** Where to write the .json bundle (usually chosen with a save dialog). */
  outFile: string;
  /** App/OS facts: version, electron, platform, arch, ... */
  app?: Record<string, string | number | boolean>;
  /** Keep only the newest N log lines across all files; default 5000. */
  maxLogLines?: number;
  now?: () => Date;
}

export interface DiagnosticsBundle {
  format: typeof DIAGNOSTICS_FORMAT;
  createdAt: string;
  app: Record<string, unknown>;
  schemaVersion: number | string;
  syncState: unknown;
  logs: {
    files: string[];
    totalLines: number;
    includedLines: number;
    /** Parsed log entries oldest first; lines that are not JSON are kept as (redacted) text. */
    entries: unknown[];
  };
}

export interface DiagnosticsResult {
  outFile: string;
  bytes: number;
  includedLines: number;
}

/** Builds the bundle object (pure apart from reading the logs); every part is redacted. */
export async function buildDiagnostics(input: Omit<DiagnosticsInput, 'outFile'>): Promise<DiagnosticsBundle> {
  const files = listLogFiles(input.logsDir);
  const lines: string[] = [];
  for (const file of files) {
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch {
      continue;
    }
    for (const line of text.split('\n')) if (line.trim() !== '') lines.push(line);
  }
  const keep = Math.max(0, input.maxLogLines ?? 5000);
  const tail = keep === 0 ? [] : lines.slice(-keep);
  const entries = tail.map((line) => {
    try {
      return redact(JSON.parse(line) as unknown);
    } catch {
      return redactString(line);
    }
  });
  return {
    format: DIAGNOSTICS_FORMAT,
    createdAt: (input.now ?? (() => new Date()))().toISOString(),
    app: redact(input.app ?? {}) as Record<string, unknown>,
    schemaVersion: input.schemaVersion,
    syncState: redact(input.syncState),
    logs: { files: files.map((f) => basename(f)), totalLines: lines.length, includedLines: entries.length, entries },
  };
}

/**
 * Writes a single JSON file for support: app facts, schema version, sync state and the tail of
 * the logs, all with secrets redacted. JSON rather than zip keeps it dependency-free and lets
 * the user (or their IT department) read exactly what they send. Written via a temp file so a
 * failed export never leaves a truncated bundle.
 */
export async function exportDiagnostics(input: DiagnosticsInput): Promise<DiagnosticsResult> {
  const bundle = await buildDiagnostics(input);
  const text = `${JSON.stringify(bundle, null, 2)}\n`;
  await mkdir(dirname(input.outFile), { recursive: true });
  const tmp = `${input.outFile}.tmp`;
  await writeFile(tmp, text, 'utf8');
  await rename(tmp, input.outFile);
  return { outFile: input.outFile, bytes: Buffer.byteLength(text), includedLines: bundle.logs.includedLines };
}

/** Suggested file name for the save dialog, e.g. portdesk-diagnostics-2025-01-31T10-20-00.json. */
export function diagnosticsFileName(now: Date = new Date()): string {
  return `portdesk-diagnostics-${now.toISOString().slice(0, 19).replace(/:/g, '-')}.json`;
}
