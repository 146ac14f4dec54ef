import { z } from 'zod';
import { cleanString } from '../../model';
import { method } from '../method';

/**
 * A tag as the specialist types it, cleaned like every other name (escapes, controls, bidi
 * overrides, invisibles, lone surrogates; the summary SQL joins tags with U+001F), then trimmed:
 * a tag of nothing visible is empty.
 */
export const TagSchema = cleanString().trim().min(1, 'is empty').max(40, 'is longer than 40 characters');

export const tagsMethods = {
  /** Add and/or remove local tags on many ports at once (bulk "Tag…"); tags are never synced. */
  'tags.set': method(
    z.object({
      portIds: z.array(z.string().min(1)).min(1, 'needs at least one port').max(10_000),
      add: z.array(TagSchema).max(20).optional(),
      remove: z.array(TagSchema).max(20).optional(),
    }),
    z.object({ changed: z.array(z.string()) }),
  ),
  /** Every tag in use, sorted. */
  'tags.list': method(z.object({}), z.array(z.string())),
};
