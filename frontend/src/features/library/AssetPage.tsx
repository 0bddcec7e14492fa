import {
  Alert,
  Anchor,
  Autocomplete,
  Box,
  Button,
  Card,
  Grid,
  Group,
  List,
  SimpleGrid,
  Stack,
  TagsInput,
  Text,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import {
  IconArrowLeft,
  IconDownload,
  IconMapPin,
  IconPhotoOff,
  IconTrash,
} from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { ConfirmModal } from '../../components/ConfirmModal';
import { PublishDetailsSwitch } from './components/PublishDetailsSwitch';
import { VisibilitySwitch } from './components/VisibilitySwitch';
import { PageHeader } from '../../components/PageHeader';
import { Empty, ErrorState, PageLoader } from '../../components/States';
import type { LibraryAssetQuery as LibraryAssetResult } from '../../gql/graphql';
import { describeError } from '../../lib/errors';
import { formatDateTime } from '../../lib/format';
import { graphqlRequest } from '../../lib/graphql';
import { AssetFoldersQuery, DeleteAssetMutation, LibraryAssetQuery } from './queries';
import { normaliseTag } from './filters';
import { CopyableUrl, RenditionBuilder } from './RenditionBuilder';
import { formatBytes } from './upload';
import { useAssetUpdate } from './useAssetUpdate';
import { libraryKeys } from './keys';

type Asset = NonNullable<LibraryAssetResult['asset']>;

const TYPE_LABELS: Record<string, string> = {
  'image/jpeg': 'JPEG',
  'image/png': 'PNG',
  'image/webp': 'WebP',
  'image/gif': 'GIF',
  'image/avif': 'AVIF',
  'image/heic': 'HEIC',
};

function Fact({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div>
      <Text size="xs" c="dimmed" tt="uppercase" fw={600} style={{ letterSpacing: '0.04em' }}>
        {label}
      </Text>
      <Text size="sm">{children}</Text>
    </div>
  );
}

function LocationWarning({ asset }: { asset: Asset }) {
  return (
    <Alert
      color="orange"
      variant="light"
      icon={<IconMapPin size={18} />}
      title="This photo carries location data"
      data-testid="location-warning"
    >
      <Stack gap={6}>
        <Text size="sm">
          The original file you uploaded records where it was taken (GPS coordinates or a place
          name).
        </Text>
        <List size="sm" spacing={2}>
          <List.Item>
            Pixvault strips it from everything it serves: the {asset.visibility === 'PUBLIC' ? 'public' : 'image'} link
            and every rendition never contain it.
          </List.Item>
          <List.Item>
            <strong>Download original</strong> gives you the untouched file, location included;
            think before you share that file.
          </List.Item>
          <List.Item>
            To keep no copy of the location at all, download a rendition (or export the photo
            from your phone with location turned off), upload that, and delete this image.
          </List.Item>
        </List>
      </Stack>
    </Alert>
  );
}

function FolderEditor({ asset, folders }: { asset: Asset; folders: readonly string[] }) {
  const update = useAssetUpdate({ notifyErrors: false });
  const [folder, setFolder] = useState(asset.folder ?? '');
  const [error, setError] = useState<string | null>(null);
  const [moved, setMoved] = useState<string | null>(null);
  useEffect(() => setFolder(asset.folder ?? ''), [asset.folder]);
  const changed = folder.trim() !== (asset.folder ?? '');
  return (
    <form
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        setError(null);
        setMoved(null);
        update.mutate(
          { id: asset.id, input: { folder: folder.trim() } },
          {
            onSuccess: ({ updateAsset: p }) => {
              if (p.errors.length > 0) setError(p.errors.map((e) => e.message).join(' '));
              else setMoved(p.asset?.folder ? `Moved to ${p.asset.folder}.` : 'Taken out of folders.');
            },
          },
        );
      }}
    >
      <Group align="flex-start" gap="xs" wrap="nowrap">
        <Autocomplete
          label="Folder"
          placeholder="No folder"
          data={[...folders]}
          value={folder}
          onChange={(value) => {
            setFolder(value);
            setMoved(null);
          }}
          error={error}
          description={moved ?? undefined}
          inputWrapperOrder={['label', 'input', 'description', 'error']}
          style={{ flex: 1 }}
        />
        <Button type="submit" variant="light" mt={25} disabled={!changed} loading={update.isPending}>
          Move
        </Button>
      </Group>
    </form>
  );
}

