import { z } from 'zod';
import { PORT_STATES, type PortSummary } from '../model';
import { SavedFilterSchema, EMPTY_FILTER, type SavedFilter } from './portFilter';
import { dueDate } from './portFacts';

/** The table's columns, in their default order. */
export const TABLE_COLUMNS = ['name', 'account', 'state', 'remoteStatus', 'losingCarrier', 'numbers', 'due', 'daysInState', 'remoteChanged', 'sync', 'tags', 'reference'] as const;
export const ColumnIdSchema = z.enum(TABLE_COLUMNS);
export type ColumnId = z.infer<typeof ColumnIdSchema>;

/** `board` is the board's own order: soonest due date first, then most recently updated. */
export const SORT_KEYS = ['board', ...TABLE_COLUMNS] as const;
export const SortSchema = z.object({ key: z.enum(SORT_KEYS), dir: z.enum(['asc', 'desc']) });
export type Sort = z.infer<typeof SortSchema>;
export const BOARD_SORT: Sort = { key: 'board', dir: 'asc' };

/** Board swimlanes: none, one lane per account, or one per losing carrier. */
export const LaneSchema = z.enum(['none', 'account', 'losingCarrier']);
export type Lane = z.infer<typeof LaneSchema>;

export const ColumnSettingSchema = z.object({ id: ColumnIdSchema, width: z.number().int().min(48).max(800).optional(), hidden: z.boolean().optional() });
export type ColumnSetting = z.infer<typeof ColumnSettingSchema>;

/** What a saved view holds: the filters, the sort, the table's columns and the board's lanes. */
export const ViewDefinitionSchema = z.object({
  filter: SavedFilterSchema,
  sort: SortSchema.default(BOARD_SORT),
  columns: z.array(ColumnSettingSchema).max(TABLE_COLUMNS.length).optional(),
  lanes: LaneSchema.default('none'),
});
export type ViewDefinition = z.infer<typeof ViewDefinitionSchema>;

export const ViewNameSchema = z.string().trim().min(1, 'is required').max(80);
export const SavedViewSchema = z.object({ name: ViewNameSchema, definition: ViewDefinitionSchema, builtIn: z.boolean() });
export type SavedView = z.infer<typeof SavedViewSchema>;

function view(name: string, filter: Partial<SavedFilter>, sort: Sort): SavedView {
  return { name, builtIn: true, definition: { filter: { ...EMPTY_FILTER, ...filter }, sort, lanes: 'none' } };
}

/** The queues every specialist starts with; a saved view of the same name replaces one. */
export const DEFAULT_VIEWS: readonly SavedView[] = [
  view('FOC overdue', { focPreset: 'overdue' }, { key: 'due', dir: 'asc' }),
  view('FOC next 7 days', { focPreset: 'next7' }, { key: 'due', dir: 'asc' }),
  view('Rejected this week', { states: ['rejected'], enteredWithinDays: 7 }, { key: 'daysInState', dir: 'asc' }),
  view('Stuck > 5 days in Submitted', { states: ['submitted'], daysInStateOver: 5 }, { key: 'daysInState', dir: 'desc' }),
];

/** Built-in views first (replaced by a saved one of the same name), then the saved ones by name. */
export function mergeViews(saved: readonly SavedView[]): SavedView[] {
  const byName = new Map(saved.map((v) => [v.name, v]));
  const builtIn = DEFAULT_VIEWS.map((v) => byName.get(v.name) ?? v);
  const rest = saved.filter((v) => !DEFAULT_VIEWS.some((d) => d.name === v.name)).sort((a, b) => a.name.localeCompare(b.name));
  return [...builtIn, ...rest];
}

/** Account shown for a port: the account name, else the name on the bill, else the sub-account id. */
export function accountOf(p: PortSummary): string {
  return p.accountName || p.billingName || p.remoteAccountId;
}

const STATE_ORDER = new Map(PORT_STATES.map((s, i) => [s, i]));

/** Board order: due date first (soonest on top, none last), then most recently updated. */
export function compareBoard(a: PortSummary, b: PortSummary): number {
  const da = dueDate(a)?.date ?? '';
  const db = dueDate(b)?.date ?? '';
  if (da !== db) {
    if (!da) return 1;
    if (!db) return -1;
    return da < db ? -1 : 1;
  }
  return b.updatedAt - a.updatedAt;
}

type Key = string | number;

/** The value a column sorts by. Days in state sorts by its start time (older = more days). */
function sortValue(p: PortSummary, key: Exclude<Sort['key'], 'board'>): Key {
  switch (key) {
    case 'name':
      return p.name.toLowerCase();
    case 'account':
      return accountOf(p).toLowerCase();
    case 'state':
      return STATE_ORDER.get(p.state) ?? 0;
    case 'remoteStatus':
      return (p.remoteStatus ?? '').toLowerCase();
    case 'losingCarrier':
      return p.losingCarrier.toLowerCase();
    case 'numbers':
      return p.numberCount;
    case 'due':
      return dueDate(p)?.date ?? '';
    case 'daysInState':
      return -p.stateEnteredAt;
    case 'remoteChanged':
      return p.remoteChangedAt ?? 0;
    case 'sync':
      return p.syncStatus;
    case 'tags':
      return p.tags.join(',').toLowerCase();
    case 'reference':
      return (p.referenceNumber || p.customerReference).toLowerCase();
  }
}

/**
 * Sort ports for a view. Keys are read once per port (not per comparison), empty values go last
 * in either direction, and ties fall back to board order, so the result is stable and total.
 */
export function sortPorts(ports: Iterable<PortSummary>, sort: Sort): PortSummary[] {
  const list = [...ports];
  if (sort.key === 'board') return list.sort(compareBoard);
  const key = sort.key;
  const keyed = list.map((p) => ({ p, k: sortValue(p, key) }));
  const sign = sort.dir === 'asc' ? 1 : -1;
  keyed.sort((a, b) => {
    if (a.k !== b.k) {
      if (a.k === '') return 1;
      if (b.k === '') return -1;
      return (a.k < b.k ? -1 : 1) * sign;
    }
    return compareBoard(a.p, b.p);
  });
  return keyed.map((x) => x.p);
}
