"""The built ``Answerer`` kept between runs (``bot.core.diskcache``): reading and validating the YAML and building
the index take most of a start (about 0.6 s of 1.3 s); loading the kept build takes under 0.1 s. It is kept
only after the knowledge base loaded without problems, under a hash of the code and of every ``*.yaml`` of the
knowledge folder (path and bytes), so an edited entry is a new build."""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable
from pathlib import Path

from bot.core import diskcache
from bot.core.answering import Answerer
from bot.core.knowledge import load_dir


def load_answerer(
    root: str | Path, clock: Callable[[], dt.date] = dt.date.today, *, require_all_states: bool = False
) -> Answerer:
    """The ``Answerer`` for the knowledge folder ``root``: the kept build when there is one for exactly these
    files and this code, else loaded, validated (raising ``KnowledgeBaseError`` as ``load_dir`` does) and
    built, then kept."""
    root = Path(root)
    key = None
    if diskcache.cache_dir() is not None and root.is_dir():
        key = _key(root, require_all_states)
        answerer = diskcache.stored("answerer", key)
        if isinstance(answerer, Answerer):
            answerer.use_clock(clock)
            return answerer
    answerer = Answerer(load_dir(root, require_all_states=require_all_states), clock)
    # (kept only if no file changed while it was built: a build of half-edited files is not kept under either key)
    if key is not None and _key(root, require_all_states) == key:
        diskcache.store("answerer", key, answerer)
    return answerer


def _key(root: Path, require_all_states: bool) -> str:
    digest = hashlib.blake2b(diskcache.code_fingerprint(), digest_size=16)
    digest.update(f"all states: {require_all_states}\0".encode())
    diskcache.add_files(digest, root, sorted(p for p in root.rglob("*.yaml") if p.is_file()))
    return digest.hexdigest()
