import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLogger, formatEntry, parseLogLevel, type LogEntry } from '../../../src/main/log/logger';
import { listLogFiles, logFilePath } from '../../../src/main/log/logFiles';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'portdesk-log-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const readEntries = (file: string): LogEntry[] =>
  readFileSync(file, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as LogEntry);

describe('createLogger', () => {
  it('writes one JSON object per line with timestamp, level, component, message and fields', () => {
    const logger = createLogger({ dir: join(dir, 'logs'), now: () => new Date('2025-01-02T03:04:05.000Z') });
    logger.child('sync').info('pushed', { mutations: 3 });
    logger.child('db').error('migration failed', { version: 7 });
    expect(readEntries(logFilePath(join(dir, 'logs'), 0))).toEqual([
      { ts: '2025-01-02T03:04:05.000Z', level: 'info', component: 'sync', msg: 'pushed', fields: { mutations: 3 } },
      { ts: '2025-01-02T03:04:05.000Z', level: 'error', component: 'db', msg: 'migration failed', fields: { version: 7 } },
    ]);
  });

  it('drops entries below the configured level', () => {
    const logger = createLogger({ dir, level: 'warn' });
    const log = logger.child('x');
    log.debug('d');
    log.info('i');
    log.warn('w');
    log.error('e');
    expect(readEntries(logFilePath(dir, 0)).map((e) => e.level)).toEqual(['warn', 'error']);
  });

  it('redacts secrets before they reach the disk', () => {
    const logger = createLogger({ dir });
    logger.child('remote').warn('401 with X-Auth-Token: 0123456789abcdef', {
      remote: { url: 'https://k.example/?token=qwerty', authToken: 'zxcvbn', headers: { Authorization: 'Bearer tkn-42' } },
    });
    const text = readFileSync(logFilePath(dir, 0), 'utf8');
    for (const secret of ['0123456789abcdef', 'qwerty', 'zxcvbn', 'tkn-42']) expect(text).not.toContain(secret);
    expect(text).toContain('[REDACTED]');
    expect(text).toContain('https://k.example/');
  });

  it('rotates by size, keeping at most maxFiles files and never exceeding maxBytes per file', () => {
    const maxBytes = 2000;
    const logger = createLogger({ dir, maxBytes, maxFiles: 3 }).child('bulk');
    const total = 200;
    for (let i = 0; i < total; i++) logger.info(`entry ${i}`, { i, pad: 'x'.repeat(40) });

    const files = listLogFiles(dir);
    expect(files).toEqual([logFilePath(dir, 2), logFilePath(dir, 1), logFilePath(dir, 0)]);
    expect(readdirSync(dir).sort()).toEqual(['portdesk.1.log', 'portdesk.2.log', 'portdesk.log']);
    for (const f of files) expect(statSync(f).size).toBeLessThanOrEqual(maxBytes);

    // Oldest to newest, the kept entries are the most recent ones, contiguous and in order.
    const kept = files.flatMap(readEntries).map((e) => (e.fields as { i: number }).i);
    expect(kept.at(-1)).toBe(total - 1);
    expect(kept).toEqual(Array.from({ length: kept.length }, (_, k) => total - kept.length + k));
    expect(kept.length).toBeLessThan(total);
  });

  it('continues the size count of an existing file after a restart', () => {
    writeFileSync(logFilePath(dir, 0), `${'y'.repeat(990)}\n`);
    createLogger({ dir, maxBytes: 1000 }).child('x').info('after restart');
    expect(readEntries(logFilePath(dir, 0))).toHaveLength(1);
    expect(readFileSync(logFilePath(dir, 1), 'utf8')).toMatch(/^y+\n$/);
  });

  it('with one file, starts over instead of growing without bound', () => {
    const log = createLogger({ dir, maxBytes: 500, maxFiles: 1 }).child('x');
    for (let i = 0; i < 50; i++) log.info(`line ${i}`);
    expect(listLogFiles(dir)).toEqual([logFilePath(dir, 0)]);
    expect(statSync(logFilePath(dir, 0)).size).toBeLessThanOrEqual(500);
  });

  it('never throws when the directory cannot be written', () => {
    const blocker = join(dir, 'file');
    writeFileSync(blocker, 'x');
    const log = createLogger({ dir: join(blocker, 'logs') }).child('x');
    expect(() => log.error('still alive')).not.toThrow();
  });
});

describe('formatEntry', () => {
  it('caps a runaway entry so one payload cannot flush the history', () => {
    const line = formatEntry({ ts: 't', level: 'info', component: 'c', msg: 'big', fields: { blob: 'z'.repeat(100_000) } });
    expect(Buffer.byteLength(line)).toBeLessThan(20_000);
    expect(JSON.parse(line)).toMatchObject({ msg: 'big', fields: { truncated: true } });
  });
});

describe('parseLogLevel', () => {
  it('accepts known levels case-insensitively and falls back otherwise', () => {
    expect(parseLogLevel(' DEBUG ')).toBe('debug');
    expect(parseLogLevel('verbose')).toBe('info');
    expect(parseLogLevel(undefined, 'warn')).toBe('warn');
  });
});
