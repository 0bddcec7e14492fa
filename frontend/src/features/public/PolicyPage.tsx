import { Badge, Container, Divider, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useParams } from 'react-router';
import { PageHeader } from '../../components/PageHeader';
import { ErrorState, PageLoader } from '../../components/States';
import type { PolicyKind } from '../../gql/graphql';
import { formatDate } from '../../lib/format';
import { graphqlRequest } from '../../lib/graphql';
import { PublicPolicyQuery } from './queries';
import { NotFoundPage } from '../../components/NotFoundPage';
import { ControllerCard } from './ControllerCard';
import { publicKeys } from './keys';

const KINDS: Record<string, PolicyKind> = { privacy: 'PRIVACY', terms: 'TERMS' };

/** /policies/{privacy|terms}: the version in effect, and every version with what changed. The
 * policy-change emails and the sign-up form link here. */
export function PolicyPage() {
  const { kind = '' } = useParams();
  const policyKind = KINDS[kind.toLowerCase()];
  const query = useQuery({
    queryKey: publicKeys.policy(policyKind),
    queryFn: ({ signal }) => graphqlRequest(PublicPolicyQuery, { kind: policyKind! }, { signal }),
    enabled: policyKind !== undefined,
  });
  if (policyKind === undefined) return <NotFoundPage />;
  if (query.isPending) return <PageLoader />;
  if (query.isError) return <ErrorState error={query.error} onRetry={() => void query.refetch()} />;
  const { policy, policyVersions, dataController } = query.data;
  return (
    <Container size="md" py="lg">
      <PageHeader
        title={policy?.title ?? (policyKind === 'PRIVACY' ? 'Privacy policy' : 'Terms')}
        description={
          policy
            ? `Version ${policy.version}, in effect since ${formatDate(policy.effectiveAt)}.`
            : 'No version is in effect yet.'
        }
      />
      <Stack gap="lg">
        {policy && (
          <Paper withBorder p="md" radius="md">
            <Text style={{ whiteSpace: 'pre-wrap' }} data-testid="policy-body">
              {policy.body}
            </Text>
          </Paper>
        )}
        {policyKind === 'PRIVACY' && <ControllerCard controller={dataController} />}
        <Divider />
        <Title order={2} fz="lg">
          Version history
        </Title>
        <Table>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Version</Table.Th>
              <Table.Th>What changed</Table.Th>
              <Table.Th>Announced</Table.Th>
              <Table.Th>In effect from</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {policyVersions.map((v) => (
              <Table.Tr key={v.id} data-testid="policy-version">
                <Table.Td>
                  {v.version}{' '}
                  {v.id === policy?.id && (
                    <Badge size="sm" color="teal">
                      in effect
                    </Badge>
                  )}
                </Table.Td>
                <Table.Td>{v.summary}</Table.Td>
                <Table.Td>{formatDate(v.noticeAt)}</Table.Td>
                <Table.Td>{formatDate(v.effectiveAt)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Stack>
    </Container>
  );
}
