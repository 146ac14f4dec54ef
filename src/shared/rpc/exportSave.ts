import { z } from 'zod';

/**
 * The desktop's "export to a file": the window asks main (preload `saveExport`, channel
 * portdesk:export-save), main shows the native save dialog, builds the file and writes it.
 */
export const EXPORT_SAVE_CHANNEL = 'portdesk:export-save';

/** What the window may ask for: the ports it shows, in order (as ports.export takes them). */
export const ExportSaveRequestSchema = z.strictObject({
  ids: z.array(z.string().min(1).max(200)).min(1).max(10_000),
  format: z.enum(['csv', 'xlsx']),
  perNumber: z.boolean(),
});
export type ExportSaveRequest = z.infer<typeof ExportSaveRequestSchema>;

/** Main's answer: the file written (null when the dialog was canceled), or the refusal. */
export const ExportSaveAnswerSchema = z.union([
  z.object({ ok: z.literal(true), saved: z.object({ path: z.string(), ports: z.number().int(), rows: z.number().int() }).nullable() }),
  z.object({ ok: z.literal(false), error: z.object({ code: z.string(), message: z.string() }) }),
]);
export type ExportSaveAnswer = z.infer<typeof ExportSaveAnswerSchema>;
