import { graphql } from '../../../gql';

export const AdminRequestsQuery = graphql(`
  query AdminRequests($status: DsarStatus, $first: Int!, $after: String) {
    dataSubjectRequests(status: $status, first: $first, after: $after) {
      totalCount
      pageInfo {
        ...PageInfoFields
      }
      edges {
        node {
          id
          kind
          status
          requesterEmail
          receivedAt
          verifiedAt
          dueAt
          completedAt
          overdue
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


export const AdminRequestQuery = graphql(`
  query AdminRequest($id: ID!) {
    dataSubjectRequest(id: $id) {
      id
      kind
      status
      requesterEmail
      details
      receivedAt
      verifiedAt
      dueAt
      extensionReason
      completedAt
      rejectionReason
      progress
      internalNotes
      corrections
      result
      waitingReason
      overdue
      purpose
      recipientNotices {
        source
        recipient
        action
        createdAt
      }
      subject {
        id
        name
        email
      }
    }
  }
`);

export const ExtendRequestMutation = graphql(`
  mutation ExtendRequest($id: ID!, $days: Int!, $reason: String!) {
    extendDataSubjectRequest(id: $id, days: $days, reason: $reason) {
      request {
        id
        dueAt
        extensionReason
        overdue
      }
      errors {
        ...UserErrorFields
      }
    }
  }
`);

export const RejectRequestMutation = graphql(`
  mutation RejectRequest($id: ID!, $reason: String!) {
    rejectDataSubjectRequest(id: $id, reason: $reason) {
      request {
        id
        status
        rejectionReason
        completedAt
      }
      errors {
        ...UserErrorFields
      }
    }
  }
`);

export const CompleteRequestMutation = graphql(`
  mutation CompleteRequest($id: ID!, $note: String) {
    completeDataSubjectRequest(id: $id, note: $note) {
      request {
        id
        status
        completedAt
        internalNotes
        result
      }
      errors {
        ...UserErrorFields
      }
    }
  }
`);
