"""A script's param() block becomes its command line; function parameters check their [Validate...()] attributes.

The translated scripts run as subprocesses with arguments, as a user would call them, and the
tests compare their exact output, error messages and exit codes (argparse exits 2 on bad input).
"""

from __future__ import annotations

import argparse
import contextlib
import inspect
import io
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from shared_files import shared_path

from psopenapi_py import TranslationWarning, translate_powershell
from psopenapi_py import pscompat as ps
from psopenapi_py.pscompat import ScriptError

ROOT = Path(__file__).resolve().parent.parent


def py(script: str) -> str:
    """The Python of a script that must translate without any warning."""
    result = translate_powershell(script)
    assert result.warnings == (), [str(w) for w in result.warnings]
    return result.python


def warnings_of(script: str) -> list[tuple[int, str]]:
    return [(w.line, w.message) for w in translate_powershell(script).warnings]


def run_script(python: str, tmp_path: Path, *args: str) -> tuple[int, str, str]:
    """Run translated Python as ``audit.py ARGS...``: (exit code, stdout, stderr)."""
    path = tmp_path / "audit.py"
    path.write_text(python, encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if not k.startswith("OPENAI_")}
    env.update(PYTHONPATH=str(ROOT), COLUMNS="200", PYTHONIOENCODING="utf-8")
    done = subprocess.run(
        [sys.executable, str(path), *args], capture_output=True, text=True, cwd=tmp_path, env=env, timeout=60
    )
    return done.returncode, done.stdout, done.stderr


def usage_error(stderr: str) -> str:
    """The error line argparse prints after the usage (checked whole, with the usage's program name)."""
    lines = stderr.splitlines()
    assert lines[0].startswith("usage: audit.py "), stderr
    return lines[-1]


# --------------------------------------------------------------------------------------------------
# The generated command line

REPRESENTATIVE = """\
<#
.SYNOPSIS
    Audit the voices a rollout will use.
.PARAMETER Voice
    The voice to audit first.
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory)]
    [ValidateSet('alloy', 'ash', 'verse')]
    [string]$Voice,
    [ValidateRange(1, 10)]
    [int]$Count = 2,
    [ValidatePattern('^[a-z]+$')]
    [string[]]$Tags = 'ops',
    [string]$Label = "$Voice-$Count",  # computed after parsing
    [Alias('q')]
    [switch]$NoHeader
)
"""


def test_a_param_block_becomes_an_argparse_command_line() -> None:
    """Each parameter is one add_argument with both spellings; defaults, checks and types as PowerShell binds them."""
    assert py(REPRESENTATIVE) == (
        "import argparse\n"
        "\n"
        "from psopenapi_py import pscompat as ps\n"
        "\n"
        "# .SYNOPSIS\n"
        "#     Audit the voices a rollout will use.\n"
        "# .PARAMETER Voice\n"
        "#     The voice to audit first.\n"
        'parser = argparse.ArgumentParser(description="Audit the voices a rollout will use.")\n'
        "parser.add_argument(\n"
        '    "--voice",\n'
        '    "-Voice",\n'
        '    dest="voice",\n'
        '    type=ps.Argument("string", ps.ValidateSet("alloy", "ash", "verse"), mandatory=True),\n'
        "    required=True,\n"
        '    help="The voice to audit first.",\n'
        ")\n"
        'parser.add_argument("--count", "-Count", dest="count", type=ps.Argument("int", ps.ValidateRange(1, 10)), default=2)\n'
        'parser.add_argument("--tags", "-Tags", dest="tags", nargs="+", type=ps.ValidatePattern("^[a-z]+$"), default=["ops"])\n'
        'parser.add_argument("--label", "-Label", dest="label", default=None)  # computed after parsing\n'
        'parser.add_argument("--no-header", "-NoHeader", "-q", dest="no_header", action="store_true")\n'
        "parser.add_argument(\n"
        '    "--verbose",\n'
        '    "-Verbose",\n'
        '    action="store_true",\n'
        '    help="write Write-Verbose messages (VERBOSE: ...) on stderr",\n'
        ")\n"
        "args = parser.parse_args()\n"
        "ps.preferences.verbose = args.verbose\n"
        "voice = args.voice\n"
        "count = args.count\n"
        "tags = args.tags\n"
        "label = args.label\n"
        "if label is None:\n"
        '    label = f"{voice}-{count}"\n'
        "no_header = args.no_header\n"
    )


