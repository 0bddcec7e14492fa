import { graphql } from '../../gql';

/** Two-factor log-in, set up and turned off from the privacy centre. */

export const BeginTwoFactorSetupMutation = graphql(`
  mutation BeginTwoFactorSetup {
    beginTwoFactorSetup {
      secret
      otpauthUri
      qrCode
      errors {
        ...UserErrorFields
      }
    }
  }
`);

export const EnableTwoFactorMutation = graphql(`
  mutation EnableTwoFactor($code: String!) {
    enableTwoFactor(code: $code) {
      recoveryCodes
      errors {
        ...UserErrorFields
      }
    }
  }
`);

export const DisableTwoFactorMutation = graphql(`
  mutation DisableTwoFactor($password: String!, $code: String!) {
    disableTwoFactor(password: $password, code: $code) {
      ok
      errors {
        ...UserErrorFields
      }
    }
  }
`);

export const TwoFactorStatusQuery = graphql(`
  query TwoFactorStatus {
    me {
      id
      roles
      twoFactorEnabled
      recoveryCodesLeft
    }
  }
`);
