"""Roles, field guards over HTTP, audited staff reads and the hash-chained audit trail."""

from __future__ import annotations

from pixvault.audit.models import AuditEntry
from pixvault.audit.service import first_broken_link
from tests.conftest import Env, gql, log_in, make_staff, sign_up, staff_client

USER_FIELDS = """id name email companyName roles lastLogInAt sessions { id }
  activity { totalCount } consentHistory { purpose }"""
USER = f"query($id: ID!) {{ user(id: $id) {{ {USER_FIELDS} }} }}"
SET_ROLES = """mutation($id: ID!, $roles: [Role!]!) {
  setUserRoles(userId: $id, roles: $roles) { user { id roles } errors { code } } }"""


async def a_customer(env: Env) -> dict[str, str]:
    async with env.client() as c:
        return await sign_up(c, companyName="Acme")


async def test_another_customer_gets_forbidden_not_data(env: Env) -> None:
    victim = await a_customer(env)
    async with env.client() as other:
        await sign_up(other)
        result = await gql(other, USER, {"id": victim["id"]})
    assert result.data["user"] is None
    assert result.error_codes() == {"user": "FORBIDDEN"}
    assert victim["email"] not in result.http.text


async def test_anonymous_viewers_are_told_to_authenticate(env: Env) -> None:
    victim = await a_customer(env)
    async with env.client() as anonymous:
        result = await gql(anonymous, USER, {"id": victim["id"]})
    assert result.error_codes() == {"user": "UNAUTHENTICATED"}


async def test_each_staff_role_sees_what_the_contract_allows(env: Env) -> None:
    victim = await a_customer(env)
    expectations = {
        # role: fields nulled with FORBIDDEN (siblings unaffected)
        "SUPPORT": {"roles", "sessions", "consentHistory"},
        "BILLING": {"roles", "lastLogInAt", "sessions", "activity", "consentHistory"},
        "PRIVACY_OFFICER": {"roles", "sessions"},
        "ADMIN": {"sessions", "consentHistory"},
    }
    for role, denied in expectations.items():
        async with staff_client(env, role) as client:
            result = await gql(client, USER, {"id": victim["id"]})
        user = result.data["user"]
        assert result.error_codes() == {f"user.{f}": "FORBIDDEN" for f in denied}, role
        for field in denied:
            assert user[field] is None, (role, field)
        assert user["email"] == victim["email"], role
        assert user["companyName"] == "Acme", role


async def test_staff_reads_of_personal_data_are_audited(env: Env) -> None:
    victim = await a_customer(env)
    staff_id, staff_email = await make_staff(env, "SUPPORT")
    async with env.client() as support:
        await log_in(support, staff_email)
        await gql(support, "query($id: ID!) { user(id: $id) { name email } }", {"id": victim["id"]})
        await gql(
            support, "query($id: ID!) { user(id: $id) { id createdAt } }", {"id": victim["id"]}
        )
        await gql(support, "{ me { name email } }")  # reading yourself is not audited
    entries = await AuditEntry.filter(actor_id=staff_id, action="READ_PERSONAL_DATA").order_by("id")
    assert [(e.action, e.subject_id, e.target) for e in entries] == [
        ("READ_PERSONAL_DATA", victim["id"], "User.email,User.name")
    ]
    assert entries[0].actor_roles == "CUSTOMER,SUPPORT"
    assert entries[0].ip_address is not None


async def test_audit_log_is_for_privacy_officers_and_admins(env: Env) -> None:
    victim = await a_customer(env)
    async with staff_client(env, "PRIVACY_OFFICER") as officer:
        await gql(officer, "query($id: ID!) { user(id: $id) { email } }", {"id": victim["id"]})
        log = await gql(
            officer,
            """query($id: ID) { auditLog(subjectId: $id) { totalCount edges { node {
                 action target actor { email } subject { id } } } } }""",
            {"id": victim["id"]},
        )
    nodes = [e["node"] for e in log.data["auditLog"]["edges"]]
    assert nodes[0]["action"] == "READ_PERSONAL_DATA"
    assert nodes[0]["subject"] == {"id": victim["id"]}
    async with staff_client(env, "SUPPORT") as support:
        refused = await gql(support, "{ auditLog { totalCount } }")
    assert refused.error_codes() == {"auditLog": "FORBIDDEN"}


async def test_only_admins_set_roles_and_it_is_audited(env: Env) -> None:
    victim = await a_customer(env)
    async with staff_client(env, "SUPPORT") as support:
        refused = await gql(support, SET_ROLES, {"id": victim["id"], "roles": ["ADMIN"]})
    assert refused.error_codes() == {"setUserRoles": "FORBIDDEN"}
    admin_id, admin_email = await make_staff(env, "ADMIN")
    async with env.client() as admin:
        await log_in(admin, admin_email)
        done = await gql(admin, SET_ROLES, {"id": victim["id"], "roles": ["BILLING"]})
        assert done.data["setUserRoles"]["user"]["roles"] == ["BILLING", "CUSTOMER"]
        demote_self = await gql(admin, SET_ROLES, {"id": admin_id, "roles": []})
        assert demote_self.data["setUserRoles"]["errors"] == [{"code": "LAST_ADMIN"}]
    entry = await AuditEntry.filter(action="SET_ROLES", subject_id=victim["id"]).first()
    assert entry is not None and entry.actor_id == admin_id
    assert entry.target == "CUSTOMER -> BILLING,CUSTOMER"


async def test_audit_trail_is_a_verifiable_chain(env: Env) -> None:
    victim = await a_customer(env)
    async with staff_client(env, "SUPPORT") as support:
        for _ in range(3):
            await gql(support, "query($id: ID!) { user(id: $id) { email } }", {"id": victim["id"]})
    assert await first_broken_link() is None
    middle = await AuditEntry.all().order_by("-id").offset(1).first()
    assert middle is not None
    original_target = middle.target
    await AuditEntry.filter(id=middle.id).update(target="tampered")
    broken = await first_broken_link()
    assert broken is not None and broken.id == middle.id
    await AuditEntry.filter(id=middle.id).update(target=original_target)
    assert await first_broken_link() is None


async def test_graph_offers_no_way_to_edit_the_audit_trail(env: Env) -> None:
    from pixvault.graph.schema import build_schema

    mutations = build_schema()._schema.mutation_type
    assert mutations is not None
    assert not [name for name in mutations.fields if "audit" in name.lower()]
