import { useEffect, useRef } from 'react';
import { AppError } from '../../../shared/errors';
import { rpc } from '../rpc/transport';
import { useFilterStore } from '../stores/filterStore';
import { useUiStore } from '../stores/uiStore';
import { numberQuery } from '../board/boardColumns';
import { Icon } from '../ui/Icon';

function isTyping(target: EventTarget | null): boolean {
  return target instanceof HTMLElement && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName));
}

/**
 * Free-text search. A query that spells a telephone number (any format) also asks the local
 * number index (numbers.lookup), so the port holding it shows up at once.
 */
export function SearchBox() {
  const query = useFilterStore((s) => s.query);
  const setQuery = useFilterStore((s) => s.setQuery);
  const setNumberMatch = useFilterStore((s) => s.setNumberMatch);
  const setScreen = useUiStore((s) => s.setScreen);
  const input = useRef<HTMLInputElement>(null);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === '/' && !e.ctrlKey && !e.metaKey && !e.altKey && !isTyping(e.target)) {
        e.preventDefault();
        setScreen('board');
        input.current?.focus();
        input.current?.select();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [setScreen]);

  useEffect(() => {
    if (numberQuery(query) === null) {
      setNumberMatch(undefined);
      return;
    }
    let stale = false;
    void rpc
      .call('numbers.lookup', { number: query.trim() })
      .then((r) => !stale && setNumberMatch({ query, portId: r.port?.id ?? null }))
      .catch((err: unknown) => {
        // An invalid number simply matches no port; anything else is worth knowing about.
        if (!stale) setNumberMatch({ query, portId: null });
        if (!(err instanceof AppError) || (err.code !== 'INVALID_NUMBER' && err.code !== 'VALIDATION')) console.warn(err);
      });
    return () => {
      stale = true;
    };
  }, [query, setNumberMatch]);

  return (
    <div className="search" role="search">
      <Icon name="search" className="search-icon" />
      <input
        ref={input}
        className="search-input"
        type="search"
        aria-label="Search ports"
        placeholder="Search name, number, carrier, account"
        value={query}
        onChange={(e) => setQuery(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Escape') {
            if (query) setQuery('');
            else e.currentTarget.blur();
          }
        }}
      />
      <kbd className="search-kbd" aria-hidden="true">/</kbd>
    </div>
  );
}
