import { describe, expect, it } from 'vitest';
import {
  formatBytes,
  formatCount,
  formatMoney,
  formatPercent,
  formatPlanPrice,
  percentOfQuota,
  quotaLevel,
} from './money';

describe('formatMoney', () => {
  it('reads Stripe amounts in minor units', () => {
    expect(formatMoney(1200, 'usd', 'en-US')).toBe('$12.00');
    expect(formatMoney(5, 'USD', 'en-US')).toBe('$0.05');
    expect(formatMoney(123456, 'EUR', 'de-DE')).toBe('1.234,56\u00a0€');
  });

  it('counts zero-decimal currencies in whole units', () => {
    expect(formatMoney(500, 'JPY', 'en-US')).toBe('¥500');
  });

  it('drops ".00" from whole prices only when asked', () => {
    expect(formatMoney(1200, 'USD', 'en-US', { whole: true })).toBe('$12');
    expect(formatMoney(1250, 'USD', 'en-US', { whole: true })).toBe('$12.50');
  });

  it('still says something for a code Intl does not know', () => {
    expect(formatMoney(1999, 'xx1', 'en-US')).toBe('19.99 XX1');
  });

  it('names a plan price with its interval', () => {
    expect(formatPlanPrice({ priceCents: 0, currency: 'USD', interval: 'month' }, 'en-US')).toBe('Free');
    expect(formatPlanPrice({ priceCents: 12000, currency: 'USD', interval: 'year' }, 'en-US')).toBe('$120 / year');
  });
});

describe('formatBytes', () => {
  it('uses binary units for storage', () => {
    expect(formatBytes(0, { locale: 'en-US' })).toBe('0 bytes');
    expect(formatBytes(1, { locale: 'en-US' })).toBe('1 byte');
    expect(formatBytes(1023, { locale: 'en-US' })).toBe('1,023 bytes');
    expect(formatBytes(1024, { locale: 'en-US' })).toBe('1 KiB');
    expect(formatBytes(1536 * 1024, { locale: 'en-US' })).toBe('1.5 MiB');
    expect(formatBytes(1024 ** 3, { locale: 'en-US' })).toBe('1 GiB');
    expect(formatBytes(100 * 1024 ** 3, { locale: 'en-US' })).toBe('100 GiB');
    expect(formatBytes(1024 ** 4, { locale: 'en-US' })).toBe('1 TiB');
  });

  it('uses decimal units for bandwidth (priced per 10^9 bytes)', () => {
    expect(formatBytes(5e9, { binary: false, locale: 'en-US' })).toBe('5 GB');
    expect(formatBytes(1_340, { binary: false, locale: 'en-US' })).toBe('1.3 kB');
    expect(formatBytes(2e12, { binary: false, locale: 'en-US' })).toBe('2 TB');
    expect(formatBytes(123_456_789, { binary: false, locale: 'en-US' })).toBe('123 MB');
  });

  it('refuses nonsense', () => {
    expect(formatBytes(-1)).toBe('—');
    expect(formatBytes(Number.NaN)).toBe('—');
  });

  it('groups counts', () => {
    expect(formatCount(10000, 'en-US')).toBe('10,000');
  });
});

describe('percent of quota', () => {
  it('is the share used, past 100 when over', () => {
    expect(percentOfQuota(0, 500)).toBe(0);
    expect(percentOfQuota(250, 500)).toBe(50);
    expect(percentOfQuota(600, 500)).toBe(120);
    expect(percentOfQuota(-5, 500)).toBe(0);
  });

  it('is null without a quota', () => {
    expect(percentOfQuota(5, 0)).toBeNull();
    expect(percentOfQuota(5, Number.POSITIVE_INFINITY)).toBeNull();
  });

  it('never shows a little as nothing', () => {
    expect(formatPercent(0, 'en-US')).toBe('0%');
    expect(formatPercent(percentOfQuota(40_000, 1024 ** 3), 'en-US')).toBe('<0.1%');
    expect(formatPercent(0.2, 'en-US')).toBe('0.2%');
    expect(formatPercent(2.46, 'en-US')).toBe('2.5%');
    expect(formatPercent(47.4, 'en-US')).toBe('47%');
    expect(formatPercent(120, 'en-US')).toBe('120%');
    expect(formatPercent(null)).toBe('—');
  });

  it('warns near the quota and alarms past it', () => {
    expect(quotaLevel(null)).toBe('ok');
    expect(quotaLevel(79.9)).toBe('ok');
    expect(quotaLevel(80)).toBe('warn');
    expect(quotaLevel(100)).toBe('warn');
    expect(quotaLevel(100.1)).toBe('over');
  });
});
