import { graphql } from './gql';
import { graphqlRequest } from './lib/graphql';

const IntegratorLogIn = graphql(`
  mutation IntegratorLogIn($input: LogInInput!) {
    logIn(input: $input) { user { id } errors { kind field message retryAfter } }
  }
`);

export async function logIn(email: string, password: string): Promise<string> {
  const { logIn } = await graphqlRequest(IntegratorLogIn, { input: { email, password } });
  const [error] = logIn.errors;
  if (error?.kind === 'RATE_LIMITED') return `Try again in ${error.retryAfter} s.`;
  if (error) return error.message;
  return `Signed in as ${logIn.user?.id}`;
}
