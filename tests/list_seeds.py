"""How to add rows to each list field of the graph, for tests/test_list_statement_counts.py:
each seed adds ``n`` rows that the list's query (as the ADMIN, nested lists under ``me``) shows;
UNDER adds rows under any parent, and NEW_PARENTS makes a page of parents to read them under.
"""

from __future__ import annotations

import itertools
import uuid
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import httpx

from pixvault.accounts.models import ActivityEvent, ApiToken, Session, User
from pixvault.audit.service import AuditEvent, record
from pixvault.billing.models import Payment, Plan
from pixvault.consents.models import ConsentRecord
from pixvault.core.clock import now
from pixvault.policies.models import PolicyVersion
from pixvault.privacy.models import DataSubjectRequest
from pixvault.privacy.rights_models import ProcessingRestriction, RecipientNotice
from pixvault.records.breach_models import BreachIncident
from pixvault.records.models import Disclosure, LegalHold
from pixvault.safety.models import AbuseReport, ContactMessage
from tests.conftest import Env, unique_email
from tests.media import encode, uploaded

_sizes = itertools.count(20)


@dataclass
class World:
    env: Env
    admin: httpx.AsyncClient
    admin_id: str
    owner: httpx.AsyncClient
    owner_id: str
    #: A data subject request of the ADMIN's, the parent of the recipient notices seeded.
    request_id: str


Seed = Callable[[World, int], Awaitable[None]]


async def new_users(world: World, n: int) -> None:
    for _ in range(n):
        await User.create(
            email=unique_email("row"), name="Row Person", password_hash="x", created_at=now()
        )


async def admin_assets(world: World, n: int) -> None:
    for _ in range(n):
        await uploaded(world.admin, encode(".png", width=next(_sizes), height=12))


async def public_assets(world: World, n: int) -> None:
    for _ in range(n):
        await uploaded(
            world.owner, encode(".png", width=next(_sizes), height=12), visibility="PUBLIC"
        )


async def abuse_reports(world: World, n: int) -> None:
    for i in range(n):
        asset = await uploaded(world.owner, encode(".png", width=next(_sizes), height=14))
        await AbuseReport.create(
            asset_id=asset["id"],
            owner_id=world.owner_id,
            reporter_email=f"reporter{i}@example.com",
            reason="ABUSIVE",
            status="OPEN",
            created_at=now(),
        )


async def contact_messages(world: World, n: int) -> None:
    for i in range(n):
        sender = await User.create(
            email=unique_email("sender"), name="Sender", password_hash="x", created_at=now()
        )
        await ContactMessage.create(
            user=sender, topic="GENERAL", name="Sender", email=sender.email,
            subject=f"subject {i}", message="hello", created_at=now(),
        )  # fmt: skip


async def audit_entries(world: World, n: int) -> None:
    await record(
        [
            AuditEvent(
                actor_id=world.admin_id,
                actor_roles="ADMIN",
                action="READ_PERSONAL_DATA",
                subject_id=world.owner_id,
                target=f"row {i}",
                ip_address=None,
            )
            for i in range(n)
        ]
    )


async def plans(world: World, n: int) -> None:
    for _ in range(n):
        await Plan.create(
            id=f"plan-{uuid.uuid4().hex[:8]}", name="Row plan", price_cents=500, currency="eur",
            interval="month", storage_quota_bytes=10**9, monthly_transformations=100,
            included_bandwidth_bytes=10**9, bandwidth_cents_per_gb=5,
        )  # fmt: skip


async def payments(world: World, n: int) -> None:
    for _ in range(n):
        await Payment.create(
            user_id=world.owner_id, invoice_id=f"in_{uuid.uuid4().hex}", amount_cents=500,
            currency="eur", status="SUCCEEDED", created_at=now(),
        )  # fmt: skip


