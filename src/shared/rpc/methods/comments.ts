import { z } from 'zod';
import { CommentSchema, cleanString } from '../../model';
import { method } from '../method';

export const commentsMethods = {
  /** Add a comment to a port; it reaches the port's remote with the next sync. */
  'comments.add': method(
    z.object({
      portId: z.string().min(1, 'is required'),
      body: cleanString({ multiline: true }).trim().min(1, 'is required').max(5000),
      isPrivate: z.boolean().optional(),
      actionRequired: z.boolean().optional(),
    }),
    CommentSchema,
  ),
};
