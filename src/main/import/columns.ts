import type { CountryCode } from 'libphonenumber-js/max';
import { AppError } from '../../shared/errors';
import type { PortFields } from '../../shared/model';
import { normalizeNumber } from '../../shared/domain/numbers';
import type { SourceTable } from './table';
import { splitRange } from './ranges';

/** Port fields a column can fill (every text field of {@link PortFields}; name is the port's name). */
export type MappableField = keyof PortFields;

/** What a column is imported as: the numbers to port, or a port field. */
export type ImportField = 'number' | MappableField;

/**
 * Column mapping, JSON-safe: `fields[i]` is what column `i` is imported as (null: ignored).
 * `groupBy` is the column whose values split the import into one port each, when grouping.
 */
export interface ColumnMapping {
  fields: Array<ImportField | null>;
  groupBy: number | null;
}

/** Header spellings seen in customer and carrier spreadsheets, compared after {@link headerKey}. */
const SYNONYMS: Record<ImportField, string[]> = {
  number: ['number', 'numbers', 'phone', 'phonenumber', 'phonenumbers', 'telephone', 'telephonenumber', 'tel', 'tn', 'tns', 'did', 'dids', 'msisdn', 'phoneno', 'numbertoport', 'numberstoport', 'portingnumber', 'line', 'lines', 'range', 'numberrange'],
  name: ['name', 'company', 'companyname', 'customer', 'customername', 'business', 'businessname', 'portname', 'client', 'organisation', 'organization'],
  accountName: ['accountname'],
  billingName: ['billingname', 'nameonbill', 'nameonaccount', 'accountholder', 'endusername', 'enduser', 'billname', 'subscriber', 'subscribername'],
  authorizedPerson: ['authorizedperson', 'authorisedperson', 'authorizedname', 'authorizedsigner', 'authorizedby', 'signer', 'contact', 'contactname', 'authorizeduser'],
  billingPhone: ['billingphone', 'btn', 'billingtelephonenumber', 'billingnumber', 'billingtn', 'mainnumber', 'mainbtn'],
  streetNumber: ['streetnumber', 'housenumber', 'streetno', 'houseno', 'buildingnumber', 'addressnumber'],
  streetPreDir: ['predirection', 'predir', 'streetpredir', 'streetpredirection', 'directionprefix', 'prefixdirection'],
  street: ['street', 'address', 'streetaddress', 'address1', 'addressline1', 'serviceaddress', 'billingaddress', 'streetname'],
  streetType: ['streettype', 'streetsuffix', 'suffix'],
  streetPostDir: ['postdirection', 'postdir', 'streetpostdir', 'streetpostdirection', 'directionsuffix', 'suffixdirection'],
  extendedAddress: ['address2', 'addressline2', 'suite', 'unit', 'apt', 'floor', 'extendedaddress'],
  locality: ['city', 'locality', 'town', 'municipality'],
  region: ['state', 'region', 'province', 'st', 'stateprovince', 'county'],
  postalCode: ['zip', 'zipcode', 'postalcode', 'postcode', 'postal', 'zip5'],
  country: ['country', 'countrycode', 'iso'],
  losingCarrier: ['carrier', 'losingcarrier', 'currentcarrier', 'oldcarrier', 'provider', 'currentprovider', 'serviceprovider', 'losingprovider', 'spid', 'ocn'],
  winningCarrier: ['winningcarrier', 'newcarrier', 'gainingcarrier'],
  accountNumber: ['account', 'accountnumber', 'accountno', 'acct', 'acctno', 'acctnumber', 'accountid', 'customeraccount', 'ban'],
  pin: ['pin', 'passcode', 'accountpin', 'securitycode', 'portpin', 'transferpin', 'password'],
  // What the customer asks for is the requested transfer date; the FOC is the date the losing carrier confirms.
  transferDate: ['transferdate', 'portdate', 'cutoverdate', 'cutover', 'desiredportdate', 'requestedportdate', 'requestedfoc', 'requestedfocdate', 'requesteddate', 'desireddate', 'desiredduedate', 'ddd'],
  focDate: ['foc', 'focdate', 'duedate', 'confirmedfoc', 'confirmedfocdate', 'firmordercommitment'],
  notificationEmails: ['email', 'emails', 'emailaddress', 'notificationemail', 'notificationemails', 'notify'],
  referenceNumber: ['referencenumber', 'pon', 'orderid', 'ordernumber'],
  customerReference: ['reference', 'customerreference', 'ref', 'po', 'ponumber', 'yourreference'],
};

