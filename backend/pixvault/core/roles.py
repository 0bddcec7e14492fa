"""Roles a user can hold. Staff are everyone but CUSTOMER."""

from __future__ import annotations

from enum import StrEnum

from pixvault.core import described


@described.enum(
    "A role a user holds; every account is a CUSTOMER, and staff hold one or more staff roles.",
    {
        "CUSTOMER": "Uses Pixvault for their own images; every account holds it.",
        "SUPPORT": "Staff: helps customers, reads their accounts and handles contact messages "
        "and abuse reports.",
        "BILLING": "Staff: reads payments and the billing details of accounts.",
        "PRIVACY_OFFICER": "Staff: handles GDPR requests, breaches, disclosures and legal holds.",
        "ADMIN": "Staff: everything, including giving roles and disabling accounts.",
    },
)
class Role(StrEnum):
    CUSTOMER = "CUSTOMER"
    SUPPORT = "SUPPORT"
    BILLING = "BILLING"
    PRIVACY_OFFICER = "PRIVACY_OFFICER"
    ADMIN = "ADMIN"


STAFF_ROLES = frozenset({Role.SUPPORT, Role.BILLING, Role.PRIVACY_OFFICER, Role.ADMIN})
