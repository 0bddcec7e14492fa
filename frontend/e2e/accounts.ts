/** Accounts the e2e server is seeded with (globalSetup) and the one the tests sign up. */
export const ADMIN = {
  email: 'admin@e2e.pixvault.test',
  name: 'Ada Admin',
  password: 'admin passphrase 2026',
  roles: ['ADMIN'],
} as const;

export const SUPPORT = {
  email: 'support@e2e.pixvault.test',
  name: 'Sam Support',
  password: 'support passphrase 2026',
  roles: ['SUPPORT'],
} as const;

export const PRIVACY_OFFICER = {
  email: 'privacy@e2e.pixvault.test',
  name: 'Pat Privacy',
  password: 'privacy passphrase 2026',
  roles: ['PRIVACY_OFFICER'],
} as const;

export const CUSTOMER = {
  email: 'grace@e2e.pixvault.test',
  name: 'Grace Hopper',
  company: 'Harvard Computation Lab',
  password: 'a long enough passphrase',
} as const;
