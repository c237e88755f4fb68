"""The serve configuration: one JSON file, checked field by field; secrets come from the environment or files."""

from __future__ import annotations

import copy
import fnmatch
import ipaddress
import json
import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from .. import _redact
from .._text_files import decode_text
from ..configuration import check_token
from ..exceptions import ApiTypeError, ApiValueError, invalid_type, invalid_value, missing
from ._demo import DEMO_PATH
from ._strict_json import (
    MAX_DIGITS,
    DuplicateKey,
    LongNumber,
    LongText,
    NotANumber,
    find_path,
    long_number,
    strict_loads,
)
from ._webhook import secret_key

#: The paths served unless ``paths`` says otherwise.
DEFAULT_PATHS = {
    "token": "/token",
    "session": "/session",
    "webhook": "/webhooks/openai",
    "healthz": "/healthz",
    "metrics": "/metrics",
}
_TOP_FIELDS = (
    "upstream",
    "session",
    "token",
    "webhook",
    "auth",
    "cors_origins",
    "rate_limit",
    "trusted_proxies",
    "max_body_bytes",
    "paths",
    "metrics_dir",
)
_SIP_STATUSES = (486, 480, 403, 404, 603, 600, 503)


@dataclass(frozen=True)
class Rule:
    """One rule on an incoming call's SIP headers: the first rule that matches decides."""

    header: str
    pattern: re.Pattern[str]
    action: str
    status: int | None


@dataclass(frozen=True)
class ServeConfig:
    """A checked configuration (see docs/serve.md for every field). Secrets are read once, at load time."""

    api_key: str
    session: dict[str, Any]
    base_url: str | None = None
    timeout_sec: float = 30.0
    retries: int = 0
    paths: dict[str, str] = field(default_factory=lambda: dict(DEFAULT_PATHS))
    ttl_default: int = 600
    ttl_min: int = 10
    ttl_max: int = 7200
    overrides: dict[str, tuple[Any, ...]] = field(default_factory=dict)
    include_session: bool = False
    webhook_secret: str | None = None
    webhook_tolerance_sec: int = 300
    webhook_replay_memory: int = 10000
    rules: tuple[Rule, ...] = ()
    default_action: str = "reject"
    default_status: int = 603
    bearer_tokens: frozenset[str] = frozenset()
    auth_hook: str | None = None
    auth_none: bool = False
    cors_origins: frozenset[str] = frozenset()
    rate_capacity: int | None = None
    rate_per_sec: float = 1.0
    trusted_proxies: frozenset[str] = frozenset()
    max_body_bytes: int = 64 * 1024
    metrics_dir: str | None = None

    def __post_init__(self) -> None:
        # Its own copies: the dicts and lists given, changed later, must not change what is sent (nor skip
        # these checks). Frozen, so set as the dataclass's own __init__ does.
        object.__setattr__(self, "session", copy.deepcopy(self.session))
        object.__setattr__(self, "overrides", copy.deepcopy(self.overrides))
        # A ServeConfig made directly, not by parse_config, is held to the rules that keep the server safe:
        # one way to check callers, a valid session template, sane lifetimes, limits and origins.
        check_token(self.api_key if isinstance(self.api_key, str) else "", "api_key")
        _check_session("session", self.session)
        for name in ("bearer_tokens", "cors_origins", "trusted_proxies"):
            value = getattr(self, name)
            if not isinstance(value, (frozenset, set)) or not all(isinstance(v, str) and v for v in value):
                raise invalid_type(name, None if name == "bearer_tokens" else value, "a set of non-empty strings")
        chosen = sum([bool(self.bearer_tokens), self.auth_hook is not None, self.auth_none is True])
        if chosen != 1:
            raise invalid_value(
                "bearer_tokens, auth_hook, auth_none",
                None,
                "Choose exactly one way to check callers: bearer_tokens, auth_hook, or auth_none=True.",
                show_value=False,
            )
        if not 10 <= self.ttl_min <= self.ttl_default <= self.ttl_max <= 7200:
            raise invalid_value(
                "ttl_default",
                (self.ttl_min, self.ttl_default, self.ttl_max),
                "Must be 10 <= ttl_min <= ttl_default <= ttl_max <= 7200.",
            )
        if self.rate_capacity is not None and (isinstance(self.rate_capacity, bool) or self.rate_capacity < 1):
            raise invalid_value("rate_capacity", self.rate_capacity, "Must be None (no limit) or at least 1.")
        if not self.rate_per_sec > 0:
            raise invalid_value("rate_per_sec", self.rate_per_sec, "Must be above 0.")
        for origin in self.cors_origins:
            if _origin_as_sent(origin) != origin:
                raise invalid_value("cors_origins", origin, "Must be an exact origin, written as browsers send it.")
        if sorted(self.paths) != sorted(DEFAULT_PATHS) or len(set(self.paths.values())) != len(self.paths):
            raise invalid_value("paths", self.paths, f"Must give each of {', '.join(DEFAULT_PATHS)} its own path.")
        for name, low, high in (
            ("webhook_tolerance_sec", 1, 86400),
            ("webhook_replay_memory", 1, 10_000_000),
            ("max_body_bytes", 1024, 16 * 1024 * 1024),
            ("retries", 0, 5),
        ):
            _number(name, getattr(self, name), low, high, integer=True)
        _number("timeout_sec", self.timeout_sec, 0.001, 600)
        if self.webhook_secret is not None:
            try:
                secret_key(self.webhook_secret)
            except ValueError:
                raise invalid_value(
                    "webhook_secret", None, "Must be whsec_ followed by base64 of the key.", show_value=False
                ) from None
        for path, allowed in self.overrides.items():
            for value in allowed:
                _check_session(f"overrides[{path!r}]", _with_path(self.session, path, value))

    def secrets(self) -> list[str]:
        """Every secret the server holds, for the redaction of log lines and answers."""
        return [self.api_key, *(s for s in [self.webhook_secret] if s), *self.bearer_tokens]

    def __repr__(self) -> str:
        return f"ServeConfig(paths={self.paths!r}, auth={'hook' if self.auth_hook else 'none' if self.auth_none else 'bearer'})"


