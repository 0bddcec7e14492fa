import { graphql } from '../../../gql';

export const AdminReportsQuery = graphql(`
  query AdminReports($status: ReportStatus, $first: Int!, $after: String) {
    abuseReports(status: $status, first: $first, after: $after) {
      totalCount
      pageInfo {
        ...PageInfoFields
      }
      edges {
        node {
          id
          reason
          details
          status
          createdAt
          resolvedAt
          resolutionNote
          reporterEmail
          asset {
            id
            filename
            status
            visibility
            width
            height
            preview: variantUrl(width: 480, height: 320, fit: COVER)
            owner {
              id
              name
              email
            }
          }
        }
      }
    }
  }
`);

export const ResolveReportMutation = graphql(`
  mutation ResolveReport($id: ID!, $decision: ReportDecision!, $note: String) {
    resolveAbuseReport(id: $id, decision: $decision, note: $note) {
      report {
        id
        status
        resolvedAt
        resolutionNote
      }
      errors {
        ...UserErrorFields
      }
    }
  }
`);

export const AdminMessagesQuery = graphql(`
  query AdminMessages($topic: ContactTopic, $handled: Boolean, $first: Int!) {
    contactMessages(topic: $topic, handled: $handled, first: $first) {
      id
      topic
      name
      email
      subject
      message
      createdAt
      handled
      handledAt
      user {
        id
      }
    }
  }
`);

export const MarkMessageHandledMutation = graphql(`
  mutation MarkMessageHandled($id: ID!, $handled: Boolean!) {
    markContactMessageHandled(id: $id, handled: $handled) {
      message {
        id
        handled
        handledAt
      }
      errors {
        ...UserErrorFields
      }
    }
  }
`);
