/** One line of the request log the tests read through the admin endpoint. */
export interface LogEntry {
  seq: number;
  time: string;
  method: string;
  path: string;
  family: 'kazoo' | 'telnyx' | 'admin' | 'other';
  /** HTTP status, or what the client saw instead when a fault cut the answer. */
  status: number;
  outcome: 'answered' | 'reset' | 'lost';
  fault: string | null;
  token: string | null;
  accountId: string | null;
  durationMs: number;
}

const MAX_ENTRIES = 20_000;

/** In-memory, bounded, ordered request log. */
export class RequestLog {
  private entries: LogEntry[] = [];
  private seq = 0;

  add(entry: Omit<LogEntry, 'seq'>): void {
    this.seq += 1;
    this.entries.push({ seq: this.seq, ...entry });
    if (this.entries.length > MAX_ENTRIES) this.entries.splice(0, this.entries.length - MAX_ENTRIES);
  }

  /** Entries with a sequence number above `since`. */
  since(since = 0): LogEntry[] {
    return this.entries.filter((e) => e.seq > since);
  }

  clear(): void {
    this.entries = [];
  }
}
