"""The ONE module that touches private discord.py API, so a discord.py upgrade is absorbed here.

What it does (discord.py 2.7):
- starts a bot without a gateway: ``_async_setup_hook()`` (loop wiring), a ``ClientUser`` and application
  id on ``bot._connection``, then the bot's real ``setup_hook()``;
- captures every HTTP call discord.py would make: REST calls through ``bot.http.request`` and interaction
  / webhook calls through ``AsyncWebhookAdapter.request``, recording the JSON payload (or the
  ``payload_json`` part and the files of a multipart upload) and answering with plausible Discord
  responses (a message object for a sent message, a callback response with the created message, ...);
- feeds gateway-shaped payloads in through the connection state exactly as the gateway would:
  ``INTERACTION_CREATE`` via ``parse_interaction_create`` (command tree, component and modal dispatch)
  and ``MESSAGE_CREATE`` via ``parse_message_create`` (``on_message`` listeners), then waits for the tasks
  discord.py spawned to finish;
- builds guilds (text channels, forum channels, threads) in the state cache via ``_add_guild_from_data``.
"""

from __future__ import annotations

import asyncio
import gc
import itertools
import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

import discord
from discord.webhook.async_ import AsyncWebhookAdapter

APP_ID = 900_000_000_000_000_001
BOT_ID = 900_000_000_000_000_002
EPOCH = "2026-11-25T12:00:00.000000+00:00"

BOT_USER = {
    "id": str(BOT_ID),
    "username": "KeiBot",
    "discriminator": "0",
    "global_name": "KeiBot",
    "avatar": None,
    "bot": True,
}

MANAGE_GUILD = discord.Permissions(manage_guild=True, send_messages=True, view_channel=True)
MEMBER = discord.Permissions(send_messages=True, view_channel=True, use_application_commands=True)

_ids = itertools.count(1)


def snowflake() -> int:
    """A fresh id whose timestamp is now (interactions older than 15 minutes count as expired)."""
    return discord.utils.time_snowflake(discord.utils.utcnow()) + next(_ids)


def user_payload(user_id: int, name: str | None = None, *, bot: bool = False) -> dict[str, Any]:
    return {
        "id": str(user_id),
        "username": name or f"user{user_id % 10_000}",
        "discriminator": "0",
        "global_name": name,
        "avatar": None,
        "bot": bot,
    }


# --------------------------------------------------------------------------------------------- capture


@dataclass
class Sent:
    """One HTTP request discord.py made."""

    method: str
    path: str  # the route template, e.g. /interactions/{webhook_id}/{webhook_token}/callback
    url: str
    payload: dict[str, Any] | None
    files: list[tuple[str, bytes]] = field(default_factory=list)
    response: Any = None

    @property
    def data(self) -> dict[str, Any]:
        """The message-ish part: ``data`` of an interaction callback, else the payload itself."""
        payload = self.payload if isinstance(self.payload, dict) else {}
        if self.path.endswith("/callback"):
            return payload.get("data") or {}
        return payload

    @property
    def embeds(self) -> list[dict[str, Any]]:
        return self.data.get("embeds") or []

    @property
    def components(self) -> list[dict[str, Any]]:
        return self.data.get("components") or []

    @property
    def custom_ids(self) -> list[str]:
        return [
            c["custom_id"] for row in self.components for c in row.get("components", []) if "custom_id" in c
        ]

    @property
    def flags(self) -> int:
        return int(self.data.get("flags") or 0)

    @property
    def ephemeral(self) -> bool:
        return bool(self.flags & 64)

    @property
    def content(self) -> str:
        return self.data.get("content") or ""

    @property
    def allowed_mentions(self) -> dict[str, Any] | None:
        return self.data.get("allowed_mentions")

    @property
    def callback_type(self) -> int | None:
        return (
            self.payload.get("type")
            if self.path.endswith("/callback") and isinstance(self.payload, dict)
            else None
        )

    @property
    def message(self) -> dict[str, Any] | None:
        """The message object Discord would have created for this request, if any."""
        response = self.response
        if isinstance(response, dict) and "resource" in response:
            return response["resource"].get("message")
        if isinstance(response, dict) and "channel_id" in response and "embeds" in response:
            return response
        return None

    def text(self) -> str:
        """Everything a user would read: content, embed titles/descriptions/fields/footers."""
        parts = [self.content]
        for embed in self.embeds:
            parts += [embed.get("title") or "", embed.get("description") or ""]
            for f in embed.get("fields", []):
                parts += [f["name"], f["value"]]
            parts.append((embed.get("footer") or {}).get("text") or "")
        return "\n".join(p for p in parts if p)


