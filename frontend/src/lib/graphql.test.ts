import { afterEach, describe, expect, it, vi } from 'vitest';
import { MeQuery } from './meQueries';
import {
  GraphQLRequestError,
  HttpRequestError,
  graphqlRequest,
  graphqlRequestPartial,
} from './graphql';

function jsonResponse(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json' },
  });
}

function mockFetch(response: Response) {
  const fetchMock = vi.fn<typeof fetch>().mockResolvedValue(response);
  vi.stubGlobal('fetch', fetchMock);
  return fetchMock;
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('graphqlRequest', () => {
  it('POSTs JSON to /graphql with the CSRF header and same-origin credentials', async () => {
    const fetchMock = mockFetch(
      jsonResponse({ data: { me: { id: 'u1', name: 'Ada', email: 'ada@example.test' } } }),
    );

    const data = await graphqlRequest(MeQuery, {});

    expect(data.me?.name).toBe('Ada');
    expect(fetchMock).toHaveBeenCalledTimes(1);
    const [url, init] = fetchMock.mock.calls[0]!;
    expect(url).toBe('/graphql');
    expect(init?.method).toBe('POST');
    expect(init?.credentials).toBe('same-origin');
    const headers = new Headers(init?.headers);
    expect(headers.get('Content-Type')).toBe('application/json');
    expect(headers.get('X-Requested-With')).toBe('pixvault');

    const body = JSON.parse(String(init?.body)) as { query: string; variables: unknown };
    expect(body.variables).toEqual({});
    expect(body.query).toMatch(/query Me\b/);
    expect(body.query).toMatch(/me\s*\{\s*id\s+name\s+email\s+roles\s+twoFactorEnabled\s*\}/);
  });

  it('returns null data fields as-is (me: null means not signed in)', async () => {
    mockFetch(jsonResponse({ data: { me: null } }));
    await expect(graphqlRequest(MeQuery, {})).resolves.toEqual({ me: null });
  });

  it('throws a GraphQLRequestError carrying the errors and partial data', async () => {
    mockFetch(
      jsonResponse({
        data: { me: null },
        errors: [
          { message: 'Not authenticated', path: ['me'], extensions: { code: 'UNAUTHENTICATED' } },
        ],
      }),
    );

    const error = await graphqlRequest(MeQuery, {}).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(GraphQLRequestError);
    const gqlError = error as GraphQLRequestError<{ me: null }>;
    expect(gqlError.message).toBe('Not authenticated');
    expect(gqlError.codes).toEqual(['UNAUTHENTICATED']);
    expect(gqlError.errors[0]?.path).toEqual(['me']);
    expect(gqlError.data).toEqual({ me: null });
    expect(gqlError.status).toBe(200);
  });

  it('surfaces GraphQL errors sent with a non-2xx status', async () => {
    mockFetch(jsonResponse({ errors: [{ message: 'CSRF check failed' }] }, 400));
    await expect(graphqlRequest(MeQuery, {})).rejects.toMatchObject({
      name: 'GraphQLRequestError',
      message: 'CSRF check failed',
      status: 400,
    });
  });

  it('throws an HttpRequestError when the body is not JSON', async () => {
    mockFetch(new Response('<html>Bad gateway</html>', { status: 502 }));
    const error = await graphqlRequest(MeQuery, {}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HttpRequestError);
    expect((error as HttpRequestError).status).toBe(502);
  });

  it('passes the abort signal through', async () => {
    const fetchMock = mockFetch(jsonResponse({ data: { me: null } }));
    const controller = new AbortController();
    await graphqlRequest(MeQuery, {}, { signal: controller.signal });
    expect(fetchMock.mock.calls[0]![1]?.signal).toBe(controller.signal);
  });

  it('sends the browser time zone as X-Timezone', async () => {
    const fetchMock = mockFetch(jsonResponse({ data: { me: null } }));
    await graphqlRequest(MeQuery, {});
    const headers = new Headers(fetchMock.mock.calls[0]![1]?.headers);
    expect(headers.get('X-Timezone')).toBe(Intl.DateTimeFormat().resolvedOptions().timeZone);
  });
});

describe('graphqlRequestPartial', () => {
  const partial = {
    data: { me: { id: 'u1', name: 'Ada', email: 'ada@example.test', roles: null } },
    errors: [
      { message: 'You may not read this field.', path: ['me', 'roles'], extensions: { code: 'FORBIDDEN' } },
    ],
  };

  it('keeps partial data and hands back the field errors', async () => {
    mockFetch(jsonResponse(partial));
    const result = await graphqlRequestPartial(MeQuery, {});
    expect(result.data.me?.name).toBe('Ada');
    expect(result.data.me?.roles).toBeNull();
    expect(result.errors).toHaveLength(1);
    expect(result.errors[0]?.path).toEqual(['me', 'roles']);
  });

  it('answers with no errors when there are none', async () => {
    mockFetch(jsonResponse({ data: { me: null } }));
    await expect(graphqlRequestPartial(MeQuery, {})).resolves.toEqual({ data: { me: null }, errors: [] });
  });

  it('throws when the whole request failed (no data)', async () => {
    mockFetch(jsonResponse({ data: null, errors: [{ message: 'Query too deep' }] }));
    await expect(graphqlRequestPartial(MeQuery, {})).rejects.toBeInstanceOf(GraphQLRequestError);
  });

  it('throws an HttpRequestError when the server fails without a GraphQL answer', async () => {
    mockFetch(new Response('oops', { status: 500 }));
    await expect(graphqlRequestPartial(MeQuery, {})).rejects.toBeInstanceOf(HttpRequestError);
  });

  it('still makes graphqlRequest throw on the same partial answer', async () => {
    mockFetch(jsonResponse(partial));
    const error = await graphqlRequest(MeQuery, {}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GraphQLRequestError);
    expect((error as GraphQLRequestError).codes).toEqual(['FORBIDDEN']);
  });
});
