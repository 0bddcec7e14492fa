import { describe, expect, it } from 'vitest';
import {
  countryFlag,
  describeClient,
  describeTarget,
  formatRelative,
  formatTimeInZone,
  humanize,
  initials,
  isPrivateAddress,
  placeLabel,
} from './format';

describe('format', () => {
  it('describes audit and activity targets in words', () => {
    expect(describeTarget('User.companyName,User.email,User.name')).toBe('company name, email, name');
    expect(describeTarget('name,company_name,email (pending)')).toBe('name, company name, email (pending)');
    expect(describeTarget('CUSTOMER -> CUSTOMER,SUPPORT')).toBe('CUSTOMER -> CUSTOMER,SUPPORT');
    expect(describeTarget(null)).toBeNull();
  });

  it('names places, and knows a local address has none', () => {
    expect(placeLabel('DE', '203.0.113.9')).toMatch(/Germany|DE/);
    expect(placeLabel(null, '127.0.0.1')).toBe('Local network');
    expect(placeLabel(null, '192.168.1.20')).toBe('Local network');
    expect(placeLabel(null, '203.0.113.9')).toBe('Unknown place');
    expect(isPrivateAddress('172.20.0.1')).toBe(true);
    expect(isPrivateAddress('172.32.0.1')).toBe(false);
    expect(isPrivateAddress('::1')).toBe(true);
    expect(countryFlag('fr')).toBe('🇫🇷');
    expect(countryFlag('nope')).toBe('');
  });

  it('shows the time in the zone where something happened', () => {
    const tokyo = formatTimeInZone('2026-03-01T12:00:00Z', 'Asia/Tokyo');
    expect(tokyo).toMatch(/21:00|9:00/);
    expect(formatTimeInZone('2026-03-01T12:00:00Z', 'Not/AZone')).toBeNull();
    expect(formatTimeInZone('2026-03-01T12:00:00Z', null)).toBeNull();
  });

  it('says how long ago', () => {
    const now = new Date('2026-03-01T12:00:00Z');
    expect(formatRelative('2026-03-01T11:59:50Z', now)).toBe('just now');
    expect(formatRelative('2026-03-01T11:55:00Z', now)).toBe('5 minutes ago');
    expect(formatRelative('2026-02-28T12:00:00Z', now)).toBe('yesterday');
    expect(formatRelative(null, now)).toBe('—');
  });

  it('formats names, clients and enum values', () => {
    expect(initials('Grace Brewster Hopper')).toBe('GH');
    expect(initials('', 'A')).toBe('A');
    expect(describeClient('Firefox', 'Ubuntu', '128.0')).toBe('Firefox 128.0 on Ubuntu');
    expect(describeClient(null, null)).toBe('Unknown device');
    expect(humanize('READ_PERSONAL_DATA')).toBe('Read personal data');
  });
});
