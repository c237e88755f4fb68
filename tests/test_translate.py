"""translate_powershell: PowerShell scripts that use the module, translated to Python that runs the same way."""

from __future__ import annotations

import contextlib
import io
import json
import os
import subprocess
import sys
import time
import warnings
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from shared_files import SHARED, shared_path

import psopenapi_py.models
from psopenapi_py import ApiTypeError, Translation, TranslationWarning, translate_powershell
from psopenapi_py.mock_server import MockServer
from psopenapi_py.translate import _binding
from psopenapi_py.translate._catalog import catalog, snake_case

#: The shared PowerShell examples; absent from a plain clone, where the tests over them skip.
EXAMPLES = SHARED / "examples" / "ps"
EXAMPLE_NAMES = sorted(p.stem for p in EXAMPLES.glob("*.ps1"))


def py(ps: str) -> str:
    """The Python of a script that must translate without any warning."""
    result = translate_powershell(ps)
    assert result.warnings == (), [str(w) for w in result.warnings]
    return result.python


def run(python: str) -> str:
    """Run translated Python in this process and return what it printed."""
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        exec(compile(python, "<translated>", "exec"), {"__name__": "__main__"})
    return out.getvalue()


def lines_of(ps: str) -> list[str]:
    return py(ps).splitlines()


# --------------------------------------------------------------------------------------------------
# The library call


def test_translation_holds_python_and_warnings() -> None:
    """translate_powershell returns a Translation: the Python text and a tuple of warnings."""
    result = translate_powershell('Write-Host "hi"\nGet-Process\n')
    assert result == Translation(
        python='print("hi")\n# untranslated (line 2): Get-Process\n',
        warnings=(TranslationWarning(2, "unknown command 'Get-Process'"),),
    )
    assert str(result.warnings[0]) == "line 2: unknown command 'Get-Process'"


def test_bytes_are_read_as_utf8_and_a_bom_is_dropped() -> None:
    """Bytes input is UTF-8; a leading byte-order mark (Windows editors add one) is ignored."""
    assert py("\ufeff$a = 'é'\n".encode()) == 'a = "é"\n'


def test_a_source_that_is_not_text_is_rejected_by_name() -> None:
    """Anything but str or bytes raises ApiTypeError naming the parameter."""
    with pytest.raises(ApiTypeError) as info:
        translate_powershell(42)  # type: ignore[arg-type]
    assert str(info.value) == "Invalid type for 'source': expected a str or bytes, got int."
    assert info.value.parameter == "source"


def test_an_empty_script_is_an_empty_program() -> None:
    """Nothing in (or only blanks), a single newline out, no warnings."""
    assert py("") == "\n"
    assert py("  \n\n") == "\n"


def test_a_script_of_only_comments_keeps_them() -> None:
    """The grammar sees a comments-only script as an error; the translator still keeps every comment."""
    assert py("# only\n<# a\n   b #>\n") == "# only\n# a\n# b\n"


# --------------------------------------------------------------------------------------------------
# Comments and layout


def test_comments_stay_where_they_were() -> None:
    """Line comments, a trailing comment and a block comment keep their place; blank lines survive."""
    ps = "# first\n$a = 1  # one\n\n<# block\n   two lines #>\n$b = 2\n"
    assert py(ps) == "# first\na = 1  # one\n\n# block\n# two lines\nb = 2\n"


def test_comments_inside_compound_statements_are_kept() -> None:
    """Comments between a block and its else/catch stay there; a function's help and parameter notes open its body.

    The function's output is everything it emits (issue 11, rule 7), so its body yields."""
    ps = (
        "$a = 1\nif ($a) {\n    'x'\n} # after the if block\nelse {\n    'y'\n}\n"
        "function Get-Thing {\n    <#\n    .SYNOPSIS\n    Gets a thing.\n    #>\n"
        "    param(\n        # The name\n        [string]$Name\n    )\n    $Name\n}\n"
        "try { 1 } # after try\ncatch { 2 }\n"
    )
    assert py(ps) == (
        'a = 1\nif a:\n    print("x")\n# after the if block\nelse:\n    print("y")\n\n\n'
        'def get_thing(name=""):\n    # .SYNOPSIS\n    # Gets a thing.\n    # The name\n    yield name\n\n\n'
        "try:\n    print(1)\n# after try\nexcept Exception:\n    print(2)\n"
    )


def test_import_module_psopenapitools_becomes_a_comment() -> None:
    """Import-Module PSOpenAPITools is the import block; any other module is reported."""
    ps = "Import-Module PSOpenAPITools\nif ($true) { Import-Module ./PSOpenAPITools.psd1 }\n"
    assert py(ps) == (
        "# Import-Module PSOpenAPITools: the imports at the top do this\n"
        "if True:\n    # Import-Module ./PSOpenAPITools.psd1: the imports at the top do this\n    pass\n"
    )
    result = translate_powershell("Import-Module Az\n")
    assert [str(w) for w in result.warnings] == ["line 1: unsupported: Import-Module of anything but PSOpenAPITools"]


@pytest.mark.parametrize(
    ("preference", "code", "out", "err"),
    [
        ("Stop", 1, "before\n", "psopenapi_py.pscompat._exceptions.WriteErrorException: boom"),
        ("Continue", 0, "before\nafter\n", "Write-Error: boom\n"),
        ("SilentlyContinue", 0, "before\nafter\n", ""),
    ],
)
def test_error_action_preference_decides_whether_write_error_ends_the_script(
    preference: str, code: int, out: str, err: str
) -> None:
    """$ErrorActionPreference is the runtime's preference: under 'Stop' Write-Error ends the script (exit 1)."""
    ps = f"$ErrorActionPreference = '{preference}'\n'before'\nWrite-Error 'boom'\n'after'\n"
    python = py(ps)
    assert python == (
        "from psopenapi_py import pscompat as ps\n\n"
        f'ps.preferences.set("ErrorActionPreference", "{preference}")\n'
        'print("before")\nps.write_error("boom")\nprint("after")\n'
    )
    proc = subprocess.run([sys.executable, "-c", python], capture_output=True, text=True, timeout=60)
    assert (proc.returncode, proc.stdout) == (code, out)
    # Under 'Stop' the script ends on the error (Python's traceback ends with it); otherwise it goes on.
    assert (proc.stderr.splitlines()[-1] if code else proc.stderr) == err


def test_long_calls_are_split_one_argument_a_line() -> None:
    """A call longer than 120 characters is written one argument a line, with a trailing comma."""
    ps = (
        "$td = Initialize-RealtimeSessionCreateRequestTurnDetection -Type 'server_vad' -Threshold 0.5"
        " -PrefixPaddingMs 300 -SilenceDurationMs 500 -CreateResponse $true\n"
    )
    assert py(ps) == (
        "from psopenapi_py import initialize_realtime_session_create_request_turn_detection\n"
        "\n"
        "td = initialize_realtime_session_create_request_turn_detection(\n"
        '    type="server_vad",\n'
        "    threshold=0.5,\n"
        "    prefix_padding_ms=300,\n"
        "    silence_duration_ms=500,\n"
        "    create_response=True,\n"
        ")\n"
    )


def test_imports_are_only_what_the_code_uses() -> None:
    """Standard modules first, then one sorted psopenapi_py import (classes before functions)."""
    ps = (
        "try { $s = New-RealtimeSession -RealtimeSessionCreateRequest @{ model = 'm' } }\n"
        "catch [Microsoft.PowerShell.Commands.HttpResponseException] { Write-Error $_.Exception.Message; exit 4 }\n"
    )
    assert py(ps) == (
        "import sys\n"
        "\n"
        "from psopenapi_py import ApiException, new_realtime_session\n"
        "from psopenapi_py import pscompat as ps\n"
        "\n"
        "s = None\n"
        "try:\n"
        '    s = new_realtime_session(realtime_session_create_request={"model": "m"})\n'
        "except ApiException as e:\n"
        "    ps.write_error(ps.exception_message(e))\n"
        "    sys.exit(4)\n"
    )


# --------------------------------------------------------------------------------------------------
# Variables and assignments


@pytest.mark.parametrize(
    ("ps", "python"),
    [
        ("$RealtimeSessionCreateRequest = 1", "realtime_session_create_request = 1"),
        ("$sessionID = 1", "session_id = 1"),
        ("$Class = 1", "class_ = 1"),
        ("$List = 1", "list_ = 1"),
        ("$Json = 1", "json_ = 1"),
        ("$e = 1", "e_ = 1"),
        ("${odd name} = 1", "odd_name = 1"),
        ("$a = 1; $A = 2", "a = 1\na = 2"),
        ("$script:Count = 1", "count = 1"),
    ],
)
def test_variable_names(ps: str, python: str) -> None:
    """Names are snake_case, case-insensitive like PowerShell's, and never shadow keywords, built-ins or imports."""
    assert py(ps) == python + "\n"


@pytest.mark.parametrize(
    ("ps", "python"),
    [
        ("$n = 1; $n += 2", "n = 1\nn += 2"),
        ("$n = 1; $n -= 2", "n = 1\nn -= 2"),
        ("$n = 1; $n *= 2", "n = 1\nn *= 2"),
        ("$n = 1; $n /= 2", "n = 1\nn = ps.div(n, 2)"),
        ("$n = 1; $n %= 2", "n = 1\nn = ps.mod(n, 2)"),
        ("$n = 1; $n++", "n = 1\nn += 1"),
        ("$n = 1; $n--", "n = 1\nn -= 1"),
        ("$l = @(1); $l += 2", "l = [1]\nl = l + [2]"),
        ("$l = @(1); $l += @(2, 3)", "l = [1]\nl = l + [2, 3]"),
        ("$s = 'a'; $s += 1", 's = "a"\ns += "1"'),
        ("$null = 5", "5"),
    ],
)
def test_assignments(ps: str, python: str) -> None:
    """=, compound operators, ++ and --; += on an array appends; $null = ... only evaluates.

    /= and %= go through the runtime: PowerShell's 4 / 2 is the integer 2, 1 / 2 is 0.5."""
    if "ps." in python:
        python = "from psopenapi_py import pscompat as ps\n\n" + python
    assert py(ps) == python + "\n"


