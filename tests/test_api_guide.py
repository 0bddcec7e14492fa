"""docs/api.md's runnable examples, run against a live server as an integrator would: the
shell ones (curl) in one bash session, then the Python one with the token they made, then the
TypeScript one (frontend/src/apiGuideExample.ts, the same text) with the web app's client."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import PASSWORD, TEST_DATABASE_URL
from tests.live import live_server
from tests.media import encode

GUIDE = Path(__file__).resolve().parents[1] / "docs" / "api.md"
EMAIL = "integrator@example.com"
FRONTEND = GUIDE.parents[1] / "frontend"
TS_EXAMPLE = FRONTEND / "src" / "apiGuideExample.ts"


def examples(language: str) -> list[str]:
    pattern = rf"<!-- example: {language} -->\n```\w+\n(.*?)```"
    return re.findall(pattern, GUIDE.read_text(), re.DOTALL)


def test_the_guide_has_runnable_examples() -> None:
    assert len(examples("sh")) >= 2 and len(examples("python")) >= 1


def test_the_guides_examples_run_against_a_live_server(
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    if TEST_DATABASE_URL:
        pytest.skip("run once, on the embedded default")
    data_dir = tmp_path_factory.mktemp("guide")
    work = tmp_path_factory.mktemp("guide-client")
    (work / "photo.png").write_bytes(encode(".png", width=90))
    with live_server(data_dir) as server:
        server.pixvault(
            "create-user", "--email", EMAIL, "--name", "Integrator", "--password", PASSWORD
        )
        env = {
            "PIXVAULT": server.base_url,
            "EMAIL": EMAIL,
            "PASSWORD": PASSWORD,
            "PATH": "/usr/bin:/bin",
        }
        script = "set -eu\n" + "\n".join(examples("sh")) + '\necho; echo "TOKEN=$TOKEN"\n'
        shell = subprocess.run(
            ["bash", "-c", script], cwd=work, env=env, capture_output=True, text=True, timeout=120
        )
        assert shell.returncode == 0, shell.stderr + shell.stdout
        out = shell.stdout
        assert '"errors":[]' in out  # the log-in
        assert f'{{"data":{{"me":{{"email":"{EMAIL}"}}}}}}' in out  # with the token
        assert "200 image/webp" in out  # the rendition of the upload
        assert (work / "small.webp").read_bytes()[8:12] == b"WEBP"
        # The persisted query: unknown, registered, then run by its hash over GET.
        assert out.count('"PersistedQueryNotFound"') == 1
        assert out.count('{"data":{"publicAssets":{"totalCount":0}}}') == 2
        token = re.search(r"^TOKEN=(pvt_\S+)$", out, re.MULTILINE)
        assert token is not None, out
        uploaded = re.search(
            r'"uploadAsset":\{"asset":\{"id":"([^"]+)"', (work / "uploaded.json").read_text()
        )
        assert uploaded is not None

        (python_example,) = examples("python")
        python = subprocess.run(
            [sys.executable, "-c", python_example],
            env={"PIXVAULT": server.base_url, "TOKEN": token.group(1)},
            capture_output=True,
            text=True,
            timeout=60,
        )
    assert python.returncode == 0, python.stderr
    assert python.stdout.split() == [uploaded.group(1), "photo.png"]


def test_the_typescript_example_is_the_file_codegen_reads() -> None:
    (example,) = examples("ts")
    assert example == TS_EXAMPLE.read_text()


def test_the_typescript_example_runs_against_a_live_server(
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    if TEST_DATABASE_URL:
        pytest.skip("run once, on the embedded default")
    vitest = FRONTEND / "node_modules" / ".bin" / "vitest"
    if not vitest.exists():
        pytest.skip("the web app's node_modules are not installed (make frontend-deps)")
    with live_server(tmp_path_factory.mktemp("guide-ts")) as server:
        server.pixvault(
            "create-user", "--email", EMAIL, "--name", "Integrator", "--password", PASSWORD
        )
        run = subprocess.run(
            [str(vitest), "run", "--config", "vitest.guide.config.ts", "--reporter", "verbose"],
            cwd=FRONTEND,
            env={**os.environ, "PIXVAULT": server.base_url, "EMAIL": EMAIL, "PASSWORD": PASSWORD},
            capture_output=True,
            text=True,
            timeout=300,
        )
    assert run.returncode == 0, run.stdout + run.stderr
    assert "signs in and says who" in run.stdout
