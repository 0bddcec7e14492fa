import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { App } from '../../app/App';
import { mockGraphQL, viewer } from '../../test/graphqlMock';
import { renderWithProviders } from '../../test/render';
import { FakeXhr } from './fakeXhr';

// The machine is shared: give the first render of the whole app more than a second.

afterEach(() => {
  vi.unstubAllGlobals();
});

beforeEach(() => {
  FakeXhr.instances = [];
});

const node = (id: string, overrides: Record<string, unknown> = {}) => ({
  id,
  filename: `${id}.jpg`,
  width: 1200,
  height: 800,
  visibility: 'PRIVATE',
  status: 'ACTIVE',
  folder: null,
  tags: [],
  createdAt: '2026-03-01T10:00:00Z',
  thumbnailUrl: `http://cdn.test/i/${id}?w=320&h=320&fm=webp`,
  ...overrides,
});

const page = (nodes: unknown[], { next = null as string | null, total = nodes.length } = {}) => ({
  data: {
    assets: {
      totalCount: total,
      pageInfo: { hasNextPage: next !== null, endCursor: next },
      edges: nodes.map((n, i) => ({ cursor: `c${i}`, node: n })),
    },
  },
});

const baseHandlers = {
  Me: () => ({ data: { me: viewer() } }),
  AssetFolders: () => ({ data: { assetFolders: ['Trips', 'Trips/2026'] } }),
};

