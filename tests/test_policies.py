"""Policy versions over HTTP: publishing on the policy's schedule (crossing the 7- and 30-day
boundaries with the injected clock), notices by email, continued use, and the explicit decisions
a version that materially reduces protection needs."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import datetime, timedelta
from typing import Any

import httpx
import pytest

from pixvault.accounts.models import ActivityEvent, User
from pixvault.audit.models import AuditEntry
from pixvault.core.clock import clock, now
from pixvault.policies.models import PolicyDecision, PolicyVersion, PublishedPolicyError
from pixvault.privacy import runner
from tests.conftest import (
    PASSWORD,
    Env,
    deliver_mail,
    drain_jobs,
    environment,
    gql,
    log_in,
    make_staff,
    sign_up,
)
from tests.media import encode, upload
from tests.smtp_sink import SmtpSink, text_of

PUBLISH = """mutation($i: PublishPolicyInput!) { publishPolicyVersion(input: $i) {
  policyVersion { id kind version noticeAt effectiveAt isEffective changeType
    materiallyReducesProtection }
  errors { field code message } } }"""
POLICY = """query($k: PolicyKind!) { policy(kind: $k) { version isEffective
  viewerDecision { accepted method } } }"""
VERSIONS = """query($k: PolicyKind!) { policyVersions(kind: $k) { version isEffective
  viewerDecision { accepted method } } }"""
PENDING = "{ pendingPolicyDecisions { id version title } }"
ACCEPT = """mutation($id: ID!) { acceptPolicyVersion(id: $id) {
  decision { accepted method decidedAt } accountClosed errors { field code } } }"""
REJECT = """mutation($id: ID!, $p: String!) { rejectPolicyVersion(id: $id, password: $p) {
  decision { accepted method } accountClosed errors { field code message } } }"""
UPDATE = """mutation($n: String!) { updateProfile(input: {name: $n}) {
  user { name } errors { code } } }"""


@pytest.fixture
async def env(tmp_path_factory: pytest.TempPathFactory, smtp: SmtpSink) -> AsyncIterator[Env]:
    """A fresh database per test: published versions are permanent by design."""
    async with environment(tmp_path_factory.mktemp("policies"), smtp_url=smtp.url) as opened:
        yield opened


@pytest.fixture
async def officer(env: Env) -> AsyncIterator[httpx.AsyncClient]:
    _, email = await make_staff(env, "PRIVACY_OFFICER")
    async with env.client() as c:
        await log_in(c, email, remember_me=True)
        yield c


def publication(
    version: str = "1.1", change: str = "MINOR", kind: str = "PRIVACY", reduces: bool = False
) -> dict[str, Any]:
    return {
        "i": {
            "kind": kind,
            "version": version,
            "title": "Privacy Policy" if kind == "PRIVACY" else "Terms of Service",
            "summary": f"What changes in {version}.",
            "body": f"# Version {version}\n\nThe full text.",
            "changeType": change,
            "materiallyReducesProtection": reduces,
        }
    }


async def publish(client: httpx.AsyncClient, **options: Any) -> dict[str, Any]:
    result = await gql(client, PUBLISH, publication(**options))
    payload: dict[str, Any] = result.data["publishPolicyVersion"]
    return payload


async def published(client: httpx.AsyncClient, **options: Any) -> dict[str, Any]:
    payload = await publish(client, **options)
    assert payload["errors"] == [], payload
    version: dict[str, Any] = payload["policyVersion"]
    return version


async def in_effect(client: httpx.AsyncClient, kind: str = "PRIVACY") -> str:
    version: str = (await gql(client, POLICY, {"k": kind})).data["policy"]["version"]
    return version


def gap(version: dict[str, Any]) -> timedelta:
    return datetime.fromisoformat(version["effectiveAt"]) - datetime.fromisoformat(
        version["noticeAt"]
    )


async def test_only_privacy_officers_and_admins_publish(
    env: Env, officer: httpx.AsyncClient
) -> None:
    for role in ("SUPPORT", "BILLING", None):
        async with env.client() as c:
            if role is None:
                await sign_up(c)
            else:
                await log_in(c, (await make_staff(env, role))[1])
            refused = await gql(c, PUBLISH, publication())
        assert refused.error_codes() == {"publishPolicyVersion": "FORBIDDEN"}
    _, admin_email = await make_staff(env, "ADMIN")
    async with env.client() as admin:
        await log_in(admin, admin_email)
        assert (await published(admin, kind="TERMS", version="1.1"))["version"] == "1.1"
    await published(officer)
    audit = await AuditEntry.filter(action="PUBLISH_POLICY").values_list("target", flat=True)
    assert sorted(audit) == ["PRIVACY 1.1 MINOR", "TERMS 1.1 MINOR"]


async def test_a_minor_change_takes_effect_after_seven_days(
    env: Env, officer: httpx.AsyncClient
) -> None:
    version = await published(officer, change="MINOR")
    assert gap(version) == timedelta(days=7)
    assert abs(datetime.fromisoformat(version["noticeAt"]) - now()) < timedelta(seconds=5)
    assert version["isEffective"] is False
    async with env.client() as anyone:
        listed = (await gql(anyone, VERSIONS, {"k": "PRIVACY"})).data["policyVersions"]
        assert [(v["version"], v["isEffective"]) for v in listed] == [("1.1", False), ("1.0", True)]
        clock.advance(timedelta(days=7) - timedelta(minutes=1))
        assert await in_effect(anyone) == "1.0"
        clock.advance(timedelta(minutes=2))
        assert await in_effect(anyone) == "1.1"
        assert await in_effect(anyone, "TERMS") == "1.0"


async def test_a_substantial_change_takes_effect_after_thirty_days(
    env: Env, officer: httpx.AsyncClient
) -> None:
    version = await published(officer, change="SUBSTANTIAL", kind="TERMS", version="2.0")
    assert gap(version) == timedelta(days=30)
    async with env.client() as anyone:
        clock.advance(timedelta(days=29, hours=23))
        assert await in_effect(anyone, "TERMS") == "1.0"
        clock.advance(timedelta(hours=2))
        assert await in_effect(anyone, "TERMS") == "2.0"


async def test_a_legal_requirement_takes_effect_at_once(
    env: Env, officer: httpx.AsyncClient
) -> None:
    version = await published(officer, change="LEGAL_REQUIREMENT")
    assert gap(version) == timedelta(0) and version["isEffective"] is True
    async with env.client() as anyone:
        assert await in_effect(anyone) == "1.1"


async def test_publication_checks(env: Env, officer: httpx.AsyncClient) -> None:
    cases = [
        ({"version": "1.0"}, "version", "VERSION_TAKEN"),
        ({"version": "two words"}, "version", "INVALID_VERSION"),
        ({"change": "MINOR", "reduces": True}, "changeType", "NOT_MINOR"),
    ]
    for options, field, code in cases:
        errors = (await publish(officer, **options))["errors"]
        assert [(e["field"], e["code"]) for e in errors] == [(field, code)], options
    empty = publication()
    empty["i"]["summary"] = "   "
    refused = await gql(officer, PUBLISH, empty)
    assert refused.data["publishPolicyVersion"]["errors"][0]["code"] == "REQUIRED"
    await published(officer, version="2.0", change="SUBSTANTIAL")
    overtaking = await publish(officer, version="2.1", change="MINOR")
    assert [e["code"] for e in overtaking["errors"]] == ["PENDING_VERSION"]
    assert "2.0" in overtaking["errors"][0]["message"]
    await published(officer, version="2.1", change="SUBSTANTIAL")  # takes effect after 2.0


async def test_a_legal_requirement_supersedes_a_waiting_version(
    env: Env, officer: httpx.AsyncClient
) -> None:
    await published(officer, version="2.0", change="SUBSTANTIAL")
    clock.advance(timedelta(days=1))
    await published(officer, version="2.1", change="LEGAL_REQUIREMENT")
    async with env.client() as anyone:
        assert await in_effect(anyone) == "2.1"
        clock.advance(timedelta(days=30))
        assert await in_effect(anyone) == "2.1", "the older notice never overtakes it"


async def test_published_versions_never_change(env: Env) -> None:
    version = await PolicyVersion.get(kind="PRIVACY", version="1.0")
    version.title = "Rewritten"
    with pytest.raises(PublishedPolicyError):
        await version.save()
    with pytest.raises(PublishedPolicyError):
        await version.delete()
    assert (await PolicyVersion.get(kind="PRIVACY", version="1.0")).title == "Privacy Policy"


async def test_publishing_sends_a_notice_to_every_active_user(
    env: Env, officer: httpx.AsyncClient, smtp: SmtpSink
) -> None:
    async with env.client() as a, env.client() as b, env.client() as gone:
        first, second = await sign_up(a), await sign_up(b)
        closed = await sign_up(gone)
    await User.filter(id=closed["id"]).update(closed_at=now())
    await deliver_mail(env)
    version = await published(officer, version="3.0", change="SUBSTANTIAL", reduces=True)
    await deliver_mail(env)
    for user in (first, second):
        [notice] = smtp.to(user["email"])
        assert notice["Subject"] == "Pixvault is updating its Privacy Policy"
        text = text_of(notice)
        effective = datetime.fromisoformat(version["effectiveAt"]).strftime("%d %B %Y")
        assert "version 3.0" in text and effective in text and "What changes in 3.0." in text
        assert "materially reduces the protection" in text
        assert f"{env.settings.public_url}/policies/privacy" in text
    assert smtp.to(closed["email"]) == []


async def decisions_of(user_id: str) -> dict[str, tuple[bool, str]]:
    rows = await PolicyDecision.filter(user_id=user_id).prefetch_related("policy_version")
    return {
        f"{d.policy_version.kind} {d.policy_version.version}": (d.accepted, d.method) for d in rows
    }


async def test_continued_use_accepts_a_version_once_in_effect(
    env: Env, officer: httpx.AsyncClient
) -> None:
    async with env.client() as c:
        user = await sign_up(c)
        await published(officer, version="1.1", change="MINOR")
        await gql(c, "{ me { id } }")
        assert "PRIVACY 1.1" not in await decisions_of(user["id"])
        clock.advance(timedelta(days=7, seconds=1))
        await log_in(c, user["email"])  # the browser session timed out meanwhile
        assert "PRIVACY 1.1" not in await decisions_of(user["id"]), "no authenticated request yet"
        await gql(c, "{ me { id } }")
        listed = (await gql(c, VERSIONS, {"k": "PRIVACY"})).data["policyVersions"]
    assert await decisions_of(user["id"]) == {
        "PRIVACY 1.0": (True, "EXPLICIT"),
        "TERMS 1.0": (True, "EXPLICIT"),
        "PRIVACY 1.1": (True, "CONTINUED_USE"),
    }
    assert [v["viewerDecision"] for v in listed] == [
        {"accepted": True, "method": "CONTINUED_USE"},
        {"accepted": True, "method": "EXPLICIT"},
    ]
    activity = await ActivityEvent.filter(user_id=user["id"], kind="POLICY_DECISION").first()
    assert activity is not None and activity.target == "PRIVACY 1.1 accepted (CONTINUED_USE)"


async def test_an_api_token_request_is_continued_use_too(
    env: Env, officer: httpx.AsyncClient
) -> None:
    async with env.client() as c:
        user = await sign_up(c)
        created = await gql(c, 'mutation { createApiToken(name: "cli") { secret } }')
        secret = created.data["createApiToken"]["secret"]
    await published(officer, kind="TERMS", version="1.1", change="LEGAL_REQUIREMENT")
    async with env.client(Authorization=f"Bearer {secret}") as script:
        await gql(script, "{ me { id } }")
    assert (await decisions_of(user["id"]))["TERMS 1.1"] == (True, "CONTINUED_USE")


async def test_a_get_request_never_records_continued_use(
    env: Env, officer: httpx.AsyncClient
) -> None:
    """Another site can make a signed-in browser send a GET (a link, an <img>): it must not
    accept a policy version on the person's behalf (issue 22, point 2)."""
    async with env.client() as c:
        user = await sign_up(c)
        await published(officer, kind="TERMS", version="1.1", change="LEGAL_REQUIREMENT")
        got = await c.get("/graphql", params={"query": "{ me { id } }"})
        assert got.json()["data"]["me"]["id"] == user["id"]
        assert "TERMS 1.1" not in await decisions_of(user["id"])
        await gql(c, "{ me { id } }")
    assert (await decisions_of(user["id"]))["TERMS 1.1"] == (True, "CONTINUED_USE")


