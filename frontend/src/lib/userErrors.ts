import { useState } from 'react';
import type { UserErrorCode } from '../gql/graphql';
import { describeError } from './errors';

/** An expected failure from a mutation payload (the graph's UserError). */
export interface UserErrorLike {
  field?: string | null;
  /** what went wrong, as the graph's UserErrorCode enum: branch on this, never on the message */
  kind: UserErrorCode;
  message: string;
}

export interface SplitUserErrors {
  /** messages for the form's own fields, keyed by the input field name (camelCase) */
  byField: Record<string, string>;
  /** messages with no field, or a field the form does not show */
  general: string[];
}

/**
 * Split a payload's errors into those shown next to a field of the form and the rest.
 * `fields` are the names of the form's inputs, which match the graph's input field names.
 */
export function splitUserErrors(
  errors: readonly UserErrorLike[],
  fields: readonly string[],
): SplitUserErrors {
  const byField: Record<string, string> = {};
  const general: string[] = [];
  for (const error of errors) {
    if (error.field && fields.includes(error.field)) {
      byField[error.field] = byField[error.field]
        ? `${byField[error.field]} ${error.message}`
        : error.message;
    } else {
      general.push(error.message);
    }
  }
  return { byField, general };
}

interface FormWithErrors {
  setErrors: (errors: Record<string, string>) => void;
  values: object;
}

/**
 * Show a payload's errors on a @mantine/form form: each next to its field, and return the
 * messages that belong to no field (to show above the submit button).
 */
export function applyUserErrors(form: FormWithErrors, errors: readonly UserErrorLike[]): string[] {
  const { byField, general } = splitUserErrors(errors, Object.keys(form.values));
  form.setErrors(byField);
  return general;
}


/**
 * A hand-built form's error state: payload errors for its `fields` next to them, the rest (and
 * failures of the request itself) above the form. `setField` sets or clears one field's message
 * (client-side checks, or clearing it as the person types).
 */
export function useFormErrors(fields: readonly string[]) {
  const [byField, setByField] = useState<Record<string, string>>({});
  const [general, setGeneral] = useState<string[]>([]);
  return {
    byField,
    general,
    clear: () => {
      setByField({});
      setGeneral([]);
    },
    show: (errors: readonly UserErrorLike[]) => {
      const split = splitUserErrors(errors, fields);
      setByField(split.byField);
      setGeneral(split.general);
    },
    fail: (error: unknown) => setGeneral([describeError(error)]),
    setField: (field: string, message: string | null) =>
      setByField((current) => {
        const { [field]: _dropped, ...rest } = current;
        return message ? { ...rest, [field]: message } : rest;
      }),
  };
}
