import { randomUUID } from 'node:crypto';
import { AppError } from '../../shared/errors';
import type { PortFields } from '../../shared/model';
import { isEditable } from '../../shared/domain/states';
import type { Repos } from '../db/repos';
import type { BatchItemRow } from '../db/repos/import-batches-repo';
import type { PlannedGroup } from './plan';

const ACTOR = 'you';

/** One port an import created or added numbers to. */
export interface BatchPort {
  portId: string;
  name: string;
  created: boolean;
  numbers: number;
}

export interface BatchWrite {
  batchId: string;
  ports: BatchPort[];
  numbers: number;
}

export interface UndoResult {
  batchId: string;
  removedPorts: string[];
  /** Ports that keep existing but lose the numbers the import added. */
  changedPorts: string[];
  removedNumbers: number;
}

/** What writing needs of a planned group: where its numbers go, and the numbers. */
export type BatchGroup = Pick<PlannedGroup, 'target' | 'numbers'>;

/** How a write gives the ports their numbers: all inserted at the end, or settled on those written ahead (numbersAhead.ts). */
export interface NumberPlacer {
  /** The id of the port a new group is made into. */
  newPortId(group: BatchGroup): string;
  /** Give each port its numbers, inside the write's transaction. */
  settle(repos: Repos, ports: readonly PlacedNumbers[]): void;
}

const insertAll: NumberPlacer = { newPortId: () => randomUUID(), settle: (repos, ports) => insertNumbers(repos, ports) };

/**
 * Write the groups of a plan as ONE transaction: new ports (row, numbers, timeline event,
 * `port.create` outbox row with `{ fields, numbers }`) or numbers added to an existing port
 * (`port.numbers` outbox row), plus the batch record that makes the whole import undoable.
 * Any clash with an open port (another process may have taken a number since the preview)
 * rolls everything back.
 */
export function writeImportBatch(
  repos: Repos,
  groups: readonly BatchGroup[],
  source: string,
  now: number,
  remoteId: string | null = null,
  placer: NumberPlacer = insertAll,
): BatchWrite {
  const batchId = randomUUID();
  const { db, ports, events, outbox, importBatches } = repos;
  const written: BatchPort[] = [];
  let total = 0;
  db.transaction(() => {
    importBatches.insert(batchId, source, now);
    const placed: PlacedNumbers[] = [];
    for (const group of groups) {
      if (group.numbers.length === 0) continue;
      const label = `import of ${source}`;
      if (group.target.kind === 'new') {
        const id = placer.newPortId(group);
        const fields: PortFields = group.target.fields;
        ports.insert({ id, state: 'unconfirmed', remoteId, remoteAccountId: '', fields, now });
        placed.push({ portId: id, numbers: group.numbers });
        events.add({ portId: id, at: now, kind: 'created', fromState: null, toState: 'unconfirmed', message: `Created with ${plural(group.numbers.length, 'number')} by the ${label}`, actor: ACTOR });
        const mutationId = outbox.append({ portId: id, entity: 'port', entityId: id, op: 'port.create', payload: { fields, numbers: group.numbers }, baseRevision: null, now });
        importBatches.addItem(batchId, { portId: id, created: true, mutationId, numbers: [] });
        written.push({ portId: id, name: fields.name, created: true, numbers: group.numbers.length });
      } else {
        const port = ports.get(group.target.portId);
        if (!port) throw new AppError('NOT_FOUND', `No port request with id ${group.target.portId}`, { id: group.target.portId });
        if (!isEditable(port.state)) {
          throw new AppError('LOCKED', `"${port.name}" is ${port.state} and cannot be given new numbers: ports can be changed only while unconfirmed or rejected`);
        }
        placed.push({ portId: port.id, numbers: group.numbers });
        ports.touch(port.id, now);
        ports.markPending(port.id);
        events.add({ portId: port.id, at: now, kind: 'numbers', fromState: null, toState: null, message: `Added ${plural(group.numbers.length, 'number')} by the ${label}`, actor: ACTOR });
        const mutationId = outbox.append({ portId: port.id, entity: 'port', entityId: port.id, op: 'port.numbers', payload: { add: group.numbers, remove: [] }, baseRevision: port.remoteRevision, now });
        importBatches.addItem(batchId, { portId: port.id, created: false, mutationId, numbers: group.numbers });
        written.push({ portId: port.id, name: port.name, created: false, numbers: group.numbers.length });
      }
      total += group.numbers.length;
    }
    if (written.length === 0) throw new AppError('VALIDATION', 'Nothing to import: no row has a valid number that is not already in a port');
    placer.settle(repos, placed);
    importBatches.setSummary(batchId, { ports: written.length, numbers: total });
  })();
  return { batchId, ports: written, numbers: total };
}