def test_a_simple_script_s_parameters_take_no_verbose_and_get_powershell_s_empty_values() -> None:
    """Without [CmdletBinding()] or [Parameter()] there is no -Verbose; an unset [int] is 0, [string] '', [double] 0."""
    assert py("param([int]$N, [string]$S, [double]$D, [bool]$B, $Any, [string[]]$List)\n") == (
        "import argparse\n"
        "\n"
        "from psopenapi_py import pscompat as ps\n"
        "\n"
        "parser = argparse.ArgumentParser()\n"
        'parser.add_argument("--n", "-N", dest="n", type=ps.Argument("int"), default=0)\n'
        'parser.add_argument("--s", "-S", dest="s", default="")\n'
        'parser.add_argument("--d", "-D", dest="d", type=ps.Argument("double"), default=0.0)\n'
        'parser.add_argument("--b", "-B", dest="b", type=ps.Argument("bool"), default=False)\n'
        'parser.add_argument("--any", "-Any", dest="any_")\n'
        'parser.add_argument("--list", "-List", dest="list_", nargs="+")\n'
        "args = parser.parse_args()\n"
        "n = args.n\n"
        "s = args.s\n"
        "d = args.d\n"
        "b = args.b\n"
        "any_ = args.any_\n"
        "list_ = args.list_\n"
    )


def test_a_parameter_attribute_makes_the_script_advanced_and_adds_verbose() -> None:
    """PowerShell gives a script with any [Parameter()] the common parameters, [CmdletBinding()] or not."""
    assert "ps.preferences.verbose = args.verbose" in py("param([Parameter()][string]$A)\n")
    assert "verbose" not in py("param([string]$A)\n")


def test_constant_defaults_are_converted_to_the_declared_type_when_translating() -> None:
    """``[int]$N = '7'`` is 7, ``[string]$S = 5`` is '5', ``[double]$D = 1`` is 1.0, ``[string[]]$L = 'a'`` is ['a']."""
    lines = py("param([int]$N = '7', [string]$S = 5, [double]$D = 1, [string[]]$L = 'a', [int]$R = 2.5)\n").splitlines()
    defaults = [line.rsplit("default=", 1)[1] for line in lines if "add_argument" in line]
    assert defaults == ["7)", '"5")', "1.0)", '["a"])', "2)"]  # [int]2.5 rounds half to even


# --------------------------------------------------------------------------------------------------
# Calling the translated script

AUDIT = """\
# Print the audit plan.
[CmdletBinding()]
param(
    [Parameter(Mandatory)]
    [ValidateSet('alloy', 'ash', 'verse')]
    [string]$Voice,
    [ValidateRange(1, 10)]
    [int]$Count = 2,
    [double]$Ratio = 0.5,
    [ValidatePattern('^[a-z]+$')]
    [string[]]$Tags = 'ops',
    [string]$Label = "$Voice-$Count",
    [switch]$NoHeader
)
if (-not $NoHeader) {
    Write-Output 'PLAN'
}
Write-Output "voice=$Voice count=$Count ratio=$Ratio tags=$Tags label=$Label"
"""


@pytest.fixture(scope="module")
def audit_py() -> str:
    return py(AUDIT)


