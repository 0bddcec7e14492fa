/** Formatting of dates, places and enum values for display. */

const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
const dateOnly = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' });

function parse(iso: string | null | undefined): Date | null {
  if (!iso) return null;
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? null : date;
}

/** "12 Mar 2026, 14:05" in the viewer's zone, or "—". */
export function formatDateTime(iso: string | null | undefined): string {
  const date = parse(iso);
  return date ? dateTime.format(date) : '—';
}

export function formatDate(iso: string | null | undefined): string {
  const date = parse(iso);
  return date ? dateOnly.format(date) : '—';
}

/** The wall-clock time at `iso` in the IANA zone `timeZone` ("14:05"), or null. */
export function formatTimeInZone(iso: string | null | undefined, timeZone: string | null | undefined) {
  const date = parse(iso);
  if (!date || !timeZone) return null;
  try {
    return new Intl.DateTimeFormat(undefined, {
      timeZone,
      dateStyle: 'medium',
      timeStyle: 'short',
    }).format(date);
  } catch {
    return null;
  }
}

const relative = new Intl.RelativeTimeFormat(undefined, { numeric: 'auto' });
const UNITS: Array<[Intl.RelativeTimeFormatUnit, number]> = [
  ['year', 365 * 24 * 3600],
  ['month', 30 * 24 * 3600],
  ['week', 7 * 24 * 3600],
  ['day', 24 * 3600],
  ['hour', 3600],
  ['minute', 60],
];

/** "3 minutes ago", "yesterday", "just now". */
export function formatRelative(iso: string | null | undefined, now: Date = new Date()): string {
  const date = parse(iso);
  if (!date) return '—';
  const seconds = (date.getTime() - now.getTime()) / 1000;
  for (const [unit, size] of UNITS) {
    if (Math.abs(seconds) >= size) return relative.format(Math.round(seconds / size), unit);
  }
  return 'just now';
}

let regionNames: Intl.DisplayNames | null = null;

/** "Germany" for "DE"; the code itself when the browser cannot name it; null for none. */
export function countryName(code: string | null | undefined): string | null {
  if (!code) return null;
  try {
    regionNames ??= new Intl.DisplayNames(undefined, { type: 'region' });
    return regionNames.of(code.toUpperCase()) ?? code;
  } catch {
    return code;
  }
}

/** The flag emoji of a two-letter country code. */
export function countryFlag(code: string | null | undefined): string {
  if (!code || !/^[a-z]{2}$/i.test(code)) return '';
  return String.fromCodePoint(
    ...code
      .toUpperCase()
      .split('')
      .map((c) => 0x1f1e6 + c.charCodeAt(0) - 65),
  );
}

/** "Firefox 128 on Ubuntu" from the parts a session or activity event has. */
export function describeClient(
  browser: string | null | undefined,
  os: string | null | undefined,
  browserVersion?: string | null,
): string {
  const name = browser ? [browser, browserVersion].filter(Boolean).join(' ') : null;
  if (name && os) return `${name} on ${os}`;
  return name ?? os ?? 'Unknown device';
}

const ROLE_LABELS: Record<string, string> = {
  CUSTOMER: 'Customer',
  SUPPORT: 'Support',
  BILLING: 'Billing',
  PRIVACY_OFFICER: 'Privacy officer',
  ADMIN: 'Administrator',
};

export function roleLabel(role: string): string {
  return ROLE_LABELS[role] ?? humanize(role);
}

const PURPOSE_LABELS: Record<string, string> = {
  NECESSARY: 'Strictly necessary',
  PREFERENCES: 'Preferences',
  ANALYTICS: 'Analytics',
  MARKETING_EMAIL: 'Marketing emails',
};

export function purposeLabel(purpose: string): string {
  return PURPOSE_LABELS[purpose] ?? humanize(purpose);
}

const SOURCE_LABELS: Record<string, string> = {
  BANNER: 'Cookie banner',
  SETTINGS: 'Privacy settings',
  SIGN_UP: 'Sign-up form',
  EMAIL_LINK: 'Email link',
  API: 'API',
};

export function consentSourceLabel(source: string): string {
  return SOURCE_LABELS[source] ?? humanize(source);
}

const ACTIVITY_LABELS: Record<string, string> = {
  SIGN_UP: 'Signed up',
  LOG_IN: 'Logged in',
  LOG_OUT: 'Logged out',
  LOG_IN_FAILED: 'Failed log-in',
  UPLOAD: 'Uploaded',
  DOWNLOAD: 'Downloaded',
  VIEW: 'Viewed',
  PAGE_VIEW: 'Page view',
  PROFILE_UPDATE: 'Profile updated',
  CONSENT_CHANGE: 'Consent changed',
  POLICY_DECISION: 'Policy decision',
  PAYMENT: 'Payment',
  DSAR: 'Data request',
};

export function activityLabel(kind: string): string {
  return ACTIVITY_LABELS[kind] ?? humanize(kind);
}

/** "SET_ROLES" -> "Set roles"; "User.email" stays as it is. */
export function humanize(value: string): string {
  if (!/^[A-Z0-9_]+$/.test(value)) return value;
  const words = value.toLowerCase().split('_').filter(Boolean).join(' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** Up to two initials for an avatar. */
export function initials(name: string | null | undefined, fallback = '?'): string {
  const parts = (name ?? '').trim().split(/\s+/).filter(Boolean);
  if (parts.length === 0) return fallback;
  const first = parts[0]!.charAt(0);
  const last = parts.length > 1 ? parts[parts.length - 1]!.charAt(0) : '';
  return (first + last).toUpperCase();
}

/** Loopback, private and link-local addresses have no country. */
export function isPrivateAddress(ip: string | null | undefined): boolean {
  if (!ip) return false;
  const v4 = /^(\d+)\.(\d+)\./.exec(ip);
  if (v4) {
    const a = Number(v4[1]);
    const b = Number(v4[2]);
    return a === 10 || a === 127 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168) || (a === 169 && b === 254);
  }
  const lower = ip.toLowerCase();
  return lower === '::1' || lower.startsWith('fc') || lower.startsWith('fd') || lower.startsWith('fe80');
}

/** "Germany", "Local network" or "Unknown place" for an event's country and IP address. */
export function placeLabel(country: string | null | undefined, ip: string | null | undefined): string {
  if (country) return countryName(country) ?? country;
  return isPrivateAddress(ip) ? 'Local network' : 'Unknown place';
}

/** The viewer's own IANA zone. */
export function localTimeZone(): string | null {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || null;
  } catch {
    return null;
  }
}

function words(identifier: string): string {
  return identifier
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/_/g, ' ')
    .toLowerCase();
}

/**
 * A readable version of what an activity or audit entry names: "User.companyName,User.email"
 * becomes "company name, email"; "name,company_name,email (pending)" becomes
 * "name, company name, email (pending)". Anything else is returned as it is.
 */
export function describeTarget(target: string | null | undefined): string | null {
  if (!target) return null;
  const parts = target.split(',');
  if (parts.every((p) => /^[A-Za-z]+\.[A-Za-z]+$/.test(p.trim()))) {
    return parts.map((p) => words(p.trim().split('.')[1]!)).join(', ');
  }
  if (parts.every((p) => /^[a-z_]+( \([a-z ]+\))?$/.test(p.trim()))) {
    return parts.map((p) => words(p.trim())).join(', ');
  }
  return target;
}
