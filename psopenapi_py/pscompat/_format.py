"""Text as PowerShell makes it: ``"$x"`` (:func:`text`) and the ``-f`` operator (:func:`format_string`)."""

from __future__ import annotations

import decimal
import enum
import math
import re
from collections.abc import Mapping
from datetime import datetime, timedelta
from http import HTTPStatus
from typing import Any

from ._convert import ScriptError, is_null, is_number

__all__ = ["double_text", "format_number", "format_string", "text"]

# .NET's HttpStatusCode names where they are not the phrase with its spaces removed.
_STATUS_NAMES = {
    302: "Redirect",
    307: "TemporaryRedirect",
    413: "RequestEntityTooLarge",
    414: "RequestUriTooLong",
    416: "RequestedRangeNotSatisfiable",
    422: "UnprocessableEntity",
    500: "InternalServerError",
    505: "HttpVersionNotSupported",
}


def status_name(status: HTTPStatus) -> str:
    """The name .NET's ``HttpStatusCode`` gives a status (``Unauthorized``, ``TooManyRequests``)."""
    known = _STATUS_NAMES.get(int(status))
    if known is not None:
        return known
    return "".join(word[:1].upper() + word[1:] for word in re.split(r"[\s-]+", status.phrase))


def timespan_text(span: timedelta) -> str:
    """A time span as .NET writes it: ``[-][d.]hh:mm:ss[.fffffff]`` (``00:10:00``, ``1.02:03:04.5000000``)."""
    ticks = round(span.total_seconds() * 10_000_000)
    sign = "-" if ticks < 0 else ""
    ticks = abs(ticks)
    seconds, fraction = divmod(ticks, 10_000_000)
    minutes, sec = divmod(seconds, 60)
    hours, minute = divmod(minutes, 60)
    days, hour = divmod(hours, 24)
    out = f"{sign}{f'{days}.' if days else ''}{hour:02d}:{minute:02d}:{sec:02d}"
    return out + (f".{fraction:07d}" if fraction else "")


def format_timespan(span: timedelta, spec: str) -> str:
    """A time span with a .NET format: ``c``/``t``/``T`` (as its text), ``g``, ``G``, or a custom one
    (``hh\\:mm``, ``d\\.hh\\:mm\\:ss``, ``%m``: ``d``..``dddddddd``, ``h``/``hh``, ``m``/``mm``, ``s``/``ss``,
    ``f``..``fffffff``, ``F``..``FFFFFFF``, ``\\x`` and quoted literals)."""
    ticks = round(span.total_seconds() * 10_000_000)
    negative = ticks < 0
    ticks = abs(ticks)
    seconds, fraction = divmod(ticks, 10_000_000)
    minutes, sec = divmod(seconds, 60)
    hours, minute = divmod(minutes, 60)
    days, hour = divmod(hours, 24)
    if spec in ("c", "t", "T"):
        return timespan_text(span)
    if spec in ("g", "G"):
        sign = "-" if negative else ""
        if spec == "G":
            return f"{sign}{days}:{hour:02d}:{minute:02d}:{sec:02d}.{fraction:07d}"
        frac = f".{fraction:07d}".rstrip("0").rstrip(".") if fraction else ""
        return f"{sign}{f'{days}:' if days else ''}{hour}:{minute:02d}:{sec:02d}{frac}"
    out: list[str] = []
    i = 0
    spec = spec[1:] if spec.startswith("%") and len(spec) == 2 else spec
    while i < len(spec):
        c = spec[i]
        run = len(spec[i:]) - len(spec[i:].lstrip(c)) if c in "dhmsfF" else 1
        if c == "\\" and i + 1 < len(spec):
            out.append(spec[i + 1])
            i += 2
            continue
        if c in "'\"":
            end = spec.find(c, i + 1)
            if end < 0:
                raise ScriptError("Input string was not in a correct format.")
            out.append(spec[i + 1 : end])
            i = end + 1
            continue
        if c == "d" and run <= 8:
            out.append(f"{days:0{run}d}")
        elif c == "h" and run <= 2:
            out.append(f"{hour:0{run}d}")
        elif c == "m" and run <= 2:
            out.append(f"{minute:0{run}d}")
        elif c == "s" and run <= 2:
            out.append(f"{sec:0{run}d}")
        elif c == "f" and run <= 7:
            out.append(f"{fraction:07d}"[:run])
        elif c == "F" and run <= 7:
            out.append(f"{fraction:07d}"[:run].rstrip("0"))
        else:
            # .NET refuses any other character in a custom TimeSpan format (literals must be escaped).
            raise ScriptError("Input string was not in a correct format.")
        i += run
    return "".join(out)


