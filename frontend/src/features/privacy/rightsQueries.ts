import { graphql } from '../../gql';

/** The privacy centre's view of restrictions, objections and where to complain. */
export const MyRightsQuery = graphql(`
  query MyRights {
    supervisoryAuthority {
      name
      url
    }
    processingRestrictions(first: 20) {
      edges {
        node {
          id
          active
          grounds
          placedAt
          liftsAt
          liftReason
        }
      }
    }
    me {
      id
      dataSubjectRequests {
        id
        kind
        purpose
        status
        receivedAt
        dueAt
        completedAt
        rejectionReason
        recipientNotices {
          source
          recipient
          createdAt
        }
      }
    }
  }
`);

export const SubmitRightsRequestMutation = graphql(`
  mutation SubmitRightsRequest($input: DataSubjectRequestInput!) {
    submitDataSubjectRequest(input: $input) {
      request {
        id
        kind
        purpose
        status
      }
      errors {
        ...UserErrorFields
      }
    }
  }
`);
