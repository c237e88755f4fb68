"""One declarative specification per command: each option of a request is declared once, as a :class:`Flag`.

From a command's :class:`RequestSpec` come its argparse options (:meth:`RequestSpec.add_to`), the request
body (--body's JSON with the given options laid over it, :meth:`RequestSpec.body_from`) and the
"(from --voice)" that error lines end with (:meth:`RequestSpec.attribution`).
"""

from __future__ import annotations

import copy
import json
import re
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any, Literal

import attrs

from ._input import parse_json, read_text, shown
from ._parser import CliError

if TYPE_CHECKING:
    import argparse

#: How a flag takes its value: ``store`` one value (or a list with ``nargs``), ``append`` one value per
#: use, ``bool`` ``--x``/``--no-x``, ``null`` a switch that sends ``null`` (JSON) at its field.
Action = Literal["store", "append", "bool", "null"]
_MISSING: Any = object()


@attrs.frozen
class Flag:
    """One command-line option and the request field it sets.

    ``field`` is dotted (``turn_detection.threshold``); ``None`` for an option the command reads itself.
    ``convert`` turns each value (each use of an ``append`` flag) into what goes in the body.
    ``exclusive`` names a set of flags that argparse lets only one of be given. ``required`` is an
    example value for a field the request needs (from this flag or --body). ``means`` says what a
    ``null`` flag does, for the error when it is combined with flags that set fields inside it.
    ``only_when`` is ``(field, value)``: the flag belongs only in a request whose ``field`` is ``value``.
    ``inverse`` undoes ``convert`` (None when a body value has no spelling as this flag), for
    :meth:`RequestSpec.argv_for`.
    """

    option: str
    field: str | None = None
    help: str | None = None
    metavar: str | None = None
    type: Callable[[str], Any] | None = None
    choices: tuple[str, ...] | None = None
    nargs: str | None = None
    action: Action = "store"
    convert: Callable[[Any], Any] | None = None
    group: str = "request"
    exclusive: str | None = None
    enum_help: bool = False
    required: str | None = None
    means: str | None = None
    only_when: tuple[str, str] | None = None
    inverse: Callable[[Any], Any] | None = None

    @property
    def dest(self) -> str:
        """The argparse attribute the value lands in."""
        return self.option.removeprefix("--").replace("-", "_")

    @property
    def spelling(self) -> str:
        """How error lines name the flag: ``--create-response/--no-create-response`` for a ``bool`` flag."""
        if self.action == "bool":
            return f"{self.option}/--no-{self.option.removeprefix('--')}"
        return self.option

    def spell(self, value: Any) -> list[str] | None:
        """The arguments that give this flag's field ``value``, or None when the flag cannot say it."""
        if self.action == "null":
            return [self.option] if value is None else None
        if self.action == "bool":
            return None if not isinstance(value, bool) else [self.option if value else self.spelling.split("/")[1]]
        if self.action == "append" or value is None:
            return None
        if self.convert is not None:
            if self.inverse is None:
                return None
            value = self.inverse(value)
            if value is None:
                return None
        values = value if self.nargs == "+" and isinstance(value, list) and value else [value]
        if self.nargs != "+" and isinstance(value, list):
            return None
        texts = [_text_for(item, self.type) for item in values]
        if any(t is None for t in texts) or (self.choices and any(t not in self.choices for t in texts)):
            return None
        # An error line is one line with single spaces, so a value needing other whitespace stays in the
        # JSON; a value that looks like an option is attached with "=" (one value only).
        if any(" ".join(str(t).split()) != t for t in texts):
            return None
        if any(str(t).startswith("-") for t in texts):
            return [f"{self.option}={texts[0]}"] if len(texts) == 1 else None
        return [self.option, *(str(t) for t in texts)]

    def under(self, prefix: str) -> Flag:
        """The same flag for a request that holds this one's object at ``prefix`` (``model`` -> ``session.model``)."""
        only_when = self.only_when and (f"{prefix}.{self.only_when[0]}", self.only_when[1])
        return attrs.evolve(self, field=self.field and f"{prefix}.{self.field}", only_when=only_when)


