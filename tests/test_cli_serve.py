"""`pmtui serve`: the workspace in a browser, on loopback, only for the holder of the printed link.

One real server for the module; each test is one request or WebSocket a browser (or a hostile
page in that browser) could send it.
"""

from __future__ import annotations

import asyncio
import http.client
import json
import os
import re
import select
import socket
import subprocess
import time
from collections.abc import Coroutine, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from pmtui.cli import serve_guard
from pmtui.cli.serve import workspace_command
from tests.conftest import pmtui_command

TIMEOUT = 20.0
ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")
LINK = re.compile(r"at http://127\.0\.0\.1:(\d+)/(?:\?token=([A-Za-z0-9_-]+))? ")

# The module shares one server: under pytest-xdist its tests all run in one worker.
pytestmark = pytest.mark.xdist_group("cli-serve")


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_until_listening(port: int) -> None:
    deadline = time.monotonic() + TIMEOUT
    while True:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.05)


@dataclass(frozen=True)
class Served:
    db: Path
    port: int
    token: str
    announced: str

    @property
    def host(self) -> str:
        return f"127.0.0.1:{self.port}"

    @property
    def cookie(self) -> str:
        return f"pmtui-{self.port}={self.token}"


@dataclass(frozen=True)
class Answer:
    status: int
    headers: http.client.HTTPMessage
    body: str