@pytest.mark.parametrize(
    ("args", "stdout"),
    [
        (["--voice", "ash"], "PLAN\nvoice=ash count=2 ratio=0.5 tags=ops label=ash-2\n"),
        (["-Voice", "ash"], "PLAN\nvoice=ash count=2 ratio=0.5 tags=ops label=ash-2\n"),
        # ValidateSet ignores case and keeps the value as typed, as PowerShell does.
        (["-Voice", "ASH", "--no-header"], "voice=ASH count=2 ratio=0.5 tags=ops label=ASH-2\n"),
        # [int] rounds half to even from text too: "3.5" is 4, "2.5" is 2.
        (["--voice", "ash", "--count", "3.5"], "PLAN\nvoice=ash count=4 ratio=0.5 tags=ops label=ash-4\n"),
        (
            ["--voice", "ash", "-Count", "2.5", "-Ratio", "25e-2"],
            "PLAN\nvoice=ash count=2 ratio=0.25 tags=ops label=ash-2\n",
        ),
        (
            ["--voice", "ash", "--tags", "a", "bc", "-Label", "x"],
            "PLAN\nvoice=ash count=2 ratio=0.5 tags=a bc label=x\n",
        ),
    ],
    ids=["kebab", "powershell-spelling", "set-ignores-case", "int-rounds", "int-half-even", "array-and-label"],
)
def test_the_translated_script_is_called_like_the_original(
    audit_py: str, tmp_path: Path, args: list[str], stdout: str
) -> None:
    assert run_script(audit_py, tmp_path, *args) == (0, stdout, "")


def test_verbose_turns_on_write_verbose(audit_py: str, tmp_path: Path) -> None:
    """``--verbose``/``-Verbose`` set ``ps.preferences.verbose``: Write-Verbose (``ps.write_verbose``) then writes
    ``VERBOSE: ...`` on stderr, as PowerShell's -Verbose does; without it nothing is written."""
    python = audit_py + 'ps.write_verbose(f"count is {count}")\n'
    out = "voice=ash count=2 ratio=0.5 tags=ops label=ash-2\n"
    assert run_script(python, tmp_path, "--voice", "ash", "--no-header", "--verbose") == (
        0,
        out,
        "VERBOSE: count is 2\n",
    )
    assert run_script(python, tmp_path, "--voice", "ash", "--no-header", "-Verbose") == (
        0,
        out,
        "VERBOSE: count is 2\n",
    )
    assert run_script(python, tmp_path, "--voice", "ash", "--no-header") == (0, out, "")


@pytest.mark.parametrize(
    ("args", "error"),
    [
        (
            ["--voice", "nova"],
            'audit.py: error: argument --voice/-Voice: The argument "nova" does not belong to the set '
            '"alloy,ash,verse" specified by the ValidateSet attribute. Supply an argument that is in the set and '
            "then try the command again.",
        ),
        ([], "audit.py: error: the following arguments are required: --voice/-Voice"),
        (
            ["--voice", "ash", "--count", "11"],
            "audit.py: error: argument --count/-Count: The 11 argument is greater than the maximum allowed range "
            "of 10. Supply an argument that is less than or equal to 10 and then try the command again.",
        ),
        (
            ["--voice", "ash", "--count", "0.4"],  # checked after conversion: [int]"0.4" is 0
            "audit.py: error: argument --count/-Count: The 0 argument is less than the minimum allowed range "
            "of 1. Supply an argument that is greater than or equal to 1 and then try the command again.",
        ),
        (
            ["--voice", "ash", "--count", "many"],
            'audit.py: error: argument --count/-Count: Cannot convert value "many" to type "System.Int32". '
            'Error: "Input string was not in a correct format."',
        ),
        (
            ["--voice", "ash", "--tags", "ok", "B-2"],  # each item is checked
            'audit.py: error: argument --tags/-Tags: The argument "B-2" does not match the "^[a-z]+$" pattern. '
            'Supply an argument that matches "^[a-z]+$" and try the command again.',
        ),
        (
            ["--voice", ""],  # a Mandatory [string] refuses an empty string before any check
            "audit.py: error: argument --voice/-Voice: The argument is an empty string, which a Mandatory "
            "parameter refuses.",
        ),
        (["--voice", "ash", "extra"], "audit.py: error: unrecognized arguments: extra"),
        (["--voice", "ash", "-NoHeader:$false"], "audit.py: error: unrecognized arguments: -NoHeader:$false"),
    ],
    ids=["set", "mandatory", "range-high", "range-low", "int", "pattern-item", "empty", "positional", "colon-switch"],
)
def test_bad_arguments_exit_2_naming_the_option_and_what_is_allowed(
    audit_py: str, tmp_path: Path, args: list[str], error: str
) -> None:
    code, stdout, stderr = run_script(audit_py, tmp_path, *args)
    assert (code, stdout, usage_error(stderr)) == (2, "", error)