/** Headers that make a good grouping column when the file holds several customers or orders. */
const GROUP_HINTS = ['group', 'batch', 'order', 'project', 'port', 'portgroup', 'site', 'location', 'account', 'accountnumber', 'customer', 'company'];

/** Header compared without case, accents, spaces or punctuation ("Account #" -> "account"). */
export function headerKey(header: string): string {
  return header.toLowerCase().normalize('NFKD').replace(/[^a-z0-9]/g, '');
}

const SYNONYM_INDEX = new Map<string, ImportField>();
for (const [field, keys] of Object.entries(SYNONYMS) as Array<[ImportField, string[]]>) {
  for (const k of keys) SYNONYM_INDEX.set(k, field);
}

function headerScore(key: string, field: ImportField): number {
  if (SYNONYM_INDEX.get(key) === field) return 1;
  // "Customer Phone Number (main)", "Account # (losing)": a synonym inside a longer header.
  let best = 0;
  for (const s of SYNONYMS[field]) {
    if (s.length >= 4 && key.includes(s)) best = Math.max(best, 0.5 + s.length / 100);
  }
  return best;
}

const SAMPLE_ROWS = 50;

/** Share of a column's non-empty sample cells that satisfy `test`. */
function contentShare(table: SourceTable, col: number, test: (s: string) => boolean): number {
  let seen = 0;
  let hits = 0;
  for (const r of table.rows.slice(0, SAMPLE_ROWS)) {
    const cell = r.cells[col] ?? '';
    if (cell === '') continue;
    seen++;
    if (test(cell)) hits++;
  }
  return seen === 0 ? 0 : hits / seen;
}

const CONTENT_TESTS: Partial<Record<ImportField, (s: string, country: CountryCode) => boolean>> = {
  number: (s, country) => {
    // The first number of a list or range is enough to recognise the column.
    const first = (s.split(/[,;]/)[0] ?? s).trim();
    return /\d{3}/.test(first) && normalizeNumber(splitRange(first)?.start ?? first, country).ok;
  },
  focDate: (s) => /^\d{4}-\d\d-\d\d$|^\d{1,2}\/\d{1,2}\/\d{2,4}$/.test(s),
  notificationEmails: (s) => /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(s),
  postalCode: (s) => /^\d{5}(?:-\d{4})?$/.test(s),
};

/**
 * Guess what each column holds, from its header (synonyms) and, without a usable header, from
 * its content (phone numbers, dates, e-mails, ZIP codes). Each field goes to at most one column,
 * the best-scoring one. Also proposes a grouping column when one is named like one.
 */
export function guessMapping(table: SourceTable, defaultCountry: CountryCode = 'US'): ColumnMapping {
  const candidates: Array<{ col: number; field: ImportField; score: number }> = [];
  table.headers.forEach((header, col) => {
    const key = headerKey(header);
    for (const field of Object.keys(SYNONYMS) as ImportField[]) {
      const score = table.hasHeader ? headerScore(key, field) : 0;
      if (score > 0) candidates.push({ col, field, score });
    }
    for (const [field, test] of Object.entries(CONTENT_TESTS) as Array<[ImportField, (s: string, c: CountryCode) => boolean]>) {
      const share = contentShare(table, col, (s) => test(s, defaultCountry));
      // Content alone is weaker evidence than a matching header name.
      if (share >= 0.6) candidates.push({ col, field, score: 0.4 * share });
    }
  });
  candidates.sort((a, b) => b.score - a.score || a.col - b.col);
  const fields: Array<ImportField | null> = table.headers.map(() => null);
  const taken = new Set<ImportField>();
  for (const c of candidates) {
    if (taken.has(c.field) || fields[c.col] !== null) continue;
    fields[c.col] = c.field;
    taken.add(c.field);
  }
  return { fields, groupBy: guessGroupColumn(table, fields) };
}

