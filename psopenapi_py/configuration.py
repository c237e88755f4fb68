"""Module-wide settings, as the PowerShell module's ``Get-Configuration`` / ``Set-Configuration*`` keep them.

``get_configuration()`` returns the live object: changing it changes later calls. A call may also be
given its own ``Configuration`` (``configuration=``), which is how threads with different keys stay
apart. Environment variables are read at call time, never at import.
"""

from __future__ import annotations

import contextlib
import enum
import functools
import math
import os
import re
import threading
from collections.abc import Iterator
from typing import Any, Literal, overload
from urllib.parse import urlsplit

import attrs

from . import _redact
from ._redact import MARKER as REDACTED
from ._runtime import UNSET, Unset
from .exceptions import (
    ApiValueError,
    host_index_out_of_range,
    invalid_base_url,
    invalid_host_variable,
    invalid_type,
    invalid_value,
    out_of_range,
    restated,
)

__all__ = [
    "DEFAULT_BASE_URL",
    "NOT_GIVEN",
    "Configuration",
    "NotGiven",
    "get_configuration",
    "get_host_setting",
    "get_url_from_host_setting",
    "set_configuration",
    "set_configuration_api_key",
    "set_configuration_api_key_prefix",
    "set_configuration_default_header",
    "using_configuration",
]

DEFAULT_BASE_URL = "https://api.openai.com/v1"
DEFAULT_TIMEOUT_SEC = 600.0
DEFAULT_CONNECT_TIMEOUT_SEC = 5.0
DEFAULT_MAXIMUM_RETRY_COUNT = 2
DEFAULT_RETRY_INTERVAL_SEC = 0.5
#: The largest answer read, counted both as received and as unpacked (gzip, deflate): 8 MiB.
DEFAULT_MAX_RESPONSE_BYTES = 8 * 1024 * 1024

#: Environment variables read at call time (an empty value counts as unset).
ENV_API_KEY = "OPENAI_API_KEY"
ENV_BASE_URL = "OPENAI_BASE_URL"
ENV_ORG_ID = "OPENAI_ORG_ID"
ENV_PROJECT_ID = "OPENAI_PROJECT_ID"

#: The servers of the spec, as Get-HostSetting lists them.
HOST_SETTINGS: tuple[dict[str, Any], ...] = ({"Url": DEFAULT_BASE_URL, "Description": "No description provided"},)

_SECRET_FIELDS = frozenset({"password", "access_token", "api_key", "cookie"})
# RFC 9110 field-name token; values may not start with whitespace nor hold line breaks (what requests
# itself would reject, but only after the call had started).
_HEADER_NAME = re.compile(r"[!#$%&'*+\-.^_`|~0-9A-Za-z]+")
_HEADER_VALUE = re.compile(r"(?:[^\s\x00-\x1f\x7f][^\x00-\x08\x0a-\x1f\x7f]*)?")
_TOKEN_CHARS = re.compile(r"[\x21-\x7e]+")


def is_loopback_url(url: str) -> bool:
    """Whether a URL's host is this machine's loopback (``localhost``, ``*.localhost``, 127.0.0.0/8, ``::1``)."""
    try:
        host = urlsplit(url).hostname
    except ValueError:
        return False
    return host is not None and _is_loopback_host(host.rstrip(".").lower())


@functools.lru_cache(maxsize=64)  # asked on every call made while a proxy variable is set
def _is_loopback_host(host: str) -> bool:
    if host == "localhost" or host.endswith(".localhost"):
        return True
    import ipaddress

    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def normalize_base_url(value: Any) -> Any:
    """Check a base URL (an absolute http or https URL) and drop trailing slashes; UNSET passes, None clears."""
    if value is UNSET or value is None:
        return UNSET
    if not isinstance(value, str):
        raise invalid_type("base_url", value, "a string")
    if not _is_usable_base_url(value):
        raise invalid_base_url(_redact.url(value))
    return value.rstrip("/")


@functools.lru_cache(maxsize=64)  # OPENAI_BASE_URL is read, and so checked, on every call
def _is_usable_base_url(value: str) -> bool:
    # urlsplit quietly strips leading blanks and tolerates spaces and control characters that
    # would break the request line later: refuse them here instead.
    if not value or any(ch.isspace() or ord(ch) < 0x20 or ord(ch) == 0x7F for ch in value):
        return False
    if "?" in value or "#" in value:
        return False  # the API path is appended to the base URL, so a query or fragment would swallow it
    try:
        parts = urlsplit(value)
        parts.port  # noqa: B018 - raises ValueError for a port that is not a number in range
    except ValueError:
        return False
    return parts.scheme in ("http", "https") and bool(parts.netloc) and bool(parts.hostname)


