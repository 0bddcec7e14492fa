"""Every email Pixvault can send is followed link by link in chromium
(frontend/e2e/emailKinds.e2e.ts and emailLinks.e2e.ts), so none links to a missing page.

The kinds are found in the code: each template named at a call site (``TemplateName.X``) and
each subject a plain message is sent with (``mailer.send``, the DSAR notices' ``_send``, a
billing ``Notice``, a ``Draft``). frontend/e2e/emailKinds.json lists them with the e2e file
that opens that email's links; a kind the code sends that the list does not name fails here,
so a new email cannot be added without an e2e test following its links.
"""

from __future__ import annotations

import ast
import json
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "backend" / "pixvault"
CATALOGUE = ROOT / "frontend" / "e2e" / "emailKinds.json"


def _literal(node: ast.expr, constants: dict[str, str]) -> str | None:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.Name):
        return constants.get(node.id)
    return None


def _callee(node: ast.Call) -> str:
    func = node.func
    return func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")


def _receiver(node: ast.Call) -> str:
    func = node.func
    if isinstance(func, ast.Attribute):
        value = func.value
        return value.attr if isinstance(value, ast.Attribute) else getattr(value, "id", "")
    return ""


def kinds_in_code() -> dict[str, str]:
    """Kind to the module that sends it; unresolvable subjects fail the test."""
    found: dict[str, str] = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        if path.parent.name == "mail" or "migrations" in path.parts:
            continue
        tree = ast.parse(path.read_text())
        where = str(path.relative_to(PACKAGE))
        constants = {
            target.id: node.value.value
            for node in tree.body
            if isinstance(node, ast.Assign) and isinstance(node.value, ast.Constant)
            for target in node.targets
            if isinstance(target, ast.Name) and isinstance(node.value.value, str)
        }
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Attribute)
                and isinstance(node.value, ast.Name)
                and node.value.id == "TemplateName"
            ):
                found[node.attr.lower()] = where
            if not isinstance(node, ast.Call):
                continue
            subject: ast.expr | None = None
            name = _callee(node)
            if name == "send" and _receiver(node) == "mailer" and len(node.args) >= 2:
                subject = node.args[1]
                if isinstance(subject, ast.Attribute) and subject.attr == "subject":
                    continue  # a billing Notice's subject, found at the Notice
                if isinstance(subject, ast.Name) and subject.id == "subject":
                    continue  # a wrapper's parameter (notices._send), found at its callers
            elif name == "_send" and len(node.args) >= 3:
                subject = node.args[2]
            elif name == "Notice" and len(node.args) >= 2:
                subject = node.args[1]
            elif name == "Draft":
                subject = next((k.value for k in node.keywords if k.arg == "subject"), None)
            if subject is None:
                continue
            text = _literal(subject, constants)
            assert text is not None, f"{where}:{node.lineno}: an email subject must be literal"
            found[text] = where
    return found


def catalogue() -> dict[str, str | None]:
    entries: dict[str, str | None] = json.loads(CATALOGUE.read_text())
    return entries


def test_every_email_the_code_sends_is_in_the_e2e_catalogue() -> None:
    code = kinds_in_code()
    assert len(code) >= 20  # the finder still finds the emails
    assert sorted(set(code) - set(catalogue())) == []
    assert sorted(set(catalogue()) - set(code)) == [], "the catalogue names emails never sent"


def test_every_email_has_its_links_followed() -> None:
    for kind, file in catalogue().items():
        assert file is not None, f"no e2e test follows the links of {kind!r}"
        text = (ROOT / "frontend" / "e2e" / file).read_text()
        assert kind in text, f"{file} does not follow {kind!r}"
