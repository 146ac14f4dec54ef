import { useCallback, useRef, useState } from 'react';
import { useOutsidePointer } from '../ui/useOutsidePointer';
import { FOC_PRESETS, FOC_PRESET_LABELS, type FocPreset } from '../../../shared/domain/portFilter';
import { shortDate } from './cardFacts';

function rangeLabel(from: string, to: string, preset: FocPreset): string {
  if (preset) return `FOC ${FOC_PRESET_LABELS[preset].toLowerCase()}`;
  if (from && to) return `FOC ${shortDate(from)} – ${shortDate(to)}`;
  if (from) return `FOC from ${shortDate(from)}`;
  if (to) return `FOC until ${shortDate(to)}`;
  return 'FOC date';
}

/**
 * The FOC date range behind one chip: two date inputs take ~290px, which pushed the filter bar
 * onto a second line at 1280px, and the range is set far less often than the other filters.
 * The chip names the range when one is set, so nothing is hidden.
 */
export function FocRangeFilter({
  from,
  to,
  preset,
  onChange,
  onPreset,
}: {
  from: string;
  to: string;
  preset: FocPreset;
  onChange(from: string, to: string): void;
  onPreset(preset: FocPreset): void;
}) {
  const [open, setOpen] = useState(false);
  const root = useRef<HTMLDivElement>(null);
  const close = useCallback(() => setOpen(false), []);
  const button = useRef<HTMLButtonElement>(null);

  useOutsidePointer(open, root, close);

  return (
    <div
      ref={root}
      className="popover-anchor"
      onKeyDown={(e) => {
        if (e.key === 'Escape' && open) {
          e.stopPropagation();
          setOpen(false);
          button.current?.focus();
        }
      }}
    >
      <button ref={button} type="button" className="chip" aria-expanded={open} aria-pressed={from !== '' || to !== '' || preset !== ''} onClick={() => setOpen(!open)}>
        {rangeLabel(from, to, preset)}
      </button>
      {open && (
        <div className="filter-popover" role="group" aria-label="FOC date range">
          <div className="chips foc-presets" role="group" aria-label="FOC presets">
            {FOC_PRESETS.map((p) => (
              <button key={p} type="button" className="chip" aria-pressed={preset === p} autoFocus={p === 'overdue'} onClick={() => onPreset(preset === p ? '' : p)}>
                {FOC_PRESET_LABELS[p]}
              </button>
            ))}
          </div>
          <label className="field">
            <span className="field-label">FOC from</span>
            <input type="date" className="input input-date" value={from} onChange={(e) => onChange(e.target.value, to)} />
          </label>
          <label className="field">
            <span className="field-label">FOC to</span>
            <input type="date" className="input input-date" value={to} onChange={(e) => onChange(from, e.target.value)} />
          </label>
          <button type="button" className="btn btn-ghost btn-sm" disabled={!from && !to && !preset} onClick={() => onChange('', '')}>
            Any date
          </button>
        </div>
      )}
    </div>
  );
}
