import { rpc } from '../rpc/transport';
import { useUiStore } from '../stores/uiStore';

/**
 * Carry out what the desktop menu (or a clicked notification) asks for. In the browser host no
 * menu exists, so nothing arrives and this is inert.
 */
export function startMenuCommands(): () => void {
  return rpc.subscribe((event) => {
    if (event.type !== 'menu') return;
    const ui = useUiStore.getState();
    const command = event.command;
    if (command === 'port.new') {
      ui.setScreen('board');
      ui.setCreateOpen(true);
    } else if (command === 'numbers.import') ui.setScreen('import');
    else if (command === 'search.focus') ui.focusSearch();
    else if (command === 'sync.now') void rpc.call('sync.now', {}).catch(() => undefined);
    else if (command.startsWith('open:')) {
      ui.setScreen('board');
      ui.openPort(command.slice('open:'.length));
    }
  });
}
