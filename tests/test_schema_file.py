"""schema.graphql is exported from the code and committed; the contract is kept."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from pixvault.graph.schema import export_sdl

ROOT = Path(__file__).resolve().parents[1]


def test_schema_file_is_current() -> None:
    committed = (ROOT / "schema.graphql").read_text()
    assert committed == export_sdl(), "run `make schema` and commit schema.graphql"


def test_export_schema_command_prints_the_sdl() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "pixvault", "export-schema"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert result.stdout == export_sdl()
