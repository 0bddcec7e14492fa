import { Button, Group, Text } from '@mantine/core';
import { IconChevronLeft, IconChevronRight } from '@tabler/icons-react';
import type { CursorPager } from '../lib/useCursorPager';

/** Previous / next for a cursor connection, with "21–40 of 57". */
export function Pager({
  pager,
  pageSize,
  shown,
  totalCount,
  hasNextPage,
  endCursor,
  label,
  noun = ['entry', 'entries'],
}: {
  pager: CursorPager;
  pageSize: number;
  shown: number;
  totalCount: number;
  hasNextPage: boolean;
  endCursor: string | null | undefined;
  label: string;
  /** singular and plural of what is counted */
  noun?: readonly [string, string];
}) {
  const first = totalCount === 0 ? 0 : pager.pageIndex * pageSize + 1;
  const last = pager.pageIndex * pageSize + shown;
  if (!pager.hasPrevious && !hasNextPage) {
    return (
      <Text size="sm" c="dimmed" mt="sm">
        {totalCount} {totalCount === 1 ? noun[0] : noun[1]}
      </Text>
    );
  }
  return (
    <Group justify="space-between" mt="md" component="nav" aria-label={label}>
      <Text size="sm" c="dimmed" aria-live="polite">
        {first}–{last} of {totalCount}
      </Text>
      <Group gap="xs">
        <Button
          variant="default"
          size="xs"
          leftSection={<IconChevronLeft size={14} />}
          disabled={!pager.hasPrevious}
          onClick={pager.previous}
        >
          Previous
        </Button>
        <Button
          variant="default"
          size="xs"
          rightSection={<IconChevronRight size={14} />}
          disabled={!hasNextPage}
          onClick={() => pager.next(endCursor)}
        >
          Next
        </Button>
      </Group>
    </Group>
  );
}