async def test_a_reducing_version_blocks_changes_until_accepted(
    env: Env, officer: httpx.AsyncClient
) -> None:
    async with env.client() as c:
        user = await sign_up(c)
        version = await published(officer, version="2.0", change="SUBSTANTIAL", reduces=True)
        assert (await gql(c, PENDING)).data["pendingPolicyDecisions"] == [], "not in effect yet"
        clock.advance(timedelta(days=30, seconds=1))
        await log_in(c, user["email"])
        pending = (await gql(c, PENDING)).data["pendingPolicyDecisions"]
        assert [p["version"] for p in pending] == ["2.0"]
        assert "PRIVACY 2.0" not in await decisions_of(user["id"]), "no continued use"
        blocked = await gql(c, UPDATE, {"n": "New Name"})
        assert blocked.data["updateProfile"]["errors"] == [{"code": "POLICY_DECISION_REQUIRED"}]
        changed = await gql(
            c,
            "mutation($c: String!) { changePassword(currentPassword: $c, "
            'newPassword: "another long passphrase") { errors { code } } }',
            {"c": PASSWORD},
        )
        assert changed.data["changePassword"]["errors"] == [{"code": "POLICY_DECISION_REQUIRED"}]
        token = await gql(c, 'mutation { createApiToken(name: "x") { errors { code } } }')
        assert token.data["createApiToken"]["errors"] == [{"code": "POLICY_DECISION_REQUIRED"}]
        reads = await gql(c, "{ me { email activity { totalCount } consents { bannerRequired } } }")
        assert reads.errors == [] and reads.data["me"]["email"] == user["email"]
        consent = await gql(
            c,
            "mutation { setConsents(decisions: [{purpose: ANALYTICS, granted: false}]) "
            "{ errors { code } } }",
        )
        assert consent.data["setConsents"]["errors"] == [], "withdrawing consent stays open"
        accepted = await gql(c, ACCEPT, {"id": version["id"]})
        assert accepted.data["acceptPolicyVersion"]["decision"]["method"] == "EXPLICIT"
        assert accepted.data["acceptPolicyVersion"]["accountClosed"] is False
        assert (await gql(c, PENDING)).data["pendingPolicyDecisions"] == []
        done = await gql(c, UPDATE, {"n": "New Name"})
        assert done.data["updateProfile"]["user"] == {"name": "New Name"}


