import { describe, expect, it, vi } from 'vitest';
import { applyUserErrors, splitUserErrors } from './userErrors';

describe('splitUserErrors', () => {
  it('puts each error next to the input it names (camelCase input field names)', () => {
    const split = splitUserErrors(
      [
        { field: 'email', code: 'EMAIL_TAKEN', message: 'An account with this email exists.' },
        { field: 'acceptPolicies', code: 'POLICIES_NOT_ACCEPTED', message: 'Accept the terms.' },
        { field: null, code: 'RATE_LIMITED', message: 'Too many sign-ups.' },
        { field: 'somethingElse', code: 'X', message: 'Unknown field.' },
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
        { field: 'name', code: 'A', message: 'First.' },
        { field: 'name', code: 'B', message: 'Second.' },
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
      { field: 'currentPassword', code: 'INVALID_PASSWORD', message: 'The current password is wrong.' },
      { code: 'RATE_LIMITED', message: 'Too many attempts.' },
    ]);
    expect(form.setErrors).toHaveBeenCalledWith({ currentPassword: 'The current password is wrong.' });
    expect(general).toEqual(['Too many attempts.']);
  });
});