def load_config(path: str | os.PathLike[str], environ: Mapping[str, str] | None = None) -> ServeConfig:
    """Read and check the JSON configuration file at ``path`` (secrets from ``environ``, default os.environ).

    Raises:
        ApiValueError, ApiTypeError: a bad field, named by its path in the file (``webhook.rules[0].action``).
    """
    text = _read_text("config", str(path))
    try:
        data = strict_loads(text)
    except LongNumber:
        where = find_path(text, "config", long_number)
        raise invalid_value(
            where or "config", None, f"It is a number of more than {MAX_DIGITS} digits.", show_value=False
        ) from None
    except NotANumber as exc:
        constant = exc.text
        where = find_path(text, "config", lambda pairs, value: isinstance(value, LongText) and value == constant)
        raise invalid_value(
            where or "config", None, f"{constant} is not a JSON number: write a number.", show_value=False
        ) from None
    except DuplicateKey as exc:
        key = exc.key
        where = find_path(
            text, "config", lambda pairs, value: pairs is not None and [k for k, _ in pairs].count(key) > 1
        )
        field = f"{where}.{key}" if where and where != "config" else key
        raise invalid_value(
            field, None, "It is given twice in one object (which one would count?).", show_value=False
        ) from None
    except json.JSONDecodeError as exc:
        raise invalid_value("config", str(path), f"it is not JSON ({exc.msg} at line {exc.lineno}).") from None
    except RecursionError:
        raise invalid_value("config", str(path), "it is JSON nested too deeply.") from None
    return parse_config(data, environ, base_dir=os.path.dirname(os.path.abspath(path)))


def _read_text(where: str, path: str) -> str:
    """A file's text as Windows or Unix tools write it (UTF-8, or UTF-16/UTF-8 with a byte-order mark)."""
    try:
        with open(path, "rb") as handle:
            data = handle.read()
    except OSError as exc:
        raise invalid_value(where, path, f"Cannot read it: {exc.strerror or exc}.") from None
    try:
        return decode_text(data)
    except UnicodeDecodeError:
        raise invalid_value(where, path, "It is not UTF-8 (or UTF-16 with a byte-order mark) text.") from None


