import { Alert, Box, Card, CloseButton, Grid, Group, Skeleton, Stack, Table, Text, Title } from '@mantine/core';
import { IconCircleCheck, IconInfoCircle, IconReceipt } from '@tabler/icons-react';
import { useEffect } from 'react';
import { useSearchParams } from 'react-router';
import { PageHeader } from '../../components/PageHeader';
import { Empty, ErrorState } from '../../components/States';
import { formatDate } from '../../lib/format';
import { useViewerQuery } from '../../lib/useViewerQuery';
import { BillingQuery } from './queries';
import type { BillingQuery as BillingResult } from '../../gql/graphql';
import { formatMoney, formatPlanPrice } from '../../lib/money';
import { PaymentAmount, PaymentStatusBadge } from '../../components/PaymentStatus';
import { PlansSection, type PlanRow } from './PlansSection';
import { SubscriptionControls } from './SubscriptionControls';
import { meters, UsageChart } from './UsageChart';
import { billingKeys } from './keys';


type Me = NonNullable<BillingResult['me']>;

/** What Stripe sent the customer back with: ?checkout=success or ?checkout=cancelled. */
function CheckoutReturn({ paidPlan }: { paidPlan: string | null }) {
  const [params, setParams] = useSearchParams();
  const outcome = params.get('checkout');
  if (outcome !== 'success' && outcome !== 'cancelled') return null;
  const close = (
    <CloseButton
      aria-label="Dismiss"
      onClick={() => {
        const next = new URLSearchParams(params);
        next.delete('checkout');
        setParams(next, { replace: true });
      }}
    />
  );
  return outcome === 'success' ? (
    <Alert
      color="teal"
      variant="light"
      icon={<IconCircleCheck size={18} />}
      title={paidPlan ? `Thank you, you are on ${paidPlan} now` : 'Thank you, your payment is on its way'}
      role="status"
      data-testid="checkout-return"
    >
      <Group justify="space-between" wrap="nowrap" align="flex-start">
        <Text size="sm">
          {paidPlan
            ? 'Stripe confirmed your payment. Its receipt is emailed to you and listed below.'
            : 'Stripe has taken your order. Your new plan applies as soon as Stripe confirms the payment, usually within a minute, and a receipt is emailed to you.'}
        </Text>
        {close}
      </Group>
    </Alert>
  ) : (
    <Alert
      color="gray"
      variant="light"
      icon={<IconInfoCircle size={18} />}
      title="Checkout cancelled"
      role="status"
      data-testid="checkout-return"
    >
      <Group justify="space-between" wrap="nowrap" align="flex-start">
        <Text size="sm">Nothing was charged and your plan is unchanged. You can choose a plan again at any time.</Text>
        {close}
      </Group>
    </Alert>
  );
}

function CurrentPlan({ me }: { me: Me }) {
  const plan = me.plan;
  const usage = me.usage;
  return (
    <Card withBorder radius="lg" padding="lg" h="100%" component="section" aria-labelledby="current-plan-heading">
      <Stack gap="md">
        <Text size="sm" c="dimmed" fw={600} id="current-plan-heading">
          Current plan
        </Text>
        {plan ? (
          <div>
            <Title order={2} fz={26} data-testid="current-plan">
              {plan.name}
            </Title>
            <Text c="dimmed" size="sm">
              {plan.priceCents === 0 ? 'No charge, no card on file' : formatPlanPrice(plan)}
            </Text>
          </div>
        ) : (
          <Text c="dimmed">Not visible</Text>
        )}
        {plan && me.subscription && (
          <SubscriptionControls planName={plan.name} subscription={me.subscription} queryKey={billingKeys.all} />
        )}
        {usage && (
          <Stack gap={4}>
            <Text size="sm" c="dimmed">
              This billing period
            </Text>
            <Text fw={600}>
              {formatDate(usage.periodStart)} – {formatDate(usage.periodEnd)}
            </Text>
            <Text size="sm" c="dimmed" mt="xs">
              Estimated charge so far
            </Text>
            <Text fz={22} fw={700} data-testid="estimated-cost">
              {formatMoney(usage.estimatedCostCents, plan?.currency ?? 'USD')}
            </Text>
            <Text size="xs" c="dimmed">
              The plan’s price plus bandwidth beyond what it includes.
            </Text>
          </Stack>
        )}
      </Stack>
    </Card>
  );
}

function UsageCard({ me }: { me: Me }) {
  const { usage, plan } = me;
  return (
    <Card withBorder radius="lg" padding="lg" h="100%" component="section" aria-labelledby="usage-heading">
      <Stack gap="md">
        <div>
          <Title order={2} fz="xl" id="usage-heading">
            Usage this month
          </Title>
          <Text size="sm" c="dimmed">
            Each bar is the share of your plan’s quota used; the dashed line is the quota.
          </Text>
        </div>
        {usage && plan ? (
          <UsageChart
            list={meters(
              usage,
              plan,
              plan.bandwidthCentsPerGigabyte > 0
                ? `Included; beyond it ${formatMoney(plan.bandwidthCentsPerGigabyte, plan.currency)} per GB.`
                : 'Included in the plan.',
            )}
          />
        ) : (
          <Text c="dimmed">Usage is not available.</Text>
        )}
      </Stack>
    </Card>
  );
}

