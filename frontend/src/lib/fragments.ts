import { graphql } from '../gql';

/**
 * The fields every mutation document asks of its payload's errors. Branch on `kind` (the
 * graph's UserErrorCode enum); `code` is its deprecated string twin and is never asked for.
 */
export const UserErrorFieldsFragment = graphql(`
  fragment UserErrorFields on UserError {
    field
    kind
    message
  }
`);

/** The page fields every connection document asks for (see components/ConnectionTable). */
export const PageInfoFieldsFragment = graphql(`
  fragment PageInfoFields on PageInfo {
    hasNextPage
    endCursor
  }
`);