def check_token(token: str, source: str) -> str:
    """Check that a bearer token can go into a header (printable ASCII, no spaces); return it."""
    if not _TOKEN_CHARS.fullmatch(token):
        # Never echo the value: it is a credential, and the usual culprit is an invisible newline.
        raise invalid_value(
            source,
            None,
            "the API key contains spaces, line breaks or non-ASCII characters. "
            "Check for a trailing newline or quotes copied along with it.",
            show_value=False,
            expected="printable ASCII without spaces",
        )
    return token


def check_header(name: Any, value: Any, source: str) -> None:
    """Check that a header name and value can be sent; the message never shows the value."""
    if not isinstance(name, str) or not _HEADER_NAME.fullmatch(name):
        raise invalid_value(
            source, name, "A header name is letters, digits and !#$%&'*+-.^_`|~ only.", expected="an HTTP header name"
        )
    if not isinstance(value, str):
        raise invalid_type(source, value, f"a string as the value of header {name!r}", show_value=False)
    if not _HEADER_VALUE.fullmatch(value):
        raise invalid_value(
            source,
            None,
            f"the value of header {name!r} starts with whitespace or holds a line break or control character.",
            show_value=False,
            expected="a single-line string",
        )


def _number(name: str, *, minimum: float, exclusive: bool = False, integer: bool = False) -> Any:
    def check(inst: Any, attribute: Any, value: Any) -> None:
        kind = int if integer else (int, float)
        expected = "an integer" if integer else "a number"
        if isinstance(value, bool) or not isinstance(value, kind):
            raise invalid_type(name, value, expected)
        if not math.isfinite(value) or value < minimum or (exclusive and value == minimum):
            raise out_of_range(name, value, minimum=minimum, exclusive_minimum=exclusive)

    return check


def _str_map(name: str, headers: bool = False) -> Any:
    def check(inst: Any, attribute: Any, value: Any) -> None:
        if not isinstance(value, dict):
            raise invalid_type(name, value, "a dict of strings", show_value=False)
        for key, item in value.items():
            if headers:
                check_header(key, item, name)
            elif not isinstance(key, str) or not isinstance(item, str):
                raise invalid_type(
                    name, item, "a dict of strings", show_value=False, hint=f" as the value of the key {key!r}"
                )

    return check


def _optional_str(name: str) -> Any:
    def check(inst: Any, attribute: Any, value: Any) -> None:
        if value is not None and not isinstance(value, str):
            raise invalid_type(name, value, "a string or None", show_value=name not in _SECRET_FIELDS)
        if name == "access_token" and value:
            check_token(value, name)

    return check


def _check_proxy(inst: Any, attribute: Any, value: Any) -> None:
    if value is None:
        return
    if isinstance(value, str):
        urls = {"proxy": value}
    elif isinstance(value, dict) and all(isinstance(k, str) for k in value):
        urls = value
    else:
        raise invalid_type("proxy", value, "a URL string, a dict of scheme to URL, or None", show_value=False)
    for url in urls.values():
        if not isinstance(url, str) or "://" not in url:
            # A proxy URL may hold a password: show it redacted, or only its type.
            shown = repr(_redact.url(url)) if isinstance(url, str) else f"a {type(url).__name__}"
            raise invalid_value(
                "proxy",
                None,
                "A proxy is a URL such as 'http://proxy.example:3128'.",
                shown=shown,
                expected="a proxy URL",
            )


def _check_bool(inst: Any, attribute: Any, value: Any) -> None:
    if not isinstance(value, bool):
        raise invalid_type("skip_certificate_check", value, "a boolean")


# Converters turning None into the default, so that assigning None resets a setting (mypy's attrs
# plugin only understands named functions here, hence one per default).
def _bool_or_default(value: Any) -> Any:
    return False if value is None else value


def _timeout_or_default(value: Any) -> Any:
    return DEFAULT_TIMEOUT_SEC if value is None else value


def _connect_timeout_or_default(value: Any) -> Any:
    return DEFAULT_CONNECT_TIMEOUT_SEC if value is None else value


def _retry_count_or_default(value: Any) -> Any:
    return DEFAULT_MAXIMUM_RETRY_COUNT if value is None else value


