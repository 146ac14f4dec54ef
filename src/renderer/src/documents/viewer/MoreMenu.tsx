import { useCallback, useEffect, useRef, useState } from 'react';
import { Icon } from '../../ui/Icon';
import { useOutsidePointer } from '../../ui/useOutsidePointer';

export interface MoreItem {
  label: string;
  hint: string;
  onSelect(): void;
}

/**
 * The viewer's "More" menu: the actions used less often than the one toolbar row has room for, as
 * an ARIA menu (arrows, Home/End, Enter; Escape and Tab close it and focus returns to the button).
 */
export function MoreMenu({ items }: { items: MoreItem[] }) {
  const [open, setOpen] = useState(false);
  const root = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  const close = useCallback(() => setOpen(false), []);
  useOutsidePointer(open, root, close);

  const itemsOf = () => Array.from(root.current?.querySelectorAll<HTMLElement>('[role="menuitem"]') ?? []);
  useEffect(() => {
    if (open) itemsOf()[0]?.focus();
  }, [open]);

  const move = (by: number | 'first' | 'last') => {
    const list = itemsOf();
    const at = list.indexOf(document.activeElement as HTMLElement);
    const next = by === 'first' ? 0 : by === 'last' ? list.length - 1 : (at + by + list.length) % list.length;
    list[next]?.focus();
  };

  return (
    <div className="dv-more" ref={root}>
      <button ref={button} type="button" className={`btn btn-sm${open ? ' is-active' : ''}`} aria-haspopup="menu" aria-expanded={open} title="More actions" onClick={() => setOpen((o) => !o)}>
        More
        <Icon name="chevronDown" size={14} />
      </button>
      {open && (
        <div
          className="menu dv-more-menu"
          role="menu"
          aria-label="More actions"
          onKeyDown={(e) => {
            if (e.key === 'ArrowDown') move(1);
            else if (e.key === 'ArrowUp') move(-1);
            else if (e.key === 'Home') move('first');
            else if (e.key === 'End') move('last');
            else if (e.key === 'Escape') {
              // The viewer closes on Escape: here it only closes the menu.
              e.stopPropagation();
              close();
              button.current?.focus();
            } else if (e.key === 'Tab') close();
            else return;
            if (e.key !== 'Tab') e.preventDefault();
          }}
        >
          {items.map((item) => (
            <button
              key={item.label}
              type="button"
              role="menuitem"
              className="menu-item"
              tabIndex={-1}
              title={item.hint}
              onClick={() => {
                close();
                item.onSelect();
              }}
            >
              {item.label}
            </button>
          ))}
        </div>
      )}
    </div>
  );
}
