import { ActionIcon, Anchor, Badge, Card, CloseButton, Group, Select, Stack, Table, Text, Tooltip } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconFilter, IconReceipt } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { PageHeader } from '../../components/PageHeader';
import { ConnectionTable } from '../../components/ConnectionTable';
import { Guarded, } from '../../components/Restricted';
import { Empty, } from '../../components/States';
import { formatDate } from '../../lib/format';
import { graphqlRequestPartial } from '../../lib/graphql';
import { usePagedPartialQuery } from '../../lib/usePartialQuery';
import { FieldAccess } from '../../lib/access';
import type { PaymentStatus } from '../../gql/graphql';
import { AdminPaymentsQuery, PaymentCustomersQuery } from './queries/payments';
import { PAYMENT_STATUSES, PaymentAmount, PaymentStatusBadge, paymentStatusLabel } from '../../components/PaymentStatus';
import { adminKeys } from './keys';
import { DataTable } from '../../components/DataTable';

export const PAYMENTS_PAGE_SIZE = 25;

interface Customer {
  id: string;
  name?: string | null;
  email?: string | null;
}

const customerLabel = (c: Customer) =>
  c.name && c.email ? `${c.name} (${c.email})` : (c.name ?? c.email ?? c.id.slice(0, 8));

/** A searchable pick of one customer, from Query.users. */
function CustomerFilter({
  selected,
  onChange,
}: {
  selected: Customer | null;
  onChange: (customer: Customer | null) => void;
}) {
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search, 250);
  const typing = debounced.trim().length > 0 && debounced !== (selected ? customerLabel(selected) : '');
  const found = useQuery({
    queryKey: adminKeys.paymentCustomers(debounced),
    queryFn: ({ signal }) => graphqlRequestPartial(PaymentCustomersQuery, { search: debounced }, { signal }),
    enabled: typing,
  });
  const options: Customer[] = found.data?.data.users?.edges.map((e) => e.node) ?? [];
  const all = selected && !options.some((o) => o.id === selected.id) ? [selected, ...options] : options;
  return (
    <Select
      label="Customer"
      placeholder="Any customer: type a name or email"
      searchable
      clearable
      w={{ base: '100%', sm: 340 }}
      searchValue={search}
      onSearchChange={setSearch}
      value={selected?.id ?? null}
      data={all.map((c) => ({ value: c.id, label: customerLabel(c) }))}
      filter={({ options: o }) => o}
      nothingFoundMessage={typing && !found.isFetching ? 'No customer matches' : undefined}
      onChange={(value) => onChange(all.find((c) => c.id === value) ?? null)}
    />
  );
}

function CustomerCell({ customer, onFilter }: { customer: Customer | null | undefined; onFilter: () => void }) {
  if (!customer) {
    return (
      <Text size="sm" c="dimmed">
        Erased account
      </Text>
    );
  }
  const name = customer.name ?? customer.email ?? customer.id.slice(0, 8);
  return (
    <Group gap={6} wrap="nowrap">
      <Stack gap={0} style={{ minWidth: 0 }}>
        <Anchor component={Link} to={`/admin/users/${customer.id}`} size="sm" fw={600}>
          {name}
        </Anchor>
        {customer.email && (
          <Text size="xs" c="dimmed" truncate maw={220}>
            {customer.email}
          </Text>
        )}
      </Stack>
      <Tooltip label={`Only ${name}’s payments`}>
        <ActionIcon variant="subtle" color="gray" size="sm" aria-label={`Only ${name}’s payments`} onClick={onFilter}>
          <IconFilter size={14} />
        </ActionIcon>
      </Tooltip>
    </Group>
  );
}