def _retry_interval_or_default(value: Any) -> Any:
    return DEFAULT_RETRY_INTERVAL_SEC if value is None else value


def _max_response_bytes_or_default(value: Any) -> Any:
    return DEFAULT_MAX_RESPONSE_BYTES if value is None else value


def _copied_map(value: Any) -> Any:
    # A map given by the caller is copied, so that later changes to their dict do not leak in.
    if value is None:
        return {}
    return dict(value) if isinstance(value, dict) else value


def _copied_proxy(value: Any) -> Any:
    return dict(value) if isinstance(value, dict) else value


@attrs.define(slots=True, eq=False, repr=False, on_setattr=[attrs.setters.convert, attrs.setters.validate])
class Configuration:
    """Where and how calls go: base URL, credentials, headers, TLS, proxy, timeouts and retries.

    ``base_url`` is ``UNSET`` until set: then ``OPENAI_BASE_URL`` (if set) or the default applies at
    call time. ``access_token`` ``None`` means: use ``OPENAI_API_KEY`` at call time. Assigning
    ``None`` to any setting resets it to its default.
    """

    base_url: str | Unset = attrs.field(default=UNSET, converter=normalize_base_url)
    username: str | None = attrs.field(default=None, validator=_optional_str("username"))
    password: str | None = attrs.field(default=None, validator=_optional_str("password"))
    api_key: dict[str, str] = attrs.field(factory=dict, converter=_copied_map, validator=_str_map("api_key"))
    api_key_prefix: dict[str, str] = attrs.field(
        factory=dict, converter=_copied_map, validator=_str_map("api_key_prefix")
    )
    cookie: str | None = attrs.field(default=None, validator=_optional_str("cookie"))
    access_token: str | None = attrs.field(default=None, validator=_optional_str("access_token"))
    skip_certificate_check: bool = attrs.field(default=False, converter=_bool_or_default, validator=_check_bool)
    proxy: str | dict[str, str] | None = attrs.field(default=None, converter=_copied_proxy, validator=_check_proxy)
    default_headers: dict[str, str] = attrs.field(
        factory=dict, converter=_copied_map, validator=_str_map("default_headers", headers=True)
    )
    timeout_sec: float = attrs.field(
        default=DEFAULT_TIMEOUT_SEC,
        converter=_timeout_or_default,
        validator=_number("timeout_sec", minimum=0, exclusive=True),
    )
    connect_timeout_sec: float = attrs.field(
        default=DEFAULT_CONNECT_TIMEOUT_SEC,
        converter=_connect_timeout_or_default,
        validator=_number("connect_timeout_sec", minimum=0, exclusive=True),
    )
    maximum_retry_count: int = attrs.field(
        default=DEFAULT_MAXIMUM_RETRY_COUNT,
        converter=_retry_count_or_default,
        validator=_number("maximum_retry_count", minimum=0, integer=True),
    )
    retry_interval_sec: float = attrs.field(
        default=DEFAULT_RETRY_INTERVAL_SEC,
        converter=_retry_interval_or_default,
        validator=_number("retry_interval_sec", minimum=0),
    )
    max_response_bytes: int = attrs.field(
        default=DEFAULT_MAX_RESPONSE_BYTES,
        converter=_max_response_bytes_or_default,
        validator=_number("max_response_bytes", minimum=1, integer=True),
    )
    # One requests.Session per thread and configuration: connections are reused, and threads
    # sharing a configuration never share a Session (requests does not promise that is safe).
    _local: threading.local = attrs.field(factory=threading.local, init=False)

    def effective_base_url(self) -> str:
        """The base URL a call made now would use (configuration, else OPENAI_BASE_URL, else default)."""
        if isinstance(self.base_url, str):
            return self.base_url
        from_env = os.environ.get(ENV_BASE_URL)
        if from_env:
            try:
                return str(normalize_base_url(from_env))
            except ApiValueError as exc:
                raise restated(
                    exc, f"(It comes from the {ENV_BASE_URL} environment variable.)", parameter=ENV_BASE_URL
                ) from None
        return DEFAULT_BASE_URL

    def effective_access_token(self) -> str | None:
        """The bearer token a call made now would send (configuration, else OPENAI_API_KEY), or None."""
        if self.access_token:
            return self.access_token
        from_env = os.environ.get(ENV_API_KEY)
        if from_env:
            return check_token(from_env, ENV_API_KEY)
        return None

    def effective_proxy(self, url: str | None = None) -> str | None:
        """The proxy a call to ``url`` (default: the effective base URL) would go through, or None.

        The ``proxy`` setting, else the ``HTTPS_PROXY``/``HTTP_PROXY``/``ALL_PROXY`` variables unless
        ``NO_PROXY`` exempts the host. A loopback host (``localhost``, 127.0.0.0/8, ``::1``) never goes
        through a proxy taken from the environment. The URL is returned as configured (it may hold a
        password: show it through ``to_dict()`` or ``_redact.url``).
        """
        import requests.utils  # only asked for here: import psopenapi_py stays without requests

        target = url if url is not None else self.effective_base_url()
        if self.proxy is not None:
            proxies = {"http": self.proxy, "https": self.proxy} if isinstance(self.proxy, str) else dict(self.proxy)
        elif is_loopback_url(target):
            return None
        else:
            proxies = requests.utils.get_environ_proxies(target)
        return requests.utils.select_proxy(target, proxies)  # type: ignore[no-any-return]

    def effective_org_id(self) -> str | None:
        """The organization sent as ``OpenAI-Organization`` on a call made now (``OPENAI_ORG_ID``), or None."""
        return os.environ.get(ENV_ORG_ID) or None

    def effective_project_id(self) -> str | None:
        """The project sent as ``OpenAI-Project`` on a call made now (``OPENAI_PROJECT_ID``), or None."""
        return os.environ.get(ENV_PROJECT_ID) or None

    def to_dict(self, *, redact: bool = True) -> dict[str, Any]:
        """The settings as a dict (PowerShell key order first), secrets redacted unless ``redact=False``."""
        out: dict[str, Any] = {}
        for field in attrs.fields(type(self)):
            if field.name.startswith("_"):
                continue
            value = getattr(self, field.name)
            if value is UNSET:
                value = None
            if redact and field.name in _SECRET_FIELDS and value:
                value = {k: REDACTED for k in value} if isinstance(value, dict) else REDACTED
            elif isinstance(value, dict):
                value = dict(value)
            out[field.name] = value
        if redact:
            if out["base_url"]:
                out["base_url"] = _redact.url(out["base_url"])
            if out["proxy"]:
                proxy = out["proxy"]
                out["proxy"] = (
                    _redact.url(proxy) if isinstance(proxy, str) else {k: _redact.url(v) for k, v in proxy.items()}
                )
            out["default_headers"] = _redact.headers(out["default_headers"])
        return out

    def close(self) -> None:
        """Close the HTTP connections this thread opened for this configuration."""
        session = getattr(self._local, "session", None)
        if session is not None:
            session.close()
            self._local.session = None

    def __repr__(self) -> str:
        fields = ", ".join(f"{k}={v!r}" for k, v in self.to_dict().items())
        return f"Configuration({fields})"

    __str__ = __repr__