class Recorder:
    """Every request, in order, plus helpers to find the interesting ones."""

    def __init__(self) -> None:
        self.sent: list[Sent] = []
        self.everything: list[Sent] = []  # never cleared: checked when the harness closes
        self.messages: dict[int, dict[str, Any]] = {}
        self.fail_dm_for: set[int] = set()
        self.fail_interactions = False

    def clear(self) -> None:
        self.sent.clear()

    def record(self, sent: Sent) -> None:
        self.sent.append(sent)
        self.everything.append(sent)

    def pinging_sends(self) -> list[Sent]:
        """Every request that posts or edits a message without ``allowed_mentions`` set to ping nobody."""
        bad = []
        for sent in self.everything:
            posts_message = sent.callback_type in (4, 7) or (
                sent.method in ("POST", "PATCH")
                and ("/messages" in sent.path or sent.path == "/webhooks/{webhook_id}/{webhook_token}")
            )
            if not posts_message:
                continue
            mentions = sent.allowed_mentions or {}
            if (
                mentions.get("parse") != []
                or mentions.get("users")
                or mentions.get("roles")
                or mentions.get("replied_user")
            ):
                bad.append(sent)
        return bad

    def replies(self) -> list[Sent]:
        """Messages a user sees: interaction responses (not autocomplete/defer), follow-ups, channel sends."""
        return [
            s
            for s in self.sent
            if (s.path.endswith("/callback") and s.callback_type in (4, 7))
            or (s.method == "POST" and s.path == "/webhooks/{webhook_id}/{webhook_token}")
            or (s.method == "PATCH" and "messages/@original" in s.path)
            or (s.method == "POST" and s.path == "/channels/{channel_id}/messages")
        ]

    def last(self) -> Sent:
        replies = self.replies()
        assert replies, f"nothing was sent; requests: {[(s.method, s.path) for s in self.sent]}"
        return replies[-1]

    def of_path(self, fragment: str) -> list[Sent]:
        return [s for s in self.sent if fragment in s.path]

    def channel_messages(self, channel_id: int | None = None) -> list[Sent]:
        return [
            s
            for s in self.sent
            if s.method == "POST"
            and s.path == "/channels/{channel_id}/messages"
            and (channel_id is None or s.url.split("/channels/")[1].split("/")[0] == str(channel_id))
        ]

    # ----------------------------------------------------------------------------- fake responses

    def message_from(
        self,
        payload: dict[str, Any],
        channel_id: int,
        *,
        flags: int = 0,
        author: dict[str, Any] | None = None,
    ) -> dict[str, Any]:
        message_id = snowflake()
        message = {
            "id": str(message_id),
            "channel_id": str(channel_id),
            "author": author or BOT_USER,
            "content": payload.get("content") or "",
            "timestamp": EPOCH,
            "edited_timestamp": None,
            "tts": False,
            "mention_everyone": False,
            "mentions": [],
            "mention_roles": [],
            "attachments": [
                {
                    "id": str(snowflake()),
                    "filename": a.get("filename", "file"),
                    "size": 1,
                    "url": "https://cdn.invalid/a",
                    "proxy_url": "https://cdn.invalid/a",
                }
                for a in payload.get("attachments", [])
            ],
            "embeds": payload.get("embeds") or [],
            "pinned": False,
            "type": 0,
            "flags": flags | int(payload.get("flags") or 0),
            "components": payload.get("components") or [],
        }
        self.messages[message_id] = message
        return message


def _parse_multipart(multipart: Iterable[dict[str, Any]] | None) -> dict[str, Any] | None:
    for part in multipart or []:
        if part.get("name") == "payload_json":
            return json.loads(part["value"])
    return None


