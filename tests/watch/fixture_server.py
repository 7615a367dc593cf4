"""A loopback HTTP server with one route per kind of source page the watch must handle."""

from __future__ import annotations

import asyncio
from collections import Counter
from dataclasses import dataclass, field

from aiohttp import web
from aiohttp.test_utils import TestServer


def make_pdf(text: str) -> bytes:
    """A minimal one-page PDF that shows ``text`` in Helvetica (offsets computed, so readers accept it)."""
    stream = f"BT /F1 12 Tf 72 720 Td ({text}) Tj ET".encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R"
        b" /Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length " + str(len(stream)).encode() + b" >>\nstream\n" + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{offset:010d} 00000 n \n".encode() for offset in offsets)
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)


def page(title: str, *paragraphs: str, footer: str = "") -> str:
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return (
        f"<!doctype html><html><head><title>{title}</title></head><body>"
        "<nav><a href='/'>Home</a> | <a href='/about'>About</a> | <a href='/contact'>Contact</a></nav>"
        f"<main><article><h1>{title}</h1>{body}</article></main>"
        f"<footer>{footer} Copyright State of Example. All rights reserved.</footer></body></html>"
    )


LAW = (
    "A mini truck that is at least twenty-five years old may be titled and registered by the county "
    "office when the owner presents the federal import papers and proof of insurance."
)
ROADS = "Mini trucks may not use roads with a posted speed limit above 55 miles per hour in this state."


@dataclass
class Site:
    """Mutable content the tests change between runs; ``hits`` counts requests per path."""

    changed_text: str = ROADS
    pdf_text: str = "Kei trucks are low speed vehicles under section 12 of the code"
    hits: Counter = field(default_factory=Counter)
    headers_seen: dict = field(default_factory=dict)
    slow_seconds: float = 3.0
    flaky_failures: int = 1

    def app(self) -> web.Application:
        app = web.Application()
        app.router.add_get("/{name}", self.handle)
        return app

    async def handle(self, request: web.Request) -> web.StreamResponse:
        name = request.match_info["name"]
        self.hits[name] += 1
        self.headers_seen[name] = dict(request.headers)
        n = self.hits[name]
        if name == "unchanged":
            # the date, the clock and the visit counter change on every load; the text does not
            return web.Response(
                text=page(
                    "Mini truck registration",
                    LAW,
                    f"Page last updated December {n}, 2026 at 10:{n:02d} AM. Visitors: {1000 + n}",
                    footer=f"Generated 2026-12-0{n % 9 + 1}T10:00:0{n % 10}Z",
                ),
                content_type="text/html",
            )
        if name == "changed":
            return web.Response(
                text=page("Mini truck roads", LAW, self.changed_text), content_type="text/html"
            )
        if name == "moved":
            raise web.HTTPMovedPermanently("/new-home")
        if name == "new-home":
            return web.Response(text=page("New home", LAW), content_type="text/html")
        if name == "temporary":
            raise web.HTTPFound("/unchanged")
        if name == "missing":
            raise web.HTTPNotFound()
        if name == "removed":
            raise web.HTTPGone()
        if name == "forbidden":
            raise web.HTTPForbidden()
        if name == "ratelimited":
            return web.Response(status=429, headers={"Retry-After": "0"}, text="slow down")
        if name == "ratelimited-long":
            return web.Response(status=429, headers={"Retry-After": "3600"}, text="come back later")
        if name == "slow":
            await asyncio.sleep(self.slow_seconds)
            return web.Response(text=page("Slow", LAW), content_type="text/html")
        if name == "huge":
            para = "<p>" + ("Kei truck rules paragraph that goes on and on. " * 40) + "</p>\n"
            return web.Response(text=page("Huge", LAW) + para * 4000, content_type="text/html")
        if name == "binary":
            return web.Response(body=bytes(range(256)) * 64, content_type="image/png")
        if name == "malformed":
            return web.Response(
                text="<html><body><div><p>Mini trucks are <b>allowed on county roads<p>only in daylight"
                "<table><tr><td>fee $40<div></span></body",
                content_type="text/html",
            )
        if name == "document.pdf":
            return web.Response(body=make_pdf(self.pdf_text), content_type="application/pdf")
        if name == "etag":
            if request.headers.get("If-None-Match") == '"v1"':
                return web.Response(status=304, headers={"ETag": '"v1"'})
            return web.Response(text=page("Etag", LAW), content_type="text/html", headers={"ETag": '"v1"'})
        if name == "flaky":
            if self.hits[name] <= self.flaky_failures:
                raise web.HTTPServiceUnavailable()
            return web.Response(text=page("Flaky", LAW), content_type="text/html")
        raise web.HTTPNotFound()


async def start(site: Site) -> TestServer:
    server = TestServer(site.app(), host="127.0.0.1")
    await server.start_server()
    return server


class ThreadedServer:
    """The fixture site on its own event loop in a thread, for tests that call the synchronous CLI."""

    def __init__(self, site: Site) -> None:
        import threading

        self.site = site
        self.loop = asyncio.new_event_loop()
        self.thread = threading.Thread(target=self.loop.run_forever, daemon=True)
        self.server: TestServer | None = None

    def __enter__(self) -> str:
        self.thread.start()
        self.server = asyncio.run_coroutine_threadsafe(start(self.site), self.loop).result(10)
        return str(self.server.make_url("")).rstrip("/")

    def __exit__(self, *exc: object) -> None:
        assert self.server is not None
        asyncio.run_coroutine_threadsafe(self.server.close(), self.loop).result(10)
        self.loop.call_soon_threadsafe(self.loop.stop)
        self.thread.join(10)
        self.loop.close()