_CONFIGURATION = Configuration()


class NotGiven(enum.Enum):
    """The type of :data:`NOT_GIVEN`."""

    NOT_GIVEN = "NOT_GIVEN"

    def __repr__(self) -> str:
        return "NOT_GIVEN"


#: The default of :func:`set_configuration`'s parameters: "leave this setting as it is" (None resets it).
NOT_GIVEN = NotGiven.NOT_GIVEN


def get_configuration() -> Configuration:
    """Return the live module-wide configuration; changing it changes every later call that uses it."""
    return _CONFIGURATION


@contextlib.contextmanager
def using_configuration(configuration: Configuration | None = None) -> Iterator[Configuration]:
    """Make ``configuration`` (a fresh default one if not given) the module-wide configuration inside a ``with`` block.

    On leaving the block, however it is left, the configuration that was module-wide before comes
    back, as it was. A configuration made here is closed on exit; one passed in stays open (it is
    the caller's). Blocks nest. The swap is process-wide, like :func:`set_configuration`: calls in
    other threads that use the module-wide configuration see it too, so do not enter such blocks
    from several threads at once; give those threads their own ``Configuration`` (``configuration=``).

    Yields:
        The configuration now in use.

    Raises:
        ApiTypeError: ``configuration`` is not a Configuration.
    """
    global _CONFIGURATION
    if configuration is not None and not isinstance(configuration, Configuration):
        raise invalid_type("configuration", configuration, "a Configuration or None", show_value=False)
    temporary = Configuration() if configuration is None else configuration
    previous = _CONFIGURATION
    _CONFIGURATION = temporary
    try:
        yield temporary
    finally:
        _CONFIGURATION = previous
        if configuration is None:
            temporary.close()


