import { appendFileSync, existsSync, mkdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { logFilePath } from './logFiles';
import { redact, redactString } from './redact';

export const LOG_LEVELS = ['debug', 'info', 'warn', 'error'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** One JSON line in the log file. */
export interface LogEntry {
  ts: string;
  level: LogLevel;
  component: string;
  msg: string;
  fields?: Record<string, unknown>;
}

export type LogFields = Record<string, unknown>;

/** A logger bound to one component (db, sync, rpc, shell, ...). */
export interface ComponentLogger {
  debug(msg: string, fields?: LogFields): void;
  info(msg: string, fields?: LogFields): void;
  warn(msg: string, fields?: LogFields): void;
  error(msg: string, fields?: LogFields): void;
}

export interface Logger {
  /** A logger for one component; cheap, create one per module. */
  child(component: string): ComponentLogger;
  log(level: LogLevel, component: string, msg: string, fields?: LogFields): void;
  /** Directory the log files live in (for "Show logs folder" and diagnostics). */
  readonly dir: string;
}

export interface LoggerOptions {
  /** userData/logs. Created if missing. */
  dir: string;
  /** Lowest level written; default info (debug with PORTDESK_LOG_LEVEL=debug). */
  level?: LogLevel;
  /** Rotate when the current file would exceed this many bytes; default 1 MiB. */
  maxBytes?: number;
  /** Files kept including the current one; default 5 (so at most ~5 MiB of logs). */
  maxFiles?: number;
  /** Also echo to stderr (development). */
  echo?: boolean;
  now?: () => Date;
}

/** Longest message/line kept: one runaway payload must not rotate away the whole history. */
const MAX_LINE_BYTES = 16 * 1024;

/** Parses PORTDESK_LOG_LEVEL-style text; unknown values give the fallback. */
export function parseLogLevel(text: string | undefined, fallback: LogLevel = 'info'): LogLevel {
  const t = text?.trim().toLowerCase();
  return (LOG_LEVELS as readonly string[]).includes(t ?? '') ? (t as LogLevel) : fallback;
}

/** Serialises one entry as a redacted JSON line (with trailing newline), capped in size. */
export function formatEntry(entry: LogEntry): string {
  const safe: LogEntry = {
    ts: entry.ts,
    level: entry.level,
    component: entry.component,
    msg: redactString(entry.msg),
    ...(entry.fields && Object.keys(entry.fields).length > 0 ? { fields: redact(entry.fields) as Record<string, unknown> } : {}),
  };
  const line = JSON.stringify(safe);
  if (Buffer.byteLength(line) <= MAX_LINE_BYTES) return `${line}\n`;
  const clipped: LogEntry = {
    ts: safe.ts,
    level: safe.level,
    component: safe.component,
    msg: safe.msg.slice(0, 2048),
    fields: { truncated: true, originalBytes: Buffer.byteLength(line) },
  };
  return `${JSON.stringify(clipped)}\n`;
}

/**
 * A JSON-lines file logger with size-based rotation. Writes are synchronous on purpose: the
 * volume is low (state changes, sync rounds, errors) and the line before a crash is the one
 * support needs. Logging never throws: a full disk must not take the app down with it.
 */
export function createLogger(opts: LoggerOptions): Logger {
  const maxBytes = opts.maxBytes ?? 1024 * 1024;
  const maxFiles = Math.max(1, opts.maxFiles ?? 5);
  const threshold = LOG_LEVELS.indexOf(opts.level ?? 'info');
  const now = opts.now ?? (() => new Date());
  const current = logFilePath(opts.dir, 0);
  let size: number | undefined;

  const currentSize = (): number => {
    if (size === undefined) {
      try {
        size = statSync(current).size;
      } catch {
        size = 0;
      }
    }
    return size;
  };

  const rotate = () => {
    rmSync(logFilePath(opts.dir, maxFiles - 1), { force: true });
    for (let i = maxFiles - 2; i >= 0; i--) {
      const from = logFilePath(opts.dir, i);
      if (existsSync(from)) renameSync(from, logFilePath(opts.dir, i + 1));
    }
    size = 0;
  };

  const write = (line: string) => {
    const bytes = Buffer.byteLength(line);
    mkdirSync(opts.dir, { recursive: true });
    if (currentSize() > 0 && currentSize() + bytes > maxBytes) {
      if (maxFiles > 1) rotate();
      else {
        rmSync(current, { force: true });
        size = 0;
      }
    }
    appendFileSync(current, line, 'utf8');
    size = currentSize() + bytes;
  };

  const log = (level: LogLevel, component: string, msg: string, fields?: LogFields) => {
    if (LOG_LEVELS.indexOf(level) < threshold) return;
    const line = formatEntry({ ts: now().toISOString(), level, component, msg, ...(fields ? { fields } : {}) });
    if (opts.echo) process.stderr.write(line);
    try {
      write(line);
    } catch {
      size = undefined;
    }
  };

  return {
    dir: opts.dir,
    log,
    child: (component) => ({
      debug: (msg, fields) => log('debug', component, msg, fields),
      info: (msg, fields) => log('info', component, msg, fields),
      warn: (msg, fields) => log('warn', component, msg, fields),
      error: (msg, fields) => log('error', component, msg, fields),
    }),
  };
}
