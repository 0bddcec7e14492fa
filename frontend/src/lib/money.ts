/** Formatting of billing figures: money in minor units, bytes, and a share of a quota. */

/** Currencies Stripe counts in whole units (no minor unit), as backend/pixvault/billing/receipts.py. */
const ZERO_DECIMAL = new Set([
  'BIF', 'CLP', 'DJF', 'GNF', 'JPY', 'KMF', 'KRW', 'MGA',
  'PYG', 'RWF', 'UGX', 'VND', 'VUV', 'XAF', 'XOF', 'XPF',
]);

/** "$12.00" for 1200 USD cents, "¥500" for 500 JPY (Stripe's amounts are in minor units). */
export function formatMoney(
  cents: number,
  currency: string,
  locale?: string,
  { whole = false }: { whole?: boolean } = {},
): string {
  const code = currency.toUpperCase();
  const amount = ZERO_DECIMAL.has(code) ? cents : cents / 100;
  try {
    return new Intl.NumberFormat(locale, {
      style: 'currency',
      currency: code,
      // "$12" rather than "$12.00" where a whole amount reads better (prices on offer)
      ...(whole ? { trailingZeroDisplay: 'stripIfInteger' as const } : {}),
    }).format(amount);
  } catch {
    // an unknown currency code: the number and the code as given
    return `${amount.toFixed(ZERO_DECIMAL.has(code) ? 0 : 2)} ${code}`;
  }
}

/** "/ month", "/ year" for a plan's interval. */
export function perInterval(interval: string): string {
  return `/ ${interval}`;
}

/** A plan's price for people: "Free", "$12.00 / month". */
export function formatPlanPrice(plan: { priceCents: number; currency: string; interval: string }, locale?: string) {
  if (plan.priceCents === 0) return 'Free';
  return `${formatMoney(plan.priceCents, plan.currency, locale, { whole: true })} ${perInterval(plan.interval)}`;
}

const BINARY = ['bytes', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB'];
const DECIMAL = ['bytes', 'kB', 'MB', 'GB', 'TB', 'PB'];

/**
 * "1.5 GiB" (binary, 1024 steps: how storage quotas are set) or "200 GB" (decimal, 1000 steps:
 * how bandwidth is priced, per 10^9 bytes). Whole numbers lose the ".0".
 */
export function formatBytes(bytes: number, { binary = true, locale }: { binary?: boolean; locale?: string } = {}) {
  const step = binary ? 1024 : 1000;
  const units = binary ? BINARY : DECIMAL;
  if (!Number.isFinite(bytes) || bytes < 0) return '—';
  let size = bytes;
  let unit = 0;
  while (size >= step && unit < units.length - 1) {
    size /= step;
    unit += 1;
  }
  if (unit === 0) return `${new Intl.NumberFormat(locale).format(size)} ${size === 1 ? 'byte' : 'bytes'}`;
  const digits = size >= 100 || Number.isInteger(size) ? 0 : 1;
  const text = new Intl.NumberFormat(locale, { maximumFractionDigits: digits }).format(size);
  return `${text} ${units[unit]}`;
}

/** "10,000" */
export function formatCount(value: number, locale?: string): string {
  return new Intl.NumberFormat(locale).format(value);
}

/** The share of a quota used, in percent (may pass 100), or null when there is no quota. */
export function percentOfQuota(used: number, quota: number): number | null {
  if (!Number.isFinite(quota) || quota <= 0) return null;
  return (Math.max(0, used) / quota) * 100;
}

/**
 * "0%", "<0.1%", "2.5%", "47%", "120%": small non-zero shares are never shown as nothing.
 * null (no quota) is "—".
 */
export function formatPercent(percent: number | null, locale?: string): string {
  if (percent === null || !Number.isFinite(percent)) return '—';
  if (percent === 0) return '0%';
  if (percent < 0.1) return `<${new Intl.NumberFormat(locale).format(0.1)}%`;
  const digits = percent < 10 ? 1 : 0;
  return `${new Intl.NumberFormat(locale, { maximumFractionDigits: digits }).format(percent)}%`;
}

/** ok below 80 %, warn up to 100 %, over beyond. */
export function quotaLevel(percent: number | null): 'ok' | 'warn' | 'over' {
  if (percent === null || percent < 80) return 'ok';
  return percent <= 100 ? 'warn' : 'over';
}