describe('library grid', () => {
  it('shows lazily loaded thumbnails and loads the next page after the cursor', async () => {
    const gql = mockGraphQL({
      ...baseHandlers,
      LibraryAssets: ({ after }) =>
        after === 'p1'
          ? page([node('c')], { total: 3 })
          : page([node('a', { tags: ['sea'], folder: 'Trips' }), node('b')], { next: 'p1', total: 3 }),
    });
    renderWithProviders(<App />, { route: '/library' });
    const card = await screen.findByRole('article', { name: 'a.jpg' });
    const img = within(card).getByRole('img', { name: 'a.jpg' });
    expect(img).toHaveAttribute('loading', 'lazy');
    expect(img).toHaveAttribute('src', 'http://cdn.test/i/a?w=320&h=320&fm=webp');
    expect(within(card).getByText('Trips')).toBeInTheDocument();
    expect(gql.callsOf('LibraryAssets')[0]?.variables).toEqual({ first: 24, after: null });

    fireEvent.click(screen.getByRole('button', { name: 'Load more' }));
    expect(await screen.findByRole('article', { name: 'c.jpg' })).toBeInTheDocument();
    expect(gql.callsOf('LibraryAssets')[1]?.variables).toEqual({ first: 24, after: 'p1' });
    expect(screen.getAllByRole('article')).toHaveLength(3);
    expect(screen.queryByRole('button', { name: 'Load more' })).not.toBeInTheDocument();
    expect(screen.getByText('All 3 images')).toBeInTheDocument();
  });

  it('says the library is empty, and offers to clear filters that match nothing', async () => {
    const gql = mockGraphQL({ ...baseHandlers, LibraryAssets: () => page([]) });
    renderWithProviders(<App />, { route: '/library' });
    expect(await screen.findByRole('heading', { name: 'Your library is empty' })).toBeInTheDocument();

    fireEvent.click(screen.getByRole('radio', { name: 'Public' }));
    expect(await screen.findByRole('heading', { name: 'No images match' })).toBeInTheDocument();
    expect(gql.callsOf('LibraryAssets').at(-1)?.variables).toEqual({ first: 24, after: null, visibility: 'PUBLIC' });
    fireEvent.click(screen.getAllByRole('button', { name: 'Clear filters' })[0]!);
    expect(await screen.findByRole('heading', { name: 'Your library is empty' })).toBeInTheDocument();
  });

  it('filters by a tag badge, by folder ("No folder" is folder: "") and by search', async () => {
    const gql = mockGraphQL({
      ...baseHandlers,
      LibraryAssets: () => page([node('a', { tags: ['sea'] })]),
    });
    renderWithProviders(<App />, { route: '/library?folder=' });
    await screen.findByRole('article', { name: 'a.jpg' });
    expect(gql.callsOf('LibraryAssets')[0]?.variables).toEqual({ first: 24, after: null, folder: '' });

    fireEvent.click(screen.getByRole('button', { name: 'Show images tagged sea' }));
    await waitFor(() =>
      expect(gql.callsOf('LibraryAssets').at(-1)?.variables).toEqual({ first: 24, after: null, folder: '', tag: 'sea' }),
    );
    fireEvent.change(screen.getByRole('textbox', { name: 'Search' }), { target: { value: ' harbour ' } });
    await waitFor(() =>
      expect(gql.callsOf('LibraryAssets').at(-1)?.variables).toMatchObject({ search: 'harbour', tag: 'sea' }),
    );
  });

  it('makes an image public with its switch', async () => {
    let visibility = 'PRIVATE';
    const gql = mockGraphQL({
      ...baseHandlers,
      LibraryAssets: () => page([node('a', { visibility })]),
      UpdateAsset: ({ id, input }) => {
        visibility = (input as { visibility: string }).visibility;
        return { data: { updateAsset: { asset: { id, filename: 'a.jpg', visibility, folder: null, tags: [], url: 'u' }, errors: [] } } };
      },
    });
    renderWithProviders(<App />, { route: '/library' });
    const toggle = await screen.findByRole('switch', { name: 'Public: a.jpg' });
    expect(toggle).not.toBeChecked();
    fireEvent.click(toggle);
    await waitFor(() => expect(gql.callsOf('UpdateAsset')).toHaveLength(1));
    expect(gql.callsOf('UpdateAsset')[0]?.variables).toEqual({ id: 'a', input: { visibility: 'PUBLIC' } });
    await waitFor(() => expect(screen.getByRole('switch', { name: 'Public: a.jpg' })).toBeChecked());
    expect(gql.callsOf('LibraryAssets').length).toBeGreaterThan(1);
  });
  it('moves an image to a folder from its menu', async () => {
    const gql = mockGraphQL({
      ...baseHandlers,
      LibraryAssets: () => page([node('a')]),
      UpdateAsset: ({ id, input }) => ({
        data: { updateAsset: { asset: { id, filename: 'a.jpg', visibility: 'PRIVATE', folder: (input as { folder: string }).folder, tags: [], url: 'u' }, errors: [] } },
      }),
    });
    renderWithProviders(<App />, { route: '/library' });
    fireEvent.click(await screen.findByRole('button', { name: 'More actions for a.jpg' }));
    fireEvent.click(await screen.findByRole('menuitem', { name: 'Move to folder…' }));
    const dialog = await screen.findByRole('dialog', { name: 'Move to folder' });
    fireEvent.change(within(dialog).getByRole('combobox', { name: 'Folder' }), { target: { value: ' Trips/2026 ' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Move' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    expect(gql.callsOf('UpdateAsset')[0]?.variables).toEqual({ id: 'a', input: { folder: 'Trips/2026' } });
  });
});

describe('uploading', () => {
  function choose(files: File[]) {
    const input = screen.getByLabelText('Image files to upload') as HTMLInputElement;
    Object.defineProperty(input, 'files', { value: files, configurable: true });
    fireEvent.change(input);
  }

  it('shows a progress bar per file, an error for an unsupported one, and refreshes the grid', async () => {
    vi.stubGlobal('XMLHttpRequest', FakeXhr);
    let uploaded = false;
    const gql = mockGraphQL({
      ...baseHandlers,
      LibraryAssets: () => page(uploaded ? [node('new', { filename: 'cat.png' })] : []),
    });
    renderWithProviders(<App />, { route: '/library' });
    await screen.findByRole('heading', { name: 'Your library is empty' });
    choose([
      new File(['%PDF'], 'report.pdf', { type: 'application/pdf' }),
      new File([new Uint8Array(10)], 'cat.png', { type: 'image/png' }),
    ]);

    const refused = await screen.findByRole('listitem', { name: /^report\.pdf/ });
    expect(within(refused).getByRole('alert')).toHaveTextContent(
      'Unsupported type: upload a JPEG, PNG, WebP, GIF, AVIF or HEIC image.',
    );
    await waitFor(() => expect(FakeXhr.instances).toHaveLength(1));
    const xhr = FakeXhr.instances[0]!;
    expect(xhr.headers['X-Requested-With']).toBe('pixvault');
    expect((xhr.body!.get('0') as File).name).toBe('cat.png');

    xhr.progress(40, 100);
    const bar = await screen.findByRole('progressbar', { name: 'Upload progress of cat.png' });
    await waitFor(() => expect(bar).toHaveAttribute('aria-valuenow', '40'));
    expect(screen.getByRole('listitem', { name: 'cat.png: 40%' })).toBeInTheDocument();

    uploaded = true;
    xhr.progress(100, 100);
    xhr.respond(200, { data: { uploadAsset: { asset: { id: 'new', filename: 'cat.png' }, errors: [] } } });
    expect(await screen.findByRole('listitem', { name: 'cat.png: Uploaded' })).toBeInTheDocument();
    expect(await screen.findByRole('article', { name: 'cat.png' })).toBeInTheDocument();
    // the refused file is still listed
    expect(screen.getByRole('listitem', { name: /^report\.pdf/ })).toBeInTheDocument();
    expect(gql.callsOf('LibraryAssets').length).toBeGreaterThan(1);
  });

  it('shows the server refusing a file as too big, next to that file only', async () => {
    vi.stubGlobal('XMLHttpRequest', FakeXhr);
    mockGraphQL({ ...baseHandlers, LibraryAssets: () => page([]) });
    renderWithProviders(<App />, { route: '/library' });
    await screen.findByRole('heading', { name: 'Your library is empty' });
    fireEvent.change(screen.getByRole('combobox', { name: 'Folder for new images' }), { target: { value: 'Trips/2026' } });
    choose([
      new File([new Uint8Array(10)], 'huge.jpg', { type: 'image/jpeg' }),
      new File([new Uint8Array(10)], 'small.jpg', { type: 'image/jpeg' }),
    ]);
    await waitFor(() => expect(FakeXhr.instances).toHaveLength(2));
    const [huge, small] = FakeXhr.instances;
    const operations = JSON.parse(String(small!.body?.get('operations'))) as { variables: unknown };
    expect(operations.variables).toEqual({ file: null, folder: 'Trips/2026' });
    huge!.respond(413, {
      errors: [{ message: 'The request body exceeds 50065536 bytes.', extensions: { code: 'PAYLOAD_TOO_LARGE' } }],
    });
    small!.respond(200, { data: { uploadAsset: { asset: { id: 's', filename: 'small.jpg' }, errors: [] } } });
    const item = await screen.findByRole('listitem', { name: 'huge.jpg: Failed' });
    expect(within(item).getByRole('alert')).toHaveTextContent('Too big: The request body exceeds 50065536 bytes.');
    expect(await screen.findByRole('listitem', { name: 'small.jpg: Uploaded' })).toBeInTheDocument();
  });
  it('imports from a URL and shows the server refusal under the field', async () => {
    let imported = false;
    const gql = mockGraphQL({
      ...baseHandlers,
      LibraryAssets: () => page(imported ? [node('web', { filename: 'web.jpg' })] : []),
      ImportAssetFromUrl: ({ url }) => {
        if (String(url).includes('127.0.0.1')) {
          return { data: { importAssetFromUrl: { asset: null, errors: [{ field: 'url', kind: 'FORBIDDEN_ADDRESS', message: 'That address is not public.' }] } } };
        }
        imported = true;
        return { data: { importAssetFromUrl: { asset: { id: 'web', filename: 'web.jpg' }, errors: [] } } };
      },
    });
    renderWithProviders(<App />, { route: '/library' });
    await screen.findByRole('heading', { name: 'Your library is empty' });
    const field = screen.getByRole('textbox', { name: 'Import from a public URL' });
    fireEvent.change(field, { target: { value: 'not a url' } });
    fireEvent.click(screen.getByRole('button', { name: 'Import' }));
    expect(await screen.findByText('Enter a public http(s) address of an image.')).toBeInTheDocument();
    expect(gql.callsOf('ImportAssetFromUrl')).toHaveLength(0);

    fireEvent.change(field, { target: { value: 'http://127.0.0.1/x.jpg' } });
    fireEvent.click(screen.getByRole('button', { name: 'Import' }));
    expect(await screen.findByText('That address is not public.')).toBeInTheDocument();
    expect(field).toHaveAttribute('aria-invalid', 'true');

    fireEvent.change(field, { target: { value: 'https://example.com/web.jpg' } });
    fireEvent.click(screen.getByRole('button', { name: 'Import' }));
    expect(await screen.findByRole('article', { name: 'web.jpg' })).toBeInTheDocument();
    expect(gql.callsOf('ImportAssetFromUrl').at(-1)?.variables).toEqual({ url: 'https://example.com/web.jpg', folder: null });
  });
});

describe('image view', () => {
  const asset = (overrides: Record<string, unknown> = {}) => ({
    id: 'a1',
    filename: 'beach.jpg',
    contentType: 'image/jpeg',
    byteSize: 2_400_000,
    width: 1600,
    height: 1000,
    visibility: 'PUBLIC',
    status: 'ACTIVE',
    folder: 'Trips',
    tags: ['sea'],
    createdAt: '2026-03-01T10:00:00Z',
    url: 'http://cdn.test/i/a1',
    downloadUrl: 'http://cdn.test/i/a1?dl=1&sig=x',
    hasLocationData: true,
    moderationNote: null,
    viewCount: 3,
    downloadCount: 1,
    detailsPublic: false,
    previewUrl: 'http://cdn.test/i/a1?w=1200',
    ...overrides,
  });

  it("publishes a public image's filename, folder and tags only when asked", async () => {
    const gql = mockGraphQL({
      ...baseHandlers,
      LibraryAsset: () => ({ data: { asset: asset({ hasLocationData: false }) } }),
      RenditionUrl: () => ({ data: { asset: { id: 'a1', variantUrl: 'http://cdn.test/i/a1?w=800' } } }),
      UpdateAsset: ({ id }) => ({
        data: { updateAsset: { asset: { id, filename: 'beach.jpg', visibility: 'PUBLIC', folder: 'Trips', tags: ['sea'], url: 'u' }, errors: [] } },
      }),
    });
    renderWithProviders(<App />, { route: '/library/a1' });
    await screen.findByRole('heading', { level: 1, name: 'beach.jpg' });
    const toggle = screen.getByRole('switch', { name: 'Show filename, folder and tags' });
    expect(toggle).not.toBeChecked();
    expect(screen.getByText('Others see a neutral filename and no folder or tags.')).toBeInTheDocument();
    fireEvent.click(toggle);
    await waitFor(() => expect(gql.callsOf('UpdateAsset')).toHaveLength(1));
    expect(gql.callsOf('UpdateAsset')[0]?.variables).toEqual({ id: 'a1', input: { publishDetails: true } });
  });

  it('warns about location data, shows the public URL with a copy button and builds rendition URLs', async () => {
    const gql = mockGraphQL({
      ...baseHandlers,
      LibraryAsset: () => ({ data: { asset: asset() } }),
      RenditionUrl: (v) => ({
        data: { asset: { id: 'a1', variantUrl: `http://cdn.test/i/a1?w=${String(v['width'])}&fm=${String(v['format']).toLowerCase()}` } },
      }),
    });
    renderWithProviders(<App />, { route: '/library/a1' });
    expect(await screen.findByRole('heading', { level: 1, name: 'beach.jpg' })).toBeInTheDocument();
    expect(screen.getByTestId('location-warning')).toHaveTextContent('This photo carries location data');
    expect(screen.getByLabelText('Public URL')).toHaveTextContent('http://cdn.test/i/a1');
    expect(screen.getByRole('button', { name: 'Copy public url' })).toBeInTheDocument();
    expect(screen.getByRole('switch', { name: 'Public: beach.jpg' })).toBeChecked();

    // The builder starts at 800 × 500 WebP and asks the graph for that URL.
    await waitFor(() => expect(gql.callsOf('RenditionUrl')).toHaveLength(1));
    expect(gql.callsOf('RenditionUrl')[0]?.variables).toEqual({
      id: 'a1',
      width: 800,
      height: 500,
      fit: 'COVER',
      format: 'WEBP',
      quality: 80,
    });
    expect(await screen.findByLabelText('Rendition URL')).toHaveTextContent('http://cdn.test/i/a1?w=800&fm=webp');
    expect(screen.getByTestId('rendition-preview')).toHaveAttribute('src', 'http://cdn.test/i/a1?w=800&fm=webp');

    // Too wide for this image: said next to the field, and nothing is asked.
    fireEvent.change(screen.getByRole('textbox', { name: 'Width' }), { target: { value: '4000' } });
    expect(await screen.findByText('At most 3200 px for this image (twice its own width).')).toBeInTheDocument();
    fireEvent.change(screen.getByRole('textbox', { name: 'Width' }), { target: { value: '300' } });
    await waitFor(() => expect(gql.callsOf('RenditionUrl').at(-1)?.variables).toMatchObject({ width: 300 }));
    expect(gql.callsOf('RenditionUrl').some((c) => c.variables['width'] === 4000)).toBe(false);
  });

  it('hides the public URL of a private image, and deletes after confirming', async () => {
    const gql = mockGraphQL({
      ...baseHandlers,
      LibraryAsset: () => ({ data: { asset: asset({ visibility: 'PRIVATE', hasLocationData: false }) } }),
      RenditionUrl: () => ({ data: { asset: { id: 'a1', variantUrl: 'http://cdn.test/i/a1?sig=s' } } }),
      DeleteAsset: () => ({ data: { deleteAsset: { deletedId: 'a1', errors: [] } } }),
      LibraryAssets: () => page([]),
    });
    renderWithProviders(<App />, { route: '/library/a1' });
    await screen.findByRole('heading', { level: 1, name: 'beach.jpg' });
    expect(screen.queryByLabelText('Public URL')).not.toBeInTheDocument();
    expect(screen.queryByTestId('location-warning')).not.toBeInTheDocument();

    fireEvent.click(screen.getByRole('button', { name: 'Delete' }));
    const dialog = await screen.findByRole('dialog');
    fireEvent.click(within(dialog).getByRole('button', { name: 'Delete image' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Library' })).toBeInTheDocument();
    expect(gql.callsOf('DeleteAsset')[0]?.variables).toEqual({ id: 'a1' });
  });

  it('says so when the image does not exist', async () => {
    mockGraphQL({ ...baseHandlers, LibraryAsset: () => ({ data: { asset: null } }) });
    renderWithProviders(<App />, { route: '/library/nope' });
    expect(await screen.findByRole('heading', { name: 'Image not found' })).toBeInTheDocument();
  });
});
