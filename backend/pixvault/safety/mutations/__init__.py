"""Mutations of the safety domain, one concern per module."""

from __future__ import annotations

import strawberry

from pixvault.safety.mutations.abuse import AbuseMutations
from pixvault.safety.mutations.contact import ContactMutations


@strawberry.type
class SafetyMutation(ContactMutations, AbuseMutations):
    pass
