"""The access export's recipients and original uploads, and an erasure that leaves the
subject's email, name and image bytes only where the register says they are retained."""

from __future__ import annotations

import json
import zipfile
from datetime import timedelta
from pathlib import Path

from pixvault.assets.models import Asset
from pixvault.assets.working_copy import working_key
from pixvault.core.clock import clock
from pixvault.core.privacy_register import Erasure, load_register
from pixvault.mail.models import OutboxMessage
from pixvault.mail.sender import purge_old_mail
from tests.conftest import (
    PASSWORD,
    Env,
    deliver_mail,
    drain_jobs,
    gql,
    log_in,
    make_staff,
    sign_up,
)
from tests.exports import download_export
from tests.media import encode, located_jpeg, uploaded


async def test_export_holds_recipients_and_the_untouched_originals(env: Env) -> None:
    original = located_jpeg()
    async with env.client() as c:
        user = await sign_up(c)
        asset = await uploaded(c, original, filename="holiday.jpg")
        large = encode(".jpg", width=2600, height=200)
        big = await uploaded(c, large, filename="panorama.jpg")
        await drain_jobs(env)
        assert (await working_copy_of(env, big["id"])).is_file()
        _, officer_email = await make_staff(env, "PRIVACY_OFFICER")
        async with env.client() as officer:
            await log_in(officer, officer_email)
            recorded = await gql(
                officer,
                "mutation($i: DisclosureInput!) { recordDisclosure(input: $i) "
                "{ errors { code } } }",
                {
                    "i": {
                        "userId": user["id"],
                        "recipient": "District Court",
                        "legalBasis": "LEGAL_OBLIGATION",
                        "dataCategories": ["account"],
                        "reference": "C-7",
                    }
                },
            )
            assert recorded.data["recordDisclosure"]["errors"] == []
        archive = await download_export(env, c)
    images = sorted(n for n in archive.namelist() if n.startswith("images/"))
    # The originals only: the working copy holds nothing of its own and is not exported.
    assert images == sorted(
        [f"images/{asset['id']}-holiday.jpg", f"images/{big['id']}-panorama.jpg"]
    )
    assert archive.read(f"images/{big['id']}-panorama.jpg") == large
    image = f"images/{asset['id']}-holiday.jpg"
    assert archive.read(image) == original, "the owner's copy keeps every byte"
    assert archive.getinfo(image).compress_type == zipfile.ZIP_STORED
    data = json.loads(archive.read("data.json"))
    recipients = data["recipients"]
    processors = next(v for k, v in recipients.items() if k.startswith("processors"))
    assert {p["kind"] for p in processors} <= {"SERVICE_PROVIDER", "AFFILIATE"} and processors
    assert recipients["disclosures"][0]["recipient"] == "District Court"
    assert data["sections"]["assets"]["records"][0]["has_location_data"] is True


