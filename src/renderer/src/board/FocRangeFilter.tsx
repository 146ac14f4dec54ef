import { useEffect, useRef, useState } from 'react';
import { shortDate } from './cardFacts';

function rangeLabel(from: string, to: string): string {
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
export function FocRangeFilter({ from, to, onChange }: { from: string; to: string; onChange(from: string, to: string): void }) {
  const [open, setOpen] = useState(false);
  const root = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (!open) return;
    const onDown = (e: PointerEvent) => {
      if (!root.current?.contains(e.target as Node)) setOpen(false);
    };
    window.addEventListener('pointerdown', onDown);
    return () => window.removeEventListener('pointerdown', onDown);
  }, [open]);

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
      <button ref={button} type="button" className="chip" aria-expanded={open} aria-pressed={from !== '' || to !== ''} onClick={() => setOpen(!open)}>
        {rangeLabel(from, to)}
      </button>
      {open && (
        <div className="filter-popover" role="group" aria-label="FOC date range">
          <label className="field">
            <span className="field-label">FOC from</span>
            <input type="date" className="input input-date" value={from} autoFocus onChange={(e) => onChange(e.target.value, to)} />
          </label>
          <label className="field">
            <span className="field-label">FOC to</span>
            <input type="date" className="input input-date" value={to} onChange={(e) => onChange(from, e.target.value)} />
          </label>
          <button type="button" className="btn btn-ghost btn-sm" disabled={!from && !to} onClick={() => onChange('', '')}>
            Any date
          </button>
        </div>
      )}
    </div>
  );
}
