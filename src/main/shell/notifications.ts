import type { PortState } from '../../shared/model';

/** A state change found by pull: the port moved on the remote, not by this user. */
export interface RemoteStateChange {
  portId: string;
  /** The port's display name (PortFields.name). */
  portName: string;
  from: PortState;
  to: PortState;
  /** How many numbers the port carries, for the body text. */
  numberCount?: number;
  /** Firm order commitment / scheduled transfer date (YYYY-MM-DD), when the remote gave one. */
  focDate?: string;
  /** The remote's reason text (rejections), shown verbatim. */
  reason?: string;
}

export interface PortNotification {
  title: string;
  body: string;
  /** Port to open when the notification is clicked. */
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
 * Decides whether a remote state change deserves an OS notification and what it says. Nothing
 * is shown while the window is focused (the board already shows the move), nor for moves a
 * specialist does not wait for (the remote accepting a submission is only `pending`).
 */
export function notificationFor(change: RemoteStateChange, ctx: { windowFocused: boolean }): PortNotification | null {
  if (ctx.windowFocused || change.from === change.to) return null;
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

/** Electron's Notification, structurally (constructor options + show + click). */
export interface NotificationLike {
  show(): void;
  on(event: 'click', listener: () => void): unknown;
}
export interface NotificationApi {
  isSupported(): boolean;
  create(opts: { title: string; body: string; urgency: 'normal' | 'critical'; silent: boolean }): NotificationLike;
}

/**
 * Shows the notification for a change, if any; clicking it calls `onOpen(portId)` so the entry
 * can focus the window and open the port. Returns what was shown.
 */
export function notifyRemoteChange(
  api: NotificationApi,
  change: RemoteStateChange,
  ctx: { windowFocused: boolean },
  onOpen: (portId: string) => void,
): PortNotification | null {
  const n = notificationFor(change, ctx);
  if (!n || !api.isSupported()) return null;
  const shown = api.create({ title: n.title, body: n.body, urgency: n.urgent ? 'critical' : 'normal', silent: false });
  shown.on('click', () => onOpen(n.portId));
  shown.show();
  return n;
}