@pytest.mark.parametrize(
    ("ps", "printed"),
    [
        ("$n = 1; $n /= 2; $n", "0.5\n"),
        ("$n = 4; $n /= 2; $n", "2\n"),
        ("$n = 7; $n %= 4; $n", "3\n"),
        ("$s = 'a'; $s += 1; $s", "a1\n"),
    ],
)
def test_compound_assignments_compute_as_powershell_does(ps: str, printed: str) -> None:
    """An exact division stays an integer, as PowerShell prints it; += on a string appends the text."""
    assert run(py(ps)) == printed


def test_a_variable_the_script_never_assigns_reads_as_null_with_a_warning() -> None:
    """PowerShell reads $null: so does the translation, and says so."""
    result = translate_powershell('Write-Host "[$Missing]"\n')
    assert result.python == 'print("[]")\n'
    assert [str(w) for w in result.warnings] == [
        "line 1: $Missing is never assigned: read as $null, as PowerShell reads it"
    ]


def test_a_variable_read_before_an_assignment_or_under_strict_mode_is_not_guessed() -> None:
    """Assigned further on (a loop may come back to the read), or an error under Set-StrictMode: reported."""
    result = translate_powershell("Write-Host $Later\n$Later = 1\n")
    assert result.python == "# untranslated (line 1): Write-Host $Later\nlater = 1\n"
    assert [str(w) for w in result.warnings] == ["line 1: $Later is used before it is assigned"]
    result = translate_powershell("Set-StrictMode -Version 1\nWrite-Host $Missing\n")
    assert [str(w) for w in result.warnings] == ["line 2: $Missing is used before it is assigned"]


# --------------------------------------------------------------------------------------------------
# Literals


@pytest.mark.parametrize(
    ("ps", "python"),
    [
        ("$s = 'it''s $x'", 's = "it\'s $x"'),
        ('$s = "plain"', 's = "plain"'),
        ('$s = "tab`there `"q`" ""d"" `$x"', 's = \'tab\\there "q" "d" $x\''),
        ('$s = "`u{263A}"', 's = "☺"'),
        ("$s = 'C:\\temp\\x'", 's = r"C:\\temp\\x"'),
        ('$n = 3; $s = "n=$n"', 'n = 3\ns = f"n={n}"'),
        ('$n = 3; $s = "next=$($n + 1)."', 'n = 3\ns = f"next={n + 1}."'),
        ('$n = 3; $s = "${n}px"', 'n = 3\ns = f"{n}px"'),
        ('$n = 3; $s = "{$n}"', 'n = 3\ns = f"{{{n}}}"'),
        ('$l = 1, 2; $s = "l: $l"', 'l = [1, 2]\ns = f"l: {ps.text(l)}"'),
        (
            '$h = @{ k = 1 }; $s = "$($h["k"]) \'q\' $env:HOME"',
            'h = ps.Hashtable({"k": 1})\ns = f\'{ps.text(h["k"])} \\\'q\\\' {os.environ.get("HOME", "")}\'',
        ),
        ('$s = "v=$(@{ a = 1 }.a)"', 's = "v={}".format(ps.Hashtable({"a": 1})["a"])'),
        ('$s = "$null!"', 's = "!"'),
        ("$s = @'\nverbatim $x\n  line2\n'@", 's = "verbatim $x\\n  line2"'),
        ('$n = 1; $s = @"\nsum $($n + 1) "q"\n"@', "n = 1\ns = f'sum {n + 1} \"q\"'"),
    ],
)
def test_strings(ps: str, python: str) -> None:
    """Single, double and here-strings: escapes, doubled quotes, $var, ${var} and $(expr) interpolation.

    A value whose text PowerShell makes differently from str() (a list, a hashtable's value) goes through ps.text."""
    if "ps." in python:
        python = "from psopenapi_py import pscompat as ps\n\n" + python
    if "os.environ" in python:
        python = "import os\n\n" + python
    assert py(ps) == python + "\n"


@pytest.mark.parametrize(
    ("ps", "printed"),
    [
        ('$l = 1, 2; "l: $l"', "l: 1 2\n"),
        ('$h = @{ k = 1.0 }; "k=$($h.K)"', "k=1\n"),
        ('$z = $null; "[$z]"', "[]\n"),
    ],
)
def test_values_inside_strings_read_as_powershell_writes_them(ps: str, printed: str) -> None:
    """A list is joined with spaces, 1.0 is 1, $null is empty (issue 11, rule 1)."""
    assert run(py(ps)) == printed


@pytest.mark.parametrize(
    ("ps", "python"),
    [
        ("$n = 42", "n = 42"),
        ("$n = 0x1F", "n = 0x1F"),
        ("$n = 0.6", "n = 0.6"),
        ("$n = 1.5e3", "n = 1.5e3"),
        ("$n = 10kb", "n = 10240"),
        ("$n = 2mb", "n = 2097152"),
        ("$n = -5", "n = -5"),
        ("$b = $true; $c = $FALSE; $z = $null", "b = True\nc = False\nz = None"),
    ],
)
def test_numbers_and_constants(ps: str, python: str) -> None:
    """Integers, hex, reals, kb/mb multipliers, negatives, and $true/$false/$null in any case."""
    assert py(ps) == python + "\n"


@pytest.mark.parametrize(
    ("ps", "python"),
    [
        ("$a = @()", "a = []"),
        ('$a = @("text")', 'a = ["text"]'),
        ("$a = @(1, 2, 3)", "a = [1, 2, 3]"),
        ("$a = 1, 2, 3", "a = [1, 2, 3]"),
        ("$a = ,1", "a = [1]"),
        ("$a = @(@(1, 2), @(3))", "a = [[1, 2], [3]]"),
        ("$l = 1, 2; $a = @($l)", "l = [1, 2]\na = list(l)"),
        ("$n = 1; $a = @($n)", "n = 1\na = [n]"),
    ],
)
def test_arrays(ps: str, python: str) -> None:
    """@(...) and comma lists become lists; @() of a list copies it instead of nesting it."""
    assert py(ps) == python + "\n"


def test_nested_hashtables_become_case_insensitive_dicts() -> None:
    """@{...} literals (any key spelling, $null values, nesting, [ordered]) become ps.Hashtable dicts, split when long."""
    ps = (
        "$Body = [ordered]@{\n"
        "    model = 'gpt-4o-realtime-preview'; 'input_audio_format' = \"pcm16\"\n"
        "    turn_detection = @{ type = 'server_vad'; threshold = 0.5; prefix_padding_ms = 300 }\n"
        "    tools = @(@{ type = 'function'; name = 'lookup'; parameters = @{} })\n"
        "    instructions = $null\n"
        "}\n"
    )
    python = py(ps)
    assert python == (
        "from psopenapi_py import pscompat as ps\n\n"
        "body = ps.OrderedHashtable({\n"
        '    "model": "gpt-4o-realtime-preview",\n'
        '    "input_audio_format": "pcm16",\n'
        '    "turn_detection": ps.Hashtable({"type": "server_vad", "threshold": 0.5, "prefix_padding_ms": 300}),\n'
        '    "tools": [ps.Hashtable({"type": "function", "name": "lookup", "parameters": ps.Hashtable({})})],\n'
        '    "instructions": None,\n'
        "})\n"
    )
    namespace: dict[str, Any] = {}
    exec(python, namespace)
    body = namespace["body"]
    assert isinstance(body, dict) and json.loads(json.dumps(body))["turn_detection"]["threshold"] == 0.5
    assert body["Turn_Detection"]["TYPE"] == "server_vad" and body["missing"] is None


def test_a_hashtable_with_a_duplicate_key_is_untranslated() -> None:
    """PowerShell rejects @{ a = 1; A = 2 } (keys are case-insensitive); so does the translator."""
    result = translate_powershell("$h = @{ a = 1; A = 2 }\n")
    assert [str(w) for w in result.warnings] == ["line 1: duplicate key 'A' in hashtable"]


# --------------------------------------------------------------------------------------------------
# Package cmdlets


def _cmdlet_name(function: str) -> str:
    verb, _, noun = function.partition("_")
    return verb.capitalize() + "-" + "".join(part.capitalize() for part in noun.split("_"))


@pytest.mark.parametrize("function", sorted(f.py_name for f in catalog().functions.values()))
def test_every_exported_function_is_a_cmdlet(function: str) -> None:
    """Each function the package exports is translatable under its Verb-Noun name, with nothing else to maintain."""
    assert snake_case(_cmdlet_name(function).replace("-", "")) == function
    python = translate_powershell(f"$r = {_cmdlet_name(function)}\n").python
    assert f"r = {function}()" in python.splitlines()
    assert f"from psopenapi_py import {function}\n" in python or f"\n    {function},\n" in python


def test_named_parameters_take_the_wire_names() -> None:
    """-PrefixPaddingMs becomes prefix_padding_ms: the model's field name, found without a table."""
    assert lines_of("$t = Initialize-RealtimeSessionCreateRequestTurnDetection -PrefixPaddingMs 300 -Type 'x'")[-1] == (
        't = initialize_realtime_session_create_request_turn_detection(prefix_padding_ms=300, type="x")'
    )


def test_cmdlet_and_parameter_names_ignore_case_and_take_unique_prefixes() -> None:
    """new-realtimesession -realtimesession $r -withhttp: any case, and a unique prefix, as PowerShell allows."""
    assert lines_of("$r = @{ model = 'm' }; $s = new-realtimesession -realtimesession $r -withhttp")[-1] == (
        "s = new_realtime_session(realtime_session_create_request=r, with_http_info=True)"
    )


def test_an_ambiguous_parameter_prefix_is_untranslated() -> None:
    """-S is -SilenceDurationMs (the only match), but -T could be -Type or -Threshold: reported."""
    assert lines_of("$t = Initialize-RealtimeSessionCreateRequestTurnDetection -S 1")[-1] == (
        "t = initialize_realtime_session_create_request_turn_detection(silence_duration_ms=1)"
    )
    result = translate_powershell("$t = Initialize-RealtimeSessionCreateRequestTurnDetection -T 1\n")
    assert [str(w) for w in result.warnings] == [
        "line 1: -T of Initialize-RealtimeSessionCreateRequestTurnDetection is ambiguous: -Type, -Threshold"
    ]


