"""Issue 12 #2: a database that accepts connections and then says nothing must not hold up answers.

A TCP proxy on loopback sits between the bot and the real PostgreSQL test server. While it forwards, the
bot opens its pool normally; then it goes silent (connections stay open, nothing is forwarded either way,
new connections are accepted and ignored), the way a failover or a firewall / NAT drop looks to a client.
Every /ask must still be answered within Discord's 3-second window: a slow read is abandoned, not awaited,
and reads are skipped while the storage is known to be stalled.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator

import pytest

from bot.adapter.client import FAST_READ_TIMEOUT, create_bot
from bot.config import Settings
from bot.core.service import KnowledgeService
from bot.storage import ResilientStorage
from bot.storage.postgres import PostgresStorage
from tests.adapter.conftest import ALICE, BOB, GUILD, OTHER_CHANNEL
from tests.adapter.discord_harness import Harness
from tests.storage.conftest import PG_DSN, drop_schema, new_schema_name, require_postgres

pytestmark = pytest.mark.postgres

DISCORD_WINDOW = 3.0  # seconds Discord gives an interaction for its first response


class StallProxy:
    """Forwards TCP to ``target`` until ``silence()``; then forwards nothing and accepts new connections."""

    def __init__(self, host: str, port: int) -> None:
        self.target = (host, port)
        self.silent = False
        self.writers: list[asyncio.StreamWriter] = []
        self.server: asyncio.Server | None = None

    async def start(self) -> int:
        self.server = await asyncio.start_server(self._client, "127.0.0.1", 0)
        return self.server.sockets[0].getsockname()[1]

    def silence(self) -> None:
        self.silent = True

    async def _client(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self.writers.append(writer)
        if self.silent:
            return  # accepted; nothing will ever come back
        up_reader, up_writer = await asyncio.open_connection(*self.target)
        self.writers.append(up_writer)
        await asyncio.gather(self._pipe(reader, up_writer), self._pipe(up_reader, writer))

    async def _pipe(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            while data := await reader.read(65536):
                if not self.silent:
                    writer.write(data)
                    await writer.drain()
        except (ConnectionError, OSError):
            pass

    async def close(self) -> None:
        if self.server is not None:
            self.server.close()
        for writer in self.writers:
            writer.transport.abort()
        self.writers.clear()


@pytest.fixture
async def stalled(
    settings: Settings, service: KnowledgeService, monkeypatch: pytest.MonkeyPatch
) -> AsyncIterator[tuple[Harness, StallProxy, ResilientStorage]]:
    await require_postgres()
    host_port = PG_DSN.split("@", 1)[1].split("/", 1)[0]
    host, port = host_port.rsplit(":", 1)
    proxy = StallProxy(host, int(port))
    proxy_port = await proxy.start()
    schema = new_schema_name()
    dsn = PG_DSN.replace(host_port, f"127.0.0.1:{proxy_port}")
    storage = ResilientStorage(PostgresStorage(dsn, schema=schema, min_size=1, max_size=1))
    await storage.open()  # before the harness, which waits for every task started after it (the proxy's)
    bot = create_bot(settings, service, storage)
    h = Harness(bot, monkeypatch)
    await h.start()
    h.add_guild(GUILD, text_channels=[OTHER_CHANNEL])
    assert storage.healthy
    try:
        yield h, proxy, storage
    finally:
        await proxy.close()  # the stuck connections break now, so the pool can close
        await storage.close()
        await h.close()
        await drop_schema(schema)


async def time_to_reply(h: Harness, user: int, question: str) -> float:
    """Seconds from the interaction arriving to its first response leaving the bot."""
    h.recorder.clear()
    started = time.monotonic()
    h.bot._connection.parse_interaction_create(
        h.slash("ask", user_id=user, guild_id=GUILD, channel_id=OTHER_CHANNEL, question=question)
    )
    while not any(s.path.endswith("/callback") for s in h.recorder.sent):
        assert time.monotonic() - started < 30, "no response at all"
        await asyncio.sleep(0.01)
    return time.monotonic() - started


async def test_a_silent_database_does_not_hold_up_answers(
    stalled: tuple[Harness, StallProxy, ResilientStorage],
) -> None:
    h, proxy, storage = stalled
    proxy.silence()
    first = await time_to_reply(h, ALICE, "is it legal in texas?")
    assert first < FAST_READ_TIMEOUT + 0.5 < DISCORD_WINDOW, f"first answer took {first:.2f} s"
    assert h.recorder.last().embeds[0]["title"].startswith("Texas")
    assert storage.stalled and not storage.healthy
    # known unhealthy: later answers do not even try the database
    for user in (BOB, ALICE):
        later = await time_to_reply(h, user, "timing belt on an acty")
        assert later < 0.5, f"an answer while stalled took {later:.2f} s"
    assert storage.skipped >= 2
