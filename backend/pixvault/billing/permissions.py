"""Who may read each field of billing (rows of the one access table)."""

from __future__ import annotations

from pixvault.graphkit.access import OPEN, SIGNED_IN_BY_RESOLVER, Audience, Rule, rule

A = Audience
#: The customer, and billing staff, whose reads of someone else's are audited.
SELF_BILLING_AUDITED = rule(A.SELF, A.BILLING, A.ADMIN, audited=True)

RULES: dict[str, Rule] = {
    "User.payments": SELF_BILLING_AUDITED,
    "User.plan": SELF_BILLING_AUDITED,
    "User.usage": SELF_BILLING_AUDITED,
    "User.subscription": SELF_BILLING_AUDITED,
    "Query.plans": OPEN,
    "Query.payments": rule(A.BILLING, A.ADMIN),
    "Mutation.startCheckout": SIGNED_IN_BY_RESOLVER,
    # Each acts on the signed-in customer's own subscription (no id to name someone else's).
    "Mutation.cancelSubscription": rule(A.SIGNED_IN),
    "Mutation.resumeSubscription": rule(A.SIGNED_IN),
    **{
        f"Plan.{f}": OPEN
        for f in [
            "id",
            "name",
            "priceCents",
            "currency",
            "interval",
            "storageQuotaBytes",
            "monthlyTransformations",
            "includedBandwidthBytes",
            "bandwidthCentsPerGigabyte",
        ]
    },
    **{
        f"Usage.{f}": OPEN
        for f in [
            "periodStart",
            "periodEnd",
            "storageBytes",
            "bandwidthBytes",
            "transformations",
            "estimatedCostCents",
        ]
    },
    # Payments are reached through User.payments or Query.payments, both guarded.
    **{
        f"Payment.{f}": OPEN
        for f in [
            "id",
            "amountCents",
            "currency",
            "status",
            "paidAt",
            "refundedCents",
            "description",
        ]
    },
    "Payment.user": rule(A.SELF, A.BILLING, A.ADMIN),
    "Payment.billingName": SELF_BILLING_AUDITED,
    "Payment.providerReference": rule(A.BILLING, A.ADMIN),
    "PaymentConnection.edges": OPEN,
    "PaymentConnection.pageInfo": OPEN,
    "PaymentConnection.totalCount": OPEN,
    "PaymentEdge.cursor": OPEN,
    "PaymentEdge.node": OPEN,
    "CheckoutPayload.checkoutUrl": OPEN,
    "CheckoutPayload.errors": OPEN,
    # Reached through User.subscription (guarded) or the customer's own mutation payload.
    **{
        f"BillingSubscription.{f}": OPEN
        for f in ["status", "cancelAtPeriodEnd", "currentPeriodEnd", "endsAt"]
    },
    "SubscriptionPayload.subscription": OPEN,
    "SubscriptionPayload.errors": OPEN,
}
