import type { PortState } from '../../../src/shared/model';
import type { hostRpc } from './rpc';
import { createPrng } from '../../../src/sandbox/util/prng';


const COMPANIES = ['Acme Dental', 'Blue Harbor Logistics', 'Cedar Ridge Veterinary', 'Delta Freight Partners', 'Evergreen Family Law', 'Fairview Pediatrics', 'Granite Peak Realty', 'Harborview Hotel', 'Ironwood Manufacturing', 'Juniper Home Health', 'Keystone Insurance Group', 'Lakeside Orthodontics', 'Maple Street Bakery', 'Northwind Traders', 'Oakmont Country Club', 'Pinecrest Schools', 'Quarry Lane Dental', 'Riverside Community Church', 'Summit Physical Therapy', 'Tidewater Marine Supply', 'Union Square Cafe', 'Valley Credit Union', 'Westgate Animal Hospital', 'Yellowstone Outfitters', 'Zenith Accounting'];
const SITES = ['main office', 'warehouse', 'fax lines', 'call center', 'branch 2', 'downtown', 'east campus', 'toll-free', 'front desk', 'after-hours'];
const CARRIERS = ['AT&T', 'Verizon', 'Lumen', 'Frontier', 'Comcast Business', 'Spectrum', 'Windstream', 'Bandwidth', 'Cox Business', 'Consolidated'];
const CITIES: [string, string, string, string][] = [
  ['Washington', 'DC', '20001', '202'],
  ['Austin', 'TX', '78701', '512'],
  ['Denver', 'CO', '80202', '303'],
  ['Portland', 'OR', '97204', '503'],
  ['Chicago', 'IL', '60601', '312'],
  ['Atlanta', 'GA', '30303', '404'],
  ['Seattle', 'WA', '98101', '206'],
  ['Boston', 'MA', '02108', '617'],
];
const PEOPLE = ['Maria Lopez', 'James Carter', 'Priya Shah', 'Tom Becker', 'Aisha Khan', 'Daniel Kim', 'Laura Chen', 'Robert Nguyen'];
const STREETS = ['Market St', 'Main St', 'Oak Ave', 'Pine St', 'Commerce Blvd', 'Harbor Way', 'Elm St', 'Lake Dr'];

/** Weighted mix of where ports stand on a typical working day (also the board bench's mix). */
export const STATE_SHARES: [PortState, number][] = [
  ['unconfirmed', 0.26],
  ['submitted', 0.18],
  ['pending', 0.18],
  ['scheduled', 0.14],
  ['completed', 0.12],
  ['rejected', 0.06],
  ['canceled', 0.06],
];

const PATHS: Record<PortState, PortState[]> = {
  unconfirmed: [],
  submitted: ['submitted'],
  pending: ['submitted', 'pending'],
  scheduled: ['submitted', 'pending', 'scheduled'],
  completed: ['submitted', 'pending', 'scheduled', 'completed'],
  rejected: ['submitted', 'rejected'],
  canceled: ['canceled'],
};

function isoIn(days: number): string {
  const d = new Date();
  d.setDate(d.getDate() + days);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/** Seed `count` realistic ports (varied states, carriers, dates, numbers, completeness). */
/** `keptLocal`: the ports stay local when a connection is added later (else the first one takes them all). */
export async function seedDemoPorts(call: ReturnType<typeof hostRpc>, count: number, seed = 7, options: { keptLocal?: boolean } = {}): Promise<void> {
  // Seeded, so every screenshot run shows the same board.
  const rnd = createPrng(seed).next;
  const pick = <T,>(list: readonly T[]): T => list[Math.floor(rnd() * list.length)] as T;
  let line = 1000;
  for (let i = 0; i < count; i++) {
    const company = pick(COMPANIES);
    const [city, region, zip, npa] = pick(CITIES);
    const complete = rnd() > 0.35;
    const n = 1 + Math.floor(rnd() ** 3 * 40);
    const numbers = Array.from({ length: n }, () => `(${npa}) 555-${String(line++ % 10000).padStart(4, '0')}`);
    let r = rnd();
    let target: PortState = 'unconfirmed';
    for (const [state, weight] of STATE_SHARES) {
      if ((r -= weight) <= 0) {
        target = state;
        break;
      }
    }
    const fields = {
      name: `${company} – ${pick(SITES)}`,
      losingCarrier: complete || rnd() > 0.5 ? pick(CARRIERS) : '',
      accountName: company,
      billingName: complete ? `${company} LLC` : '',
      authorizedPerson: complete ? pick(PEOPLE) : '',
      billingPhone: complete ? `${npa}555${String(1000 + i).slice(-4)}` : '',
      street: complete ? `${100 + Math.floor(rnd() * 9000)} ${pick(STREETS)}` : '',
      locality: city,
      region,
      postalCode: zip,
      country: 'US',
      accountNumber: complete ? String(Math.floor(rnd() * 1e9)).padStart(9, '0') : '',
      transferDate: rnd() > 0.3 ? isoIn(Math.floor(rnd() * 40) - 5) : '',
      focDate: target === 'scheduled' || target === 'completed' || rnd() > 0.6 ? isoIn(Math.floor(rnd() * 30) - 6) : '',
    };
    if (!fields.focDate && (target === 'scheduled' || target === 'completed')) fields.focDate = isoIn(5);
    // Every other port has its street in parts, as a Kazoo 4.3 bill keeps it.
    const [streetNumber = '', streetName = '', streetType = ''] = i % 2 === 0 ? fields.street.split(' ') : [];
    const street = streetName ? { streetNumber, street: streetName, streetType } : {};
    const port = await call('ports.create', { fields: { ...fields, ...street }, numbers, ...(options.keptLocal ? { remoteId: null } : {}) });
    for (const to of PATHS[target]) await call('ports.move', { id: port.id, to, force: true });
  }
}