def _read_files(files: Iterable[discord.File] | None) -> list[tuple[str, bytes]]:
    out = []
    for file in files or []:
        file.fp.seek(0)
        out.append((file.filename or "", file.fp.read()))
    return out


def _install_webhook_capture(
    recorder: Recorder, monkeypatch: Any, interactions: dict[int, InteractionInfo]
) -> None:
    async def request(
        self: AsyncWebhookAdapter,
        route: Any,
        session: Any,
        *,
        payload: Any = None,
        multipart: Any = None,
        files: Any = None,
        **_: Any,
    ) -> Any:
        body = payload if payload is not None else _parse_multipart(multipart)
        sent = Sent(route.method, route.path, route.url, body, _read_files(files))
        recorder.record(sent)
        await asyncio.sleep(0)  # a real request yields to the loop
        if recorder.fail_interactions:
            raise discord.NotFound(_FakeResponse(404), {"code": 10062, "message": "Unknown interaction"})
        info = interactions.get(int(route.webhook_id)) if route.webhook_id else None
        channel_id = info.channel_id if info else 0
        if route.path.endswith("/callback"):
            kind = (body or {}).get("type")
            data = (body or {}).get("data") or {}
            interaction = {
                "id": str(route.webhook_id),
                "type": info.type if info else 2,
                "response_message_loading": kind == 5,
                "response_message_ephemeral": bool(int(data.get("flags") or 0) & 64),
            }
            if kind in (4, 7):
                message = recorder.message_from(data, channel_id)
                if info is not None and kind == 4:
                    info.original = message
                interaction["response_message_id"] = message["id"]
                sent.response = {"interaction": interaction, "resource": {"type": kind, "message": message}}
            elif kind == 5:
                sent.response = {"interaction": interaction, "resource": {"type": kind}}
            else:
                sent.response = {"interaction": interaction}
            return sent.response
        app_info = _by_token(interactions, route.webhook_token)
        channel_id = app_info.channel_id if app_info else 0
        if route.method == "DELETE":
            return None
        if route.method == "GET" and app_info and app_info.original:
            sent.response = app_info.original
            return sent.response
        message = recorder.message_from(body or {}, channel_id)
        if route.method == "PATCH" and app_info is not None and "@original" in route.path:
            app_info.original = message
        sent.response = message
        return message

    monkeypatch.setattr(AsyncWebhookAdapter, "request", request)


def _by_token(interactions: dict[int, InteractionInfo], token: str | None) -> InteractionInfo | None:
    for info in interactions.values():
        if info.token == token:
            return info
    return None


class _FakeResponse:
    def __init__(self, status: int) -> None:
        self.status = status
        self.reason = "fake"


def _install_http_capture(bot: discord.Client, recorder: Recorder) -> None:
    async def request(route: Any, *, files: Any = None, form: Any = None, **kwargs: Any) -> Any:
        body = kwargs.get("json")
        if body is None and form is not None:
            body = _parse_multipart(form)
        sent = Sent(route.method, route.path, route.url, body, _read_files(files))
        recorder.record(sent)
        await asyncio.sleep(0)
        path, method = route.path, route.method
        if method == "POST" and path == "/channels/{channel_id}/messages":
            channel_id = int(route.url.split("/channels/")[1].split("/")[0])
            if channel_id in recorder.fail_dm_for:
                raise discord.Forbidden(
                    _FakeResponse(403), {"code": 50007, "message": "Cannot send messages to this user"}
                )
            sent.response = recorder.message_from(body or {}, channel_id)
            return sent.response
        if method == "POST" and path == "/users/@me/channels":
            recipient = int((body or {})["recipient_id"])
            # The DM channel id is the user's id here, so a test can tell DMs apart and make one fail.
            return {
                "id": str(recipient),
                "type": 1,
                "recipients": [user_payload(recipient)],
                "last_message_id": None,
            }
        if method == "GET" and path == "/users/{user_id}":
            user_id = int(route.url.rstrip("/").split("/")[-1])
            return user_payload(user_id)
        if method == "PUT" and path.endswith("/commands"):
            return [
                {
                    "description": "",  # Discord gives context menus an empty description
                    **cmd,
                    "id": str(snowflake()),
                    "application_id": str(APP_ID),
                    "version": "1",
                    "default_member_permissions": cmd.get("default_member_permissions"),
                }
                for cmd in body or []
            ]
        return {}

    bot.http.request = request  # type: ignore[method-assign]


