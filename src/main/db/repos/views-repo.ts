import type { Db } from '../connection';

/** Saved work-queue views and local settings (tables saved_views, settings); values are JSON text the caller parses. */
export class ViewsRepo {
  private readonly s;

  constructor(db: Db) {
    this.s = {
      list: db.prepare('SELECT name, definition FROM saved_views'),
      upsert: db.prepare('INSERT INTO saved_views (name, definition, updated_at) VALUES (?, ?, ?) ON CONFLICT (name) DO UPDATE SET definition = excluded.definition, updated_at = excluded.updated_at'),
      remove: db.prepare('DELETE FROM saved_views WHERE name = ?'),
      getSetting: db.prepare('SELECT value FROM settings WHERE key = ?'),
      setSetting: db.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value'),
    };
  }

  list(): { name: string; definition: string }[] {
    return this.s.list.all() as { name: string; definition: string }[];
  }

  upsert(name: string, definition: string, now: number): void {
    this.s.upsert.run(name, definition, now);
  }

  /** False when there was no such view. */
  remove(name: string): boolean {
    return this.s.remove.run(name).changes > 0;
  }

  setting(key: string): string | undefined {
    return (this.s.getSetting.get(key) as { value: string } | undefined)?.value;
  }

  setSetting(key: string, value: string): void {
    this.s.setSetting.run(key, value);
  }
}
