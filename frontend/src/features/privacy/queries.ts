import { graphql } from '../../gql';

export const PrivacyOverviewQuery = graphql(`
  query PrivacyOverview {
    me {
      id
      name
      email
      companyName
      createdAt
      lastLogInAt
      sessions {
        id
        endedAt
        expiresAt
      }
      apiTokens {
        id
      }
      consentHistory {
        id
        purpose
        granted
        recordedAt
      }
      activity(first: 1) {
        totalCount
      }
    }
  }
`);

export const ProfileQuery = graphql(`
  query Profile {
    me {
      id
      name
      email
      companyName
      createdAt
    }
  }
`);

export const UpdateProfileMutation = graphql(`
  mutation UpdateProfile($input: UpdateProfileInput!) {
    updateProfile(input: $input) {
      user {
        id
        name
        email
        companyName
      }
      errors {
        ...UserErrorFields
      }
    }
  }
`);

export const ChangePasswordMutation = graphql(`
  mutation ChangePassword($currentPassword: String!, $newPassword: String!) {
    changePassword(currentPassword: $currentPassword, newPassword: $newPassword) {
      ok
      errors {
        ...UserErrorFields
      }
    }
  }
`);

export const SessionsQuery = graphql(`
  query Sessions {
    me {
      id
      sessions {
        id
        current
        persistent
        createdAt
        lastSeenAt
        expiresAt
        endedAt
        ipAddress
        browser
        os
      }
    }
  }
`);

export const RevokeSessionMutation = graphql(`
  mutation RevokeSession($id: ID!) {
    revokeSession(id: $id) {
      ok
      errors {
        ...UserErrorFields
      }
    }
  }
`);

export const ActivityQuery = graphql(`
  query Activity($first: Int!, $after: String) {
    me {
      id
      activity(first: $first, after: $after) {
        totalCount
        pageInfo {
          ...PageInfoFields
        }
        edges {
          node {
            id
            kind
            at
            ipAddress
            country
            browser
            browserVersion
            os
            platform
            timezone
            target
          }
        }
      }
    }
  }
`);

export const ApiTokensQuery = graphql(`
  query ApiTokens {
    me {
      id
      apiTokens {
        id
        name
        scopes
        createdAt
        expiresAt
        lastUsedAt
      }
    }
  }
`);

export const CreateApiTokenMutation = graphql(`
  mutation CreateApiToken($name: String!, $scopes: [ApiScope!], $expiresInDays: Int) {
    createApiToken(name: $name, scopes: $scopes, expiresInDays: $expiresInDays) {
      token {
        id
        name
        scopes
        createdAt
        expiresAt
        lastUsedAt
      }
      secret
      errors {
        ...UserErrorFields
      }
    }
  }
`);

export const RevokeApiTokenMutation = graphql(`
  mutation RevokeApiToken($id: ID!) {
    revokeApiToken(id: $id) {
      ok
      errors {
        ...UserErrorFields
      }
    }
  }
`);

export const ConsentHistoryQuery = graphql(`
  query ConsentHistory {
    me {
      id
      consentHistory {
        id
        purpose
        granted
        source
        policyVersion
        recordedAt
        ipAddress
        userAgent
      }
    }
  }
`);

export const DataRequestsQuery = graphql(`
  query DataRequests {
    me {
      id
      email
      dataSubjectRequests {
        id
        kind
        status
        receivedAt
        dueAt
        completedAt
        progress
        exportUrl
        waitingReason
        rejectionReason
      }
    }
  }
`);

export const SubmitDataRequestMutation = graphql(`
  mutation SubmitDataRequest($input: DataSubjectRequestInput!) {
    submitDataSubjectRequest(input: $input) {
      request {
        id
        kind
        status
        receivedAt
        dueAt
        completedAt
        progress
        exportUrl
        waitingReason
        rejectionReason
      }
      errors {
        ...UserErrorFields
      }
    }
  }
`);

export const CloseAccountMutation = graphql(`
  mutation CloseAccount($password: String!) {
    closeAccount(password: $password) {
      request {
        id
        status
        receivedAt
        dueAt
        waitingReason
      }
      errors {
        ...UserErrorFields
      }
    }
  }
`);
