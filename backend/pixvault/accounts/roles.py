"""Roles a user can hold. Staff are everyone but CUSTOMER."""

from __future__ import annotations

from enum import StrEnum

import strawberry


@strawberry.enum
class Role(StrEnum):
    CUSTOMER = "CUSTOMER"
    SUPPORT = "SUPPORT"
    BILLING = "BILLING"
    PRIVACY_OFFICER = "PRIVACY_OFFICER"
    ADMIN = "ADMIN"


STAFF_ROLES = frozenset({Role.SUPPORT, Role.BILLING, Role.PRIVACY_OFFICER, Role.ADMIN})
