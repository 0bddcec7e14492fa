"""Mutations of the accounts domain, one concern per module."""

from __future__ import annotations

import strawberry

from pixvault.accounts.mutations.disabling import DisablingMutations
from pixvault.accounts.mutations.log_in import LogInMutations
from pixvault.accounts.mutations.profile import ProfileMutations
from pixvault.accounts.mutations.tokens import TokenMutations


@strawberry.type
class AccountsMutation(LogInMutations, ProfileMutations, TokenMutations, DisablingMutations):
    pass