/**
 * Positions of `numbers` in E.164 order: inserted in it, the indexes on e164 grow at their end
 * rather than being walked through once per number.
 */
export function e164Order(numbers: readonly string[]): Uint32Array {
  const order = new Uint32Array(numbers.length);
  for (let i = 0; i < order.length; i++) order[i] = i;
  return order.sort((a, b) => (numbers[a]! < numbers[b]! ? -1 : numbers[a]! > numbers[b]! ? 1 : 0));
}

/** The numbers one port of the import is given. */
export interface PlacedNumbers {
  portId: string;
  numbers: readonly string[];
}

/**
 * Insert every port's numbers inside the caller's transaction, in E.164 order across ports: the
 * two indexes on e164 then grow at their end rather than being walked through once per port
 * (about a fifth of the insert's CPU for the bench's 93,000 numbers, sort included). Like the ports service, the partial unique
 * index on open numbers is the check (a lookup per number would double the cost of 100k rows).
 */
export function insertNumbers(repos: Repos, placed: readonly PlacedNumbers[]): void {
  const numbers: string[] = [];
  const owners: string[] = [];
  for (const { portId, numbers: some } of placed) {
    for (const e164 of some) {
      numbers.push(e164);
      owners.push(portId);
    }
  }
  const clashes: string[] = [];
  for (const i of e164Order(numbers)) {
    try {
      repos.numbers.insert(owners[i]!, numbers[i]!, true);
    } catch (err) {
      if ((err as { code?: string }).code !== 'SQLITE_CONSTRAINT_UNIQUE') throw err;
      clashes.push(numbers[i]!);
    }
  }
  if (clashes.length === 0) return;
  const named = clashes.slice(0, 5).map((n) => `${n} (on "${repos.numbers.openOwner(n)?.name ?? 'another port'}")`);
  const more = clashes.length > 5 ? ` and ${clashes.length - 5} more` : '';
  throw new AppError('NUMBER_IN_USE', `Nothing was imported: already on another open port since the preview: ${named.join(', ')}${more}`, { numbers: clashes });
}

/**
 * Undo a whole import in one transaction: ports it created are deleted with all their queued
 * changes, numbers it added to existing ports are removed with the outbox row that would have
 * pushed them. Refused once any of it may have reached a remote (an outbox row gone, a push
 * attempted, or a port linked to a remote object), since deleting locally would then diverge.
 */
