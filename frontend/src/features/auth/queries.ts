import { graphql } from '../../gql';

export const SignUpMutation = graphql(`
  mutation SignUp($input: SignUpInput!) {
    signUp(input: $input) {
      user {
        id
        name
        email
        roles
        twoFactorEnabled
      }
      errors {
        ...UserErrorFields
      }
    }
  }
`);

export const MinimumAgeQuery = graphql(`
  query MinimumAge {
    minimumAge
  }
`);

export const LogInMutation = graphql(`
  mutation LogIn($input: LogInInput!) {
    logIn(input: $input) {
      twoFactorChallenge
      user {
        id
        name
        email
        roles
        twoFactorEnabled
      }
      errors {
        ...UserErrorFields
      }
    }
  }
`);

export const ConfirmEmailChangeMutation = graphql(`
  mutation ConfirmEmailChange($token: String!) {
    confirmEmailChange(token: $token) {
      ok
      errors {
        ...UserErrorFields
      }
    }
  }
`);

export const CompleteLogInMutation = graphql(`
  mutation CompleteLogIn($challenge: String!, $code: String!) {
    completeLogIn(challenge: $challenge, code: $code) {
      user {
        id
        name
        email
        roles
        twoFactorEnabled
      }
      errors {
        ...UserErrorFields
      }
    }
  }
`);

export const RequestPasswordResetMutation = graphql(`
  mutation RequestPasswordReset($email: String!) {
    requestPasswordReset(email: $email) {
      ok
      errors {
        ...UserErrorFields
      }
    }
  }
`);

export const ResetPasswordMutation = graphql(`
  mutation ResetPassword($token: String!, $newPassword: String!) {
    resetPassword(token: $token, newPassword: $newPassword) {
      ok
      errors {
        ...UserErrorFields
      }
    }
  }
`);
