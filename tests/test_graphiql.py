"""GraphiQL works offline: its page names only files Pixvault serves itself (/graphql/ide/),
each the exact bytes its integrity hash promises; nothing is loaded from a CDN."""

from __future__ import annotations

import base64
import hashlib
import re
from pathlib import Path

import httpx

from pixvault.app import create_app
from tests.conftest import Env, make_settings

FILE = re.compile(r'(?:src|href)="([^"]+)"\s+integrity="sha384-([^"]+)"')


async def test_graphiql_loads_every_file_from_pixvault(client: httpx.AsyncClient) -> None:
    page = await client.get("/graphql", headers={"accept": "text/html"})
    assert page.status_code == 200
    assert "https://" not in page.headers["content-security-policy"]
    files = FILE.findall(page.text)
    assert len(files) == 7
    assert not re.search(r'(?:src|href)="https?://', page.text)
    for path, integrity in files:
        assert path.startswith("/graphql/ide/"), path
        served = await client.get(path)
        assert served.status_code == 200, path
        digest = base64.b64encode(hashlib.sha384(served.content).digest()).decode()
        assert digest == integrity, path


async def test_without_graphiql_there_is_no_page_and_no_files(env: Env, tmp_path: Path) -> None:
    settings = make_settings(tmp_path, graphql_introspection=False)
    app = create_app(settings, manage_database=False)
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://t") as c:
        page = await c.get("/graphql", headers={"accept": "text/html"})
        served = await c.get("/graphql/ide/graphiql@3.8.3/graphiql.min.js")
    assert page.status_code == 404
    assert served.status_code == 404