function Payments({ payments }: { payments: Me['payments'] }) {
  const rows = payments ?? [];
  return (
    <Card withBorder radius="lg" padding="lg" component="section" aria-labelledby="payments-heading">
      <Stack gap="sm">
        <div>
          <Title order={2} fz="xl" id="payments-heading">
            Payments
          </Title>
          <Text size="sm" c="dimmed">
            Every invoice Stripe charged, newest first. A receipt is emailed for each payment.
          </Text>
        </div>
        {rows.length === 0 ? (
          <Empty
            icon={<IconReceipt size={28} />}
            title="No payments yet"
            description="When you subscribe to a paid plan, each invoice appears here with its amount and status."
            headingOrder={3}
          />
        ) : (
          <>
            <Stack gap={0} hiddenFrom="sm" component="ul" m={0} p={0} style={{ listStyle: 'none' }} aria-label="Your payments">
              {rows.map((p) => (
                <Box
                  component="li"
                  key={p.id}
                  py="sm"
                  style={{ borderTop: '1px solid var(--mantine-color-default-border)' }}
                  data-testid="payment-item"
                >
                  <Group justify="space-between" align="flex-start" wrap="nowrap">
                    <Stack gap={2} style={{ minWidth: 0 }}>
                      <Text size="sm" fw={600}>
                        {p.description ?? 'Pixvault subscription'}
                      </Text>
                      <Text size="xs" c="dimmed">
                        {p.paidAt ? formatDate(p.paidAt) : 'Not paid yet'}
                        {p.billingName ? ` · Billed to ${p.billingName}` : ''}
                      </Text>
                    </Stack>
                    <Stack gap={4} align="flex-end">
                      <PaymentAmount amountCents={p.amountCents} refundedCents={p.refundedCents} currency={p.currency} />
                      <PaymentStatusBadge status={p.status} />
                    </Stack>
                  </Group>
                </Box>
              ))}
            </Stack>
            <Table.ScrollContainer minWidth={560} visibleFrom="sm">
              <Table verticalSpacing="sm" aria-label="Your payments" highlightOnHover>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>Date</Table.Th>
                    <Table.Th>Description</Table.Th>
                    <Table.Th>Status</Table.Th>
                    <Table.Th ta="right">Amount</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {rows.map((p) => (
                    <Table.Tr key={p.id} data-testid="payment-row">
                      <Table.Td style={{ whiteSpace: 'nowrap' }}>{p.paidAt ? formatDate(p.paidAt) : 'Not paid yet'}</Table.Td>
                      <Table.Td>
                        <Text size="sm">{p.description ?? 'Pixvault subscription'}</Text>
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
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          </>
        )}
      </Stack>
    </Card>
  );
}

function BillingSkeleton() {
  return (
    <Stack gap="lg" role="status" aria-label="Loading billing">
      <Grid gap="md">
        <Grid.Col span={{ base: 12, md: 4 }}>
          <Skeleton height={260} radius="lg" />
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 8 }}>
          <Skeleton height={260} radius="lg" />
        </Grid.Col>
      </Grid>
      <Skeleton height={300} radius="lg" />
    </Stack>
  );
}

export function BillingPage() {
  const [params] = useSearchParams();
  const returning = params.get('checkout') === 'success';
  const query = useViewerQuery(billingKeys.all, BillingQuery, {});
  const me = query.data?.me;
  const paidPlan = me?.plan && me.plan.priceCents > 0 ? me.plan.name : null;
  const { refetch } = query;
  const waiting = returning && me?.plan != null && paidPlan === null;
  useEffect(() => {
    // back from Stripe before its confirmation reached Pixvault: look again, for a minute
    if (!waiting) return;
    let tries = 0;
    const timer = setInterval(() => {
      tries += 1;
      if (tries >= 20) clearInterval(timer);
      void refetch();
    }, 3000);
    return () => clearInterval(timer);
  }, [waiting, refetch]);

  return (
    <Stack gap="lg">
      <PageHeader
        eyebrow="Billing"
        title="Plan and usage"
        description="Your plan, this month’s usage against its quotas, and your payments."
      />
      {query.isPending ? (
        <BillingSkeleton />
      ) : query.isError ? (
        <ErrorState error={query.error} onRetry={() => void query.refetch()} />
      ) : !me ? null : (
        <>
          <CheckoutReturn paidPlan={paidPlan} />
          <Grid gap="md" align="stretch">
            <Grid.Col span={{ base: 12, md: 4 }}>
              <CurrentPlan me={me} />
            </Grid.Col>
            <Grid.Col span={{ base: 12, md: 8 }}>
              <UsageCard me={me} />
            </Grid.Col>
          </Grid>
          <PlansSection plans={query.data.plans as PlanRow[]} current={me.plan} />
          <Payments payments={me.payments} />
        </>
      )}
    </Stack>
  );
}