@overload
def set_configuration(
    base_url: str | None | NotGiven = NOT_GIVEN,
    username: str | None | NotGiven = NOT_GIVEN,
    password: str | None | NotGiven = NOT_GIVEN,
    api_key: dict[str, str] | None | NotGiven = NOT_GIVEN,
    api_key_prefix: dict[str, str] | None | NotGiven = NOT_GIVEN,
    cookie: str | None | NotGiven = NOT_GIVEN,
    access_token: str | None | NotGiven = NOT_GIVEN,
    skip_certificate_check: bool | None | NotGiven = NOT_GIVEN,
    proxy: str | dict[str, str] | None | NotGiven = NOT_GIVEN,
    default_headers: dict[str, str] | None | NotGiven = NOT_GIVEN,
    timeout_sec: float | None | NotGiven = NOT_GIVEN,
    connect_timeout_sec: float | None | NotGiven = NOT_GIVEN,
    maximum_retry_count: int | None | NotGiven = NOT_GIVEN,
    retry_interval_sec: float | None | NotGiven = NOT_GIVEN,
    max_response_bytes: int | None | NotGiven = NOT_GIVEN,
    *,
    pass_thru: Literal[False] = False,
) -> None: ...


@overload
def set_configuration(
    base_url: str | None | NotGiven = NOT_GIVEN,
    username: str | None | NotGiven = NOT_GIVEN,
    password: str | None | NotGiven = NOT_GIVEN,
    api_key: dict[str, str] | None | NotGiven = NOT_GIVEN,
    api_key_prefix: dict[str, str] | None | NotGiven = NOT_GIVEN,
    cookie: str | None | NotGiven = NOT_GIVEN,
    access_token: str | None | NotGiven = NOT_GIVEN,
    skip_certificate_check: bool | None | NotGiven = NOT_GIVEN,
    proxy: str | dict[str, str] | None | NotGiven = NOT_GIVEN,
    default_headers: dict[str, str] | None | NotGiven = NOT_GIVEN,
    timeout_sec: float | None | NotGiven = NOT_GIVEN,
    connect_timeout_sec: float | None | NotGiven = NOT_GIVEN,
    maximum_retry_count: int | None | NotGiven = NOT_GIVEN,
    retry_interval_sec: float | None | NotGiven = NOT_GIVEN,
    max_response_bytes: int | None | NotGiven = NOT_GIVEN,
    *,
    pass_thru: Literal[True],
) -> Configuration: ...


@overload
def set_configuration(
    base_url: str | None | NotGiven = NOT_GIVEN,
    username: str | None | NotGiven = NOT_GIVEN,
    password: str | None | NotGiven = NOT_GIVEN,
    api_key: dict[str, str] | None | NotGiven = NOT_GIVEN,
    api_key_prefix: dict[str, str] | None | NotGiven = NOT_GIVEN,
    cookie: str | None | NotGiven = NOT_GIVEN,
    access_token: str | None | NotGiven = NOT_GIVEN,
    skip_certificate_check: bool | None | NotGiven = NOT_GIVEN,
    proxy: str | dict[str, str] | None | NotGiven = NOT_GIVEN,
    default_headers: dict[str, str] | None | NotGiven = NOT_GIVEN,
    timeout_sec: float | None | NotGiven = NOT_GIVEN,
    connect_timeout_sec: float | None | NotGiven = NOT_GIVEN,
    maximum_retry_count: int | None | NotGiven = NOT_GIVEN,
    retry_interval_sec: float | None | NotGiven = NOT_GIVEN,
    max_response_bytes: int | None | NotGiven = NOT_GIVEN,
    *,
    pass_thru: bool,
) -> Configuration | None: ...