def parse_config(data: Any, environ: Mapping[str, str] | None = None, *, base_dir: str = ".") -> ServeConfig:
    """Check parsed configuration JSON (see :func:`load_config`); secrets from ``environ`` (default os.environ).

    Raises:
        ApiValueError, ApiTypeError: a bad field, named by its path; no secret read appears in the message.
    """
    if environ is not None and not isinstance(environ, Mapping):
        raise invalid_type("environ", environ, "a mapping of environment variables, such as os.environ")
    env = dict(os.environ if environ is None else environ)
    read: list[str] = []
    try:
        return _parse(data, env, base_dir, read)
    except (ApiTypeError, ApiValueError) as exc:
        message = _redact.text(str(exc), read)
        if message == str(exc):
            raise
        # A secret read so far shows in the message (an OPENAI_BASE_URL that carries the key, say): hidden.
        raise type(exc)(message, parameter=exc.parameter, value=None, expected=exc.expected, code=exc.code) from None


def _parse(data: Any, env: dict[str, str], base_dir: str, read: list[str]) -> ServeConfig:
    """parse_config's checks; each secret, once read, is added to ``read`` (for the redaction of errors)."""
    from .._runtime import MAX_JSON_DEPTH, json_too_deep

    if isinstance(data, dict):
        for name, value in data.items():
            # Before any check that walks it: those recurse, and a deep enough value would break them.
            if json_too_deep(value):
                raise invalid_value(
                    str(name), None, f"It is nested more than {MAX_JSON_DEPTH} levels deep.", show_value=False
                )
    top = _obj("config", data, _TOP_FIELDS)
    upstream = _obj(
        "upstream", top.get("upstream", {}), ("api_key_env", "api_key_file", "base_url", "timeout_sec", "retries")
    )
    api_key = _secret("upstream", upstream, "api_key", env, base_dir, default_env="OPENAI_API_KEY")
    read.extend(s for s in [api_key] if s)
    if api_key is None:
        raise missing("upstream.api_key_env", expected="an environment variable or file holding the API key")
    # Checked now, as every request would send it: found at start, naming where it came from.
    check_token(api_key, "upstream.api_key_file" if "api_key_file" in upstream else "upstream.api_key_env")
    base_url = upstream.get("base_url")
    if base_url is not None:
        _check_base_url(base_url, "upstream.base_url")
    elif env.get("OPENAI_BASE_URL"):
        # Read now, once, as every other setting: a bad value is a configuration error, not every call's.
        base_url = env["OPENAI_BASE_URL"].strip()
        _check_base_url(base_url, "OPENAI_BASE_URL (upstream.base_url is not set)")
    timeout = _number("upstream.timeout_sec", upstream.get("timeout_sec", 30.0), 0.001, 600)
    retries = int(_number("upstream.retries", upstream.get("retries", 0), 0, 5, integer=True))

    if "session" not in top:
        raise invalid_value(
            "session",
            None,
            "It is missing: give the session template, a GA realtime session object such as "
            '{"type": "realtime", "model": "gpt-realtime"}.',
            show_value=False,
            expected="a GA realtime session object",
        )
    # A copy: the caller's dict changed later must not change what is sent (nor skip these checks).
    session = _check_session("session", copy.deepcopy(top["session"]))

    token = _obj("token", top.get("token", {}), ("ttl_sec", "overrides", "include_session"))
    ttl = _obj("token.ttl_sec", token.get("ttl_sec", {}), ("default", "min", "max"))
    ttl_min = int(_number("token.ttl_sec.min", ttl.get("min", 10), 10, 7200, integer=True))
    ttl_max = int(_number("token.ttl_sec.max", ttl.get("max", 7200), ttl_min, 7200, integer=True))
    ttl_default = int(
        _number(
            "token.ttl_sec.default", ttl.get("default", min(max(600, ttl_min), ttl_max)), ttl_min, ttl_max, integer=True
        )
    )
    overrides: dict[str, tuple[Any, ...]] = {}
    raw_overrides = token.get("overrides", {})
    if not isinstance(raw_overrides, dict):
        raise invalid_type(
            "token.overrides", raw_overrides, "an object mapping a session field path to its allowed values"
        )
    for name, allowed in raw_overrides.items():
        where = f"token.overrides.{name}"
        if not re.fullmatch(r"[a-z_]+(\.[a-z_]+)*", name) or name == "ttl_sec":
            raise invalid_value(where, name, "Must be a dotted session field path such as audio.output.voice.")
        if not isinstance(allowed, list) or not allowed:
            raise invalid_type(where, allowed, "a non-empty list of allowed values")
        for index, value in enumerate(allowed):
            # Each allowed value must make a valid session: found now, not when a caller picks it.
            try:
                _check_session("session", _with_path(session, name, value))
            except (ApiTypeError, ApiValueError) as exc:
                raise invalid_value(
                    f"{where}[{index}]", value, f"The session it makes is not valid: {exc}", show_value=False
                ) from None
        for other in overrides:
            if other.startswith(name + ".") or name.startswith(other + "."):
                # One would overwrite the other, and which one depends on the order a caller writes them.
                raise invalid_value(where, name, f"It overlaps token.overrides.{other}: give one of the two, not both.")
        overrides[name] = tuple(allowed)
    _check_override_pairs(session, overrides)
    include_session = _bool("token.include_session", token.get("include_session", False))

    webhook = _obj(
        "webhook",
        top.get("webhook", {}),
        ("secret_env", "secret_file", "tolerance_sec", "replay_memory", "rules", "default"),
    )
    webhook_secret = _secret("webhook", webhook, "secret", env, base_dir)
    read.extend(s for s in [webhook_secret] if s)
    if webhook_secret is not None:
        where = "webhook.secret_file" if "secret_file" in webhook else "webhook.secret_env"
        if not webhook_secret.startswith("whsec_"):
            raise invalid_value(where, None, "The webhook secret must start with whsec_.", show_value=False)
        try:
            key = secret_key(webhook_secret)
        except ValueError:
            key = b""
        if not key:
            raise invalid_value(
                where, None, "The webhook secret must be whsec_ followed by base64 of the key.", show_value=False
            )
    if webhook_secret is None and webhook:
        raise invalid_value(
            "webhook",
            sorted(webhook),
            "These settings need the webhook's secret (webhook.secret_env or webhook.secret_file): without it the "
            "webhook path is not served. Give the secret, or leave the webhook section out.",
        )
    tolerance = int(_number("webhook.tolerance_sec", webhook.get("tolerance_sec", 300), 1, 86400, integer=True))
    replay = int(_number("webhook.replay_memory", webhook.get("replay_memory", 10000), 1, 10_000_000, integer=True))
    raw_rules = webhook.get("rules", [])
    if not isinstance(raw_rules, list):
        raise invalid_type("webhook.rules", raw_rules, "a list of rules")
    rules = tuple(_rule(f"webhook.rules[{i}]", r) for i, r in enumerate(raw_rules))
    default = _obj("webhook.default", webhook.get("default", {}), ("action", "status"))
    default_action, default_status = _action("webhook.default", default, "reject")

    auth = _obj("auth", top.get("auth", {}), ("bearer_tokens_env", "bearer_tokens_file", "hook", "none"))
    raw_tokens = _secret("auth", auth, "bearer_tokens", env, base_dir)
    tokens = frozenset(t for t in re.split(r"[\s,]+", raw_tokens or "") if t)
    read.extend(tokens)
    where = "auth.bearer_tokens_file" if "bearer_tokens_file" in auth else "auth.bearer_tokens_env"
    if raw_tokens is not None and not tokens:
        raise invalid_value(where, None, "It holds no token.", show_value=False)
    for bearer in tokens:
        if not re.fullmatch(r"[\x21-\x7e]+", bearer) or bearer[0] in "\"'" or bearer[-1] in "\"'":
            # Never shown: it is a credential. A caller could never send it in an Authorization header.
            raise invalid_value(
                where,
                None,
                "A token holds a character an Authorization header cannot carry (a control character or non-ASCII "
                "text), or is in quotes: tokens are printable ASCII, separated by commas, spaces or lines.",
                show_value=False,
            )
    hook = auth.get("hook")
    if hook is not None:
        if not isinstance(hook, str) or not re.fullmatch(r"[A-Za-z_]\w*(\.[A-Za-z_]\w*)*:[A-Za-z_]\w*", hook):
            raise invalid_value("auth.hook", hook, "Must be module:function, e.g. myapp.auth:caller.")
        resolve_hook(hook)
    auth_none = _bool("auth.none", auth.get("none", False))
    chosen = sum([bool(tokens), hook is not None, auth_none])
    if chosen != 1:
        raise invalid_value(
            "auth",
            sorted(auth),
            "Choose exactly one: bearer_tokens_env or bearer_tokens_file, hook, or none: true (loopback only).",
        )

    origins = top.get("cors_origins", [])
    if not isinstance(origins, list) or not all(isinstance(o, str) for o in origins):
        raise invalid_type("cors_origins", origins, "a list of origins such as https://app.example.com")
    for i, origin in enumerate(origins):
        canonical = (
            _origin_as_sent(origin) if re.fullmatch(r"https?://[A-Za-z0-9.\-\[\]:]+", origin, re.IGNORECASE) else None
        )
        if canonical is None:
            raise invalid_value(
                f"cors_origins[{i}]",
                origin,
                "Must be an exact origin: scheme://host[:port], no path, no wildcard, a port from 1 to 65535.",
            )
        if canonical != origin:
            # Compared as browsers send it: written otherwise, it would never match.
            raise invalid_value(f"cors_origins[{i}]", origin, f"Write it as browsers send it: {canonical}")

    rate = top.get("rate_limit")
    capacity: int | None = None
    per_sec = 1.0
    if rate is not None:
        rate = _obj("rate_limit", rate, ("capacity", "per_sec"))
        capacity = int(_number("rate_limit.capacity", rate.get("capacity", 10), 1, 1_000_000, integer=True))
        per_sec = _number("rate_limit.per_sec", rate.get("per_sec", 1.0), 0.000001, 1_000_000)

    proxies = top.get("trusted_proxies", [])
    if not isinstance(proxies, list):
        raise invalid_type("trusted_proxies", proxies, "a list of IP addresses")
    trusted: set[str] = set()
    for i, address in enumerate(proxies):
        try:
            if not isinstance(address, str):
                raise TypeError
            # One spelling per address (::1 for 0:0:0:0:0:0:0:1), as the server compares it with the peer's.
            trusted.add(canonical_ip(address))
        except (ValueError, TypeError):
            raise invalid_value(f"trusted_proxies[{i}]", address, "Must be an IP address, as a string.") from None

    max_body = int(
        _number("max_body_bytes", top.get("max_body_bytes", 64 * 1024), 1024, 16 * 1024 * 1024, integer=True)
    )
    raw_paths = _obj("paths", top.get("paths", {}), tuple(DEFAULT_PATHS))
    paths = dict(DEFAULT_PATHS)
    for name, value in raw_paths.items():
        segments = value.split("/")[1:] if isinstance(value, str) else []
        if (
            not isinstance(value, str)
            or not re.fullmatch(r"(/[A-Za-z0-9_\-.]+)+/?", value)
            or any(part in (".", "..") for part in segments)
        ):
            # Clients resolve "." and ".." and may merge "//": such a path could never be reached as written.
            raise invalid_value(
                f"paths.{name}", value, "Must be a path such as /api/token: /-separated names, no '.', '..' or '//'."
            )
        paths[name] = value
    taken: dict[str, str] = {}
    for name, value in paths.items():
        if value in taken:
            raise invalid_value(
                f"paths.{name}", value, f"paths.{taken[value]} is served there too: every endpoint needs its own path."
            )
        taken[value] = name
    for name, value in paths.items():
        if value == DEMO_PATH:
            raise invalid_value(f"paths.{name}", value, f"{DEMO_PATH} is the example page's path (--demo-page).")

    metrics_dir = top.get("metrics_dir")
    if metrics_dir is not None:
        if not isinstance(metrics_dir, str) or not metrics_dir:
            raise invalid_type("metrics_dir", metrics_dir, "the path of a directory")
        metrics_dir = os.path.abspath(os.path.join(base_dir, metrics_dir))
        if not os.path.isdir(metrics_dir):
            raise invalid_value("metrics_dir", top["metrics_dir"], "It is not an existing directory.")
        if not os.access(metrics_dir, os.W_OK | os.X_OK):
            raise invalid_value("metrics_dir", top["metrics_dir"], "This process cannot write there.")

    return ServeConfig(
        api_key=api_key,
        session=session,
        base_url=base_url,
        timeout_sec=timeout,
        retries=retries,
        paths=paths,
        ttl_default=ttl_default,
        ttl_min=ttl_min,
        ttl_max=ttl_max,
        overrides=overrides,
        include_session=include_session,
        webhook_secret=webhook_secret,
        webhook_tolerance_sec=tolerance,
        webhook_replay_memory=replay,
        rules=rules,
        default_action=default_action,
        default_status=default_status,
        bearer_tokens=tokens,
        auth_hook=hook,
        auth_none=auth_none,
        cors_origins=frozenset(origins),
        rate_capacity=capacity,
        rate_per_sec=per_sec,
        trusted_proxies=frozenset(trusted),
        max_body_bytes=max_body,
        metrics_dir=metrics_dir,
    )


