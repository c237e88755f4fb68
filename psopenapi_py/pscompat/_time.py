"""Dates as PowerShell has them: ``Get-Date``, .NET date format strings, ``[datetime]`` casts."""

from __future__ import annotations

import re
from datetime import datetime, timedelta, timezone
from typing import Any

from ._convert import ScriptError
from ._exceptions import method_error

__all__ = ["format_datetime", "get_date", "measure_command", "new_timespan", "to_datetime"]

_STANDARD = {
    "d": "MM/dd/yyyy",
    "D": "dddd, dd MMMM yyyy",
    "f": "dddd, dd MMMM yyyy HH:mm",
    "F": "dddd, dd MMMM yyyy HH:mm:ss",
    "g": "MM/dd/yyyy HH:mm",
    "G": "MM/dd/yyyy HH:mm:ss",
    "M": "MMMM dd",
    "m": "MMMM dd",
    "s": "yyyy'-'MM'-'dd'T'HH':'mm':'ss",
    "t": "HH:mm",
    "T": "HH:mm:ss",
    "u": "yyyy'-'MM'-'dd HH':'mm':'ss'Z'",
    "y": "yyyy MMMM",
    "Y": "yyyy MMMM",
}

_TOKEN = re.compile(
    r"'[^']*'|\"[^\"]*\"|\\.|d{1,4}|f{1,7}|F{1,7}|g{1,2}|h{1,2}|H{1,2}|K|m{1,2}|M{1,4}|s{1,2}|t{1,2}|y{1,5}|z{1,3}|.",
    re.DOTALL,
)


