"""Module-wide settings, as the PowerShell module's ``Get-Configuration`` / ``Set-Configuration*`` keep them.

``get_configuration()`` returns the live object: changing it changes later calls. A call may also be
given its own ``Configuration`` (``configuration=``), which is how threads with different keys stay
apart. Environment variables are read at call time, never at import.
"""

from __future__ import annotations

import os
import threading
from typing import Any
from urllib.parse import urlsplit

import attrs

from ._runtime import REDACTED, UNSET, Unset
from .exceptions import ApiTypeError, ApiValueError

__all__ = [
    "DEFAULT_BASE_URL",
    "Configuration",
    "get_configuration",
    "get_host_setting",
    "get_url_from_host_setting",
    "set_configuration",
    "set_configuration_api_key",
    "set_configuration_api_key_prefix",
    "set_configuration_default_header",
]

DEFAULT_BASE_URL = "https://api.openai.com/v1"
DEFAULT_TIMEOUT_SEC = 600.0
DEFAULT_CONNECT_TIMEOUT_SEC = 5.0
DEFAULT_MAXIMUM_RETRY_COUNT = 2
DEFAULT_RETRY_INTERVAL_SEC = 0.5

#: The servers of the spec, as Get-HostSetting lists them.
HOST_SETTINGS: tuple[dict[str, Any], ...] = ({"Url": DEFAULT_BASE_URL, "Description": "No description provided"},)

_SECRET_FIELDS = frozenset({"password", "access_token", "api_key", "cookie"})


def normalize_base_url(value: Any) -> Any:
    """Check a base URL (absolute http or https) and drop a trailing slash; UNSET and None pass."""
    if value is UNSET or value is None:
        return value
    if not isinstance(value, str):
        raise ApiTypeError(
            f"Invalid type for 'base_url': expected a string, got {type(value).__name__} {value!r}.",
            parameter="base_url",
            value=value,
            expected="a string",
        )
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.netloc or not parts.hostname:
        raise ApiValueError(
            f"Invalid URL '{value}' cannot be used in the base URL.",
            parameter="base_url",
            value=value,
            expected="an absolute http:// or https:// URL",
        )
    return value.rstrip("/")


def _check_number(name: str, minimum: float, integer: bool = False) -> Any:
    def check(inst: Any, attribute: Any, value: Any) -> None:
        kind = int if integer else (int, float)
        if isinstance(value, bool) or not isinstance(value, kind):
            expected = "an integer" if integer else "a number"
            raise ApiTypeError(
                f"Invalid type for '{name}': expected {expected}, got {type(value).__name__} {value!r}.",
                parameter=name,
                value=value,
                expected=expected,
            )
        if value < minimum:
            raise ApiValueError(
                f"Invalid value for '{name}': {value!r}. Must be >= {minimum}.",
                parameter=name,
                value=value,
                expected=f">= {minimum}",
            )

    return check


def _check_map(name: str) -> Any:
    def check(inst: Any, attribute: Any, value: Any) -> None:
        if not isinstance(value, dict) or not all(isinstance(k, str) for k in value):
            raise ApiTypeError(
                f"Invalid type for '{name}': expected a dict with string keys, got {type(value).__name__}.",
                parameter=name,
                value=None,
                expected="a dict",
            )

    return check


def _check_optional_str(name: str) -> Any:
    def check(inst: Any, attribute: Any, value: Any) -> None:
        if value is not None and not isinstance(value, str):
            raise ApiTypeError(
                f"Invalid type for '{name}': expected a string or None, got {type(value).__name__}.",
                parameter=name,
                value=None if name in _SECRET_FIELDS else value,
                expected="a string or None",
            )

    return check


def _check_proxy(inst: Any, attribute: Any, value: Any) -> None:
    if value is None or isinstance(value, str):
        return
    if isinstance(value, dict) and all(isinstance(k, str) and isinstance(v, str) for k, v in value.items()):
        return
    raise ApiTypeError(
        f"Invalid type for 'proxy': expected a URL string, a dict of scheme to URL, or None, got {type(value).__name__}.",
        parameter="proxy",
        value=value,
        expected="a URL string or a dict",
    )


