"""A client that goes away half-way through a multipart upload leaves nothing behind: no stored
file, no Asset row, no spooled or temporary file."""

from __future__ import annotations

import json
import os
import socket
import time
from pathlib import Path

import pytest

from tests.faults.client import data, gql, sign_up, upload
from tests.faults.services import Stack
from tests.faults.waiting import PATIENCE, eventually
from tests.media import UPLOAD, encode

pytestmark = pytest.mark.faults

FILE_BYTES = 3_000_000
SENT_BYTES = 2_000_000
ASSETS = "{ assets(first: 50) { edges { node { id } } } }"


def files_under(*roots: Path) -> set[Path]:
    """Files an upload could leave; data export archives, which other tests' requests on the
    shared stack may be writing or moving meanwhile, are not among them."""
    return {
        p
        for root in roots
        if root.exists()
        for p in root.rglob("*")
        if p.is_file() and "exports" not in p.parts
    }


def half_an_upload(stack: Stack, cookie: str) -> None:
    """Send the headers and the first SENT_BYTES of a FILE_BYTES upload, wait until the server
    holds part of it in a temporary file, then hang up."""
    boundary = "faultsboundary7d3c"
    operations = json.dumps({"query": UPLOAD, "variables": {"file": None}})
    head = (
        f'--{boundary}\r\nContent-Disposition: form-data; name="operations"\r\n\r\n{operations}\r\n'
        f'--{boundary}\r\nContent-Disposition: form-data; name="map"\r\n\r\n'
        '{"0": ["variables.file"]}\r\n'
        f'--{boundary}\r\nContent-Disposition: form-data; name="0"; filename="big.png"\r\n'
        "Content-Type: image/png\r\n\r\n"
    ).encode()
    tail = f"\r\n--{boundary}--\r\n".encode()
    length = len(head) + FILE_BYTES + len(tail)
    request = (
        f"POST /graphql HTTP/1.1\r\nHost: 127.0.0.1:{stack.port}\r\n"
        f"Content-Type: multipart/form-data; boundary={boundary}\r\n"
        f"Content-Length: {length}\r\nCookie: {cookie}\r\nX-Requested-With: faults\r\n"
        "X-Forwarded-For: 198.51.100.250\r\n\r\n"
    ).encode()
    payload = b"\x89PNG\r\n\x1a\n" + os.urandom(SENT_BYTES - 8)
    with socket.create_connection(("127.0.0.1", stack.port), timeout=10) as conn:
        conn.sendall(request + head)
        for start in range(0, len(payload), 256 * 1024):
            conn.sendall(payload[start : start + 256 * 1024])
            time.sleep(0.01)
        # The part being received has spilled to a temporary file (an unnamed one).
        spilled = eventually(
            lambda: bool(stack.app.open_files_under(stack.directory / "tmp")), PATIENCE
        )
        if not spilled:
            conn.settimeout(2)
            answer = conn.recv(2000)
            raise AssertionError(f"no part spilled to disk; the server said {answer!r}")


def test_a_client_gone_mid_upload_leaves_no_file_and_no_row(services: Stack) -> None:
    storage = services.data_dir / "storage"
    spools = services.data_dir / "tmp"
    temporary = services.directory / "tmp"
    with services.client() as client:
        user_id, _ = sign_up(client)
        cookie = "; ".join(f"{name}={value}" for name, value in client.cookies.items())
        before = files_under(storage, spools, temporary)
        assert not services.app.open_files_under(temporary)

        half_an_upload(services, cookie)
        # Once the server has noticed the client is gone, it holds no temporary file ...
        gone = eventually(lambda: not services.app.open_files_under(temporary), PATIENCE)
        assert gone, services.app.open_files_under(temporary)
        # ... and left no stored, spooled or temporary file behind.
        assert files_under(storage, spools, temporary) == before
        rows = services.postgres.query(f"SELECT count(*) FROM assets WHERE owner_id = '{user_id}'")
        assert rows == ["0"]
        assert data(gql(client, ASSETS))["assets"]["edges"] == []

        # The same path with the whole upload stores one file and one row: the checks above
        # would have seen them.
        upload(client, encode(".png", width=50, height=40))
        added = files_under(storage, spools, temporary) - before
        assert len(added) == 1 and storage in next(iter(added)).parents, added
        assert len(data(gql(client, ASSETS))["assets"]["edges"]) == 1
