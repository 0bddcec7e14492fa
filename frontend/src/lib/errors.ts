import { GraphQLRequestError, HttpRequestError } from './graphql';

/** A sentence for a person about why a request failed. */
export function describeError(error: unknown): string {
  if (error instanceof GraphQLRequestError) {
    if (error.codes.includes('UNAUTHENTICATED')) return 'Your session has ended. Log in again.';
    if (error.codes.includes('FORBIDDEN')) return 'Your role does not give access to this.';
    return error.message;
  }
  if (error instanceof HttpRequestError) {
    if (error.status === 429) return 'Too many requests. Wait a moment and try again.';
    if (error.status >= 500) return 'The server had a problem. Try again in a moment.';
    return `The request failed (HTTP ${error.status}).`;
  }
  if (error instanceof TypeError) return 'The server cannot be reached. Check your connection.';
  if (error instanceof Error && error.message) return error.message;
  return 'Something went wrong.';
}
