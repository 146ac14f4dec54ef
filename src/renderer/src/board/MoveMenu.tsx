import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { createPortal } from 'react-dom';
import type { PortState, PortSummary } from '../../../shared/model';
import { commonTargets, stateLabel } from '../../../shared/domain/states';
import { usePortsStore } from '../stores/portsStore';

interface MoveMenuProps {
  /** Ports to move; the menu offers only states every one of them may go to. */
  ids: string[];
  /** Element the menu opens next to (a card or the bulk bar button). */
  anchor: HTMLElement | null;
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
export function MoveMenu({ ids, anchor, title, onPick, onClose }: MoveMenuProps) {
  const byId = usePortsStore((s) => s.byId);
  const targets = useMemo(() => {
    return commonTargets(ids.map((id) => byId.get(id)).filter((p): p is PortSummary => p !== undefined));
  }, [ids, byId]);
  const [active, setActive] = useState(0);
  const menu = useRef<HTMLDivElement>(null);
  const [pos, setPos] = useState<{ top: number; left: number } | null>(null);

  useLayoutEffect(() => {
    if (!anchor) return;
    const r = anchor.getBoundingClientRect();
    const width = 220;
    const height = 40 + Math.max(targets.length, 1) * 32;
    const left = Math.min(Math.max(8, r.right - width), window.innerWidth - width - 8);
    const below = r.bottom + 4;
    const top = below + height > window.innerHeight - 8 ? Math.max(8, r.top - height - 4) : below;
    setPos({ top, left });
  }, [anchor, targets.length]);

  useEffect(() => {
    menu.current?.querySelector<HTMLElement>('[role="menuitem"]')?.focus();
    if (targets.length === 0) menu.current?.focus();
  }, [pos, targets.length]);

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
      style={pos ? { top: pos.top, left: pos.left } : { visibility: 'hidden' }}
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
