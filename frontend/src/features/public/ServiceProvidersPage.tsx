import { Container, Stack, Table, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { PageHeader } from '../../components/PageHeader';
import { ErrorState, PageLoader } from '../../components/States';
import { graphqlRequest } from '../../lib/graphql';
import { ServiceProvidersQuery } from './queries';
import { ControllerCard } from './ControllerCard';
import { publicKeys } from './keys';

/** /service-providers: who personal data goes to (the processors register), for anyone. */
export function ServiceProvidersPage() {
  const query = useQuery({
    queryKey: publicKeys.serviceProviders(),
    queryFn: ({ signal }) => graphqlRequest(ServiceProvidersQuery, {}, { signal }),
  });
  if (query.isPending) return <PageLoader />;
  if (query.isError) return <ErrorState error={query.error} onRetry={() => void query.refetch()} />;
  const { processors, dataController } = query.data;
  return (
    <Container size="lg" py="lg">
      <PageHeader
        title="Who your data goes to"
        description="The service providers and affiliates that process personal data for us, what for, and where."
      />
      <Stack gap="lg">
        <Table.ScrollContainer minWidth={720}>
          <Table>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Recipient</Table.Th>
                <Table.Th>What for</Table.Th>
                <Table.Th>Data</Table.Th>
                <Table.Th>Where</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {processors.map((p) => (
                <Table.Tr key={p.name} data-testid="processor">
                  <Table.Td>{p.name}</Table.Td>
                  <Table.Td>{p.purpose}</Table.Td>
                  <Table.Td>{p.dataCategories.join(', ')}</Table.Td>
                  <Table.Td>
                    {p.location}
                    {p.transferMechanism && <Text size="sm" c="dimmed">{p.transferMechanism}</Text>}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
        <Text>{dataController.automatedDecisions}</Text>
        <ControllerCard controller={dataController} />
      </Stack>
    </Container>
  );
}
