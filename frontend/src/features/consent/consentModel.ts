/**
 * What the cookie banner and the consent settings decide, kept apart from the components so it
 * can be tested on its own. The server is the source of truth (Query.consentState); this only
 * reads its answer and shapes the decisions sent back (Mutation.setConsents).
 */
import type { ConsentPurpose } from '../../gql/graphql';

export interface DecisionLike {
  purpose: ConsentPurpose | string;
  granted: boolean;
  decidedAt?: string | null;
  policyVersion?: string | null;
  globalPrivacyControl?: boolean;
}

export interface ConsentStateLike {
  bannerRequired: boolean;
  decisions: readonly DecisionLike[];
}

/** What the banner asks about (the server's BANNER_PURPOSES); NECESSARY needs no consent. */
export const BANNER_PURPOSES = ['PREFERENCES', 'ANALYTICS'] as const satisfies readonly ConsentPurpose[];
/** Every purpose a signed-in person can set in the privacy centre, in display order. */
export const SETTINGS_PURPOSES = [
  'NECESSARY',
  'PREFERENCES',
  'ANALYTICS',
  'MARKETING_EMAIL',
] as const satisfies readonly ConsentPurpose[];

export type BannerPurpose = (typeof BANNER_PURPOSES)[number];
export type Choices = Record<BannerPurpose, boolean>;

export interface PurposeText {
  title: string;
  description: string;
  /** the cookie categories (Query.cookieDeclarations) that belong to this purpose */
  cookieCategory?: string;
}

export const PURPOSE_TEXT: Record<ConsentPurpose, PurposeText> = {
  NECESSARY: {
    title: 'Strictly necessary',
    description:
      'Keep you signed in and remember your cookie choices. Pixvault cannot work without them, so they are always on.',
    cookieCategory: 'NECESSARY',
  },
  PREFERENCES: {
    title: 'Preferences',
    description: 'Remember settings you choose in Pixvault between visits.',
    cookieCategory: 'PREFERENCES',
  },
  ANALYTICS: {
    title: 'Analytics',
    description:
      'Record which pages of Pixvault you open while signed in, in your own activity log. Nothing goes to third parties.',
    cookieCategory: 'ANALYTICS',
  },
  MARKETING_EMAIL: {
    title: 'Marketing emails',
    description: 'Product news and tips by email. Service messages about your account still arrive.',
  },
};

/** Whether the banner must ask: the server says so (no decision yet, or a new privacy policy). */
export function bannerNeeded(state: ConsentStateLike | null | undefined): boolean {
  return state?.bannerRequired === true;
}

/** The current decision on a purpose; refused unless the server says it is granted. */
export function isGranted(state: ConsentStateLike | null | undefined, purpose: string): boolean {
  if (purpose === 'NECESSARY') return true;
  return state?.decisions.find((d) => d.purpose === purpose)?.granted === true;
}

/** The banner's current choices (what "Choose" starts from). */
export function currentChoices(state: ConsentStateLike | null | undefined): Choices {
  return { PREFERENCES: isGranted(state, 'PREFERENCES'), ANALYTICS: isGranted(state, 'ANALYTICS') };
}

/** The decisions setConsents records for a banner answer; NECESSARY is confirmed as granted. */
export function bannerDecisions(
  answer: 'accept-all' | 'refuse-all' | Choices,
): Array<{ purpose: ConsentPurpose; granted: boolean }> {
  const choices: Choices =
    answer === 'accept-all'
      ? { PREFERENCES: true, ANALYTICS: true }
      : answer === 'refuse-all'
        ? { PREFERENCES: false, ANALYTICS: false }
        : answer;
  return [
    { purpose: 'NECESSARY', granted: true },
    ...BANNER_PURPOSES.map((purpose) => ({ purpose, granted: choices[purpose] })),
  ];
}

/** "30 days", "6 months", "1 year"; a cookie's lifetime in words. */
export function describeDuration(seconds: number): string {
  const days = Math.round(seconds / 86400);
  if (days >= 365 && days % 365 === 0) return days === 365 ? '1 year' : `${days / 365} years`;
  if (days >= 60 && days % 30 === 0) return `${days / 30} months`;
  if (days >= 1) return days === 1 ? '1 day' : `${days} days`;
  const hours = Math.round(seconds / 3600);
  if (hours >= 1) return hours === 1 ? '1 hour' : `${hours} hours`;
  const minutes = Math.max(1, Math.round(seconds / 60));
  return minutes === 1 ? '1 minute' : `${minutes} minutes`;
}

export interface CookieLike {
  persistent: boolean;
  maxAgeSeconds?: number | null;
  sessionUnlessRemembered: boolean;
}

/** How long a declared cookie stays in the browser, in words. */
export function cookieLifetime(cookie: CookieLike): string {
  if (!cookie.persistent || !cookie.maxAgeSeconds) return 'Until you close the browser';
  const span = describeDuration(cookie.maxAgeSeconds);
  if (cookie.sessionUnlessRemembered) {
    return `Until you close the browser; ${span} with "Remember me"`;
  }
  return span;
}