def double_text(value: float) -> str:
    """A double as PowerShell writes it in text: 15 significant digits, ``E+XX`` beyond them."""
    if math.isnan(value):
        return "NaN"
    if math.isinf(value):
        return "Infinity" if value > 0 else "-Infinity"
    out = format(value, ".15g")
    if "e" in out:
        mantissa, exponent = out.split("e")
        sign = exponent[0]
        digits = exponent[1:].lstrip("0").rjust(2, "0")
        out = f"{mantissa}E{sign}{digits}"
    return out


def _shortest_double(value: float) -> str:
    """A double as .NET's ``ToString()`` writes it (the ``-f`` operator without a format): shortest round trip."""
    if math.isnan(value) or math.isinf(value):
        return double_text(value)
    exact = decimal.Decimal(repr(value))
    exponent = exact.adjusted()
    if -5 < exponent < 15:
        out = format(exact, "f")
        return out.rstrip("0").rstrip(".") if "." in out else out
    sign, digits, _ = exact.as_tuple()
    mantissa = "".join(map(str, digits)).rstrip("0") or "0"
    mantissa = mantissa[0] + ("." + mantissa[1:] if len(mantissa) > 1 else "")
    return f"{'-' if sign else ''}{mantissa}E{'-' if exponent < 0 else '+'}{abs(exponent):02d}"


class _OutputFieldSeparator:
    """``$OFS``: what joins an array's items when it becomes text (a space until the script sets it)."""

    separator = " "


OFS = _OutputFieldSeparator()


def enum_text(value: enum.Enum) -> str:
    """A .NET enum value as PowerShell writes it: its name (``Saturday``, ``RemoveEmptyEntries``), a flag
    enum's set flags joined with ``, ``, ``None`` for none."""

    def spelled(name: str) -> str:
        return "".join(part.capitalize() for part in name.split("_")) if name.isupper() else name

    if isinstance(value, enum.Flag):
        members = [m for m in type(value) if m.value and (value.value & m.value) == m.value]
        if not members:
            return "None" if value.value == 0 else str(value.value)
        return ", ".join(spelled(m.name or "") for m in members)
    return spelled(value.name)


def text(value: Any) -> str:
    """``"$value"``: the text PowerShell makes of a value in a string.

    ``$null`` is empty, numbers as PowerShell prints them (``900/60`` is ``15``, a JSON ``1.0`` is ``1``),
    booleans ``True``/``False``, an array its items joined with spaces, an HTTP status its name
    (``Unauthorized``), a ``[pscustomobject]`` ``@{a=1; b=2}``, a date ``MM/dd/yyyy HH:mm:ss``.
    """
    from ._collections import Hashtable, OrderedHashtable, PSObject, model_fields

    if is_null(value):
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "True" if value else "False"
    if isinstance(value, HTTPStatus):
        return status_name(value)
    if isinstance(value, enum.Enum):
        return enum_text(value)
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return double_text(value)
    if isinstance(value, (list, tuple)):
        return OFS.separator.join(text(item) for item in value)
    if isinstance(value, PSObject) or type(value) is dict:
        # A plain dict is a JSON object of an answer (a tool's free-form parameters): an object to PowerShell.
        if not value:
            return ""  # an object without properties
        return "@{" + "; ".join(f"{k}={_inner_text(v)}" for k, v in value.items()) + "}"
    if isinstance(value, OrderedHashtable):
        return "System.Collections.Specialized.OrderedDictionary"
    if isinstance(value, (Hashtable, dict)):
        return "System.Collections.Hashtable"
    if isinstance(value, datetime):
        from ._time import format_datetime

        return format_datetime(value, "G")
    if isinstance(value, timedelta):
        return timespan_text(value)
    if isinstance(value, BaseException):
        return str(value)
    fields = model_fields(value)
    if fields is not None:
        return "@{" + "; ".join(f"{k}={_inner_text(v)}" for k, v in fields.items()) + "}"
    if isinstance(value, Mapping):
        return "System.Collections.Hashtable"
    return str(value)