def request(served: Served, path: str, headers: dict[str, str] | None = None) -> Answer:
    """One GET, with exactly the Host (and other headers) given: http.client adds no Host then."""
    connection = http.client.HTTPConnection("127.0.0.1", served.port, timeout=5)
    try:
        connection.request("GET", path, headers={"Host": served.host, **(headers or {})})
        response = connection.getresponse()
        return Answer(response.status, response.headers, response.read().decode())
    finally:
        connection.close()


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    root = tmp_path_factory.mktemp("serve")
    home = root / "home"
    home.mkdir()
    env = {**os.environ, "HOME": str(home), "XDG_DATA_HOME": str(home / "data")}
    db = root / "shared.json"
    port = free_port()
    server = subprocess.Popen(
        [*pmtui_command(), "serve", "--db", str(db), "--port", str(port)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
    )
    assert server.stdout is not None
    try:
        ready, _, _ = select.select([server.stdout], [], [], TIMEOUT)
        announced = server.stdout.readline().decode() if ready else ""
        match = LINK.search(announced)
        assert match, f"no link printed: {announced!r} {server.poll()}"
        wait_until_listening(port)
        yield Served(db, port, match.group(2) or "", announced)
    finally:
        server.terminate()
        try:
            server.communicate(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
            server.communicate()


async def browser_session(served: Served, headers: dict[str, str], deadline: float) -> str:
    """What a WebSocket client receives until the home screen shows (or time runs out)."""
    import aiohttp  # textual-serve's own dependency

    received = ""
    url = f"http://{served.host}/ws"
    async with aiohttp.ClientSession() as session, session.ws_connect(url, headers=headers) as ws:
        await ws.send_str(json.dumps(["resize", {"width": 100, "height": 30}]))
        while "No post-mortems yet" not in received and time.monotonic() < deadline:
            try:
                message = await asyncio.wait_for(ws.receive(), deadline - time.monotonic())
            except TimeoutError:
                break
            if message.type not in (aiohttp.WSMsgType.BINARY, aiohttp.WSMsgType.TEXT):
                break
            data = message.data if isinstance(message.data, bytes) else message.data.encode()
            received += ANSI.sub("", data.decode(errors="replace"))
    return received


def websocket_status(served: Served, headers: dict[str, str]) -> int:
    """The HTTP status of a WebSocket handshake (101 when the socket opens)."""
    import aiohttp

    async def attempt() -> int:
        url = f"http://{served.host}/ws"
        async with aiohttp.ClientSession() as session:
            try:
                async with session.ws_connect(url, headers=headers) as ws:
                    await ws.close()
                    return 101
            except aiohttp.WSServerHandshakeError as refused:
                return refused.status

    return asyncio.run(attempt())


def test_the_printed_link_carries_a_secret(served: Served) -> None:
    assert f"serving {served.db.resolve()} at http://127.0.0.1:{served.port}/?token=" in (
        served.announced
    )
    assert len(served.token) >= 40


def test_without_the_secret_there_is_no_page(served: Served) -> None:
    for path in ("/", "/static/js/textual.js", "/static/", "/download/x", "/nothing"):
        answer = request(served, path)
        assert answer.status == 403, path
        assert "<html" not in answer.body.lower()
        assert answer.body.startswith("pmtui: open the link")


@pytest.mark.parametrize(
    "offered",
    ["wrong", "", "%C3%A9", "{token}x", "{token_but_last}", "{token_upper}"],
)
def test_a_wrong_secret_is_refused(served: Served, offered: str) -> None:
    token = offered.format(
        token=served.token,
        token_but_last=served.token[:-1],
        token_upper=served.token.upper(),
    )
    assert request(served, f"/?token={token}").status == 403
    assert request(served, "/", {"Cookie": f"pmtui-{served.port}={token}"}).status == 403


def test_the_link_opens_the_page_and_gives_its_requests_a_strict_cookie(served: Served) -> None:
    answer = request(served, f"/?token={served.token}")
    assert answer.status == 200
    assert "<html" in answer.body.lower()
    assert f'ws://127.0.0.1:{served.port}/ws"' in answer.body
    assert served.token not in answer.body  # the page never shows the secret to scripts
    cookie = answer.headers["Set-Cookie"]
    assert cookie.startswith(f"{served.cookie};")
    assert "HttpOnly" in cookie and "SameSite=Strict" in cookie
    assert answer.headers["Referrer-Policy"] == "no-referrer"
    # Mock 40b: the secret stayed in the address bar of the window shared with the room; the
    # page's first script takes it out (the cookie carries it from then on).
    head = answer.body.split("<head>", 1)[1]
    assert head.startswith("<script>(() => { const u = new URL(location.href); u.searchParams")
    assert 'delete("token"); history.replaceState(' in head.split("</script>", 1)[0]
    again = request(served, "/", {"Cookie": served.cookie}).body
    assert "replaceState" not in again
    # Mock 40b: keys did nothing until a click; every page puts the focus in the terminal.
    for page in (answer.body, again):
        assert (
            'document.querySelector(".xterm-helper-textarea"); if (typing) { typing.focus()' in page
        )
    # The page's scripts, with the cookie only.
    assert request(served, "/static/js/textual.js", {"Cookie": served.cookie}).status == 200


@pytest.mark.parametrize("host", ["evil.example", "evil.example:{port}", "127.0.0.1:1", ""])
def test_a_foreign_host_header_is_refused(served: Served, host: str) -> None:
    """DNS rebinding: a page of evil.example whose name now points at 127.0.0.1."""
    answer = request(
        served,
        f"/?token={served.token}",
        {"Host": host.format(port=served.port), "Cookie": served.cookie},
    )
    assert answer.status == 403
    assert "<html" not in answer.body.lower()


def test_localhost_leads_to_the_printed_address(served: Served) -> None:
    answer = request(served, f"/?token={served.token}", {"Host": f"localhost:{served.port}"})
    assert answer.status == 307
    assert answer.headers["Location"] == f"http://{served.host}/?token={served.token}"


def test_a_websocket_without_the_secret_is_refused(served: Served) -> None:
    assert websocket_status(served, {"Origin": f"http://{served.host}"}) == 403


@pytest.mark.parametrize("origin", ["http://evil.example", "null", None, "http://127.0.0.1:1"])
def test_a_websocket_from_another_page_is_refused(served: Served, origin: str | None) -> None:
    headers = {"Cookie": served.cookie}
    if origin is not None:
        headers["Origin"] = origin
    assert websocket_status(served, headers) == 403


def test_the_page_websocket_gets_the_home_screen(served: Served) -> None:
    headers = {"Origin": f"http://{served.host}", "Cookie": served.cookie}
    screen = asyncio.run(browser_session(served, headers, time.monotonic() + TIMEOUT))
    assert "No post-mortems yet" in screen


def test_each_browser_session_runs_this_python_confined_to_the_folder(tmp_path: Path) -> None:
    command = workspace_command(tmp_path / "a b.json")
    assert command.endswith(f"-m pmtui --db '{tmp_path}/a b.json' --confine-to {tmp_path}")


def test_a_port_in_use_is_one_error_line(run_pmtui, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = run_pmtui("serve", "--db", tmp_path / "x.json", "--port", str(port), timeout=30)
    assert result.code == 1
    assert result.err.count("\n") == 1 and result.err.startswith("pmtui: error: cannot listen")
    assert "serving" not in result.out  # no link to a server that is not there


def test_bad_port_is_a_usage_error(run_cli) -> None:  # type: ignore[no-untyped-def]
    result = run_cli("serve", "--port", "70000")
    assert result.code == 2 and "between 1 and 65535" in result.err


@pytest.fixture
def machine_on_a_lan(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """This machine as a colleague sees it: a full name and two LAN addresses."""
    addresses = ["10.1.2.3", "fd00::5"]

    def getaddrinfo(host: str, port: object, *args: object) -> list[tuple[object, ...]]:
        return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", (address, 0)) for address in addresses]

    monkeypatch.setattr(socket, "gethostname", lambda: "vm")
    monkeypatch.setattr(socket, "getfqdn", lambda *name: "vm.corp.example")
    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)
    monkeypatch.setattr(serve_guard, "outward_address", lambda: "10.1.2.3")
    return ["vm", "vm.corp.example", "10.1.2.3", "[fd00::5]"]


def test_a_wildcard_bind_answers_to_this_machines_names_and_addresses(
    machine_on_a_lan: list[str],
) -> None:
    """`--host 0.0.0.0`: a teammate opens the link by this machine's IP or full name."""
    guard = serve_guard.ServeGuard.for_address("0.0.0.0", 8123, token="t")
    for name in machine_on_a_lan:
        assert guard.host_allowed(f"{name}:8123"), name
    assert not guard.host_allowed("evil.example:8123")
    # The printed link is the address a colleague's browser can reach.
    assert guard.link().startswith("http://10.1.2.3:8123/")


def test_without_an_outward_address_the_link_names_the_machine(
    machine_on_a_lan: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(serve_guard, "outward_address", lambda: None)
    guard = serve_guard.ServeGuard.for_address("::", 8123, token="t")
    assert guard.link().startswith("http://vm:8123/")
    assert guard.host_allowed("10.1.2.3:8123")


def test_a_loopback_bind_does_not_answer_to_the_machines_addresses(
    machine_on_a_lan: list[str],
) -> None:
    guard = serve_guard.ServeGuard.for_address("127.0.0.1", 8123, token="t")
    for name in machine_on_a_lan:
        assert not guard.host_allowed(f"{name}:8123"), name


def test_a_stop_waits_for_open_tabs_a_moment_not_a_minute(monkeypatch: pytest.MonkeyPatch) -> None:
    """Mock 40b: with a tab open, `kill` took 20-25 s to stop the server (aiohttp's 60 s
    default wait for the tab's WebSocket), while the tab looked alive and dropped what was
    typed. Each session's pmtui has saved every change by then."""
    from aiohttp import web

    from pmtui.cli import serve_app

    taken: dict[str, object] = {}

    def run_app(app: Coroutine[object, object, object], **options: object) -> None:
        taken.update(options)
        app.close()  # the application is never made: only how it would run is looked at

    monkeypatch.setattr(web, "run_app", run_app)
    guard = serve_guard.ServeGuard.for_address("127.0.0.1", 8000)
    server = serve_app.GuardedServer("true", guard, host="127.0.0.1", port=8000)
    server.serve_until_stopped(lambda: None)
    assert taken["shutdown_timeout"] == serve_app.SHUTDOWN_SECONDS <= 5
