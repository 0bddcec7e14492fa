import { graphql } from '../../../gql';

export const AdminUsersQuery = graphql(`
  query AdminUsers($first: Int!, $after: String, $search: String) {
    users(first: $first, after: $after, search: $search) {
      totalCount
      pageInfo {
        ...PageInfoFields
      }
      edges {
        node {
          id
          createdAt
          name
          email
          companyName
          roles
          lastLogInAt
        }
      }
    }
  }
`);

export const AdminUserQuery = graphql(`
  query AdminUser($id: ID!) {
    user(id: $id) {
      id
      createdAt
      name
      email
      companyName
      roles
      lastLogInAt
      disabledAt
      activity(first: 10) {
        totalCount
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
            timezone
            target
          }
        }
      }
      consentHistory {
        id
        purpose
        granted
        source
        policyVersion
        recordedAt
      }
    }
    auditLog(first: 10, subjectId: $id) {
      totalCount
      edges {
        node {
          id
          at
          action
          target
          actor {
            id
            name
            email
          }
        }
      }
    }
  }
`);

export const SetUserRolesMutation = graphql(`
  mutation SetUserRoles($userId: ID!, $roles: [Role!]!) {
    setUserRoles(userId: $userId, roles: $roles) {
      user {
        id
        roles
      }
      errors {
        ...UserErrorFields
      }
    }
  }
`);

export const DisableUserMutation = graphql(`
  mutation DisableUser($id: ID!) {
    disableUser(id: $id) {
      user {
        id
        disabledAt
      }
      errors {
        ...UserErrorFields
      }
    }
  }
`);

export const EnableUserMutation = graphql(`
  mutation EnableUser($id: ID!) {
    enableUser(id: $id) {
      user {
        id
        disabledAt
      }
      errors {
        ...UserErrorFields
      }
    }
  }
`);

export const AuditLogQuery = graphql(`
  query AuditLog($first: Int!, $after: String, $subjectId: ID) {
    auditLog(first: $first, after: $after, subjectId: $subjectId) {
      totalCount
      pageInfo {
        ...PageInfoFields
      }
      edges {
        node {
          id
          at
          action
          target
          ipAddress
          actor {
            id
            name
            email
          }
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
