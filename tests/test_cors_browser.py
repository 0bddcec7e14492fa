"""Other-origin clients in a real browser: a page served on another port signs in to a live
`pixvault serve` with cookies and reads the graph when its origin is listed in
PIXVAULT_CORS_ORIGINS; the same page from an unlisted origin cannot (the preflight is refused),
even with the session cookie already in the browser. Debian's chromium, driven through
playwright-core from the web app's node_modules (frontend/scripts/open-in-chromium.mjs)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlencode

import pytest

from tests.conftest import IN_CI, PASSWORD, TEST_DATABASE_URL
from tests.live import PIXVAULT, free_port, live_server

FRONTEND = Path(__file__).resolve().parents[1] / "frontend"
OPEN = FRONTEND / "scripts" / "open-in-chromium.mjs"
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")

PAGE = """<!doctype html>
<html><body><pre id="result"></pre>
<script type="module">
const params = new URLSearchParams(location.search);
const api = params.get('api');
async function call(query, variables) {
  const answer = await fetch(api + '/graphql', {
    method: 'POST',
    credentials: 'include',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ query, variables }),
  });
  return { status: answer.status, body: await answer.json() };
}
const out = { origin: location.origin };
try {
  if (params.get('email')) {
    out.logIn = await call('mutation($i: LogInInput!) { logIn(input: $i) { errors { code } } }',
      { i: { email: params.get('email'), password: params.get('password') } });
  }
  out.me = await call('{ me { email } }');
} catch (error) {
  out.error = String(error);
}
const result = document.getElementById('result');
result.textContent = JSON.stringify(out);
result.setAttribute('data-done', '');
</script></body></html>
"""


def need_browser() -> None:
    missing = [
        what
        for what, ok in (
            (CHROMIUM, Path(CHROMIUM).exists()),
            ("node", shutil.which("node") is not None),
            ("frontend/node_modules (make frontend-deps)", (FRONTEND / "node_modules").exists()),
        )
        if not ok
    ]
    if missing:
        if IN_CI:
            pytest.fail(f"missing: {missing}")
        pytest.skip(f"missing: {missing}")


@contextmanager
def page_server(directory: Path) -> Iterator[str]:
    """A static server for ``directory`` on a free port: another origin than the API's."""
    handler = partial(SimpleHTTPRequestHandler, directory=str(directory))
    server = ThreadingHTTPServer(("127.0.0.1", free_port()), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def test_a_listed_origin_signs_in_from_chromium_and_an_unlisted_one_cannot(
    tmp_path: Path,
) -> None:
    if TEST_DATABASE_URL:
        pytest.skip("the browser flow runs once, on the embedded SQLite default")
    need_browser()
    pages = tmp_path / "pages"
    pages.mkdir()
    (pages / "client.html").write_text(PAGE)
    with page_server(pages) as listed, page_server(pages) as unlisted:
        data_dir = tmp_path / "data"
        data_dir.mkdir()
        with live_server(data_dir, PIXVAULT_CORS_ORIGINS=listed) as api:
            subprocess.run(
                [*PIXVAULT, "create-user", "--email", "far@example.com", "--name", "Far",
                 "--password-stdin"],
                env=api.env, input=PASSWORD + "\n", text=True, check=True, capture_output=True,
            )  # fmt: skip
            sign_in = urlencode(
                {"api": api.base_url, "email": "far@example.com", "password": PASSWORD}
            )
            read = urlencode({"api": api.base_url})
            opened = subprocess.run(
                ["node", str(OPEN), f"{listed}/client.html?{sign_in}",
                 f"{listed}/client.html?{read}", f"{unlisted}/client.html?{read}"],
                cwd=FRONTEND, capture_output=True, text=True, timeout=180,
            )  # fmt: skip
            assert opened.returncode == 0, opened.stderr
            first, again, other = (json.loads(r) for r in json.loads(opened.stdout))
    assert first["logIn"] == {"status": 200, "body": {"data": {"logIn": {"errors": []}}}}
    assert first["me"]["body"]["data"]["me"] == {"email": "far@example.com"}
    # The cookie the listed page got keeps it signed in on its next visit.
    assert again["me"]["body"]["data"]["me"] == {"email": "far@example.com"}
    # The unlisted origin's page cannot even ask: the browser stops at the refused preflight.
    assert "me" not in other and "Failed to fetch" in other["error"]
