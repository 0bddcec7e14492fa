import { graphql } from '../../../gql';

/** Restrictions of processing and the breach register, for privacy staff. */

export const AdminRestrictionsQuery = graphql(`
  query AdminRestrictions($active: Boolean, $first: Int!, $after: String) {
    processingRestrictions(active: $active, first: $first, after: $after) {
      totalCount
      pageInfo {
        ...PageInfoFields
      }
      edges {
        node {
          id
          active
          grounds
          placedAt
          liftsAt
          liftReason
          requestId
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

export const LiftRestrictionMutation = graphql(`
  mutation LiftRestriction($id: ID!, $reason: String!) {
    liftProcessingRestriction(id: $id, reason: $reason) {
      restriction {
        id
        active
        liftsAt
        liftReason
      }
      errors {
        ...UserErrorFields
      }
    }
  }
`);

export const AdminBreachesQuery = graphql(`
  query AdminBreaches($first: Int!, $after: String) {
    breaches(first: $first, after: $after) {
      totalCount
      pageInfo {
        ...PageInfoFields
      }
      edges {
        node {
          id
          description
          discoveredAt
          dataCategories
          recordedAt
          authorityDueAt
          authorityOverdue
          authoritySecondsLeft
          authorityNotifiedAt
          authorityReference
          affectedCount
          notifiedCount
          peopleNoticeRequestedAt
        }
      }
    }
  }
`);

export const RecordBreachMutation = graphql(`
  mutation RecordBreach($input: BreachInput!) {
    recordBreach(input: $input) {
      breach {
        id
        affectedCount
      }
      errors {
        ...UserErrorFields
      }
    }
  }
`);

export const NotifyAuthorityMutation = graphql(`
  mutation NotifyAuthority($id: ID!, $reference: String) {
    recordBreachAuthorityNotification(id: $id, reference: $reference) {
      breach {
        id
        authorityNotifiedAt
        authorityOverdue
      }
      errors {
        ...UserErrorFields
      }
    }
  }
`);

export const NotifyBreachSubjectsMutation = graphql(`
  mutation NotifyBreachSubjects($id: ID!, $notice: String!) {
    notifyBreachSubjects(id: $id, notice: $notice) {
      breach {
        id
        peopleNoticeRequestedAt
      }
      errors {
        ...UserErrorFields
      }
    }
  }
`);
