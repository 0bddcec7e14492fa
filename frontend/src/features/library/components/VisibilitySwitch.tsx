import { Switch } from '@mantine/core';
import { IconLock, IconWorld } from '@tabler/icons-react';
import { useState } from 'react';
import type { Visibility } from '../../../gql/graphql';
import { useAssetUpdate } from '../useAssetUpdate';

/** Public or private, switched at once (optimistically, put back if the server refuses). */
export function VisibilitySwitch({
  id,
  filename,
  visibility,
  size = 'sm',
  withDescription = false,
}: {
  id: string;
  filename: string;
  visibility: Visibility;
  size?: 'xs' | 'sm' | 'md';
  withDescription?: boolean;
}) {
  const update = useAssetUpdate();
  const [pending, setPending] = useState<Visibility | null>(null);
  const shown = pending ?? visibility;
  const isPublic = shown === 'PUBLIC';
  return (
    <Switch
      size={size}
      checked={isPublic}
      disabled={update.isPending}
      label={isPublic ? 'Public' : 'Private'}
      aria-label={`Public: ${filename}`}
      description={
        withDescription
          ? isPublic
            ? 'Anyone with the link can see it.'
            : 'Only you can see it; links to it are signed and expire.'
          : undefined
      }
      thumbIcon={isPublic ? <IconWorld size={10} /> : <IconLock size={10} />}
      onChange={(event) => {
        const next: Visibility = event.currentTarget.checked ? 'PUBLIC' : 'PRIVATE';
        setPending(next);
        update.mutate(
          { id, input: { visibility: next } },
          { onSettled: () => setPending(null) },
        );
      }}
    />
  );
}
