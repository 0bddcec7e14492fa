import { graphql } from '../../gql';

/** Cookie choices, page-view measurement and decisions on new policy versions. */

export const ConsentStateQuery = graphql(`
  query ConsentState {
    consentState {
      bannerRequired
      decisions {
        purpose
        granted
        decidedAt
        policyVersion
        globalPrivacyControl
      }
    }
  }
`);

export const CookieDeclarationsQuery = graphql(`
  query CookieDeclarations {
    cookieDeclarations {
      name
      category
      purpose
      persistent
      maxAgeSeconds
      provider
      sessionUnlessRemembered
    }
  }
`);

export const SetConsentsMutation = graphql(`
  mutation SetConsents($decisions: [ConsentInput!]!, $source: ConsentSource!) {
    setConsents(decisions: $decisions, source: $source) {
      consentState {
        bannerRequired
        decisions {
          purpose
          granted
          decidedAt
          policyVersion
          globalPrivacyControl
        }
      }
      errors {
        ...UserErrorFields
      }
    }
  }
`);

export const RecordPageViewMutation = graphql(`
  mutation RecordPageView($path: String!) {
    recordPageView(path: $path) {
      ok
      errors {
        ...UserErrorFields
      }
    }
  }
`);

export const PendingPolicyDecisionsQuery = graphql(`
  query PendingPolicyDecisions {
    pendingPolicyDecisions {
      id
      kind
      version
      title
      summary
      body
      changeType
      materiallyReducesProtection
      noticeAt
      effectiveAt
    }
  }
`);

export const AcceptPolicyVersionMutation = graphql(`
  mutation AcceptPolicyVersion($id: ID!) {
    acceptPolicyVersion(id: $id) {
      decision {
        accepted
        decidedAt
      }
      errors {
        ...UserErrorFields
      }
    }
  }
`);

export const RejectPolicyVersionMutation = graphql(`
  mutation RejectPolicyVersion($id: ID!, $password: String!) {
    rejectPolicyVersion(id: $id, password: $password) {
      accountClosed
      decision {
        accepted
        decidedAt
      }
      errors {
        ...UserErrorFields
      }
    }
  }
`);
