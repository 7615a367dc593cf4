"""Links from the bot to the published site: ``Settings.site_url`` (``SITE_URL``, e.g.
https://example.org/keibot) is where the output of ``keibot site`` is served; None means no links."""

from __future__ import annotations


def state_page_path(state: str) -> str:
    """Where a state's page is, relative to the site root (``states/tx.html``)."""
    return f"states/{state.lower()}.html"


def state_page_url(state: str | None, site_url: str | None) -> str | None:
    if not site_url or not state:
        return None
    return f"{site_url.rstrip('/')}/{state_page_path(state)}"


def index_url(site_url: str | None) -> str | None:
    return f"{site_url.rstrip('/')}/" if site_url else None
