import { ActionIcon, Badge, Box, Card, Group, Menu, Stack, Text, UnstyledButton } from '@mantine/core';
import { IconDots, IconExternalLink, IconFolder, IconFolderSymlink } from '@tabler/icons-react';
import { Link } from 'react-router';
import type { LibraryAssetsQuery } from '../../../gql/graphql';
import { VisibilitySwitch } from './VisibilitySwitch';

export type LibraryAsset = NonNullable<LibraryAssetsQuery['assets']>['edges'][number]['node'];

/** One image of the grid: a lazily loaded square thumbnail, its name, folder, tags and switch. */
export function AssetCard({
  asset,
  onTag,
  onMove,
}: {
  asset: LibraryAsset;
  onTag: (tag: string) => void;
  onMove: (asset: LibraryAsset) => void;
}) {
  return (
    <Card withBorder radius="md" padding="sm" component="article" aria-label={asset.filename}>
      <Card.Section>
        <Box
          component={Link}
          to={`/library/${asset.id}`}
          display="block"
          style={{ aspectRatio: '1 / 1', background: 'var(--mantine-color-gray-1)', overflow: 'hidden' }}
        >
          <img
            src={asset.thumbnailUrl}
            alt={asset.filename}
            loading="lazy"
            decoding="async"
            width={320}
            height={320}
            style={{ width: '100%', height: '100%', objectFit: 'cover', display: 'block' }}
          />
        </Box>
      </Card.Section>
      <Stack gap={6} mt="sm">
        <Group justify="space-between" gap={4} wrap="nowrap">
          <Text size="sm" fw={600} truncate="end" title={asset.filename} style={{ minWidth: 0 }}>
            {asset.filename}
          </Text>
          <Menu position="bottom-end" withinPortal>
            <Menu.Target>
              <ActionIcon variant="subtle" color="gray" size="sm" aria-label={`More actions for ${asset.filename}`}>
                <IconDots size={16} />
              </ActionIcon>
            </Menu.Target>
            <Menu.Dropdown>
              <Menu.Item component={Link} to={`/library/${asset.id}`} leftSection={<IconExternalLink size={14} />}>
                Open
              </Menu.Item>
              <Menu.Item leftSection={<IconFolderSymlink size={14} />} onClick={() => onMove(asset)}>
                Move to folder…
              </Menu.Item>
            </Menu.Dropdown>
          </Menu>
        </Group>
        <Group gap={6} wrap="nowrap">
          <Text size="xs" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
            {asset.width} × {asset.height}
          </Text>
          {asset.folder && (
            <Group gap={2} wrap="nowrap" style={{ minWidth: 0 }}>
              <IconFolder size={12} color="var(--mantine-color-dimmed)" aria-hidden />
              <Text size="xs" c="dimmed" truncate="end" title={asset.folder}>
                {asset.folder}
              </Text>
            </Group>
          )}
        </Group>
        {asset.tags.length > 0 && (
          <Group gap={4}>
            {asset.tags.map((tag) => (
              <UnstyledButton key={tag} onClick={() => onTag(tag)} aria-label={`Show images tagged ${tag}`}>
                <Badge size="xs" variant="light" color="grape" style={{ cursor: 'pointer', textTransform: 'none' }}>
                  {tag}
                </Badge>
              </UnstyledButton>
            ))}
          </Group>
        )}
        {asset.status !== 'ACTIVE' ? (
          <Badge color="red" variant="light" size="sm">
            {asset.status === 'QUARANTINED' ? 'Quarantined' : 'Removed'}
          </Badge>
        ) : (
          <VisibilitySwitch id={asset.id} filename={asset.filename} visibility={asset.visibility} size="xs" />
        )}
      </Stack>
    </Card>
  );
}