def test_an_unknown_parameter_is_untranslated() -> None:
    """A parameter the function does not have is reported; so is a common one (-Verbose) the translation
    does not honour on the module's cmdlets."""
    result = translate_powershell("$c = Get-Configuration -Verbos\n")
    assert result.python == "# untranslated (line 1): $c = Get-Configuration -Verbos\n"
    assert [str(w) for w in result.warnings] == ["line 1: unsupported: -Verbose of Get-Configuration"]
    result = translate_powershell("$c = Get-Configuration -Colour red\n")
    assert [str(w) for w in result.warnings] == ["line 1: Get-Configuration has no parameter -Colour"]


def test_positional_arguments_bind_in_signature_order() -> None:
    """Initialize-X "a" "b" binds like PowerShell's positions: the model's fields in spec order."""
    assert lines_of("Set-ConfigurationDefaultHeader 'OpenAI-Project' 'proj_1'")[-1] == (
        'set_configuration_default_header(key="OpenAI-Project", value="proj_1")'
    )
    assert lines_of("$t = Initialize-RealtimeSessionCreateRequestTurnDetection 'server_vad' 0.5")[-1] == (
        't = initialize_realtime_session_create_request_turn_detection(type="server_vad", threshold=0.5)'
    )


@pytest.mark.parametrize(
    ("ps", "python"),
    [
        (
            "$r = @{ model = 'm' }; $x = New-RealtimeSession -RealtimeSessionCreateRequest $r -WithHttpInfo",
            "x = new_realtime_session(realtime_session_create_request=r, with_http_info=True)",
        ),
        (
            "$r = @{ model = 'm' }; $x = New-RealtimeSession -WithHttpInfo $r",
            "x = new_realtime_session(with_http_info=True, realtime_session_create_request=r)",
        ),
        (
            "$x = Set-Configuration -BaseUrl 'http://127.0.0.1:1/v1' -PassThru",
            'x = set_configuration(base_url="http://127.0.0.1:1/v1", pass_thru=True)',
        ),
        ("Set-Configuration -SkipCertificateCheck", "set_configuration(skip_certificate_check=True)"),
        ("Set-Configuration -SkipCertificateCheck:$false", "set_configuration(skip_certificate_check=False)"),
        ("Set-Configuration -BaseUrl:'http://h/v1'", 'set_configuration(base_url="http://h/v1")'),
    ],
)
def test_switch_parameters(ps: str, python: str) -> None:
    """-WithHttpInfo, -PassThru, -SkipCertificateCheck alone mean True; -Name:value gives the value; a switch never eats the next argument."""
    assert lines_of(ps)[-1] == python


def test_splatting_a_hashtable_passes_each_key_as_its_parameter() -> None:
    """@params with known keys becomes keyword arguments, each parameter found by name as PowerShell does."""
    ps = "$p = @{ Model = 'gpt-4o-realtime-preview'; Voice = 'verse' }\n$r = Initialize-RealtimeSessionCreateRequest @p\n"
    assert lines_of(ps)[-1] == 'r = initialize_realtime_session_create_request(model=p["Model"], voice=p["Voice"])'


def test_splatting_a_table_of_unknown_keys_binds_them_when_it_runs() -> None:
    """@params whose keys the translator cannot see binds at run time as PowerShell does (any case, unique
    prefixes); a key that names no parameter is PowerShell's error."""
    ps = (
        "function F($p) { Initialize-RealtimeSessionCreateRequest @p }\n"
        "$r = F @{ MODEL = 'gpt-4o-realtime-preview'; Voi = 'ash' }\n$r.voice\n$r = F @{ Nope = 1 }\n"
    )
    python = py(ps)
    assert python.splitlines()[4:6] == [
        "def f(p=None):",
        "    yield initialize_realtime_session_create_request(**ps.splat(p, initialize_realtime_session_create_request))",
    ]
    from psopenapi_py import pscompat

    out = io.StringIO()
    with contextlib.redirect_stdout(out), pytest.raises(pscompat.ScriptError) as info:
        exec(compile(python, "<translated>", "exec"), {"__name__": "__main__"})
    assert out.getvalue() == "ash\n"
    assert str(info.value) == "A parameter cannot be found that matches parameter name 'Nope'."


def test_a_missing_value_after_a_dict_parameter_warns_and_sends_an_empty_dict() -> None:
    """The seed doc's -Parameters with no value: PowerShell rejects it; the translation warns and sends {}."""
    result = translate_powershell("$t = Initialize-RealtimeResponseCreateParamsToolsInner -Name 'n' -Parameters\n")
    assert result.python.splitlines()[-1] == (
        't = initialize_realtime_response_create_params_tools_inner(name="n", parameters={})'
    )
    assert [str(w) for w in result.warnings] == [
        "line 1: -Parameters has no value (PowerShell rejects this); translated as parameters={}"
    ]


def test_a_missing_value_of_another_type_is_untranslated() -> None:
    """-Model with nothing after it cannot become anything sensible: reported."""
    result = translate_powershell("$r = Initialize-RealtimeSessionCreateRequest -Model\n")
    assert [str(w) for w in result.warnings] == [
        "line 1: -Model of Initialize-RealtimeSessionCreateRequest needs a value"
    ]


def test_var_prefixed_parameters_find_their_python_name() -> None:
    """The module renames parameters that clash with PowerShell's (-VarInput); they find ``input``."""
    param = _binding._Param("input", "input")
    assert _binding._find_param("Initialize-X", [param], "VarInput", None) is param  # type: ignore[arg-type]


def test_an_unknown_command_is_kept_as_a_comment_with_a_warning() -> None:
    """Anything not translated stays at its place as '# untranslated (line N): ...' and is reported with N."""
    ps = "$a = 1\nif ($a -eq 1) {\n    Get-Process -Name pwsh\n}\n"
    result = translate_powershell(ps)
    assert result.python == "a = 1\nif a == 1:\n    # untranslated (line 3): Get-Process -Name pwsh\n    pass\n"
    assert [str(w) for w in result.warnings] == ["line 3: unknown command 'Get-Process'"]


def test_a_multi_line_statement_is_kept_line_by_line() -> None:
    """Each source line of an untranslated statement keeps its own line number."""
    ps = "$r = Get-Thing `\n    -Name 'x'\n"
    result = translate_powershell(ps)
    assert result.python == "# untranslated (line 1): $r = Get-Thing `\n# untranslated (line 2): -Name 'x'\n"


def test_a_syntax_error_is_reported_not_guessed() -> None:
    """Broken PowerShell is kept as comments with a 'syntax error' warning on its line."""
    result = translate_powershell("$a = 1\nif ($a { }\n")
    assert result.python.splitlines()[0] == "a = 1"
    assert [str(w) for w in result.warnings] == ["line 2: syntax error"]


# --------------------------------------------------------------------------------------------------
# Member access


def test_members_of_results_use_the_models_fields() -> None:
    """$Session.client_secret.value stays attribute access; PascalCase spellings find the field too."""
    ps = (
        "$s = New-RealtimeSession -RealtimeSessionCreateRequest @{ model = 'm' }\n"
        "$v = $s.client_secret.value\n$w = $s.ClientSecret.ExpiresAt\n$i = $s.id\n"
    )
    assert lines_of(ps)[-3:] == [
        "v = s.client_secret.value",
        "w = s.client_secret.expires_at",
        'i = ps.member(s, "id")',
    ]


@pytest.mark.parametrize(
    ("ps", "python"),
    [
        ("$Offer = 'v=0'\n$Answer = New-RealtimeCall -Sdp $Offer", "answer = new_realtime_call(sdp=offer)"),
        (
            "$Offer = 'v=0'\n$S = @{ type = 'realtime' }\n$R = New-RealtimeCall -Sdp $Offer -Session $S -WithHttpInfo",
            "r = new_realtime_call(sdp=offer, session=s, with_http_info=True)",
        ),
        (
            "$S = Initialize-RealtimeSessionCreateRequestGA -Model 'gpt-realtime'\n"
            "Receive-RealtimeCall -CallId 'rtc_1' -RealtimeSessionCreateRequestGA $S",
            'receive_realtime_call(call_id="rtc_1", realtime_session_create_request_ga=s)',
        ),
        ("Deny-RealtimeCall -CallId 'rtc_1'", 'deny_realtime_call(call_id="rtc_1")'),
        (
            "$Reject = Initialize-RealtimeCallRejectRequest -StatusCode 486\n"
            "Deny-RealtimeCall -CallId 'rtc_1' -RealtimeCallRejectRequest $Reject",
            'deny_realtime_call(call_id="rtc_1", realtime_call_reject_request=reject)',
        ),
        (
            "$Refer = Initialize-RealtimeCallReferRequest -TargetUri 'tel:+14155550123'\n"
            "Invoke-ReferRealtimeCall -CallId 'rtc_1' -RealtimeCallReferRequest $Refer",
            'invoke_refer_realtime_call(call_id="rtc_1", realtime_call_refer_request=refer)',
        ),
        ("Invoke-HangupRealtimeCall -CallId 'rtc_1'", 'invoke_hangup_realtime_call(call_id="rtc_1")'),
        (
            "$R = Initialize-RealtimeTranscriptionSessionCreateRequest -InputAudioFormat 'pcm16'\n"
            "$S = New-RealtimeTranscriptionSession -RealtimeTranscriptionSessionCreateRequest $R",
            "s = new_realtime_transcription_session(realtime_transcription_session_create_request=r)",
        ),
        (
            "$Session = Initialize-RealtimeTranslationSessionCreateRequest -Model 'gpt-realtime-translate'\n"
            "$R = Initialize-RealtimeTranslationClientSecretCreateRequest -Session $Session\n"
            "$K = New-RealtimeTranslationClientSecret -RealtimeTranslationClientSecretCreateRequest $R",
            "k = new_realtime_translation_client_secret(realtime_translation_client_secret_create_request=r)",
        ),
    ],
)
def test_the_call_transcription_and_translation_cmdlets_translate_to_their_functions(ps: str, python: str) -> None:
    """The seven cmdlets of issue 12 translate without a warning, parameters by their Python names."""
    assert lines_of(ps)[-1] == python


