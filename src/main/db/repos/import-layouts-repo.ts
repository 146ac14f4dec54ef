import type { z } from 'zod';
import type { Db } from '../connection';
import { ColumnMappingSchema } from '../../../shared/rpc/methods/import';

type ColumnMapping = z.infer<typeof ColumnMappingSchema>;

/**
 * Column mappings the specialist confirmed, per file layout signature (table import_layouts),
 * so the next file of the same shape opens with the same mapping.
 */
export class ImportLayouts {
  private readonly getStmt;
  private readonly allStmt;
  private readonly putStmt;

  constructor(db: Db) {
    this.getStmt = db.prepare('SELECT mapping FROM import_layouts WHERE signature = ?');
    this.allStmt = db.prepare('SELECT signature, mapping FROM import_layouts');
    this.putStmt = db.prepare(
      'INSERT INTO import_layouts (signature, mapping, updated_at) VALUES (?, ?, ?) ON CONFLICT (signature) DO UPDATE SET mapping = excluded.mapping, updated_at = excluded.updated_at',
    );
  }

  /** The remembered mapping, or undefined (also when the stored JSON no longer validates). */
  get(signature: string): ColumnMapping | undefined {
    const row = this.getStmt.get(signature) as { mapping: string } | undefined;
    return row ? readMapping(row.mapping) : undefined;
  }

  /** Every remembered mapping by signature: the worker picks the one matching the file it reads. */
  all(): Record<string, ColumnMapping> {
    const out: Record<string, ColumnMapping> = {};
    for (const row of this.allStmt.all() as { signature: string; mapping: string }[]) {
      const mapping = readMapping(row.mapping);
      if (mapping) out[row.signature] = mapping;
    }
    return out;
  }

  remember(signature: string, mapping: ColumnMapping, now: number): void {
    this.putStmt.run(signature, JSON.stringify(mapping), now);
  }
}

function readMapping(text: string): ColumnMapping | undefined {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return undefined;
  }
  const parsed = ColumnMappingSchema.safeParse(json);
  return parsed.success ? parsed.data : undefined;
}
