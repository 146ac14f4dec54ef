import { useUiStore } from '../stores/uiStore';
import { Icon } from '../ui/Icon';
import { SearchBox } from './SearchBox';
import { StatusSlot } from './StatusSlot';

/** Search, sync status and the primary action. */
export function TopBar() {
  const setCreateOpen = useUiStore((s) => s.setCreateOpen);
  return (
    <header className="topbar">
      <SearchBox />
      <div className="topbar-end">
        <StatusSlot />
        <button type="button" className="btn btn-primary" onClick={() => setCreateOpen(true)}>
          <Icon name="plus" />
          New port
        </button>
      </div>
    </header>
  );
}