def test_members_of_call_results() -> None:
    """$R.CallId of New-RealtimeCall -WithHttpInfo, an action's $R.StatusCode, a translation key's session."""
    ps = (
        "$R = New-RealtimeCall -Sdp 'v=0' -WithHttpInfo\n$Id = $R.CallId\n$Answer = $R.Response\n"
        "$H = Invoke-HangupRealtimeCall -CallId $Id -WithHttpInfo\n$Code = $H.StatusCode\n"
        "$K = New-RealtimeTranslationClientSecret -RealtimeTranslationClientSecretCreateRequest @{ session = @{ model = 'm' } }\n"
        "$Language = $K.Session.Audio.Output.Language\n"
    )
    assert lines_of(ps)[2:] == [
        'r = new_realtime_call(sdp="v=0", with_http_info=True)',
        "id_ = r.call_id",
        "answer = r.response",
        "h = invoke_hangup_realtime_call(call_id=id_, with_http_info=True)",
        "code = h.status_code",
        "k = new_realtime_translation_client_secret(",
        '    realtime_translation_client_secret_create_request={"session": {"model": "m"}},',
        ")",
        "language = k.session.audio.output.language",
    ]


def test_a_translated_call_script_runs_against_a_server(configured: Any) -> None:
    """Translated Deny-/Invoke-HangupRealtimeCall lines run: the server sees the encoded ids and the body."""
    from recording_server import Reply

    configured.default = Reply(200, b"")
    ps = (
        "$Id = 'rtc/1'\nDeny-RealtimeCall -CallId $Id -RealtimeCallRejectRequest @{ status_code = 486 }\n"
        "Invoke-HangupRealtimeCall -CallId 'rtc_2'\nWrite-Host 'done'\n"
    )
    assert run(py(ps)) == "done\n"
    assert [(r.path, r.body) for r in configured.requests] == [
        ("/v1/realtime/calls/rtc%2F1/reject", b'{"status_code":486}'),
        ("/v1/realtime/calls/rtc_2/hangup", b""),
    ]


def test_members_of_with_http_info_results() -> None:
    """-WithHttpInfo results: StatusCode, Response and Headers become status_code, response and headers."""
    ps = (
        "$r = New-RealtimeSession -RealtimeSessionCreateRequest @{ model = 'm' } -WithHttpInfo\n"
        "$a = $r.StatusCode\n$b = $r.Response.voice\n$c = $r.Headers['x-request-id']\n"
    )
    assert lines_of(ps)[-3:] == ["a = r.status_code", "b = r.response.voice", 'c = ps.index(r.headers, "x-request-id")']


def test_configuration_properties_and_keys_become_attributes() -> None:
    """$Configuration.AccessToken and $Configuration["BaseUrl"] are the live configuration's attributes."""
    ps = (
        "$Configuration = Get-Configuration\n"
        '$Configuration.AccessToken = "sk-test"\n'
        '$Configuration["BaseUrl"] = "http://127.0.0.1:9/v1"\n'
        '$Configuration.DefaultHeaders["OpenAI-Project"] = "p"\n'
        '$u = $Configuration["BaseUrl"]\n'
    )
    python = py(ps)
    assert python == (
        "from psopenapi_py import get_configuration\n\n"
        "configuration = get_configuration()\n"
        'configuration.access_token = "sk-test"\n'
        'configuration.base_url = "http://127.0.0.1:9/v1"\n'
        'configuration.default_headers["OpenAI-Project"] = "p"\n'
        "u = configuration.base_url\n"
    )
    run(python)
    from psopenapi_py import get_configuration

    assert get_configuration().base_url == "http://127.0.0.1:9/v1"
    assert get_configuration().default_headers == {"OpenAI-Project": "p"}


def test_a_setting_the_configuration_does_not_have_is_untranslated() -> None:
    """$Configuration.Nope names no setting: reported with the class and the name."""
    result = translate_powershell("$c = Get-Configuration\n$c.Nope = 1\n")
    assert [str(w) for w in result.warnings] == ["line 2: Configuration has no member 'Nope'"]


def test_members_of_parsed_json_read_properties_in_any_case() -> None:
    """ConvertFrom-Json gives PowerShell objects: $d.Error.Code reads "error" and "code"."""
    ps = '$t = \'{"error": {"code": "x"}}\'\n$d = $t | ConvertFrom-Json\n$d.Error.Code\n'
    python = py(ps)
    assert "d = ps.convert_from_json(t)" in python.splitlines()
    assert run(python) == "x\n"


def test_members_of_a_hashtable_find_its_keys_in_any_case() -> None:
    """$Body.Model reads the key written 'model', as PowerShell's case-insensitive hashtables do."""
    assert lines_of("$b = @{ model = 'm' }\n$m = $b.Model\n$b.Voice = 'verse'\n")[-2:] == [
        'm = b["model"]',
        'b["Voice"] = "verse"',
    ]


def test_members_of_values_of_unknown_kind_go_through_the_runtime() -> None:
    """A function parameter could be anything: .Voice is ps.member (key or attribute, any case, $null when
    missing, member enumeration on arrays) and .Count is ps.count (1 for a hashtable of one key)."""
    ps = "function Show($Thing) { Write-Host $Thing.Voice $Thing.Count }\nShow @{ voice = 'verse' }\nShow @(1, 2)\n"
    python = py(ps)
    assert '    ps.write_host(ps.member(thing, "Voice"), ps.count(thing))' in python.splitlines()
    # @(1, 2).Voice enumerates to nothing: Write-Host writes an empty part, then the separator and 2.
    assert run(python) == "verse 1\n 2\n"


def test_count_and_length_become_len() -> None:
    """.Count and .Length of arrays, strings and hashtables are len()."""
    assert lines_of("$l = 1, 2\n$s = 'ab'\n$a = $l.Count + $s.Length\n")[-1] == "a = len(l) + len(s)"


def test_environment_variables() -> None:
    """$env:NAME reads os.environ (None when unset, '' inside a string); assignment sets it."""
    ps = '$k = $env:OPENAI_API_KEY\n$m = "home=$env:HOME"\n$env:MY_FLAG = 1\n'
    assert py(ps) == (
        "import os\n\n"
        'k = os.environ.get("OPENAI_API_KEY")\n'
        'm = f\'home={os.environ.get("HOME", "")}\'\n'
        'os.environ["MY_FLAG"] = "1"\n'
    )


# --------------------------------------------------------------------------------------------------
# Pipelines and built-in cmdlets


def test_piping_an_array_into_a_cmdlet_runs_it_once_per_item() -> None:
    """@($a, $b) | New-RealtimeSession would mint two keys: reported; Write-Host prints each item on its line."""
    result = translate_powershell("$a = @{ model = 'm' }\n@($a, $a) | New-RealtimeSession\n@(1, 2) | Write-Host\n")
    assert result.python.splitlines()[-1] == 'print(1, 2, sep="\\n")'
    assert [str(w) for w in result.warnings] == [
        "line 2: unsupported: piping an array into New-RealtimeSession (it runs once per item)"
    ]


def test_piping_a_request_into_new_realtime_session() -> None:
    """$req | New-RealtimeSession binds the request to the function's first parameter."""
    assert lines_of("$req = @{ model = 'm' }\n$s = $req | New-RealtimeSession\n")[-1] == (
        "s = new_realtime_session(realtime_session_create_request=req)"
    )


@pytest.mark.parametrize(
    ("ps", "python"),
    [
        ("$x | ConvertTo-Json", "j = ps.convert_to_json(x)"),
        ("$x | ConvertTo-Json -Depth 5", "j = ps.convert_to_json(x, depth=5)"),
        ("$x | ConvertTo-Json -Compress", "j = ps.convert_to_json(x, compress=True)"),
        ("ConvertTo-Json $x -Compress", "j = ps.convert_to_json(x, compress=True)"),
        ("$l | ConvertTo-Json -AsArray", "j = ps.convert_to_json_piped(l, as_array=True)"),
    ],
)
def test_convert_to_json(ps: str, python: str) -> None:
    """ConvertTo-Json goes through the runtime (PowerShell's layout and -Depth); piped arrays are collected again."""
    lines = lines_of("$x = @{ a = @(1, 2) }\n$l = @(1)\n$j = " + ps)
    assert lines[0] == "from psopenapi_py import pscompat as ps"
    assert lines[-1] == python


def test_convert_to_json_of_a_model_uses_its_json_form() -> None:
    """A model object is written as its JSON form (the fields that are set), what would be sent."""
    python = py(
        "$r = Initialize-RealtimeSessionCreateRequest -Model 'gpt-4o-realtime-preview'\n$r | ConvertTo-Json -Compress\n"
    )
    assert python.splitlines()[-1] == "print(ps.convert_to_json(r, compress=True))"
    assert run(python) == '{"model":"gpt-4o-realtime-preview"}\n'


def test_convert_from_json_of_text_and_of_error_details() -> None:
    """Text is parsed; error_details (already parsed when the body was JSON) is kept as it is."""
    ps = "try { New-RealtimeSession -RealtimeSessionCreateRequest @{ model = 'm' } } catch { $d = $_.ErrorDetails | ConvertFrom-Json }\n"
    python = py(ps)
    assert '    d = ps.convert_from_json(ps.member(error, "ErrorDetails"))' in python.splitlines()
    from psopenapi_py import pscompat

    assert pscompat.convert_from_json('{"error": {"code": "x"}}') == {"error": {"code": "x"}}
    assert pscompat.convert_from_json({"error": {"code": "x"}}) == {"error": {"code": "x"}}


@pytest.mark.parametrize(
    ("ps", "python", "printed"),
    [
        ('Write-Host "a" 1 $true', 'print("a", 1, True)', "a 1 True\n"),
        ("Write-Host", "print()", "\n"),
        ('Write-Host "a" -NoNewline; Write-Host "b"', 'print("a", end="")\nprint("b")', "ab\n"),
        ('Write-Host "a" "b" -Separator ", "', 'print("a", "b", sep=", ")', "a, b\n"),
        ('Write-Host "red" -ForegroundColor Red', 'print("red")', "red\n"),
        ("Write-Host hello world", 'print("hello", "world")', "hello world\n"),
        ('Write-Output "ok"', 'print("ok")', "ok\n"),
        ('echo "a", "b"', 'print("a", "b", sep="\\n")', "a\nb\n"),
        ('"text"', 'print("text")', "text\n"),
        ("1 + 2", "print(1 + 2)", "3\n"),
        ("@(1, 2)", 'print(1, 2, sep="\\n")', "1\n2\n"),
        ("$l = @(1, 2); $l", "from psopenapi_py import pscompat as ps\n\nl = [1, 2]\nps.write_output(l)", "1\n2\n"),
        ("$l = @(1, 2); Write-Host $l", "l = [1, 2]\nprint(*l)", "1 2\n"),
        ("$null", "", ""),
        ("[void](1 + 2)", "1 + 2", ""),
        ('"x" | Out-Null', '"x"', ""),
        ('"a" | Write-Host', 'print("a")', "a\n"),
    ],
)
def test_output_is_printed_as_powershell_prints_it(ps: str, python: str, printed: str) -> None:
    """Write-Host, Write-Output and bare expressions print (lists one item a line); [void] and Out-Null do not."""
    assert py(ps) == (python + "\n" if python else "\n")
    assert run(python) == printed