@attrs.frozen
class RequestSpec:
    """A command's request: its flags, the model that checks the body, whether --body exists.

    ``defaults`` are fields filled in when nothing sets them and the object that holds them is sent
    (the whole request always is): ``{"session.type": "realtime"}`` sends a session's type whenever a
    session is sent at all.
    """

    flags: tuple[Flag, ...]
    model: Callable[[], Any]
    body: bool = True
    defaults: Mapping[str, Any] = attrs.field(factory=dict)
    body_help: str = "a JSON request body from FILE, or - to read it from stdin"

    def add_to(self, parser: argparse.ArgumentParser) -> None:
        """Add --body (when the request has it) and one option per flag, in groups as the flags name them."""
        import argparse

        groups: dict[str, Any] = {}
        exclusive: dict[tuple[str, str], Any] = {}

        def group_of(flag: Flag) -> Any:
            if flag.group not in groups:
                groups[flag.group] = parser.add_argument_group(flag.group)
            if flag.exclusive is None:
                return groups[flag.group]
            key = (flag.group, flag.exclusive)
            if key not in exclusive:
                exclusive[key] = groups[flag.group].add_mutually_exclusive_group()
            return exclusive[key]

        if self.body:
            groups["request"] = parser.add_argument_group("request")
            groups["request"].add_argument("--body", metavar="FILE", help=self.body_help)
        for flag in self.flags:
            options: dict[str, Any] = {"help": self._help(flag)}
            if flag.action == "null":
                options["action"] = "store_true"
            elif flag.action == "bool":
                options.update(action=argparse.BooleanOptionalAction, default=None)
            else:
                if flag.action == "append":
                    options["action"] = "append"
                for name in ("metavar", "type", "choices", "nargs"):
                    if getattr(flag, name) is not None:
                        options[name] = getattr(flag, name)
            action = group_of(flag).add_argument(flag.option, **options)
            if flag.enum_help and flag.field is not None:
                # Read by argparse's "%(enum)s" only when help is shown, so parsing never imports the model.
                action.enum = _EnumHelp(self.model, flag.field.split(".")[0])  # type: ignore[attr-defined]

    def _help(self, flag: Flag) -> str | None:
        if not flag.enum_help or flag.field is None:
            return flag.help
        return f"{flag.help}; %(enum)s" if flag.help else "%(enum)s"

    def given(self, args: argparse.Namespace) -> list[tuple[Flag, Any]]:
        """The flags given on the command line, with their values as argparse parsed them."""
        out: list[tuple[Flag, Any]] = []
        for flag in self.flags:
            value = getattr(args, flag.dest)
            if value is None or (flag.action == "null" and value is False):
                continue
            out.append((flag, value))
        return out

    def body_from(self, args: argparse.Namespace) -> tuple[dict[str, Any], set[str]]:
        """The request body as a dict, and the fields the flags set: --body's JSON with the flags laid over it.

        Raises:
            CliError: unreadable --body, flags that contradict each other or the body, a value a flag's
                ``convert`` refuses, or a required field missing.
        """
        data: dict[str, Any] = read_json_object(args.body) if self.body and args.body is not None else {}
        given = [(flag, value) for flag, value in self.given(args) if flag.field is not None]
        for flag, _ in given:
            if flag.action == "null":
                inside = [other.spelling for other, _ in given if str(other.field).startswith(f"{flag.field}.")]
                if inside:
                    raise CliError(f"{flag.option} {flag.means}; it cannot be combined with {', '.join(inside)}.")
        from_flags: set[str] = set()
        for flag, value in given:
            if flag.action == "null":
                value = None
            elif flag.convert is not None:
                value = [flag.convert(v) for v in value] if flag.action == "append" else flag.convert(value)
            _put(data, str(flag.field), value)
            from_flags.add(str(flag.field))
        for path, value in self.defaults.items():
            *outer, last = path.split(".")
            holder = _get(data, ".".join(outer)) if outer else data
            if isinstance(holder, dict) and last not in holder:
                holder[last] = value
        self._check_only_when(data, given)
        for flag in self.flags:
            if flag.required is not None and flag.field is not None and _get(data, flag.field) is _MISSING:
                where = f' or put "{flag.field}" in --body' if self.body else ""
                raise CliError(
                    f"the request needs a {flag.field}: pass {flag.option} (e.g. {flag.option} {flag.required}){where}."
                )
        return data, from_flags

    def _check_only_when(self, data: dict[str, Any], given: list[tuple[Flag, Any]]) -> None:
        """Refuse flags whose ``only_when`` field holds another value the request allows (an unknown one
        is left for the model to name)."""
        misplaced: dict[str, list[str]] = {}
        for flag, _ in given:
            if flag.only_when is None:
                continue
            path, wanted = flag.only_when
            actual, setter = _get(data, path), self._setter(path)
            allowed = setter.choices if setter is not None and setter.choices else None
            if isinstance(actual, str) and actual != wanted and (allowed is None or actual in allowed):
                misplaced.setdefault(path, []).append(flag.option)
        for path, options in misplaced.items():
            wanted = next(f.only_when[1] for f in self.flags if f.only_when and f.only_when[0] == path)
            *outer, last = path.split(".")
            setter = self._setter(path)
            fix = f"use {setter.option} {wanted}" if setter is not None else f'its {last} must be "{wanted}"'
            noun = outer[-1] if outer else "request"
            raise CliError(f"{', '.join(options)}: a {_get(data, path)} {noun} takes none of these ({fix}).")

    def _setter(self, path: str) -> Flag | None:
        """The flag that sets a field, if one does."""
        return next((f for f in self.flags if f.field == path and f.action == "store"), None)

    def argv_for(self, body: dict[str, Any]) -> tuple[list[str], dict[str, Any]]:
        """The options that ask for ``body``, and what is left of it for --body (``{}`` when the options say it all).

        The inverse of :meth:`body_from`: each field a flag can spell goes to its flag; a default the
        request would get anyway is left out.
        """
        rest = copy.deepcopy(body)
        argv: list[str] = []
        written: list[str] = []
        for flag in self.flags:
            if flag.field is None or flag.field in self.defaults:
                continue
            value = _get(rest, flag.field)
            spelled = None if value is _MISSING else flag.spell(value)
            if spelled is not None:
                argv += spelled
                written.append(flag.field)
                _remove(rest, flag.field)
        for path, default in self.defaults.items():
            value = _get(rest, path)
            if value is _MISSING:
                continue
            _remove(rest, path)
            parent = path.rpartition(".")[0]
            # The request itself is always sent; an object inside it, when something else fills it.
            sent_anyway = (
                not parent or _get(rest, parent) is not _MISSING or any(w.startswith(parent + ".") for w in written)
            )
            if value == default and sent_anyway:
                continue
            setter = self._setter(path)
            spelled = setter.spell(value) if setter is not None else None
            if spelled is None:
                _put(rest, path, value)
            else:
                argv = spelled + argv
        return argv, rest

    def command_for(self, command: str, body: dict[str, Any]) -> str:
        """A shell command line ``psopenapi COMMAND ...`` that sends ``body``: options where they can say it,
        the rest as JSON piped into ``--body -``."""
        import shlex

        argv, rest = self.argv_for(body)
        line = shlex.join(["psopenapi", command, *(["--body", "-"] if rest else []), *argv])
        if rest:
            # The error line squeezes every run of (Unicode) whitespace into one space: outside strings
            # this JSON has single spaces only, and inside them non-ASCII and a second space are escaped.
            text = json.dumps(rest).replace("  ", " \\u0020")
            line = f"printf '%s\\n' {shlex.quote(text)} | {line}"
        return line

    def request_from(self, args: argparse.Namespace) -> Any:
        """The request model built from --body and the flags, checked like ``initialize_*`` checks it.

        Raises:
            CliError: as :meth:`body_from`, or a value the request model rejects (naming the flag or --body).
        """
        from ..exceptions import ApiTypeError, ApiValueError

        data, from_flags = self.body_from(args)
        try:
            return self.model().from_dict(data, lenient=False)
        except (ApiTypeError, ApiValueError) as exc:
            raise CliError(f"{exc}{self.attribution(exc.parameter, from_flags, args)}") from None

    def attribution(self, parameter: str | None, from_flags: set[str], args: argparse.Namespace) -> str:
        """' (from --voice)' or ' (from --body)' for an error about ``parameter``, or '' when the source is unclear."""
        path = parameter or ""
        while path:
            if path in from_flags:
                return f" (from {'/'.join(f.spelling for f in self.flags if f.field == path)})"
            shorter = re.sub(r"(\[\d+\]|\.[^.\[]+)$", "", path)  # tools[0].name -> tools[0] -> tools
            path = shorter if shorter != path else ""
        if self.body and args.body is not None:
            return " (from --body)"
        return ""


