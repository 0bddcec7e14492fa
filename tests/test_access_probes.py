"""Access probes: objects one user owns, tried by another customer and by each staff role the
contract does not allow, through every query and mutation that takes their id. Nothing leaks
and nothing changes. The machinery is tests/access_probes.py; this module holds the catalogue
check and the probes of people: users, sessions, API tokens and data subject requests. Assets,
payments, abuse reports and contact messages, and legal holds and disclosures have their own
modules (test_access_probes_*.py)."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator
from dataclasses import dataclass
from types import ModuleType

import pytest
from graphql import GraphQLObjectType

from pixvault.accounts.models import ApiToken, Session, User
from pixvault.billing.models import Payment
from pixvault.core.clock import now
from pixvault.graph.permissions import ACCESS_TABLE
from pixvault.graphkit.access import Audience, rule
from pixvault.privacy.models import DataSubjectRequest
from tests import (
    test_access_probes_assets,
    test_access_probes_billing,
    test_access_probes_records,
    test_access_probes_rights,
    test_access_probes_safety,
)
from tests.access_probes import (
    PROBERS,
    SCHEMA,
    STAFF_ROLES,
    Cast,
    ListProbe,
    Probe,
    allows,
    id_taking_fields,
    needs_arguments,
    open_cast,
    rows,
    run_list_probe,
    run_probe,
    selection,
)
from tests.conftest import PASSWORD, Env, drain_jobs, gql
from tests.exports import export_url
from tests.media import located_jpeg, uploaded

#: The owner alone, as the accounts services decide (sessions.revoke, tokens.revoke filter by
#: the viewer's own user id).
OWNER = rule(Audience.SELF)
#: A request is its subject's, and the reviewers' (privacy/queries.py), as the person's list.
REQUEST_READERS = ACCESS_TABLE["User.dataSubjectRequests"]

PROBES = [
    Probe("Query.user", "id", "user"),
    Probe("Mutation.setUserRoles", "userId", "user", args={"roles": ["ADMIN"]}),
    Probe("Mutation.disableUser", "id", "user"),
    Probe("Mutation.enableUser", "id", "user"),
    Probe("Mutation.revokeSession", "id", "session", OWNER),
    Probe("Mutation.revokeApiToken", "id", "token", OWNER),
    Probe("Query.dataSubjectRequest", "id", "request", REQUEST_READERS),
    Probe("Mutation.extendDataSubjectRequest", "id", "request", args={"days": 5, "reason": "x"}),
    Probe("Mutation.rejectDataSubjectRequest", "id", "request", args={"reason": "x"}),
    Probe("Mutation.completeDataSubjectRequest", "id", "request"),
]

LISTS = [
    ListProbe("Query.users", "user"),
    ListProbe("Query.dataSubjectRequests", "request", REQUEST_READERS),
]

#: Ids taken by fields that name objects anyone may use that way.
PUBLIC = {
    "Mutation.startCheckout(planId)": "plans are the public catalogue (Query.plans), and the "
    "checkout started is the viewer's own",
    "Mutation.acceptPolicyVersion(id)": "policy versions are published texts anyone may read, "
    "and the decision recorded is the viewer's own",
    "Mutation.rejectPolicyVersion(id)": "as acceptPolicyVersion",
}

#: Query fields that list nobody else's objects.
NOT_ABOUT_OTHERS = {
    "Query.me": "the viewer's own account",
    "Query.minimumAge": "a setting of the installation",
    "Query.plans": "the public catalogue of plans",
    "Query.cookieDeclarations": "the public list of cookies",
    "Query.consentState": "the viewer's (or visitor's) own",
    "Query.policy": "published policy texts",
    "Query.policyVersions": "published policy texts",
    "Query.pendingPolicyDecisions": "the viewer's own",
    "Query.processors": "the public register of processors",
    "Query.dataController": "the operator's public identity and privacy contact",
    "Query.supervisoryAuthority": "the operator's public statement of where to complain",
}

FAMILIES: list[ModuleType | None] = [
    None,  # this module
    test_access_probes_assets,
    test_access_probes_billing,
    test_access_probes_records,
    test_access_probes_rights,
    test_access_probes_safety,
]


def all_probes() -> list[Probe]:
    return [p for m in FAMILIES for p in (m.PROBES if m is not None else PROBES)]


def test_every_id_taking_field_is_probed_or_public() -> None:
    probed = {p.key for p in all_probes()}
    wanted = id_taking_fields()
    unprobed = sorted(wanted - probed - PUBLIC.keys())
    assert unprobed == [], f"add a probe (test_access_probes*.py) or a PUBLIC reason: {unprobed}"
    assert sorted((probed | PUBLIC.keys()) - wanted) == [], "probes of fields the schema lacks"
    assert not probed & PUBLIC.keys()


def all_lists() -> list[ListProbe]:
    return [p for m in FAMILIES for p in (m.LISTS if m is not None else LISTS)]


def test_every_query_is_probed_listed_or_about_nobody_else() -> None:
    root = SCHEMA.query_type
    assert root is not None
    covered = {p.field for p in all_probes()} | {p.field for p in all_lists()}
    queries = {f"Query.{name}" for name in root.fields}
    assert sorted(queries - covered - NOT_ABOUT_OTHERS.keys()) == []
    assert sorted(NOT_ABOUT_OTHERS.keys() - queries) == []
    names = [p.name for p in all_lists()]
    assert len(names) == len(set(names))


def test_probes_are_distinct_and_each_refuses_someone() -> None:
    names = [p.name for p in all_probes()]
    assert len(names) == len(set(names))
    for probe in all_probes():
        assert "customer" in probe.refused(), probe.name
        assert set(probe.refused()) <= set(PROBERS)


@dataclass
class People:
    cast: Cast
    ids: dict[str, str]
    secrets: list[str]
    export_path: str


@pytest.fixture(scope="module")
async def people(env: Env) -> AsyncIterator[People]:
    async with open_cast(env) as cast:
        owner = cast.owner
        token = (
            await gql(owner, 'mutation { createApiToken(name: "phone") { token { id } secret } }')
        ).data["createApiToken"]
        details = "Everything about my account, reference Q-77-private"
        request = (
            await gql(
                owner,
                "mutation($i: DataSubjectRequestInput!) { submitDataSubjectRequest(input: $i) "
                "{ request { id } errors { code } } }",
                {"i": {"kind": "ACCESS", "password": PASSWORD, "details": details}},
            )
        ).data["submitDataSubjectRequest"]
        assert request["errors"] == []
        await drain_jobs(env)
        url = await export_url(owner, request["request"]["id"])
        user_id = cast.user_ids["owner"]
        session = await Session.get(user_id=user_id, ended_at=None)
        # Something behind each of the person's guarded fields, for the walk over them below.
        await uploaded(owner, located_jpeg(), filename="selfie-w3e5.jpg")
        await Payment.create(
            id=uuid.uuid4(),
            user_id=user_id,
            invoice_id="in_people_r7t9",
            billing_name="Named Payer-y2u4",
            amount_cents=990,
            currency="EUR",
            status="SUCCEEDED",
            created_at=now(),
        )
        hold = await gql(
            cast.clients["PRIVACY_OFFICER"],
            "mutation($i: LegalHoldInput!) { placeLegalHold(input: $i) { errors { code } } }",
            {"i": {"userId": user_id, "reason": "Held i6o8"}},
        )
        assert hold.data["placeLegalHold"]["errors"] == []
        yield People(
            cast=cast,
            ids={
                "user": user_id,
                "session": str(session.id),
                "token": token["token"]["id"],
                "request": request["request"]["id"],
            },
            secrets=[
                cast.emails["owner"],
                token["secret"],
                details,
                "selfie-w3e5",
                "in_people_r7t9",
                "Payer-y2u4",
                "Held i6o8",
            ],
            export_path=url.removeprefix(env.settings.public_url),
        )


async def state_of_people(user_id: str) -> object:
    return (
        await rows(User, ["email", "name", "roles", "closed_at", "disabled_at"], id=user_id),
        await rows(Session, ["ended_at", "expires_at"], user_id=user_id),
        await rows(ApiToken, ["name", "revoked_at"], user_id=user_id),
        await rows(
            DataSubjectRequest,
            ["status", "due_at", "extended_days", "rejection_reason", "completed_at"],
            subject_id=user_id,
        ),
    )


@pytest.mark.parametrize("probe", PROBES, ids=lambda p: p.name)
async def test_people_probe(people: People, probe: Probe) -> None:
    user_id = people.ids["user"]
    tried = await run_probe(
        people.cast,
        probe,
        people.ids[probe.obj],
        people.secrets,
        lambda: state_of_people(user_id),
    )
    assert tried


@pytest.mark.parametrize("probe", LISTS, ids=lambda p: p.name)
async def test_people_list_probe(people: People, probe: ListProbe) -> None:
    refused = await run_list_probe(people.cast, probe, people.ids[probe.marker], people.secrets)
    assert "customer" in refused


async def test_the_owner_still_holds_what_the_probers_tried_to_revoke(
    env: Env, people: People
) -> None:
    owner = await gql(people.cast.owner, "{ me { id sessions { id } apiTokens { id } } }")
    me = owner.data["me"]
    assert me["id"] == people.ids["user"]
    assert people.ids["session"] in {s["id"] for s in me["sessions"]}
    assert people.ids["token"] in {t["id"] for t in me["apiTokens"]}


USER = SCHEMA.type_map["User"]
assert isinstance(USER, GraphQLObjectType)
GUARDED_USER_FIELDS = sorted(
    name
    for name, field in USER.fields.items()
    if not ACCESS_TABLE[f"User.{name}"].is_open and not needs_arguments(field)
)


@pytest.mark.parametrize("name", GUARDED_USER_FIELDS)
async def test_each_staff_role_reads_of_a_person_only_what_the_table_allows(
    people: People, name: str
) -> None:
    """Through Query.user (which every staff role may use): each guarded field of the person is
    FORBIDDEN, null and silent for each staff role its row leaves out, and there for the others."""
    rule_ = ACCESS_TABLE[f"User.{name}"]
    inner = selection(USER.fields[name].type, 1)
    document = f"query($id: ID!) {{ user(id: $id) {{ id {name} {inner} }} }}"
    for who in STAFF_ROLES:
        result = await gql(people.cast.clients[who], document, {"id": people.ids["user"]})
        assert result.data["user"]["id"] == people.ids["user"], result.body
        code = result.error_codes().get(f"user.{name}")
        if allows(rule_, who):
            assert code is None, (who, result.body)
        else:
            assert code == "FORBIDDEN", (who, result.body)
            assert result.data["user"][name] is None
            assert all(s not in result.http.text for s in people.secrets), (who, result.body)


@pytest.mark.parametrize("who", PROBERS)
async def test_an_export_link_works_for_its_subject_alone(
    env: Env, people: People, who: str
) -> None:
    download = await people.cast.clients[who].get(people.export_path)
    if who == "owner":
        assert download.status_code == 200
        assert download.headers["content-type"] == "application/zip"
    else:
        assert download.status_code == (401 if who == "anonymous" else 403)
        assert download.headers["content-type"].startswith("text/plain")
        assert all(s not in download.text for s in people.secrets)


async def test_an_export_link_needs_a_token_with_account_read(env: Env, people: People) -> None:
    secrets = {}
    for name, scopes in (("reader", ["ACCOUNT_READ"]), ("images", ["ASSETS_READ"])):
        made = await gql(
            people.cast.owner,
            "mutation($n: String!, $s: [ApiScope!]) { createApiToken(name: $n, scopes: $s) "
            "{ secret } }",
            {"n": name, "s": scopes},
        )
        secrets[name] = made.data["createApiToken"]["secret"]
    expected = {"reader": 200, "images": 403}
    for name, secret in secrets.items():
        async with env.client(Authorization=f"Bearer {secret}") as script:
            assert (await script.get(people.export_path)).status_code == expected[name], name
    async with env.client(Authorization="Bearer pvt_wrong") as script:
        wrong = await script.get(people.export_path)
        assert wrong.status_code == 401 and "invalid_token" in wrong.headers["www-authenticate"]


async def test_one_exports_signature_does_not_open_another(env: Env, people: People) -> None:
    """The customer's own valid link, pointed at the owner's export, is refused to both."""
    customer = people.cast.clients["customer"]
    mine = (
        await gql(
            customer,
            "mutation($i: DataSubjectRequestInput!) { submitDataSubjectRequest(input: $i) "
            "{ request { id } } }",
            {"i": {"kind": "ACCESS", "password": PASSWORD}},
        )
    ).data["submitDataSubjectRequest"]["request"]
    await drain_jobs(env)
    url = await export_url(customer, mine["id"])
    path = url.removeprefix(env.settings.public_url)
    assert (await customer.get(path)).status_code == 200
    forged = path.replace(mine["id"], people.ids["request"])
    assert forged != path
    for who in ("customer", "owner"):
        assert (await people.cast.clients[who].get(forged)).status_code == 403, who
    # And the owner's own link with its signature altered.
    tampered = people.export_path[:-1] + ("1" if people.export_path.endswith("0") else "0")
    assert (await people.cast.owner.get(tampered)).status_code == 403


@pytest.mark.parametrize("who", ["PRIVACY_OFFICER", "ADMIN"])
async def test_reviewers_may_read_a_request_but_not_its_export_url(
    people: People, who: str
) -> None:
    read = await gql(
        people.cast.clients[who],
        "query($id: ID!) { dataSubjectRequest(id: $id) { id exportUrl } }",
        {"id": people.ids["request"]},
    )
    assert read.data["dataSubjectRequest"]["id"] == people.ids["request"]
    assert read.error_codes() == {"dataSubjectRequest.exportUrl": "FORBIDDEN"}
    assert "/exports/" not in read.http.text
