import { z } from 'zod';
import { method } from '../method';

/** A tag as the specialist types it: trimmed, no control characters (the summary SQL joins tags with U+001F). */
export const TagSchema = z
  .string()
  .trim()
  .min(1, 'is empty')
  .max(40, 'is longer than 40 characters')
  .regex(/^[^\p{Cc}]+$/u, 'must not contain control characters');

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