/**
 * PortDesk's own exports (src/main/export/portTable.ts) name each row's port in this column: it
 * groups even when every row is a port of its own, so an exported file re-imports as the same ports.
 */
export const EXPORT_PORT_KEY = 'portdeskport';

function guessGroupColumn(table: SourceTable, fields: Array<ImportField | null>): number | null {
  if (!table.hasHeader) return null;
  const own = table.headers.findIndex((h) => headerKey(h) === EXPORT_PORT_KEY);
  if (own >= 0) return own;
  for (const hint of GROUP_HINTS) {
    const col = table.headers.findIndex((h, i) => headerKey(h) === hint && fields[i] !== 'number');
    if (col < 0) continue;
    // Only worth proposing when it actually splits the rows into a few groups.
    const values = new Set(table.rows.map((r) => r.cells[col] ?? ''));
    if (values.size > 1 && values.size < table.rows.length) return col;
  }
  return null;
}

/**
 * A stable signature of a file's layout (its header names in order, compared like
 * {@link headerKey}), so a mapping confirmed once can be offered again for the next file of the
 * same shape. Files without a header row are identified by their column count only.
 */
export function layoutSignature(table: Pick<SourceTable, 'headers' | 'hasHeader'>): string {
  const text = table.hasHeader ? table.headers.map(headerKey).join('\u001f') : `#${table.headers.length}`;
  return `v1:${table.headers.length}:${fnv1a(text)}`;
}

/** 64-bit FNV-1a as hex: dependency-free and identical in main, worker and renderer. */
function fnv1a(text: string): string {
  let hash = 0xcbf29ce484222325n;
  for (const ch of new TextEncoder().encode(text)) {
    hash ^= BigInt(ch);
    hash = (hash * 0x100000001b3n) & 0xffffffffffffffffn;
  }
  return hash.toString(16).padStart(16, '0');
}

/** Re-apply a remembered mapping only when it still fits the table (same column count). */
export function applyRememberedMapping(table: SourceTable, remembered: ColumnMapping): ColumnMapping | undefined {
  if (remembered.fields.length !== table.headers.length) return undefined;
  if (remembered.groupBy !== null && remembered.groupBy >= table.headers.length) return undefined;
  return { fields: [...remembered.fields], groupBy: remembered.groupBy };
}

/**
 * The mapping a run uses: the one asked for, else the one remembered for this layout, else a
 * guess; grouped by the column named `groupBy` when one is named (see {@link groupColumnOf}).
 */
export function chooseMapping(
  table: SourceTable,
  given: ColumnMapping | undefined,
  remembered: Record<string, ColumnMapping> | undefined,
  defaultCountry: CountryCode,
  groupBy?: string,
): { mapping: ColumnMapping; mappingSource: 'given' | 'remembered' | 'guessed'; signature: string } {
  const signature = layoutSignature(table);
  const grouped = (mapping: ColumnMapping) => (groupBy === undefined ? mapping : { ...mapping, groupBy: groupColumnOf(table.headers, groupBy) });
  if (given) return { mapping: grouped(given), mappingSource: 'given', signature };
  const stored = remembered?.[signature];
  const fromMemory = stored ? applyRememberedMapping(table, stored) : undefined;
  if (fromMemory) return { mapping: grouped(fromMemory), mappingSource: 'remembered', signature };
  return { mapping: grouped(guessMapping(table, defaultCountry)), mappingSource: 'guessed', signature };
}

/** The column `wanted` names: its header (any case) or its 1-based position; refused (VALIDATION) when none. */
export function groupColumnOf(headers: readonly string[], wanted: string): number {
  const byName = headers.findIndex((h) => h.toLowerCase() === wanted.trim().toLowerCase());
  if (byName >= 0) return byName;
  const n = Number(wanted);
  if (Number.isInteger(n) && n >= 1 && n <= headers.length) return n - 1;
  throw new AppError('VALIDATION', `--group-by "${wanted}" is not a column of this file; its columns are ${headers.map((h) => `"${h}"`).join(', ')}`);
}