def set_configuration(
    base_url: str | None | NotGiven = NOT_GIVEN,
    username: str | None | NotGiven = NOT_GIVEN,
    password: str | None | NotGiven = NOT_GIVEN,
    api_key: dict[str, str] | None | NotGiven = NOT_GIVEN,
    api_key_prefix: dict[str, str] | None | NotGiven = NOT_GIVEN,
    cookie: str | None | NotGiven = NOT_GIVEN,
    access_token: str | None | NotGiven = NOT_GIVEN,
    skip_certificate_check: bool | None | NotGiven = NOT_GIVEN,
    proxy: str | dict[str, str] | None | NotGiven = NOT_GIVEN,
    default_headers: dict[str, str] | None | NotGiven = NOT_GIVEN,
    timeout_sec: float | None | NotGiven = NOT_GIVEN,
    connect_timeout_sec: float | None | NotGiven = NOT_GIVEN,
    maximum_retry_count: int | None | NotGiven = NOT_GIVEN,
    retry_interval_sec: float | None | NotGiven = NOT_GIVEN,
    max_response_bytes: int | None | NotGiven = NOT_GIVEN,
    *,
    pass_thru: bool = False,
) -> Configuration | None:
    """Change only the settings given; ``None`` clears one back to its default.

    All values are checked before any is applied, so a bad value changes nothing.

    Returns:
        The live configuration when ``pass_thru`` is true (PowerShell's ``-PassThru``), else None.

    Raises:
        ApiTypeError, ApiValueError: a value is not allowed; no setting was changed.
    """
    given = {k: v for k, v in locals().items() if v is not NOT_GIVEN and k != "pass_thru"}
    config = _CONFIGURATION
    # Build and check every value on a scratch copy first: a bad one leaves the live object untouched.
    scratch = attrs.evolve(config, **given)
    for name in given:
        object.__setattr__(config, name, getattr(scratch, name))
    return config if pass_thru else None


def set_configuration_api_key(id: str, api_key: str | None) -> None:  # noqa: A002 - PowerShell's parameter name
    """Set one entry of the ``api_key`` map (``Set-ConfigurationApiKey -Id -ApiKey``); None removes it."""
    key_id = _require_str("id", id)
    if api_key is None:
        _CONFIGURATION.api_key.pop(key_id, None)
        return
    _CONFIGURATION.api_key[key_id] = _require_str("api_key", api_key, secret=True)


def set_configuration_api_key_prefix(id: str, api_key_prefix: str | None) -> None:  # noqa: A002
    """Set one entry of the ``api_key_prefix`` map (``Set-ConfigurationApiKeyPrefix``); None removes it."""
    key_id = _require_str("id", id)
    if api_key_prefix is None:
        _CONFIGURATION.api_key_prefix.pop(key_id, None)
        return
    _CONFIGURATION.api_key_prefix[key_id] = _require_str("api_key_prefix", api_key_prefix)


def set_configuration_default_header(key: str, value: str | None) -> None:
    """Set one default header, sent on every call and applied last (it overrides any other header).

    Header names are case-insensitive: setting ``authorization`` replaces an ``Authorization`` entry.
    ``None`` removes the header.
    """
    name = _require_str("key", key)
    if value is not None:
        check_header(name, value, "value")
    headers = _CONFIGURATION.default_headers
    for existing in [k for k in headers if k.lower() == name.lower()]:
        del headers[existing]
    if value is not None:
        headers[name] = value


def _require_str(name: str, value: Any, secret: bool = False) -> str:
    if not isinstance(value, str) or not value:
        shown = REDACTED if secret and isinstance(value, str) else repr(value)
        raise invalid_value(
            name, None if secret else value, "Must be a non-empty string.", shown=shown, expected="a non-empty string"
        )
    return value


def get_host_setting() -> list[dict[str, Any]]:
    """List the servers of the spec: ``Url``, ``Description`` and, where present, ``Variables``."""
    return [{k: (dict(v) if isinstance(v, dict) else v) for k, v in h.items()} for h in HOST_SETTINGS]


def get_url_from_host_setting(index: int, variables: dict[str, str] | None = None) -> str:
    """Return the URL of server ``index``, with its variables filled in (a server without any: its URL).

    Raises:
        ApiTypeError: ``index`` is not an integer or ``variables`` not a dict.
        ApiValueError: ``index`` is out of range, or a variable has a value its server does not allow.
    """
    if isinstance(index, bool) or not isinstance(index, int):
        raise invalid_type("index", index, "an integer")
    if variables is not None and not isinstance(variables, dict):
        raise invalid_type("variables", variables, "a dict", show_value=False)
    hosts = get_host_setting()
    if index < 0 or index >= len(hosts):
        # The module's exact words (no full stop), so scripts matching on them keep working.
        raise host_index_out_of_range(index, len(hosts))
    host = hosts[index]
    url: str = host["Url"]
    variables = variables or {}
    # The module crashes here on a server without variables; such a server simply gives its URL.
    for name, spec in (host.get("Variables") or {}).items():
        if name in variables:
            value = variables[name]
            allowed = spec.get("EnumValues") or []
            if allowed and value not in allowed:
                raise invalid_host_variable(name, value, allowed)
        else:
            value = spec.get("DefaultValue", "")
        url = url.replace("{" + name + "}", str(value))
    return url
