import { AppError } from '../../../shared/errors';
import type { PortState } from '../../../shared/model';
import { mayMove, moveRefusal, stateLabel } from '../../../shared/domain/states';
import { rpc } from '../rpc/transport';
import { toSummary } from '../lib/summary';
import { usePortsStore } from '../stores/portsStore';
import { useNoticeStore } from '../stores/noticeStore';
import { useEditStore, type Skipped } from '../queue/editStore';

export interface MoveOptions {
  force?: boolean;
}

/**
 * How the user may recover from a refused move, by error code. VALIDATION on submit means the
 * readiness checks failed: the specialist may know better and submit anyway. No PAYMENT_REQUIRED
 * entry: ports.move only writes the local outbox, so the remote's 402 "accept charges" arrives
 * later, during sync, as the port's sync error; its card badge opens the Sync screen, which
 * offers "Accept charges and retry" (sync.acceptCharges).
 */
const RECOVERIES: Partial<Record<AppError['code'], { title: string; confirmLabel: string; retry: MoveOptions }>> = {
  VALIDATION: { title: 'Not ready to submit', confirmLabel: 'Submit anyway', retry: { force: true } },
};

function messageOf(err: unknown): string {
  return err instanceof AppError || err instanceof Error ? err.message : String(err);
}

/**
 * Move ports optimistically: cards jump at once, each move goes through ports.move (which writes
 * the outbox), and any refusal puts its card back and shows the service's message verbatim. The
 * moves made are one undoable step (Ctrl+Z, the Undo toast): see {@link undoMoves}.
 */
export async function movePorts(ids: string[], to: PortState, options: MoveOptions = {}): Promise<void> {
  const ports = usePortsStore.getState();
  const notices = useNoticeStore.getState();
  const movable = ids.filter((id) => {
    const p = ports.byId.get(id);
    return p !== undefined && mayMove(p, to);
  });
  if (movable.length === 0) return;
  const names = new Map(movable.map((id) => [id, ports.byId.get(id)?.name ?? id]));
  const from = new Map(movable.map((id) => [id, (ports.byId.get(id) as { state: PortState }).state]));
  ports.moveOptimistic(movable, to);

  const failures: { id: string; err: unknown }[] = [];
  await Promise.all(
    movable.map(async (id) => {
      try {
        const detail = await rpc.call('ports.move', { id, to, ...(options.force ? { force: true } : {}) });
        const store = usePortsStore.getState();
        store.upsert([toSummary(detail)]);
        store.settleMove(id);
      } catch (err) {
        usePortsStore.getState().rollbackMove(id);
        failures.push({ id, err });
      }
    }),
  );

  const done = movable.filter((id) => !failures.some((f) => f.id === id));
  if (done.length > 0) {
    const message = `Moved ${done.length === 1 ? `"${names.get(done[0] as string)}"` : `${done.length} ports`} to ${stateLabel(to)}`;
    notices.announce(message);
    const moves = done.map((id) => ({ id, from: from.get(id) as PortState, to }));
    useEditStore.getState().record({ message, revert: () => undoMoves(moves) });
  }
  if (failures.length === 0) return;
  notices.announce(`${failures.length === 1 ? 'Move' : `${failures.length} moves`} refused; ${failures.length === 1 ? 'card' : 'cards'} put back`);

  const first = failures[0] as { id: string; err: unknown };
  const recovery = first.err instanceof AppError ? RECOVERIES[first.err.code] : undefined;
  if (failures.length === 1 && recovery && to === 'submitted' && !options.force) {
    notices.ask({
      title: recovery.title,
      message: messageOf(first.err),
      confirmLabel: recovery.confirmLabel,
      onConfirm: () => void movePorts([first.id], to, recovery.retry),
    });
    return;
  }
  const text = failures.length === 1 ? messageOf(first.err) : `${failures.length} of ${movable.length} moves were refused. ${messageOf(first.err)}`;
  notices.toast('error', text);
}

/**
 * Take moves back as one action (ports.undoMoves): a move still queued is withdrawn, one already
 * sent is reversed only where the state machine allows it; the rest come back named with why.
 */
async function undoMoves(moves: { id: string; from: PortState; to: PortState }[]): Promise<Skipped[]> {
  return (await rpc.call('ports.undoMoves', { moves })).skipped;
}

/**
 * Ports dropped on a column they cannot go to: say why (the state rule, or the remote's), as an
 * alert screen readers read out, instead of doing nothing. Ports already in that column are not
 * moving and say nothing.
 */
export function explainRefusedMove(ids: readonly string[], to: PortState): void {
  const byId = usePortsStore.getState().byId;
  const moving = ids.map((id) => byId.get(id)).filter((p) => p !== undefined && p.state !== to);
  const refusals = moving.map((p) => p && moveRefusal(p, to)).filter((r): r is string => !!r);
  if (refusals.length === 0) return;
  const [first] = refusals as [string];
  const text = moving.length === 1 ? first : `None of the ${moving.length} ports moved: ${refusals.length} cannot go to ${stateLabel(to)}. ${first}`;
  useNoticeStore.getState().toast('error', text);
}
