import { useMemo } from 'react';
import { usePortsStore } from '../stores/portsStore';

/** Every tag on the loaded ports, sorted; recomputed only when the ports change. */
export function useKnownTags(): string[] {
  const byId = usePortsStore((s) => s.byId);
  return useMemo(() => {
    const tags = new Set<string>();
    for (const p of byId.values()) for (const t of p.tags) tags.add(t);
    return [...tags].sort((a, b) => a.localeCompare(b));
  }, [byId]);
}
