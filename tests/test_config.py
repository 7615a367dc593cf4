"""Every setting read from the environment: a valid value, an invalid one, an empty one and zero.

Empty means unset (the default applies). An invalid number stops the start with ``SettingsError`` naming the
variable, never echoing the value (it could be a token pasted in the wrong place).

What zero means, decided here (issue 16):
- ``QUESTION_RETENTION_DAYS=0`` is refused, like a negative number: the question log must be kept at least a
  day (``keibot db prune --days 0`` is refused the same way). It used to become 180 without a word, which
  silently kept questions far longer than asked.
- ``SHARD_COUNT=0`` is refused (a bot needs at least one shard).
- Zero as a Discord id (``DEV_GUILD_ID``, ``OWNER_IDS`` ...) is no real id: a zero dev guild means none.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.config import ROOT, Secret, Settings, SettingsError


def load(**env: str) -> Settings:
    return Settings.from_env(env, env_file=None)


def refused(name: str, value: str) -> SettingsError:
    with pytest.raises(SettingsError) as caught:
        load(**{name: value})
    message = str(caught.value)
    assert name in message, "the error names the variable"
    assert value.strip() not in message, "and never echoes the value"
    return caught.value


# ------------------------------------------------------------------ defaults


def test_nothing_set_gives_the_defaults() -> None:
    settings = load()
    assert settings == Settings()
    assert settings.question_retention_days == 180
    assert settings.knowledge_dir == ROOT / "knowledge"
    assert settings.database_path == ROOT / "data" / "keibot.sqlite3"
    assert settings.log_level == "INFO"


def test_a_env_file_is_read_and_the_environment_wins(tmp_path: Path) -> None:
    env_file = tmp_path / ".env"
    env_file.write_text("LOG_LEVEL=debug\nQUESTION_RETENTION_DAYS=30\n", encoding="utf-8")
    settings = Settings.from_env({"LOG_LEVEL": "warning"}, env_file=env_file)
    assert settings.log_level == "WARNING"
    assert settings.question_retention_days == 30


# ------------------------------------------------------------------ DISCORD_TOKEN


def test_discord_token_valid_is_kept_secret() -> None:
    settings = load(DISCORD_TOKEN=" abc.def.ghi ")
    assert settings.discord_token == Secret("abc.def.ghi")
    assert "abc" not in repr(settings) and "abc" not in str(settings.discord_token)


@pytest.mark.parametrize("value", ["", "   "])
def test_discord_token_empty_means_none(value: str) -> None:
    assert not load(DISCORD_TOKEN=value).discord_token


def test_discord_token_zero_is_just_a_string() -> None:
    token = load(DISCORD_TOKEN="0").discord_token
    assert token and token.value == "0"  # Discord rejects it at login, not the settings


# ------------------------------------------------------------------ single ids


@pytest.mark.parametrize(
    ("name", "attribute"), [("DEV_GUILD_ID", "dev_guild_id"), ("CURATOR_GUILD_ID", "curator_guild_id")]
)
class TestSingleIds:
    def test_valid(self, name: str, attribute: str) -> None:
        assert getattr(load(**{name: " 700000000000000001 "}), attribute) == 700_000_000_000_000_001

    @pytest.mark.parametrize("value", ["guild", "12.5", "1e5", "0x10"])
    def test_invalid(self, name: str, attribute: str, value: str) -> None:
        refused(name, value)

    def test_empty(self, name: str, attribute: str) -> None:
        assert getattr(load(**{name: ""}), attribute) is None

    def test_zero_means_none(self, name: str, attribute: str) -> None:
        assert not getattr(load(**{name: "0"}), attribute)


# ------------------------------------------------------------------ id lists


@pytest.mark.parametrize(
    ("name", "attribute"), [("OWNER_IDS", "owner_ids"), ("CURATOR_ROLE_IDS", "curator_role_ids")]
)
class TestIdLists:
    def test_valid_commas_or_spaces(self, name: str, attribute: str) -> None:
        assert getattr(load(**{name: "11, 22 33,,44"}), attribute) == frozenset({11, 22, 33, 44})

    @pytest.mark.parametrize("value", ["11, bob", "11;22", "1.5"])
    def test_invalid(self, name: str, attribute: str, value: str) -> None:
        refused(name, value)

    def test_empty(self, name: str, attribute: str) -> None:
        assert getattr(load(**{name: " "}), attribute) == frozenset()

    def test_zero_is_kept_but_matches_nobody(self, name: str, attribute: str) -> None:
        assert getattr(load(**{name: "0"}), attribute) == frozenset({0})


# ------------------------------------------------------------------ paths and URL


@pytest.mark.parametrize(
    ("name", "attribute", "default"),
    [
        ("KNOWLEDGE_DIR", "knowledge_dir", ROOT / "knowledge"),
        ("DATABASE_PATH", "database_path", ROOT / "data" / "keibot.sqlite3"),
    ],
)
class TestPaths:
    def test_valid(self, name: str, attribute: str, default: Path, tmp_path: Path) -> None:
        assert getattr(load(**{name: f" {tmp_path} "}), attribute) == tmp_path

    def test_empty_is_the_default(self, name: str, attribute: str, default: Path) -> None:
        assert getattr(load(**{name: ""}), attribute) == default

    def test_zero_is_a_relative_path(self, name: str, attribute: str, default: Path) -> None:
        assert getattr(load(**{name: "0"}), attribute) == Path("0")


def test_database_url_valid_is_kept_out_of_repr() -> None:
    url = "postgresql://keibot:hunter2@db:5432/keibot"
    settings = load(DATABASE_URL=url)
    assert settings.database_url == url
    assert "hunter2" not in repr(settings)


@pytest.mark.parametrize("value", ["mysql://x@y/z", "0"])
def test_database_url_not_postgres_falls_back_to_sqlite(value: str) -> None:
    from bot.storage import is_postgres_url

    settings = load(DATABASE_URL=value)
    assert not is_postgres_url(settings.database_url)  # create_storage warns and uses SQLite


def test_database_url_empty_means_sqlite() -> None:
    assert load(DATABASE_URL="  ").database_url is None


# ------------------------------------------------------------------ sharding


def test_shard_count_and_ids_valid() -> None:
    settings = load(SHARD_COUNT="4", SHARD_IDS="0, 1")
    assert (settings.shard_count, settings.shard_ids) == (4, (0, 1))


@pytest.mark.parametrize(("name", "value"), [("SHARD_COUNT", "four"), ("SHARD_IDS", "0,one")])
def test_shard_settings_invalid(name: str, value: str) -> None:
    refused(name, value)


def test_shard_settings_empty_means_unsharded() -> None:
    settings = load(SHARD_COUNT="", SHARD_IDS="")
    assert (settings.shard_count, settings.shard_ids) == (None, None)


def test_shard_ids_zero_is_the_first_shard() -> None:
    assert load(SHARD_COUNT="2", SHARD_IDS="0").shard_ids == (0,)


def test_shard_count_zero_is_refused() -> None:
    refused("SHARD_COUNT", "0")


# ------------------------------------------------------------------ LOG_LEVEL


def test_log_level_valid_is_upper_cased() -> None:
    assert load(LOG_LEVEL=" debug ").log_level == "DEBUG"


def test_log_level_empty_is_info() -> None:
    assert load(LOG_LEVEL="").log_level == "INFO"


@pytest.mark.parametrize("value", ["loud", "0"])
def test_log_level_unknown_falls_back_to_info_at_start(value: str) -> None:
    import logging

    level = load(LOG_LEVEL=value).log_level
    assert getattr(logging, level, logging.INFO) == logging.INFO  # what bot.adapter.runner does with it


# ------------------------------------------------------------------ QUESTION_RETENTION_DAYS


@pytest.mark.parametrize("value", ["1", "30", " 365 "])
def test_retention_days_valid(value: str) -> None:
    assert load(QUESTION_RETENTION_DAYS=value).question_retention_days == int(value)


@pytest.mark.parametrize("value", ["a month", "30.5", "30d"])
def test_retention_days_invalid(value: str) -> None:
    refused("QUESTION_RETENTION_DAYS", value)


def test_retention_days_empty_is_the_default() -> None:
    assert load(QUESTION_RETENTION_DAYS="").question_retention_days == 180


def test_retention_days_zero_never_becomes_180() -> None:
    """Whatever 0 does, it must not silently keep questions for half a year."""
    try:
        days = load(QUESTION_RETENTION_DAYS="0").question_retention_days
    except SettingsError:
        return
    assert days != 180


def test_retention_days_zero_is_refused() -> None:
    refused("QUESTION_RETENTION_DAYS", "0")


def test_retention_days_negative_is_refused() -> None:
    refused("QUESTION_RETENTION_DAYS", "-5")


# ------------------------------------------------------------------ SITE_URL


def test_site_url_valid_loses_its_trailing_slash() -> None:
    assert load(SITE_URL=" https://kei.example/site/ ").site_url == "https://kei.example/site"


def test_site_url_empty_means_no_links() -> None:
    assert load(SITE_URL="").site_url is None


@pytest.mark.parametrize("value", ["javascript:alert(1)", "kei.example", "0"])
def test_site_url_invalid_is_refused(value: str) -> None:
    refused("SITE_URL", value)