def _obj(where: str, value: Any, known: tuple[str, ...]) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise invalid_type(where, value, "a JSON object")
    for key, item in value.items():
        shown = f"{where}.{key}" if where != "config" else str(key)
        if key not in known:
            raise invalid_value(shown, key, f"Unknown field. Allowed here: {', '.join(known)}.")
        if item is None:
            # Not "unset": a field given as null would be dropped without a word. Leaving it out is how.
            raise invalid_value(
                shown, None, "null is not a value here: leave the field out for its default.", show_value=False
            )
    return value


def _bool(where: str, value: Any) -> bool:
    if not isinstance(value, bool):
        raise invalid_type(where, value, "true or false")
    return value


def _number(where: str, value: Any, minimum: float, maximum: float, *, integer: bool = False) -> float:
    kinds = (int,) if integer else (int, float)
    if isinstance(value, bool) or not isinstance(value, kinds):
        raise invalid_type(where, value, "an integer" if integer else "a number")
    if not minimum <= value <= maximum:
        raise invalid_value(where, value, f"Must be >= {minimum} and <= {maximum}.")
    return float(value)


def _secret(
    where: str, section: dict[str, Any], name: str, env: dict[str, str], base_dir: str, default_env: str | None = None
) -> str | None:
    """A secret named by ``<name>_env`` (an environment variable) or ``<name>_file``; never the value itself."""
    var, path = section.get(f"{name}_env"), section.get(f"{name}_file")
    if var is not None and path is not None:
        raise invalid_value(f"{where}.{name}_env", var, f"Give {name}_env or {name}_file, not both.")
    if path is not None:
        if not isinstance(path, str):
            raise invalid_type(f"{where}.{name}_file", path, "a file path")
        value = _read_text(f"{where}.{name}_file", os.path.join(base_dir, path)).strip()
        if not value:
            raise invalid_value(f"{where}.{name}_file", path, "The file is empty.")
        return value
    var = var if var is not None else default_env
    if var is None:
        return None
    if not isinstance(var, str) or not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", var):
        # Not shown: what is written here instead of a variable's name is often the secret itself.
        raise invalid_value(
            f"{where}.{name}_env",
            None,
            "Must be the name of an environment variable (letters, digits, _), not the secret itself; the value "
            "is not shown.",
            show_value=False,
        )
    value = env.get(var, "").strip()
    if not value:
        raise invalid_value(f"{where}.{name}_env", var, "This environment variable is not set or empty.")
    return value