def _inner_text(value: Any) -> str:
    """A property value inside ``@{...}``, as PowerShell writes it without recursing: arrays and tables show
    their type, an object nested in the object nothing (``@{a=}``)."""
    from ._collections import PSObject, model_fields

    if isinstance(value, (list, tuple)):
        return "System.Object[]"
    if isinstance(value, PSObject) or type(value) is dict or model_fields(value) is not None:
        return ""
    return text(value)


# --------------------------------------------------------------------------------------------------
# Composite formatting: '{0,-8:N1}' -f $x

_ITEM = re.compile(r"\{\{|\}\}|\{(\d+)\s*(?:,\s*(-?\d+))?\s*(?::([^}]*))?\}|[{}]")


def format_string(template: Any, args: Any) -> str:
    """``template -f args``: .NET composite formatting (``{0}``, ``{1,-8}``, ``{0:D3}``, ``{2,5:N1}``, ``{{``).

    ``args`` is the right operand: one array gives the items, anything else is item 0.
    """
    pattern = text(template)
    if isinstance(args, tuple):
        args = list(args)
    items = args if isinstance(args, list) else [args]

    def one(m: re.Match[str]) -> str:
        whole = m.group(0)
        if whole == "{{":
            return "{"
        if whole == "}}":
            return "}"
        if m.group(1) is None:
            raise ScriptError(f"Error formatting a string: Input string was not in a correct format.: {pattern}")
        position = int(m.group(1))
        if position >= len(items):
            raise ScriptError(
                "Error formatting a string: Index (zero based) must be greater than or equal to zero "
                f"and less than the size of the argument list.: {pattern}"
            )
        value = items[position]
        spec = m.group(3)
        out = _format_item(value, spec)
        width = m.group(2)
        if width is not None:
            w = int(width)
            out = out.ljust(-w) if w < 0 else out.rjust(w)
        return out

    return _ITEM.sub(one, pattern)


def _format_item(value: Any, spec: str | None) -> str:
    if isinstance(value, timedelta) and spec:
        return format_timespan(value, spec)
    if isinstance(value, datetime):
        from ._time import format_datetime

        return format_datetime(value, spec or "G")
    if isinstance(value, enum.Enum):
        # An enum (an HTTP status, a day of the week) shows its name; D and X its number.
        if spec and spec[:1].upper() in "DX":
            return format_number(int(value.value), spec)
        return text(value)
    if is_number(value):
        if spec:
            return format_number(value, spec)
        return _shortest_double(value) if isinstance(value, float) else str(value)
    return text(value)


def _round_exact(value: Any, places: int) -> decimal.Decimal:
    """The number's exact (binary) value rounded to ``places`` decimals, a tie to the even digit: what .NET
    (Core 3.0 and later, so PowerShell 7) shows for the standard formats F, N, P and C (``'{0:F1}' -f 0.25``
    is ``0.2``, ``'{0:F1}' -f 0.75`` is ``0.8``)."""
    exact = decimal.Decimal(value)
    quantum = decimal.Decimal(1).scaleb(-places)
    with decimal.localcontext() as ctx:
        ctx.prec = 400
        return exact.quantize(quantum, rounding=decimal.ROUND_HALF_EVEN)


def _round_custom(value: Any, places: int, shift: int = 0) -> decimal.Decimal:
    """A number rounded as .NET's custom formats (``0.00``) round it: a double first to 15 significant
    digits, then half away from zero (``'{0:0.0}' -f 0.35`` is ``0.4``, where ``F1`` gives ``0.3``)."""
    digits = decimal.Decimal(format(value, ".15g")) if isinstance(value, float) else decimal.Decimal(value)
    digits = digits.scaleb(shift)  # a % in the format: the digits times 100, exactly
    quantum = decimal.Decimal(1).scaleb(-places)
    with decimal.localcontext() as ctx:
        ctx.prec = 400
        return digits.quantize(quantum, rounding=decimal.ROUND_HALF_UP)


def _group(digits: str) -> str:
    """Thousands separators in the invariant culture: ``1234567`` -> ``1,234,567``."""
    out = []
    while len(digits) > 3:
        out.append(digits[-3:])
        digits = digits[:-3]
    out.append(digits)
    return ",".join(reversed(out))


def _fixed(value: Any, places: int, grouped: bool) -> str:
    rounded = _round_exact(value, places)
    negative = rounded < 0
    body = f"{abs(rounded):f}"
    whole, _, frac = body.partition(".")
    if grouped:
        whole = _group(whole)
    out = whole + ("." + frac if places > 0 else "")
    if negative and any(c not in "0.," for c in out):
        out = "-" + out
    return out


