import { describeRemoteMove, type RemoteMoveNotice, type RemoteStateChange } from '../../shared/domain/remoteMoves';

/**
 * The OS notification for a remote state change, if any. Nothing while the window is focused:
 * the window shows the move and its own notice (see the renderer's remote-move toasts).
 */
export function notificationFor(change: RemoteStateChange, ctx: { windowFocused: boolean }): RemoteMoveNotice | null {
  return ctx.windowFocused ? null : describeRemoteMove(change);
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
): RemoteMoveNotice | null {
  const n = notificationFor(change, ctx);
  if (!n || !api.isSupported()) return null;
  const shown = api.create({ title: n.title, body: n.body, urgency: n.urgent ? 'critical' : 'normal', silent: false });
  shown.on('click', () => onOpen(n.portId));
  shown.show();
  return n;
}