def _check_session(where: str, value: Any) -> dict[str, Any]:
    """The session template, checked as /token will send it (exact enum spelling, real arrays), so a
    template every call would fail is refused here, naming the field, and not blamed on callers later."""
    from .._operation import json_body
    from ..models.realtime_client_secrets import RealtimeSessionCreateRequestGA

    if not isinstance(value, dict):
        raise invalid_type(where, value, "a JSON object (a GA realtime session)")
    try:
        json_body(value, RealtimeSessionCreateRequestGA, where, "serve configuration", nested=True)
    except (ApiTypeError, ApiValueError) as exc:
        parameter = getattr(exc, "parameter", None)
        if not parameter or f"'{parameter}'" in str(exc):
            raise
        # Some model errors keep the PowerShell module's wording, which does not say where: name the field.
        raise invalid_value(parameter, None, str(exc), show_value=False) from None
    return value


#: Pairs of allowed values checked together at load time, at most (beyond it, a caller's pick that does not go
#: together is refused when asked for, naming the overrides).
MAX_PAIRS_CHECKED = 10_000


def _check_override_pairs(session: dict[str, Any], overrides: dict[str, tuple[Any, ...]]) -> None:
    """Each two overrides' allowed values, set together in the template, must make a valid session too
    (``turn_detection.type`` semantic_vad with a ``silence_duration_ms`` that only server_vad has would not)."""
    names = list(overrides)
    pairs = [(a, b) for i, a in enumerate(names) for b in names[i + 1 :]]
    if sum(len(overrides[a]) * len(overrides[b]) for a, b in pairs) > MAX_PAIRS_CHECKED:
        return
    for a, b in pairs:
        for x in overrides[a]:
            for y in overrides[b]:
                try:
                    _check_session("session", _with_path(_with_path(session, a, x), b, y))
                except (ApiTypeError, ApiValueError) as exc:
                    raise invalid_value(
                        f"token.overrides.{b}",
                        None,
                        f"Its value {json.dumps(y)[:100]} with token.overrides.{a} = {json.dumps(x)[:100]} makes a "
                        f"session that is not valid: {exc}",
                        show_value=False,
                    ) from None


