import { Table, type MantineSpacing } from '@mantine/core';
import type { ReactNode } from 'react';

/** A column heading: its text, or a key with any heading (e.g. a visually hidden "Actions"). */
export type Column = string | { key: string; label: ReactNode; align?: 'right' };

/**
 * The scrollable table every list and record page shows: an accessible name, the column
 * headings, and the rows (`children`, a list of Table.Tr).
 */
export function DataTable({
  label,
  columns,
  minWidth,
  highlightOnHover = false,
  verticalSpacing = 'sm',
  children,
}: {
  label: string;
  columns: readonly Column[];
  minWidth: number;
  highlightOnHover?: boolean;
  verticalSpacing?: MantineSpacing;
  children: ReactNode;
}) {
  return (
    <Table.ScrollContainer minWidth={minWidth}>
      <Table verticalSpacing={verticalSpacing} highlightOnHover={highlightOnHover} aria-label={label}>
        <Table.Thead>
          <Table.Tr>
            {columns.map((column) =>
              typeof column === 'string' ? (
                <Table.Th key={column}>{column}</Table.Th>
              ) : (
                <Table.Th key={column.key} ta={column.align}>
                  {column.label}
                </Table.Th>
              ),
            )}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>{children}</Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
