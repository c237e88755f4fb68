"""What the application reads from a request beyond its body: the client's address (through trusted
proxies), the Host and Origin (same-origin pages, loopback names), media types and header text."""

from __future__ import annotations

import ipaddress
from typing import Any

from ._config import canonical_ip


def header_text(environ: dict[str, Any], key: str) -> str:
    """A request header as text: WSGI gives its bytes as latin-1 characters; UTF-8 ones are read as such."""
    value = str(environ.get(key, ""))
    try:
        return value.encode("latin-1").decode("utf-8")
    except (UnicodeEncodeError, UnicodeDecodeError):
        return value


def is_loopback(address: str) -> bool:
    """Whether ``address`` is a loopback IP address (in any of its spellings)."""
    try:
        return ipaddress.ip_address(canonical_ip(address)).is_loopback
    except ValueError:
        return False


def host_name(host: str) -> str:
    """The name in a Host header, without its port (``[::1]:8080`` is ``::1``), in lower case; empty when the
    header is not one host name with at most a port."""
    return split_host(host.strip().lower())[0]


def is_ip(text: str) -> bool:
    """Whether ``text`` is an IP address."""
    try:
        canonical_ip(text)
        return True
    except ValueError:
        return False


def forwarded_ip(hop: str) -> str | None:
    """The address in one X-Forwarded-For entry (``1.2.3.4``, ``1.2.3.4:5555``, ``[2001:db8::1]:443``, as
    proxies write them), in its one spelling; None when it holds no address."""
    if hop.startswith("["):
        inner, bracket, rest = hop[1:].partition("]")
        if bracket and (not rest or (rest[0] == ":" and rest[1:].isdigit())):
            hop = inner
    elif hop.count(":") == 1:
        address, _, port = hop.partition(":")
        if port.isdigit():
            hop = address
    try:
        return canonical_ip(hop)
    except ValueError:
        return None


def ip_spelling(address: str) -> str:
    """An IP address in its one spelling (see canonical_ip); anything else as it is."""
    try:
        return canonical_ip(address)
    except ValueError:
        return address


_DEFAULT_PORTS = {"http": "80", "https": "443"}


def same_origin(environ: dict[str, Any], origin: str) -> bool:
    """Whether a page served by this very server sent the request (browsers send Origin on same-origin POSTs too).

    Browsers write an origin in lower case without the scheme's default port; a Host header may have either
    (``proxy_set_header Host $host:$server_port`` sends ``:443``), so the Host is put in that form first.
    """
    host = request_host(environ).strip().lower()
    scheme = environ.get("psopenapi.scheme") or environ.get("wsgi.url_scheme", "http")
    name, port = split_host(host)
    if not name:
        return False
    if port == _DEFAULT_PORTS.get(scheme):
        port = None
    shown = f"[{name}]" if ":" in name else name
    return origin == f"{scheme}://{shown}" + (f":{port}" if port else "")


def split_host(host: str) -> tuple[str, str | None]:
    """A Host header's name and port (``[::1]:8080`` is ``::1`` and ``8080``); ``("", None)`` when it is not
    one name with at most one port of digits."""
    if not host.startswith("[") and host.count(":") > 1:
        # An IPv6 address without brackets (a SERVER_NAME; a Host header brackets it), with no port.
        return (host, None) if is_ip(host) else ("", None)
    if host.startswith("["):
        name, bracket, rest = host[1:].partition("]")
        if not bracket or (rest and not rest.startswith(":")):
            return "", None
        port = rest[1:] if rest else None
    else:
        name, colon, port_text = host.partition(":")
        port = port_text if colon else None
    if not name or any(c in name for c in " ,/\\@\t") or (port is not None and not (port.isascii() and port.isdigit())):
        return "", None
    return name, port


def sent_as(environ: dict[str, Any], expected: str) -> bool:
    """Whether the request's Content-Type is ``expected`` (any case) in UTF-8: a charset parameter, if any,
    must be UTF-8 or US-ASCII (a subset of it), as this server decodes every body as UTF-8."""
    media, *params = str(environ.get("CONTENT_TYPE", "")).split(";")
    charset = None
    for param in params:
        key, _, value = param.partition("=")
        if key.strip().lower() == "charset":
            charset = value.strip().strip('"').lower()
    return media.strip().lower() == expected and charset in (None, "utf-8", "us-ascii")


def request_host(environ: dict[str, Any]) -> str:
    """The host a request asked for: an absolute-form target's authority (RFC 9112, 3.2.2: it stands for
    the Host header, which is then ignored; gunicorn keeps the target in ``RAW_URI``), else the Host header."""
    raw = str(environ.get("RAW_URI") or "")
    scheme, separator, rest = raw.partition("://")
    if separator and scheme.lower() in ("http", "https"):
        authority = rest.split("/", 1)[0].split("?", 1)[0]
        if authority and "@" not in authority:
            return authority
    return str(environ.get("HTTP_HOST") or "")
