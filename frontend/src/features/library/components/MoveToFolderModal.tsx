import { Autocomplete, Button, Group, Modal, Stack, Text } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useAssetUpdate } from '../useAssetUpdate';

/** Move an image to a folder (an existing one or a new path), or out of folders. */
export function MoveToFolderModal({
  asset,
  folders,
  onClose,
}: {
  asset: { id: string; filename: string; folder?: string | null } | null;
  folders: readonly string[];
  onClose: () => void;
}) {
  const update = useAssetUpdate({ notifyErrors: false });
  const [folder, setFolder] = useState('');
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    setFolder(asset?.folder ?? '');
    setError(null);
  }, [asset]);
  const save = () => {
    if (!asset) return;
    update.mutate(
      { id: asset.id, input: { folder: folder.trim() } },
      {
        onSuccess: ({ updateAsset: payload }) => {
          if (payload.errors.length > 0) setError(payload.errors.map((e) => e.message).join(' '));
          else onClose();
        },
      },
    );
  };
  return (
    <Modal opened={asset !== null} onClose={onClose} title="Move to folder" centered>
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          save();
        }}
      >
        <Stack gap="md">
          <Text size="sm" c="dimmed">
            Where should <strong>{asset?.filename}</strong> live? Leave it blank to take it out of
            folders.
          </Text>
          <Autocomplete
            label="Folder"
            placeholder="No folder"
            data={[...folders]}
            value={folder}
            onChange={setFolder}
            error={error}
            data-autofocus
          />
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={update.isPending}>
              Move
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