function TagEditor({ asset }: { asset: Asset }) {
  const update = useAssetUpdate({ notifyErrors: false });
  const [tags, setTags] = useState<string[]>(asset.tags);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => setTags(asset.tags), [asset.tags]);
  return (
    <TagsInput
      label="Tags"
      placeholder={tags.length === 0 ? 'Type a tag and press Enter' : 'Add a tag'}
      description="Saved as you add or remove them."
      value={tags}
      error={error}
      clearable
      onChange={(next) => {
        const clean = Array.from(new Set(next.map(normaliseTag).filter(Boolean)));
        setTags(clean);
        setError(null);
        update.mutate(
          { id: asset.id, input: { tags: clean } },
          {
            onSuccess: ({ updateAsset: p }) => {
              if (p.errors.length > 0) {
                setError(p.errors.map((e) => e.message).join(' '));
                setTags(asset.tags);
              }
            },
            onError: () => setTags(asset.tags),
          },
        );
      }}
    />
  );
}

function AssetView({ asset }: { asset: Asset }) {
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [confirming, setConfirming] = useState(false);
  const folders = useQuery({
    queryKey: libraryKeys.folders(),
    queryFn: ({ signal }) => graphqlRequest(AssetFoldersQuery, {}, { signal }),
  });
  const remove = useMutation({
    mutationFn: () => graphqlRequest(DeleteAssetMutation, { id: asset.id }),
    onSuccess: ({ deleteAsset: payload }) => {
      if (payload.errors.length > 0) {
        notifications.show({ color: 'red', title: 'Not deleted', message: payload.errors.map((e) => e.message).join(' ') });
        return;
      }
      setConfirming(false);
      queryClient.removeQueries({ queryKey: libraryKeys.asset(asset.id) });
      void queryClient.invalidateQueries({ queryKey: libraryKeys.all });
      notifications.show({ color: 'teal', message: `${asset.filename} was deleted.` });
      void navigate('/library');
    },
    onError: (error) => notifications.show({ color: 'red', title: 'Not deleted', message: describeError(error) }),
  });
  const active = asset.status === 'ACTIVE';
  const isPublic = asset.visibility === 'PUBLIC' && active;

  return (
    <>
      <PageHeader
        eyebrow={
          <Anchor component={Link} to="/library" size="xs" fw={700} inherit>
            <Group gap={4} component="span">
              <IconArrowLeft size={12} /> Library
            </Group>
          </Anchor>
        }
        title={<Text inherit truncate="end">{asset.filename}</Text>}
        description={`${TYPE_LABELS[asset.contentType] ?? asset.contentType} · ${asset.width} × ${asset.height} px · ${formatBytes(asset.byteSize)}`}
        actions={
          <>
            {asset.downloadUrl && (
              <Button component="a" href={asset.downloadUrl} variant="default" leftSection={<IconDownload size={16} />}>
                Download original
              </Button>
            )}
            <Button color="red" variant="light" leftSection={<IconTrash size={16} />} onClick={() => setConfirming(true)}>
              Delete
            </Button>
          </>
        }
      />
      <Stack gap="lg">
        {!active && (
          <Alert color="red" variant="light" title={asset.status === 'QUARANTINED' ? 'Quarantined' : 'Removed'}>
            {asset.moderationNote ?? 'This image is not served to anyone after an upheld abuse report.'}
          </Alert>
        )}
        <Grid gap="lg">
          <Grid.Col span={{ base: 12, md: 7 }}>
            <Card withBorder radius="md" padding={0} style={{ overflow: 'hidden' }}>
              <Box
                style={{
                  background: 'var(--mantine-color-gray-1)',
                  display: 'flex',
                  justifyContent: 'center',
                  alignItems: 'center',
                  minHeight: 280,
                }}
              >
                <img
                  src={asset.previewUrl}
                  alt={asset.filename}
                  data-testid="asset-image"
                  style={{ maxWidth: '100%', maxHeight: '70vh', display: 'block', objectFit: 'contain' }}
                />
              </Box>
            </Card>
            <Card withBorder mt="lg" radius="md" padding="lg">
              <Title order={2} size="h4" mb="sm">
                Details
              </Title>
              <SimpleGrid cols={{ base: 2, sm: 3 }} spacing="sm">
                <Fact label="Uploaded">{formatDateTime(asset.createdAt)}</Fact>
                <Fact label="Type">{TYPE_LABELS[asset.contentType] ?? asset.contentType}</Fact>
                <Fact label="Dimensions">
                  {asset.width} × {asset.height} px
                </Fact>
                <Fact label="File size">{formatBytes(asset.byteSize)}</Fact>
                <Fact label="Views">{asset.viewCount ?? 0}</Fact>
                <Fact label="Downloads">{asset.downloadCount ?? 0}</Fact>
              </SimpleGrid>
            </Card>
          </Grid.Col>
          <Grid.Col span={{ base: 12, md: 5 }}>
            <Stack gap="md">
              {asset.hasLocationData && <LocationWarning asset={asset} />}
              <Card withBorder radius="md" padding="lg">
                <Stack gap="md">
                  <Title order={2} size="h4">
                    Sharing
                  </Title>
                  {active ? (
                    <VisibilitySwitch
                      id={asset.id}
                      filename={asset.filename}
                      visibility={asset.visibility}
                      size="md"
                      withDescription
                    />
                  ) : null}
                  {isPublic && <PublishDetailsSwitch id={asset.id} detailsPublic={asset.detailsPublic ?? false} />}
                  {isPublic && (
                    <Stack gap={4}>
                      <Text size="sm" fw={500}>
                        Public URL
                      </Text>
                      <CopyableUrl url={asset.url} label="Public URL" />
                    </Stack>
                  )}
                </Stack>
              </Card>
              <Card withBorder radius="md" padding="lg">
                <Stack gap="md">
                  <Title order={2} size="h4">
                    Organise
                  </Title>
                  <FolderEditor asset={asset} folders={folders.data?.assetFolders ?? []} />
                  <TagEditor asset={asset} />
                </Stack>
              </Card>

            </Stack>
          </Grid.Col>
        </Grid>
        {active && <RenditionBuilder asset={asset} />}
      </Stack>
      <ConfirmModal
        opened={confirming}
        title="Delete this image?"
        confirmLabel="Delete image"
        onConfirm={() => remove.mutate()}
        onClose={() => setConfirming(false)}
        loading={remove.isPending}
      >
        <strong>{asset.filename}</strong>, its original and every rendition are deleted. Links to it
        stop working. This cannot be undone.
      </ConfirmModal>
    </>
  );
}

export function AssetPage() {
  const { id = '' } = useParams();
  const query = useQuery({
    queryKey: libraryKeys.asset(id),
    queryFn: ({ signal }) => graphqlRequest(LibraryAssetQuery, { id }, { signal }),
  });
  if (query.isPending) return <PageLoader label="Loading the image…" />;
  if (query.isError) return <ErrorState error={query.error} onRetry={() => void query.refetch()} />;
  if (!query.data.asset) {
    return (
      <Empty
        icon={<IconPhotoOff size={28} />}
        title="Image not found"
        description="It was deleted, or it is not yours."
      >
        <Button component={Link} to="/library" variant="light">
          Back to the library
        </Button>
      </Empty>
    );
  }
  return <AssetView asset={query.data.asset} />;
}
