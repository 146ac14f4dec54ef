import { useRef, useState } from 'react';
import type { PortState } from '../../../shared/model';
import { useBoardStore } from '../stores/boardStore';
import { Icon } from '../ui/Icon';
import { MoveMenu } from './MoveMenu';
import { TagDialog } from './TagDialog';
import { SetFieldDialog } from '../queue/SetFieldDialog';
import { AssignRemoteDialog } from './AssignRemoteDialog';

/** Floating actions for a multi-selection; fixed position so showing it never shifts the board. */
export function BulkBar({ onMove }: { onMove(ids: string[], to: PortState): void }) {
  const selected = useBoardStore((s) => s.selected);
  const clear = useBoardStore((s) => s.clearSelection);
  const [menuOpen, setMenuOpen] = useState(false);
  const [tagOpen, setTagOpen] = useState(false);
  const [setOpen, setSetOpen] = useState(false);
  const [assignOpen, setAssignOpen] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  const bar = useRef<HTMLDivElement>(null);
  if (selected.size === 0) return null;
  const ids = [...selected];
  return (
    <div ref={bar} className="bulkbar" role="toolbar" aria-label="Selection">
      <span className="bulkbar-count tabular">{selected.size} selected</span>
      <button ref={button} type="button" className="btn btn-primary btn-sm" aria-haspopup="menu" aria-expanded={menuOpen} onClick={() => setMenuOpen(true)}>
        <Icon name="arrowRight" size={14} />
        Move selected to…
      </button>
      <button type="button" className="btn btn-sm" aria-haspopup="dialog" onClick={() => setTagOpen(true)}>
        <Icon name="tag" size={14} />
        Tag…
      </button>
      <button type="button" className="btn btn-sm" aria-haspopup="dialog" onClick={() => setSetOpen(true)}>
        Set field…
      </button>
      <button type="button" className="btn btn-sm" aria-haspopup="dialog" onClick={() => setAssignOpen(true)}>
        Assign remote…
      </button>
      <button type="button" className="btn btn-ghost btn-sm" onClick={clear}>
        Clear selection
      </button>
      {tagOpen && <TagDialog ids={ids} onClose={() => setTagOpen(false)} />}
      {setOpen && <SetFieldDialog ids={ids} onClose={() => setSetOpen(false)} />}
      {assignOpen && <AssignRemoteDialog ids={ids} onClose={() => setAssignOpen(false)} />}
      {menuOpen && (
        <MoveMenu
          ids={ids}
          anchor={button.current}
          keepClear={bar.current}
          title={`Move ${selected.size} ports to`}
          onClose={() => {
            setMenuOpen(false);
            button.current?.focus();
          }}
          onPick={(to) => {
            setMenuOpen(false);
            onMove(ids, to);
          }}
        />
      )}
    </div>
  );
}
