import { z } from 'zod';
import type { PortSummary } from '../model';
import { SavedFilterSchema, EMPTY_FILTER, type SavedFilter } from './portFilter';
import { PortOrder } from './portOrder';

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

/**
 * Sort ports for a view: empty values last in either direction, ties in board order (soonest due
 * date first, then most recently updated), so the result is stable and total (see PortOrder).
 */
export function sortPorts(ports: Iterable<PortSummary>, sort: Sort): PortSummary[] {
  return new PortOrder([...ports]).sorted(sort);
}
