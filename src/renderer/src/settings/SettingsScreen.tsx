import { useEffect } from 'react';
import { startSyncFeed, useSyncStore } from '../sync/syncStore';
import { RemotesList } from './RemotesList';
import { AddRemoteForm } from './AddRemoteForm';
import './settings.css';
import { FormError } from '../ui/FormError';
import { AgeingSettings } from './AgeingSettings';

/** Settings: the porting API accounts PortDesk syncs with, and when ports count as ageing. */
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
        <AgeingSettings />
      </div>
    </section>
  );
}