def _offset(moment: datetime, colon: bool = True, short: bool = False) -> str:
    delta = moment.utcoffset() if moment.tzinfo is not None else datetime.now().astimezone().utcoffset()
    minutes = int((delta or timedelta()).total_seconds() // 60)
    sign = "-" if minutes < 0 else "+"
    hours, mins = divmod(abs(minutes), 60)
    if short:
        return f"{sign}{hours}"
    return f"{sign}{hours:02d}:{mins:02d}" if colon else f"{sign}{hours:02d}"


def format_datetime(moment: datetime, fmt: str) -> str:
    """A date-time with a .NET format string in the invariant culture (``yyyy-MM-dd``, ``o``, ``s``, ``u``, ``G``...)."""
    if fmt in ("o", "O"):
        base = moment.strftime("%Y-%m-%dT%H:%M:%S") + f".{moment.microsecond:06d}0"
        if moment.tzinfo is None:
            return base
        if moment.utcoffset() == timedelta(0) and moment.tzinfo is timezone.utc:
            return base + "Z"
        return base + _offset(moment)
    if fmt in ("u",):
        moment = moment.astimezone(timezone.utc) if moment.tzinfo is not None else moment
    pattern = _STANDARD.get(fmt, fmt) if len(fmt) == 1 else fmt
    if len(fmt) == 1 and fmt not in _STANDARD:
        raise ScriptError("Input string was not in a correct format.")
    out = []
    for token in _TOKEN.findall(pattern):
        c = token[0]
        n = len(token)
        if c in "'\"" and n >= 2 and token[-1] == c:
            out.append(token[1:-1])
        elif c == "\\":
            out.append(token[1:])
        elif c == "y":
            out.append(
                f"{moment.year % 100:02d}" if n == 2 else str(moment.year % 100) if n == 1 else f"{moment.year:0{n}d}"
            )
        elif c == "M":
            out.append(
                str(moment.month)
                if n == 1
                else f"{moment.month:02d}"
                if n == 2
                else moment.strftime("%b" if n == 3 else "%B")
            )
        elif c == "d":
            out.append(
                str(moment.day)
                if n == 1
                else f"{moment.day:02d}"
                if n == 2
                else moment.strftime("%a" if n == 3 else "%A")
            )
        elif c == "H":
            out.append(str(moment.hour) if n == 1 else f"{moment.hour:02d}")
        elif c == "h":
            hour = moment.hour % 12 or 12
            out.append(str(hour) if n == 1 else f"{hour:02d}")
        elif c == "m":
            out.append(str(moment.minute) if n == 1 else f"{moment.minute:02d}")
        elif c == "s":
            out.append(str(moment.second) if n == 1 else f"{moment.second:02d}")
        elif c in "fF":
            digits = f"{moment.microsecond:06d}0"[:n]
            out.append(digits.rstrip("0") if c == "F" else digits)
        elif c == "t":
            out.append(("AM" if moment.hour < 12 else "PM")[:n])
        elif c == "z":
            out.append(_offset(moment, colon=n == 3, short=n == 1))
        elif c == "K":
            out.append("" if moment.tzinfo is None else "Z" if moment.utcoffset() == timedelta(0) else _offset(moment))
        elif c == "g":
            out.append("A.D.")
        else:
            out.append(token)
    return "".join(out)


def to_datetime(value: Any) -> datetime:
    """``[datetime]value``: a date-time as is, or ISO 8601 / invariant-culture text parsed."""
    if isinstance(value, datetime):
        return value
    s = str(value).strip()
    iso = s.replace("Z", "+00:00") if s.endswith("Z") else s
    try:
        if re.match(r"^\d{4}-\d{2}-\d{2}", iso):
            frac = re.search(r"\.(\d+)", iso)
            if frac and len(frac.group(1)) > 6:
                iso = iso.replace(frac.group(0), "." + frac.group(1)[:6])
            parsed = datetime.fromisoformat(iso)
            return parsed
        for pattern in ("%m/%d/%Y %H:%M:%S", "%m/%d/%Y %H:%M", "%m/%d/%Y"):
            try:
                return datetime.strptime(s, pattern)
            except ValueError:
                continue
    except ValueError:
        pass
    raise ScriptError(
        f'Cannot convert value "{s}" to type "System.DateTime". Error: "String \'{s}\' was not recognized as a valid DateTime."'
    )


class InvariantCulture:
    """``[Globalization.CultureInfo]::InvariantCulture``: the culture every date and number here is read in."""

    Name = ""
    DisplayName = "Invariant Language (Invariant Country)"

    def __str__(self) -> str:
        return ""


INVARIANT_CULTURE = InvariantCulture()

_MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December"]  # fmt: skip
#: .NET custom date-format specifiers (longest first) to (group name, regex).
_SPECIFIERS = [
    ("yyyy", "year", r"\d{4}"),
    ("yy", "year2", r"\d{2}"),
    ("MMMM", "monthname", "|".join(_MONTHS)),
    ("MMM", "monthabbr", "|".join(m[:3] for m in _MONTHS)),
    ("MM", "month", r"\d{2}"),
    ("M", "month", r"\d{1,2}"),
    ("dddd", "dayname", r"[A-Za-z]+"),
    ("ddd", "dayabbr", r"[A-Za-z]{3}"),
    ("dd", "day", r"\d{2}"),
    ("d", "day", r"\d{1,2}"),
    ("HH", "hour", r"\d{2}"),
    ("H", "hour", r"\d{1,2}"),
    ("hh", "hour12", r"\d{2}"),
    ("h", "hour12", r"\d{1,2}"),
    ("mm", "minute", r"\d{2}"),
    ("m", "minute", r"\d{1,2}"),
    ("ss", "second", r"\d{2}"),
    ("s", "second", r"\d{1,2}"),
    ("fffffff", "fraction", r"\d{7}"),
    ("ffffff", "fraction", r"\d{6}"),
    ("fffff", "fraction", r"\d{5}"),
    ("ffff", "fraction", r"\d{4}"),
    ("fff", "fraction", r"\d{3}"),
    ("ff", "fraction", r"\d{2}"),
    ("f", "fraction", r"\d"),
    ("tt", "ampm", r"AM|PM"),
    ("zzz", "offset", r"[+-]\d{2}:\d{2}"),
    ("K", "offset", r"Z|[+-]\d{2}:\d{2}|"),
]


def _exact_pattern(fmt: str) -> re.Pattern[str]:
    """A .NET custom date format as a regex with named groups (quoted text and escapes are literal)."""
    out: list[str] = []
    seen: set[str] = set()
    i = 0
    while i < len(fmt):
        c = fmt[i]
        if c in "'\"":
            end = fmt.find(c, i + 1)
            if end < 0:
                raise ScriptError(f"Cannot find a matching quote character for the character '{c}'.")
            out.append(re.escape(fmt[i + 1 : end]))
            i = end + 1
            continue
        if c == "\\" and i + 1 < len(fmt):
            out.append(re.escape(fmt[i + 1]))
            i += 2
            continue
        for spec, group, regex in _SPECIFIERS:
            if fmt.startswith(spec, i):
                if group in seen:
                    out.append(f"(?:{regex})")
                else:
                    seen.add(group)
                    out.append(f"(?P<{group}>{regex})")
                i += len(spec)
                break
        else:
            out.append(re.escape(c))
            i += 1
    return re.compile("".join(out) + r"\Z")


def parse_exact(value: Any, formats: Any, provider: Any = None, styles: Any = None) -> datetime:
    """``[datetime]::ParseExact(text, format, culture)``: the text read with a .NET custom format (or the
    first of several that fits), in the invariant culture; an offset in the text gives local time, as .NET does."""
    from ._collections import items

    if provider is not None and not isinstance(provider, InvariantCulture):
        raise ScriptError("Only [Globalization.CultureInfo]::InvariantCulture is supported for ParseExact here.")
    s = str(value) if value is not None else ""
    for fmt in items(formats):
        found = _exact_pattern(str(fmt)).match(s)
        if found is None:
            continue
        g = found.groupdict()
        year = int(g["year"]) if g.get("year") else (2000 + int(g["year2"]) if g.get("year2") else 1)
        if g.get("monthname"):
            month = _MONTHS.index(g["monthname"].capitalize()) + 1
        elif g.get("monthabbr"):
            month = [m[:3] for m in _MONTHS].index(g["monthabbr"].capitalize()) + 1
        else:
            month = int(g.get("month") or 1)
        hour = int(g.get("hour") or 0)
        if g.get("hour12"):
            hour = int(g["hour12"]) % 12 + (12 if (g.get("ampm") or "").upper() == "PM" else 0)
        fraction = g.get("fraction") or ""
        micro = int((fraction + "000000")[:6]) if fraction else 0
        try:
            parsed = datetime(
                year, month, int(g.get("day") or 1), hour, int(g.get("minute") or 0), int(g.get("second") or 0), micro
            )
        except ValueError:
            break
        offset = g.get("offset")
        if offset:
            delta = timedelta(0) if offset == "Z" else timedelta(hours=int(offset[1:3]), minutes=int(offset[4:6]))
            zone = timezone(-delta if offset.startswith("-") else delta)
            parsed = parsed.replace(tzinfo=zone).astimezone().replace(tzinfo=None)
        return parsed
    raise method_error(
        "ParseExact", "System.FormatException", f"String '{s}' was not recognized as a valid DateTime.", argc=3
    )


_SPAN_TEXT = re.compile(r"^\s*(-)?(?:(\d+)\.)?(\d+):(\d+)(?::(\d+)(?:\.(\d{1,7}))?)?\s*$")


def to_timespan(value: Any) -> timedelta:
    """``[timespan]value``: a time span as is, ``[-][d.]hh:mm[:ss[.fffffff]]`` text, a whole number of days
    as text (``'3'``), or a number of ticks (100 ns), as .NET converts them."""
    from ._convert import is_number

    if isinstance(value, timedelta):
        return value
    if is_number(value):
        return timedelta(microseconds=int(value) / 10)
    s = "" if value is None else str(value)
    found = _SPAN_TEXT.match(s)
    if found is None and s.strip().isdigit():
        return timedelta(days=int(s))
    if found is None:
        raise ScriptError(
            f'Cannot convert value "{s}" to type "System.TimeSpan". Error: "String \'{s}\' was not recognized as a valid TimeSpan."'
        )
    sign, days, hours, minutes, seconds, fraction = found.groups()
    if int(hours) > 23 or int(minutes) > 59 or int(seconds or 0) > 59:
        raise ScriptError(
            f'Cannot convert value "{s}" to type "System.TimeSpan". Error: "The TimeSpan string \'{s}\' could not be parsed because at least one of the numeric components is out of range or contains too many digits."'
        )
    span = timedelta(
        days=int(days or 0),
        hours=int(hours),
        minutes=int(minutes),
        seconds=int(seconds or 0),
        microseconds=int((fraction or "").ljust(7, "0")[:7]) / 10,
    )
    return -span if sign else span


def new_timespan(
    start: Any = None,
    end: Any = None,
    days: Any = 0,
    hours: Any = 0,
    minutes: Any = 0,
    seconds: Any = 0,
    milliseconds: Any = 0,
) -> timedelta:
    """``New-TimeSpan``: from ``start`` to ``end`` (now when left out), or of the given days, hours, ..."""
    from ._convert import to_double

    if start is not None or end is not None:
        begin = to_datetime(start) if start is not None else datetime.now()
        finish = to_datetime(end) if end is not None else datetime.now()
        if (begin.tzinfo is None) != (finish.tzinfo is None):
            begin, finish = begin.astimezone(timezone.utc), finish.astimezone(timezone.utc)
        return finish - begin
    return timedelta(
        days=to_double(days),
        hours=to_double(hours),
        minutes=to_double(minutes),
        seconds=to_double(seconds),
        milliseconds=to_double(milliseconds),
    )


def measure_command(block: Any) -> timedelta:
    """``Measure-Command { ... }``: how long running the block took (what it writes is thrown away)."""
    import time

    from ._pipeline import output

    start = time.perf_counter()
    output(block() if callable(block) else block)
    return timedelta(seconds=time.perf_counter() - start)


def get_date(date: Any = None, format: str | None = None, as_utc: bool = False) -> Any:  # noqa: A002 - the cmdlet's name
    """``Get-Date [-Date d] [-Format f] [-AsUTC]``: now (local time), or ``date``; text when ``format`` is given."""
    moment = to_datetime(date) if date is not None else datetime.now()
    if as_utc:
        moment = moment.astimezone(timezone.utc)
    return format_datetime(moment, format) if format is not None else moment
