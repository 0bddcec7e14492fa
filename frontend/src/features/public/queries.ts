import { graphql } from '../../gql';

export const PublicPolicyQuery = graphql(`
  query PublicPolicy($kind: PolicyKind!) {
    policy(kind: $kind) {
      id
      version
      title
      body
      effectiveAt
    }
    policyVersions(kind: $kind) {
      id
      version
      title
      summary
      changeType
      noticeAt
      effectiveAt
    }
    dataController {
      name
      address
      privacyContact
      supervisoryAuthorityName
      supervisoryAuthorityUrl
    }
  }
`);

export const VerifyDataRequestMutation = graphql(`
  mutation VerifyDataRequest($token: String!) {
    verifyDataSubjectRequest(token: $token) {
      request {
        id
        kind
        status
        dueAt
      }
      errors {
        ...UserErrorFields
      }
    }
  }
`);

export const AnonymousDataRequestMutation = graphql(`
  mutation AnonymousDataRequest($input: DataSubjectRequestInput!) {
    submitDataSubjectRequest(input: $input) {
      errors {
        ...UserErrorFields
      }
    }
  }
`);

export const ServiceProvidersQuery = graphql(`
  query ServiceProviders {
    processors {
      name
      kind
      purpose
      dataCategories
      location
      transferMechanism
    }
    dataController {
      name
      address
      privacyContact
      supervisoryAuthorityName
      supervisoryAuthorityUrl
      automatedDecisions
    }
  }
`);

export const ContactMutation = graphql(`
  mutation Contact($input: ContactInput!) {
    sendContactMessage(input: $input) {
      errors {
        ...UserErrorFields
      }
    }
  }
`);

export const ReportImageMutation = graphql(`
  mutation ReportImage($input: ReportAssetInput!) {
    reportAsset(input: $input) {
      errors {
        ...UserErrorFields
      }
    }
  }
`);
