"""Cleaning what people type or send: filenames (for display only), folders and tags."""

from __future__ import annotations

import re
import unicodedata

from pixvault.core.errors import UserFacingError

MAX_FILENAME = 255
MAX_FOLDER = 200
MAX_TAG = 50
MAX_TAGS = 30
DEFAULT_FILENAME = "image"

_SPACES = re.compile(r"\s+")


def _printable(text: str) -> str:
    """NFC text with controls turned into spaces, format characters (bidi overrides, zero
    widths) dropped, and runs of spaces collapsed."""
    text = unicodedata.normalize("NFC", text)
    kept = "".join(
        " " if unicodedata.category(c) in ("Cc", "Zl", "Zp") else c
        for c in text
        if unicodedata.category(c) != "Cf"
    )
    return _SPACES.sub(" ", kept).strip()


def clean_filename(raw: str | None) -> str:
    """A display name: the last path segment, printable, at most 255 characters."""
    name = re.split(r"[/\\]", raw or "")[-1]
    name = _printable(name).lstrip(".").strip()
    if len(name) > MAX_FILENAME:
        stem, dot, ext = name.rpartition(".")
        if dot and 0 < len(ext) <= 10:
            name = stem[: MAX_FILENAME - len(ext) - 1].rstrip() + "." + ext
        else:
            name = name[:MAX_FILENAME].rstrip()
    return name or DEFAULT_FILENAME


def download_name(filename: str, extension: str) -> str:
    """The filename with the extension its bytes really have."""
    stem, dot, ext = filename.rpartition(".")
    known = {"jpg": "jpeg", "jpeg": "jpeg", "jpe": "jpeg"}
    if dot and stem and known.get(ext.lower(), ext.lower()) == known.get(extension, extension):
        return filename
    return f"{filename}.{extension}"


def clean_folder(raw: str | None) -> str | None:
    """A folder path like 'Trips/2024': segments trimmed, empty ones dropped; '' means none."""
    if raw is None:
        return None
    segments = [_printable(s) for s in re.split(r"[/\\]", raw)]
    folder = "/".join(s for s in segments if s and s not in (".", ".."))
    if len(folder) > MAX_FOLDER:
        raise UserFacingError(
            "INVALID_FOLDER", f"A folder path has at most {MAX_FOLDER} characters.", "folder"
        )
    return folder or None


def clean_tags(raw: list[str] | None) -> list[str]:
    """Lower-case, trimmed, unique tags in the order given."""
    tags: list[str] = []
    for value in raw or []:
        tag = _printable(value).lower()
        if not tag or tag in tags:
            continue
        if len(tag) > MAX_TAG:
            raise UserFacingError("INVALID_TAG", f"A tag has at most {MAX_TAG} characters.", "tags")
        tags.append(tag)
    if len(tags) > MAX_TAGS:
        raise UserFacingError("INVALID_TAG", f"An asset has at most {MAX_TAGS} tags.", "tags")
    return tags
