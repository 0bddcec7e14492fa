"""Mutations of billing, one concern per module."""

from __future__ import annotations

import strawberry

from pixvault.billing.mutations.checkout import CheckoutMutations
from pixvault.billing.mutations.subscription import SubscriptionMutations


@strawberry.type
class BillingMutation(CheckoutMutations, SubscriptionMutations):
    pass
