"""Provides GuardedServer: textual-serve's Server with ServeGuard in front of every route.

textual-serve builds its aiohttp application in `Server._make_app` and starts it in
`Server.serve`; both are internals of textual-serve 1.x (pinned <2 in pyproject.toml), and
tests/test_cli_serve.py checks the guard against the real server.
"""

from __future__ import annotations

import asyncio
import contextlib
import signal
from collections.abc import Callable

from aiohttp import web
from aiohttp.typedefs import Handler, Middleware
from textual_serve.server import Server

from pmtui.cli.serve_guard import TOKEN_PARAM, ServeGuard

#: How long a stop waits for open tabs before it closes them.
SHUTDOWN_SECONDS = 2.0

SECURITY_HEADERS = {
    # The page loads a web font from another site: the link's secret must not go with it.
    "Referrer-Policy": "no-referrer",
    "X-Content-Type-Options": "nosniff",
    # No other site may frame the page and trick the user into typing into it.
    "Content-Security-Policy": "frame-ancestors 'none'",
    "X-Frame-Options": "DENY",
    "Cache-Control": "no-store",
}


def _forbidden(reason: str) -> web.Response:
    return web.Response(status=403, text=f"pmtui: {reason}\n", content_type="text/plain")


def _is_websocket(request: web.Request) -> bool:
    return request.path == "/ws" or request.headers.get("Upgrade", "").lower() == "websocket"


def guard_middleware(guard: ServeGuard) -> Middleware:
    @web.middleware
    async def guarded(request: web.Request, handler: Handler) -> web.StreamResponse:
        host = request.headers.get("Host")
        if host is None or not guard.host_allowed(host):
            return _forbidden(f"this server answers only to {', '.join(guard.hosts)}")
        origin = request.headers.get("Origin")
        # Browsers always send Origin with a WebSocket, and with a script's cross-site request.
        if (_is_websocket(request) or origin is not None) and not guard.origin_allowed(
            origin, host
        ):
            return _forbidden("only pmtui's own page may connect")
        from_link = guard.token_matches(request.query.get(TOKEN_PARAM))
        if not from_link and not guard.token_matches(request.cookies.get(guard.cookie_name)):
            return _forbidden("open the link that `pmtui serve` printed; it carries the secret")
        if host.lower() != guard.hosts[0] and not _is_websocket(request):
            # The page's own WebSocket and cookie belong to the printed address: go there.
            raise web.HTTPTemporaryRedirect(f"{guard.origin}{request.path_qs}")
        response = await handler(request)
        # The page itself only: a download a session offers is the user's file, untouched.
        if request.path == "/" and isinstance(response, web.Response) and not response.prepared:
            _add_to_head(response, (FORGET_LINK if from_link else "") + FOCUS_TERMINAL)
        if from_link and not response.prepared:
            # The page's follow-up requests (scripts, the WebSocket) carry the secret this way;
            # Strict: no request started by another site's page gets it.
            response.set_cookie(
                guard.cookie_name, guard.token, httponly=True, samesite="Strict", path="/"
            )
        return response

    return guarded


#: Run first in the page: the address bar keeps the link's secret no longer than it takes to
#: load, as a facilitator shares the browser window with the room (mock 40b); the cookie set
#: with this answer carries it from then on (Restart included).
FORGET_LINK = (
    "<script>(() => { const u = new URL(location.href); "
    f'u.searchParams.delete("{TOKEN_PARAM}"); '
    'history.replaceState(null, "", u.pathname + u.search + u.hash); })();</script>'
)


#: Keys go to the workspace from the start: the page left the focus on itself, so the first
#: keys the facilitator pressed did nothing, and the key bar stayed empty, until a click
#: (mock 40b). The terminal is made once the page's script has connected: wait for it.
FOCUS_TERMINAL = (
    "<script>(() => { let tries = 0; const focus = () => { "
    'const typing = document.querySelector(".xterm-helper-textarea"); '
    "if (typing) { typing.focus(); } else if (tries++ < 100) { setTimeout(focus, 100); } }; "
    'window.addEventListener("load", focus); })();</script>'
)


def _add_to_head(response: web.Response, scripts: str) -> None:
    """Put `scripts` at the top of an HTML page's head."""
    if response.content_type != "text/html" or response.text is None:
        return
    page = response.text
    head = page.find("<head>")
    if head != -1:
        at = head + len("<head>")
        response.text = page[:at] + scripts + page[at:]


async def _add_security_headers(request: web.Request, response: web.StreamResponse) -> None:
    response.headers.update(SECURITY_HEADERS)


class GuardedServer(Server):
    """Serves `command` to browsers that pass `guard`; `announce` runs once it listens."""

    def __init__(self, command: str, guard: ServeGuard, host: str, port: int) -> None:
        super().__init__(command, host=host, port=port, title="pmtui", public_url=guard.origin)
        self.guard = guard

    async def _make_app(self) -> web.Application:
        app = await super()._make_app()
        app.middlewares.append(guard_middleware(self.guard))
        app.on_response_prepare.append(_add_security_headers)
        return app

    async def on_startup(self, app: web.Application) -> None:
        """Quiet: pmtui prints its own one line (textual-serve's banner shows no secret)."""

    def serve_until_stopped(self, announce: Callable[[], None]) -> None:
        """Like Server.serve, but says where it listens only once it does (a port in use
        fails first), and keeps no access log (its lines would hold the secret)."""
        self.initialize_logging()
        loop = asyncio.new_event_loop()
        for signum in (signal.SIGINT, signal.SIGTERM):
            with contextlib.suppress(NotImplementedError):  # not on Windows
                loop.add_signal_handler(signum, self.request_exit)
        web.run_app(
            self._make_app(),
            host=self.host,
            port=self.port,
            handle_signals=False,
            # A stop waited up to 60 s for each open tab's WebSocket (20 s seen, mock 40b),
            # while the tab still looked alive and dropped what was typed. Each session's
            # pmtui has saved every change already; its handler is then cancelled, which
            # closes the tab's connection and tells its pmtui to quit.
            shutdown_timeout=SHUTDOWN_SECONDS,
            loop=loop,
            access_log=None,
            print=lambda *_: announce(),
        )
