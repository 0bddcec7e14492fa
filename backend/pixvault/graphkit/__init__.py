"""What every domain's GraphQL modules build on: the request context, pagination,
mutation payloads and the access guards. Domain models and services never import it;
only the GraphQL modules (types, queries, mutations, permissions, loaders, payloads) do."""
