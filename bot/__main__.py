"""``python -m bot``: read the settings and start KeiBot (the console chat when no DISCORD_TOKEN is set)."""

from __future__ import annotations

import sys

from bot.config import Settings, SettingsError


def main() -> int:
    try:
        settings = Settings.from_env()
    except SettingsError as exc:
        print(f"keibot: {exc}", file=sys.stderr)
        return 2
    from bot.adapter.runner import run

    return run(settings)


if __name__ == "__main__":
    sys.exit(main())
