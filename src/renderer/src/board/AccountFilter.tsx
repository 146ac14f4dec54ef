import { useMemo } from 'react';
import { usePortsStore } from '../stores/portsStore';

/**
 * One account at a time: the customer accounts on the ports, and the remote sub-accounts they
 * sync with (Kazoo resellers keep each customer in its own sub-account). Options come from the
 * ports themselves, recomputed only when the ports change.
 */
export function AccountFilter({ value, onChange }: { value: string; onChange(value: string): void }) {
  const byId = usePortsStore((s) => s.byId);
  const { names, remotes } = useMemo(() => {
    const nameSet = new Set<string>();
    const remoteSet = new Set<string>();
    for (const p of byId.values()) {
      const name = p.accountName || p.billingName;
      if (name) nameSet.add(name);
      if (p.remoteAccountId) remoteSet.add(p.remoteAccountId);
    }
    const sort = (s: Set<string>) => [...s].sort((a, b) => a.localeCompare(b));
    return { names: sort(nameSet), remotes: sort(remoteSet) };
  }, [byId]);
  if (names.length === 0 && remotes.length === 0) return null;
  return (
    <select className="select input-select" aria-label="Account" value={value} onChange={(e) => onChange(e.target.value)}>
      <option value="">All accounts</option>
      {names.length > 0 && (
        <optgroup label="Accounts">
          {names.map((n) => (
            <option key={n} value={`name:${n}`}>
              {n}
            </option>
          ))}
        </optgroup>
      )}
      {remotes.length > 0 && (
        <optgroup label="Remote sub-accounts">
          {remotes.map((r) => (
            <option key={r} value={`remote:${r}`}>
              {r}
            </option>
          ))}
        </optgroup>
      )}
    </select>
  );
}
