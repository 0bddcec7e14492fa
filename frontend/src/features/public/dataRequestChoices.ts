import type { DataSubjectRequestInput, DsarKind, ObjectionPurpose } from '../../gql/graphql';

/** The rights the anonymous form offers, each with what it does for someone without an account
 * (the backend's privacy/guests.py and guest_rights.py; an account holder's request covers
 * their account instead, which the answer never reveals). */
export const KINDS: ReadonlyArray<{ value: DsarKind; label: string; help: string }> = [
  {
    value: 'ACCESS',
    label: 'A copy of my data',
    help: 'We email you a link to download everything we hold for this address and this browser.',
  },
  {
    value: 'RECTIFICATION',
    label: 'Correct my name',
    help:
      'The name on messages you sent us through the contact form is corrected once our privacy ' +
      'team has checked the request.',
  },
  {
    value: 'ERASURE',
    label: 'The erasure of my data',
    help:
      'We delete what we hold for this address and this browser. Reports you made about images ' +
      'are kept without your address, as they concern someone else.',
  },
  {
    value: 'RESTRICTION',
    label: 'Stop using my data, keep it',
    help:
      'We keep your records but stop using them: your messages are no longer worked on, your ' +
      'address in reports you made is no longer used (the reports are still reviewed, as they ' +
      'concern other people), and this browser gets no analytics. It applies once you confirm.',
  },
  {
    value: 'OBJECTION',
    label: 'Object to a use of my data',
    help:
      'Tell us which use you object to. Marketing emails stop as soon as you confirm; an ' +
      'objection to analytics or on other grounds is decided by our privacy team.',
  },
];

export const PURPOSES: ReadonlyArray<{ value: ObjectionPurpose; label: string }> = [
  { value: 'ANALYTICS', label: 'Usage analytics in this browser' },
  { value: 'MARKETING_EMAIL', label: 'Marketing emails' },
  { value: 'OTHER', label: 'Another use (say which, and why, below)' },
];

/** The form's values. `corrections` holds the corrected name, the one field a record without
 * an account can have corrected; it is named after the input field so the backend's errors on
 * `corrections` show next to it. */
export interface DataRequestValues {
  email: string;
  kind: DsarKind;
  details: string;
  purpose: ObjectionPurpose | '';
  corrections: string;
}

export const EMPTY_REQUEST: DataRequestValues = {
  email: '',
  kind: 'ACCESS',
  details: '',
  purpose: '',
  corrections: '',
};

/** An objection on another ground needs the ground, which the backend takes from `details`. */
export function needsGrounds(values: DataRequestValues): boolean {
  return values.kind === 'OBJECTION' && values.purpose === 'OTHER';
}

export function validateRequest(values: DataRequestValues): Partial<Record<keyof DataRequestValues, string>> {
  const errors: Partial<Record<keyof DataRequestValues, string>> = {};
  if (!/^\S+@\S+\.\S+$/.test(values.email.trim())) errors.email = 'Enter a valid email address.';
  if (values.kind === 'OBJECTION' && !values.purpose) errors.purpose = 'Choose what you object to.';
  if (needsGrounds(values) && !values.details.trim())
    errors.details = 'Say which use you object to, and why.';
  if (values.kind === 'RECTIFICATION' && !values.corrections.trim())
    errors.corrections = 'Enter your name as it should be.';
  return errors;
}

/** The mutation's input: a purpose only for an objection, corrections only for a correction
 * (the backend refuses a purpose on any other kind). */
export function requestInput(values: DataRequestValues): DataSubjectRequestInput {
  const input: DataSubjectRequestInput = {
    kind: values.kind,
    email: values.email.trim(),
    details: values.details.trim() || null,
  };
  if (values.kind === 'OBJECTION') input.purpose = values.purpose || null;
  if (values.kind === 'RECTIFICATION') input.corrections = { name: values.corrections.trim() };
  return input;
}