def _with_path(session: dict[str, Any], path: str, value: Any) -> dict[str, Any]:
    """A copy of ``session`` with the dotted ``path`` set to ``value`` (the objects on the way copied, not shared)."""
    out = dict(session)
    node = out
    parts = path.split(".")
    for part in parts[:-1]:
        child = node.get(part)
        child = dict(child) if isinstance(child, dict) else {}
        node[part] = child
        node = child
    node[parts[-1]] = value
    return out


def _action(where: str, spec: dict[str, Any], default: str | None) -> tuple[str, int]:
    """A rule's (or the default's) action and SIP status; ``default`` None: the action must be given."""
    if "action" not in spec and default is None:
        raise invalid_value(
            f"{where}.action",
            None,
            "It is missing: give accept or reject (a rule decides nothing without one).",
            show_value=False,
        )
    action = spec.get("action", default)
    if action not in ("accept", "reject"):
        raise invalid_value(f"{where}.action", action, "Allowed values: accept, reject.")
    if action == "accept" and "status" in spec:
        raise invalid_value(
            f"{where}.status", spec["status"], "A status goes with action reject only (an accepted call has none)."
        )
    status = spec.get("status", 603)
    if isinstance(status, bool) or not isinstance(status, int) or not 400 <= status <= 699:
        raise invalid_value(f"{where}.status", status, "Must be a SIP status code from 400 to 699.")
    return action, status


