import { Switch } from '@mantine/core';
import { useState } from 'react';
import { useAssetUpdate } from '../useAssetUpdate';

/**
 * Whether others see this public image's filename, folder and tags. Off by default: they are
 * the owner's notes, and others see a neutral "image.<extension>" with no folder or tags.
 */
export function PublishDetailsSwitch({ id, detailsPublic }: { id: string; detailsPublic: boolean }) {
  const update = useAssetUpdate();
  const [pending, setPending] = useState<boolean | null>(null);
  const shown = pending ?? detailsPublic;
  return (
    <Switch
      checked={shown}
      disabled={update.isPending}
      label="Show filename, folder and tags"
      aria-label="Show filename, folder and tags"
      description={
        shown
          ? 'Everyone who can see the image sees its filename, folder and tags.'
          : 'Others see a neutral filename and no folder or tags.'
      }
      onChange={(event) => {
        const next = event.currentTarget.checked;
        setPending(next);
        update.mutate({ id, input: { publishDetails: next } }, { onSettled: () => setPending(null) });
      }}
    />
  );
}