async def test_a_reducing_version_can_be_decided_during_its_notice(
    env: Env, officer: httpx.AsyncClient
) -> None:
    version = await published(officer, version="2.0", change="SUBSTANTIAL", reduces=True)
    async with env.client() as c:
        user = await sign_up(c)
        accepted = await gql(c, ACCEPT, {"id": version["id"]})
        assert accepted.data["acceptPolicyVersion"]["errors"] == []
        clock.advance(timedelta(days=31))
        await log_in(c, user["email"])
        assert (await gql(c, PENDING)).data["pendingPolicyDecisions"] == []
        again = await gql(c, REJECT, {"id": version["id"], "p": PASSWORD})
        assert again.data["rejectPolicyVersion"]["errors"][0]["code"] == "ALREADY_ACCEPTED"


async def test_rejecting_records_it_ends_sessions_and_blocks_changes(
    env: Env, officer: httpx.AsyncClient
) -> None:
    async with env.client() as c:
        user = await sign_up(c)  # under the versions in effect now
    minor = await published(officer, kind="TERMS", version="1.1", change="MINOR")
    version = await published(officer, version="2.0", change="SUBSTANTIAL", reduces=True)
    clock.advance(timedelta(days=30, seconds=1))
    async with env.client() as c, env.client() as phone:
        await log_in(c, user["email"])
        await log_in(phone, user["email"])
        not_rejectable = await gql(c, REJECT, {"id": minor["id"], "p": PASSWORD})
        assert not_rejectable.data["rejectPolicyVersion"]["errors"][0]["code"] == "NOT_REJECTABLE"
        wrong = await gql(c, REJECT, {"id": version["id"], "p": "not my password"})
        assert wrong.data["rejectPolicyVersion"]["errors"][0]["field"] == "password"
        unknown = await gql(c, REJECT, {"id": "nonsense", "p": PASSWORD})
        assert unknown.data["rejectPolicyVersion"]["errors"][0]["code"] == "NOT_FOUND"
        rejected = await gql(c, REJECT, {"id": version["id"], "p": PASSWORD})
        payload = rejected.data["rejectPolicyVersion"]
        assert payload["decision"] == {"accepted": False, "method": "EXPLICIT"}
        assert payload["accountClosed"] is True
        assert payload["errors"] == []
        assert 'pv_session=""' in rejected.http.headers["set-cookie"]
        assert (await gql(phone, "{ me { id } }")).data["me"] is None, "every session ended"
    assert (await decisions_of(user["id"]))["PRIVACY 2.0"] == (False, "EXPLICIT")
    async with env.client() as back:
        await log_in(back, user["email"])
        assert (await gql(back, "{ me { email } }")).data["me"]["email"] == user["email"]
        blocked = await gql(back, UPDATE, {"n": "Still Here"})
        assert blocked.data["updateProfile"]["errors"] == [{"code": "POLICY_REJECTED"}]
        upload_refused = await upload(back, encode(".png"))
        assert upload_refused.data["uploadAsset"]["errors"][0]["code"] == "POLICY_REJECTED"
        late = await gql(back, ACCEPT, {"id": version["id"]})
        assert late.data["acceptPolicyVersion"]["errors"] == [
            {"field": "id", "code": "ALREADY_REJECTED"}
        ]
        # The account closes: a copy of the data at once, the erasure after 7 days.
        await drain_jobs(env)
        requests = await gql(
            back, "{ me { dataSubjectRequests { kind status exportUrl waitingReason } } }"
        )
        by_kind = {r["kind"]: r for r in requests.data["me"]["dataSubjectRequests"]}
        assert by_kind["ACCESS"]["status"] == "COMPLETED" and by_kind["ACCESS"]["exportUrl"]
        assert by_kind["ERASURE"]["status"] == "VERIFIED"
        assert "7 days" in by_kind["ERASURE"]["waitingReason"]
    clock.advance(timedelta(days=8))
    await runner.resume(env.runtime.jobs, env.settings)
    await drain_jobs(env)
    erased = await User.get(id=user["id"])
    assert erased.closed_at is not None and erased.email.endswith("@erased.invalid")


