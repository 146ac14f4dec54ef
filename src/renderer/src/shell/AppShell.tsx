import { useEffect } from 'react';
import { useUiStore } from '../stores/uiStore';
import { startPortsFeed } from '../stores/portsFeed';
import { Board } from '../board/Board';
import { PortDetailPanel } from '../detail/PortDetailPanel';
import { CreatePortDialog } from '../detail/CreatePortDialog';
import { Sidebar } from './Sidebar';
import { startMenuCommands } from './menuCommands';
import { startRemoteMoveNotices } from './remoteMoveNotices';
import { TopBar } from './TopBar';
import { Toasts } from './Toasts';
import { LiveRegion } from './LiveRegion';
import { PromptDialog } from './PromptDialog';
import { ImportScreen } from '../import/ImportScreen';
import { ImportUndoToast } from '../import/ImportUndoToast';
import { SyncScreen } from '../sync/SyncScreen';
import { SettingsScreen } from '../settings/SettingsScreen';
import { EditUndoToast } from '../queue/EditUndoToast';
import { startUndoShortcut } from '../queue/editStore';
import { loadAgeing } from '../stores/viewStore';

/** The window: navigation, top bar, the current screen, the detail panel and global overlays. */
export function AppShell() {
  const screen = useUiStore((s) => s.screen);
  const openPortId = useUiStore((s) => s.openPortId);
  const createOpen = useUiStore((s) => s.createOpen);
  useEffect(() => startPortsFeed(), []);
  useEffect(() => startMenuCommands(), []);
  useEffect(() => startRemoteMoveNotices(), []);
  useEffect(() => startUndoShortcut(), []);
  useEffect(() => void loadAgeing(), []);
  return (
    <div className="app">
      <Sidebar />
      <div className="main">
        <TopBar />
        <main className="content">
          {screen === 'board' && <Board />}
          {screen === 'import' && <ImportScreen />}
          {screen === 'sync' && <SyncScreen />}
          {screen === 'settings' && <SettingsScreen />}
        </main>
      </div>
      {openPortId && <PortDetailPanel key={openPortId} id={openPortId} />}
      {createOpen && <CreatePortDialog />}
      <PromptDialog />
      <Toasts />
      <ImportUndoToast />
      <EditUndoToast />
      <LiveRegion />
    </div>
  );
}
