import { graphql } from '../../../gql';

/** Payments across customers, for the billing staff. */

/** Payments across customers, for BILLING and ADMIN staff. */
export const AdminPaymentsQuery = graphql(`
  query AdminPayments($first: Int!, $after: String, $userId: ID, $status: PaymentStatus) {
    payments(first: $first, after: $after, userId: $userId, status: $status) {
      totalCount
      pageInfo {
        ...PageInfoFields
      }
      edges {
        node {
          id
          amountCents
          currency
          status
          paidAt
          refundedCents
          description
          billingName
          providerReference
          user {
            id
            name
            email
          }
        }
      }
    }
  }
`);

/** Customers matching a search, to filter the payments by one of them. */
export const PaymentCustomersQuery = graphql(`
  query PaymentCustomers($search: String) {
    users(first: 8, search: $search) {
      edges {
        node {
          id
          name
          email
        }
      }
    }
  }
`);