async def test_erasure_leaves_nothing_but_what_the_register_retains(env: Env) -> None:
    email = "erin.unique.erasable@example.com"
    name = "Erin Quixotic Erasable"
    image = encode(".png", width=77, height=55)
    async with env.client() as c:
        user = await sign_up(c, email=email, name=name, companyName="Quixotic Ltd")
        asset = await uploaded(c, image)
        big = await uploaded(c, encode(".jpg", width=2600, height=200))
        await drain_jobs(env)
        copy = await working_copy_of(env, big["id"])
        assert copy.is_file()
        variant = (
            await gql(
                c,
                "query($id: ID!) { asset(id: $id) { variantUrl(width: 20, format: WEBP) } }",
                {"id": asset["id"]},
            )
        ).data["asset"]["variantUrl"]
        assert (await c.get(variant.removeprefix(env.settings.public_url))).status_code == 200
        await gql(
            c,
            "mutation($i: ContactInput!) { sendContactMessage(input: $i) { errors { code } } }",
            {
                "i": {
                    "topic": "PRIVACY",
                    "name": name,
                    "email": email,
                    "subject": "Hello",
                    "message": f"I am {name}",
                }
            },
        )
        closed = await gql(
            c,
            "mutation($p: String!) { closeAccount(password: $p) { request { id } } }",
            {"p": PASSWORD},
        )
        assert closed.data["closeAccount"]["request"] is not None
        await drain_jobs(env)

    retained_tables = {
        d.model._meta.db_table
        for d in load_register().values()
        if getattr(d, "erasure", None) is Erasure.RETAIN
    }
    found = await tables_containing([email, name, "Quixotic"])
    # What still waits to reach them is the request's own receipt and confirmation (delivered
    # mail is purged after 30 days); mail already sent to them was erased.
    waiting = await OutboxMessage.filter(to_address=email).values_list("subject", flat=True)
    assert set(waiting) <= {
        "We received your message",
        "We received your data request",
        "Your data request is complete",
    }
    found.pop("outbox_messages", None)
    assert set(found) <= retained_tables, f"personal data left behind in {found}"
    # Retained records keep no name or email either (minimised or never held).
    assert found == {}, found

    stored = [p for p in Path(env.settings.data_dir).rglob("*") if p.is_file()]  # noqa: ASYNC240
    for path in stored:
        if path.suffix in (".sqlite3", ".sqlite3-wal", ".sqlite3-shm") or "outbox" in path.parts:
            continue
        assert path.read_bytes() != image, f"the image survives at {path}"
    assert not any(user["id"] in str(p) for p in stored), "no stored file of the user remains"
    assert not copy.exists(), "no working copy remains"

    # Once that mail is delivered and its 30 days are over, nothing is left anywhere: not in a
    # table, and not in any file under DATA_DIR either (the SQLite file's free pages, its WAL,
    # stored files, temporary files, delivered .eml files). The product checkpoints the WAL
    # itself; this test reads the files as they are.
    await deliver_mail(env)
    clock.advance(timedelta(days=31))
    await purge_old_mail(env.settings)
    assert await OutboxMessage.filter(to_address=email).count() == 0
    assert set(await tables_containing([email, name])) <= retained_tables - {"outbox_messages"}
    lingering = files_containing(Path(env.settings.data_dir), [email, name, "Quixotic Ltd"])
    assert lingering == {}, f"erased data lingers in {lingering}"


def files_containing(directory: Path, needles: list[str]) -> dict[str, list[str]]:
    """Every file under ``directory`` whose bytes hold a needle (as UTF-8 or UTF-16, the two
    encodings SQLite may store text in), with the needles found."""
    found: dict[str, list[str]] = {}
    for path in directory.rglob("*"):
        if not path.is_file():
            continue
        content = path.read_bytes()
        for needle in needles:
            if any(needle.encode(c) in content for c in ("utf-8", "utf-16-le", "utf-16-be")):
                found.setdefault(str(path.relative_to(directory)), []).append(needle)
    return found


async def tables_containing(needles: list[str]) -> dict[str, list[str]]:
    """Every text column of every table, searched for each needle."""
    found: dict[str, list[str]] = {}
    from tortoise import Tortoise

    assert Tortoise.apps is not None
    for model in Tortoise.apps.get_models_iterable():
        table = model._meta.db_table
        columns = [
            f.source_field or name
            for name, f in model._meta.fields_map.items()
            if f.field_type in (str,) or type(f).__name__ in ("TextField", "JSONField", "CharField")
        ]
        for column in columns:
            for needle in needles:
                rows = (
                    await model.filter(**{f"{column}__icontains": needle}).count()
                    if type(model._meta.fields_map.get(column)).__name__ != "JSONField"
                    else 0
                )
                if rows:
                    found.setdefault(table, []).append(column)
    return found


async def working_copy_of(env: Env, asset_id: str) -> Path:
    row = await Asset.get(id=asset_id)
    path = env.runtime.storage.local_path(working_key(row.original_key))
    assert path is not None
    return path
