import { BOARD_ORDER } from './boardColumns';
import { stateLabel } from '../../../shared/domain/states';
import { useFilterStore } from '../stores/filterStore';
import { AccountFilter } from './AccountFilter';
import { TagFilter } from './TagFilter';

/** State chips, FOC date range, account and "needs attention", with the match count. */
export function FilterBar({ shown, total }: { shown: number; total: number }) {
  const f = useFilterStore();
  const active = f.query !== '' || f.states.size > 0 || f.focFrom !== '' || f.focTo !== '' || f.needsAttention || f.account !== '' || f.tag !== '';
  return (
    <div className="board-filters" role="group" aria-label="Filters">
      <div className="chips" role="group" aria-label="States">
        {BOARD_ORDER.map((s) => (
          <button key={s} type="button" className="chip" aria-pressed={f.states.has(s)} onClick={() => f.toggleState(s)}>
            {stateLabel(s)}
          </button>
        ))}
      </div>
      <div className="filter-dates">
        <label className="filter-label">
          <span aria-hidden="true">FOC</span>
          <span className="visually-hidden">FOC from</span>
          <input type="date" className="input input-date" value={f.focFrom} onChange={(e) => f.setFocRange(e.target.value, f.focTo)} />
        </label>
        <label className="filter-label">
          <span aria-hidden="true">–</span>
          <span className="visually-hidden">FOC to</span>
          <input type="date" className="input input-date" value={f.focTo} onChange={(e) => f.setFocRange(f.focFrom, e.target.value)} />
        </label>
      </div>
      <AccountFilter value={f.account} onChange={f.setAccount} />
      <TagFilter value={f.tag} onChange={f.setTag} />
      <button type="button" className="chip" aria-pressed={f.needsAttention} onClick={() => f.setNeedsAttention(!f.needsAttention)}>
        Needs attention
      </button>
      <span className="filter-spacer" />
      <span className="filter-count tabular" aria-live="polite">
        {active ? `${shown.toLocaleString()} of ${total.toLocaleString()} ports` : `${total.toLocaleString()} ports`}
      </span>
      <button type="button" className="btn btn-ghost btn-sm" onClick={f.clear} disabled={!active}>
        Clear
      </button>
    </div>
  );
}
