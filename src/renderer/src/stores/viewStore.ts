import { create } from 'zustand';
import { rpc } from '../rpc/transport';
import { DEFAULT_AGEING, type AgeingThresholds } from '../../../shared/domain/ageing';
import { BOARD_SORT, ColumnSettingSchema, LaneSchema, TABLE_COLUMNS, type ColumnId, type ColumnSetting, type Lane, type Sort } from '../../../shared/domain/views';

import { TABLE_GROUP_BYS, type TableGroupBy } from '../queue/tableGroups';

export type Layout = 'board' | 'table';

const LAYOUT_KEY = 'portdesk.layout';
const COLUMNS_KEY = 'portdesk.tableColumns';
const LANES_KEY = 'portdesk.lanes';
const GROUP_KEY = 'portdesk.tableGroup';

/** Default widths (px) that fit the table at 1280px with the sidebar. */
// Wide enough for the usual value whole ("● Unconfirmed", "Req. Nov 28 · 3d ago" in bold, the
// headers): a cell ends in an ellipsis at its padding.
export const DEFAULT_WIDTHS: Record<ColumnId, number> = {
  name: 220,
  account: 150,
  state: 124,
  remoteStatus: 124,
  losingCarrier: 120,
  numbers: 78,
  due: 170,
  daysInState: 84,
  remoteChanged: 124,
  sync: 92,
  tags: 120,
  reference: 110,
};

export const DEFAULT_COLUMNS: ColumnSetting[] = TABLE_COLUMNS.map((id) => ({ id }));

function readLocal<T>(key: string, parse: (raw: unknown) => T | undefined, fallback: T): T {
  try {
    const raw = localStorage.getItem(key);
    return (raw === null ? undefined : parse(JSON.parse(raw))) ?? fallback;
  } catch {
    return fallback;
  }
}

function writeLocal(key: string, value: unknown): void {
  try {
    localStorage.setItem(key, JSON.stringify(value));
  } catch {
    // Storage full or disabled: the choice lasts for this session only.
  }
}

/** Every column once, in the stored order, new columns appended (a stored list may predate them). */
export function normalizeColumns(list: readonly ColumnSetting[]): ColumnSetting[] {
  const seen = new Set<ColumnId>();
  const out: ColumnSetting[] = [];
  for (const c of list) {
    if (seen.has(c.id)) continue;
    seen.add(c.id);
    out.push(c);
  }
  for (const id of TABLE_COLUMNS) if (!seen.has(id)) out.push({ id });
  return out;
}

/**
 * How the ports are shown: board or table (remembered), the sort, the board's lanes, the table's
 * groups and columns (remembered), the saved view last opened and the ageing thresholds.
 */
export interface ViewState {
  layout: Layout;
  sort: Sort;
  lanes: Lane;
  /** The table's row groups (remembered, like the lanes). */
  groupBy: TableGroupBy;
  columns: ColumnSetting[];
  /** Name of the saved view whose settings are showing; cleared by any change to them. */
  activeView: string | null;
  thresholds: AgeingThresholds;
  setLayout(layout: Layout): void;
  setSort(sort: Sort): void;
  setLanes(lanes: Lane): void;
  setGroupBy(groupBy: TableGroupBy): void;
  setColumns(columns: ColumnSetting[]): void;
  setActiveView(name: string | null): void;
  setThresholds(thresholds: AgeingThresholds): void;
}

export const useViewStore = create<ViewState>()((set) => ({
  layout: readLocal<Layout>(LAYOUT_KEY, (v) => (v === 'table' || v === 'board' ? v : undefined), 'board'),
  sort: BOARD_SORT,
  lanes: readLocal<Lane>(LANES_KEY, (v) => LaneSchema.safeParse(v).data, 'none'),
  groupBy: readLocal<TableGroupBy>(GROUP_KEY, (v) => TABLE_GROUP_BYS.find((g) => g === v), 'none'),
  columns: normalizeColumns(readLocal(COLUMNS_KEY, (v) => ColumnSettingSchema.array().safeParse(v).data, DEFAULT_COLUMNS)),
  activeView: null,
  thresholds: DEFAULT_AGEING,
  setLayout: (layout) => {
    writeLocal(LAYOUT_KEY, layout);
    set({ layout });
  },
  setSort: (sort) => set({ sort }),
  setLanes: (lanes) => {
    writeLocal(LANES_KEY, lanes);
    set({ lanes });
  },
  setGroupBy: (groupBy) => {
    writeLocal(GROUP_KEY, groupBy);
    set({ groupBy });
  },
  setColumns: (columns) => {
    const normalized = normalizeColumns(columns);
    writeLocal(COLUMNS_KEY, normalized);
    set({ columns: normalized });
  },
  setActiveView: (activeView) => set({ activeView }),
  setThresholds: (thresholds) => set({ thresholds }),
}));

/** Read the ageing thresholds setting (the defaults stay when it cannot be read). */
export async function loadAgeing(): Promise<void> {
  try {
    useViewStore.getState().setThresholds(await rpc.call('settings.ageing', {}));
  } catch {
    // Defaults are a fine fallback: ageing is a hint, never a gate.
  }
}
