"""Settings: the only place that reads the environment (and `.env`). Secrets are never logged."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from dotenv import dotenv_values

ROOT = Path(__file__).resolve().parent.parent


class SettingsError(ValueError):
    """A setting has a value that cannot be used; the message names the variable, never its value."""


@dataclass(frozen=True)
class Secret:
    """Holds a token without ever printing it."""

    value: str = field(repr=False)

    def __repr__(self) -> str:
        return "Secret('**********')" if self.value else "Secret('')"

    __str__ = __repr__

    def __bool__(self) -> bool:
        return bool(self.value)


@dataclass(frozen=True)
class Settings:
    discord_token: Secret = Secret("")
    dev_guild_id: int | None = None
    owner_ids: frozenset[int] = frozenset()
    # Bot-wide curator actions (/kb reload, bot-wide gaps and stats) are for OWNER_IDS and for members of
    # the home server (CURATOR_GUILD_ID) who hold one of CURATOR_ROLE_IDS there. Nobody else, whatever
    # permissions they hold in their own server.
    curator_guild_id: int | None = None
    curator_role_ids: frozenset[int] = frozenset()
    knowledge_dir: Path = ROOT / "knowledge"
    database_url: str | None = field(default=None, repr=False)  # postgresql://...; may hold a password
    database_path: Path = ROOT / "data" / "keibot.sqlite3"
    shard_count: int | None = None
    shard_ids: tuple[int, ...] | None = None
    log_level: str = "INFO"
    question_retention_days: int = 180
    site_url: str | None = None  # where `keibot site` output is served; state answers and /map link to it

    @classmethod
    def from_env(
        cls, environ: Mapping[str, str] | None = None, env_file: Path | None = ROOT / ".env"
    ) -> Settings:
        values: dict[str, str] = {}
        if env_file is not None and env_file.exists():
            values.update({k: v for k, v in dotenv_values(env_file).items() if v is not None})
        values.update(os.environ if environ is None else environ)

        def get(name: str) -> str | None:
            value = values.get(name, "").strip()
            return value or None

        return cls(
            discord_token=Secret(get("DISCORD_TOKEN") or ""),
            dev_guild_id=_int(get("DEV_GUILD_ID"), "DEV_GUILD_ID"),
            owner_ids=frozenset(_int_list(get("OWNER_IDS"), "OWNER_IDS")),
            curator_guild_id=_int(get("CURATOR_GUILD_ID"), "CURATOR_GUILD_ID"),
            curator_role_ids=frozenset(_int_list(get("CURATOR_ROLE_IDS"), "CURATOR_ROLE_IDS")),
            knowledge_dir=Path(get("KNOWLEDGE_DIR") or ROOT / "knowledge"),
            database_url=get("DATABASE_URL"),
            database_path=Path(get("DATABASE_PATH") or ROOT / "data" / "keibot.sqlite3"),
            shard_count=_positive(get("SHARD_COUNT"), "SHARD_COUNT"),
            shard_ids=tuple(_int_list(get("SHARD_IDS"), "SHARD_IDS")) or None,
            log_level=(get("LOG_LEVEL") or "INFO").upper(),
            # 0 is refused, not read as "keep forever" or "the default": say how many days, or leave it unset
            question_retention_days=_positive(get("QUESTION_RETENTION_DAYS"), "QUESTION_RETENTION_DAYS")
            or 180,
            site_url=_site_url(get("SITE_URL")),
        )


def _int(value: str | None, name: str) -> int | None:
    if value is None:
        return None
    try:
        return int(value)
    except ValueError:
        raise SettingsError(f"{name} must be a whole number") from None


def _site_url(value: str | None) -> str | None:
    if value is None:
        return None
    if not value.startswith(("https://", "http://")):
        raise SettingsError("SITE_URL must be an http(s) address")
    return value.rstrip("/")


def _positive(value: str | None, name: str) -> int | None:
    number = _int(value, name)
    if number is not None and number < 1:
        raise SettingsError(f"{name} must be 1 or more")
    return number


def _int_list(value: str | None, name: str) -> list[int]:
    if value is None:
        return []
    try:
        return [int(part) for part in value.replace(",", " ").split()]
    except ValueError:
        raise SettingsError(f"{name} must be whole numbers separated by commas") from None
