import { useUiStore, type Screen } from '../stores/uiStore';
import { Icon, type IconName } from '../ui/Icon';
import { SidebarViews } from '../queue/SidebarViews';

const ITEMS: { screen: Screen; label: string; icon: IconName }[] = [
  { screen: 'board', label: 'Board', icon: 'board' },
  { screen: 'import', label: 'Import', icon: 'import' },
  { screen: 'sync', label: 'Sync', icon: 'sync' },
  { screen: 'settings', label: 'Settings', icon: 'settings' },
];

/** Left navigation between the app's screens. */
export function Sidebar() {
  const screen = useUiStore((s) => s.screen);
  const setScreen = useUiStore((s) => s.setScreen);
  return (
    <nav className="app-sidebar" aria-label="Main">
      <div className="brand">
        <span className="brand-mark" aria-hidden="true">
          <Icon name="phone" size={16} />
        </span>
        <span className="brand-name">PortDesk</span>
      </div>
      <ul className="nav-list">
        {ITEMS.map((item) => (
          <li key={item.screen}>
            <button
              type="button"
              className="nav-item"
              aria-current={screen === item.screen ? 'page' : undefined}
              onClick={() => setScreen(item.screen)}
              title={item.label}
            >
              <Icon name={item.icon} size={18} />
              <span className="nav-label">{item.label}</span>
            </button>
          </li>
        ))}
      </ul>
      <SidebarViews />
    </nav>
  );
}