# --------------------------------------------------------------------------------------------- harness


@dataclass
class InteractionInfo:
    id: int
    token: str
    type: int
    channel_id: int
    original: dict[str, Any] | None = None


@dataclass
class ChannelRef:
    """A channel option value (type 7)."""

    id: int
    type: int = 0  # 0 text, 15 forum
    name: str = "channel"


# Long-lived loops the bot starts on purpose; waiting for them to finish would wait forever.
BACKGROUND_TASKS = frozenset({"keibot-retention", "keibot-source-watch"})


class Harness:
    def __init__(self, bot: Any, monkeypatch: Any) -> None:
        self.bot = bot
        self.recorder = Recorder()
        self.interactions: dict[int, InteractionInfo] = {}
        self.monkeypatch = monkeypatch
        self.guilds: dict[int, dict[str, Any]] = {}
        self._baseline: set[asyncio.Task[Any]] = set()
        self.closed = False
        self._gc_threshold = gc.get_threshold()

    async def start(self) -> None:
        self._baseline = set(asyncio.all_tasks())
        bot = self.bot
        await bot._async_setup_hook()
        state = bot._connection
        state.application_id = APP_ID
        state.user = discord.ClientUser(state=state, data=BOT_USER)
        _install_http_capture(bot, self.recorder)
        _install_webhook_capture(self.recorder, self.monkeypatch, self.interactions)
        await bot.setup_hook()
        await self.drain()

    async def close(self) -> None:
        """Stop the bot; fails the test if anything it sent could have pinged someone."""
        if self.closed:
            return
        self.closed = True
        await self.drain()
        await self.bot.close()
        gc.unfreeze()  # the bot froze the heap and tuned the collector at start (see settle_memory)
        gc.set_threshold(*self._gc_threshold)
        pinging = self.recorder.pinging_sends()
        assert not pinging, (
            f"sent without AllowedMentions.none(): {[(s.method, s.path, s.allowed_mentions) for s in pinging]}"
        )

    async def drain(self, limit: float = 20.0, ignore: Iterable[asyncio.Task[Any]] = ()) -> None:
        """Wait (at most ``limit`` seconds) until every task discord.py spawned for the last event has
        finished."""
        ignored = set(ignore)
        current = asyncio.current_task()
        loop = asyncio.get_running_loop()
        deadline = loop.time() + limit
        while True:
            pending = [
                t
                for t in asyncio.all_tasks()
                if t is not current
                and t not in self._baseline
                and t not in ignored
                and not t.done()
                and "timeout_task_impl" not in getattr(t.get_coro(), "__qualname__", "")
                and t.get_name() not in BACKGROUND_TASKS
            ]
            if not pending:
                return
            remaining = deadline - loop.time()
            assert remaining > 0, f"tasks still running after {limit} s: {pending}"
            await asyncio.wait(pending, timeout=remaining)

    # ----------------------------------------------------------------------------- guilds

    def add_guild(
        self,
        guild_id: int,
        *,
        text_channels: Iterable[int] = (),
        forums: Iterable[int] = (),
        threads: Iterable[tuple[int, int, int]] = (),  # (thread id, parent id, owner id)
    ) -> discord.Guild:
        channels = [
            {
                "id": str(c),
                "type": 0,
                "guild_id": str(guild_id),
                "name": f"text-{c % 1000}",
                "position": i,
                "permission_overwrites": [],
                "nsfw": False,
                "parent_id": None,
            }
            for i, c in enumerate(text_channels)
        ] + [
            {
                "id": str(c),
                "type": 15,
                "guild_id": str(guild_id),
                "name": f"forum-{c % 1000}",
                "position": 50 + i,
                "permission_overwrites": [],
                "nsfw": False,
                "parent_id": None,
                "available_tags": [],
                "flags": 0,
            }
            for i, c in enumerate(forums)
        ]
        data = {
            "id": str(guild_id),
            "name": f"guild-{guild_id % 1000}",
            "icon": None,
            "owner_id": "1",
            "roles": [
                {
                    "id": str(guild_id),
                    "name": "@everyone",
                    "permissions": str(MEMBER.value),
                    "position": 0,
                    "color": 0,
                    "hoist": False,
                    "managed": False,
                    "mentionable": False,
                    "flags": 0,
                }
            ],
            "emojis": [],
            "stickers": [],
            "features": [],
            "member_count": 2,
            "members": [],
            "channels": channels,
            "threads": [self.thread_payload(t, p, o, guild_id) for t, p, o in threads],
            "verification_level": 0,
            "default_message_notifications": 0,
            "explicit_content_filter": 0,
            "mfa_level": 0,
            "premium_tier": 0,
            "preferred_locale": "en-US",
            "nsfw_level": 0,
        }
        self.guilds[guild_id] = data
        return self.bot._connection._add_guild_from_data(data)

    @staticmethod
    def thread_payload(
        thread_id: int, parent_id: int, owner_id: int, guild_id: int, name: str = "Is my Carry legal?"
    ) -> dict[str, Any]:
        return {
            "id": str(thread_id),
            "type": 11,
            "guild_id": str(guild_id),
            "parent_id": str(parent_id),
            "owner_id": str(owner_id),
            "name": name,
            "last_message_id": None,
            "message_count": 1,
            "member_count": 1,
            "rate_limit_per_user": 0,
            "thread_metadata": {
                "archived": False,
                "auto_archive_duration": 1440,
                "archive_timestamp": EPOCH,
                "locked": False,
            },
        }

    def _channel_payload(self, guild_id: int | None, channel_id: int) -> dict[str, Any]:
        if guild_id is None:
            return {"id": str(channel_id), "type": 1, "recipients": []}
        for channel in self.guilds.get(guild_id, {}).get("channels", []) + self.guilds.get(guild_id, {}).get(
            "threads", []
        ):
            if channel["id"] == str(channel_id):
                return channel
        return {
            "id": str(channel_id),
            "type": 0,
            "guild_id": str(guild_id),
            "name": "general",
            "position": 0,
            "permission_overwrites": [],
            "nsfw": False,
            "parent_id": None,
        }

    # ----------------------------------------------------------------------------- interactions

    def _base(
        self, kind: int, user_id: int, guild_id: int | None, channel_id: int, permissions: discord.Permissions
    ) -> dict[str, Any]:
        interaction_id = snowflake()
        token = f"token-{interaction_id}"
        self.interactions[interaction_id] = InteractionInfo(interaction_id, token, kind, channel_id)
        payload: dict[str, Any] = {
            "id": str(interaction_id),
            "application_id": str(APP_ID),
            "type": kind,
            "token": token,
            "version": 1,
            "channel_id": str(channel_id),
            "channel": self._channel_payload(guild_id, channel_id),
            "locale": "en-US",
            "app_permissions": str(discord.Permissions.all().value),
            "entitlements": [],
            "authorizing_integration_owners": {},
            "attachment_size_limit": 25 * 1024 * 1024,
            "context": 0 if guild_id else 1,
        }
        if guild_id is not None:
            payload["guild_id"] = str(guild_id)
            payload["guild_locale"] = "en-US"
            payload["member"] = {
                "user": user_payload(user_id),
                "roles": [],
                "joined_at": EPOCH,
                "deaf": False,
                "mute": False,
                "flags": 0,
                "permissions": str(permissions.value),
            }
        else:
            payload["user"] = user_payload(user_id)
        return payload

    def slash(
        self,
        command: str,
        *,
        user_id: int,
        guild_id: int | None,
        channel_id: int,
        permissions: discord.Permissions = MEMBER,
        focused: str | None = None,
        **options: Any,
    ) -> dict[str, Any]:
        """An APPLICATION_COMMAND (or, with ``focused``, an autocomplete) interaction: ``"kb reload"`` etc."""
        payload = self._base(4 if focused else 2, user_id, guild_id, channel_id, permissions)
        resolved: dict[str, Any] = {}
        leaf: list[dict[str, Any]] = []
        for name, value in options.items():
            if value is None:
                continue
            option: dict[str, Any] = {"name": name}
            if isinstance(value, ChannelRef):
                option.update(type=7, value=str(value.id))
                resolved.setdefault("channels", {})[str(value.id)] = {
                    "id": str(value.id),
                    "type": value.type,
                    "name": value.name,
                    "permissions": str(discord.Permissions.all().value),
                }
            elif isinstance(value, bool):
                option.update(type=5, value=value)
            elif isinstance(value, int):
                option.update(type=4, value=value)
            elif isinstance(value, float):
                option.update(type=10, value=value)
            else:
                option.update(type=3, value=str(value))
            if name == focused:
                option["focused"] = True
            leaf.append(option)
        names = command.split()
        options_tree: list[dict[str, Any]] = leaf
        for depth, sub in enumerate(reversed(names[1:])):
            options_tree = [{"type": 1 if depth == 0 else 2, "name": sub, "options": options_tree}]
        data: dict[str, Any] = {"id": str(snowflake()), "name": names[0], "type": 1, "options": options_tree}
        if resolved:
            data["resolved"] = resolved
        payload["data"] = data
        return payload

    def click(
        self, message: dict[str, Any], custom_id: str, *, user_id: int, guild_id: int | None, channel_id: int
    ) -> dict[str, Any]:
        """A MESSAGE_COMPONENT interaction: ``user_id`` clicks the button ``custom_id`` on ``message``."""
        payload = self._base(3, user_id, guild_id, channel_id, MEMBER)
        payload["message"] = message
        payload["data"] = {"custom_id": custom_id, "component_type": 2}
        return payload

    def submit_modal(
        self,
        modal: dict[str, Any],
        values: dict[str, str],
        *,
        user_id: int,
        guild_id: int | None,
        channel_id: int,
    ) -> dict[str, Any]:
        """A MODAL_SUBMIT interaction for the modal Discord was asked to show (its callback ``data``)."""
        payload = self._base(5, user_id, guild_id, channel_id, MEMBER)
        components = []
        for row in modal["components"]:
            inner = row.get("component") or (row.get("components") or [{}])[0]
            components.append(
                {
                    "type": 18,
                    "id": row.get("id", 0),
                    "component": {
                        "type": 4,
                        "custom_id": inner["custom_id"],
                        "value": values.get(inner["custom_id"], ""),
                    },
                }
            )
        payload["data"] = {"custom_id": modal["custom_id"], "components": components}
        return payload

    async def dispatch(self, payload: dict[str, Any]) -> None:
        """INTERACTION_CREATE through the connection state, then wait for everything it started."""
        self.bot._connection.parse_interaction_create(payload)
        await self.drain()

    def interaction(self, payload: dict[str, Any]) -> discord.Interaction[Any]:
        """A real Interaction object from a payload (for calling helpers directly)."""
        return discord.Interaction(data=payload, state=self.bot._connection)  # type: ignore[arg-type]

    async def call_tree(self, payload: dict[str, Any]) -> None:
        """Run one interaction through the real CommandTree the way discord.py's invoker task does."""
        interaction = self.interaction(payload)
        tree = self.bot.tree
        try:
            await tree._call(interaction)
        except discord.app_commands.AppCommandError as exc:
            await tree._dispatch_error(interaction, exc)

    # ----------------------------------------------------------------------------- messages

    async def message(
        self,
        content: str,
        *,
        user_id: int,
        channel_id: int,
        guild_id: int | None,
        message_id: int | None = None,
        bot_author: bool = False,
        mentions_bot: bool = False,
        webhook: bool = False,
    ) -> dict[str, Any]:
        """MESSAGE_CREATE through the connection state (``on_message``), then drain."""
        data: dict[str, Any] = {
            "id": str(message_id or snowflake()),
            "channel_id": str(channel_id),
            "author": user_payload(user_id, bot=bot_author),
            "content": content,
            "timestamp": EPOCH,
            "edited_timestamp": None,
            "tts": False,
            "mention_everyone": False,
            "mentions": [BOT_USER] if mentions_bot else [],
            "mention_roles": [],
            "attachments": [],
            "embeds": [],
            "pinned": False,
            "type": 0,
            "flags": 0,
            "components": [],
        }
        if guild_id is not None:
            data["guild_id"] = str(guild_id)
            data["member"] = {"roles": [], "joined_at": EPOCH, "deaf": False, "mute": False, "flags": 0}
        if webhook:
            data["webhook_id"] = str(snowflake())
        self.bot._connection.parse_message_create(data)
        await self.drain()
        return data

    def add_thread(
        self, guild_id: int, thread_id: int, parent_id: int, owner_id: int, name: str = "Is my Carry legal?"
    ) -> None:
        """A thread appearing in the cache (THREAD_CREATE)."""
        self.bot._connection.parse_thread_create(
            self.thread_payload(thread_id, parent_id, owner_id, guild_id, name) | {"newly_created": True}
        )

    # ----------------------------------------------------------------------------- message commands, installs

    @staticmethod
    def message_payload(
        content: str,
        *,
        author_id: int,
        channel_id: int,
        guild_id: int | None,
        message_id: int | None = None,
        attachments: int = 0,
        embeds: Iterable[dict[str, Any]] = (),
        bot_author: bool = False,
    ) -> dict[str, Any]:
        """A message object as Discord sends it in ``resolved.messages`` (no ``member``, no ``guild_id``)."""
        return {
            "id": str(message_id or snowflake()),
            "channel_id": str(channel_id),
            "author": user_payload(author_id, bot=bot_author),
            "content": content,
            "timestamp": EPOCH,
            "edited_timestamp": None,
            "tts": False,
            "mention_everyone": False,
            "mentions": [],
            "mention_roles": [],
            "attachments": [
                {
                    "id": str(snowflake()),
                    "filename": f"photo{i}.jpg",
                    "size": 1,
                    "url": "https://cdn.invalid/p.jpg",
                    "proxy_url": "https://cdn.invalid/p.jpg",
                }
                for i in range(attachments)
            ],
            "embeds": list(embeds),
            "pinned": False,
            "type": 0,
            "flags": 0,
            "components": [],
        }

    def message_command(
        self,
        target: dict[str, Any],
        *,
        user_id: int,
        guild_id: int | None,
        channel_id: int,
        name: str = "Ask KeiBot",
        permissions: discord.Permissions = MEMBER,
    ) -> dict[str, Any]:
        """An APPLICATION_COMMAND interaction of type MESSAGE (a message context menu) on ``target``."""
        payload = self._base(2, user_id, guild_id, channel_id, permissions)
        payload["data"] = {
            "id": str(snowflake()),
            "name": name,
            "type": 3,
            "target_id": target["id"],
            "resolved": {"messages": {target["id"]: target}},
        }
        return payload

    @staticmethod
    def group_dm_payload(channel_id: int, recipients: Iterable[int]) -> dict[str, Any]:
        """A group DM channel (type 3) as an interaction's ``channel``."""
        members = list(recipients)
        return {
            "id": str(channel_id),
            "type": 3,
            "name": None,
            "icon": None,
            "owner_id": str(members[0]) if members else None,
            "recipients": [user_payload(m) for m in members],
            "last_message_id": None,
        }

    @staticmethod
    def installed(
        payload: dict[str, Any],
        install: str,
        *,
        context: int | None = None,
        channel: dict[str, Any] | None = None,
    ) -> dict[str, Any]:
        """Mark an interaction payload with the install that authorised it, as Discord does:
        ``authorizing_integration_owners`` ``{"0": guild id or "0"}`` for the server's install, ``{"1": user
        id}`` for the user's own install ("guild", "user" or "both"), and ``context`` 0 (server), 1 (DM with
        the bot) or 2 (group DM / DM between people, whose ``channel`` payload should be given)."""
        user = (payload.get("member") or {}).get("user") or payload["user"]
        owners: dict[str, str] = {}
        if install in ("guild", "both"):
            owners["0"] = payload.get("guild_id", "0")
        if install in ("user", "both"):
            owners["1"] = user["id"]
        payload["authorizing_integration_owners"] = owners
        if context is not None:
            payload["context"] = context
        if channel is not None:
            payload["channel"] = channel
            payload["channel_id"] = channel["id"]
        return payload


def patch_login(monkeypatch: Any, error: BaseException) -> None:
    """Make ``Client.login`` fail the way discord.py does on a rejected token, without network."""

    async def static_login(self: Any, token: str) -> Any:
        raise error

    monkeypatch.setattr(discord.http.HTTPClient, "static_login", static_login)