def _check_bool(inst: Any, attribute: Any, value: Any) -> None:
    if not isinstance(value, bool):
        raise ApiTypeError(
            f"Invalid type for 'skip_certificate_check': expected a boolean, got {type(value).__name__} {value!r}.",
            parameter="skip_certificate_check",
            value=value,
            expected="a boolean",
        )


@attrs.define(slots=True, eq=False, repr=False, on_setattr=[attrs.setters.convert, attrs.setters.validate])
class Configuration:
    """Where and how calls go: base URL, credentials, headers, TLS, proxy, timeouts and retries.

    ``base_url`` is ``UNSET`` until set: then ``OPENAI_BASE_URL`` (if set) or the default applies at
    call time. ``access_token`` ``None`` means: use ``OPENAI_API_KEY`` at call time.
    """

    base_url: str | Unset = attrs.field(default=UNSET, converter=normalize_base_url)
    username: str | None = attrs.field(default=None, validator=_check_optional_str("username"))
    password: str | None = attrs.field(default=None, validator=_check_optional_str("password"))
    api_key: dict[str, str] = attrs.field(factory=dict, validator=_check_map("api_key"))
    api_key_prefix: dict[str, str] = attrs.field(factory=dict, validator=_check_map("api_key_prefix"))
    cookie: str | None = attrs.field(default=None, validator=_check_optional_str("cookie"))
    access_token: str | None = attrs.field(default=None, validator=_check_optional_str("access_token"))
    skip_certificate_check: bool = attrs.field(default=False, validator=_check_bool)
    proxy: str | dict[str, str] | None = attrs.field(default=None, validator=_check_proxy)
    default_headers: dict[str, str] = attrs.field(factory=dict, validator=_check_map("default_headers"))
    timeout_sec: float = attrs.field(default=DEFAULT_TIMEOUT_SEC, validator=_check_number("timeout_sec", 0))
    connect_timeout_sec: float = attrs.field(
        default=DEFAULT_CONNECT_TIMEOUT_SEC, validator=_check_number("connect_timeout_sec", 0)
    )
    maximum_retry_count: int = attrs.field(
        default=DEFAULT_MAXIMUM_RETRY_COUNT, validator=_check_number("maximum_retry_count", 0, integer=True)
    )
    retry_interval_sec: float = attrs.field(
        default=DEFAULT_RETRY_INTERVAL_SEC, validator=_check_number("retry_interval_sec", 0)
    )
    # One requests.Session per thread and configuration: connections are reused, and threads
    # sharing a configuration never share a Session (requests does not promise that is safe).
    _local: threading.local = attrs.field(factory=threading.local, init=False)

    def effective_base_url(self) -> str:
        """The base URL a call made now would use (configuration, else OPENAI_BASE_URL, else default)."""
        if self.base_url is not UNSET:
            return self.base_url
        from_env = os.environ.get("OPENAI_BASE_URL")
        if from_env:
            return str(normalize_base_url(from_env))
        return DEFAULT_BASE_URL

    def effective_access_token(self) -> str | None:
        """The bearer token a call made now would send (configuration, else OPENAI_API_KEY)."""
        return self.access_token or os.environ.get("OPENAI_API_KEY") or None

    def to_dict(self, *, redact: bool = True) -> dict[str, Any]:
        """The settings as a dict (PowerShell key order), secrets redacted unless ``redact=False``."""
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
        if redact and out["proxy"]:
            out["proxy"] = _redact_proxy(out["proxy"])
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


def _redact_proxy(proxy: str | dict[str, str]) -> str | dict[str, str]:
    def one(url: str) -> str:
        parts = urlsplit(url)
        if parts.password is None:
            return url
        host = parts.hostname or ""
        port = f":{parts.port}" if parts.port else ""
        return parts._replace(netloc=f"{parts.username}:{REDACTED}@{host}{port}").geturl()

    return one(proxy) if isinstance(proxy, str) else {k: one(v) for k, v in proxy.items()}


_CONFIGURATION = Configuration()
_NOT_GIVEN: Any = object()


def get_configuration() -> Configuration:
    """Return the live module-wide configuration; changing it changes every later call that uses it."""
    return _CONFIGURATION


