import { useCallback, useState } from 'react';

export interface CursorPager {
  /** the `after` argument for the current page (null for the first page) */
  after: string | null;
  /** 0-based index of the current page */
  pageIndex: number;
  hasPrevious: boolean;
  /** go to the page after `endCursor` (the current page's pageInfo.endCursor) */
  next: (endCursor: string | null | undefined) => void;
  previous: () => void;
  reset: () => void;
}

/**
 * Page through a forward-only cursor connection (`first`/`after`): remembers the cursors of
 * the pages already seen, so "Previous" goes back without a backward cursor.
 */
export function useCursorPager(): CursorPager {
  const [stack, setStack] = useState<Array<string | null>>([null]);
  const next = useCallback((endCursor: string | null | undefined) => {
    if (!endCursor) return;
    setStack((current) => [...current, endCursor]);
  }, []);
  const previous = useCallback(() => {
    setStack((current) => (current.length > 1 ? current.slice(0, -1) : current));
  }, []);
  const reset = useCallback(() => setStack([null]), []);
  return {
    after: stack[stack.length - 1] ?? null,
    pageIndex: stack.length - 1,
    hasPrevious: stack.length > 1,
    next,
    previous,
    reset,
  };
}
