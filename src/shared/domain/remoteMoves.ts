import { z } from 'zod';
import { PortStateSchema } from '../model';

/** A state change found by pull: the port moved on the remote, not by this user. */
export const RemoteStateChangeSchema = z.object({
  portId: z.string(),
  /** The port's display name (PortFields.name). */
  portName: z.string(),
  from: PortStateSchema,
  to: PortStateSchema,
  /** How many numbers the port carries, for the body text. */
  numberCount: z.number().int().optional(),
  /** Firm order commitment / scheduled transfer date (YYYY-MM-DD), when the remote gave one. */
  focDate: z.string().optional(),
  /** The remote's reason text (rejections), shown verbatim. */
  reason: z.string().optional(),
});
export type RemoteStateChange = z.infer<typeof RemoteStateChangeSchema>;

/** What to tell the specialist about a remote move: an OS notification in the background, a toast in the window. */
export interface RemoteMoveNotice {
  title: string;
  body: string;
  /** Port to open from the notice. */
  portId: string;
  /** Rejections need action: the OS should keep them visible. */
  urgent: boolean;
}

const MAX_BODY = 200;

function numbers(count: number | undefined): string {
  if (count === undefined) return '';
  return count === 1 ? ' (1 number)' : ` (${count} numbers)`;
}

function clip(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > MAX_BODY ? `${flat.slice(0, MAX_BODY - 1)}…` : flat;
}

/**
 * Whether a remote state change deserves a notice and what it says: not for moves a specialist
 * does not wait for (the remote accepting a submission is only `pending`).
 */
export function describeRemoteMove(change: RemoteStateChange): RemoteMoveNotice | null {
  if (change.from === change.to) return null;
  const name = `${clip(change.portName) || 'Port request'}${numbers(change.numberCount)}`;
  const base = { portId: change.portId, urgent: false };
  switch (change.to) {
    case 'scheduled':
      return {
        ...base,
        title: 'Port scheduled',
        body: change.focDate ? `${name} will port on ${change.focDate}.` : `${name} has a port date.`,
      };
    case 'rejected':
      return {
        ...base,
        urgent: true,
        title: 'Port rejected',
        body: change.reason ? `${name}: ${clip(change.reason)}` : `${name} was rejected by the losing carrier. Open it to see why.`,
      };
    case 'completed':
      return { ...base, title: 'Port completed', body: `${name} has ported.` };
    case 'canceled':
      return { ...base, title: 'Port canceled', body: `${name} was canceled on the carrier side.` };
    default:
      return null;
  }
}
