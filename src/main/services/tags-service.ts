import { AppError } from '../../shared/errors';
import { cleanText } from '../../shared/domain/text';
import type { Repos } from '../db/repos';
import type { ChangeBus } from './changes';
import type { Clock } from './ports-service';

export interface SetTagsInput {
  portIds: readonly string[];
  add?: readonly string[] | undefined;
  remove?: readonly string[] | undefined;
}

const LOCAL_ACTOR = 'you';

/**
 * Local tags on ports. Tags are the specialist's own grouping, not part of the port request, so
 * they get a timeline entry but no outbox row and leave the port's sync status alone.
 */
export class TagsService {
  constructor(
    private readonly repos: Repos,
    private readonly changes: ChangeBus,
    private readonly clock: Clock = { now: () => Date.now() },
  ) {}

  /** Apply the same additions and removals to every port; returns the ports that actually changed. */
  set(input: SetTagsInput): { changed: string[] } {
    const add = cleanTags(input.add ?? []);
    const remove = cleanTags(input.remove ?? []).filter((t) => !add.includes(t));
    if (add.length === 0 && remove.length === 0) throw new AppError('VALIDATION', 'Give at least one tag to add or remove', { field: 'add' });
    const { ports, tags, events, db } = this.repos;
    const missing = input.portIds.filter((id) => !ports.get(id));
    if (missing.length > 0) throw new AppError('NOT_FOUND', `No port request with id ${missing[0]}`, { id: missing[0] });
    const now = this.clock.now();
    const changed: string[] = [];
    db.transaction(() => {
      for (const portId of unique(input.portIds)) {
        const added = add.filter((t) => tags.add(portId, t));
        const removed = remove.filter((t) => tags.remove(portId, t));
        if (added.length === 0 && removed.length === 0) continue;
        changed.push(portId);
        events.add({ portId, at: now, kind: 'tags', fromState: null, toState: null, message: describe(added, removed), actor: LOCAL_ACTOR });
      }
    })();
    if (changed.length > 0) this.changes.emit({ type: 'ports', ids: changed, removed: [] });
    return { changed };
  }

  list(): string[] {
    return this.repos.tags.all();
  }
}

function unique(values: readonly string[]): string[] {
  return [...new Set(values.map((v) => v.trim()).filter(Boolean))];
}

/** Tags as stored: cleaned as RPC input is (callers inside main skip that schema), trimmed, once each. */
function cleanTags(values: readonly string[]): string[] {
  return unique(values.map((v) => cleanText(v)));
}

function describe(added: string[], removed: string[]): string {
  const parts: string[] = [];
  if (added.length > 0) parts.push(`Tagged ${added.map((t) => `"${t}"`).join(', ')}`);
  if (removed.length > 0) parts.push(`${parts.length ? 'untagged' : 'Untagged'} ${removed.map((t) => `"${t}"`).join(', ')}`);
  return parts.join('; ');
}
