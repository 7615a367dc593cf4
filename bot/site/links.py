"""Links from the bot to the published site. ``SITE_URL`` (e.g. https://example.org/keibot) is where the
output of ``keibot site`` is served; unset means no links."""

from __future__ import annotations

import os
from collections.abc import Mapping


def site_url(environ: Mapping[str, str] | None = None) -> str | None:
    value = (os.environ if environ is None else environ).get("SITE_URL", "").strip().rstrip("/")
    return value if value.startswith(("https://", "http://")) else None


def state_page_path(state: str) -> str:
    """Where a state's page is, relative to the site root (``states/tx.html``)."""
    return f"states/{state.lower()}.html"


def state_page_url(state: str | None, environ: Mapping[str, str] | None = None) -> str | None:
    base = site_url(environ)
    if not base or not state:
        return None
    return f"{base}/{state_page_path(state)}"


def index_url(environ: Mapping[str, str] | None = None) -> str | None:
    base = site_url(environ)
    return f"{base}/" if base else None
