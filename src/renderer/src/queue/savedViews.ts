import { create } from 'zustand';
import { messageOf } from '../lib/messageOf';
import type { SavedView, ViewDefinition } from '../../../shared/domain/views';
import { rpc } from '../rpc/transport';
import { currentSavedFilter, useFilterStore } from '../stores/filterStore';
import { useNoticeStore } from '../stores/noticeStore';
import { useUiStore } from '../stores/uiStore';
import { DEFAULT_COLUMNS, useViewStore } from '../stores/viewStore';

/** The saved views listed in the sidebar (built-in first), loaded from the store. */
export interface SavedViewsState {
  views: SavedView[];
  load(): Promise<void>;
  /** Save the window's current filters, sort, columns and lanes under a name. */
  saveCurrent(name: string): Promise<void>;
  remove(name: string): Promise<void>;
}

/** What the window shows now, as a view definition. */
export function currentDefinition(): ViewDefinition {
  const v = useViewStore.getState();
  return { filter: currentSavedFilter(), sort: v.sort, columns: v.columns, lanes: v.lanes };
}

/** Show a view: its filters, sort, lanes and (when it has them) its columns. */
export function openView(view: SavedView): void {
  const { definition } = view;
  useFilterStore.getState().apply(definition.filter);
  const v = useViewStore.getState();
  v.setSort(definition.sort);
  v.setLanes(definition.lanes);
  if (definition.columns) v.setColumns(definition.columns);
  else if (view.builtIn) v.setColumns(DEFAULT_COLUMNS.map((c) => v.columns.find((x) => x.id === c.id) ?? c));
  v.setActiveView(view.name);
  useUiStore.getState().setScreen('board');
}

export const useSavedViews = create<SavedViewsState>()((set, get) => ({
  views: [],
  load: async () => {
    try {
      set({ views: await rpc.call('views.list', {}) });
    } catch (err) {
      useNoticeStore.getState().toast('error', `Could not load saved views: ${messageOf(err)}`);
    }
  },
  saveCurrent: async (name) => {
    const saved = await rpc.call('views.save', { name, definition: currentDefinition() });
    await get().load();
    useViewStore.getState().setActiveView(saved.name);
    useNoticeStore.getState().toast('success', `Saved view “${saved.name}”`);
  },
  remove: async (name) => {
    try {
      await rpc.call('views.delete', { name });
      if (useViewStore.getState().activeView === name) useViewStore.getState().setActiveView(null);
      await get().load();
    } catch (err) {
      useNoticeStore.getState().toast('error', messageOf(err));
    }
  },
}));