def test_write_output_is_a_value_when_assigned_or_piped() -> None:
    """$x = Write-Output 5 captures 5 (nothing is printed); piped on, it is the next command's input."""
    python = py("$x = Write-Output 5\n$j = Write-Output @(1, 2) | ConvertTo-Json -Compress\n$x\n$j\n")
    assert python == (
        "from psopenapi_py import pscompat as ps\n\n"
        "x = 5\nj = ps.convert_to_json_piped([1, 2], compress=True)\nprint(x)\nps.write_output(j)\n"
    )
    assert run(python) == "5\n[1,2]\n"


def test_write_error_goes_to_stderr() -> None:
    """Write-Error goes through the runtime: standard error, or the end of the script under 'Stop'."""
    assert py('Write-Error "boom"') == 'from psopenapi_py import pscompat as ps\n\nps.write_error("boom")\n'


def test_start_sleep() -> None:
    """Start-Sleep -Seconds n, positional, and -Milliseconds (as seconds)."""
    ps = "Start-Sleep -Seconds 2\nStart-Sleep 1\nStart-Sleep -Milliseconds 250\nsleep -ms 5\n"
    assert py(ps) == "import time\n\ntime.sleep(2)\ntime.sleep(1)\ntime.sleep(0.25)\ntime.sleep(0.005)\n"


# --------------------------------------------------------------------------------------------------
# Operators and casts


@pytest.mark.parametrize(
    ("ps", "python"),
    [
        ("$r = ($a + 0.5) * 2", "r = (a + 0.5) * 2"),
        ("$r = ($a + 1) * 2", "r = ps.mul(a + 1, 2)"),  # an Int32 product may overflow to a double
        ("$r = $a + 1 * 2", "r = a + 1 * 2"),
        ("$r = $a - ($a - 1)", "r = a - (a - 1)"),
        ("$r = $a / 2 % 3", "r = ps.mod(ps.div(a, 2), 3)"),
        ("$r = -$a", "r = -a"),
        ("$r = $a -eq 1", "r = a == 1"),
        ("$r = $a -ne 1 -and $a -gt 0", "r = a != 1 and a > 0"),
        ("$r = $a -ge 1 -or $a -le 0", "r = a >= 1 or a <= 0"),
        ("$r = $a -lt 1 -or $a -gt 5 -and $a -ne 9", "r = (a < 1 or a > 5) and a != 9"),
        ("$r = -not ($a -eq 1)", "r = not a == 1"),
        ("$r = !$a", "r = not a"),
        ("$r = -not $a -eq $false", "r = (not a) == False"),
        ("$r = $a -xor $true", "r = bool(a) != True"),
        ("$r = $a -eq $null", "r = a is None"),
        ("$r = $null -ne $a", "r = a is not None"),
        ("$r = $s -eq 'Verse'", 'r = s.casefold() == "verse"'),
        ("$r = 'Verse' -ne $s", 'r = "verse" != s.casefold()'),
        ("$r = $s -ceq 'Verse'", 'r = s == "Verse"'),
        ("$r = $s -ieq 'Verse'", 'r = s.casefold() == "verse"'),
        ("$r = $s + 1", 'r = s + "1"'),
        ("$r = $l + 3", "r = l + [3]"),
        ("$r = $l -contains 2", "r = ps.contains(l, 2)"),
        ("$r = 2 -notin $l", "r = not ps.in_(2, l)"),
    ],
)
def test_operators(ps: str, python: str) -> None:
    """Arithmetic, comparison and logical operators, parenthesised by Python's precedence (PowerShell's -and and -or bind equally).

    / and % keep PowerShell's arithmetic (ps.div, ps.mod); -contains/-in convert as PowerShell does (ps.contains, ps.in_)."""
    assert py("$a = 1; $s = 'x'; $l = @(1)\n" + ps).splitlines()[-1] == python


@pytest.mark.parametrize(
    ("ps", "python", "value"),
    [
        ("$r = $s -like 'ek_*'", 'r = ps.like(s, "ek_*")', True),
        ("$r = $s -like 'EK_?23'", 'r = ps.like(s, "EK_?23")', True),
        ("$r = $s -notlike 'x*'", 'r = ps.not_like(s, "x*")', True),
        ("$r = $s -clike 'EK_*'", 'r = ps.like(s, "EK_*", case=True)', False),
        ("$r = $s -match '^EK_\\d+$'", 'r = ps.match(s, r"^EK_\\d+$", matches)', True),
        ("$r = $s -notmatch 'z'", 'r = ps.not_match(s, "z", matches)', True),
        ("$r = $s -cmatch 'EK'", 'r = ps.match(s, "EK", matches, case=True)', False),
    ],
)
def test_like_and_match(ps: str, python: str, value: bool) -> None:
    """-like is a case-insensitive wildcard match (ps.like), -match a case-insensitive regex search that fills
    $Matches (ps.match); c-variants keep case."""
    code = py("$s = 'ek_123'\n" + ps)
    assert code.splitlines()[-1] == python
    namespace: dict[str, Any] = {}
    exec(code, namespace)
    assert namespace["r"] is value


@pytest.mark.parametrize(
    ("ps", "python", "value"),
    [
        ("$r = [int]'42'", "r = 42", 42),
        ("$r = [int]2.5", "r = 2", 2),
        ("$r = [int]3.5", "r = 4", 4),
        ("$r = [int]'3.5'", "r = 4", 4),
        ("$r = [int]'2.5'", "r = 2", 2),
        ("$r = [int]7", "r = 7", 7),
        ("$x = '2.5'; $r = [int]$x", 'x = "2.5"\nr = ps.to_int(x)', 2),
        ("$r = [string]42", 'r = "42"', "42"),
        ("$r = [double]'0.5'", 'r = ps.to_double("0.5")', 0.5),
        ("$r = [double]2", "r = 2.0", 2.0),
        ("$r = [System.Int32]'1'", "r = 1", 1),
    ],
)
def test_casts(ps: str, python: str, value: Any) -> None:
    """[int] (rounding half to even, as .NET does, a string "3.5" included), [string], [double], [bool]; a cast of
    a constant is folded; a cast of a value not known when translating goes through the runtime."""
    if "ps." in python:
        python = "from psopenapi_py import pscompat as ps\n\n" + python
    code = py(ps)
    assert code == python + "\n"
    namespace: dict[str, Any] = {}
    exec(code, namespace)
    assert namespace["r"] == value and type(namespace["r"]) is type(value)


@pytest.mark.parametrize(
    ("ps", "printed"),
    [
        ("$r = [bool]0; $r", "False\n"),
        ("$x = 0; $r = [bool]$x; $r", "False\n"),
        ("$x = 'False'; $r = [bool]$x; $r", "True\n"),
        ("$x = ''; $r = [bool]$x; $r", "False\n"),
    ],
)
def test_bool_casts_give_powershell_booleans(ps: str, printed: str) -> None:
    """[bool] of 0 or '' is $false and of any other number or non-empty string ('False' included) is $true."""
    result = translate_powershell(ps)
    assert result.warnings == ()
    assert run(result.python) == printed


@pytest.mark.parametrize(
    ("ps", "python"),
    [
        ('$r = "Status {0}: {1}" -f 401, "x"', 'r = "Status {0}: {1}".format(401, "x")'),
        ('$l = @(1, 2); $r = "{1}-{0}" -f $l', 'l = [1, 2]\nr = ps.format_string("{1}-{0}", l)'),
        ("$r = '{{literal}} {0}' -f 1", 'r = "{{literal}} {0}".format(1)'),
    ],
)
def test_format_operator(ps: str, python: str) -> None:
    """-f of plain items on known values is str.format; anything else is .NET's composite formatting (ps.format_string),
    where an array on the right spreads into the arguments and {{ }} are literal braces."""
    if "ps." in python:
        python = "from psopenapi_py import pscompat as ps\n\n" + python
    assert py(ps) == python + "\n"


@pytest.mark.parametrize(
    ("ps", "printed"),
    [
        ('$l = @(1, 2); "{1}-{0}" -f $l', "2-1\n"),
        ("'{{literal}} {0}' -f 1", "{literal} 1\n"),
        ('"{0:N2}" -f 3.5', "3.50\n"),
        ('"{0:N1}" -f 1234.56', "1,234.6\n"),
        ("\"[{0,5}|{1,-4}|{2:D3}]\" -f 1, 'ab', 7", "[    1|ab  |007]\n"),
        ('"{0:X}" -f 255', "FF\n"),
    ],
)
def test_net_format_items_format_as_net_does(ps: str, printed: str) -> None:
    """.NET format items ({0:N2}, {0,5}, {0,-4}, {0:D3}, {0:X}) translate with no warning and give .NET's text."""
    assert run(py(ps)) == printed


# --------------------------------------------------------------------------------------------------
# Control flow


def test_if_elseif_else() -> None:
    """if / elseif / else become if / elif / else; an empty block is pass."""
    ps = "$a = 2\nif ($a -eq 1) { 'one' } elseif ($a -eq 2) {\n    'two'\n} else {}\n"
    assert py(ps) == 'a = 2\nif a == 1:\n    print("one")\nelif a == 2:\n    print("two")\nelse:\n    pass\n'


def test_foreach() -> None:
    """foreach over an array (ps.items: $null loops zero times); the loop variable knows its items' kind (here the
    response's modalities)."""
    ps = (
        "$r = New-RealtimeSession -RealtimeSessionCreateRequest @{ model = 'm' }\n"
        "foreach ($m in $r.modalities) { if ($m -eq 'TEXT') { break } }\n"
    )
    assert lines_of(ps)[-3:] == ["for m in ps.items(r.modalities):", '    if m.casefold() == "text":', "        break"]