#: A SIP header name (RFC 3261, 25.1: a token).
_HEADER_NAME = re.compile(r"[-.!%*_+`'~0-9A-Za-z]+")


def _rule(where: str, spec: Any) -> Rule:
    spec = _obj(where, spec, ("header", "glob", "regex", "action", "status"))
    header = spec.get("header")
    if not isinstance(header, str) or not header:
        raise invalid_type(f"{where}.header", header, "a SIP header name such as To or From")
    if not _HEADER_NAME.fullmatch(header):
        raise invalid_value(
            f"{where}.header", header, "A SIP header name is letters, digits and -.!%*_+`'~ (no ':' or spaces)."
        )
    glob, regex = spec.get("glob"), spec.get("regex")
    if (glob is None) == (regex is None):
        raise invalid_value(where, sorted(spec), "Give exactly one of glob and regex.")
    if glob is not None:
        if not isinstance(glob, str):
            raise invalid_type(f"{where}.glob", glob, "a glob pattern")
        # In any case: a SIP URI's scheme and host are (RFC 3261, 19.1.4), and callers' phones vary.
        pattern = re.compile(r"\A" + fnmatch.translate(glob), re.IGNORECASE)
    else:
        if not isinstance(regex, str):
            raise invalid_type(f"{where}.regex", regex, "a regular expression")
        try:
            pattern = re.compile(regex)
        except re.error as exc:
            raise invalid_value(f"{where}.regex", regex, f"It does not compile: {exc}.") from None
    action, status = _action(where, spec, None)
    return Rule(header=header, pattern=pattern, action=action, status=status if action == "reject" else None)


