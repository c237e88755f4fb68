"""psopenapi_py.pscompat: each function gives PowerShell 7's result (the expected values are pwsh's)."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import datetime, timezone
from http import HTTPStatus
from pathlib import Path
from typing import Any

import pytest

from psopenapi_py import pscompat as ps
from psopenapi_py.pscompat import Hashtable, PSObject, ScriptError

# --------------------------------------------------------------------------------------------------
# Text


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (900 / 60, "15"),  # an integral double prints without a decimal point
        (1.0, "1"),
        (2.5, "2.5"),
        (1 / 3, "0.333333333333333"),  # 15 significant digits
        (11111.11 - 11110, "1.11000000000058"),
        (1e20, "1E+20"),
        (1e-5, "1E-05"),
        (None, ""),
        (True, "True"),
        ([1, "a", None, 2.5], "1 a  2.5"),  # $OFS: items joined with spaces
        (HTTPStatus.UNAUTHORIZED, "Unauthorized"),
        (HTTPStatus.TOO_MANY_REQUESTS, "TooManyRequests"),
        (HTTPStatus.INTERNAL_SERVER_ERROR, "InternalServerError"),
        # PowerShell does not recurse into a nested object's properties: a nested custom object is empty.
        (PSObject({"a": 1, "b": [1, 2], "c": PSObject({"d": 1})}), "@{a=1; b=System.Object[]; c=}"),
        (PSObject({}), ""),
        (Hashtable({"a": 1}), "System.Collections.Hashtable"),
        (datetime(2026, 12, 1, 5, 4, 3), "12/01/2026 05:04:03"),
        (float("nan"), "NaN"),
    ],
)
def test_text_is_what_powershell_puts_in_a_string(value: Any, expected: str) -> None:
    assert ps.text(value) == expected


@pytest.mark.parametrize(
    ("template", "args", "expected"),
    [
        ("{0,-4}{1,-8}{2,-6}{3}", ["#", "VOICE", "MODES", "CAP"], "#   VOICE   MODES CAP"),
        ("{0:D3}|{1,5}|{1,-5}|", [7, "ab"], "007|   ab|ab   |"),
        ("{0,-7}{1,5:N1}%", ["gold", 50.0], "gold    50.0%"),
        ("{0:N0}|{0:N2}|{0:F1}", [1234567.5], "1,234,568|1,234,567.50|1234567.5"),
        # The standard formats round the exact binary value, a tie to the even digit (pwsh 7.1.4 prints
        # 0.2 and 0.8 for '{0:f1}' of 0.25 and 0.75: PowerShell/PowerShell#16150).
        ("{0:F1}|{1:F2}|{2:F1}|{3:F1}|{4:N0}", [0.35, 0.125, 0.25, 0.75, 2.5], "0.3|0.12|0.2|0.8|2"),
        ("{0:N1}|{1:P0}|{2:F2}", [281.25, 0.625, 0.025], "281.2|62 %|0.03"),
        # A custom format reads 15 significant digits, then rounds half away from zero.
        ("{0:0.0}|{1:0.00}|{2:0%}|{3:0}", [0.35, 0.125, 0.615, 2.5], "0.4|0.13|62%|3"),
        ("{0:P1}|{0:P0}", [0.1234], "12.3 %|12 %"),
        ("{0:X}|{0:x4}", [255], "FF|00ff"),
        ("{0:0.00}|{1:#,##0}|{2:00}", [3.14159, 1234567, 5], "3.14|1,234,567|05"),
        ("{0}", [0.1 + 0.2], "0.30000000000000004"),  # -f uses .NET's shortest round trip, unlike "$x"
        ("{0}", [3000.0], "3000"),
        ("{{{0}}}", ["x"], "{x}"),
        ("{0} and {1}", [[1, 2], "b"], "1 2 and b"),
        ("{0:yyyy-MM-dd HH:mm}", [datetime(2026, 1, 2, 3, 4)], "2026-01-02 03:04"),
        ("{0}", [True], "True"),
    ],
)
def test_format_operator_follows_dotnet_composite_formatting(template: str, args: list[Any], expected: str) -> None:
    assert ps.format_string(template, args) == expected


def test_format_operator_takes_one_array_as_its_items() -> None:
    assert ps.format_string("{0}-{1}", ["a", "b"]) == "a-b"
    assert ps.format_string("{0}", "solo") == "solo"


def test_format_operator_index_past_the_items_is_an_error() -> None:
    with pytest.raises(ScriptError, match=r"Index \(zero based\) must be greater than or equal to zero"):
        ps.format_string("{1}", ["a"])


def test_d_format_of_a_double_is_an_error_as_in_dotnet() -> None:
    with pytest.raises(ScriptError, match="Format specifier was invalid"):
        ps.format_string("{0:D2}", [1.5])


# --------------------------------------------------------------------------------------------------
# Comparison and arithmetic


@pytest.mark.parametrize(
    ("op", "left", "right", "expected"),
    [
        ("eq", 4096, "4096", True),  # the right side is converted to the left side's type
        ("eq", "4096", 4096, True),
        ("eq", "ABC", "abc", True),  # strings ignore case
        ("eq", 5, "abc", False),  # a failed conversion is just unequal
        ("ne", "a", "A", False),
        ("lt", "apple", "Banana", True),
        ("gt", 10, "9", True),  # numerically, because the left side is a number
        ("gt", "10", 9, False),  # as text, because the left side is a string
        ("eq", None, None, True),
        ("eq", None, 0, False),
        ("eq", True, "yes", True),
        ("eq", [1, 2, 3, 2], 2, [2, 2]),  # an array on the left filters
        ("ne", ["a", "B"], "b", ["a"]),
    ],
)
def test_compare_converts_and_ignores_case(op: str, left: Any, right: Any, expected: Any) -> None:
    assert ps.compare(op, left, right) == expected


def test_case_sensitive_operators_keep_case() -> None:
    assert ps.compare("eq", "ABC", "abc", case=True) is False
    assert ps.like("ABC", "a*", case=True) is False
    assert ps.contains(["ABC"], "abc", case=True) is False


def test_ordering_a_number_against_text_that_is_not_one_is_an_error() -> None:
    with pytest.raises(ScriptError, match='Could not compare "5" to "abc"'):
        ps.compare("lt", 5, "abc")


@pytest.mark.parametrize(
    ("left", "right", "expected"),
    [
        (2, "3", 5),  # the left side is a number: add
        ("2", 3, "23"),  # the left side is text: concatenate
        (None, 4, 4),
        ([1], 2, [1, 2]),
        ([1], [2, 3], [1, 2, 3]),
        (1, 0.5, 1.5),
        ("a", None, "a"),
    ],
)
def test_add_follows_the_left_operand(left: Any, right: Any, expected: Any) -> None:
    assert ps.add(left, right) == expected


def test_adding_text_that_is_not_a_number_to_a_number_is_powershells_error() -> None:
    with pytest.raises(ScriptError) as caught:
        ps.add(1, "abc")
    assert str(caught.value) == (
        'Cannot convert value "abc" to type "System.Int32". Error: "Input string was not in a correct format."'
    )


def test_hashtables_add_and_a_repeated_key_is_an_error() -> None:
    merged = ps.add(Hashtable(a=1), Hashtable(b=2))
    assert merged == {"a": 1, "b": 2}
    with pytest.raises(ScriptError, match="Item has already been added"):
        ps.add(Hashtable(a=1), Hashtable(A=2))


def test_division_keeps_exact_integers_and_mod_keeps_the_dividends_sign() -> None:
    assert ps.div(9000, 3) == 3000 and isinstance(ps.div(9000, 3), int)
    assert ps.div(9000, 480) == 18.75
    assert ps.div("10", "4") == 2.5
    assert ps.mod(-7, 3) == -1
    assert ps.mul("-", 3) == "---"
    assert ps.sub("10", 3) == 7
    assert ps.neg("5") == -5
    with pytest.raises(ScriptError, match="Attempted to divide by zero."):
        ps.div(1, 0)


def test_range_counts_both_ways_and_includes_both_ends() -> None:
    assert ps.range_(1, 3) == [1, 2, 3]
    assert ps.range_(3, 1) == [3, 2, 1]
    assert ps.range_(1, "2") == [1, 2]


# --------------------------------------------------------------------------------------------------
# Conversions


@pytest.mark.parametrize(
    ("value", "expected"),
    [(2.5, 2), (3.5, 4), ("3.5", 4), ("2.5", 2), (-2.5, -2), ("  42 ", 42), ("0x1F", 31), (True, 1), (None, 0)],
)
def test_int_cast_rounds_half_to_even_whatever_the_source(value: Any, expected: int) -> None:
    assert ps.to_int(value) == expected
    assert ps.cast(value, "int") == expected


def test_int_cast_of_text_that_is_not_a_number_is_powershells_error() -> None:
    with pytest.raises(ScriptError) as caught:
        ps.to_int("12abc")
    assert str(caught.value) == (
        'Cannot convert value "12abc" to type "System.Int32". Error: "Input string was not in a correct format."'
    )


def test_int_cast_out_of_range_is_an_error() -> None:
    with pytest.raises(ScriptError, match="too large or too small for an Int32"):
        ps.to_int(2**31)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (None, False),
        ("", False),
        ("False", True),
        (0, False),
        ([], False),
        ([0], False),
        ([0, 0], True),
        (PSObject(), True),
    ],
)
def test_truth_is_powershells(value: Any, expected: bool) -> None:
    assert ps.truthy(value) is expected


def test_casts_to_strings_arrays_and_tables() -> None:
    assert ps.cast(None, "string") == ""
    assert ps.cast(2.0, "string") == "2"
    assert ps.cast("x", "string[]") == ["x"]
    assert ps.cast(["1", "2"], "int[]") == [1, 2]
    assert ps.as_array(None) == []
    assert ps.as_array("ab") == ["ab"]
    with pytest.raises(ScriptError, match=r"Unable to find type \[Foo.Bar\]"):
        ps.cast(1, "Foo.Bar")


# --------------------------------------------------------------------------------------------------
# Hashtables, objects, members


def test_hashtable_keys_ignore_case_and_missing_keys_read_none() -> None:
    h = Hashtable({"Model": "gpt-realtime"})
    h["MODEL"] = "gpt-realtime-mini"
    h["voice"] = "ash"
    assert list(h) == ["Model", "voice"]  # the first spelling is kept
    assert h["model"] == "gpt-realtime-mini"
    assert h["missing"] is None
    assert "VOICE" in h
    assert ps.member(h, "Count") == 2
    assert ps.member(h, "Keys") == ["Model", "voice"]
    assert ps.invoke(h, "ContainsKey", "voice") is True
    assert isinstance(h, dict)


def test_members_of_any_value_read_none_when_missing() -> None:
    obj = ps.convert_from_json('{"Name": "x", "tools": [{"name": "a"}, {"name": "b"}]}')
    assert ps.member(obj, "name") == "x"
    assert ps.member(obj, "missing") is None
    assert ps.member(ps.member(obj, "tools"), "name") == ["a", "b"]  # member enumeration
    assert ps.member(None, "anything") is None


@pytest.mark.parametrize(
    ("value", "count", "length"),
    [(None, 0, 0), ("abc", 1, 3), (5, 1, 1), ([1, 2], 2, 2), (Hashtable(a=1, b=2), 2, 1), (PSObject(a=1, b=2), 1, 1)],
)
def test_count_and_length_of_single_values_and_null(value: Any, count: int, length: int) -> None:
    assert ps.count(value) == count
    assert ps.length(value) == length


def test_index_reads_none_out_of_range_and_from_the_end() -> None:
    assert ps.index([1, 2, 3], -1) == 3
    assert ps.index([1, 2, 3], 5) is None
    assert ps.index("abc", 0) == "a"
    assert ps.index([1, 2, 3], [0, 2]) == [1, 3]
    assert ps.index(Hashtable(A=1), "a") == 1
    with pytest.raises(ScriptError, match="Cannot index into a null array."):
        ps.index(None, 0)


def test_setting_members_and_indexes() -> None:
    h = Hashtable()
    ps.set_member(h, "Key", 1)
    ps.set_index(h, "other", 2)
    assert h == {"Key": 1, "other": 2}
    obj = PSObject(a=1)
    with pytest.raises(ScriptError, match="The property 'b' cannot be found on this object."):
        ps.set_member(obj, "b", 2)
    items = [1, 2]
    ps.set_index(items, -1, 9)
    assert items == [1, 9]
    with pytest.raises(ScriptError, match="Index was outside the bounds of the array."):
        ps.set_index(items, 2, 0)


# --------------------------------------------------------------------------------------------------
# Regular expressions and strings


def test_match_fills_matches_only_on_success() -> None:
    matches = Hashtable()
    assert ps.match("gpt-4o-realtime-preview-2024-12-17", r"(\d{4})-(\d{2})-(\d{2})$", matches) is True
    assert dict(matches) == {0: "2024-12-17", 1: "2024", 2: "12", 3: "17"}
    assert ps.match("no date", r"\d{4}", matches) is False
    assert matches[1] == "2024"  # a failed match leaves $Matches as it was
    assert ps.match("ABC", "b", matches) is True  # case is ignored
    assert ps.match(["a1", "b", "c2"], r"\d") == ["a1", "c2"]
    named = Hashtable()
    ps.match("id=42", r"id=(?<id>\d+)", named)
    assert named["id"] == "42"


def test_replace_uses_dotnet_group_references() -> None:
    assert ps.replace("{{Team}} and {{Tags}}", r"\{\{(\w+)\}\}", "<$1>") == "<Team> and <Tags>"
    assert ps.replace("a-b", "(?<x>a)", "${x}${x}") == "aa-b"
    assert ps.replace("cost", "o", "$$") == "c$st"
    assert ps.replace("ABC", "b", "x") == "AxC"
    assert ps.replace(["ab", "cb"], "b", "") == ["a", "c"]
    assert ps.replace("ab", "b", lambda m: m.Value.upper()) == "aB"


def test_split_and_join() -> None:
    assert ps.split("refund, chargeback ,fraud", r"\s*,\s*") == ["refund", "chargeback", "fraud"]
    assert ps.split("  a  b ") == ["a", "b"]
    assert ps.split("a,,b", ",") == ["a", "", "b"]
    assert ps.split("a.b.c", ".", simple=True) == ["a", "b", "c"]
    assert ps.split("a,b,c", ",", 2) == ["a", "b,c"]
    assert ps.join(["a", 1, None], "/") == "a/1/"
    assert ps.join("solo", ",") == "solo"


def test_like_is_a_whole_text_wildcard() -> None:
    assert ps.like("ek_abc", "EK_*") is True
    assert ps.like("xek_abc", "ek_*") is False
    assert ps.like("a1", "a[0-9]") is True
    assert ps.like("a?", "a`?") is True
    assert ps.like(["gpt-4o", "gpt-realtime"], "*4o*") == ["gpt-4o"]


@pytest.mark.parametrize(
    ("value", "name", "args", "expected"),
    [
        ("  hi  ", "Trim", (), "hi"),
        ("xxhixx", "Trim", ("x",), "hi"),
        ("abc", "ToUpper", (), "ABC"),
        ("You are billing", "Substring", (0, 7), "You are"),
        ("You are", "StartsWith", ("You",), True),
        ("You are", "StartsWith", ("you",), False),  # .NET's StartsWith keeps case
        ("a_b", "Replace", ("_", "-"), "a-b"),
        ("a,b;c", "Split", (",", ";"), ["a", "b", "c"]),
        ("a, b, c", "Split", (", ",), ["a", "b", "c"]),  # PowerShell 7 binds the string overload
        ("7", "PadLeft", (3, "0"), "007"),
        (3.14159, "ToString", ("N2",), "3.14"),
        ([1, 2], "Contains", (2,), True),
    ],
)
def test_dotnet_methods(value: Any, name: str, args: tuple[Any, ...], expected: Any) -> None:
    assert ps.invoke(value, name, *args) == expected


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ((1, 5), "Index and length must refer to a location within the string. (Parameter 'length')"),
        ((4,), "startIndex cannot be larger than length of string. (Parameter 'startIndex')"),
        ((-1,), "startIndex ('-1') must be a non-negative value. (Parameter 'startIndex')\nActual value was -1."),
        ((4, -1), "startIndex cannot be larger than length of string. (Parameter 'startIndex')"),
        ((1, -2), "length ('-2') must be a non-negative value. (Parameter 'length')\nActual value was -2."),
    ],
)
def test_substring_out_of_range_is_dotnets_error_with_the_argument_count(args: tuple[int, ...], message: str) -> None:
    with pytest.raises(ScriptError) as caught:
        ps.invoke("abc", "Substring", *args)
    assert str(caught.value) == f'Exception calling "Substring" with "{len(args)}" argument(s): "{message}"'
    assert str(caught.value.__cause__) == message


def test_substring_takes_the_whole_range_it_allows() -> None:
    assert [ps.invoke("abc", "Substring", *a) for a in [(0,), (3,), (1, 2), (3, 0), (0, 3)]] == [
        "abc",
        "",
        "bc",
        "",
        "abc",
    ]


def test_static_methods_errors_name_the_argument_count() -> None:
    with pytest.raises(ps.exception_type("System.FormatException")) as caught:
        ps.static("int", "Parse", "x")
    assert (
        str(caught.value)
        == 'Exception calling "Parse" with "1" argument(s): "The input string \'x\' was not in a correct format."'
    )
    with pytest.raises(ps.exception_type("System.ArgumentException")) as base:
        ps.static("convert", "ToString", 5, 7)
    assert str(base.value) == 'Exception calling "ToString" with "2" argument(s): "Invalid Base."'


def test_leap_years_and_days_in_month_as_dotnet_gives_them() -> None:
    assert [ps.static("datetime", "IsLeapYear", y) for y in (2024, 2025, 1900, 2000, "2028")] == [
        True,
        False,
        False,
        True,
        True,
    ]
    assert [ps.static("System.DateTime", "DaysInMonth", 2024, m) for m in (2, 4, 12)] == [29, 30, 31]
    out_of_range = ps.exception_type("System.ArgumentOutOfRangeException")
    with pytest.raises(out_of_range) as month:
        ps.static("datetime", "DaysInMonth", 2024, 13)
    assert str(month.value) == (
        'Exception calling "DaysInMonth" with "2" argument(s): "Month must be between one and twelve. (Parameter \'month\')"'
    )
    with pytest.raises(out_of_range) as year:
        ps.static("datetime", "IsLeapYear", 10000)
    assert str(year.value.__cause__) == "Year must be between 1 and 9999. (Parameter 'year')"


def test_calling_a_method_on_null_is_an_error() -> None:
    with pytest.raises(ScriptError, match="You cannot call a method on a null-valued expression."):
        ps.invoke(None, "Trim")


def test_list_add_and_hashtable_add() -> None:
    items: list[Any] = []
    ps.invoke(items, "Add", "a")
    assert items == ["a"]
    table = Hashtable()
    ps.invoke(table, "Add", "k", 1)
    with pytest.raises(ScriptError, match="Item has already been added"):
        ps.invoke(table, "Add", "K", 2)
    entries = ps.invoke(Hashtable(b=2, a=1), "GetEnumerator")
    assert [(ps.member(e, "Name"), ps.member(e, "Value")) for e in entries] == [("b", 2), ("a", 1)]


def test_static_members() -> None:
    assert ps.static("math", "Round", 4.5) == 4  # banker's rounding
    assert ps.static("math", "Round", 5.5) == 6
    assert ps.static("Math", "Round", 2.5, "AwayFromZero") == 3
    # .NET scales by 10^digits as a double, then rounds: 2.675 * 100 is the double 267.5.
    assert ps.static("math", "Round", 2.675, 2) == 2.68
    assert ps.static("math", "Round", 1.005, 2, "AwayFromZero") == 1.0  # 1.005 * 100 is 100.49999999999999
    assert ps.static("math", "Round", -2.5, "AwayFromZero") == -3
    assert ps.static("System.Math", "Max", 3, 7) == 7
    assert ps.static("string", "IsNullOrWhiteSpace", "  ") is True
    assert ps.static("string", "IsNullOrEmpty", None) is True
    assert ps.static("string", "Join", ",", ["a", "b"]) == "a,b"
    assert ps.static("System.IO.Path", "GetTempPath").endswith(os.sep)
    assert ps.static("IO.Path", "GetExtension", "/tmp/a.json") == ".json"
    assert ps.static("DateTimeOffset", "FromUnixTimeSeconds", 86400) == datetime(1970, 1, 2, tzinfo=timezone.utc)
    now = ps.static("DateTimeOffset", "UtcNow")
    assert isinstance(ps.invoke(now, "ToUnixTimeSeconds"), int)
    assert ps.static("System.Net.HttpStatusCode", "Unauthorized") == 401
    with pytest.raises(ScriptError, match=r"\[Foo\] does not contain a method named 'Bar'"):
        ps.static("Foo", "Bar")


# --------------------------------------------------------------------------------------------------
# JSON


def test_convert_to_json_indents_like_powershell_and_truncates_at_depth() -> None:
    assert ps.convert_to_json(PSObject(a=1, b=["x"])) == '{\n  "a": 1,\n  "b": [\n    "x"\n  ]\n}'
    deep = Hashtable(a=Hashtable(b=Hashtable(c=Hashtable(d=1))))
    assert ps.convert_to_json(deep, compress=True) == '{"a":{"b":{"c":"System.Collections.Hashtable"}}}'
    assert ps.convert_to_json(deep, depth=5, compress=True) == '{"a":{"b":{"c":{"d":1}}}}'
    assert ps.convert_to_json("é", compress=True) == '"é"'
    assert ps.convert_to_json(HTTPStatus.UNAUTHORIZED) == "401"


def test_convert_from_json_gives_case_insensitive_objects_and_dates() -> None:
    obj = ps.convert_from_json('{"minutes": 2.5, "when": "2024-01-01T00:00:00Z", "list": [1.0]}')
    assert isinstance(obj, PSObject)
    assert ps.member(obj, "MINUTES") == 2.5
    assert ps.text(ps.member(obj, "list")) == "1"
    assert ps.text(ps.member(obj, "when")) == "01/01/2024 00:00:00"
    assert ps.convert_from_json(["{", '"a": 1', "}"]) == {"a": 1}
    with pytest.raises(ScriptError, match="Conversion from JSON failed"):
        ps.convert_from_json("{nope")


# --------------------------------------------------------------------------------------------------
# Pipelines


def test_pipeline_cmdlets() -> None:
    catalog = [PSObject(Name="b", On=True, N=2), PSObject(Name="a", On=False, N=10), PSObject(Name="c", On=True, N=1)]
    on = ps.where_object(catalog, lambda item: ps.member(item, "On"))
    assert [ps.member(i, "Name") for i in on] == ["b", "c"]
    assert ps.select_object(ps.sort_object(catalog, "N"), expand_property="Name", first=1) == ["c"]
    assert ps.sort_object(["b", "A", "c"]) == ["A", "b", "c"]
    assert ps.sort_object([3, 1, 2], descending=True) == [3, 2, 1]
    assert ps.sort_object(["a", "A", "b"], unique=True) == ["a", "b"]
    assert ps.select_object(["a", "A", "a"], unique=True) == ["a", "A"]
    assert ps.select_object([1, 2, 3, 4], first=2, skip=1) == [2, 3]
    assert ps.select_object([1, 2, 3, 4], last=2) == [3, 4]
    assert ps.foreach_object([1, 2], lambda n: [n, n * 10]) == [1, 10, 2, 20]
    measured = ps.measure_object(catalog, "N", sum=True, average=True, maximum=True)
    assert (measured["Count"], measured["Sum"], measured["Average"], measured["Maximum"]) == (3, 13.0, 13 / 3, 10.0)
    groups = ps.group_object(["a", "B", "A"], lambda v: v)
    assert [(g["Name"], g["Count"]) for g in groups] == [("a", 2), ("B", 1)]
    picked = ps.select_object(
        catalog[:1], property=["Name", Hashtable(Name="Double", Expression=lambda i: 2 * ps.member(i, "N"))]
    )
    assert picked == [{"Name": "b", "Double": 4}]


# --------------------------------------------------------------------------------------------------
# Files and paths


def test_files_round_trip_like_the_cmdlets(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = ps.join_path(str(tmp_path) + "/", "/notes.txt")
    assert path == f"{tmp_path}/notes.txt"
    assert ps.test_path(path) is False
    ps.set_content(path, ["one", 2])
    ps.add_content(path, "three")
    assert (tmp_path / "notes.txt").read_bytes() == b"one\n2\nthree\n"
    assert ps.get_content(path) == ["one", "2", "three"]
    assert ps.get_content(path, tail=1) == "three"  # one line is a string, not an array
    assert ps.get_content(path, raw=True) == "one\n2\nthree\n"
    assert ps.split_path(path, leaf=True) == "notes.txt"
    assert ps.split_path(path) == str(tmp_path)
    assert ps.test_path(path, "Leaf") is True
    ps.remove_item(path)
    assert ps.test_path(path) is False
    ps.remove_item(path, silently=True)
    not_found = ps.exception_type("System.Management.Automation.ItemNotFoundException")
    with pytest.raises(not_found, match="because it does not exist"):
        ps.remove_item(path, error_action="Stop")
    with pytest.raises(not_found, match="Cannot find path"):
        ps.get_content(path, error_action="Stop")
    capsys.readouterr()
    # PowerShell's non-terminating error: written to standard error, and the script goes on.
    ps.remove_item(path)
    assert ps.get_content(path) is None
    assert capsys.readouterr().err == (
        f"Remove-Item: Cannot find path '{path}' because it does not exist.\n"
        f"Get-Content: Cannot find path '{path}' because it does not exist.\n"
    )
    saved = ps.preferences.save()
    ps.preferences.set("ErrorActionPreference", "Stop")
    try:
        with pytest.raises(not_found):
            ps.get_item(path)
        assert ps.get_item(path, error_action="Continue") is None
    finally:
        ps.preferences.restore(saved)


def test_csv_export_quotes_every_field_and_imports_back(tmp_path: Path) -> None:
    path = str(tmp_path / "keys.csv")
    ps.export_csv([PSObject(Voice="ash", Expires=1), PSObject(Voice='co"ral', Expires=None)], path)
    # A $null is an empty field, never quoted (PowerShell 7's CSV writer appends nothing for it).
    assert Path(path).read_text() == '"Voice","Expires"\n"ash","1"\n"co""ral",\n'
    back = ps.import_csv(path)
    assert back == [{"Voice": "ash", "Expires": "1"}, {"Voice": 'co"ral', "Expires": ""}]


def test_content_of_a_missing_argument_is_a_binding_error() -> None:
    with pytest.raises(ScriptError, match="Cannot bind argument to parameter 'Path' because it is null."):
        ps.test_path(None)


# --------------------------------------------------------------------------------------------------
# Streams


def test_write_output_formats_objects_as_the_console_does(capsys: pytest.CaptureFixture[str]) -> None:
    ps.write_output([PSObject(Name="x", Count=3), PSObject(Name="yy", Count=10)])
    ps.write_output(["a", 1.0, None, True])
    assert capsys.readouterr().out == "\nName Count\n---- -----\nx        3\nyy      10\n\na\n1\nTrue\n"


def test_warnings_and_verbose_go_to_stderr(capsys: pytest.CaptureFixture[str]) -> None:
    ps.write_warning("careful")
    ps.write_verbose("hidden")
    ps.preferences.verbose = True
    try:
        ps.write_verbose("shown")
    finally:
        ps.preferences.verbose = False
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err == "WARNING: careful\nVERBOSE: shown\n"


def test_write_error_ends_the_script_only_under_stop(capsys: pytest.CaptureFixture[str]) -> None:
    ps.write_error("soft")
    assert capsys.readouterr().err == "Write-Error: soft\n"
    ps.preferences.set("ErrorActionPreference", "Stop")
    try:
        with pytest.raises(ScriptError, match="^hard$"):
            ps.write_error("hard")
    finally:
        ps.preferences.set("ErrorActionPreference", "Continue")


def test_get_date_formats_with_dotnet_patterns() -> None:
    moment = datetime(2026, 3, 4, 15, 6, 7, 890000)
    assert ps.get_date(moment, "yyyy-MM-dd HH:mm:ss.fff") == "2026-03-04 15:06:07.890"
    assert ps.get_date(moment, "dd/MM/yy h:mm tt") == "04/03/26 3:06 PM"
    assert ps.get_date(moment, "s") == "2026-03-04T15:06:07"
    assert ps.get_date(moment, "yyyyMMdd'T'HHmm") == "20260304T1506"


def test_importing_the_package_does_not_import_pscompat() -> None:
    code = "import sys, psopenapi_py; print('psopenapi_py.pscompat' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "False"


def test_with_preferences_holds_for_each_step_of_a_generator_function_and_its_own_settings_last() -> None:
    seen: list[str] = []

    def body() -> Any:
        seen.append(ps.preferences.get("ErrorActionPreference"))
        yield 1
        seen.append(ps.preferences.get("ErrorActionPreference"))
        ps.preferences.set("ErrorActionPreference", "Ignore")  # the function's own, kept for its next step
        yield 2
        seen.append(ps.preferences.get("ErrorActionPreference"))

    steps = ps.with_preferences(body, error_action="stop")()
    assert next(steps) == 1
    assert ps.preferences.get("ErrorActionPreference") == "Continue"  # the caller's, between steps
    assert list(steps) == [2]
    assert seen == ["Stop", "Stop", "Ignore"]
    assert ps.preferences.get("ErrorActionPreference") == "Continue"


def test_with_preferences_names_an_action_that_does_not_exist() -> None:
    with pytest.raises(ps.ScriptError) as caught:
        ps.with_preferences(lambda: None, error_action="Halt")
    assert str(caught.value).startswith(
        "Cannot bind parameter 'ErrorAction'. Cannot convert value \"Halt\" to type "
        '"System.Management.Automation.ActionPreference".'
    )


def test_failing_dotnet_methods_raise_what_powershell_catches_by_type() -> None:
    argument = ps.exception_type("System.ArgumentException")
    out_of_range = ps.exception_type("System.ArgumentOutOfRangeException")
    with pytest.raises(out_of_range) as caught:
        ps.invoke("abc", "Substring", 5)
    assert str(caught.value) == (
        'Exception calling "Substring" with "1" argument(s): '
        "\"startIndex cannot be larger than length of string. (Parameter 'startIndex')\""
    )
    assert type(caught.value).type_name == "System.Management.Automation.MethodInvocationException"
    assert str(caught.value.__cause__) == "startIndex cannot be larger than length of string. (Parameter 'startIndex')"
    table = ps.Hashtable({"a": 1})
    with pytest.raises(argument) as duplicate:
        ps.invoke(table, "Add", "a", 2)
    assert str(duplicate.value) == (
        'Exception calling "Add" with "2" argument(s): "Item has already been added. Key in dictionary: \'a\'  '
        "Key being added: 'a'\""
    )
    with pytest.raises(ps.exception_type("System.DivideByZeroException")):
        ps.div(1, 0)


def test_regex_statics_take_dotnets_regex_options_as_text_or_number() -> None:
    lines = "tenant=alpha\ntenant=beta"
    assert [m.Value for m in ps.static("regex", "Matches", lines, r"^tenant=\w+$", "Multiline")] == [
        "tenant=alpha",
        "tenant=beta",
    ]
    assert ps.static("regex", "Matches", lines, r"^tenant=\w+$") == []
    assert ps.static("regex", "IsMatch", "TENANT", "tenant", "IgnoreCase, CultureInvariant") is True
    assert ps.static("regex", "IsMatch", "TENANT", "tenant") is False
    assert ps.static("regex", "Replace", "a\nb", "^", "> ", "Multiline") == "> a\n> b"
    assert ps.static("regex", "Match", "a\nb", "a.b", 16).Value == "a\nb"  # Singleline
    assert ps.static("regex", "Split", "a1B2c", "[a-z]", 1) == ["", "1", "2", ""]  # IgnoreCase


def test_regex_options_python_cannot_honour_or_that_do_not_exist_are_errors() -> None:
    with pytest.raises(ScriptError) as unknown:
        ps.static("regex", "Match", "x", "x", "Multi")
    assert str(unknown.value).startswith(
        'Cannot convert argument "options", with value: "Multi", for "Match" to type '
        '"System.Text.RegularExpressions.RegexOptions": "Unable to match the identifier name Multi'
    )
    with pytest.raises(ScriptError) as missing:
        ps.static("regex", "Matches", "x", "x", "RightToLeft")
    assert str(missing.value) == "[RegexOptions] RightToLeft is not supported by this translation."


def test_inline_regex_options_anywhere_apply_to_the_rest_of_their_group() -> None:
    assert ps.match("URGENT call", r"(?-i)\b[A-Z]{4,}\b") is True
    assert ps.match("urgent call", r"(?-i)\b[A-Z]{4,}\b") is False
    assert [bool(ps.match(s, "^(a(?-i)B|c)$")) for s in ("AB", "Ab", "C")] == [True, False, False]
    assert ps.match("[(?i)]", "[(?i)]") is True  # a class, not an option group
    assert ps.replace("Ab ab", "(?-i)a", "x") == "Ab xb"


def test_char_tests_and_timespan_parse_as_dotnet() -> None:
    text = "Call 42 at ABC desk"
    assert sum(ps.static("char", "IsDigit", c) for c in text) == 2
    assert sum(ps.static("System.Char", "IsUpper", c) for c in text) == 4
    assert ps.static("char", "IsLetter", text, 0) is True
    assert ps.static("char", "IsWhiteSpace", " ") is True
    assert ps.static("char", "IsLetterOrDigit", "²") is False
    with pytest.raises(ScriptError, match="String must be exactly one character long"):
        ps.static("char", "IsDigit", "42")
    assert ps.static("timespan", "Parse", "01:02:30").total_seconds() == 3750
    with pytest.raises(ps.exception_type("System.FormatException")) as caught:
        ps.static("timespan", "Parse", "nope")
    assert str(caught.value) == (
        'Exception calling "Parse" with "1" argument(s): "String \'nope\' was not recognized as a valid TimeSpan."'
    )


def test_a_datetimeoffset_made_of_its_parts() -> None:
    moment = ps.static("DateTimeOffset", "new", 2025, 6, 30, 18, 0, 0, ps.static("timespan", "Zero"))
    assert moment.isoformat() == "2025-06-30T18:00:00+00:00"
    with pytest.raises(ScriptError, match='argument count: "5"'):
        ps.static("DateTimeOffset", "new", 2025, 6, 30, 18, ps.static("timespan", "Zero"))
