import { describeRemoteMove } from '../../../shared/domain/remoteMoves';
import { rpc } from '../rpc/transport';
import { useNoticeStore } from '../stores/noticeStore';

/**
 * Tell the specialist in the window what the carrier did (a rejection and its reason, a FOC
 * date, a completion): the card only moves column, which is easy to miss on a full board. In the
 * background the desktop shell raises an OS notification instead, so nothing is said twice.
 */
export function startRemoteMoveNotices(): () => void {
  return rpc.subscribe((event) => {
    if (event.type !== 'remoteMove' || !document.hasFocus()) return;
    const notice = describeRemoteMove(event.change);
    if (!notice) return;
    // A toast is a live region (alert or status): screen readers hear it too.
    useNoticeStore.getState().toast(notice.urgent ? 'error' : 'info', `${notice.title}: ${notice.body}`);
  });
}