def _put(data: dict[str, Any], path: str, value: Any) -> None:
    """Set a dotted field, copying (or creating) the objects on the way so --body's own dicts stay as read."""
    *outer, last = path.split(".")
    node = data
    for key in outer:
        child = node.get(key)
        node[key] = child = dict(child) if isinstance(child, dict) else {}
        node = child
    node[last] = value


def _remove(data: dict[str, Any], path: str) -> None:
    """Delete a dotted field, and the objects on its way that are left empty."""
    *outer, last = path.split(".")
    nodes = [data]
    for key in outer:
        nodes.append(nodes[-1][key])
    del nodes[-1][last]
    for key, node, holder in zip(reversed(outer), reversed(nodes[1:]), reversed(nodes[:-1]), strict=True):
        if node:
            break
        del holder[key]


def _text_for(value: Any, kind: Callable[[str], Any] | None) -> str | None:
    """How a body value is typed on the command line for a flag of this ``type``, or None if it cannot be."""
    if isinstance(value, bool):
        return None
    if kind is int:
        return str(value) if isinstance(value, int) else None
    if kind is float:
        return repr(value) if isinstance(value, (int, float)) else None
    return value if kind is None and isinstance(value, str) else None


def _get(data: Any, path: str) -> Any:
    """A dotted field's value, or ``_MISSING`` when it (or an object on the way) is not there."""
    for key in path.split("."):
        if not isinstance(data, dict) or key not in data:
            return _MISSING
        data = data[key]
    return data


