import { graphql } from '../gql';

export const SignUpMutation = graphql(`
  mutation SignUp($input: SignUpInput!) {
    signUp(input: $input) {
      user {
        id
        name
        email
        roles
      }
      errors {
        field
        code
        kind
        message
      }
    }
  }
`);

export const LogInMutation = graphql(`
  mutation LogIn($input: LogInInput!) {
    logIn(input: $input) {
      user {
        id
        name
        email
        roles
      }
      errors {
        field
        code
        kind
        message
      }
    }
  }
`);

export const LogOutMutation = graphql(`
  mutation LogOut {
    logOut {
      ok
      errors {
        field
        code
        kind
        message
      }
    }
  }
`);

export const ConfirmEmailChangeMutation = graphql(`
  mutation ConfirmEmailChange($token: String!) {
    confirmEmailChange(token: $token) {
      ok
      errors {
        field
        code
        kind
        message
      }
    }
  }
`);