def test_foreach_over_a_single_object_loops_once() -> None:
    """PowerShell loops once over a hashtable or a string (never over its keys or characters), and not at all over $null."""
    ps = "$h = @{ a = 1 }\nforeach ($k in $h) { $k.a }\n$s = 'abc'\nforeach ($c in $s) { $c }\n$z = $null\nforeach ($i in $z) { 'never' }\n"
    python = py(ps)
    assert python.splitlines()[3:5] == ["for k in ps.items(h):", '    ps.write_output(ps.member(k, "a"))']
    assert run(python) == "1\nabc\n"


@pytest.mark.parametrize(
    ("ps", "python"),
    [
        ("for ($i = 0; $i -lt 3; $i++) { $i }", "for i in range(3):\n    print(i)"),
        ("for ($i = 1; $i -le 3; $i++) { $i }", "for i in range(1, 4):\n    print(i)"),
        ("for ($i = 10; $i -gt 0; $i -= 5) { $i }", "for i in range(10, 0, -5):\n    print(i)"),
        ("$n = 2; for ($i = 0; $i -le $n; $i += 2) { $i }", "n = 2\nfor i in range(0, n + 1, 2):\n    print(i)"),
        ("for ($i = 0; $i -lt 3; $i++) { $i = 5 }", "i = 0\nwhile i < 3:\n    i = 5\n    i += 1"),
        ("for ($i = 0; ; $i++) { break }", "i = 0\nwhile True:\n    break\n    i += 1"),
    ],
)
def test_for(ps: str, python: str) -> None:
    """A plain counting for is range(); any other for is its while loop."""
    assert py(ps) == python + "\n"


def test_a_for_loop_with_continue_that_is_not_a_count_runs_the_iterator_at_the_top() -> None:
    """continue goes on to the iterator, then the test: the iterator runs first on every pass but the first."""
    python = py("for ($i = 0; $i -lt 3; $i++) { $i = $i; continue }\n")
    assert python == (
        "i = 0\nfirst_pass = True\nwhile True:\n    if not first_pass:\n        i += 1\n    first_pass = False\n"
        "    if not i < 3:\n        break\n    i = i\n    continue\n"
    )


def test_while_and_do_loops() -> None:
    """while; do/while and do/until run the body first."""
    ps = "$i = 0\nwhile ($i -lt 2) { $i++ }\ndo { $i-- } while ($i -gt 0)\ndo { $i++ } until ($i -ge 2)\n$i\n"
    python = py(ps)
    assert python == (
        "i = 0\nwhile i < 2:\n    i += 1\n"
        "while True:\n    i -= 1\n    if not i > 0:\n        break\n"
        "while True:\n    i += 1\n    if i >= 2:\n        break\n"
        "print(i)\n"
    )
    assert run(python) == "2\n"


def test_break_outside_a_loop_is_untranslated() -> None:
    """PowerShell's break outside a loop stops the script; Python would not compile it."""
    result = translate_powershell("break\n")
    assert [str(w) for w in result.warnings] == ["line 1: unsupported: break outside a loop"]


CATCH_API_ERROR = (
    "try {\n    $s = New-RealtimeSession -RealtimeSessionCreateRequest @{ model = 'gpt-4o-realtime-preview' }\n} catch {\n"
    "    $a = $_.ErrorDetails\n    $b = [int]$_.Exception.Response.StatusCode\n"
    "    $c = $_.Exception.Response.Headers['x-request-id']\n    $d = $_.Exception.Message\n"
    '    $f = $_.ErrorDetails.Message\n    $g = "$_"\n'
    "    \"$b $($_.Exception.Response.StatusCode) $($c -like 'req_*')\"\n    $d\n    $f\n} finally {\n    'done'\n}\n"
)


def _run_with_key(python: str, key: str, mock_server: MockServer) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("OPENAI_")}
    env.update(OPENAI_BASE_URL=mock_server.url, OPENAI_API_KEY=key)
    return subprocess.run([sys.executable, "-c", python], env=env, capture_output=True, text=True, timeout=60)


def test_a_catch_all_around_an_api_call_reads_the_error_record(mock_server: MockServer) -> None:
    """$_ is ps.error_record(e): ErrorDetails(.Message) is the body, Exception.Response.StatusCode the HTTP status
    (its name as text, its number with [int]), .Headers the response's, Exception.Message the error's message."""
    python = py(CATCH_API_ERROR)
    assert python.splitlines()[3:] == [
        "s = a = b = c = d = f = g = None",
        "try:",
        '    s = new_realtime_session(realtime_session_create_request={"model": "gpt-4o-realtime-preview"})',
        "except Exception as e:",
        "    error = ps.error_record(e)",
        '    a = ps.member(error, "ErrorDetails")',
        '    b = ps.to_int(ps.member(error, "Exception", "Response", "StatusCode"))',
        '    c = ps.index(ps.member(error, "Exception", "Response", "Headers"), "x-request-id")',
        '    d = ps.member(error, "Exception", "Message")',
        '    f = ps.member(error, "ErrorDetails", "Message")',
        '    g = f"{ps.text(error)}"',
        """    print(f'{b} {ps.text(ps.member(error, "Exception", "Response", "StatusCode"))} {ps.text(ps.like(c, "req_*"))}')""",
        "    ps.write_output(d)",
        "    ps.write_output(f)",
        "finally:",
        '    print("done")',
    ]
    proc = _run_with_key(python, "sk-wrong", mock_server)
    message = "Incorrect API key provided. You can find your API key at https://platform.openai.com/account/api-keys."
    body = {"error": {"message": message, "type": "invalid_request_error", "param": None, "code": "invalid_api_key"}}
    assert (proc.returncode, proc.stderr) == (0, "")
    lines = proc.stdout.splitlines()
    # PowerShell 7's HttpResponseException message; the API's own message is in ErrorDetails.
    assert lines[:2] == ["401 Unauthorized True", "Response status code does not indicate success: 401 (Unauthorized)."]
    assert json.loads(lines[2]) == body
    assert lines[3:] == ["done"]


def test_an_api_errors_text_is_its_error_details_as_in_powershell(mock_server: MockServer) -> None:
    """ErrorRecord.ToString() is ErrorDetails.Message when there is one (the HTTP body), else Exception.Message."""
    python = py(
        "try { New-RealtimeSession -RealtimeSessionCreateRequest @{ model = 'gpt-4o-realtime-preview' } }\ncatch { \"$_\" }\n"
    )
    proc = _run_with_key(python, "sk-wrong", mock_server)
    assert json.loads(proc.stdout)["error"]["code"] == "invalid_api_key"


def test_a_catch_all_catches_every_error_the_scripts_own_throw_included() -> None:
    """A catch without a type catches any error (issue 11, rule 6): a bad argument before anything is sent, a throw."""
    ps = (
        "try { New-RealtimeSession -RealtimeSessionCreateRequest @{ model = 'gpt-4o-realtime-preview'; voice = 1 } }\n"
        "catch { 'caught the bad argument' }\n"
        "try { throw 'mine' } catch { \"caught $_\" }\n"
    )
    assert run(py(ps)) == "caught the bad argument\ncaught mine\n"


def test_catch_without_an_api_call_catches_exception_and_names_it_only_when_used() -> None:
    """A catch-all is except Exception; 'as e' (and $_ as ps.error_record(e)) appears only when $_ is used."""
    ps = "try { throw 'bad' } catch { 'caught' }\ntry { throw 'bad' } catch { $_.Exception.Message }\n"
    python = py(ps)
    assert python == (
        "from psopenapi_py import pscompat as ps\n\n"
        'try:\n    raise ps.ScriptError("bad")\nexcept Exception:\n    print("caught")\n'
        'try:\n    raise ps.ScriptError("bad")\nexcept Exception as e:\n    error = ps.error_record(e)\n'
        '    ps.write_output(ps.member(error, "Exception", "Message"))\n'
    )
    assert run(python) == "caught\nbad\n"


def test_typed_catch_clauses() -> None:
    """catch [HttpResponseException] is ApiException, a known .NET exception ps.exception_type(...); an exception
    type the translation does not know is reported."""
    ps = "try { 1 } catch [Microsoft.PowerShell.Commands.HttpResponseException] { 2 } catch [System.Exception] { 3 }\n"
    assert py(ps) == (
        "from psopenapi_py import ApiException\n\n"
        "try:\n    print(1)\nexcept ApiException:\n    print(2)\nexcept Exception:\n    print(3)\n"
    )
    assert py("try { 1 } catch [System.IO.IOException] { 2 }\n") == (
        "from psopenapi_py import pscompat as ps\n\n"
        'try:\n    print(1)\nexcept ps.exception_type("System.IO.IOException"):\n    print(2)\n'
    )
    result = translate_powershell("try { 1 } catch [System.Data.SqlClient.SqlException] { 2 }\n")
    assert [str(w) for w in result.warnings] == ["line 1: unsupported: catch [System.Data.SqlClient.SqlException]"]


def test_nested_catch_blocks_name_their_exceptions_apart() -> None:
    """$_ in an inner catch is e2, so the outer e is still there afterwards."""
    ps = "try { throw 'a' } catch { try { throw 'b' } catch { $_.Exception.Message }; $_.Exception.Message }\n"
    python = py(ps)
    assert "    except Exception as e2:" in python.splitlines()
    assert run(python) == "b\na\n"


@pytest.mark.parametrize(
    ("ps", "python"),
    [
        ('throw "bad"', 'raise ps.ScriptError("bad")'),
        ("$n = 1; throw $n", "n = 1\nraise ps.ScriptError(str(n), n)"),
        ("throw", 'raise ps.ScriptError("ScriptHalted")'),
        ("try { 1 } catch { throw }", "try:\n    print(1)\nexcept Exception:\n    raise"),
        (
            "try { 1 } catch { throw $_ }",
            "try:\n    print(1)\nexcept Exception:\n    raise",
        ),
    ],
)
def test_throw(ps: str, python: str) -> None:
    """throw raises ps.ScriptError (its message, and what was thrown as $_.TargetObject); a bare throw in a catch
    re-raises, and so does throw $_ (the same error, its type kept)."""
    if "ps." in python:
        python = "from psopenapi_py import pscompat as ps\n\n" + python
    assert py(ps) == python + "\n"


