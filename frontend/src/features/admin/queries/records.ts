import { graphql } from '../../../gql';

export const AdminPolicyVersionsQuery = graphql(`
  query AdminPolicyVersions($kind: PolicyKind!) {
    policyVersions(kind: $kind) {
      id
      kind
      version
      title
      summary
      changeType
      materiallyReducesProtection
      noticeAt
      effectiveAt
      isEffective
    }
  }
`);

export const PublishPolicyMutation = graphql(`
  mutation PublishPolicy($input: PublishPolicyInput!) {
    publishPolicyVersion(input: $input) {
      policyVersion {
        id
        version
        effectiveAt
      }
      errors {
        ...UserErrorFields
      }
    }
  }
`);

export const AdminHoldsQuery = graphql(`
  query AdminHolds($active: Boolean, $first: Int!, $after: String) {
    legalHolds(active: $active, first: $first, after: $after) {
      totalCount
      pageInfo {
        ...PageInfoFields
      }
      edges {
        node {
          id
          reason
          reference
          placedAt
          releasedAt
          subject {
            id
            name
            email
          }
        }
      }
    }
  }
`);

export const HoldSubjectSearchQuery = graphql(`
  query HoldSubjectSearch($search: String) {
    users(first: 10, search: $search) {
      edges {
        node {
          id
          name
          email
        }
      }
    }
  }
`);

export const PlaceHoldMutation = graphql(`
  mutation PlaceHold($input: LegalHoldInput!) {
    placeLegalHold(input: $input) {
      hold {
        id
      }
      errors {
        ...UserErrorFields
      }
    }
  }
`);

export const ReleaseHoldMutation = graphql(`
  mutation ReleaseHold($id: ID!) {
    releaseLegalHold(id: $id) {
      hold {
        id
        releasedAt
      }
      errors {
        ...UserErrorFields
      }
    }
  }
`);
