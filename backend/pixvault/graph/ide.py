"""GraphiQL served offline: Strawberry's page, with its files from Pixvault instead of a CDN.

frontend/scripts/graphiql-assets.mjs (``make graphiql``, part of the web app's build) copies the
exact files the page names out of their npm packages into ``graphiql/`` beside this package's
modules; the page keeps their integrity hashes, so the browser checks the copies are the same.
"""

from __future__ import annotations

from pathlib import Path

from starlette.staticfiles import StaticFiles

ASSETS_DIR = Path(__file__).resolve().parent.parent / "graphiql"
PREFIX = "/graphql/ide/"
CDN = "https://unpkg.com/"


def offline(page: str) -> str:
    """The GraphiQL page with every CDN file taken from PREFIX instead."""
    return page.replace(CDN, PREFIX)


def assets() -> StaticFiles:
    return StaticFiles(directory=ASSETS_DIR, check_dir=False)
