import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { createPortal } from 'react-dom';
import type { PortState, PortSummary } from '../../../shared/model';
import { commonTargets, stateLabel } from '../../../shared/domain/states';
import { usePortsStore } from '../stores/portsStore';
import { placePopup, type Placement } from '../ui/placePopup';

interface MoveMenuProps {
  /** Ports to move; the menu offers only states every one of them may go to. */
  ids: string[];
  /** Element the menu opens next to (a card or the bulk bar button). */
  anchor: HTMLElement | null;
  /** Element the menu must not cover besides the anchor: the bulk bar, whose other actions stay in view. */
  keepClear?: HTMLElement | null;
  title: string;
  onPick(to: PortState): void;
  onClose(): void;
}

/**
 * "Move to…": exactly the moves the remote will accept from this connection (the state machine,
 * and for a port whose authority is another account only submit and cancel; the same as the lit
 * drop columns),
 * as an ARIA menu driven by arrows, Enter and Escape. Rendered in a portal so the virtual
 * column's overflow never clips it.
 */
export function MoveMenu({ ids, anchor, keepClear = null, title, onPick, onClose }: MoveMenuProps) {
  const byId = usePortsStore((s) => s.byId);
  const targets = useMemo(() => {
    return commonTargets(ids.map((id) => byId.get(id)).filter((p): p is PortSummary => p !== undefined));
  }, [ids, byId]);
  const [active, setActive] = useState(0);
  const menu = useRef<HTMLDivElement>(null);
  const [pos, setPos] = useState<Placement | null>(null);

  // Placed from the menu's measured size (rendered hidden first), so its real height, not a guess, decides above or below.
  useLayoutEffect(() => {
    const el = menu.current;
    if (!anchor || !el) return;
    const place = () => {
      // scrollHeight is the whole content even while a height cap makes it scroll; plus the borders.
      const size = { width: el.offsetWidth, height: el.scrollHeight + el.offsetHeight - el.clientHeight };
      setPos(placePopup(anchor.getBoundingClientRect(), keepClear?.getBoundingClientRect() ?? null, size, { width: window.innerWidth, height: window.innerHeight }));
    };
    place();
    window.addEventListener('resize', place);
    return () => window.removeEventListener('resize', place);
  }, [anchor, keepClear, targets.length]);

  // Focus goes in once the menu is placed, not again when a window resize moves it.
  const placed = pos !== null;
  useEffect(() => {
    if (!placed) return;
    menu.current?.querySelector<HTMLElement>('[role="menuitem"]')?.focus();
    if (targets.length === 0) menu.current?.focus();
  }, [placed, targets.length]);

  useEffect(() => {
    const onDown = (e: PointerEvent) => {
      if (!menu.current?.contains(e.target as Node)) onClose();
    };
    window.addEventListener('pointerdown', onDown, true);
    return () => window.removeEventListener('pointerdown', onDown, true);
  }, [onClose]);

  const focusItem = (i: number) => {
    const items = menu.current?.querySelectorAll<HTMLElement>('[role="menuitem"]');
    if (!items || items.length === 0) return;
    const next = (i + items.length) % items.length;
    setActive(next);
    items[next]?.focus();
  };

  return createPortal(
    <div
      ref={menu}
      className="menu"
      role="menu"
      aria-label={title}
      tabIndex={-1}
      style={pos ? { top: pos.top, left: pos.left, maxHeight: pos.maxHeight, overflowY: pos.maxHeight === undefined ? undefined : 'auto' } : { top: 0, left: 0, visibility: 'hidden' }}
      onKeyDown={(e) => {
        e.stopPropagation();
        if (e.key === 'ArrowDown') focusItem(active + 1);
        else if (e.key === 'ArrowUp') focusItem(active - 1);
        else if (e.key === 'Home') focusItem(0);
        else if (e.key === 'End') focusItem(targets.length - 1);
        else if (e.key === 'Escape' || e.key === 'Tab') onClose();
        else return;
        e.preventDefault();
      }}
    >
      <div className="menu-title">{title}</div>
      {targets.length === 0 ? (
        <div className="menu-empty">No moves allowed from here</div>
      ) : (
        targets.map((to, i) => (
          <button
            key={to}
            type="button"
            role="menuitem"
            className="menu-item"
            tabIndex={i === active ? 0 : -1}
            onClick={() => onPick(to)}
          >
            <span className="state-dot" style={{ ['--dot' as string]: `var(--state-${to})` }} />
            {stateLabel(to)}
          </button>
        ))
      )}
    </div>,
    document.body,
  );
}
