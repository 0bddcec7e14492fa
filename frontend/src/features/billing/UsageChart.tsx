import { Box, Group, SimpleGrid, Stack, Text, ThemeIcon, useComputedColorScheme } from '@mantine/core';
import { IconCloudUpload, IconPhotoCog, IconWorldUpload } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import {
  Bar,
  BarChart,
  CartesianGrid,
  Cell,
  LabelList,
  ReferenceLine,
  ResponsiveContainer,
  XAxis,
  YAxis,
} from 'recharts';
import { formatBytes, formatCount, formatPercent, percentOfQuota, quotaLevel } from '../../lib/money';

export interface Meter {
  key: 'storage' | 'bandwidth' | 'transformations';
  label: string;
  used: number;
  quota: number;
  /** "1.2 MiB" */
  usedText: string;
  /** "1 GiB" */
  quotaText: string;
  /** what the quota is: a limit, or an amount included before a per-unit price */
  note: string;
  icon: ReactNode;
}

export interface UsagePlan {
  storageQuotaBytes: number;
  monthlyTransformations: number;
  includedBandwidthBytes: number;
}

export interface UsageFigures {
  storageBytes: number;
  bandwidthBytes: number;
  transformations: number;
}

/** The three metered quantities of a plan, as numbers and in words. */
export function meters(usage: UsageFigures, plan: UsagePlan, bandwidthNote: string): Meter[] {
  return [
    {
      key: 'storage',
      label: 'Storage',
      used: usage.storageBytes,
      quota: plan.storageQuotaBytes,
      usedText: formatBytes(usage.storageBytes),
      quotaText: formatBytes(plan.storageQuotaBytes),
      note: 'Uploads stop at the limit.',
      icon: <IconCloudUpload size={18} />,
    },
    {
      key: 'bandwidth',
      label: 'Bandwidth',
      used: usage.bandwidthBytes,
      quota: plan.includedBandwidthBytes,
      usedText: formatBytes(usage.bandwidthBytes, { binary: false }),
      quotaText: formatBytes(plan.includedBandwidthBytes, { binary: false }),
      note: bandwidthNote,
      icon: <IconWorldUpload size={18} />,
    },
    {
      key: 'transformations',
      label: 'Transformations',
      used: usage.transformations,
      quota: plan.monthlyTransformations,
      usedText: formatCount(usage.transformations),
      quotaText: formatCount(plan.monthlyTransformations),
      note: 'New renditions this month; cached ones keep serving.',
      icon: <IconPhotoCog size={18} />,
    },
  ];
}

const LEVEL_COLOR = {
  ok: 'var(--mantine-color-blue-6)',
  warn: 'var(--mantine-color-orange-6)',
  over: 'var(--mantine-color-red-7)',
} as const;

const MANTINE_LEVEL_COLOR = { ok: 'blue', warn: 'orange', over: 'red' } as const;

/** "Storage 1.2 MiB of 1 GiB (0.1%)" for each meter, one sentence for the chart's label. */
export function usageSummary(list: readonly Meter[]): string {
  return `Usage against your plan's quotas: ${list
    .map((m) => `${m.label} ${m.usedText} of ${m.quotaText} (${formatPercent(percentOfQuota(m.used, m.quota))})`)
    .join('; ')}.`;
}

/**
 * Each meter as a bar of the share of its quota used, against a dashed line at 100 %, with
 * the same figures in words beside it (the chart is not the only carrier of the numbers).
 */
export function UsageChart({ list }: { list: readonly Meter[] }) {
  const track = useComputedColorScheme('light') === 'dark' ? 'var(--mantine-color-dark-5)' : 'var(--mantine-color-gray-1)';
  const rows = list.map((m) => {
    const percent = percentOfQuota(m.used, m.quota);
    return { meter: m.label, percent: percent ?? 0, level: quotaLevel(percent), text: formatPercent(percent) };
  });
  const highest = Math.max(100, ...rows.map((r) => r.percent));
  const domainMax = highest <= 100 ? 100 : Math.ceil(highest / 25) * 25;
  // a sliver for small non-zero use, so "some" never looks like "none"; the label says how much
  const data = rows.map((r) => ({ ...r, shown: r.percent > 0 ? Math.max(r.percent, domainMax * 0.008) : 0 }));

  return (
    <Stack gap="lg">
      <Box
        role="img"
        aria-label={usageSummary(list)}
        data-testid="usage-chart"
        style={{ minWidth: 0 }}
      >
        <ResponsiveContainer width="100%" height={190} initialDimension={{ width: 560, height: 190 }}>
          <BarChart
            data={data}
            layout="vertical"
            margin={{ top: 22, right: 48, bottom: 4, left: 0 }}
            barCategoryGap="28%"
            accessibilityLayer={false}
          >
            <CartesianGrid horizontal={false} strokeDasharray="3 3" stroke="var(--mantine-color-default-border)" />
            <XAxis
              type="number"
              domain={[0, domainMax]}
              ticks={domainMax === 100 ? [0, 25, 50, 75, 100] : undefined}
              tickFormatter={(v: number) => `${v}%`}
              tick={{ fontSize: 12, fill: 'var(--mantine-color-dimmed)' }}
              stroke="var(--mantine-color-default-border)"
            />
            <YAxis
              type="category"
              dataKey="meter"
              width={112}
              tick={{ fontSize: 13, fill: 'var(--mantine-color-text)' }}
              tickLine={false}
              axisLine={false}
            />
            <Bar
              dataKey="shown"
              radius={[0, 6, 6, 0]}
              background={{ fill: track, radius: 6 }}
              isAnimationActive={false}
            >
              {data.map((row) => (
                <Cell key={row.meter} fill={LEVEL_COLOR[row.level]} />
              ))}
              <LabelList
                dataKey="text"
                position="right"
                style={{ fontSize: 12, fontWeight: 600, fill: 'var(--mantine-color-text)' }}
              />
            </Bar>
            <ReferenceLine
              x={100}
              stroke="var(--mantine-color-red-6)"
              strokeDasharray="5 4"
              strokeWidth={2}
              label={{ value: 'Quota', position: 'top', fontSize: 12, fill: 'var(--mantine-color-red-7)' }}
            />
          </BarChart>
        </ResponsiveContainer>
      </Box>
      <SimpleGrid
        cols={{ base: 1, sm: 3 }}
        spacing="md"
        component="ul"
        m={0}
        p={0}
        style={{ listStyle: 'none' }}
        aria-label="Usage in numbers"
      >
        {list.map((m) => {
          const percent = percentOfQuota(m.used, m.quota);
          const level = quotaLevel(percent);
          return (
            <Box component="li" key={m.key} data-testid={`meter-${m.key}`}>
              <Group gap="sm" wrap="nowrap" align="flex-start">
                <ThemeIcon variant="light" color={MANTINE_LEVEL_COLOR[level]} radius="md" size={34}>
                  {m.icon}
                </ThemeIcon>
                <Stack gap={2} style={{ flex: 1, minWidth: 0 }}>
                  <Text fw={600} size="sm">
                    {m.label}
                  </Text>
                  <Text size="sm">
                    {m.usedText} of {m.quotaText}
                  </Text>
                  <Text size="xs" fw={600} c={level === 'ok' ? 'dimmed' : MANTINE_LEVEL_COLOR[level]}>
                    {formatPercent(percent)} used
                  </Text>
                  <Text size="xs" c="dimmed">
                    {m.note}
                  </Text>
                </Stack>
              </Group>
            </Box>
          );
        })}
      </SimpleGrid>
    </Stack>
  );
}
