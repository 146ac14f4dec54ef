import { z } from 'zod';
import { method } from '../method';

export const AppInfoSchema = z.object({
  version: z.string(),
  schemaVersion: z.number().int(),
  dbPath: z.string(),
  shell: z.enum(['electron', 'host', 'cli']),
});
export type AppInfo = z.infer<typeof AppInfoSchema>;

export const appMethods = {
  'app.info': method(z.object({}), AppInfoSchema),
};
