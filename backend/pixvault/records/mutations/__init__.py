"""Mutations of the records domain, one concern per module."""

from __future__ import annotations

import strawberry

from pixvault.records.mutations.breaches import BreachMutations
from pixvault.records.mutations.disclosures import DisclosureMutations
from pixvault.records.mutations.holds import HoldMutations


@strawberry.type
class RecordsMutation(BreachMutations, DisclosureMutations, HoldMutations):
    pass
