import type { GraphQLErrorEntry } from './graphql';

/** Why a field of a partial result is missing. */
export type FieldProblem =
  /** the viewer's role may not read it (the server nulled it with FORBIDDEN) */
  | 'FORBIDDEN'
  /** the viewer is not signed in (or the session ended) */
  | 'UNAUTHENTICATED'
  /** any other error on that field */
  | 'ERROR';

export type ResponsePath = ReadonlyArray<string | number>;

function isPrefix(prefix: ResponsePath, path: ResponsePath): boolean {
  if (prefix.length > path.length) return false;
  return prefix.every((segment, i) => segment === path[i]);
}

/** The `extensions.code` of a GraphQL error, if it has one. */
export function errorCode(error: GraphQLErrorEntry): string | null {
  const code = error.extensions?.['code'];
  return typeof code === 'string' ? code : null;
}

/**
 * Reads the field errors of a partial GraphQL result.
 *
 * A field the viewer may not read comes back `null` with an error whose `path` names it.
 * `problemAt(path)` answers for that field and for anything inside it (an error on
 * `['user', 'activity']` also explains `['user', 'activity', 'edges']`).
 */
export class FieldAccess {
  readonly errors: readonly GraphQLErrorEntry[];

  constructor(errors: readonly GraphQLErrorEntry[] = []) {
    this.errors = errors;
  }

  /** The error that nulled the field at `path` (or one of its parents), if any. */
  errorAt(path: ResponsePath): GraphQLErrorEntry | null {
    return this.errors.find((e) => e.path !== undefined && isPrefix(e.path, path)) ?? null;
  }

  problemAt(path: ResponsePath): FieldProblem | null {
    const error = this.errorAt(path);
    if (!error) return null;
    const code = errorCode(error);
    return code === 'FORBIDDEN' || code === 'UNAUTHENTICATED' ? code : 'ERROR';
  }

  /** true when the viewer's role may not read the field at `path`. */
  isForbidden(path: ResponsePath): boolean {
    return this.problemAt(path) === 'FORBIDDEN';
  }

  /** A field error for anything under `prefix` (e.g. any denied column of a list). */
  anyUnder(prefix: ResponsePath): boolean {
    return this.errors.some((e) => e.path !== undefined && isPrefix(prefix, e.path));
  }
}
