"""README's privacy section maps every promise of the privacy policy to the code and the test
that keep it: each module and each test it names must exist, so the map cannot go stale."""

from __future__ import annotations

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "backend" / "pixvault"


def rows() -> list[tuple[str, list[str], list[str]]]:
    """(promise, modules, tests) for each row of the table under "## Privacy obligations"."""
    readme = (ROOT / "README.md").read_text()
    section = readme.split("## Privacy obligations", 1)[1].split("\n## ", 1)[0]
    found = []
    for line in section.splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) != 3 or cells[0] in ("promise", "---"):
            continue
        modules = re.findall(r"`([^`]+\.(?:py|tsx?))`", cells[1])
        tests = re.findall(r"`([^`]+::[^`]+)`", cells[2])
        found.append((cells[0], modules, tests))
    return found


def module_path(name: str) -> Path:
    return ROOT / name if name.startswith("frontend/") else PACKAGE / name


def named_in(path: Path) -> set[str]:
    text = path.read_text()
    if path.suffix == ".py":
        return {
            node.name
            for node in ast.walk(ast.parse(text))
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
            and node.name.startswith("test_")
        }
    return set(re.findall(r"\bit\(\s*'((?:[^'\\]|\\.)*)'", text))


def test_the_map_has_a_row_for_each_promise_with_code_and_a_test() -> None:
    table = rows()
    assert len(table) >= 20, "the privacy section's table is missing"
    for promise, modules, tests in table:
        assert modules, f"no module keeps: {promise}"
        assert tests, f"no test (file::test) proves: {promise}"


def test_every_module_named_exists() -> None:
    missing = [m for _, modules, _ in rows() for m in modules if not module_path(m).is_file()]
    assert missing == []


def test_every_test_named_exists() -> None:
    missing = []
    for _, _, tests in rows():
        for reference in tests:
            file, _, name = reference.partition("::")
            path = ROOT / file
            if not path.is_file() or name not in named_in(path):
                missing.append(reference)
    assert missing == []
