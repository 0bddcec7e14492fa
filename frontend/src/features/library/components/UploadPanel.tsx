import {
  ActionIcon,
  Anchor,
  Autocomplete,
  Button,
  Card,
  Group,
  Progress,
  Stack,
  Text,
  TextInput,
  ThemeIcon,
  Tooltip,
} from '@mantine/core';
import {
  IconAlertCircle,
  IconCircleCheck,
  IconCloudUpload,
  IconLink,
  IconPhotoUp,
  IconX,
} from '@tabler/icons-react';
import { useMutation } from '@tanstack/react-query';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useDropzone, type FileRejection } from 'react-dropzone';
import { Link } from 'react-router';
import { describeError } from '../../../lib/errors';
import { graphqlRequest } from '../../../lib/graphql';
import {
  ACCEPTED_LABEL,
  ACCEPTED_TYPES,
  formatBytes,
  rejectionMessage,
  sendUpload,
  type UploadOptions,
  type UploadOutcome,
  type UploadRequest,
} from '../upload';
import { ImportAssetFromUrlMutation } from '../queries';

/** How many files travel at once; the rest wait their turn. */
const PARALLEL_UPLOADS = 2;

type ItemStatus = 'queued' | 'uploading' | 'processing' | 'done' | 'error';

interface UploadItem {
  key: number;
  file: File | null;
  name: string;
  size: number;
  status: ItemStatus;
  progress: number;
  message?: string;
  assetId?: string;
}

export interface UploadPanelProps {
  folders: readonly string[];
  /** a new image is stored (refresh the grid) */
  onUploaded: () => void;
  /** for tests: how a request is made */
  send?: (file: File, options: UploadOptions, onProgress: (f: number) => void) => UploadRequest;
}

let nextKey = 1;

function ItemRow({ item, onRemove }: { item: UploadItem; onRemove: () => void }) {
  const percent = Math.round(item.progress * 100);
  const failed = item.status === 'error';
  const done = item.status === 'done';
  const label =
    item.status === 'queued'
      ? 'Waiting'
      : item.status === 'uploading'
        ? `${percent}%`
        : item.status === 'processing'
          ? 'Checking the image…'
          : done
            ? 'Uploaded'
            : 'Failed';
  return (
    <Group
      gap="sm"
      wrap="nowrap"
      align="flex-start"
      data-testid="upload-item"
      data-status={item.status}
      aria-label={`${item.name}: ${label}`}
      role="listitem"
    >
      <ThemeIcon
        variant="light"
        color={failed ? 'red' : done ? 'teal' : 'blue'}
        size="lg"
        radius="md"
        aria-hidden
      >
        {failed ? <IconAlertCircle size={18} /> : done ? <IconCircleCheck size={18} /> : <IconPhotoUp size={18} />}
      </ThemeIcon>
      <Stack gap={4} style={{ flex: 1, minWidth: 0 }}>
        <Group justify="space-between" gap="xs" wrap="nowrap">
          <Text size="sm" fw={500} truncate="end" title={item.name}>
            {done && item.assetId ? (
              <Anchor component={Link} to={`/library/${item.assetId}`} inherit>
                {item.name}
              </Anchor>
            ) : (
              item.name
            )}
          </Text>
          <Text size="xs" c={failed ? 'red.7' : 'dimmed'} style={{ whiteSpace: 'nowrap' }}>
            {formatBytes(item.size)} · {label}
          </Text>
        </Group>
        {failed ? (
          <Text size="sm" c="red.7" role="alert">
            {item.message}
          </Text>
        ) : (
          <Progress
            value={done || item.status === 'processing' ? 100 : percent}
            color={done ? 'teal' : 'blue'}
            animated={item.status === 'processing'}
            striped={item.status === 'processing'}
            size="md"
            radius="xl"
            aria-label={`Upload progress of ${item.name}`}
            transitionDuration={150}
          />
        )}
      </Stack>
      {(failed || done) && (
        <Tooltip label="Remove from the list" withArrow>
          <ActionIcon variant="subtle" color="gray" onClick={onRemove} aria-label={`Remove ${item.name} from the list`}>
            <IconX size={16} />
          </ActionIcon>
        </Tooltip>
      )}
    </Group>
  );
}

function ImportFromUrl({ folder, onUploaded }: { folder: string; onUploaded: () => void }) {
  const [url, setUrl] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [imported, setImported] = useState<{ id: string; filename: string } | null>(null);
  const importUrl = useMutation({
    mutationFn: (value: string) =>
      graphqlRequest(ImportAssetFromUrlMutation, { url: value, folder: folder.trim() || null }),
    onSuccess: ({ importAssetFromUrl: payload }) => {
      if (payload.errors.length > 0 || !payload.asset) {
        setError(payload.errors.map((e) => e.message).join(' ') || 'The image could not be imported.');
        return;
      }
      setImported(payload.asset);
      setUrl('');
      onUploaded();
    },
    onError: (e) => setError(describeError(e)),
  });
  return (
    <form
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        setImported(null);
        if (!/^https?:\/\/\S+$/i.test(url.trim())) {
          setError('Enter a public http(s) address of an image.');
          return;
        }
        setError(null);
        importUrl.mutate(url.trim());
      }}
    >
      <Group align="flex-start" gap="sm" wrap="wrap">
        <TextInput
          label="Import from a public URL"
          placeholder="https://example.com/photo.jpg"
          leftSection={<IconLink size={16} />}
          value={url}
          onChange={(e) => setUrl(e.currentTarget.value)}
          error={error}
          description={
            imported ? (
              <>
                Imported{' '}
                <Anchor component={Link} to={`/library/${imported.id}`} size="xs">
                  {imported.filename}
                </Anchor>
              </>
            ) : (
              'Pixvault fetches the image from the address and keeps its own copy.'
            )
          }
          style={{ flex: '1 1 280px' }}
        />
        <Button type="submit" variant="light" mt={{ base: 0, xs: 25 }} loading={importUrl.isPending}>
          Import
        </Button>
      </Group>
    </form>
  );
}

