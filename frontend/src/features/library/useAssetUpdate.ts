import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { UpdateAssetInput } from '../../gql/graphql';
import { describeError } from '../../lib/errors';
import { graphqlRequest } from '../../lib/graphql';
import { UpdateAssetMutation } from './queries';
import { libraryKeys } from './keys';

/** The query keys of everything the library shows (the grid, folders, one image). */

export interface AssetChange {
  id: string;
  input: UpdateAssetInput;
}

/**
 * updateAsset, refreshing every library query when it succeeds. The payload's errors are
 * returned to the caller (to show next to its field) and also raise a notification when the
 * caller has nowhere to show them.
 */
export function useAssetUpdate({ notifyErrors = true }: { notifyErrors?: boolean } = {}) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, input }: AssetChange) => graphqlRequest(UpdateAssetMutation, { id, input }),
    onSuccess: ({ updateAsset: payload }) => {
      if (payload.errors.length > 0) {
        if (notifyErrors) {
          notifications.show({
            color: 'red',
            title: 'Not changed',
            message: payload.errors.map((e) => e.message).join(' '),
          });
        }
        return;
      }
      // Returned, so the mutation stays pending until the new values are on screen.
      return queryClient.invalidateQueries({ queryKey: libraryKeys.all });
    },
    onError: (error) =>
      notifications.show({ color: 'red', title: 'Not changed', message: describeError(error) }),
  });
}
