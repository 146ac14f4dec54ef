import { openDatabase } from '../../src/main/db/connection';
import { STATE_SHARES } from '../e2e/support/demoData';
import type { PortState } from '../../src/shared/model';

const COMPANIES = ['Acme Dental', 'Blue Harbor Logistics', 'Cedar Ridge Veterinary', 'Delta Freight', 'Evergreen Law', 'Fairview Pediatrics', 'Granite Peak Realty', 'Harborview Hotel'];
const CARRIERS = ['AT&T', 'Verizon', 'Lumen', 'Frontier', 'Comcast Business', 'Spectrum'];

function stateFor(i: number, count: number): PortState {
  let r = (i + 0.5) / count;
  for (const [state, share] of STATE_SHARES) if ((r -= share) <= 0) return state;
  return 'unconfirmed';
}

function isoDay(offset: number): string {
  return new Date(Date.UTC(2030, 0, 1) + offset * 86_400_000).toISOString().slice(0, 10);
}

/**
 * Create a store at `dbPath` holding `ports` ports with `numbersPerPort` distinct US numbers each,
 * with plain inserts in one transaction: the service path (timeline + outbox per write) would take
 * minutes for 10k ports, and the board reads the same rows either way.
 */
export function seedBoardStore(dbPath: string, ports: number, numbersPerPort: number): void {
  const db = openDatabase(dbPath);
  try {
    const insertPort = db.prepare(
      `INSERT INTO ports (id, name, state, account_name, losing_carrier, remote_account_id, foc_date, transfer_date, created_at, updated_at, dirty, sync_status)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, 'local')`,
    );
    const insertNumber = db.prepare("INSERT INTO numbers (port_id, e164, status, carrier, open) VALUES (?, ?, '', '', ?)");
    db.transaction(() => {
      let line = 0;
      for (let i = 0; i < ports; i++) {
        const id = `bench-${String(i).padStart(6, '0')}`;
        const state = stateFor(i, ports);
        const company = COMPANIES[i % COMPANIES.length] as string;
        const carrier = CARRIERS[i % CARRIERS.length] as string;
        const foc = i % 3 === 0 ? isoDay(i % 60) : '';
        insertPort.run(id, `${company} #${i}`, state, company, carrier, `sub-${i % 12}`, foc, isoDay(i % 90), i, i);
        const open = state === 'completed' || state === 'canceled' ? 0 : 1;
        for (let n = 0; n < numbersPerPort; n++, line++) {
          insertNumber.run(id, `+1202${200 + Math.floor(line / 10_000)}${String(line % 10_000).padStart(4, '0')}`, open);
        }
      }
    })();
  } finally {
    db.close();
  }
}