/** Drop zone, file chooser and URL import, with a progress bar and any error for each file. */
export function UploadPanel({ folders, onUploaded, send = sendUpload }: UploadPanelProps) {
  const [items, setItems] = useState<UploadItem[]>([]);
  const [folder, setFolder] = useState('');
  const requests = useRef(new Map<number, UploadRequest>());
  const started = useRef(new Set<number>());

  const update = useCallback((key: number, change: Partial<UploadItem>) => {
    setItems((current) => current.map((it) => (it.key === key ? { ...it, ...change } : it)));
  }, []);

  // Start queued files while fewer than PARALLEL_UPLOADS are on their way.
  useEffect(() => {
    const active = items.filter((i) => i.status === 'uploading' || i.status === 'processing').length;
    const waiting = items.filter((i) => i.status === 'queued').slice(0, PARALLEL_UPLOADS - active);
    for (const item of waiting) {
      if (!item.file || started.current.has(item.key)) continue;
      started.current.add(item.key);
      update(item.key, { status: 'uploading', progress: 0 });
      const request = send(item.file, { folder: folder.trim() || null }, (fraction) =>
        update(item.key, fraction >= 1 ? { status: 'processing', progress: 1 } : { progress: fraction }),
      );
      requests.current.set(item.key, request);
      void request.done.then((outcome: UploadOutcome) => {
        requests.current.delete(item.key);
        if (outcome.ok) {
          update(item.key, { status: 'done', progress: 1, assetId: outcome.assetId, file: null });
          onUploaded();
        } else {
          update(item.key, { status: 'error', message: outcome.message, file: null });
        }
      });
    }
  }, [items, folder, send, update, onUploaded]);

  useEffect(() => {
    const pending = requests.current;
    return () => {
      for (const r of pending.values()) r.abort();
    };
  }, []);

  const onDrop = useCallback((accepted: File[], rejected: FileRejection[]) => {
    const added: UploadItem[] = [
      ...accepted.map((file) => ({
        key: nextKey++,
        file,
        name: file.name,
        size: file.size,
        status: 'queued' as const,
        progress: 0,
      })),
      ...rejected.map((r) => ({
        key: nextKey++,
        file: null,
        name: r.file.name,
        size: r.file.size,
        status: 'error' as const,
        progress: 0,
        message: rejectionMessage(r),
      })),
    ];
    setItems((current) => [...added, ...current]);
  }, []);

  const { getRootProps, getInputProps, isDragActive, isDragReject, open } = useDropzone({
    onDrop,
    accept: ACCEPTED_TYPES,
    noClick: true,
    noKeyboard: true,
    multiple: true,
  });

  const finished = items.filter((i) => i.status === 'done' || i.status === 'error').length;

  return (
    <Card withBorder radius="md" padding="lg">
      <Stack gap="md">
        <div
          {...getRootProps({
            'aria-label': 'Drop images here to upload them',
            role: 'region',
          })}
          data-testid="dropzone"
          style={{
            border: `2px dashed var(--mantine-color-${isDragReject ? 'red' : isDragActive ? 'blue' : 'gray'}-4)`,
            borderRadius: 'var(--mantine-radius-md)',
            background: isDragActive ? 'var(--mantine-color-blue-0)' : 'var(--mantine-color-gray-0)',
            padding: 'var(--mantine-spacing-lg)',
            transition: 'background 120ms, border-color 120ms',
          }}
        >
          <input {...getInputProps({ 'aria-label': 'Image files to upload' })} />
          <Group gap="md" wrap="wrap" justify="space-between">
            <Group gap="md" wrap="nowrap" style={{ flex: '1 1 300px' }}>
              <ThemeIcon size={48} radius="xl" variant="light" aria-hidden>
                <IconCloudUpload size={26} />
              </ThemeIcon>
              <div>
                <Text fw={600}>{isDragActive ? 'Drop to upload' : 'Drag images here'}</Text>
                <Text size="sm" c="dimmed">
                  {ACCEPTED_LABEL}. New images are private until you make them public.
                </Text>
              </div>
            </Group>
            <Button leftSection={<IconPhotoUp size={16} />} onClick={open}>
              Choose files
            </Button>
          </Group>
        </div>
        <Group align="flex-start" gap="md" wrap="wrap">
          <Autocomplete
            label="Folder for new images"
            placeholder="No folder"
            description="Type a new path like Trips/2026 or pick one."
            data={[...folders]}
            value={folder}
            onChange={setFolder}
            style={{ flex: '1 1 220px' }}
          />
          <div style={{ flex: '2 1 320px' }}>
            <ImportFromUrl folder={folder} onUploaded={onUploaded} />
          </div>
        </Group>
        {items.length > 0 && (
          <Stack gap="sm">
            <Group justify="space-between">
              <Text size="sm" fw={600}>
                Uploads
              </Text>
              {finished > 0 && (
                <Button
                  size="compact-xs"
                  variant="subtle"
                  color="gray"
                  onClick={() =>
                    setItems((current) => current.filter((i) => i.status !== 'done' && i.status !== 'error'))
                  }
                >
                  Clear finished
                </Button>
              )}
            </Group>
            <Stack gap="sm" role="list" aria-label="Uploads">
              {items.map((item) => (
                <ItemRow
                  key={item.key}
                  item={item}
                  onRemove={() => setItems((current) => current.filter((i) => i.key !== item.key))}
                />
              ))}
            </Stack>
          </Stack>
        )}
      </Stack>
    </Card>
  );
}
