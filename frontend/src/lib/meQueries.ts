import { graphql } from '../gql';

/** The signed-in account, or `null` when there is no session. */
export const MeQuery = graphql(`
  query Me {
    me {
      id
      name
      email
      roles
      twoFactorEnabled
    }
  }
`);

export const LogOutMutation = graphql(`
  mutation LogOut {
    logOut {
      ok
      errors {
        ...UserErrorFields
      }
    }
  }
`);
