import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { print } from 'graphql';

/** The endpoint served by the Pixvault backend (same origin as the SPA). */
export const GRAPHQL_ENDPOINT = '/graphql';

/**
 * Header the server requires on every GraphQL request (its CSRF rule): a
 * cross-site form or simple request cannot set a custom header.
 */
export const CSRF_HEADER = 'X-Requested-With';
export const CSRF_HEADER_VALUE = 'pixvault';

/** Header carrying the browser's IANA time zone (runtime contract: optional). */
export const TIMEZONE_HEADER = 'X-Timezone';

/** One entry of a GraphQL response's `errors` array. */
export interface GraphQLErrorEntry {
  message: string;
  path?: ReadonlyArray<string | number>;
  locations?: ReadonlyArray<{ line: number; column: number }>;
  extensions?: Record<string, unknown>;
}

interface GraphQLResponse<TResult> {
  data?: TResult | null;
  errors?: GraphQLErrorEntry[];
}

/** Thrown when the server answers with a GraphQL `errors` array. */
export class GraphQLRequestError<TResult = unknown> extends Error {
  override readonly name = 'GraphQLRequestError';
  readonly errors: readonly GraphQLErrorEntry[];
  /** Partial data, when the server returned some alongside the errors. */
  readonly data: TResult | null;
  readonly status: number;

  constructor(errors: readonly GraphQLErrorEntry[], data: TResult | null, status: number) {
    super(errors.map((e) => e.message).join('; ') || 'GraphQL request failed');
    this.errors = errors;
    this.data = data;
    this.status = status;
  }

  /** The machine-readable codes (`extensions.code`) of the errors, if any. */
  get codes(): string[] {
    return this.errors
      .map((e) => e.extensions?.['code'])
      .filter((code): code is string => typeof code === 'string');
  }
}

/** Thrown when the HTTP exchange itself fails or the body is not a GraphQL response. */
export class HttpRequestError extends Error {
  override readonly name = 'HttpRequestError';
  readonly status: number;

  constructor(message: string, status: number) {
    super(message);
    this.status = status;
  }
}

/** The browser's IANA time zone, sent as `X-Timezone` so activity records the local zone. */
export function browserTimeZone(): string | null {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || null;
  } catch {
    return null;
  }
}

export interface GraphQLRequestOptions {
  signal?: AbortSignal;
  /** Override the endpoint (tests, or a future admin endpoint). */
  endpoint?: string;
}

/**
 * Execute a typed GraphQL operation against the backend.
 *
 * Sends JSON with the session cookie (same-origin) and the CSRF header, and
 * returns `data` typed from the generated document. Throws
 * {@link GraphQLRequestError} when the response carries GraphQL errors and
 * {@link HttpRequestError} when the HTTP exchange fails.
 */
export async function graphqlRequest<TResult, TVariables>(
  document: TypedDocumentNode<TResult, TVariables>,
  variables: TVariables,
  options: GraphQLRequestOptions = {},
): Promise<TResult> {
  const { data, errors, status } = await execute(document, variables, options);
  if (errors.length > 0) {
    throw new GraphQLRequestError<TResult>(errors, data, status);
  }
  if (data === null) {
    throw new HttpRequestError('GraphQL response has no data', status);
  }
  return data;
}

/** A response whose data may be partial: some fields null, each with an entry in `errors`. */
export interface PartialResult<TResult> {
  data: TResult;
  /** Errors on individual fields (FORBIDDEN for fields the viewer's role may not read). */
  errors: readonly GraphQLErrorEntry[];
}

/**
 * Like {@link graphqlRequest}, but keeps partial data: when the server answers with data
 * alongside errors (a field the viewer may not read comes back null with a FORBIDDEN error on
 * its path), the data and those errors are returned instead of thrown. Throws only when there
 * is no data at all.
 */
export async function graphqlRequestPartial<TResult, TVariables>(
  document: TypedDocumentNode<TResult, TVariables>,
  variables: TVariables,
  options: GraphQLRequestOptions = {},
): Promise<PartialResult<TResult>> {
  const { data, errors, status } = await execute(document, variables, options);
  if (data === null) {
    if (errors.length > 0) throw new GraphQLRequestError<TResult>(errors, null, status);
    throw new HttpRequestError('GraphQL response has no data', status);
  }
  return { data, errors };
}

async function execute<TResult, TVariables>(
  document: TypedDocumentNode<TResult, TVariables>,
  variables: TVariables,
  options: GraphQLRequestOptions,
): Promise<{ data: TResult | null; errors: GraphQLErrorEntry[]; status: number }> {
  const headers: Record<string, string> = {
    'Content-Type': 'application/json',
    Accept: 'application/graphql-response+json, application/json',
    [CSRF_HEADER]: CSRF_HEADER_VALUE,
  };
  const timeZone = browserTimeZone();
  if (timeZone) headers[TIMEZONE_HEADER] = timeZone;
  const init: RequestInit = {
    method: 'POST',
    credentials: 'same-origin',
    headers,
    body: JSON.stringify({ query: print(document), variables }),
  };
  if (options.signal) init.signal = options.signal;

  const response = await fetch(options.endpoint ?? GRAPHQL_ENDPOINT, init);

  let payload: GraphQLResponse<TResult>;
  try {
    payload = (await response.json()) as GraphQLResponse<TResult>;
  } catch {
    throw new HttpRequestError(
      `GraphQL endpoint answered HTTP ${response.status} without a JSON body`,
      response.status,
    );
  }
  if (payload === null || typeof payload !== 'object') {
    throw new HttpRequestError('GraphQL endpoint answered with a malformed body', response.status);
  }

  const errors = Array.isArray(payload.errors) ? payload.errors : [];
  if (errors.length > 0 && (payload.data === undefined || payload.data === null)) {
    throw new GraphQLRequestError<TResult>(errors, null, response.status);
  }
  if (!response.ok) {
    if (errors.length > 0) {
      throw new GraphQLRequestError<TResult>(errors, payload.data ?? null, response.status);
    }
    throw new HttpRequestError(`GraphQL endpoint answered HTTP ${response.status}`, response.status);
  }
  return { data: payload.data ?? null, errors, status: response.status };
}