/** Every customer's payments, for BILLING and ADMIN staff, filtered by status and customer. */
export function PaymentsPage() {
  const [params, setParams] = useSearchParams();
  const statusParam = params.get('status');
  const status = (PAYMENT_STATUSES as readonly string[]).includes(statusParam ?? '')
    ? (statusParam as PaymentStatus)
    : null;
  const userId = params.get('user');
  const [customer, setCustomer] = useState<Customer | null>(null);
  const { pager, query } = usePagedPartialQuery(
    (after) => adminKeys.payments(status, userId, after),
    AdminPaymentsQuery,
    (after) => ({ first: PAYMENTS_PAGE_SIZE, after, status, userId }),
  );
  const connection = query.data?.data.payments;
  const access = query.data?.access ?? new FieldAccess();
  const rows = connection?.edges.map((e) => e.node) ?? [];
  const selected = userId ? (customer?.id === userId ? customer : { id: userId, ...rows.find((r) => r.user?.id === userId)?.user }) : null;

  const setFilter = (key: 'status' | 'user', value: string | null) => {
    pager.reset();
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    setParams(next, { replace: true });
  };
  const filtered = status !== null || userId !== null;

  return (
    <Stack gap="lg">
      <PageHeader
        eyebrow="Admin console"
        title="Payments"
        description="Every invoice payment Stripe reported, newest first. Names and billing details you open here are audited."
      />
      <Card withBorder radius="lg" padding="lg">
        <Group gap="md" align="flex-end" mb="md" wrap="wrap">
          <Select
            label="Status"
            w={{ base: '100%', sm: 200 }}
            data={[
              { value: '', label: 'Any status' },
              ...PAYMENT_STATUSES.map((s) => ({ value: s, label: paymentStatusLabel(s) })),
            ]}
            value={status ?? ''}
            allowDeselect={false}
            onChange={(value) => setFilter('status', value || null)}
          />
          <CustomerFilter
            selected={selected}
            onChange={(c) => {
              setCustomer(c);
              setFilter('user', c?.id ?? null);
            }}
          />
        </Group>
        {selected && (
          <Group gap="xs" mb="md">
            <Badge
              size="lg"
              variant="light"
              styles={{ root: { textTransform: 'none' } }}
              rightSection={
                <CloseButton
                  size="xs"
                  aria-label="Show every customer’s payments"
                  onClick={() => {
                    setCustomer(null);
                    setFilter('user', null);
                  }}
                />
              }
            >
              Payments of {selected.name ?? selected.email ?? 'one customer'}
            </Badge>
          </Group>
        )}
        <ConnectionTable
          query={query}
          connection={connection}
          skeleton={{ rows: 6, height: 44 }}
          notVisible="payments"
          empty={
            <Empty
              icon={<IconReceipt size={28} />}
              title={filtered ? 'No payments match these filters' : 'No payments yet'}
              description={
                filtered
                  ? 'Try another status or customer.'
                  : 'Payments appear here once customers subscribe and Stripe reports their invoices.'
              }
              headingOrder={3}
            />
          }
          paging={{ pager, pageSize: PAYMENTS_PAGE_SIZE, label: 'Payment pages', noun: ['payment', 'payments'] }}
        >
          <DataTable
            label="Payments"
            minWidth={860}
            highlightOnHover
            columns={['Paid', 'Customer', 'Description', 'Status', { key: 'Amount', label: 'Amount', align: 'right' }, 'Stripe reference']}
          >
            {rows.map((p, i) => (
              <Table.Tr key={p.id} data-testid="admin-payment-row">
                <Table.Td style={{ whiteSpace: 'nowrap' }}>{p.paidAt ? formatDate(p.paidAt) : '—'}</Table.Td>
                <Table.Td>
                  <Guarded access={access} path={['payments', 'edges', i, 'node', 'user']}>
                    <CustomerCell
                      customer={p.user}
                      onFilter={() => {
                        if (p.user) setCustomer(p.user);
                        setFilter('user', p.user?.id ?? null);
                      }}
                    />
                  </Guarded>
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{p.description ?? '—'}</Text>
                  {p.billingName && (
                    <Text size="xs" c="dimmed">
                      Billed to {p.billingName}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>
                  <PaymentStatusBadge status={p.status} />
                </Table.Td>
                <Table.Td>
                  <PaymentAmount amountCents={p.amountCents} refundedCents={p.refundedCents} currency={p.currency} />
                </Table.Td>
                <Table.Td>
                  <Text className="pv-mono" c="dimmed">
                    {p.providerReference ?? '—'}
                  </Text>
                </Table.Td>
              </Table.Tr>
            ))}
          </DataTable>
        </ConnectionTable>
      </Card>
    </Stack>
  );
}