def format_number(value: Any, spec: str) -> str:
    """A number with a .NET format string: standard (``D3``, ``N1``, ``F2``, ``P0``, ``X``, ``E``, ``G``) or custom (``0.00``, ``#,##0``)."""
    m = re.fullmatch(r"([A-Za-z])(\d{0,2})", spec)
    if m:
        kind, digits = m.group(1), m.group(2)
        places = int(digits) if digits else None
        upper = kind.upper()
        if upper == "D":
            if isinstance(value, float):
                raise ScriptError("Error formatting a string: Format specifier was invalid.")
            body = str(abs(value)).rjust(places or 0, "0")
            return ("-" if value < 0 else "") + body
        if upper == "X":
            if isinstance(value, float):
                raise ScriptError("Error formatting a string: Format specifier was invalid.")
            number = value if value >= 0 else value + (1 << 32 if value >= -(1 << 31) else 1 << 64)
            body = format(number, "X" if kind == "X" else "x")
            return body.rjust(places or 0, "0")
        if upper == "N":
            return _fixed(value, 2 if places is None else places, True)
        if upper == "F":
            return _fixed(value, 2 if places is None else places, False)
        if upper == "P":
            return _fixed(decimal.Decimal(value) * 100, 2 if places is None else places, True) + " %"
        if upper == "C":
            return "¤" + _fixed(value, 2 if places is None else places, True)
        if upper == "E":
            p = 6 if places is None else places
            mantissa, exponent = format(value, f".{p}e").split("e")
            sign = "-" if exponent.startswith("-") else "+"
            return f"{mantissa}{kind}{sign}{exponent.lstrip('+-').rjust(3, '0')}"
        if upper in ("G", "R"):
            if places:
                out = format(value, f".{places}g")
                if "e" in out:
                    mantissa, exponent = out.split("e")
                    sign = "-" if exponent.startswith("-") else "+"
                    out = f"{mantissa}E{sign}{exponent.lstrip('+-').rjust(2, '0')}"
                return out
            return _shortest_double(value) if isinstance(value, float) else str(value)
        raise ScriptError("Error formatting a string: Format specifier was invalid.")
    return _custom_number(value, spec)


def _custom_number(value: Any, spec: str) -> str:
    """.NET custom numeric formats: ``0`` and ``#`` placeholders, ``,`` grouping, ``.``, ``%``, quoted literals."""
    sections = spec.split(";")
    if len(sections) > 1 and value < 0 and sections[1]:
        spec, value = sections[1], -value
    elif len(sections) > 2 and value == 0 and sections[2]:
        spec = sections[2]
    else:
        spec = sections[0]
    literal_prefix, literal_suffix = "", ""
    m = re.fullmatch(r"((?:'[^']*'|\"[^\"]*\"|[^0#.,%'\"])*)([0#.,]*)(.*)", spec)
    if not m:
        raise ScriptError("Error formatting a string: Format specifier was invalid.")
    literal_prefix, pattern, rest = m.group(1), m.group(2), m.group(3)
    percent = "%" in rest or "%" in literal_prefix
    literal_suffix = rest
    whole_pat, _, frac_pat = pattern.partition(".")
    grouped = "," in whole_pat.strip(",") or (whole_pat.endswith(",") and False)
    min_whole = whole_pat.replace(",", "").count("0")
    min_frac = frac_pat.count("0")
    max_frac = len(frac_pat.replace(",", ""))
    rounded = _round_custom(value, max_frac, 2 if percent else 0)
    negative = rounded < 0
    body = f"{abs(rounded):f}"
    whole, _, frac = body.partition(".")
    whole = whole.lstrip("0")
    whole = whole.rjust(min_whole, "0")
    frac = frac[:max_frac].rstrip("0").ljust(min_frac, "0")
    if grouped and whole:
        whole = _group(whole)
    out = whole + ("." + frac if frac else "")
    if not out:
        out = "0" if min_whole else ""
    if negative and any(c.isdigit() and c != "0" for c in out):
        out = "-" + out

    def unquote(s: str) -> str:
        return re.sub(r"'([^']*)'|\"([^\"]*)\"", lambda q: q.group(1) or q.group(2) or "", s)

    return unquote(literal_prefix) + out + unquote(literal_suffix)
