"""Mutations of the policies domain, one concern per module."""

from __future__ import annotations

import strawberry

from pixvault.policies.mutations.decide import DecisionMutations
from pixvault.policies.mutations.publish import PublishMutation


@strawberry.type
class PoliciesMutation(PublishMutation, DecisionMutations):
    pass
