import type { ReactNode } from 'react';
import type { CursorPager } from '../lib/useCursorPager';
import { Pager } from './Pager';
import { SectionNotVisible } from './Restricted';
import { ErrorState, ListSkeleton } from './States';

/** What ConnectionTable reads of a TanStack query (useQuery, usePartialQuery, useViewerQuery). */
export interface ConnectionQuery {
  isPending: boolean;
  isError: boolean;
  error: unknown;
  isFetching: boolean;
  isPlaceholderData: boolean;
  refetch: () => unknown;
}

/** A cursor connection as the list documents ask for it (`...PageInfoFields`). */
export interface ConnectionLike {
  edges: readonly unknown[];
  totalCount: number;
  pageInfo: { hasNextPage: boolean; endCursor?: string | null };
}

export interface ConnectionPaging {
  pager: CursorPager;
  pageSize: number;
  /** the pager's accessible name, e.g. "User pages" */
  label: string;
  /** singular and plural of what is counted */
  noun?: readonly [string, string];
}

/**
 * The one loading / error / not visible / empty / rows / pager ladder of a list page:
 * `children` (the table or cards) is rendered only when the connection has rows, dimmed while
 * the next page loads. A connection that is null or undefined after loading was withheld by role
 * (`notVisible` names it), or, without `notVisible`, counts as empty.
 */
export function ConnectionTable({
  query,
  connection,
  skeleton = { rows: 5, height: 48 },
  notVisible,
  empty,
  paging,
  children,
}: {
  query: ConnectionQuery;
  connection: ConnectionLike | null | undefined;
  skeleton?: { rows: number; height: number };
  notVisible?: string;
  empty: ReactNode;
  paging?: ConnectionPaging;
  children: ReactNode;
}) {
  if (query.isPending) return <ListSkeleton rows={skeleton.rows} height={skeleton.height} />;
  if (query.isError) return <ErrorState error={query.error} onRetry={() => void query.refetch()} />;
  if (!connection && notVisible) return <SectionNotVisible what={notVisible} />;
  if (!connection || connection.edges.length === 0) return <>{empty}</>;
  return (
    <div style={{ opacity: query.isPlaceholderData ? 0.6 : 1 }} aria-busy={query.isFetching}>
      {children}
      {paging && (
        <Pager
          pager={paging.pager}
          pageSize={paging.pageSize}
          shown={connection.edges.length}
          totalCount={connection.totalCount}
          hasNextPage={connection.pageInfo.hasNextPage}
          endCursor={connection.pageInfo.endCursor}
          label={paging.label}
          {...(paging.noun ? { noun: paging.noun } : {})}
        />
      )}
    </div>
  );
}
