import { screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { App } from '../App';
import { renderWithProviders } from '../test/render';

function stubFetch(impl: () => Promise<Response>) {
  const fetchMock = vi.fn<typeof fetch>(impl);
  vi.stubGlobal('fetch', fetchMock);
  return fetchMock;
}

const json = (body: unknown, status = 200) =>
  Promise.resolve(
    new Response(JSON.stringify(body), {
      status,
      headers: { 'Content-Type': 'application/json' },
    }),
  );

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('HomePage', () => {
  it('shows the product name, description and the signed-in user', async () => {
    stubFetch(() => json({ data: { me: { id: 'u1', name: 'Ada Lovelace', email: null } } }));

    renderWithProviders(<App />);

    expect(screen.getByRole('heading', { level: 1, name: 'Pixvault' })).toBeInTheDocument();
    expect(screen.getByText(/privacy-first image management/i)).toBeInTheDocument();
    expect(await screen.findByText('Signed in')).toBeInTheDocument();
    expect(screen.getByText('as Ada Lovelace')).toBeInTheDocument();
  });

  it('shows "Not signed in" when me is null', async () => {
    stubFetch(() => json({ data: { me: null } }));
    renderWithProviders(<App />);
    expect(await screen.findByText('Not signed in')).toBeInTheDocument();
  });

  it('shows "Not signed in" when the request fails', async () => {
    stubFetch(() => Promise.reject(new TypeError('Failed to fetch')));
    renderWithProviders(<App />);
    expect(await screen.findByText('Not signed in')).toBeInTheDocument();
  });
});

describe('routing', () => {
  it.each([
    ['/library', 'Library'],
    ['/library/albums/42', 'Library'],
    ['/admin', 'Admin console'],
    ['/admin/users', 'Admin console'],
    ['/nope', 'Page not found'],
  ])('renders the placeholder for %s', (route, heading) => {
    stubFetch(() => json({ data: { me: null } }));
    renderWithProviders(<App />, { route });
    expect(screen.getByRole('heading', { level: 2, name: heading })).toBeInTheDocument();
  });
});
