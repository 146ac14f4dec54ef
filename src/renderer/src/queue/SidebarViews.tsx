import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useOutsidePointer } from '../ui/useOutsidePointer';
import { compileFilter, toPortFilter } from '../../../shared/domain/portFilter';
import type { SavedView } from '../../../shared/domain/views';
import { usePortsStore } from '../stores/portsStore';
import { useViewStore } from '../stores/viewStore';
import { Icon } from '../ui/Icon';
import { openView, useSavedViews } from './savedViews';

const count = new Intl.NumberFormat();

/** How many ports each view holds now. Number queries count text matches only (no lookup per view). */
function useViewCounts(views: readonly SavedView[]): Map<string, number> {
  const byId = usePortsStore((s) => s.byId);
  return useMemo(() => {
    const today = new Date();
    const ports = [...byId.values()];
    return new Map(views.map((v) => [v.name, ports.filter(compileFilter(toPortFilter(v.definition.filter), today)).length]));
  }, [byId, views]);
}

function ViewList({ onOpened }: { onOpened?(): void }) {
  const views = useSavedViews((s) => s.views);
  const active = useViewStore((s) => s.activeView);
  const counts = useViewCounts(views);
  return (
    <ul className="view-list">
      {views.map((v) => (
        <li key={v.name} className="view-item-row">
          <button
            type="button"
            className="view-item"
            aria-current={active === v.name ? 'true' : undefined}
            title={v.builtIn ? `${v.name} (built in)` : v.name}
            onClick={() => {
              openView(v);
              onOpened?.();
            }}
          >
            <span className="view-name">{v.name}</span>
            <span className="view-count tabular">{count.format(counts.get(v.name) ?? 0)}</span>
          </button>
          {!v.builtIn && (
            <button type="button" className="btn btn-ghost btn-icon view-delete" aria-label={`Delete view ${v.name}`} title="Delete view" onClick={() => void useSavedViews.getState().remove(v.name)}>
              <Icon name="close" size={12} />
            </button>
          )}
        </li>
      ))}
    </ul>
  );
}

/**
 * Saved views with their counts. Wide windows list them under the navigation; below 1440px the
 * sidebar is icons only, so a Views button opens the same list beside it.
 */
export function SidebarViews() {
  const [open, setOpen] = useState(false);
  const root = useRef<HTMLDivElement>(null);
  const close = useCallback(() => setOpen(false), []);
  useEffect(() => {
    void useSavedViews.getState().load();
  }, []);
  useOutsidePointer(open, root, close);
  return (
    <section className="sidebar-views" aria-label="Saved views" ref={root}>
      <h2 className="sidebar-heading">Views</h2>
      <div className="sidebar-views-wide">
        <ViewList />
      </div>
      <button type="button" className="nav-item sidebar-views-toggle" aria-expanded={open} title="Saved views" onClick={() => setOpen(!open)} onKeyDown={(e) => e.key === 'Escape' && setOpen(false)}>
        <Icon name="filter" size={18} />
        <span className="visually-hidden">Saved views</span>
      </button>
      {open && (
        <div className="sidebar-views-flyout" onKeyDown={(e) => e.key === 'Escape' && setOpen(false)}>
          <h2 className="sidebar-heading">Views</h2>
          <ViewList onOpened={() => setOpen(false)} />
        </div>
      )}
    </section>
  );
}
