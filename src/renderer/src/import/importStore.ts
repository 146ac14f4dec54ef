import { create } from 'zustand';
import type { z } from 'zod';
import type { MethodInput } from '../../../shared/rpc/contract';
import type { ImportCommitResult, ImportRowView, ImportStatus, ImportSourceSchema } from '../../../shared/rpc/methods/import';
import { rpc } from '../rpc/transport';

type Source = z.input<typeof ImportSourceSchema>;
type Remap = Omit<MethodInput<'import.remap'>, 'jobId'>;

/** The import just written, for the Undo toast. */
export interface LastImport {
  batchId: string;
  message: string;
}

export interface ImportState {
  status: ImportStatus | null;
  /** What is being waited for ("Reading file…", "Importing…"), null when idle. */
  busy: string | null;
  error: string | null;
  country: string;
  lastImport: LastImport | null;
  /** The Import screen shows a new import or the history of past ones. */
  view: 'new' | 'history';
  setView(view: 'new' | 'history'): void;
  setCountry(country: string): void;
  start(source: Source, label: string): Promise<void>;
  remap(change: Remap): Promise<void>;
  fixCell(row: ImportRowView, column: number, value: string): Promise<void>;
  checkPortability(remoteId: string): Promise<void>;
  cancel(): Promise<void>;
  commit(): Promise<ImportCommitResult | null>;
  undo(): Promise<void>;
  dismissLast(): void;
}

/** Poll quickly at first so the first rows show within a few frames, then back off. */
const FIRST_POLL_MS = 40;
const POLL_MS = 150;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const message = (err: unknown) => (err instanceof Error ? err.message : String(err));

/** Each new job or remap bumps this; a poll loop of an older one stops by itself. */
let generation = 0;

export const useImportStore = create<ImportState>()((set, get) => {
  async function follow(jobId: string): Promise<void> {
    const mine = ++generation;
    let wait = FIRST_POLL_MS;
    for (;;) {
      await sleep(wait);
      if (mine !== generation) return;
      let status: ImportStatus;
      try {
        status = await rpc.call('import.status', { jobId });
      } catch (err) {
        if (mine === generation) set({ error: message(err), busy: null });
        return;
      }
      if (mine !== generation) return;
      set({ status, busy: null, error: status.state === 'failed' ? (status.error?.message ?? 'The import failed') : null });
      if (status.state !== 'reading' && status.state !== 'checking') return;
      wait = status.table ? POLL_MS : FIRST_POLL_MS;
    }
  }

  return {
    status: null,
    busy: null,
    error: null,
    country: 'US',
    lastImport: null,
    view: 'new',
    setView: (view) => set({ view }),
    setCountry: (country) => set({ country }),

    async start(source, label) {
      set({ busy: label, error: null, status: null });
      try {
        const { jobId } = await rpc.call('import.start', { source, country: get().country, target: { kind: 'group' } });
        await follow(jobId);
      } catch (err) {
        set({ busy: null, error: message(err) });
      }
    },

    async remap(change) {
      const status = get().status;
      if (!status) return;
      set({ error: null });
      try {
        await rpc.call('import.remap', { jobId: status.jobId, ...change });
        await follow(status.jobId);
      } catch (err) {
        set({ error: message(err) });
      }
    },

    async fixCell(row, column, value) {
      const status = get().status;
      if (!status) return;
      const cells = status.table!.headers.map((_, i) => (i === column ? value : (row.cells[i] ?? '')));
      try {
        const result = await rpc.call('import.fixRow', { jobId: status.jobId, row: row.row, cells });
        set({ status: result.status, error: null });
      } catch (err) {
        set({ error: message(err) });
      }
    },

    async checkPortability(remoteId) {
      const status = get().status;
      if (!status) return;
      set({ busy: 'Checking portability…', error: null });
      // The check runs batch after batch on the remote; poll the job meanwhile for its progress.
      const timer = setInterval(() => {
        rpc.call('import.status', { jobId: status.jobId }).then((s) => set({ status: s }), () => undefined);
      }, POLL_MS * 2);
      try {
        set({ status: await rpc.call('import.portability', { jobId: status.jobId, remoteId }), busy: null });
      } catch (err) {
        set({ busy: null, error: message(err) });
      } finally {
        clearInterval(timer);
      }
    },

    async cancel() {
      const status = get().status;
      generation++;
      set({ status: null, busy: null, error: null });
      if (status) await rpc.call('import.cancel', { jobId: status.jobId }).catch(() => undefined);
    },

    async commit() {
      const status = get().status;
      if (!status) return null;
      set({ busy: 'Importing…', error: null });
      try {
        const result = await rpc.call('import.commit', { jobId: status.jobId });
        const ports = result.ports.length;
        generation++;
        set({
          status: null,
          busy: null,
          lastImport: { batchId: result.batchId, message: `Imported ${result.numbers.toLocaleString()} number${result.numbers === 1 ? '' : 's'} into ${ports} port${ports === 1 ? '' : 's'}` },
        });
        return result;
      } catch (err) {
        set({ busy: null, error: message(err) });
        return null;
      }
    },

    async undo() {
      const last = get().lastImport;
      if (!last) return;
      try {
        const result = await rpc.call('import.undo', { batchId: last.batchId });
        set({ lastImport: { batchId: '', message: `Import undone: ${result.removedPorts.length} port(s) and ${result.removedNumbers} number(s) removed` } });
      } catch (err) {
        set({ lastImport: { batchId: '', message: message(err) } });
      }
    },

    dismissLast: () => set({ lastImport: null }),
  };
});
