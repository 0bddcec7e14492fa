import { vi } from 'vitest';

export interface GraphQLCall {
  operationName: string;
  variables: Record<string, unknown>;
  headers: Headers;
}

type Handler = (variables: Record<string, unknown>) => unknown;

/**
 * Stub `fetch` with a fake GraphQL server: each operation (by name) answers with the body its
 * handler returns (`{ data, errors }`). Unknown operations fail the test loudly.
 */
export function mockGraphQL(handlers: Record<string, Handler>) {
  const calls: GraphQLCall[] = [];
  const fetchMock = vi.fn<typeof fetch>(async (_input, init) => {
    const body = JSON.parse(String(init?.body)) as { query: string; variables: Record<string, unknown> };
    const operationName = /\b(?:query|mutation)\s+(\w+)/.exec(body.query)?.[1] ?? '<anonymous>';
    calls.push({ operationName, variables: body.variables, headers: new Headers(init?.headers) });
    const handler = handlers[operationName];
    if (!handler) throw new Error(`unexpected GraphQL operation ${operationName}`);
    return new Response(JSON.stringify(handler(body.variables)), {
      status: 200,
      headers: { 'Content-Type': 'application/json' },
    });
  });
  vi.stubGlobal('fetch', fetchMock);
  return {
    calls,
    fetchMock,
    callsOf: (name: string) => calls.filter((c) => c.operationName === name),
  };
}

export const viewer = (roles: string[] = ['CUSTOMER'], overrides: Record<string, unknown> = {}) => ({
  __typename: 'User',
  id: 'u1',
  name: 'Ada Lovelace',
  email: 'ada@example.test',
  roles,
  twoFactorEnabled: true,
  ...overrides,
});

export const forbidden = (path: Array<string | number>) => ({
  message: 'You may not read this field.',
  path,
  extensions: { code: 'FORBIDDEN' },
});
