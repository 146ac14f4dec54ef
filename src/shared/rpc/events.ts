import { z } from 'zod';

/** What main tells every open view: which ports changed (refetch them), sync status moved, or reload all. */
export const ChangeEventSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('ports'), ids: z.array(z.string()), removed: z.array(z.string()) }),
  z.object({ type: z.literal('sync') }),
  // Another process (the CLI, a second window) committed to the same database: refetch everything.
  z.object({ type: z.literal('reload') }),
  // The desktop menu (or a clicked notification) asks the window to do something: 'port.new', 'open:<id>'...
  z.object({ type: z.literal('menu'), command: z.string().max(200) }),
]);
export type ChangeEvent = z.infer<typeof ChangeEventSchema>;
