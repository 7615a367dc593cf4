"""A polite async fetcher for source pages (aiohttp).

- a user agent that names the project and what the request is for;
- at most ``per_host`` requests at a time to one host, and ``min_interval`` seconds between their starts;
- a total timeout per request, a byte cap per body (a huge page is read only up to ``max_bytes``);
- retries with exponential back-off on connection errors, timeouts and 5xx; a 429 is retried once after
  its Retry-After when that is short, else reported as blocked;
- conditional requests (If-None-Match / If-Modified-Since) from the last snapshot, so an unchanged page
  can answer 304 with no body;
- redirects followed by hand (at most ``max_redirects``) so a permanent one (301, 308) can be reported.
"""

from __future__ import annotations

import asyncio
import email.utils
import logging
import time
from collections import defaultdict
from dataclasses import dataclass, replace
from datetime import UTC
from urllib.parse import urljoin, urlsplit

import aiohttp

log = logging.getLogger(__name__)

USER_AGENT = (
    "KeiBot-SourceWatch/0.1 (checks the pages cited by the KeiBot kei-truck knowledge base for changes; "
    "about one request per page per week)"
)
PERMANENT_REDIRECTS = frozenset({301, 308})
TEMPORARY_REDIRECTS = frozenset({302, 303, 307})


@dataclass(frozen=True, slots=True)
class Fetched:
    """What one URL gave. ``status`` 0 means no HTTP answer at all (see ``error``)."""

    url: str
    final_url: str
    status: int
    body: bytes = b""
    content_type: str | None = None
    charset: str | None = None
    etag: str | None = None
    last_modified: str | None = None
    moved_permanently: bool = False
    truncated: bool = False
    retry_after: float | None = None
    attempts: int = 1
    error: str | None = None


def parse_retry_after(value: str | None, now: float | None = None) -> float | None:
    """Seconds to wait, from a Retry-After header (delta seconds or an HTTP date); None if unreadable."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    now = time.time() if now is None else now
    return max(0.0, when.timestamp() - now)


class Fetcher:
    def __init__(
        self,
        session: aiohttp.ClientSession | None = None,
        *,
        per_host: int = 2,
        min_interval: float = 1.0,
        timeout: float = 30.0,
        attempts: int = 3,
        backoff: float = 2.0,
        max_retry_after: float = 60.0,
        max_bytes: int = 5_000_000,
        max_redirects: int = 5,
    ) -> None:
        self._session = session
        self._own_session = session is None
        self.per_host = per_host
        self.min_interval = min_interval
        self.timeout = timeout
        self.attempts = attempts
        self.backoff = backoff
        self.max_retry_after = max_retry_after
        self.max_bytes = max_bytes
        self.max_redirects = max_redirects
        self._host_slots: dict[str, asyncio.Semaphore] = defaultdict(lambda: asyncio.Semaphore(self.per_host))
        self._host_next: dict[str, float] = defaultdict(float)
        self._host_lock: dict[str, asyncio.Lock] = defaultdict(asyncio.Lock)

    async def __aenter__(self) -> Fetcher:
        if self._session is None:
            self._session = aiohttp.ClientSession(
                headers={"User-Agent": USER_AGENT, "Accept-Language": "en-US,en;q=0.8"},
                timeout=aiohttp.ClientTimeout(total=self.timeout),
                connector=aiohttp.TCPConnector(limit=16, limit_per_host=self.per_host),
            )
        return self

    async def __aexit__(self, *exc: object) -> None:
        if self._own_session and self._session is not None:
            await self._session.close()
            self._session = None

    async def _polite(self, host: str) -> None:
        """Wait until ``min_interval`` has passed since the last request to ``host`` started."""
        async with self._host_lock[host]:
            loop = asyncio.get_running_loop()
            wait = self._host_next[host] - loop.time()
            if wait > 0:
                await asyncio.sleep(wait)
            self._host_next[host] = loop.time() + self.min_interval

    async def fetch(self, url: str, *, etag: str | None = None, last_modified: str | None = None) -> Fetched:
        """Fetch ``url`` with retries; never raises for network or HTTP trouble."""
        retried_429 = False
        attempt = 0
        while True:
            attempt += 1
            try:
                result = await self._follow(url, etag, last_modified)
            except (aiohttp.ClientError, TimeoutError, OSError, ValueError) as exc:
                error = f"{type(exc).__name__}: {exc}".strip().rstrip(":")[:300]
                if attempt >= self.attempts:
                    return Fetched(url, url, 0, attempts=attempt, error=error)
                await asyncio.sleep(self.backoff * 2 ** (attempt - 1))
                continue
            result = _with_attempts(result, attempt)
            if result.status == 429 and not retried_429:
                if result.retry_after is not None and result.retry_after <= self.max_retry_after:
                    retried_429 = True
                    await asyncio.sleep(result.retry_after)
                    continue
                return result
            if 500 <= result.status < 600 and attempt < self.attempts:
                await asyncio.sleep(self.backoff * 2 ** (attempt - 1))
                continue
            return result

    async def _follow(self, url: str, etag: str | None, last_modified: str | None) -> Fetched:
        assert self._session is not None, "use the Fetcher as an async context manager"
        current = url
        permanent = True
        redirected = False
        for _ in range(self.max_redirects + 1):
            host = urlsplit(current).hostname or ""
            headers = {}
            if current == url and etag:
                headers["If-None-Match"] = etag
            if current == url and last_modified:
                headers["If-Modified-Since"] = last_modified
            async with self._host_slots[host]:
                await self._polite(host)
                async with self._session.get(current, headers=headers, allow_redirects=False) as resp:
                    location = resp.headers.get("Location")
                    if resp.status in PERMANENT_REDIRECTS | TEMPORARY_REDIRECTS and location:
                        permanent = permanent and resp.status in PERMANENT_REDIRECTS
                        redirected = True
                        current = urljoin(current, location)
                        continue
                    body, truncated = await self._read(resp)
                    return Fetched(
                        url=url,
                        final_url=current,
                        status=resp.status,
                        body=body,
                        content_type=resp.headers.get("Content-Type"),
                        charset=resp.charset,
                        etag=resp.headers.get("ETag"),
                        last_modified=resp.headers.get("Last-Modified"),
                        moved_permanently=redirected and permanent,
                        truncated=truncated,
                        retry_after=parse_retry_after(resp.headers.get("Retry-After")),
                    )
        return Fetched(url, current, 0, error=f"more than {self.max_redirects} redirects")

    async def _read(self, resp: aiohttp.ClientResponse) -> tuple[bytes, bool]:
        chunks: list[bytes] = []
        size = 0
        async for chunk in resp.content.iter_chunked(65536):
            chunks.append(chunk)
            size += len(chunk)
            if size >= self.max_bytes:
                return b"".join(chunks)[: self.max_bytes], True
        return b"".join(chunks), False


def _with_attempts(result: Fetched, attempts: int) -> Fetched:
    return replace(result, attempts=attempts)
