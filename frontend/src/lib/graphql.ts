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
  const init: RequestInit = {
    method: 'POST',
    credentials: 'same-origin',
    headers: {
      'Content-Type': 'application/json',
      Accept: 'application/graphql-response+json, application/json',
      [CSRF_HEADER]: CSRF_HEADER_VALUE,
    },
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

  if (Array.isArray(payload.errors) && payload.errors.length > 0) {
    throw new GraphQLRequestError<TResult>(payload.errors, payload.data ?? null, response.status);
  }
  if (!response.ok) {
    throw new HttpRequestError(`GraphQL endpoint answered HTTP ${response.status}`, response.status);
  }
  if (payload.data === undefined || payload.data === null) {
    throw new HttpRequestError('GraphQL response has no data', response.status);
  }
  return payload.data;
}
