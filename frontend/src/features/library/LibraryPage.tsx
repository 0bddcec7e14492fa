import {
  Button,
  Card,
  Group,
  SegmentedControl,
  Select,
  SimpleGrid,
  Skeleton,
  Stack,
  Text,
  TextInput,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconFilterOff, IconPhoto, IconSearch } from '@tabler/icons-react';
import { useInfiniteQuery, useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useMemo, useState, type ReactNode } from 'react';
import { useSearchParams } from 'react-router';
import { AssetCard, type LibraryAsset } from './components/AssetCard';
import { MoveToFolderModal } from './components/MoveToFolderModal';
import { UploadPanel } from './components/UploadPanel';
import { PageHeader } from '../../components/PageHeader';
import { Empty, ErrorState } from '../../components/States';
import type { Visibility } from '../../gql/graphql';
import { graphqlRequest } from '../../lib/graphql';
import { AssetFoldersQuery, LibraryAssetsQuery } from './queries';
import {
  filtersToParams,
  filterVariables,
  hasFilters,
  NO_FILTERS,
  NO_FOLDER,
  parseFilters,
  type LibraryFilters,
} from './filters';
import { libraryKeys } from './keys';

export const PAGE_SIZE = 24;

const GRID_COLS = { base: 2, xs: 3, md: 4, lg: 5 };

function GridSkeleton({ count = 10 }: { count?: number }) {
  return (
    <SimpleGrid cols={GRID_COLS} spacing="md" role="status" aria-label="Loading images">
      {Array.from({ length: count }, (_, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: placeholders have no identity but their place
        <Card key={i} withBorder radius="md" padding="sm">
          <Card.Section>
            <Skeleton style={{ aspectRatio: '1 / 1' }} height="auto" radius={0} />
          </Card.Section>
          <Skeleton height={12} mt="sm" width="70%" />
          <Skeleton height={10} mt={8} width="40%" />
        </Card>
      ))}
    </SimpleGrid>
  );
}

function FilterBar({
  filters,
  onChange,
  folders,
  tags,
}: {
  filters: LibraryFilters;
  onChange: (next: LibraryFilters) => void;
  folders: readonly string[];
  tags: readonly string[];
}) {
  const [search, setSearch] = useState(filters.search);
  const [debounced] = useDebouncedValue(search, 300);
  // biome-ignore lint/correctness/useExhaustiveDependencies: only the typed text drives this effect
  useEffect(() => {
    if (debounced !== filters.search) onChange({ ...filters, search: debounced });
    // only the typed text drives this effect
  }, [debounced]);
  useEffect(() => {
    // the URL changed from elsewhere (a tag badge, "Clear filters")
    setSearch(filters.search);
  }, [filters.search]);

  const folderData = [
    { value: '', label: 'All folders' },
    { value: NO_FOLDER, label: 'No folder' },
    ...folders.map((f) => ({ value: f, label: f })),
  ];
  const tagData = Array.from(new Set([...(filters.tag ? [filters.tag] : []), ...tags])).sort();
  return (
    <Group gap="sm" align="flex-end" wrap="wrap">
      <TextInput
        label="Search"
        placeholder="File name"
        leftSection={<IconSearch size={16} />}
        value={search}
        onChange={(e) => setSearch(e.currentTarget.value)}
        style={{ flex: '2 1 220px' }}
      />
      <Select
        label="Folder"
        data={folderData}
        value={filters.folder ?? ''}
        onChange={(value) => onChange({ ...filters, folder: value ? value : null })}
        allowDeselect={false}
        style={{ flex: '1 1 160px' }}
      />
      <Select
        label="Tag"
        placeholder="Any tag"
        data={tagData}
        value={filters.tag}
        onChange={(value) => onChange({ ...filters, tag: value })}
        searchable
        clearable
        nothingFoundMessage="No tags yet"
        style={{ flex: '1 1 160px' }}
      />
      <Stack gap={4}>
        <Text size="sm" fw={500} id="visibility-filter-label">
          Visibility
        </Text>
        <SegmentedControl
          aria-labelledby="visibility-filter-label"
          value={filters.visibility ?? 'ALL'}
          onChange={(value) =>
            onChange({ ...filters, visibility: value === 'ALL' ? null : (value as Visibility) })
          }
          data={[
            { value: 'ALL', label: 'All' },
            { value: 'PRIVATE', label: 'Private' },
            { value: 'PUBLIC', label: 'Public' },
          ]}
        />
      </Stack>
    </Group>
  );
}

