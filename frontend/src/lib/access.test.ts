import { describe, expect, it } from 'vitest';
import { FieldAccess } from './access';

const errors = [
  { message: 'no', path: ['users', 'edges', 0, 'node', 'roles'], extensions: { code: 'FORBIDDEN' } },
  { message: 'no', path: ['auditLog'], extensions: { code: 'FORBIDDEN' } },
  { message: 'who?', path: ['user', 'sessions'], extensions: { code: 'UNAUTHENTICATED' } },
  { message: 'boom', path: ['user', 'activity'] },
  { message: 'no path' },
];

describe('FieldAccess', () => {
  const access = new FieldAccess(errors);

  it('names the denied field exactly', () => {
    expect(access.problemAt(['users', 'edges', 0, 'node', 'roles'])).toBe('FORBIDDEN');
    expect(access.isForbidden(['users', 'edges', 0, 'node', 'roles'])).toBe(true);
  });

  it('does not spread a denial to siblings or other rows', () => {
    expect(access.problemAt(['users', 'edges', 0, 'node', 'email'])).toBeNull();
    expect(access.problemAt(['users', 'edges', 1, 'node', 'roles'])).toBeNull();
    expect(access.problemAt(['users'])).toBeNull();
  });

  it('explains everything inside a denied field', () => {
    expect(access.isForbidden(['auditLog', 'edges', 3, 'node', 'actor'])).toBe(true);
  });

  it('tells an anonymous denial and other errors apart', () => {
    expect(access.problemAt(['user', 'sessions'])).toBe('UNAUTHENTICATED');
    expect(access.problemAt(['user', 'activity', 'edges'])).toBe('ERROR');
    expect(access.isForbidden(['user', 'activity'])).toBe(false);
  });

  it('finds errors under a prefix', () => {
    expect(access.anyUnder(['users'])).toBe(true);
    expect(access.anyUnder(['user', 'name'])).toBe(false);
  });

  it('is empty without errors', () => {
    expect(new FieldAccess().problemAt(['me'])).toBeNull();
  });
});
