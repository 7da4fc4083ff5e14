import { Card, Table } from '@mantine/core';
import type { ReactNode } from 'react';
import type { PagedList } from '../lib/query';
import { DataState } from './DataState';
import { ListFooter } from './ListFooter';
import { ListToolbar } from './ListToolbar';

/** One column of a list table. */
export interface Column<T> {
  header: string;
  cell: (row: T) => ReactNode;
  /** The actions column is right-aligned. */
  align?: 'right';
}

/**
 * The card of a list page: search, extra filters and the active switch; the table (or loading,
 * error, nothing found); the paging. `false` columns are left out, e.g. actions for readers.
 */
export function ListCard<T extends { id: string }>(props: {
  list: PagedList<T>;
  searchLabel: string;
  filters?: ReactNode;
  /** Show the active / inactive / all switch (default true). */
  activeFilter?: boolean;
  columns: (Column<T> | false)[];
  /** Below this width the table scrolls sideways. */
  minWidth: number;
  /** Drawers and modals that belong to the list. */
  children?: ReactNode;
}) {
  const { list } = props;
  const columns = props.columns.filter((column): column is Column<T> => column !== false);
  return (
    <Card withBorder radius="md" padding="md">
      <ListToolbar list={list.params} searchLabel={props.searchLabel} activeFilter={props.activeFilter}>
        {props.filters}
      </ListToolbar>
      <DataState
        loading={list.query.isLoading}
        error={list.query.error}
        empty={list.items.length === 0}
        filtered={list.params.filtered}
      >
        <Table.ScrollContainer minWidth={props.minWidth}>
          <Table>
            <Table.Thead>
              <Table.Tr>
                {columns.map((column) => (
                  <Table.Th key={column.header} ta={column.align}>
                    {column.header}
                  </Table.Th>
                ))}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {list.items.map((row) => (
                <Table.Tr key={row.id}>
                  {columns.map((column) => (
                    <Table.Td key={column.header}>{column.cell(row)}</Table.Td>
                  ))}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      </DataState>
      <ListFooter page={list.params.page} pageSize={list.pageSize} total={list.total} onPage={list.params.setPage} />
      {props.children}
    </Card>
  );
}
