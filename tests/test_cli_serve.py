"""`pmtui serve`: the workspace in a browser, on loopback; it answers an HTTP request."""

from __future__ import annotations

import asyncio
import json
import re
import socket
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path

from pmtui.cli.serve import workspace_command

TIMEOUT = 20.0
ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def get(url: str) -> tuple[int, str, str] | None:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            body = response.read().decode()
            return response.status, response.headers.get("Content-Type", ""), body
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return None


async def browser_session(url: str, deadline: float) -> str:
    """What a browser tab receives until the workspace's list shows (or time runs out)."""
    import aiohttp  # textual-serve's own dependency

    received = ""
    async with aiohttp.ClientSession() as session, session.ws_connect(url) as socket_:
        await socket_.send_str(json.dumps(["resize", {"width": 100, "height": 30}]))
        while "No post-mortems yet" not in received and time.monotonic() < deadline:
            try:
                message = await asyncio.wait_for(socket_.receive(), deadline - time.monotonic())
            except TimeoutError:
                break
            if message.type not in (aiohttp.WSMsgType.BINARY, aiohttp.WSMsgType.TEXT):
                break
            data = message.data if isinstance(message.data, bytes) else message.data.encode()
            received += ANSI.sub("", data.decode(errors="replace"))
    return received


def test_serve_answers_on_loopback(pmtui_argv: list[str], tmp_path: Path) -> None:
    port = free_port()
    db = tmp_path / "shared.json"
    server = subprocess.Popen(
        [*pmtui_argv, "serve", "--db", str(db), "--port", str(port)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    try:
        deadline = time.monotonic() + TIMEOUT
        answer = None
        while answer is None and time.monotonic() < deadline:
            assert server.poll() is None, server.stderr.read().decode()  # type: ignore[union-attr]
            answer = get(f"http://127.0.0.1:{port}/")
            if answer is None:
                time.sleep(0.2)
        assert answer is not None, f"no answer on port {port} within {TIMEOUT}s"
        status, content_type, body = answer
        assert status == 200
        assert content_type.startswith("text/html")
        assert "<html" in body.lower() and f"127.0.0.1:{port}" in body
        # A browser tab: the websocket starts `pmtui --db FILE` and streams its screen.
        screen = asyncio.run(browser_session(f"http://127.0.0.1:{port}/ws", deadline))
        assert "No post-mortems yet" in screen
    finally:
        server.terminate()
        try:
            out, _ = server.communicate(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
            out, _ = server.communicate()
    assert f"serving {db.resolve()} at http://127.0.0.1:{port}/".encode() in out


def test_each_browser_session_runs_this_python_on_the_file(tmp_path: Path) -> None:
    command = workspace_command(tmp_path / "a b.json")
    assert command.endswith(f"-m pmtui --db '{tmp_path}/a b.json'")


def test_bad_port_is_a_usage_error(run_cli) -> None:  # type: ignore[no-untyped-def]
    result = run_cli("serve", "--port", "70000")
    assert result.code == 2 and "between 1 and 65535" in result.err