async def policy_versions(world: World, n: int) -> None:
    """Versions announced for the future, so that no one has to decide on them yet."""
    for i in range(n):
        await PolicyVersion.create(
            kind="PRIVACY", version=f"row-{uuid.uuid4().hex[:6]}", title=f"Row {i}",
            summary="s", body="b", change_type="MINOR", notice_at=now(),
            effective_at=now() + timedelta(days=400),
        )  # fmt: skip


async def restrictions(world: World, n: int) -> None:
    """Each on a new person: a restriction hides its person's public images from other lists."""
    for _ in range(n):
        person = await User.create(
            email=unique_email("held"), name="Held", password_hash="x", created_at=now()
        )
        await ProcessingRestriction.create(user=person, request_id=uuid.uuid4(), placed_at=now())


async def requests(world: World, n: int) -> None:
    for _ in range(n):
        await DataSubjectRequest.create(
            kind="ACCESS", status="VERIFIED", subject_id=world.owner_id,
            requester_email="owner@example.com", received_at=now(),
            due_at=now() + timedelta(days=30),
        )  # fmt: skip


async def breaches(world: World, n: int) -> None:
    for i in range(n):
        await BreachIncident.create(
            description=f"breach {i}", discovered_at=now(), recorded_at=now(),
            recorded_by_id=world.admin_id,
        )  # fmt: skip


async def legal_holds(world: World, n: int) -> None:
    for i in range(n):
        await LegalHold.create(
            user_id=world.owner_id, reason=f"hold {i}", placed_at=now(),
            placed_by_id=world.admin_id,
        )  # fmt: skip


async def disclosures(world: World, n: int) -> None:
    for i in range(n):
        await Disclosure.create(
            user_id=world.owner_id, recipient=f"authority {i}", legal_basis="LEGAL_OBLIGATION",
            disclosed_at=now(), recorded_at=now(), recorded_by_id=world.admin_id,
        )  # fmt: skip


async def notices_under(world: World, request_id: str, n: int) -> None:
    request = await DataSubjectRequest.get(id=request_id)
    for _ in range(n):
        await RecipientNotice.create(
            user_id=request.subject_id, request_id=request_id, source="PROCESSOR",  # type: ignore[attr-defined]
            recipient=f"recipient {uuid.uuid4().hex[:6]}", action="ACCESS", created_at=now(),
        )  # fmt: skip


async def own_sessions(world: World, n: int) -> None:
    for _ in range(n):
        await Session.create(
            user_id=world.admin_id, created_at=now(), last_seen_at=now(),
            expires_at=now() + timedelta(days=1), browser="Firefox", os="Linux",
        )  # fmt: skip


async def own_api_tokens(world: World, n: int) -> None:
    for i in range(n):
        await ApiToken.create(
            user_id=world.admin_id, name=f"token {i}", token_hash=uuid.uuid4().hex,
            scopes=["ASSETS_READ"], created_at=now(),
        )  # fmt: skip


async def activity_under(world: World, user_id: str, n: int) -> None:
    for _ in range(n):
        await ActivityEvent.create(user_id=user_id, kind="LOG_IN", at=now())


async def consents_under(world: World, user_id: str, n: int) -> None:
    for i in range(n):
        await ConsentRecord.create(
            user_id=user_id, purpose="ANALYTICS", granted=i % 2 == 0, source="SETTINGS",
            policy_version="none", recorded_at=now(),
        )  # fmt: skip


async def requests_under(world: World, user_id: str, n: int) -> None:
    for _ in range(n):
        await DataSubjectRequest.create(
            kind="ACCESS", status="VERIFIED", subject_id=user_id,
            requester_email="subject@example.com", received_at=now(),
            due_at=now() + timedelta(days=30),
        )  # fmt: skip


async def holds_under(world: World, user_id: str, n: int) -> None:
    for i in range(n):
        await LegalHold.create(
            user_id=user_id, reason=f"hold {i}", placed_at=now(), placed_by_id=world.admin_id
        )


