import { randomUUID } from 'node:crypto';
import { closeSync, openSync, readSync, statSync } from 'node:fs';
import { holdWrite, type HeldWrite } from '../db/connection';
import type { Repos } from '../db/repos';
import { e164Order, insertNumbers, writeImportBatch, type BatchGroup, type BatchWrite, type NumberPlacer, type PlacedNumbers } from './batches';
import { GrowingInts } from './numberIndex';
import type { FileFacts, PlanOptions } from './plan';
import type { WorkerSource } from './protocol';
import { isZip } from './decode';
import { AHEAD_MAX_TEXT_BYTES, AHEAD_MAX_XLSX_BYTES } from './limits';

/**
 * Whether a source is small enough to be written while it is read (the write lock is held for
 * the whole read). A file that cannot be looked at is not: the worker reports why.
 */
export function aheadAllowed(source: WorkerSource): boolean {
  if (source.kind === 'paste') return source.utf8.length <= AHEAD_MAX_TEXT_BYTES;
  if (source.kind === 'file') return source.bytes.length <= (isZip(source.bytes) ? AHEAD_MAX_XLSX_BYTES : AHEAD_MAX_TEXT_BYTES);
  try {
    const size = statSync(source.path).size;
    if (size > AHEAD_MAX_TEXT_BYTES) return false;
    const head = new Uint8Array(4);
    const fd = openSync(source.path, 'r');
    try {
      readSync(fd, head, 0, 4, 0);
    } finally {
      closeSync(fd);
    }
    return size <= (isZip(head) ? AHEAD_MAX_XLSX_BYTES : AHEAD_MAX_TEXT_BYTES);
  } catch {
    return false;
  }
}

/**
 * The numbers of an import written while its source is still being read, for a caller that
 * commits as soon as it is read (the CLI): inserting them was most of the write, and it then
 * overlaps the worker's read instead of following it. Each batch's new numbers go into the
 * numbers table as it is staged, inside one write transaction held from the first batch
 * ({@link holdWrite}), each under the port its first row's group part would make. The plan can
 * still differ (a number listed under two customers is known only once the file is read, a
 * group's parts may merge into one port): {@link write} settles the numbers on the plan's ports,
 * moving or deleting what the plan does not keep, then writes the ports, events and outbox as
 * {@link writeImportBatch} always does, and commits. Until then nothing is visible to any other
 * connection, and a kill -9 leaves nothing.
 *
 * The write lock is held for the whole read: only sources small enough to be read in a few
 * seconds are written ahead ({@link aheadAllowed}). When another connection is writing at the
 * first batch, or the rows are checked again (a fix in place), nothing is written ahead and the
 * commit writes everything as usual.
 */
export class NumbersAhead implements NumberPlacer {
  private held: HeldWrite | null = null;
  /** The facts of the first call to {@link place}: written ahead for those only. */
  private facts: FileFacts | undefined;
  /** By number id: 1 + the group part it was inserted under, 0 when it was not. */
  private readonly placed = new GrowingInts();
  /** The port id each group part's numbers were inserted under. */
  private readonly partIds: string[] = [];
  /** Port ids already given to a group of the plan. */
  private readonly used = new Set<string>();

  constructor(
    private readonly repos: Repos,
    private readonly target: PlanOptions['target'],
  ) {}

  /** True while numbers are written ahead and not yet committed or abandoned. */
  get active(): boolean {
    return this.held !== null && !this.held.ended;
  }

  /** Insert the numbers `facts` met since the last call (the batch just staged and looked up). */
  place(facts: FileFacts): void {
    if (this.facts) {
      if (this.facts !== facts) this.abandon();
      if (!this.active) return;
    } else {
      this.facts = facts;
      try {
        this.held = holdWrite(this.repos.db);
      } catch {
        // As below: the commit writes the usual way, and reports what stopped this.
        this.held = null;
      }
      if (!this.held) return;
    }
    const from = this.placed.length;
    const count = facts.numberCount - from;
    const numbers: string[] = new Array<string>(count);
    for (let i = 0; i < count; i++) numbers[i] = facts.numberOf(from + i);
    const parts = new Int32Array(count);
    try {
      for (const i of e164Order(numbers)) {
        const e164 = numbers[i]!;
        if (facts.portOf(e164)) continue;
        const part = facts.firstPart(from + i);
        if (this.repos.numbers.insertIfFree(this.partId(part), e164)) parts[i] = part + 1;
      }
    } catch {
      // Only a speed-up: the commit writes everything the usual way, and meets (and reports)
      // whatever stopped this (a full disk) there, with nothing of the import written.
      this.abandon();
      return;
    }
    for (const part of parts) this.placed.push(part);
  }

  /** Write the plan's groups as one import, the numbers already inserted settled on them, and commit. */
  write(groups: readonly BatchGroup[], source: string, now: number, remoteId: string | null): BatchWrite {
    try {
      const written = writeImportBatch(this.repos, groups, source, now, remoteId, this);
      this.held!.commit();
      return written;
    } finally {
      this.abandon();
    }
  }

  /** Nothing written ahead stays (harmless once committed). */
  abandon(): void {
    this.held?.rollback();
  }

  /** A new port takes the id its numbers were inserted under, when they were. */
  newPortId(group: BatchGroup): string {
    for (const e164 of group.numbers) {
      const part = this.partOf(this.facts?.idOf(e164));
      if (part < 0) continue;
      const id = this.partIds[part]!;
      if (this.used.has(id)) break;
      this.used.add(id);
      return id;
    }
    return randomUUID();
  }

  /**
   * Give each port exactly its numbers: those inserted under it stay, those inserted under
   * another id move, those not inserted are inserted now (a clash then refuses the whole import,
   * as always), and those inserted that the plan does not keep are deleted.
   */
  settle(repos: Repos, ports: readonly PlacedNumbers[]): void {
    const facts = this.facts!;
    const kept = new Uint8Array(this.placed.length);
    const missing: PlacedNumbers[] = [];
    for (const { portId, numbers } of ports) {
      const rest: string[] = [];
      for (const e164 of numbers) {
        const id = facts.idOf(e164);
        const part = this.partOf(id);
        if (part < 0) {
          rest.push(e164);
          continue;
        }
        kept[id!] = 1;
        const at = this.partIds[part]!;
        if (at !== portId) repos.numbers.move(at, portId, e164);
      }
      if (rest.length > 0) missing.push({ portId, numbers: rest });
    }
    for (let id = 0; id < kept.length; id++) {
      const part = this.placed.at(id) - 1;
      if (part >= 0 && kept[id] === 0) repos.numbers.remove(this.partIds[part]!, facts.numberOf(id));
    }
    insertNumbers(repos, missing);
  }

  /** The group part the number with this id was inserted under, or -1. */
  private partOf(id: number | undefined): number {
    return id === undefined || id >= this.placed.length ? -1 : this.placed.at(id) - 1;
  }

  private partId(part: number): string {
    return (this.partIds[part] ??= this.target.kind === 'existing' ? this.target.portId : randomUUID());
  }
}
