"""Work done once per code version and input, kept on disk so a restart skips it (``bot.core.prebuilt``).

A kept file's name is a hash of everything the work reads: the Python version, the versions of the packages
it uses, every file of ``bot/core`` (code and data), and what the caller adds (the knowledge folder's files).
Anything changed is a new name, so stale work is never read.

Where: ``KEIBOT_CACHE_DIR`` (read from the environment, not ``.env``: the town tables are kept when ``bot.core``
is imported, before any settings are read; ``off`` turns this off), else ``$XDG_CACHE_HOME/keibot`` or
``~/.cache/keibot``. A pickle runs code when read, so the folder must be writable by this user only, as the
default is; a file that cannot be read or written is skipped (the work is done the slow way), never fatal.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import logging
import os
import pickle
import sys
import tempfile
from importlib import metadata
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)

CACHE_ENV = "KEIBOT_CACHE_DIR"
FORMAT = 1  # raise when what is kept changes shape without a change of the files under bot/core
KEPT_BUILDS = 4  # older files of a kind are removed as new ones are written (tests and deploys make several)
_CORE = Path(__file__).resolve().parent
_PACKAGES = ("pydantic", "pydantic-core", "rapidfuzz", "numpy", "pyyaml", "pyzipcode", "addfips", "wordfreq")


def cache_dir() -> Path | None:
    """Where work is kept; None when turned off ("off") or when there is no home folder to default to.
    Unset or empty: the user's cache folder."""
    configured = (os.environ.get(CACHE_ENV) or "").strip()
    if configured.casefold() == "off":
        return None
    if configured:
        return Path(configured)
    try:
        base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    except RuntimeError:  # no home folder (a service user without one): work the slow way
        return None
    return Path(base) / "keibot"


def _own(path: Path) -> bool:
    """Whether only this user could have written ``path``: owned by it, and not group- or world-writable. A
    pickle runs code when read, so a file someone else could have planted is never read."""
    if not hasattr(os, "getuid"):
        return True  # (no owners to compare on this system)
    status = path.stat()
    return status.st_uid == os.getuid() and not status.st_mode & 0o022


@functools.cache
def code_fingerprint() -> bytes:
    """A hash of what all kept work depends on besides its input: Python, the packages, ``bot/core``."""
    digest = hashlib.blake2b(digest_size=16)
    digest.update(f"{FORMAT}\0{sys.version}\0".encode())
    for package in _PACKAGES:
        try:
            version = metadata.version(package)
        except metadata.PackageNotFoundError:
            version = "-"
        digest.update(f"{package}={version}\0".encode())
    add_files(
        digest, _CORE, sorted(p for p in _CORE.rglob("*") if p.is_file() and "__pycache__" not in p.parts)
    )
    return digest.digest()


def add_files(digest: Any, root: Path, paths: list[Path]) -> None:
    """Add each file's path (relative to ``root``) and bytes to ``digest``."""
    for path in paths:
        digest.update(f"{path.relative_to(root).as_posix()}\0".encode())
        digest.update(path.read_bytes())
        digest.update(b"\0")


def stored(name: str, key: str) -> Any | None:
    """What was kept under ``name`` and ``key``, or None (not kept, turned off, unreadable)."""
    folder = cache_dir()
    if folder is None:
        return None
    path = folder / f"{name}-{key}.pickle"
    try:
        if not (_own(folder) and _own(path)):
            log.warning("not reading %s: the file or its folder is not this user's alone", path)
            return None
        with path.open("rb") as handle:
            return pickle.load(handle)
    except FileNotFoundError:
        return None
    except Exception:  # a truncated or incompatible file: rebuild (and overwrite it)
        log.warning("ignoring an unreadable cached build %s", path, exc_info=True)
        return None


def store(name: str, key: str, value: Any) -> None:
    """Keep ``value`` under ``name`` and ``key`` (written whole or not at all), removing older files."""
    folder = cache_dir()
    if folder is None:
        return
    written: Path | None = None
    try:
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        if not _own(folder):
            log.warning("not keeping %s in %s: the folder is not this user's alone", name, folder)
            return
        with tempfile.NamedTemporaryFile("wb", dir=folder, prefix=f".{name}-", delete=False) as handle:
            written = Path(handle.name)
            pickle.dump(value, handle, protocol=pickle.HIGHEST_PROTOCOL)
        target = folder / f"{name}-{key}.pickle"
        os.replace(written, target)
        written = None
        others = [p for p in folder.glob(f"{name}-*.pickle") if p != target]
        for path in sorted(others, key=lambda p: p.stat().st_mtime_ns, reverse=True)[KEPT_BUILDS - 1 :]:
            path.unlink(missing_ok=True)
    except Exception:  # a full disk, a read-only home, a file removed meanwhile: the next start works it out
        log.warning("could not keep %s in %s", name, folder, exc_info=True)
        if written is not None:
            with contextlib.suppress(OSError):
                written.unlink(missing_ok=True)