def test_a_mandatory_string_refuses_an_empty_value(tmp_path: Path) -> None:
    python = py("param([Parameter(Mandatory)][string]$Name, [Parameter(Mandatory)][AllowEmptyString()][string]$Note)\n")
    assert 'type=ps.Argument("string", mandatory=True)' in python
    code, _, stderr = run_script(python, tmp_path, "--name", "", "--note", "")
    assert (code, usage_error(stderr)) == (
        2,
        "audit.py: error: argument --name/-Name: The argument is an empty string, which a Mandatory parameter refuses.",
    )
    assert run_script(python + "print(repr(name), repr(note))\n", tmp_path, "--name", "x", "--note", "") == (
        0,
        "'x' ''\n",
        "",
    )


def test_a_computed_default_that_fails_a_check_is_not_checked(tmp_path: Path) -> None:
    """PowerShell never checks a default: '' for a [ValidateSet] [string] left out is kept, not refused."""
    python = py("param([ValidateSet('a', 'b')][string]$Mode)\nWrite-Output \"[$Mode]\"\n")
    assert 'parser.add_argument("--mode", "-Mode", dest="mode", type=ps.ValidateSet("a", "b"), default=None)' in python
    assert run_script(python, tmp_path) == (0, "[]\n", "")
    assert run_script(python, tmp_path, "-Mode", "B") == (0, "[B]\n", "")


def test_a_bool_parameter_takes_booleans_and_numbers_only(tmp_path: Path) -> None:
    python = py("param([bool]$Strict)\n") + "print(strict)\n"
    assert [run_script(python, tmp_path, "-Strict", v)[1] for v in ("$true", "False", "0", "2")] == [
        "True\n",
        "False\n",
        "False\n",
        "True\n",
    ]
    code, _, stderr = run_script(python, tmp_path, "-Strict", "yes")
    assert (code, usage_error(stderr)) == (
        2,
        'audit.py: error: argument --strict/-Strict: Cannot convert value "yes" to type "System.Boolean". '
        "Boolean parameters accept only Boolean values and numbers, such as $True, $False, 1 or 0.",
    )


def test_an_alias_is_one_more_spelling(tmp_path: Path) -> None:
    python = py("param([Alias('Cap', 'Max')][int]$TokenCap = 5)\n") + "print(token_cap)\n"
    assert '"--token-cap", "-TokenCap", "-Cap", "-Max"' in python
    assert run_script(python, tmp_path, "-Max", "7") == (0, "7\n", "")


def test_parser_and_args_keep_clear_of_the_script_s_names(tmp_path: Path) -> None:
    """A parameter named $Parser gets another Python name: the command line's ``parser`` is never overwritten."""
    python = py("param([string]$Parser = 'p', [string]$Rest = \"$Parser!\")\nWrite-Output $Rest\n")
    assert 'parser.add_argument("--parser", "-Parser", dest="parser_", default="p")' in python
    assert run_script(python, tmp_path, "-Parser", "q") == (0, "q!\n", "")


# --------------------------------------------------------------------------------------------------
# What is refused rather than translated differently