def set_configuration(
    base_url: Any = _NOT_GIVEN,
    username: Any = _NOT_GIVEN,
    password: Any = _NOT_GIVEN,
    api_key: Any = _NOT_GIVEN,
    api_key_prefix: Any = _NOT_GIVEN,
    cookie: Any = _NOT_GIVEN,
    access_token: Any = _NOT_GIVEN,
    skip_certificate_check: Any = _NOT_GIVEN,
    proxy: Any = _NOT_GIVEN,
    default_headers: Any = _NOT_GIVEN,
    timeout_sec: Any = _NOT_GIVEN,
    connect_timeout_sec: Any = _NOT_GIVEN,
    maximum_retry_count: Any = _NOT_GIVEN,
    retry_interval_sec: Any = _NOT_GIVEN,
    *,
    pass_thru: bool = False,
) -> Configuration | None:
    """Change only the settings given; ``None`` clears one back to its default.

    All values are checked before any is applied, so a bad value changes nothing.
    Returns the configuration when ``pass_thru`` is true (PowerShell's ``-PassThru``).
    """
    given = {k: v for k, v in locals().items() if v is not _NOT_GIVEN and k != "pass_thru"}
    defaults = Configuration()
    updates: dict[str, Any] = {}
    for name, value in given.items():
        if value is None:
            value = getattr(defaults, name)  # clearing restores the default (None, {}, UNSET or a number)
        updates[name] = value
    # Validate every value on a scratch copy first: a bad one leaves the live configuration untouched.
    scratch = attrs.evolve(_CONFIGURATION, **updates)
    for name in updates:
        object.__setattr__(_CONFIGURATION, name, getattr(scratch, name))
    return _CONFIGURATION if pass_thru else None


def set_configuration_api_key(id: str, api_key: str) -> None:  # noqa: A002 - PowerShell's parameter name
    """Set one entry of the ``api_key`` map (``Set-ConfigurationApiKey -Id -ApiKey``)."""
    _CONFIGURATION.api_key[_require_str("id", id)] = _require_str("api_key", api_key, secret=True)


def set_configuration_api_key_prefix(id: str, api_key_prefix: str) -> None:  # noqa: A002
    """Set one entry of the ``api_key_prefix`` map (``Set-ConfigurationApiKeyPrefix -Id -ApiKeyPrefix``)."""
    _CONFIGURATION.api_key_prefix[_require_str("id", id)] = _require_str("api_key_prefix", api_key_prefix)


def set_configuration_default_header(key: str, value: str) -> None:
    """Set one default header, sent on every call and applied last (it overrides any other header)."""
    _CONFIGURATION.default_headers[_require_str("key", key)] = _require_str("value", value)


def _require_str(name: str, value: Any, secret: bool = False) -> str:
    if not isinstance(value, str) or not value:
        shown = REDACTED if secret else repr(value)
        raise ApiValueError(
            f"Invalid value for '{name}': {shown}. Must be a non-empty string.",
            parameter=name,
            value=None if secret else value,
            expected="a non-empty string",
        )
    return value


def get_host_setting() -> list[dict[str, Any]]:
    """List the servers of the spec: ``Url``, ``Description`` and, where present, ``Variables``."""
    return [dict(h) for h in HOST_SETTINGS]


def get_url_from_host_setting(index: int, variables: dict[str, str] | None = None) -> str:
    """Return the URL of server ``index``, with its variables filled in (a server without any: its URL)."""
    hosts = get_host_setting()
    if isinstance(index, bool) or not isinstance(index, int):
        raise ApiTypeError(
            f"Invalid type for 'index': expected an integer, got {type(index).__name__} {index!r}.",
            parameter="index",
            value=index,
            expected="an integer",
        )
    if index < 0 or index >= len(hosts):
        raise ApiValueError(
            f"Invalid index {index} when selecting the host. Must be less than {len(hosts)}",
            parameter="index",
            value=index,
            expected=f"0 to {len(hosts) - 1}",
        )
    host = hosts[index]
    url: str = host["Url"]
    variables = variables or {}
    for name, spec in host.get("Variables", {}).items():
        value = variables.get(name, spec.get("DefaultValue"))
        allowed = spec.get("EnumValues")
        if allowed and value not in allowed:
            raise ApiValueError(
                f"Invalid value for '{name}': {value!r}. Allowed values: {', '.join(allowed)}.",
                parameter=name,
                value=value,
                expected=", ".join(allowed),
            )
        url = url.replace("{" + name + "}", str(value))
    return url
