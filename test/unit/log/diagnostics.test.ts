import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../../src/main/log/logger';
import { logFilePath } from '../../../src/main/log/logFiles';
import { DIAGNOSTICS_FORMAT, diagnosticsFileName, exportDiagnostics, type DiagnosticsBundle } from '../../../src/main/log/diagnostics';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'portdesk-diag-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('exportDiagnostics', () => {
  it('bundles app facts, schema version, sync state and the log tail, all redacted', async () => {
    const logsDir = join(dir, 'logs');
    const log = createLogger({ dir: logsDir, maxBytes: 800, maxFiles: 3 }).child('sync');
    for (let i = 0; i < 30; i++) log.info(`round ${i}`, { i });
    // A line written by something that bypassed the logger (or an older version): still redacted.
    writeFileSync(logFilePath(logsDir, 0), 'plain text with token=leak1 and Bearer leak2\n', { flag: 'a' });

    const outFile = join(dir, 'out', diagnosticsFileName(new Date('2025-01-02T03:04:05Z')));
    const result = await exportDiagnostics({
      logsDir,
      schemaVersion: 7,
      syncState: { status: 'error', lastError: 'HTTP 401 X-Auth-Token: leak3', remotes: [{ id: 'k1', authToken: 'leak4', outbox: 2 }] },
      app: { version: '0.1.0', platform: 'linux' },
      outFile,
      maxLogLines: 10,
      now: () => new Date('2025-01-02T03:04:05Z'),
    });

    expect(outFile).toMatch(/portdesk-diagnostics-2025-01-02T03-04-05\.json$/);
    expect(result.outFile).toBe(outFile);
    const text = readFileSync(outFile, 'utf8');
    expect(result.bytes).toBe(Buffer.byteLength(text));
    for (const leak of ['leak1', 'leak2', 'leak3', 'leak4']) expect(text).not.toContain(leak);

    const bundle = JSON.parse(text) as DiagnosticsBundle;
    expect(bundle).toMatchObject({
      format: DIAGNOSTICS_FORMAT,
      createdAt: '2025-01-02T03:04:05.000Z',
      app: { version: '0.1.0', platform: 'linux' },
      schemaVersion: 7,
      syncState: { status: 'error', remotes: [{ id: 'k1', authToken: '[REDACTED]', outbox: 2 }] },
    });
    expect(bundle.logs.files).toEqual(['portdesk.2.log', 'portdesk.1.log', 'portdesk.log']);
    expect(bundle.logs.totalLines).toBeGreaterThan(10);
    expect(bundle.logs.includedLines).toBe(10);
    expect(result.includedLines).toBe(10);
    // The tail is the newest lines, oldest first: the last is the raw text line.
    expect(bundle.logs.entries.at(-1)).toBe('plain text with token=[REDACTED] and Bearer [REDACTED]');
    expect(bundle.logs.entries.at(-2)).toMatchObject({ msg: 'round 29', fields: { i: 29 } });
    expect(readdirSync(join(dir, 'out'))).toEqual([diagnosticsFileName(new Date('2025-01-02T03:04:05Z'))]);
  });

  it('works with no logs at all', async () => {
    const outFile = join(dir, 'diag.json');
    await exportDiagnostics({ logsDir: join(dir, 'missing'), schemaVersion: 1, syncState: null, outFile });
    const bundle = JSON.parse(readFileSync(outFile, 'utf8')) as DiagnosticsBundle;
    expect(bundle.logs).toEqual({ files: [], totalLines: 0, includedLines: 0, entries: [] });
  });
});