@pytest.mark.parametrize(
    ("script", "warning"),
    [
        (
            "param([Parameter(Position = 0)][string]$A)\n",
            (1, "unsupported: Position on script parameter $A (the translated script takes named options only)"),
        ),
        (
            "param([Parameter(ValueFromPipeline)][string]$A)\n",
            (1, "unsupported: ValueFromPipeline on script parameter $A"),
        ),
        (
            "param([Parameter(ParameterSetName = 'x')][string]$A)\n",
            (1, "unsupported: ParameterSetName on script parameter $A"),
        ),
        (
            "[CmdletBinding(SupportsShouldProcess)]\nparam([string]$A)\n",
            (1, "unsupported: [CmdletBinding(SupportsShouldProcess)] (only PositionalBinding is translated)"),
        ),
        (
            "[CmdletBinding()]\nparam([string]$Verbose)\n",
            (2, "unsupported: $Verbose clashes with the common parameter -Verbose"),
        ),
        ("param([string]$Help)\n", (1, "unsupported: parameter $Help clashes with option --help")),
        ("param([timespan]$When)\n", (1, "unsupported: script parameter type [timespan] (from the command line)")),
        (
            "param([ValidateScript({ $_ -gt 1 })][int]$N)\n",
            (1, "unsupported: parameter attribute [ValidateScript({ $_ -gt 1 })]"),
        ),
        ("param([ValidateLength(1, 3)][string]$S)\n", (1, "unsupported: parameter attribute [ValidateLength(1, 3)]")),
        (
            "param([ValidateRange(5, 1)][int]$N)\n",
            (1, "unsupported: [ValidateRange(5, 1)] (ValidateRange needs two numbers, the smaller first: 5, 1)"),
        ),
        ("param([string]$A = $B, [string]$B)\n", (1, "unsupported: the default of $A uses $B, declared after it")),
        ("param([switch]$On = $true)\n", (1, "unsupported: a default for the [switch] $On")),
        (
            "param([int]$N = 'many')\n",
            (
                1,
                'unsupported: the default of $N: Cannot convert value "many" to type "System.Int32". Error: "Input string was not in a correct format."',
            ),
        ),
        ("param(${odd name})\n", (1, "unsupported: script parameter ${odd name}, whose name is no option name")),
    ],
    ids=[
        "position",
        "pipeline",
        "parameter-set",
        "should-process",
        "common-parameter",
        "help",
        "timespan",
        "validate-script",
        "validate-length",
        "bad-range",
        "later-parameter",
        "switch-default",
        "bad-default",
        "odd-name",
    ],
)
def test_what_would_bind_differently_is_reported_not_translated(script: str, warning: tuple[int, str]) -> None:
    result = translate_powershell(script)
    assert result.warnings[0] == TranslationWarning(*warning)
    assert "argparse" not in result.python


def test_the_example_scripts_param_blocks_translate_without_a_warning() -> None:
    """ops-01 and ops-08 start with [CmdletBinding()] param(...) blocks; each becomes its options, with no warning."""
    for name, options in (
        ("ops-01-voice-audit", ["--voices", "--modality", "--token-cap", "--no-header", "--verbose"]),
        ("ops-08-vad-profile", ["--profile-name", "--model", "--skip-auth-check", "--verbose"]),
    ):
        script = shared_path(f"examples/ps-ops/{name}.ps1").read_text(encoding="utf-8")
        head = script[: script.index("\n)\n") + 3]  # the leading comment, [CmdletBinding()] and param(...)
        python = py(head)
        added = [line for line in python.splitlines() if line.startswith("parser.add_argument(")]
        assert [line.split('"')[1] if '"' in line else "" for line in added] == [
            o if f'parser.add_argument("{o}"' in python else "" for o in options
        ]
        assert all(f'"{o}"' in python for o in options)


# --------------------------------------------------------------------------------------------------
# Function parameters check their attributes at the function's start

FUNCTION = """\
function Set-Mode {
    param(
        [Parameter(Mandatory)]
        [ValidateSet('fast', 'slow')]
        [string]$Mode,
        [ValidateRange(1, 5)]
        [int]$Level = 1
    )
    Write-Output "$Mode $Level"
}
Set-Mode -Mode FAST
"""