class _EnumHelp:
    """'one of: a, b, c' for a field of a request model, worked out (and the model imported) when printed."""

    def __init__(self, model: Callable[[], Any], field: str) -> None:
        self._model, self._field = model, field

    def __str__(self) -> str:
        return enum_help(self._model(), self._field)


def enum_help(model_cls: Any, field: str) -> str:
    """'one of: a, b, c' from the generated model's metadata, so help never drifts from the spec."""
    import attrs

    from .._runtime import SPEC, Arr, Str

    spec = attrs.fields_dict(model_cls)[field].metadata[SPEC]
    if isinstance(spec, Arr):
        spec = spec.items
    return "one of: " + ", ".join(spec.enum) if isinstance(spec, Str) and spec.enum else ""


def json_object(option: str, example: str) -> Callable[[str], dict[str, Any]]:
    """A ``convert`` for a flag whose value is a JSON object (``--tool '{...}'``)."""

    def convert(text: str) -> dict[str, Any]:
        value = parse_json(text, option)
        if not isinstance(value, dict):
            raise CliError(f"{option} {text!r} must be a JSON object, e.g. '{example}'.")
        return value

    return convert


def add_extra_json_option(parser: argparse.ArgumentParser) -> None:
    """Add ``--extra-json``: request fields the spec does not know yet, sent as given (``extra_body``)."""
    parser.add_argument(
        "--extra-json",
        metavar="JSON",
        help="a JSON object merged into the request body last, key by key (@FILE reads it from a file): for "
        "fields newer than the spec, sent as given; a typo in a known option is still refused",
    )


def extra_json(args: argparse.Namespace) -> dict[str, Any] | None:
    """The ``extra_body`` of ``--extra-json`` (None when not given)."""
    text = getattr(args, "extra_json", None)
    if text is None:
        return None
    if text.startswith("@"):
        return read_json_object(text[1:], "--extra-json")
    return json_object("--extra-json", '{"session": {"audio": {"input": {"noise_reduction": {"strength": 0.5}}}}}')(
        text
    )


def int_or_text(text: str) -> int | str:
    """A ``convert`` for a value that is a whole number or a word (``4096`` or ``inf``)."""
    return int(text) if re.fullmatch(r"[+-]?\d+", text.strip()) else text


def read_json_object(source: str, option: str = "--body") -> dict[str, Any]:
    """The JSON object in a file, or on stdin for '-' (UTF-8, or UTF-16 with a byte-order mark).

    Raises:
        CliError: unreadable, not JSON, too deep, or not an object.
    """
    data = parse_json(read_text(source, option), option, source)
    if not isinstance(data, dict):
        raise CliError(
            f"{option}: {shown(source)} must hold a JSON object (the request body), not a JSON {type(data).__name__}."
        )
    return data