export function undoImportBatch(repos: Repos, batchId: string, now: number): UndoResult {
  const { db, events, ports, outbox, importBatches } = repos;
  return db.transaction((): UndoResult => {
    const batch = importBatches.get(batchId);
    if (!batch) throw new AppError('NOT_FOUND', `No import with id ${batchId}`, { batchId });
    if (batch.undone_at !== null) throw new AppError('CONFLICT', `The import of ${batch.source} was already undone`, { batchId });
    const items = batchItems(repos, batchId);
    const refusal = undoRefusal(items, batch.source, batchId);
    if (refusal) throw refusal;
    const removedPorts: string[] = [];
    const changedPorts: string[] = [];
    let removedNumbers = 0;
    for (const item of items) {
      if (item.created === 1) {
        removedNumbers += repos.numbers.e164s(item.port_id).length;
        outbox.deleteOfPort(item.port_id);
        ports.delete(item.port_id);
        removedPorts.push(item.port_id);
      } else {
        const numbers = JSON.parse(item.numbers) as string[];
        for (const n of numbers) if (repos.numbers.remove(item.port_id, n)) removedNumbers++;
        outbox.deleteByMutation(item.mutation_id);
        ports.touch(item.port_id, now);
        events.add({ portId: item.port_id, at: now, kind: 'numbers', fromState: null, toState: null, message: `Import of ${batch.source} undone: ${plural(numbers.length, 'number')} removed`, actor: ACTOR });
        changedPorts.push(item.port_id);
      }
    }
    importBatches.markUndone(batchId, now);
    return { batchId, removedPorts, changedPorts, removedNumbers };
  })();
}

function batchItems(repos: Repos, batchId: string): BatchItemRow[] {
  return repos.importBatches.items(batchId);
}

/**
 * Why a batch can no longer be undone, or null: a port it touched was deleted, or any of it may
 * have reached a remote. Shared by undo and the listing, so both give the same one-line reason.
 */
function undoRefusal(items: readonly BatchItemRow[], source: string, batchId: string): AppError | null {
  for (const item of items) {
    if (item.name === null) return new AppError('CONFLICT', `Cannot undo the import of ${source}: port ${item.port_id} was deleted since`, { batchId });
    if (item.queued === null || (item.attempts ?? 0) > 0 || (item.created === 1 && item.remote_object_id !== null)) {
      return new AppError('CONFLICT', `Cannot undo the import of ${source}: "${item.name}" has already been sent to its remote; edit or cancel the ports instead`, { batchId, portId: item.port_id });
    }
  }
  return null;
}

/** A port one import created, or added numbers to. */
export interface BatchItemView {
  portId: string;
  /** Null once the port was deleted (an undo deletes the ports it created). */
  name: string | null;
  created: boolean;
  /** Numbers it added to an existing port; for a port it created, the numbers that port holds now. */
  numbers: number;
}

/** One past import, newest first in a listing. */
export interface BatchSummary {
  batchId: string;
  createdAt: number;
  source: string;
  ports: number;
  numbers: number;
  undoneAt: number | null;
  /** Why undo would be refused now, or null while it is still possible (and not yet undone). */
  undoRefused: string | null;
  /** What it created: each port with its numbers. */
  items: BatchItemView[];
}

/**
 * The most recent imports. Cheap: the batch table is small (one row per import) and the undo
 * check reads only the few item rows of each listed batch through their primary keys (and
 * counts each port's numbers on its index).
 */
export function listImportBatches(repos: Repos, limit: number): BatchSummary[] {
  const rows = repos.importBatches.recent(limit);
  return rows.map((row) => {
    const summary = JSON.parse(row.summary) as { ports?: number; numbers?: number };
    const items = batchItems(repos, row.id);
    const refusal = row.undone_at === null ? undoRefusal(items, row.source, row.id) : null;
    return {
      batchId: row.id,
      createdAt: row.created_at,
      source: row.source,
      ports: summary.ports ?? 0,
      numbers: summary.numbers ?? 0,
      undoneAt: row.undone_at,
      undoRefused: refusal?.message ?? null,
      items: items.map((item) => ({
        portId: item.port_id,
        name: item.name,
        created: item.created === 1,
        numbers: item.created === 1 ? item.port_numbers : (JSON.parse(item.numbers) as string[]).length,
      })),
    };
  });
}

/**
 * "93,000 numbers". The digits are grouped as toLocaleString('en-US') groups them, without it:
 * its first call loads ICU's number formatting, about 30 ms of the import worker's commit.
 */
function plural(n: number, word: string): string {
  return `${String(n).replace(/\B(?=(\d{3})+$)/g, ',')} ${word}${n === 1 ? '' : 's'}`;
}
