/** An expected failure from a mutation payload (the graph's UserError). */
export interface UserErrorLike {
  field?: string | null;
  code: string;
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
