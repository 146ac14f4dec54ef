import { AppError } from '../../shared/errors';
import type { Repos } from '../db/repos';
import { AgeingThresholdsSchema, DEFAULT_AGEING, type AgeingThresholds } from '../../shared/domain/ageing';
import { DEFAULT_VIEWS, ViewDefinitionSchema, mergeViews, type SavedView, type ViewDefinition } from '../../shared/domain/views';
import type { Clock } from './ports-service';

const AGEING_KEY = 'ageing_thresholds';

/**
 * Saved work-queue views and the ageing thresholds: local preferences (never synced) that the
 * window and the CLI share. Rows are parsed on the way out, so a bad row is skipped, not trusted.
 */
export class ViewsService {
  private readonly views: Repos['views'];

  constructor(
    repos: Pick<Repos, 'views'>,
    private readonly clock: Clock = { now: () => Date.now() },
  ) {
    this.views = repos.views;
  }

  /** The built-in views (or the saved ones replacing them), then the saved views by name. */
  list(): SavedView[] {
    const saved: SavedView[] = [];
    for (const row of this.views.list()) {
      const parsed = ViewDefinitionSchema.safeParse(safeJson(row.definition));
      if (parsed.success) saved.push({ name: row.name, definition: parsed.data, builtIn: false });
    }
    return mergeViews(saved);
  }

  /** The view called `name` (any case), or NOT_FOUND naming the views there are. */
  get(name: string): SavedView {
    const views = this.list();
    const found = views.find((v) => v.name === name) ?? views.find((v) => v.name.toLowerCase() === name.toLowerCase());
    if (!found) throw new AppError('NOT_FOUND', `No view named "${name}"; views: ${views.map((v) => `"${v.name}"`).join(', ')}`, { name });
    return found;
  }

  save(name: string, definition: ViewDefinition): SavedView {
    this.views.upsert(name, JSON.stringify(definition), this.clock.now());
    return this.get(name);
  }

  /** Delete a saved view; deleting a built-in's replacement brings the built-in back. */
  delete(name: string): void {
    if (!this.views.remove(name)) {
      const builtIn = DEFAULT_VIEWS.some((v) => v.name === name);
      throw new AppError(builtIn ? 'LOCKED' : 'NOT_FOUND', builtIn ? `"${name}" is built in and cannot be deleted` : `No saved view named "${name}"`, { name });
    }
  }

  ageing(): AgeingThresholds {
    const value = this.views.setting(AGEING_KEY);
    const parsed = value === undefined ? undefined : AgeingThresholdsSchema.safeParse(safeJson(value));
    return parsed?.success ? parsed.data : DEFAULT_AGEING;
  }

  setAgeing(thresholds: AgeingThresholds): AgeingThresholds {
    this.views.setSetting(AGEING_KEY, JSON.stringify(thresholds));
    return this.ageing();
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