async def test_a_privacy_policy_change_asks_the_banner_again(
    env: Env, officer: httpx.AsyncClient
) -> None:
    banner = "{ consentState { bannerRequired decisions { purpose policyVersion } } }"
    choose = """mutation { setConsents(source: BANNER, decisions: [
      {purpose: PREFERENCES, granted: true}, {purpose: ANALYTICS, granted: false}]) {
      consentState { bannerRequired } } }"""
    async with env.client() as visitor:
        await gql(visitor, choose)
        assert (await gql(visitor, banner)).data["consentState"]["bannerRequired"] is False
        await published(officer, kind="TERMS", version="1.1", change="LEGAL_REQUIREMENT")
        assert (await gql(visitor, banner)).data["consentState"]["bannerRequired"] is False
        await published(officer, version="1.1", change="MINOR")
        assert (await gql(visitor, banner)).data["consentState"]["bannerRequired"] is False
        clock.advance(timedelta(days=7, seconds=1))
        assert (await gql(visitor, banner)).data["consentState"]["bannerRequired"] is True
        again = await gql(visitor, choose)
        assert again.data["setConsents"]["consentState"]["bannerRequired"] is False
        state = (await gql(visitor, banner)).data["consentState"]
    versions = {d["purpose"]: d["policyVersion"] for d in state["decisions"]}
    assert versions["ANALYTICS"] == "1.1" and versions["PREFERENCES"] == "1.1"


async def test_anonymous_readers_see_policies_and_no_decisions(env: Env) -> None:
    async with env.client() as anyone:
        policy = (await gql(anyone, POLICY, {"k": "PRIVACY"})).data["policy"]
        assert policy == {"version": "1.0", "isEffective": True, "viewerDecision": None}
        body = await gql(anyone, "{ policy(kind: TERMS) { title body changeType } }")
        assert body.data["policy"]["title"] == "Terms of Service"
        assert body.data["policy"]["body"].startswith("# ")
        assert (await gql(anyone, PENDING)).data["pendingPolicyDecisions"] == []
        accept = await gql(anyone, ACCEPT, {"id": "x"})
        assert accept.data["acceptPolicyVersion"]["errors"][0]["code"] == "UNAUTHENTICATED"
