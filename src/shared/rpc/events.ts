import { z } from 'zod';
import { RemoteStateChangeSchema } from '../domain/remoteMoves';

/** What main tells every open view: which ports changed (refetch them), sync status moved, a remote move to announce, or reload all. */
export const ChangeEventSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('ports'), ids: z.array(z.string()), removed: z.array(z.string()) }),
  z.object({ type: z.literal('sync') }),
  // Another process (the CLI, a second window) committed to the same database: refetch everything.
  z.object({ type: z.literal('reload') }),
  // The desktop menu (or a clicked notification) asks the window to do something: 'port.new', 'open:<id>'...
  z.object({ type: z.literal('menu'), command: z.string().max(200) }),
  // A pull found a port moved on the remote (a carrier's rejection, a FOC date, a completion).
  z.object({ type: z.literal('remoteMove'), change: RemoteStateChangeSchema }),
]);
export type ChangeEvent = z.infer<typeof ChangeEventSchema>;
