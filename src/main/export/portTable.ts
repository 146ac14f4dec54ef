import type { PortFields, PortSummary } from '../../shared/model';
import { daysInState } from '../../shared/domain/ageing';
import { stateLabel } from '../../shared/domain/states';

/**
 * Headers for the port fields, spelled as the import's column guessing reads them
 * (src/main/import/columns.ts SYNONYMS), so an exported file re-imports without remapping.
 * "State/Province" and not "State": the port's own state is exported as "Status".
 */
const FIELD_HEADERS: readonly (readonly [keyof PortFields, string])[] = [
  ['name', 'Name'],
  ['accountName', 'Account name'],
  ['billingName', 'Billing name'],
  ['authorizedPerson', 'Authorized person'],
  ['billingPhone', 'BTN'],
  ['streetNumber', 'Street number'],
  ['streetPreDir', 'Pre-direction'],
  ['street', 'Street'],
  ['streetType', 'Street type'],
  ['streetPostDir', 'Post-direction'],
  ['extendedAddress', 'Address 2'],
  ['locality', 'City'],
  ['region', 'State/Province'],
  ['postalCode', 'Postal code'],
  ['country', 'Country'],
  ['losingCarrier', 'Losing carrier'],
  ['winningCarrier', 'Winning carrier'],
  ['accountNumber', 'Account number'],
  ['pin', 'PIN'],
  ['transferDate', 'Transfer date'],
  ['focDate', 'FOC date'],
  ['notificationEmails', 'Notification emails'],
  ['referenceNumber', 'Reference number'],
  ['customerReference', 'Customer reference'],
];

/** Columns the import ignores: where the port stands, for reading the file as a report. */
const STATUS_HEADERS = ['Status', 'Remote status', 'Days in status', 'Sync', 'Tags'] as const;

/** The column the import groups rows by (see EXPORT_PORT_KEY in src/main/import/columns.ts). */
export const PORT_KEY_HEADER = 'PortDesk port';

export interface ExportTable {
  headers: string[];
  rows: string[][];
}

export type NumbersOf = (portId: string) => readonly string[];

function fieldCells(p: PortSummary): string[] {
  return FIELD_HEADERS.map(([key]) => {
    const v = p[key];
    return Array.isArray(v) ? v.join(', ') : (v as string);
  });
}

function statusCells(p: PortSummary, now: number): string[] {
  return [stateLabel(p.state), p.remoteStatus ?? '', String(daysInState(p.stateEnteredAt, now)), p.syncStatus, p.tags.join(', '), p.id];
}

/**
 * The rows of an export: one per port with its numbers in one cell (the import splits lists),
 * or one per number with the port's fields repeated (the import groups rows by the port name).
 */
export function exportTable(ports: readonly PortSummary[], numbersOf: NumbersOf, options: { perNumber: boolean; now: number }): ExportTable {
  const numberHeader = options.perNumber ? 'Number' : 'Numbers';
  const headers = [FIELD_HEADERS[0]![1], numberHeader, ...FIELD_HEADERS.slice(1).map(([, h]) => h), ...STATUS_HEADERS, PORT_KEY_HEADER];
  const rows: string[][] = [];
  for (const p of ports) {
    const [name, ...fields] = fieldCells(p);
    const status = statusCells(p, options.now);
    const numbers = numbersOf(p.id);
    if (!options.perNumber) rows.push([name!, numbers.join(', '), ...fields, ...status]);
    else for (const n of numbers) rows.push([name!, n, ...fields, ...status]);
  }
  return { headers, rows };
}
