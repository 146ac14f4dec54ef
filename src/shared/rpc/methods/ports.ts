import { z } from 'zod';
import { PortDetailSchema, PortFieldsPatchSchema, PortFieldsSchema, PortStateSchema, PortSummarySchema, cleanString } from '../../model';
import { method } from '../method';

const id = z.string().min(1, 'is required');
const numberList = z.array(z.string().max(64)).max(200_000);
const country = z.string().length(2, 'must be a two-letter country code').optional();

/** A port a bulk step left alone, named, with why. */
export const SkippedPortSchema = z.object({ id: z.string(), name: z.string(), reason: z.string() });
export type SkippedPort = z.infer<typeof SkippedPortSchema>;

export const portsMethods = {
  'ports.list': method(z.object({ state: PortStateSchema.optional() }), z.array(PortSummarySchema)),
  'ports.get': method(z.object({ id }), PortDetailSchema),
  'ports.summaries': method(z.object({ ids: z.array(id).max(10_000) }), z.array(PortSummarySchema)),
  'ports.create': method(
    z.object({
      fields: PortFieldsSchema.partial().extend({ name: PortFieldsSchema.shape.name }),
      numbers: numberList.optional(),
      country,
      /** Omitted: the default remote, if one is set; null: local only. */
      remoteId: z.string().nullable().optional(),
      remoteAccountId: z.string().optional(),
    }),
    PortDetailSchema,
  ),
  /** Give a local-only port a remote; it is created there with the next sync. */
  'ports.assignRemote': method(z.object({ id, remoteId: id, remoteAccountId: z.string().optional() }), PortDetailSchema),
  /**
   * Give a selection a remote in one transaction: ports already on it are unchanged; ports that
   * exist on another remote (or were sent there without an answer yet) are skipped and named.
   */
  'ports.bulkAssignRemote': method(
    z.object({ ids: z.array(id).min(1, 'needs at least one port').max(10_000), remoteId: id }),
    z.object({
      assigned: z.array(z.string()),
      unchanged: z.array(z.string()),
      skipped: z.array(SkippedPortSchema),
    }),
  ),
  /** Keep a port on this computer (it leaves a remote it was never sent to; the first remote added passes it by), or not. */
  'ports.setKeptLocal': method(z.object({ id, keptLocal: z.boolean() }), PortDetailSchema),
  'ports.update': method(z.object({ id, patch: PortFieldsPatchSchema }), PortDetailSchema),
  /**
   * Edit many ports in one step (set a field on a selection, a pasted column): one transaction,
   * one queued change per port; ports that cannot be edited are skipped and named. `before` is the
   * edit that undoes it.
   */
  'ports.bulkUpdate': method(
    z.object({ edits: z.array(z.object({ id, patch: PortFieldsPatchSchema })).min(1, 'needs at least one port').max(10_000) }),
    z.object({
      updated: z.array(z.string()),
      unchanged: z.array(z.string()),
      skipped: z.array(SkippedPortSchema),
      before: z.array(z.object({ id: z.string(), patch: PortFieldsPatchSchema })),
    }),
  ),
  /**
   * Undo moves (one step of the window's undo): a move never sent is withdrawn, a sent one reversed
   * where the state machine allows it; the rest are skipped and say why (PortsService.undoMoves).
   */
  'ports.undoMoves': method(
    z.object({ moves: z.array(z.object({ id, from: PortStateSchema, to: PortStateSchema })).min(1, 'needs at least one move').max(10_000) }),
    z.object({ restored: z.array(z.string()), skipped: z.array(SkippedPortSchema) }),
  ),
  'ports.move': method(
    z.object({
      id,
      to: PortStateSchema,
      reason: cleanString({ multiline: true }).max(500).optional(),
      date: PortFieldsSchema.shape.focDate.optional(),
      force: z.boolean().optional(),
    }),
    PortDetailSchema,
  ),
  /** `leftOnRemote`: what the delete leaves on the port's remote, to tell the specialist (a Telnyx draft stays there; null: nothing). */
  'ports.delete': method(z.object({ id }), z.object({ deleted: z.string(), leftOnRemote: z.string().nullable() })),
  'numbers.add': method(
    z.object({ portId: id, numbers: numberList.min(1, 'needs at least one number'), country }),
    z.object({ added: z.array(z.string()), alreadyOnPort: z.array(z.string()), notes: z.array(z.string()) }),
  ),
  'numbers.remove': method(z.object({ portId: id, numbers: numberList.min(1, 'needs at least one number') }), z.object({ removed: z.array(z.string()) })),
  /** Ports holding a number whose digits contain these (partial search: `555-01` finds +1 202 555 0142). */
  'numbers.search': method(
    z.object({ digits: z.string().regex(/^\d{3,15}$/, 'must be 3 to 15 digits'), limit: z.number().int().min(1).max(10_000).optional() }),
    z.object({
      portIds: z.array(z.string()),
      /** The number that matched on each of those ports (its lowest, when several do): what the board shows. */
      matches: z.array(z.object({ portId: z.string(), e164: z.string() })),
    }),
  ),
  'numbers.lookup': method(
    z.object({ number: z.string().min(1, 'is required').max(64), country }),
    z.object({ e164: z.string(), port: PortSummarySchema.nullable() }),
  ),
};
