import type { Db } from '../connection';
import type { PortNumber } from '../../../shared/model';

/** Data access for the numbers of each port. */
export class NumbersRepo {
  private readonly insertStmt;
  private readonly insertIfFreeStmt;
  private readonly moveStmt;
  private readonly deleteStmt;
  private readonly listStmt;
  private readonly openOwnerStmt;
  private readonly openOwnersStmt;
  private readonly digitsStmt;
  private readonly e164sStmt;
  private readonly openAllStmt;
  private readonly allStmt;

  constructor(db: Db) {
    this.insertStmt = db.prepare('INSERT INTO numbers (port_id, e164, status, carrier, open) VALUES (?, ?, ?, ?, ?)');
    this.insertIfFreeStmt = db.prepare("INSERT OR IGNORE INTO numbers (port_id, e164, status, carrier, open) VALUES (?, ?, '', '', 1)");
    this.moveStmt = db.prepare('UPDATE numbers SET port_id = ? WHERE port_id = ? AND e164 = ?');
    this.deleteStmt = db.prepare('DELETE FROM numbers WHERE port_id = ? AND e164 = ?');
    this.listStmt = db.prepare('SELECT e164, status, carrier FROM numbers WHERE port_id = ? ORDER BY e164');
    // E.164 holds only '+' and digits, so a case-sensitive GLOB matches digits exactly (LIKE's
    // default compare folds case). A match can be anywhere, so every number is read: one scan of
    // the table, in port order, so grouping needs no sort and the limit stops it early. As fast as
    // the e164 index that migration 21 dropped (~15-25 ms for 200k numbers, measured).
    this.digitsStmt = db.prepare("SELECT port_id AS portId, MIN(e164) AS e164 FROM numbers WHERE e164 GLOB '*' || ? || '*' GROUP BY port_id LIMIT ?");
    this.e164sStmt = db.prepare('SELECT e164 FROM numbers WHERE port_id = ? ORDER BY e164');
    this.openAllStmt = db.prepare('SELECT e164 FROM numbers WHERE open = 1');
    // Raw rows: 100,000 two-column arrays cost a fraction of as many objects.
    this.allStmt = db.prepare('SELECT port_id, e164 FROM numbers ORDER BY port_id, e164').raw();
    this.openOwnerStmt = db.prepare(
      'SELECT n.port_id AS portId, p.name AS name FROM numbers n JOIN ports p ON p.id = n.port_id WHERE n.e164 = ? AND n.open = 1',
    );
    this.openOwnersStmt = db.prepare(
      'SELECT j.value AS e164, n.port_id AS portId, p.name AS name FROM json_each(?) j JOIN numbers n ON n.e164 = j.value AND n.open = 1 JOIN ports p ON p.id = n.port_id',
    );
  }

  insert(portId: string, e164: string, open: boolean, carrier = ''): void {
    this.insertStmt.run(portId, e164, '', carrier, open ? 1 : 0);
  }

  /** Give an open port the number unless an open port (this one included) holds it already; true when given. */
  insertIfFree(portId: string, e164: string): boolean {
    return this.insertIfFreeStmt.run(portId, e164).changes > 0;
  }

  /** Move a number from one port to another. */
  move(fromPortId: string, toPortId: string, e164: string): boolean {
    return this.moveStmt.run(toPortId, fromPortId, e164).changes > 0;
  }

  remove(portId: string, e164: string): boolean {
    return this.deleteStmt.run(portId, e164).changes > 0;
  }

  list(portId: string): PortNumber[] {
    return this.listStmt.all(portId) as PortNumber[];
  }

  /** A port's numbers, E.164 only, sorted. */
  e164s(portId: string): string[] {
    return (this.e164sStmt.all(portId) as { e164: string }[]).map((r) => r.e164);
  }

  /** Every number some port holds open (pull loads it once, to keep a clash closed rather than fail). */
  openSet(): Set<string> {
    return new Set((this.openAllStmt.all() as { e164: string }[]).map((r) => r.e164));
  }

  /** Ports with a number whose digits contain `digits` (callers pass digits only). */
  portsWithDigits(digits: string, limit: number): string[] {
    return this.matchesWithDigits(digits, limit).map((r) => r.portId);
  }

  /** The same, with the number that matched on each port (its lowest, when several do). */
  matchesWithDigits(digits: string, limit: number): { portId: string; e164: string }[] {
    return this.digitsStmt.all(digits, limit) as { portId: string; e164: string }[];
  }

  /** Every number, by port, in one pass (an export of 100,000 numbers; one query per port would be 10,000). */
  allByPort(): Map<string, string[]> {
    const out = new Map<string, string[]>();
    for (const [portId, e164] of this.allStmt.iterate() as Iterable<[string, string]>) {
      let list = out.get(portId);
      if (!list) out.set(portId, (list = []));
      list.push(e164);
    }
    return out;
  }

  /** The open port holding this number, if any (the local equivalent of Kazoo's `?by_number=`). */
  openOwner(e164: string): { portId: string; name: string } | undefined {
    return this.openOwnerStmt.get(e164) as { portId: string; name: string } | undefined;
  }

  /** {@link openOwner} for many numbers in one statement (an import plans hundreds at a time); only those held open. */
  openOwners(e164s: readonly string[]): Map<string, { portId: string; name: string }> {
    const rows = this.openOwnersStmt.all(JSON.stringify(e164s)) as { e164: string; portId: string; name: string }[];
    return new Map(rows.map((r) => [r.e164, { portId: r.portId, name: r.name }]));
  }
}