def test_a_function_checks_its_parameters_at_its_start() -> None:
    """The checks come first in the def, in the order the parameters are declared."""
    head = py(FUNCTION).split("\n\n\n")[1].splitlines()[:3]
    assert head == [
        "def set_mode(mode, level=1):",
        '    ps.validate("Mode", mode, ps.ValidateSet("fast", "slow"))',
        '    ps.validate("Level", level, ps.ValidateRange(1, 5))',
    ]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ("turbo",),
            "Cannot validate argument on parameter 'Mode'. The argument \"turbo\" does not belong to the set "
            '"fast,slow" specified by the ValidateSet attribute. Supply an argument that is in the set and then try '
            "the command again.",
        ),
        (
            ("slow", 9),
            "Cannot validate argument on parameter 'Level'. The 9 argument is greater than the maximum allowed "
            "range of 5. Supply an argument that is less than or equal to 5 and then try the command again.",
        ),
    ],
    ids=["set", "range"],
)
def test_a_function_given_a_bad_value_raises_powershell_s_message(args: tuple[object, ...], message: str) -> None:
    namespace: dict[str, Any] = {"__name__": "__main__"}
    with contextlib.redirect_stdout(io.StringIO()):
        exec(compile(py(FUNCTION), "<translated>", "exec"), namespace)
    with pytest.raises(ScriptError) as caught:
        result = namespace["set_mode"](*args)
        if inspect.isgenerator(result):  # a function whose output is streamed checks on its first step
            list(result)
    assert str(caught.value) == message


def test_a_function_check_that_its_own_default_fails_checks_only_a_value_given() -> None:
    """PowerShell checks only a value given: a parameter left out takes its default, which the check refuses."""
    script = """function F {
    param([ValidateSet('a', 'b')][string]$M, [ValidateRange(1, 5)][int]$N)
    Write-Output "[$M] $N"
}
F
F -M A -N 5
try { F -M c } catch { $_.Exception.Message }
"""
    assert warnings_of(script) == []
    namespace: dict[str, Any] = {"__name__": "__main__"}
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed):
        exec(compile(py(script), "<translated>", "exec"), namespace)
    assert printed.getvalue().splitlines() == [
        "[] 0",
        "[A] 5",
        'Cannot validate argument on parameter \'M\'. The argument "c" does not belong to the set "a,b" '
        "specified by the ValidateSet attribute. Supply an argument that is in the set and then try the command "
        "again.",
    ]


# --------------------------------------------------------------------------------------------------
# The runtime: pscompat's checks


def test_validate_set_ignores_case_unless_told_and_keeps_the_value() -> None:
    assert ps.ValidateSet("Text", "audio")("TEXT") == "TEXT"
    assert ps.ValidateSet("a", ignore_case=False).reason("A") == (
        'The argument "A" does not belong to the set "a" specified by the ValidateSet attribute. Supply an '
        "argument that is in the set and then try the command again."
    )
    with pytest.raises(argparse.ArgumentTypeError):
        ps.ValidateSet("a")("b")


def test_validate_range_converts_text_to_the_limits_type_for_the_comparison() -> None:
    """PowerShell converts the argument to the limits' type: "7" passes [ValidateRange(1, 10)], "x" cannot."""
    assert ps.ValidateRange(1, 10).reason("7") is None
    assert ps.ValidateRange(1, 10).reason([3, 12]) == (
        "The 12 argument is greater than the maximum allowed range of 10. Supply an argument that is less than "
        "or equal to 10 and then try the command again."
    )
    assert ps.ValidateRange(1, 10).reason("x") == (
        'The argument cannot be validated because its type "str" is not the same type (Int32) as the maximum '
        "and minimum limits of the parameter. Make sure the argument is of type Int32 and then try the command "
        "again."
    )


def test_not_null_or_empty_refuses_empty_values_and_arrays_holding_one() -> None:
    check = ps.ValidateNotNullOrEmpty()
    values: tuple[object, ...] = (None, "", [], ["a", ""], {}, "x", ["a"], 0)
    assert [check.reason(v) is None for v in values] == [
        False,
        False,
        False,
        False,
        False,
        True,
        True,
        True,
    ]