export function LibraryPage() {
  const queryClient = useQueryClient();
  const [params, setParams] = useSearchParams();
  const filters = useMemo(() => parseFilters(params), [params]);
  const setFilters = useCallback(
    (next: LibraryFilters) => setParams(filtersToParams(next), { replace: true }),
    [setParams],
  );
  const variables = filterVariables(filters);
  const [moving, setMoving] = useState<LibraryAsset | null>(null);

  const folders = useQuery({
    queryKey: libraryKeys.folders(),
    queryFn: ({ signal }) => graphqlRequest(AssetFoldersQuery, {}, { signal }),
  });
  const assets = useInfiniteQuery({
    queryKey: libraryKeys.assets(variables),
    initialPageParam: null as string | null,
    queryFn: ({ pageParam, signal }) =>
      graphqlRequest(LibraryAssetsQuery, { ...variables, first: PAGE_SIZE, after: pageParam }, { signal }),
    getNextPageParam: (last) =>
      last.assets?.pageInfo.hasNextPage ? (last.assets.pageInfo.endCursor ?? null) : null,
  });

  const items = assets.data?.pages.flatMap((p) => p.assets?.edges.map((e) => e.node) ?? []) ?? [];
  const total = assets.data?.pages[0]?.assets?.totalCount ?? 0;
  const folderList = folders.data?.assetFolders ?? [];
  const knownTags = Array.from(new Set(items.flatMap((a) => a.tags)));
  const onUploaded = useCallback(() => {
    void queryClient.invalidateQueries({ queryKey: libraryKeys.all });
  }, [queryClient]);
  const filtered = hasFilters(filters);

  let body: ReactNode;
  if (assets.isPending) {
    body = <GridSkeleton />;
  } else if (assets.isError) {
    body = <ErrorState error={assets.error} onRetry={() => void assets.refetch()} />;
  } else if (items.length === 0) {
    body = filtered ? (
      <Empty
        icon={<IconFilterOff size={28} />}
        title="No images match"
        description="Try another search, folder, tag or visibility."
      >
        <Button variant="light" onClick={() => setFilters(NO_FILTERS)}>
          Clear filters
        </Button>
      </Empty>
    ) : (
      <Empty
        icon={<IconPhoto size={28} />}
        title="Your library is empty"
        description="Drag images into the box above or choose files to upload your first one."
      />
    );
  } else {
    body = (
      <Stack gap="md">
        <SimpleGrid cols={GRID_COLS} spacing="md" data-testid="library-grid">
          {items.map((asset) => (
            <AssetCard
              key={asset.id}
              asset={asset}
              onTag={(tag) => setFilters({ ...filters, tag })}
              onMove={setMoving}
            />
          ))}
        </SimpleGrid>
        {assets.isFetchingNextPage && <GridSkeleton count={5} />}
        <Group justify="center">
          {assets.hasNextPage ? (
            <Button
              variant="default"
              onClick={() => void assets.fetchNextPage()}
              loading={assets.isFetchingNextPage}
            >
              Load more
            </Button>
          ) : (
            <Text size="sm" c="dimmed">
              {total === 1 ? '1 image' : `All ${total} images`}
            </Text>
          )}
        </Group>
      </Stack>
    );
  }

  return (
    <>
      <PageHeader title="Library" description="Your images, folders and tags. Everything you upload is private until you make it public." />
      <Stack gap="lg">
        <UploadPanel folders={folderList} onUploaded={onUploaded} />
        <Stack gap="md">
          <Group justify="space-between" align="flex-end">
            <Text fw={600} size="lg" component="h2" m={0}>
              {filtered ? 'Matching images' : 'All images'}
              {!assets.isPending && !assets.isError && (
                <Text span c="dimmed" fw={400} size="sm" ml="xs">
                  {total}
                </Text>
              )}
            </Text>
            {filtered && (
              <Button size="compact-sm" variant="subtle" onClick={() => setFilters(NO_FILTERS)}>
                Clear filters
              </Button>
            )}
          </Group>
          <FilterBar filters={filters} onChange={setFilters} folders={folderList} tags={knownTags} />
          {body}
        </Stack>
      </Stack>
      <MoveToFolderModal asset={moving} folders={folderList} onClose={() => setMoving(null)} />
    </>
  );
}
