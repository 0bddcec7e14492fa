import { act, renderHook } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { useCursorPager } from './useCursorPager';

describe('useCursorPager', () => {
  it('walks forward by end cursors and back by the remembered ones', () => {
    const { result } = renderHook(() => useCursorPager());
    expect(result.current).toMatchObject({ after: null, pageIndex: 0, hasPrevious: false });

    act(() => result.current.next('c20'));
    expect(result.current).toMatchObject({ after: 'c20', pageIndex: 1, hasPrevious: true });
    act(() => result.current.next('c40'));
    expect(result.current.after).toBe('c40');

    act(() => result.current.previous());
    expect(result.current).toMatchObject({ after: 'c20', pageIndex: 1 });
    act(() => result.current.next(null)); // no cursor: stays
    expect(result.current.pageIndex).toBe(1);

    act(() => result.current.reset());
    expect(result.current).toMatchObject({ after: null, pageIndex: 0 });
    act(() => result.current.previous());
    expect(result.current.pageIndex).toBe(0);
  });
});