def test_what_was_thrown_is_the_message_and_the_target_object() -> None:
    """throw 5 is caught with $_.Exception.Message "5" and $_.TargetObject 5."""
    ps = '$n = 5\ntry { throw $n } catch { "t=$($_.TargetObject) m=$($_.Exception.Message)" }\n'
    assert run(py(ps)) == "t=5 m=5\n"


def test_throw_of_a_caught_api_error_keeps_its_type(mock_server: MockServer) -> None:
    """pwsh rethrows the same error record: an outer catch [HttpResponseException] still catches it."""
    ps = (
        "try {\n"
        "  try { New-RealtimeSession -RealtimeSessionCreateRequest @{ model = 'gpt-4o-realtime-preview' } }"
        " catch { throw $_ }\n"
        '} catch [Microsoft.PowerShell.Commands.HttpResponseException] { "typed $([int]$_.Exception.Response.StatusCode)" }\n'
        'catch { "untyped $([int]$_.Exception.Response.StatusCode)" }\n'
    )
    proc = _run_with_key(py(ps), "sk-wrong", mock_server)
    assert (proc.returncode, proc.stdout) == (0, "typed 401\n")


def test_convert_to_json_of_a_caught_error_is_untranslated() -> None:
    """$_ or $_.Exception piped to ConvertTo-Json has no JSON form to copy (pwsh writes the .NET exception's
    Message, Data, StackTrace, ...): reported."""
    result = translate_powershell("try { 1 } catch { $_.Exception | ConvertTo-Json }\n")
    assert [str(w) for w in result.warnings] == ["line 1: unsupported: ConvertTo-Json of a caught error"]


def test_the_unmapped_parts_of_an_error_record_are_untranslated() -> None:
    """$_.CategoryInfo (also .FullyQualifiedErrorId, .InvocationInfo) has no counterpart in the translation's error
    record: reported instead of reading $null."""
    result = translate_powershell("try { 1 } catch { $_.CategoryInfo }\n")
    assert [str(w) for w in result.warnings] == [
        "line 1: unsupported: $_.CategoryInfo (the translation's error record has no such part)"
    ]


def test_exit() -> None:
    """exit n is sys.exit(n)."""
    assert py("exit 3\n") == "import sys\n\nsys.exit(3)\n"
    assert py("exit\n") == "import sys\n\nsys.exit()\n"


def test_function_with_a_param_block_becomes_def() -> None:
    """param() types give PowerShell's defaults ('' for [string], 0 for [int]); Mandatory has none; [switch] is False.

    A function whose only output is what it returns stays a plain function (rule 7 holds: nothing else is written)."""
    ps = (
        "function Get-Greeting {\n"
        "    [CmdletBinding()]\n"
        "    param(\n"
        "        [Parameter(Mandatory = $true)] [string] $Name,\n"
        "        [int] $Times = 2,\n"
        "        [switch] $Loud\n"
        "    )\n"
        '    $text = "hi $Name " * $Times\n'
        "    if ($Loud) { return $text.ToUpper() }\n"
        "    return $text\n"
        "}\n"
        "Get-Greeting -Name 'ann'\n"
        "Get-Greeting 'bob' 1 -Loud\n"
    )
    python = py(ps)
    assert python == (
        "from psopenapi_py import pscompat as ps\n\n\n"
        "def get_greeting(name, times=2, loud=False):\n"
        '    text = f"hi {name} " * times\n'
        "    if loud:\n        return text.upper()\n"
        "    return text\n\n\n"
        'ps.write_output(get_greeting(name="ann"))\n'
        'ps.write_output(get_greeting(name="bob", times=1, loud=True))\n'
    )
    assert run(python) == "hi ann hi ann \nHI BOB \n"


def test_functions_may_be_called_before_they_are_defined_further_down() -> None:
    """A function body may call a function defined later in the script, as PowerShell allows."""
    ps = 'function Main { Show-Value 5 }\nfunction Show-Value($Value) { Write-Host "v=$Value" }\nMain\n'
    python = py(ps)
    assert python == (
        "from psopenapi_py import pscompat as ps\n\n\n"
        "def main():\n    show_value(value=5)\n\n\n"
        'def show_value(value=None):\n    print(f"v={ps.text(value)}")\n\n\n'
        "ps.write_output(main())\n"
    )
    assert run(python) == "v=5\n"


def test_a_function_reading_then_assigning_a_script_variable_keeps_both() -> None:
    """PowerShell reads the script's $count, then makes a local one; Python gets a distinct local name (no UnboundLocalError)."""
    ps = (
        '$count = 0\nfunction Inc { $count = $count + 1; Write-Host "local $count" }\nInc\nWrite-Host "script $count"\n'
        'function Show($Count) { Write-Host "param $Count" }\nShow 5\n'
    )
    python = py(ps)
    assert python.splitlines()[5:7] == ["def inc():", "    count_ = count + 1"]
    assert run(python) == "local 1\nscript 0\nparam 5\n"


def test_return_at_script_level_writes_its_value_and_ends_the_script() -> None:
    """A script-level return writes its value (if any) and ends the script with exit code 0, as pwsh -File does."""
    python = py("'a'\nreturn 1\n'b'\n")
    assert python == 'import sys\n\nprint("a")\nprint(1)\nsys.exit(0)\nprint("b")\n'
    proc = subprocess.run([sys.executable, "-c", python], capture_output=True, text=True, timeout=60)
    assert (proc.returncode, proc.stdout, proc.stderr) == (0, "a\n1\n", "")


# --------------------------------------------------------------------------------------------------
# The output as a whole


def _flake_errors(python: str) -> str:
    """ruff's pyflakes rules on a translation: unused imports, undefined names, redefinitions."""
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "ruff",
            "check",
            "--no-cache",
            "--isolated",
            "--select",
            "F,E9",
            "--stdin-filename",
            "t.py",
            "-",
        ],
        input=python,
        capture_output=True,
        text=True,
        timeout=60,
    )
    return proc.stdout if proc.returncode else ""


@pytest.mark.parametrize("name", EXAMPLE_NAMES)
def test_translated_examples_import_only_what_they_use(name: str) -> None:
    """Each example's translation compiles and has no unused import, undefined name or redefinition."""
    python = translate_powershell((EXAMPLES / f"{name}.ps1").read_text(encoding="utf-8")).python
    compile(python, name, "exec")
    assert _flake_errors(python) == ""


CONSTRUCTS = """
# every construct at once: the output must compile and be flake-clean
$Configuration = Get-Configuration
$Configuration.BaseUrl = $env:OPENAI_BASE_URL
$Body = @{ model = 'gpt-4o-realtime-preview'; modalities = @('text'); turn_detection = $null }
$Json = $Body | ConvertTo-Json -Compress
$Back = $Json | ConvertFrom-Json
function Get-Key { param([string]$Model = 'gpt-4o-realtime-preview', [switch]$Quiet)
    $r = @{ model = $Model } | New-RealtimeSession
    if (-not $Quiet) { Write-Host "minted for $Model" }
    return $r.client_secret.value
}
for ($i = 0; $i -lt 2; $i++) {
    try { $k = Get-Key -Quiet; if ($k -like 'ek_*') { Write-Output ("key {0} ok" -f $i) } }
    catch { Write-Error ("{0}: {1}" -f [int]$_.Exception.Response.StatusCode, $_.Exception.Message); exit 4 }
    finally { Start-Sleep -Milliseconds 1 }
}
$n = 0
while ($n -lt 3) { $n += 1 }
do { $n-- } until ($n -le 0)
foreach ($m in $Back.modalities) { "$m" }
"""


