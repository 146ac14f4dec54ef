import { BOARD_ORDER } from './boardColumns';
import { stateLabel } from '../../../shared/domain/states';

/** Loading state shaped like the board, so the real one replaces it without a jump. */
export function BoardSkeleton() {
  return (
    <div className="board-screen" aria-busy="true">
      <div className="board-filters skeleton-bar" />
      <div className="board">
        {BOARD_ORDER.map((s) =>
          s === 'completed' || s === 'canceled' ? (
            <div key={s} className="column is-collapsed" />
          ) : (
            <div key={s} className="column">
              <div className="column-header">
                <span className="column-title">{stateLabel(s)}</span>
              </div>
              <div className="column-scroll">
                {[0, 1, 2].map((i) => (
                  <div key={i} className="card skeleton-card" />
                ))}
              </div>
            </div>
          ),
        )}
      </div>
      <span className="visually-hidden" role="status">
        Loading ports…
      </span>
    </div>
  );
}
