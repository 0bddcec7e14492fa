"""The access export: a ZIP streamed in constant memory (JSON deflated, images stored).

data.json holds every personal record from the register; index.html shows the same readably;
README.txt explains each file.
"""

from __future__ import annotations

import html
import json
from collections.abc import Iterable
from datetime import datetime
from pathlib import Path
from stat import S_IFREG
from typing import Any

from stream_zip import NO_COMPRESSION_64, ZIP_64, MemberFile, stream_zip

README = """Your Pixvault data
==================

This archive holds a copy of the personal data Pixvault keeps about you.

- data.json   every record, by section, in machine-readable JSON. Each section says why the
              data is held, what erasing your account does to it, and how long anything that
              must be kept is kept.
- index.html  the same data, readable in a browser.
- README.txt  this file.
{extra}
Personal data of other people (for example the email of someone who reported one of your
images, or a staff member's name) is redacted; staff are named by their role only.
"""


def _rows_table(records: list[dict[str, Any]]) -> str:
    if not records:
        return "<p><em>No records.</em></p>"
    columns = list(records[0])
    head = "".join(f"<th>{html.escape(c)}</th>" for c in columns)
    body = "".join(
        "<tr>" + "".join(f"<td>{html.escape(str(r.get(c, '')))}</td>" for c in columns) + "</tr>"
        for r in records
    )
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def render_index(document: dict[str, Any]) -> str:
    parts = [
        "<!doctype html><html lang='en'><head><meta charset='utf-8'>",
        "<title>Your Pixvault data</title><style>body{font-family:sans-serif;margin:2rem}",
        "table{border-collapse:collapse;margin-bottom:1.5rem}td,th{border:1px solid #ccc;",
        "padding:.25rem .5rem;text-align:left;font-size:.9rem}</style></head><body>",
        "<h1>Your Pixvault data</h1>",
        f"<p>Generated {html.escape(document['generated_at'])}.</p>",
    ]
    for name, section in document["sections"].items():
        parts.append(f"<h2>{html.escape(name.replace('_', ' ').capitalize())}</h2>")
        parts.append(f"<p>{html.escape(section['purpose'])}</p>")
        parts.append(_rows_table(section["records"]))
    for name, items in document.get("recipients", {}).items():
        parts.append(f"<h2>Recipients: {html.escape(name)}</h2>")
        parts.append(_rows_table(items))
    parts.append("</body></html>")
    return "".join(parts)


def archive_members(
    document: dict[str, Any], files: Iterable[tuple[str, Iterable[bytes]]], extra_readme: str = ""
) -> Iterable[MemberFile]:
    modified = datetime.fromisoformat(document["generated_at"])
    mode = S_IFREG | 0o600
    data = json.dumps(document, indent=2, ensure_ascii=False).encode()
    yield "data.json", modified, mode, ZIP_64, (data,)
    yield "index.html", modified, mode, ZIP_64, (render_index(document).encode(),)
    yield "README.txt", modified, mode, ZIP_64, (README.format(extra=extra_readme).encode(),)
    for name, chunks in files:
        yield name, modified, mode, NO_COMPRESSION_64, chunks


def write_archive(
    target: Path,
    document: dict[str, Any],
    files: Iterable[tuple[str, Iterable[bytes]]] = (),
    extra_readme: str = "",
) -> int:
    """Stream the ZIP to ``target``; returns its size. Memory stays at a few chunks."""
    size = 0
    with target.open("wb") as out:
        for chunk in stream_zip(archive_members(document, files, extra_readme)):
            out.write(chunk)
            size += len(chunk)
    return size