def test_validate_raises_script_error_naming_the_parameter() -> None:
    with pytest.raises(ScriptError) as caught:
        ps.validate("Name", None, ps.ValidateNotNull())
    assert str(caught.value) == (
        "Cannot validate argument on parameter 'Name'. The argument is null. Provide a valid value for the "
        "argument, and then try running the command again."
    )
    ps.validate("Name", "x", ps.ValidateNotNull(), ps.ValidatePattern("X"))  # the pattern ignores case


def test_datetime_and_hashtable_script_parameters_convert_as_powershell_binds_them(tmp_path: Path) -> None:
    python = py(
        """param(
    [datetime]$Start = '2025-03-03 09:00',
    [datetime]$Never,
    [hashtable]$Weights = @{ billing = 2 }
)
Write-Output $Start.ToString('yyyy-MM-dd HH:mm') $Never.Year $Weights['billing']
"""
    )
    assert run_script(python, tmp_path) == (0, "2025-03-03 09:00\n1\n2\n", "")
    assert run_script(python, tmp_path, "-Start", "2025-12-24T18:30:00") == (0, "2025-12-24 18:30\n1\n2\n", "")
    code, _, stderr = run_script(python, tmp_path, "--weights", "@{a=1}")
    # Command-line text is never a hashtable: PowerShell refuses it too.
    assert (code, usage_error(stderr)) == (
        2,
        'audit.py: error: argument --weights/-Weights: Cannot convert the "@{a=1}" value of type "System.String" '
        'to type "System.Collections.Hashtable".',
    )


def test_psboundparameters_holds_what_the_command_line_gave_by_powershell_name(tmp_path: Path) -> None:
    python = py(
        """param(
    [int]$Seconds = 300,
    [string[]]$Voices = @('marin'),
    [switch]$DryRun
)
if ($PSBoundParameters.ContainsKey('seconds')) { "seconds given: $($PSBoundParameters['Seconds'])" } else { "default $Seconds" }
"given: $(($PSBoundParameters.Keys | Sort-Object) -join ',')"
"""
    )
    assert "bound_parameters = ps.bound_parameters(parser)" in python
    assert run_script(python, tmp_path) == (0, "default 300\ngiven: \n", "")
    assert run_script(python, tmp_path, "-Seconds", "60", "--dry-run") == (
        0,
        "seconds given: 60\ngiven: DryRun,Seconds\n",
        "",
    )
    assert run_script(python, tmp_path, "--voices", "ash", "cedar") == (0, "default 300\ngiven: Voices\n", "")


def test_psboundparameters_inside_a_function_is_the_functions_own(tmp_path: Path) -> None:
    python = py(
        'param([int]$N = 1)\nfunction F([int]$X = 5, [int]$Y) { "$($PSBoundParameters.Count) $X" }\nF -Y 2\nF -X 3 -Y 4\n'
    )
    assert '= ps.bound_arguments(("X", x), ("Y", y))' in python
    assert run_script(python, tmp_path) == (0, "1 5\n2 3\n", "")


# --------------------------------------------------------------------------------------------------
# The documentation


def test_the_docs_script_parameters_example_is_the_real_translation(tmp_path: Path) -> None:
    """docs/translate.md's "Script parameters" shows a script and, character for character, its translation."""
    page = (ROOT / "docs" / "translate.md").read_text(encoding="utf-8")
    section = page.split("## Script parameters", 1)[1]
    shown_ps = section.split("```powershell\n", 1)[1].split("```", 1)[0]
    shown_python = section.split("```python\n", 1)[1].split("```", 1)[0]
    assert shown_python == py(shown_ps)
    assert run_script(shown_python, tmp_path, "-Voices", "coral", "ash", "--token-cap", "3.5") == (
        0,
        "plan for audit-audio\ncoral audio 4\nash audio 4\n",
        "",
    )
    code, _, stderr = run_script(shown_python, tmp_path, "--modality", "video")
    shown_error = section.split("```text\n", 1)[1].split("```", 1)[0].splitlines()[-1]
    assert (code, usage_error(stderr)) == (2, shown_error)