def resolve_hook(hook: str) -> Any:
    """The caller-check function named by ``auth.hook`` (``module:function``), imported now so that a name
    that does not resolve is refused with the configuration, not when serving starts."""
    import importlib

    module_name, _, name = hook.partition(":")
    try:
        module = importlib.import_module(module_name)
    except Exception as exc:  # noqa: BLE001 - whatever importing the user's module raises, it is this field's fault
        raise invalid_value("auth.hook", hook, f"Its module cannot be imported: {type(exc).__name__}: {exc}.") from None
    if not hasattr(module, name):
        raise invalid_value("auth.hook", hook, f"The module {module_name} has no function {name}.")
    function = getattr(module, name)
    if not callable(function):
        raise invalid_value(
            "auth.hook", hook, f"{module_name}.{name} is a {type(function).__name__}, not a function (not callable)."
        )
    return function


def _origin_as_sent(origin: str) -> str | None:
    """An origin as browsers send it (lower case, IP addresses in their one spelling, no default port), or
    None when it is no origin at all (an empty or out-of-range port, a broken IPv6 literal)."""
    from urllib.parse import urlsplit

    try:
        parts = urlsplit(origin)
        port = parts.port
    except ValueError:
        return None
    host = parts.hostname
    if not host or parts.netloc.endswith(":") or parts.username is not None or port == 0:
        return None
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        if re.fullmatch(r"[0-9.]+", host) or re.fullmatch(r"(0x[0-9a-f]*|[0-9]+)\.?", host.rsplit(".", 2)[-1] or "x"):
            # 127.1, 0x7f.0.0.1 and the like: a host ending in a number is an IPv4 address to a browser, which
            # sends it in dotted decimal, so it never arrives as written.
            return None
        shown = host
    else:
        shown = f"[{address}]" if address.version == 6 else str(address)
    default = {"http": 80, "https": 443}[parts.scheme]
    return f"{parts.scheme}://{shown}" + (f":{port}" if port is not None and port != default else "")


def _check_base_url(base_url: Any, where: str) -> None:
    """An upstream base URL: http(s) with a host, no user name or password, nothing a request line cannot hold."""
    from urllib.parse import urlsplit

    from ..configuration import normalize_base_url

    if not isinstance(base_url, str) or not base_url.startswith(("http://", "https://")):
        raise invalid_value(where, base_url, "Must be an http:// or https:// URL.")
    try:
        parts = urlsplit(base_url)
        parts.port  # noqa: B018 - reading it checks it
    except ValueError:
        raise invalid_value(where, base_url, "It is not a valid URL.") from None
    if parts.username is not None or parts.password is not None:
        raise invalid_value(
            where,
            None,
            "It must not hold a user name or password: the API key is read from upstream.api_key_env or _file.",
            show_value=False,
        )
    if not parts.hostname:
        raise invalid_value(where, base_url, "It has no host.")
    if parts.port == 0:
        raise invalid_value(where, base_url, "Its port must be from 1 to 65535.")
    if not base_url.isascii():
        raise invalid_value(where, base_url, "Write it in ASCII (a host name in its xn-- form, a path %-encoded).")
    try:
        normalize_base_url(base_url)
    except (ApiTypeError, ApiValueError) as exc:
        raise invalid_value(where, base_url, str(exc)) from None


def canonical_ip(address: str) -> str:
    """An IP address in its one spelling: ``::1`` for ``0:0:0:0:0:0:0:1``, and an IPv4 address mapped into
    IPv6 (``::ffff:127.0.0.1``, as a dual-stack listener reports IPv4 peers) as the IPv4 address.

    Raises:
        ValueError: not an IP address.
    """
    parsed = ipaddress.ip_address(address)
    mapped = getattr(parsed, "ipv4_mapped", None)
    return str(mapped if mapped is not None else parsed)
