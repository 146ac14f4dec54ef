import { useEffect } from 'react';
import { startSyncFeed, useSyncStore } from '../sync/syncStore';
import { RemotesList } from './RemotesList';
import { AddRemoteForm } from './AddRemoteForm';
import './settings.css';
import { FormError } from '../ui/FormError';

/** Settings: the porting API accounts PortDesk syncs with. */
export function SettingsScreen() {
  const loadError = useSyncStore((s) => s.loadError);
  useEffect(() => startSyncFeed(), []);
  return (
    <section className="screen" aria-labelledby="settings-title">
      <header className="screen-header">
        <h1 id="settings-title">Settings</h1>
      </header>
      <div className="screen-body">
        <FormError message={loadError} />
        <RemotesList />
        <AddRemoteForm />
      </div>
    </section>
  );
}
