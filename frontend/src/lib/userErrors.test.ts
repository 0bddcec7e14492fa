import { describe, expect, it, vi } from 'vitest';
import { applyUserErrors, splitUserErrors } from './userErrors';

describe('splitUserErrors', () => {
  it('puts each error next to the input it names (camelCase input field names)', () => {
    const split = splitUserErrors(
      [
        { field: 'email', kind: 'EMAIL_TAKEN', message: 'An account with this email exists.' },
        { field: 'acceptPolicies', kind: 'POLICIES_NOT_ACCEPTED', message: 'Accept the terms.' },
        { field: null, kind: 'RATE_LIMITED', message: 'Too many sign-ups.' },
        { field: 'somethingElse', kind: 'UNKNOWN_FIELD', message: 'Unknown field.' },
      ],
      ['name', 'email', 'acceptPolicies'],
    );
    expect(split.byField).toEqual({
      email: 'An account with this email exists.',
      acceptPolicies: 'Accept the terms.',
    });
    expect(split.general).toEqual(['Too many sign-ups.', 'Unknown field.']);
  });

  it('joins two errors on one field', () => {
    const split = splitUserErrors(
      [
        { field: 'name', kind: 'REQUIRED', message: 'First.' },
        { field: 'name', kind: 'TOO_LONG', message: 'Second.' },
      ],
      ['name'],
    );
    expect(split.byField['name']).toBe('First. Second.');
  });
});

describe('applyUserErrors', () => {
  it("sets the form's field errors and returns the rest", () => {
    const form = { values: { currentPassword: '', newPassword: '' }, setErrors: vi.fn() };
    const general = applyUserErrors(form, [
      { field: 'currentPassword', kind: 'INVALID_PASSWORD', message: 'The current password is wrong.' },
      { kind: 'RATE_LIMITED', message: 'Too many attempts.' },
    ]);
    expect(form.setErrors).toHaveBeenCalledWith({ currentPassword: 'The current password is wrong.' });
    expect(general).toEqual(['Too many attempts.']);
  });
});
