import { BOARD_ORDER } from './boardColumns';
import { stateLabel } from '../../../shared/domain/states';
import { filterActive, useFilterStore } from '../stores/filterStore';
import { useViewStore } from '../stores/viewStore';
import { AccountFilter } from './AccountFilter';
import { TagFilter } from './TagFilter';
import { FocRangeFilter } from './FocRangeFilter';

// One formatter for the count: toLocaleString builds a new Intl.NumberFormat on every call, twice per keystroke.
const count = new Intl.NumberFormat();

/** State chips, FOC date range, account, tag, "needs attention" and "ready to submit", with the match count; one line at 1280px. */
export function FilterBar({ shown, total }: { shown: number; total: number }) {
  const f = useFilterStore();
  const noun = total === 1 ? 'port' : 'ports';
  const active = filterActive(f);
  return (
    <div className="board-filters" role="group" aria-label="Filters">
      <div className="chips" role="group" aria-label="States">
        {BOARD_ORDER.map((s) => (
          <button key={s} type="button" className="chip" aria-pressed={f.states.has(s)} onClick={() => f.toggleState(s)}>
            {stateLabel(s)}
          </button>
        ))}
      </div>
      <FocRangeFilter from={f.focFrom} to={f.focTo} preset={f.focPreset} onChange={f.setFocRange} onPreset={f.setFocPreset} />
      <AccountFilter value={f.account} onChange={f.setAccount} />
      <TagFilter value={f.tag} onChange={f.setTag} />
      <select
        className="select input-select input-select-view"
        aria-label="Show"
        title="Needs attention: overdue, rejected, sync problems, incomplete drafts. Ready to submit: drafts that pass every check (select all, move to Submitted)."
        value={f.needsAttention ? 'attention' : f.readyToSubmit ? 'ready' : 'all'}
        onChange={(e) => {
          f.setNeedsAttention(e.target.value === 'attention');
          f.setReadyToSubmit(e.target.value === 'ready');
        }}
      >
        <option value="all">All ports</option>
        <option value="attention">Needs attention</option>
        <option value="ready">Ready to submit</option>
      </select>
      <span className="filter-spacer" />
      <span className="filter-count tabular" aria-live="polite">
        {active ? `${count.format(shown)} of ${count.format(total)} ${noun}` : `${count.format(total)} ${noun}`}
      </span>
      <button
        type="button"
        className="btn btn-ghost btn-sm"
        onClick={() => {
          f.clear();
          useViewStore.getState().setActiveView(null);
        }}
        disabled={!active}
      >
        Clear
      </button>
    </div>
  );
}
