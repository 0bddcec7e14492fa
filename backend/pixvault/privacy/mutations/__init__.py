"""Mutations of data subject requests."""

from __future__ import annotations

import strawberry

from pixvault.privacy.mutations.review import ReviewMutations
from pixvault.privacy.mutations.rights import RightsMutations
from pixvault.privacy.mutations.submit import SubmitMutations


@strawberry.type
class PrivacyMutation(SubmitMutations, ReviewMutations, RightsMutations):
    pass
