import { Alert, Badge, Button, Card, Group, List, SimpleGrid, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import { IconAlertCircle, IconCheck, IconCreditCardOff } from '@tabler/icons-react';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { describeError } from '../../lib/errors';
import { graphqlRequest } from '../../lib/graphql';
import { StartCheckoutMutation } from './queries';
import { formatBytes, formatCount, formatMoney } from '../../lib/money';

export interface PlanRow {
  id: string;
  name: string;
  priceCents: number;
  currency: string;
  interval: string;
  storageQuotaBytes: number;
  monthlyTransformations: number;
  includedBandwidthBytes: number;
  bandwidthCentsPerGigabyte: number;
}

/** Leaving for Stripe's hosted page (a seam for the unit tests). */
export const browserLocation = {
  assign(url: string) {
    window.location.assign(url);
  },
};

/** The price of one month of the plan, to compare monthly and yearly plans. */
export function monthlyCents(plan: Pick<PlanRow, 'priceCents' | 'interval'>): number {
  return plan.interval === 'year' ? plan.priceCents / 12 : plan.priceCents;
}

/** The button's words for a plan that is not the customer's own. */
export function actionLabel(plan: PlanRow, current: PlanRow | null | undefined): string {
  const upgrade = !current || monthlyCents(plan) > monthlyCents(current);
  return `${upgrade ? 'Upgrade to' : 'Choose'} ${plan.name}`;
}

interface CheckoutProblem {
  planId: string;
  code: string;
  message: string;
}

function PlanCard({
  plan,
  current,
  pending,
  disabled,
  problem,
  onChoose,
}: {
  plan: PlanRow;
  current: PlanRow | null | undefined;
  pending: boolean;
  disabled: boolean;
  problem: CheckoutProblem | null;
  onChoose: () => void;
}) {
  const isCurrent = current?.id === plan.id;
  const free = plan.priceCents === 0;
  const headingId = `plan-${plan.id}`;
  return (
    <Card
      withBorder
      radius="lg"
      padding="lg"
      component="article"
      aria-labelledby={headingId}
      data-testid="plan-card"
      style={isCurrent ? { borderColor: 'var(--mantine-color-blue-6)', borderWidth: 2 } : undefined}
    >
      <Stack gap="md" h="100%">
        <Group justify="space-between" align="flex-start" wrap="nowrap">
          <Title order={3} fz="lg" id={headingId}>
            {plan.name}
          </Title>
          {isCurrent && (
            <Badge variant="filled" color="blue">
              Your plan
            </Badge>
          )}
        </Group>
        <div>
          <Text fz={28} fw={700} lh={1.1}>
            {free ? 'Free' : formatMoney(plan.priceCents, plan.currency, undefined, { whole: true })}
            {!free && (
              <Text span c="dimmed" fz="sm" fw={500}>
                {' '}
                / {plan.interval}
              </Text>
            )}
          </Text>
          <Text size="xs" c="dimmed" mt={4}>
            {free
              ? 'No card needed'
              : plan.interval === 'year'
                ? `${formatMoney(Math.round(plan.priceCents / 12), plan.currency)} a month, billed yearly`
                : 'Billed monthly'}
          </Text>
        </div>
        <List
          spacing={6}
          size="sm"
          icon={
            <ThemeIcon size={18} radius="xl" variant="light" color="teal">
              <IconCheck size={12} />
            </ThemeIcon>
          }
          style={{ flex: 1 }}
        >
          <List.Item>{formatBytes(plan.storageQuotaBytes)} of storage</List.Item>
          <List.Item>
            {formatBytes(plan.includedBandwidthBytes, { binary: false })} bandwidth a month
            {plan.bandwidthCentsPerGigabyte > 0 && (
              <Text span c="dimmed" size="xs">
                {' '}
                (then {formatMoney(plan.bandwidthCentsPerGigabyte, plan.currency)} per GB)
              </Text>
            )}
          </List.Item>
          <List.Item>{formatCount(plan.monthlyTransformations)} transformations a month</List.Item>
        </List>
        {problem && (
          <Alert color="red" variant="light" icon={<IconAlertCircle size={16} />} role="alert" p="xs">
            <Text size="sm">{problem.message}</Text>
          </Alert>
        )}
        {isCurrent ? (
          <Button variant="light" disabled fullWidth>
            Current plan
          </Button>
        ) : free ? (
          <Text size="xs" c="dimmed" ta="center">
            Where you return when a subscription ends.
          </Text>
        ) : (
          <Button
            fullWidth
            onClick={onChoose}
            loading={pending}
            disabled={disabled}
            variant={monthlyCents(plan) > monthlyCents(current ?? plan) ? 'filled' : 'light'}
          >
            {actionLabel(plan, current)}
          </Button>
        )}
      </Stack>
    </Card>
  );
}

/** The plans on offer; choosing a paid one goes to Stripe Checkout. */
export function PlansSection({ plans, current }: { plans: readonly PlanRow[]; current: PlanRow | null | undefined }) {
  const [problem, setProblem] = useState<CheckoutProblem | null>(null);
  const [paymentsOff, setPaymentsOff] = useState<string | null>(null);
  const checkout = useMutation({
    mutationFn: (planId: string) => graphqlRequest(StartCheckoutMutation, { planId }),
    onMutate: () => setProblem(null),
    onSuccess: ({ startCheckout }, planId) => {
      const [error] = startCheckout.errors;
      if (error) {
        if (error.kind === 'PAYMENTS_DISABLED') setPaymentsOff(error.message);
        else setProblem({ planId, code: error.kind, message: error.message });
        return;
      }
      if (startCheckout.checkoutUrl) browserLocation.assign(startCheckout.checkoutUrl);
      else setProblem({ planId, code: 'NO_URL', message: 'The payment provider sent no page. Try again shortly.' });
    },
    onError: (error, planId) => setProblem({ planId, code: 'REQUEST', message: describeError(error) }),
  });
  // Stays "pending" while the browser leaves for Stripe, so a second click cannot start another.
  const leaving = checkout.isSuccess && !problem && !paymentsOff;
  // cheapest first, a yearly plan by its monthly price
  const ordered = [...plans].sort((a, b) => monthlyCents(a) - monthlyCents(b) || a.name.localeCompare(b.name));

  return (
    <Stack gap="md" component="section" aria-labelledby="plans-heading">
      <div>
        <Title order={2} fz="xl" id="plans-heading">
          Plans
        </Title>
        <Text size="sm" c="dimmed">
          Payment is handled by Stripe's secure checkout; Pixvault never sees your card.
        </Text>
      </div>
      {paymentsOff && (
        <Alert
          color="yellow"
          variant="light"
          icon={<IconCreditCardOff size={18} />}
          title="Online payments are not available"
          role="alert"
          data-testid="payments-disabled"
        >
          {paymentsOff} Your current plan stays as it is. Ask the administrator of this Pixvault to
          connect a Stripe account.
        </Alert>
      )}
      <SimpleGrid cols={{ base: 1, sm: 2, xl: Math.min(4, Math.max(1, plans.length)) }} spacing="md">
        {ordered.map((plan) => (
          <PlanCard
            key={plan.id}
            plan={plan}
            current={current}
            pending={(checkout.isPending || leaving) && checkout.variables === plan.id}
            disabled={paymentsOff !== null || ((checkout.isPending || leaving) && checkout.variables !== plan.id)}
            problem={problem?.planId === plan.id ? problem : null}
            onChoose={() => checkout.mutate(plan.id)}
          />
        ))}
      </SimpleGrid>
    </Stack>
  );
}
