"""Mutations of the accounts domain, one concern per module."""

from __future__ import annotations

import strawberry

from pixvault.accounts.mutations.disabling import DisablingMutations
from pixvault.accounts.mutations.log_in import LogInMutations
from pixvault.accounts.mutations.password_reset import PasswordResetMutations
from pixvault.accounts.mutations.profile import ProfileMutations
from pixvault.accounts.mutations.tokens import TokenMutations
from pixvault.accounts.mutations.two_factor import TwoFactorMutations


@strawberry.type
class AccountsMutation(
    LogInMutations,
    PasswordResetMutations,
    ProfileMutations,
    TokenMutations,
    TwoFactorMutations,
    DisablingMutations,
):
    pass