def test_a_script_of_every_construct_is_clean_python_that_runs(
    mock_server: MockServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    """All constructs at once: no warnings, flake-clean, and running it against the mock prints what PowerShell would."""
    python = py(CONSTRUCTS)
    assert _flake_errors(python) == ""
    monkeypatch.setenv("OPENAI_BASE_URL", mock_server.url)
    monkeypatch.setenv("OPENAI_API_KEY", "sk-example")
    assert run(python) == "key 0 ok\nkey 1 ok\ntext\n"
    assert [r.body for r in mock_server.requests] == [{"model": "gpt-4o-realtime-preview"}] * 2


def test_a_generated_5000_line_script_translates_in_bounded_time() -> None:
    """Translation is linear: 5,000 lines take well under a second of CPU (the benchmark holds the exact ratio)."""
    block = CONSTRUCTS.replace("Get-Key", "Get-Key{i}")
    script = "".join(block.replace("{i}", str(i)) for i in range(5000 // block.count("\n") + 1))
    translate_powershell(script)
    start = time.process_time()
    result = translate_powershell(script)
    elapsed = time.process_time() - start
    assert result.warnings == ()
    assert elapsed < 1.5, f"{elapsed:.2f} s CPU for {script.count(chr(10))} lines"


# --------------------------------------------------------------------------------------------------
# Acceptance: every example script, run against the mock server


def _expected(name: str, suffix: str) -> str | None:
    path = EXAMPLES / f"{name}.{suffix}"
    return path.read_text(encoding="utf-8") if path.exists() else None


@pytest.mark.parametrize("name", EXAMPLE_NAMES)
def test_example_scripts_send_the_same_bodies_and_print_the_same_lines(name: str, mock_server: MockServer) -> None:
    """Translate NAME.ps1; warnings are NAME.warnings; run against the mock: bodies are NAME.expected.json, output NAME.expected.out."""
    result = translate_powershell((EXAMPLES / f"{name}.ps1").read_text(encoding="utf-8"))
    expected_warnings = _expected(name, "warnings")
    assert [w.line for w in result.warnings] == [int(n) for n in (expected_warnings or "").split()]
    env = {k: v for k, v in os.environ.items() if not k.startswith("OPENAI_")}
    env.update(OPENAI_BASE_URL=mock_server.url, OPENAI_API_KEY="sk-example")
    proc = subprocess.run([sys.executable, "-c", result.python], env=env, capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    assert [r.body for r in mock_server.requests] == json.loads(_expected(name, "expected.json") or "[]")
    expected_out = _expected(name, "expected.out")
    if expected_out is not None:
        assert proc.stdout.splitlines() == expected_out.splitlines()


# --------------------------------------------------------------------------------------------------
# psopenapi translate


def _translate_cli(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    from psopenapi_py.cli import main

    code = main(["translate", *argv])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_cli_translates_a_script_to_stdout_and_exits_0(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """psopenapi translate SCRIPT prints the Python; nothing on stderr; exit 0 when everything translated."""
    script = tmp_path / "hello.ps1"
    script.write_text('$Configuration = Get-Configuration\nWrite-Host "hi"\n', encoding="utf-8")
    assert _translate_cli([str(script)], capsys) == (
        0,
        'from psopenapi_py import get_configuration\n\nconfiguration = get_configuration()\nprint("hi")\n',
        "",
    )


def test_cli_writes_out_file_and_lists_warnings_with_exit_1(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """-o OUT.py gets the Python (comments included); stderr lists SCRIPT:LINE: reason; exit 1."""
    out = tmp_path / "seed.py"
    script = shared_path("examples/ps/seed-doc-example.ps1")
    code, stdout, stderr = _translate_cli([str(script), "-o", str(out)], capsys)
    assert (code, stdout) == (1, "")
    assert stderr == f"{script}:7: -Parameters has no value (PowerShell rejects this); translated as parameters={{}}\n"
    assert out.read_text(encoding="utf-8") == translate_powershell(script.read_text(encoding="utf-8")).python


def test_cli_reports_untranslated_lines_and_exits_1(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """An untranslatable line: its comment in the output, its warning on stderr, exit code 1."""
    script = tmp_path / "x.ps1"
    script.write_text("$a = 1\nGet-Process\n", encoding="utf-8")
    assert _translate_cli([str(script)], capsys) == (
        1,
        "a = 1\n# untranslated (line 2): Get-Process\n",
        f"{script}:2: unknown command 'Get-Process'\n",
    )


def test_cli_reads_stdin_for_dash(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    """SCRIPT '-' reads the script from standard input (warnings then name <stdin>)."""
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"'x'\nGet-Process\n")))
    assert _translate_cli(["-"], capsys) == (
        1,
        'print("x")\n# untranslated (line 2): Get-Process\n',
        "<stdin>:2: unknown command 'Get-Process'\n",
    )


def test_cli_reads_utf16_scripts_from_windows_powershell(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Windows PowerShell 5.1 saves UTF-16 with a byte-order mark: read as such."""
    script = tmp_path / "w.ps1"
    script.write_bytes("$a = 'é'\r\n".encode("utf-16"))
    assert _translate_cli([str(script)], capsys) == (0, 'a = "é"\n', "")


@pytest.mark.parametrize(
    ("setup", "message"),
    [
        ("missing", "SCRIPT: cannot read '{dir}/missing.ps1': No such file or directory."),
        ("binary", "SCRIPT: '{dir}/binary.ps1' is not UTF-8 (or UTF-16 with a byte-order mark) text."),
        ("unwritable", "--out: cannot write '{dir}/no/such/dir/out.py': No such file or directory."),
    ],
)
def test_cli_bad_input_is_one_line_and_exit_2(
    setup: str, message: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """An unreadable script, one that is not text, or an unwritable -o: one stderr sentence, exit 2, nothing written."""
    script = tmp_path / f"{setup}.ps1"
    argv = [str(script)]
    if setup == "binary":
        script.write_bytes(b"\x80\x81\xfe")
    if setup == "unwritable":
        script.write_text("$a = 1\n", encoding="utf-8")
        argv += ["-o", str(tmp_path / "no" / "such" / "dir" / "out.py")]
    expected = "psopenapi translate: error: " + message.format(dir=tmp_path) + "\n"
    assert _translate_cli(argv, capsys) == (2, "", expected)


def test_cli_runs_as_a_command(tmp_path: Path) -> None:
    """python -m psopenapi_py translate works as a whole process, with the documented exit code."""
    script = tmp_path / "x.ps1"
    script.write_text("Get-Process\n", encoding="utf-8")
    proc = subprocess.run(
        [sys.executable, "-m", "psopenapi_py", "translate", str(script)], capture_output=True, text=True, timeout=60
    )
    assert (proc.returncode, proc.stdout, proc.stderr) == (
        1,
        "# untranslated (line 1): Get-Process\n",
        f"{script}:1: unknown command 'Get-Process'\n",
    )


def test_the_docs_before_and_after_is_the_real_translation() -> None:
    """docs/translate.md shows mint-ephemeral-key.ps1 and, character for character, what the translator makes of it."""
    page = (Path(__file__).resolve().parent.parent / "docs" / "translate.md").read_text(encoding="utf-8")
    section = page.split("## Before and after", 1)[1]
    shown_ps = section.split("```powershell\n", 1)[1].split("```", 1)[0]
    shown_python = section.split("```python\n", 1)[1].split("```", 1)[0]
    script = shared_path("examples/ps/mint-ephemeral-key.ps1").read_text(encoding="utf-8")
    assert shown_ps == script
    assert shown_python == translate_powershell(script).python


@pytest.mark.parametrize(
    "ps",
    [
        "$x = " + " + ".join(["1"] * 3000) + "\n",
        "if ($true) {" * 300 + "1" + "}" * 300 + "\n",
        "while ($true) {" * 25 + "break" + "}" * 25 + "\n",
    ],
    ids=["long-expression", "deep-ifs", "deep-loops"],
)
def test_code_nested_deeper_than_python_allows_is_reported(ps: str) -> None:
    """Nesting beyond Python's limits (recursion, 20 nested blocks) is a warning, and the output still compiles."""
    result = translate_powershell(ps + "Write-Host 'after'\n")
    assert [str(w) for w in result.warnings] == ["line 1: unsupported: nested too deeply"]
    assert result.python.endswith('print("after")\n')
    compile(result.python, "<translated>", "exec")


_TOKENS = [
    "$a", "$b", "$_", "$env:X", "$null", "$true", "1", "2.5", "0x1F", '"s $a"', "'v'", "@(", ")", "@{", "}", "{", "(",
    ",", ";", "\n", "=", "+=", "+", "-", "*", "/", "-eq", "-like", "-match", "-and", "-not", "!", "-f", "[int]", ".",
    ".Count", ".client_secret", "[0]", "|", "if", "else", "elseif", "foreach", "in", "for", "while", "do", "until",
    "try", "catch", "finally", "function", "param", "return", "break", "continue", "throw", "exit", "Write-Host",
    "ConvertTo-Json", "ConvertFrom-Json", "New-RealtimeSession", "Initialize-RealtimeSessionCreateRequest", "-Model",
    "-WithHttpInfo", "Get-Configuration", "-PassThru", "@p", "#c", "<# b #>", "`", '@"\nh $a\n"@', "$(", "${x}",
    "$Configuration", ".AccessToken", '["BaseUrl"]', "Get-Foo", "++", "[void]", "[ordered]",
    ".Exception", ".ErrorDetails", ".Response", ".StatusCode", ".Headers", ".Message", "-Depth", "Write-Error",
    "Get-HostSetting", "[0].Url", "Start-Sleep", "-Seconds", "$params = @{ Model = 1 }", "@params", "Import-Module",
    "[double]", "-ceq", "-contains", "-NoNewline", "$script:x", "catch [System.Exception]",
]  # fmt: skip


#: Real scripts to cut pieces out of: the shared examples where ../shared is beside the checkout, and our corpus.
_FUZZ_SCRIPTS = sorted(EXAMPLES.glob("*.ps1")) + sorted((Path(__file__).resolve().parent / "ps_corpus").glob("*.ps1"))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.one_of(
        st.lists(st.sampled_from(_TOKENS), max_size=30).map(" ".join),
        st.tuples(st.sampled_from(_FUZZ_SCRIPTS), st.integers(0, 2000), st.integers(0, 2000)).map(
            lambda t: (lambda s: s[: min(t[1], t[2]) % (len(s) + 1)] + s[max(t[1], t[2]) % (len(s) + 1) :])(
                t[0].read_text(encoding="utf-8")
            )
        ),
    )
)
def test_any_input_gives_python_that_compiles(source: str) -> None:
    """Whatever the input (fragments, broken scripts), translation returns and its Python compiles."""
    result = translate_powershell(source)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", SyntaxWarning)
        compile(result.python, "<translated>", "exec")
    assert all(w.line >= 1 for w in result.warnings)


@pytest.mark.parametrize(
    ("name", "snake"),
    [
        ("New-RealtimeSession", "new_realtime_session"),
        ("RealtimeSessionCreateRequestGA", "realtime_session_create_request_ga"),
        ("RealtimeSessionCreateRequestGAAudioInput", "realtime_session_create_request_ga_audio_input"),
        ("SemanticVAD", "semantic_vad"),
        ("MCPTool", "mcp_tool"),
        ("PCMAudioFormat", "pcm_audio_format"),
        ("ConvertFrom-JsonToRealtimeSessionCreateRequest", "convert_from_json_to_realtime_session_create_request"),
    ],
)
def test_snake_case_keeps_runs_of_capitals(name: str, snake: str) -> None:
    """The translator's snake case is the module's: runs of capitals stay together."""
    assert snake_case(name) == snake


def test_snake_case_agrees_with_the_generator() -> None:
    """The translator and tools/generate_models.py name every model the same way (the rule lives in both)."""
    import importlib.util

    path = Path(__file__).resolve().parent.parent / "tools" / "generate_models.py"
    spec = importlib.util.spec_from_file_location("generate_models_for_translate_test", path)
    assert spec is not None and spec.loader is not None
    generator = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = generator
    try:
        spec.loader.exec_module(generator)
        names = [n for n in psopenapi_py.models.__all__ if n[0].isupper()]
        assert names
        assert [snake_case(n) for n in names] == [generator.snake_case(n) for n in names]
    finally:
        del sys.modules[spec.name]


def test_cli_without_the_translate_extra_says_what_to_install() -> None:
    """Without tree-sitter installed, psopenapi translate exits 2 naming the extra to install."""
    code = (
        "import sys; sys.modules['tree_sitter'] = None\n"
        "from psopenapi_py.cli import main\n"
        "raise SystemExit(main(['translate', '-']))\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], input="'x'\n", capture_output=True, text=True, timeout=60)
    assert (proc.returncode, proc.stdout) == (2, "")
    assert proc.stderr.startswith(
        "psopenapi translate: error: translate needs tree-sitter-powershell: pip install 'psopenapi_py[translate]' ("
    )
