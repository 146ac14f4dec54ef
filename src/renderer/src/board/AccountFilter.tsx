import { useMemo } from 'react';
import { remoteAccountLabel } from '../../../shared/domain/portFacts';
import type { PortSummary } from '../../../shared/model';
import { usePortsStore } from '../stores/portsStore';

/** A sub-account not yet named says so, on its connection, with the start of its id to tell two such apart. */
function filterLabel(p: PortSummary): string {
  if (p.remoteAccountName) return p.remoteAccountName;
  return `${p.remoteName ?? 'Connection'}: ${remoteAccountLabel(p)} (${p.remoteAccountId.slice(0, 4)}…)`;
}

/**
 * One account at a time: the customer accounts on the ports, and the remote sub-accounts they
 * sync with (Kazoo resellers keep each customer in its own sub-account), shown by name. Options
 * come from the ports themselves, recomputed only when the ports change.
 */
export function AccountFilter({ value, onChange }: { value: string; onChange(value: string): void }) {
  const byId = usePortsStore((s) => s.byId);
  const { names, remotes } = useMemo(() => {
    const nameSet = new Set<string>();
    const remoteLabels = new Map<string, string>();
    for (const p of byId.values()) {
      const name = p.accountName || p.billingName;
      if (name) nameSet.add(name);
      if (p.remoteAccountId && !remoteLabels.has(p.remoteAccountId)) remoteLabels.set(p.remoteAccountId, filterLabel(p));
    }
    return {
      names: [...nameSet].sort((a, b) => a.localeCompare(b)),
      remotes: [...remoteLabels].sort((a, b) => a[1].localeCompare(b[1])),
    };
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
          {remotes.map(([id, label]) => (
            <option key={id} value={`remote:${id}`}>
              {label}
            </option>
          ))}
        </optgroup>
      )}
    </select>
  );
}
