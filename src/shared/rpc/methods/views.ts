import { z } from 'zod';
import { AgeingThresholdsSchema } from '../../domain/ageing';
import { SavedViewSchema, ViewDefinitionSchema, ViewNameSchema } from '../../domain/views';
import { PortSummarySchema } from '../../model';
import { method } from '../method';

export const viewsMethods = {
  /** Built-in and saved work-queue views (filters, sort, columns). */
  'views.list': method(z.object({}), z.array(SavedViewSchema)),
  /** Save (or replace) a view under a name. */
  'views.save': method(z.object({ name: ViewNameSchema, definition: ViewDefinitionSchema }), SavedViewSchema),
  'views.delete': method(z.object({ name: ViewNameSchema }), z.object({ deleted: z.string() })),
  /** The ports a view shows, in its order (the CLI's `ports list --view`). */
  'views.ports': method(z.object({ name: ViewNameSchema }), z.array(PortSummarySchema)),
  /** Days a port may stay in each state before it is flagged as ageing. */
  'settings.ageing': method(z.object({}), AgeingThresholdsSchema),
  'settings.setAgeing': method(z.object({ thresholds: AgeingThresholdsSchema }), AgeingThresholdsSchema),
  /**
   * The given ports, in order, as a CSV or XLSX file that re-imports without remapping: one row
   * per port, or one per number. Bytes travel as base64.
   */
  'ports.export': method(
    z
      .object({ ids: z.array(z.string().min(1)).max(10_000).optional(), view: ViewNameSchema.optional(), format: z.enum(['csv', 'xlsx']), perNumber: z.boolean() })
      .refine((x) => (x.ids === undefined) !== (x.view === undefined), 'give either ids or view'),
    z.object({ fileName: z.string(), contentType: z.string(), base64: z.string(), ports: z.number().int(), rows: z.number().int() }),
  ),
};
