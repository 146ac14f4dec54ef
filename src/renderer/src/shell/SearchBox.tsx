import { useEffect, useRef } from 'react';
import { AppError } from '../../../shared/errors';
import { rpc } from '../rpc/transport';
import { useFilterStore, type NumberMatches } from '../stores/filterStore';
import { useUiStore } from '../stores/uiStore';
import { numberQuery } from '../board/boardColumns';
import { Icon } from '../ui/Icon';

function isTyping(target: EventTarget | null): boolean {
  return target instanceof HTMLElement && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName));
}

/**
 * Ports holding the number, whole or partial, each with the number that matched: digit
 * substrings, plus the exact lookup for national formats (a trunk 0 is not in E.164).
 */
async function findByNumber(query: string, digits: string): Promise<NumberMatches> {
  const matched = new Map<string, string>();
  const partial = rpc.call('numbers.search', { digits: digits.slice(0, 15), limit: 5000 }).then((r) => r.matches.forEach((m) => matched.set(m.portId, m.e164)));
  const exact =
    digits.length >= 7
      ? rpc.call('numbers.lookup', { number: query.trim() }).then((r) => r.port && matched.set(r.port.id, r.e164))
      : Promise.resolve();
  for (const result of await Promise.allSettled([partial, exact])) {
    // An invalid number simply matches no port; anything else is worth knowing about.
    if (result.status === 'rejected' && !(result.reason instanceof AppError && (result.reason.code === 'INVALID_NUMBER' || result.reason.code === 'VALIDATION'))) console.warn(result.reason);
  }
  return { portIds: new Set(matched.keys()), numbers: matched };
}

/**
 * Free-text search. A query that spells a telephone number or part of one (any format, 3+ digits)
 * also asks the local number index, so the ports holding it show up at once.
 */
export function SearchBox() {
  const query = useFilterStore((s) => s.query);
  const setQuery = useFilterStore((s) => s.setQuery);
  const setNumberMatch = useFilterStore((s) => s.setNumberMatch);
  const setScreen = useUiStore((s) => s.setScreen);
  const input = useRef<HTMLInputElement>(null);
  const searchFocus = useUiStore((s) => s.searchFocus);

  useEffect(() => {
    if (searchFocus === 0) return;
    input.current?.focus();
    input.current?.select();
  }, [searchFocus]);

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
    const digits = numberQuery(query);
    if (digits === null) {
      // Only when there is one to drop: a store update per text keystroke re-renders the filter bar.
      if (useFilterStore.getState().numberMatch !== undefined) setNumberMatch(undefined);
      return;
    }
    let stale = false;
    void findByNumber(query, digits).then((found) => !stale && setNumberMatch({ query, ...found }));
    return () => {
      stale = true;
    };
  }, [query, setNumberMatch]);

  return (
    <div className="search" role="search" aria-label="Ports">
      <Icon name="search" className="search-icon" />
      <input
        ref={input}
        className="search-input"
        type="search"
        aria-label="Search ports"
        placeholder="Search name, number, carrier, account"
        spellCheck={false}
        autoComplete="off"
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