async def payments_under(world: World, user_id: str, n: int) -> None:
    for _ in range(n):
        await Payment.create(
            user_id=user_id, invoice_id=f"in_{uuid.uuid4().hex}", amount_cents=500,
            currency="eur", status="SUCCEEDED", created_at=now(),
        )  # fmt: skip


#: How to add ``n`` rows under one parent (by its id), for each nested list a staff role may
#: read on other people: the page-of-parents measurement gives every parent rows with these.
Under = Callable[[World, str, int], Awaitable[None]]
UNDER: dict[str, Under] = {
    "DataSubjectRequest.recipientNotices": notices_under,
    "User.activity": activity_under,
    "User.consentHistory": consents_under,
    "User.dataSubjectRequests": requests_under,
    "User.legalHolds": holds_under,
    "User.payments": payments_under,
}

#: The one parent a nested list is read under (the ADMIN's own account, their request), by
#: the parent's type: its id, and where the query reads it from.
OWN_PARENT: dict[str, tuple[Callable[[World], str], Callable[[World], str]]] = {
    "User": (lambda world: world.admin_id, lambda world: "me"),
    "DataSubjectRequest": (
        lambda world: world.request_id,
        lambda world: f'dataSubjectRequest(id: "{world.request_id}")',
    ),
}


def under_own_parent(coordinate: str) -> Seed:
    """The seed of a nested list: rows under the ADMIN's own parent."""
    parent_id = OWN_PARENT[coordinate.split(".")[0]][0]

    async def seed(world: World, n: int) -> None:
        await UNDER[coordinate](world, parent_id(world), n)

    return seed


_earlier = itertools.count(1)


async def new_people(world: World, n: int) -> list[str]:
    """People made now, the newest first on Query.users (returned in that order)."""
    made = [
        str((await User.create(
            email=unique_email("parent"), name="Parent", password_hash="x", created_at=now()
        )).id)
        for _ in range(n)
    ]  # fmt: skip
    return made[::-1]


async def new_requests(world: World, n: int) -> list[str]:
    """Requests of the owner due before any other (each batch before the one made earlier), so
    first on Query.dataSubjectRequests (by due date)."""
    base = datetime(2000, 1, 1, tzinfo=UTC) - timedelta(days=next(_earlier))
    return [
        str((await DataSubjectRequest.create(
            kind="ERASURE", status="VERIFIED", subject_id=world.owner_id,
            requester_email="owner@example.com", received_at=base, due_at=base + timedelta(hours=i),
        )).id)
        for i in range(n)
    ]  # fmt: skip


#: How to make ``n`` new parents of a type that come first on its page root (their ids in the
#: page's order), for the page-of-parents measurement.
NEW_PARENTS: dict[str, Callable[[World, int], Awaitable[list[str]]]] = {
    "User": new_people,
    "DataSubjectRequest": new_requests,
}


#: How to add rows to each list field, by its coordinate (Type.field).
SEEDS: dict[str, Seed] = {
    "Query.users": new_users,
    "Query.assets": admin_assets,
    "Query.publicAssets": public_assets,
    "Query.abuseReports": abuse_reports,
    "Query.contactMessages": contact_messages,
    "Query.contactMessagesConnection": contact_messages,
    "Query.auditLog": audit_entries,
    "Query.plans": plans,
    "Query.payments": payments,
    "Query.policyVersions": policy_versions,
    "Query.processingRestrictions": restrictions,
    "Query.dataSubjectRequests": requests,
    "Query.breaches": breaches,
    "Query.legalHolds": legal_holds,
    "Query.disclosures": disclosures,
    **{coordinate: under_own_parent(coordinate) for coordinate in UNDER},
    "User.apiTokens": own_api_tokens,
    "User.apiTokensConnection": own_api_tokens,
    "User.assets": admin_assets,
    "User.sessions": own_sessions,
    "User.sessionsConnection": own_sessions,
}

#: Arguments a root list needs besides the page size.
ARGUMENTS: dict[str, str] = {"Query.policyVersions": "kind: PRIVACY"}
