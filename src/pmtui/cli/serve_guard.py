"""Provides ServeGuard: what `pmtui serve` lets through to textual-serve.

A browser on the same machine will fetch anything any web page asks it to, from loopback too,
so binding to 127.0.0.1 protects nothing by itself. Each request must carry this run's secret
(in the link `serve` prints, then in a cookie only this origin gets), name the address served in
its Host header (a DNS-rebound name is refused), and a WebSocket must come from a page of this
origin. Pure checks here; serve_app.py wires them into aiohttp.
"""

from __future__ import annotations

import hmac
import ipaddress
import secrets
import socket
from dataclasses import dataclass

TOKEN_PARAM = "token"
LOOPBACK_NAMES = ("127.0.0.1", "localhost", "[::1]")
WILDCARD_HOSTS = frozenset({"0.0.0.0", "::", ""})


def new_token() -> str:
    return secrets.token_urlsafe(32)


def host_with_port(host: str, port: int) -> str:
    """The Host header a browser sends for `host`: IPv6 in brackets, port 80 left out."""
    name = f"[{host}]" if ":" in host and not host.startswith("[") else host
    return name.lower() if port == 80 else f"{name}:{port}".lower()


def is_loopback(host: str) -> bool:
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def outward_address() -> str | None:
    """The address of the interface that routes to other machines (a UDP connect sends nothing)."""
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
        try:
            probe.connect(("192.0.2.1", 9))
        except OSError:
            return None
        address = str(probe.getsockname()[0])
    return None if address in WILDCARD_HOSTS or is_loopback(address) else address


def own_addresses() -> list[str]:
    """The names a teammate may type to reach a wildcard bind, the one to print first.

    A colleague's browser reaches this machine by its outward address far more often than by
    its short name (which a LAN's DNS rarely knows), so that address leads when there is one.
    Only this machine's own names and addresses are added: a DNS-rebinding page arrives under
    the attacker's name, which stays refused.
    """
    names = [outward_address() or "", socket.gethostname(), socket.getfqdn()]
    try:
        infos = socket.getaddrinfo(socket.gethostname(), None)
    except OSError:
        infos = []
    names += [str(info[4][0]) for info in infos]
    return [name for name in names if name and name not in WILDCARD_HOSTS]


@dataclass(frozen=True)
class ServeGuard:
    """One run's secret and the Host header values it answers to (first: the printed one)."""

    token: str
    hosts: tuple[str, ...]
    port: int

    @classmethod
    def for_address(cls, host: str, port: int, token: str | None = None) -> ServeGuard:
        names = [*(own_addresses() if host in WILDCARD_HOSTS else [host]), *LOOPBACK_NAMES]
        hosts = tuple(dict.fromkeys(host_with_port(name, port) for name in names))
        return cls(token or new_token(), hosts, port)

    @property
    def origin(self) -> str:
        """The origin of the page the printed link opens."""
        return f"http://{self.hosts[0]}"

    @property
    def cookie_name(self) -> str:
        # Browsers share cookies between ports of one host: two runs must not clash.
        return f"pmtui-{self.port}"

    def host_allowed(self, host: str | None) -> bool:
        return host is not None and host.strip().lower() in self.hosts

    def origin_allowed(self, origin: str | None, host: str) -> bool:
        """A page's Origin must be the very address this request was sent to."""
        return origin is not None and origin.strip().lower() == f"http://{host.strip().lower()}"

    def token_matches(self, offered: str | None) -> bool:
        if not offered:
            return False
        # Bytes: compare_digest refuses non-ASCII str, and a query string may hold anything.
        return hmac.compare_digest(offered.encode(), self.token.encode())

    def link(self) -> str:
        """The URL to open: the page, with this run's secret."""
        return f"{self.origin}/?{TOKEN_PARAM}={self.token}"
