import { graphql } from '../../gql';

/** The customer's plan, this month's usage and payments, and the plans on offer. */
export const BillingQuery = graphql(`
  query Billing {
    me {
      id
      plan {
        id
        name
        priceCents
        currency
        interval
        storageQuotaBytes
        monthlyTransformations
        includedBandwidthBytes
        bandwidthCentsPerGigabyte
      }
      subscription {
        status
        cancelAtPeriodEnd
        currentPeriodEnd
        endsAt
      }
      usage {
        periodStart
        periodEnd
        storageBytes
        bandwidthBytes
        transformations
        estimatedCostCents
      }
      payments {
        id
        amountCents
        currency
        status
        paidAt
        refundedCents
        description
        billingName
      }
    }
    plans {
      id
      name
      priceCents
      currency
      interval
      storageQuotaBytes
      monthlyTransformations
      includedBandwidthBytes
      bandwidthCentsPerGigabyte
    }
  }
`);

/** Starts Stripe Checkout for a paid plan: the answer is the hosted page to go to. */
export const StartCheckoutMutation = graphql(`
  mutation StartCheckout($planId: ID!) {
    startCheckout(planId: $planId) {
      checkoutUrl
      errors {
        ...UserErrorFields
      }
    }
  }
`);

/** Ends the subscription with its current period (the plan is kept until then). */
export const CancelSubscriptionMutation = graphql(`
  mutation CancelSubscription {
    cancelSubscription {
      subscription {
        status
        cancelAtPeriodEnd
        currentPeriodEnd
        endsAt
      }
      errors {
        ...UserErrorFields
      }
    }
  }
`);

/** Undoes a cancellation before the period ends. */
export const ResumeSubscriptionMutation = graphql(`
  mutation ResumeSubscription {
    resumeSubscription {
      subscription {
        status
        cancelAtPeriodEnd
        currentPeriodEnd
        endsAt
      }
      errors {
        ...UserErrorFields
      }
    }
  }
`);
