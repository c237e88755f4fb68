"""PowerShell's built-in cmdlets in translated scripts: each translates without a warning and prints what pwsh 7 prints.

Files live under pytest's tmp_path, which the scripts read as ``$Dir = $env:PSO_TEST_DIR``. What the
translator does not translate exactly is reported, never guessed.
"""

from __future__ import annotations

import contextlib
import io
from pathlib import Path

import pytest

from psopenapi_py import pscompat, translate_powershell
from psopenapi_py.pscompat import ScriptError

DIR = "$Dir = $env:PSO_TEST_DIR\n"


@pytest.fixture
def tmp_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("PSO_TEST_DIR", str(tmp_path))
    return tmp_path


def py(ps: str) -> str:
    """The Python of a script that must translate without any warning."""
    result = translate_powershell(ps)
    assert result.warnings == (), [str(w) for w in result.warnings]
    return result.python


def run(ps: str) -> tuple[str, str]:
    """Translate (no warning allowed), run, and return what the script wrote to stdout and stderr."""
    python = py(ps)
    out, err = io.StringIO(), io.StringIO()
    preferences = pscompat.preferences.save()
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            exec(compile(python, "<translated>", "exec"), {"__name__": "__main__"})
    finally:
        # The runtime's modes are the process's (a translated script has one to itself): reset for the next.
        pscompat.set_strict_mode(off=True)
        pscompat.preferences.restore(preferences)
    return out.getvalue(), err.getvalue()


def printed(ps: str) -> str:
    return run(ps)[0]


def warnings_of(ps: str) -> list[str]:
    return [str(w) for w in translate_powershell(ps).warnings]


# --------------------------------------------------------------------------------------------------
# Paths and files


def test_get_item_gives_a_file_a_folder_or_an_environment_entry(tmp_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PSO_STAGE", "blue")
    (tmp_dir / "notes.txt").write_text("12345")
    ps = DIR + (
        "$File = Get-Item -Path (Join-Path $Dir 'notes.txt')\n"
        "Write-Output $File.Name $File.Length $File.Extension $File.PSIsContainer\n"
        "$Folder = Get-Item $Dir\n"
        "Write-Output $Folder.PSIsContainer ($Folder.FullName -eq $Dir)\n"
        "Write-Output (Get-Item Env:PSO_STAGE).Value\n"
        "$Missing = Get-Item -Path (Join-Path $Dir 'gone.lock') -ErrorAction SilentlyContinue\n"
        'Write-Output "missing: $($null -eq $Missing)"\n'
    )
    assert printed(ps) == "notes.txt\n5\n.txt\nFalse\nTrue\nTrue\nblue\nmissing: True\n"
    # A missing path is PowerShell's non-terminating error: written, and the script goes on (unless Stop).
    assert run(DIR + "$Item = Get-Item -Path (Join-Path $Dir 'gone.lock')\n'after'\n") == (
        "after\n",
        f"Get-Item: Cannot find path '{tmp_dir / 'gone.lock'}' because it does not exist.\n",
    )
    with pytest.raises(ScriptError, match="because it does not exist"):
        run(DIR + "Get-Item -Path (Join-Path $Dir 'gone.lock') -ErrorAction Stop\n")
    assert warnings_of("Get-Item *.txt\n") == ["line 1: unsupported: Get-Item of a wildcard path (*.txt)"]


def test_join_test_and_split_path(tmp_dir: Path) -> None:
    ps = DIR + (
        "$File = Join-Path $Dir 'notes.txt'\n"
        "Set-Content -Path $File -Value 'x'\n"
        "Write-Output (Test-Path $File)\n"
        "Write-Output (Test-Path $File -PathType Container)\n"
        "Write-Output (Test-Path -Path $Dir -PathType Container)\n"
        "Write-Output (Split-Path $File -Leaf)\n"
        "Write-Output (Split-Path $File -LeafBase)\n"
        "Write-Output (Split-Path $File -Extension)\n"
        "Write-Output ((Split-Path $File -Parent) -eq $Dir)\n"
        "Write-Output ((Split-Path $File) -eq $Dir)\n"
        "Write-Output (Join-Path 'a' 'b' 'c')\n"
    )
    assert printed(ps) == "True\nFalse\nTrue\nnotes.txt\nnotes\n.txt\nTrue\nTrue\na/b/c\n"


def test_set_add_and_get_content(tmp_dir: Path) -> None:
    ps = DIR + (
        "$File = Join-Path $Dir 'notes.txt'\n"
        "Set-Content -Path $File -Value 'one', 'two'\n"
        "Add-Content -Path $File -Value 'three'\n"
        "'four' | Add-Content $File\n"
        "$Lines = Get-Content $File\n"
        "Write-Output $Lines.Count\n"
        "Get-Content $File -Tail 1\n"
        "Get-Content -Path $File -TotalCount 2\n"
        "gc $File -First 1\n"
        "$Raw = Get-Content $File -Raw\n"
        "Write-Output $Raw.Length\n"
    )
    # one\ntwo\nthree\nfour\n: 4 + 4 + 6 + 5 characters
    assert printed(ps) == "4\nfour\none\ntwo\none\n19\n"
    assert (tmp_dir / "notes.txt").read_bytes() == b"one\ntwo\nthree\nfour\n"  # UTF-8, no BOM, \n


def test_set_content_no_newline_and_encoding(tmp_dir: Path) -> None:
    ps = DIR + (
        "$File = Join-Path $Dir 'a.txt'\n"
        "Set-Content $File 'a', 'b' -NoNewline\n"
        "Set-Content (Join-Path $Dir 'u.txt') 'é' -Encoding utf8\n"
        "Set-Content (Join-Path $Dir 'bom.txt') 'é' -Encoding utf8BOM\n"
    )
    run(ps)
    assert (tmp_dir / "a.txt").read_bytes() == b"ab"
    assert (tmp_dir / "u.txt").read_bytes() == "é\n".encode()  # pwsh 7's utf8 has no byte-order mark
    assert (tmp_dir / "bom.txt").read_bytes() == b"\xef\xbb\xbf" + "é\n".encode()


def test_a_file_of_one_line_reads_as_a_string_and_an_empty_file_as_null(tmp_dir: Path) -> None:
    ps = DIR + (
        "$File = Join-Path $Dir 'one.txt'\n"
        "Set-Content $File 'only'\n"
        "$Lines = Get-Content $File\n"
        "Write-Output $Lines.Length\n"  # a string's length, not an array's
        "Set-Content $File -Value '' -NoNewline\n"
        "$None = Get-Content $File\n"
        "Write-Output ($null -eq $None)\n"
    )
    assert printed(ps) == "4\nTrue\n"


def test_out_file(tmp_dir: Path) -> None:
    ps = DIR + (
        "$File = Join-Path $Dir 'out.txt'\n"
        "'hello' | Out-File $File\n"
        "'again', 'more' | Out-File -FilePath $File -Append\n"
    )
    run(ps)
    assert (tmp_dir / "out.txt").read_text(encoding="utf-8") == "hello\nagain\nmore\n"


def test_export_and_import_csv(tmp_dir: Path) -> None:
    ps = DIR + (
        "$Csv = Join-Path $Dir 'voices.csv'\n"
        "$Rows = @(\n"
        "    [pscustomobject]@{ Voice = 'alloy'; Rank = 1 }\n"
        "    [pscustomobject]@{ Voice = 'ash'; Rank = 2 }\n"
        ")\n"
        "$Rows | Export-Csv -Path $Csv -NoTypeInformation\n"
        "[pscustomobject]@{ Voice = 'echo'; Rank = 3 } | Export-Csv $Csv -Append\n"
        "$Back = Import-Csv $Csv\n"
        'foreach ($Row in $Back) { Write-Output "$($Row.Voice)=$($Row.Rank)" }\n'
        "Write-Output $Back.Count\n"
    )
    assert printed(ps) == "alloy=1\nash=2\necho=3\n3\n"
    # PowerShell 7 quotes every field and writes no #TYPE line.
    assert (tmp_dir / "voices.csv").read_text() == '"Voice","Rank"\n"alloy","1"\n"ash","2"\n"echo","3"\n'


def test_csv_with_a_delimiter(tmp_dir: Path) -> None:
    ps = DIR + (
        "$Csv = Join-Path $Dir 'd.csv'\n"
        "@([pscustomobject]@{ A = 1; B = 'x' }) | Export-Csv $Csv -Delimiter ';'\n"
        "$Row = Import-Csv $Csv -Delimiter ';'\n"
        "Write-Output $Row.B\n"
    )
    assert printed(ps) == "x\n"
    assert (tmp_dir / "d.csv").read_text() == '"A";"B"\n"1";"x"\n'


def test_new_item_and_remove_item(tmp_dir: Path) -> None:
    ps = DIR + (
        "$Sub = Join-Path $Dir 'sub'\n"
        "New-Item -ItemType Directory -Path $Sub -Force | Out-Null\n"
        "New-Item -ItemType Directory -Path $Sub -Force | Out-Null\n"  # -Force: an existing folder is fine
        "$null = New-Item -Path $Sub -Name 'a.txt' -ItemType File -Value 'hi'\n"
        "Get-Content (Join-Path $Sub 'a.txt') -Raw\n"
        "Remove-Item $Sub -Recurse -Force\n"
        "Write-Output (Test-Path $Sub)\n"
        "Remove-Item $Sub -ErrorAction SilentlyContinue\n"
        "Write-Output 'still here'\n"
    )
    assert printed(ps) == "hi\nFalse\nstill here\n"


def test_remove_item_of_a_missing_path_stops_the_script(tmp_dir: Path) -> None:
    with pytest.raises(ScriptError, match="because it does not exist"):
        run(DIR + "Remove-Item (Join-Path $Dir 'missing') -ErrorAction Stop\n")


# --------------------------------------------------------------------------------------------------
# The pipeline

CATALOG = """$Catalog = @(
    [pscustomobject]@{ Name = 'lookup'; Enabled = $true; Size = 3 }
    [pscustomobject]@{ Name = 'Refund'; Enabled = $false; Size = 10 }
    [pscustomobject]@{ Name = 'stock'; Enabled = $true; Size = 2 }
)
"""


@pytest.mark.parametrize(
    ("filter_", "names"),
    [
        ("{ $_.Enabled }", "lookup stock"),
        ("Enabled", "lookup stock"),  # a bare property name tests it for truth
        ("-Not Enabled", "Refund"),
        ("Name -eq 'REFUND'", "Refund"),  # -eq ignores case
        ("Name -CEQ 'REFUND'", ""),
        ("Name -ne 'refund'", "lookup stock"),
        ("-Property Name -Value 'r*' -Like", "Refund"),
        ("Name -NotLike 'r*'", "lookup stock"),
        ("Name -Match '^s'", "stock"),
        ("Name -NotMatch 'o'", "Refund"),
        ("Size -gt '2'", "lookup Refund"),  # '2' becomes a number: 10 > 2 (as text it would not be)
        ("Size -le 3", "lookup stock"),
        ("Name -In 'stock', 'lookup'", "lookup stock"),
        ("Name -NotIn 'stock', 'lookup'", "Refund"),
    ],
)
def test_where_object(filter_: str, names: str) -> None:
    ps = CATALOG + f'$Hits = $Catalog | Where-Object {filter_} | ForEach-Object Name\nWrite-Output "$Hits"\n'
    assert printed(ps) == names + "\n"


def test_where_object_aliases() -> None:
    assert py(CATALOG + "$a = $Catalog | ? Enabled\n") == py(CATALOG + "$a = $Catalog | Where-Object Enabled\n")
    assert py(CATALOG + "$a = $Catalog | where Enabled\n") == py(CATALOG + "$a = $Catalog | Where-Object Enabled\n")


def test_foreach_object_block_member_and_method() -> None:
    ps = CATALOG + (
        "$Catalog | ForEach-Object { $_.Size * 2 }\n$Catalog | % -MemberName Name\n'ab', 'c' | foreach ToUpper\n"
    )
    assert printed(ps) == "6\n20\n4\nlookup\nRefund\nstock\nAB\nC\n"


def test_select_object() -> None:
    ps = CATALOG + (
        "$Catalog | Select-Object -First 2 | ForEach-Object Name\n"
        "$Catalog | Select-Object -Last 1 -ExpandProperty Name\n"
        "$Catalog | select -Skip 1 -First 1 -ExpandProperty Name\n"
        "3, 1, 3, 'a', 'A' | Select-Object -Unique\n"  # -Unique is case-sensitive here, unlike Sort-Object's
        "$Wide = $Catalog | Select-Object -Property 'Name', @{Name = 'Double'; Expression = { $_.Size * 2 }}\n"
        'Write-Output "$($Wide[1].Name) $($Wide[1].Double)"\n'
    )
    assert printed(ps) == "lookup\nRefund\nstock\nRefund\n3\n1\na\nA\nRefund 20\n"


def test_sort_object() -> None:
    ps = CATALOG + (
        "$Catalog | Sort-Object -Property Name | ForEach-Object Name\n"  # ignoring case
        "$Catalog | sort Size -Descending | ForEach-Object Size\n"
        "$Catalog | Sort-Object { $_.Name.Length }, 'Name' | ForEach-Object Name\n"
        "3, 1, 2, 3 | Sort-Object -Unique\n"
        "'b', 'a', 'B' | Sort-Object -Unique\n"  # 'B' equals 'b' ignoring case: dropped
    )
    assert printed(ps) == ("lookup\nRefund\nstock\n10\n3\n2\nstock\nlookup\nRefund\n1\n2\n3\na\nb\n")


def test_measure_object() -> None:
    ps = CATALOG + (
        "$m = $Catalog | Measure-Object -Property Size -Sum -Average -Maximum -Minimum\n"
        'Write-Output "$($m.Count) $($m.Sum) $($m.Average) $($m.Maximum) $($m.Minimum)"\n'
        "$n = 'a', 'b' | measure\n"
        "Write-Output $n.Count\n"
    )
    assert printed(ps) == "3 15 5 10 2\n2\n"


def test_group_object_sorts_the_groups_as_pwsh_7_does() -> None:
    # PowerShell 6.1 and later sort Group-Object's output by the grouped values (PowerShell/PowerShell#7409).
    ps = CATALOG + (
        "$Groups = 'b', 'a', 'B' | Group-Object\n"
        'foreach ($g in $Groups) { Write-Output "$($g.Name) $($g.Count)" }\n'
        "$ByState = $Catalog | group Enabled\n"
        'foreach ($g in $ByState) { Write-Output "$($g.Name): $($g.Group.Name)" }\n'
    )
    assert printed(ps) == "a 1\nb 2\nFalse: Refund\nTrue: lookup stock\n"


def test_pipeline_output_assigned_is_null_one_item_or_an_array() -> None:
    ps = CATALOG + (
        "$None = $Catalog | Where-Object Size -gt 100\n"
        "$One = $Catalog | Where-Object Size -gt 5\n"
        "$Two = $Catalog | Where-Object Size -lt 5\n"
        'Write-Output "$($null -eq $None) $($One.Name) $($Two.Count)"\n'
    )
    assert printed(ps) == "True Refund 2\n"


def test_out_string() -> None:
    assert printed("$s = 'a', 'b' | Out-String\nWrite-Output $s.Length\n") == "4\n"  # "a\nb\n"


# --------------------------------------------------------------------------------------------------
# Output streams


def test_write_warning_and_verbose_go_to_stderr() -> None:
    out, err = run("Write-Warning 'careful'\nWrite-Verbose 'hidden'\n'done'\n")
    assert (out, err) == ("done\n", "WARNING: careful\n")


def test_write_warning_silenced() -> None:
    assert run("Write-Warning 'careful' -WarningAction SilentlyContinue\n") == ("", "")


def test_write_error_writes_and_goes_on_or_stops() -> None:
    out, err = run("Write-Error 'boom'\n'after'\n")
    assert out == "after\n"
    assert "boom" in err
    with pytest.raises(ScriptError, match="^boom$"):
        run("Write-Error 'boom' -ErrorAction Stop\n'after'\n")


def test_write_information_shows_only_with_information_action_continue() -> None:
    # $InformationPreference is SilentlyContinue by default: nothing is shown.
    assert run("Write-Information 'quiet'\nWrite-Information 'shown' -InformationAction Continue\n") == (
        "shown\n",
        "",
    )


def test_write_debug_shows_nothing_by_default() -> None:
    assert run("Write-Debug 'quiet'\n'x'\n") == ("x\n", "")


# --------------------------------------------------------------------------------------------------
# JSON


def test_convert_to_json() -> None:
    ps = (
        "@{ a = 1 } | ConvertTo-Json -Compress\n"
        "@(5) | ConvertTo-Json\n"  # the pipeline collects one item: written as itself
        "ConvertTo-Json @(5) -Compress\n"  # -InputObject: the array itself
        "5 | ConvertTo-Json -AsArray -Compress\n"
        "[pscustomobject]@{ v = 'é'; n = $null } | ConvertTo-Json -Compress\n"  # non-ASCII kept
        "[pscustomobject]@{ a = [pscustomobject]@{ b = 1 } } | ConvertTo-Json -Depth 0 -Compress\n"
        "[pscustomobject]@{ a = 1; b = 'x' } | ConvertTo-Json\n"
    )
    assert printed(ps) == ('{"a":1}\n5\n[5]\n[5]\n{"v":"é","n":null}\n{"a":"@{b=1}"}\n{\n  "a": 1,\n  "b": "x"\n}\n')


def test_convert_from_json_reads_members_in_any_case() -> None:
    ps = (
        '$o = \'{"Error": {"Code": "x"}, "list": [1, 2]}\' | ConvertFrom-Json\n'
        "Write-Output $o.error.code\n"
        "Write-Output $o.List.Count\n"
        "Write-Output ($null -eq $o.missing)\n"
        "$h = '{\"a\": 1}' | ConvertFrom-Json -AsHashtable\n"
        "Write-Output $h.Keys\n"
    )
    assert printed(ps) == "x\n2\nTrue\na\n"


# --------------------------------------------------------------------------------------------------
# Values and settings


def test_get_date() -> None:
    ps = (
        "Get-Date -Date '2026-12-01T05:04:03' -Format 'yyyy-MM-dd HH:mm'\n"
        "Get-Date -Date '2026-12-01T05:04:03+02:00' -AsUTC -Format 'HH:mm'\n"
        "$now = Get-Date\n"
        "Write-Output ($now.Year -ge 2024)\n"
    )
    assert printed(ps) == "2026-12-01 05:04\n03:04\nTrue\n"


def test_new_guid_get_random_and_strict_mode() -> None:
    ps = (
        "Set-StrictMode -Version Latest\n"
        '$Id = "$(New-Guid)"\n'
        "Write-Output $Id.Length\n"
        "$r = Get-Random -Minimum 1 -Maximum 3\n"
        "Write-Output ($r -ge 1 -and $r -le 2)\n"
        "$pick = 'a', 'b' | Get-Random\n"
        "Write-Output ($pick -in 'a', 'b')\n"
        "$both = 'a', 'b' | Get-Random -Count 2 | Sort-Object\n"
        'Write-Output "$both"\n'
    )
    python = py(ps)
    assert python.splitlines()[2] == 'ps.set_strict_mode("Latest")'
    assert printed(ps) == "36\nTrue\nTrue\na b\n"


def test_strict_mode_refuses_missing_properties_and_indexes_past_the_end() -> None:
    base = "$O = [pscustomobject]@{ Name = 'k1' }\n$H = @{ a = 1 }\n$L = @(1, 2)\n"
    loose = base + "Write-Output ($null -eq $O.Missing) ($null -eq $H.missing) ($null -eq $L[5])\n"
    assert printed(loose) == "True\nTrue\nTrue\n"
    strict = "Set-StrictMode -Version Latest\n" + base
    # A hashtable's missing key is $null in every mode.
    assert printed(strict + "Write-Output ($null -eq $H.missing)\nSet-StrictMode -Off\n") == "True\n"
    with pytest.raises(ScriptError, match="The property 'Missing' cannot be found on this object."):
        run(strict + "$X = $O.Missing\n")
    with pytest.raises(ScriptError, match="Index was outside the bounds of the array."):
        run(strict + "$X = $L[5]\n")
    # Version 2 checks properties, not indexes.
    assert (
        printed("Set-StrictMode -Version 2\n" + base + "Write-Output ($null -eq $L[5])\nSet-StrictMode -Off\n")
        == "True\n"
    )


def test_aliases_are_the_same_cmdlets() -> None:
    pairs = [
        ("$a = @(1) | select -First 1", "$a = @(1) | Select-Object -First 1"),
        ("$a = @(1) | sort", "$a = @(1) | Sort-Object"),
        ("$a = @(1) | group", "$a = @(1) | Group-Object"),
        ("$a = @(1) | measure", "$a = @(1) | Measure-Object"),
        ("$a = gc 'f'", "$a = Get-Content 'f'"),
        ("$a = ipcsv 'f'", "$a = Import-Csv 'f'"),
        ("@(1) | epcsv 'f'", "@(1) | Export-Csv 'f'"),
        ("ri 'f'", "Remove-Item 'f'"),
        ("del 'f'", "Remove-Item 'f'"),
        ("ni 'f' | Out-Null", "New-Item 'f' | Out-Null"),
    ]
    for short, full in pairs:
        assert py(short + "\n") == py(full + "\n"), short


# --------------------------------------------------------------------------------------------------
# What is not translated is reported


@pytest.mark.parametrize(
    ("ps", "warning"),
    [
        ("Get-Date -UFormat '%Y'", "unsupported: Get-Date -UFormat"),
        ("Remove-Item 'f' -ErrorAction Inquire", "unsupported: Remove-Item -ErrorAction Inquire"),
        ("Write-Error 'x' -ErrorAction SilentlyContinue", "unsupported: Write-Error -ErrorAction SilentlyContinue"),
        ("$x = Test-Path '*.txt'", "unsupported: Test-Path of a wildcard path (*.txt)"),
        ("Remove-Item 'logs/*'", "unsupported: Remove-Item of a wildcard path (logs/*)"),
        (
            "$x = @(1) | Select-Object -Property Name -Unique",
            "unsupported: Select-Object -Unique with -Property",
        ),
        ("$x = @(1) | Select-Object -Last 1 -Skip 1", "unsupported: Select-Object -Skip with -Last"),
        ("$x = @(1) | Sort-Object -Property 'N*'", "unsupported: Sort-Object with a wildcard property name (N*)"),
        (
            "$x = @(1) | Select-Object -Property @{ x = 'a'; e = 'b' }",
            "unsupported: Select-Object -Property key 'x' (write ['expression', 'label', 'name'])",
        ),
        (
            "$x = Where-Object -InputObject @(1) { $true }",
            "unsupported: Where-Object -InputObject (PowerShell takes it as one object)",
        ),
        ("$x = @(1) | Where-Object Name -Is 'string'", "unsupported: Where-Object -Is"),
        ("$x = @(1) | Where-Object Name -eq -ne 1", "Where-Object takes one comparison operator"),
        ("$x = New-Item 'f'", "unsupported: New-Item whose output is used (add | Out-Null)"),
        ("New-Item 'f' -ItemType SymbolicLink | Out-Null", "unsupported: New-Item -ItemType SymbolicLink"),
        ("Set-Content 'f' 'v' -Encoding utf32", "unsupported: -Encoding utf32"),
        ("$x = Import-Csv 'f' -Encoding unicode", "unsupported: Import-Csv -Encoding unicode"),
        ("$x = Get-Content 'f' -Tail 1 -TotalCount 1", "unsupported: Get-Content with both -Tail and -TotalCount"),
        ("$x = @(1) | Sort-Object -Top 1", "Sort-Object has no parameter -Top"),
        ("$x = @(1) | Group-Object -NoSuchSwitch", "Group-Object has no parameter -NoSuchSwitch"),
        ("$x = @(1) | ForEach-Object -Parallel { 2 }", "unsupported: ForEach-Object -Parallel"),
        ("$x = Split-Path 'a/b' -Qualifier", "Split-Path has no parameter -Qualifier"),
        ("$x = Split-Path 'a/b' -Leaf -Extension", "Split-Path takes one of -Parent, -Leaf, -LeafBase, -Extension"),
        ("$x = 'a' | Out-String -Width 40", "unsupported: Out-String -Width"),
        ("$x = @{} | ConvertTo-Json -EnumsAsStrings", "ConvertTo-Json has no parameter -EnumsAsStrings"),
        ("Write-Warning 'w' -WarningAction Inquire", "unsupported: Write-Warning -WarningAction Inquire"),
        (
            "$o = @(1)\nWrite-Information $o -InformationAction Continue",
            "unsupported: Write-Information of a value that is not known to be a string",
        ),
        (
            "$InformationPreference = 'Continue'\nWrite-Information 'x'",
            "unsupported: Write-Information with $InformationPreference set by the script",
        ),
        ("Clear-Host", "unknown command 'Clear-Host'"),
    ],
)
def test_what_is_not_translated_exactly_is_reported(ps: str, warning: str) -> None:
    assert warning in [w.split(": ", 1)[1] for w in warnings_of(ps + "\n")]


def test_calculated_property_keys_may_be_abbreviated_as_in_powershell() -> None:
    """n, l, e (any unique prefix of Name, Label, Expression) are what scripts write."""
    script = (
        "$rows = @([pscustomobject]@{ A = 2 }, [pscustomobject]@{ A = 1 })\n"
        "$rows | Select-Object @{ n = 'Double'; e = { $_.A * 2 } } | Sort-Object @{ e = 'Double'; desc = $true } |"
        " ForEach-Object { $_.Double }\n"
        "$g = @('a', 'b', 'a') | Group-Object -NoElement\n"
        '"$($g[0].Name)=$($g[0].Count) $($null -eq $g[0].Group)"\n'
    )
    assert printed(script) == "4\n2\na=2 True\n"


def test_get_content_of_a_missing_file_silently_continued_is_nothing(tmp_dir: Path) -> None:
    """-ErrorAction SilentlyContinue on a missing file: no lines, no error, and the script goes on."""
    script = DIR + "$x = Get-Content (Join-Path $Dir 'nope.txt') -ErrorAction SilentlyContinue\n\"[$x] $($x.Count)\"\n"
    assert run(script) == ("[] 0\n", "")


def test_get_child_item_lists_a_folder_in_name_order(tmp_dir: Path) -> None:
    """Get-ChildItem -Filter/-File/-Name (folders first, then files, each in name order, as the provider lists them);
    items with Name, BaseName, Extension, Length; Measure-Command gives a span."""
    (tmp_dir / "b.json").write_text("{}", encoding="utf-8")
    (tmp_dir / "a.json").write_text("[1]", encoding="utf-8")
    (tmp_dir / "notes.txt").write_text("x", encoding="utf-8")
    (tmp_dir / "sub").mkdir()
    script = DIR + (
        "$files = Get-ChildItem -Path $Dir -Filter '*.json' -File\n"
        'foreach ($f in $files) { "$($f.Name) $($f.BaseName) $($f.Extension) $($f.Length)" }\n'
        "(Get-ChildItem $Dir -Name) -join ','\n"
        "(Get-ChildItem $Dir -Directory).Name\n"
        "$t = Measure-Command { 1..3 | ForEach-Object { $_ } }\n"
        "$t.TotalSeconds -ge 0\n"
    )
    assert printed(script) == "a.json a .json 3\nb.json b .json 2\nsub,a.json,b.json,notes.txt\nsub\nTrue\n"


# --------------------------------------------------------------------------------------------------
# Select-String


def test_select_string_on_piped_text_gives_matchinfo_whose_text_is_the_line() -> None:
    ps = (
        "$Lines = 'hello', 'Hello', 'goodbye'\n"
        "$Hits = $Lines | Select-String -Pattern 'hello'\n"
        "Write-Output $Hits.Count\n"
        'Write-Output "first: $($Hits[0]) at $($Hits[0].LineNumber) of $($Hits[0].Filename)"\n'
        "Write-Output ($Lines | Select-String 'bye').LineNumber\n"
        "Write-Output ($Lines | Select-String 'hello' -CaseSensitive).Line\n"
        "Write-Output (($Lines | Select-String 'goodbye' -NotMatch) -join ',')\n"
        "Write-Output ($Lines | Select-String 'BYE' -Quiet)\n"
        "Write-Output ($null -eq ($Lines | Select-String 'nothing' -Quiet))\n"
        "$Raw = $Lines | Select-String 'l+' -Raw\n"
        "Write-Output ($Raw[0] -is [string]) ($Raw -join '|')\n"
        "Write-Output ($Lines | Select-String 'l' -AllMatches)[0].Matches.Count\n"
        "Write-Output ($Lines | Select-String 'l+')[0].Matches[0].Value\n"
        "Write-Output (@('a.b', 'ab') | Select-String '.' -SimpleMatch).Count\n"
        "$Lines | Select-String 'o$'\n"
    )
    # -Quiet writes True, or nothing for piped text; LineNumber counts the piped values.
    assert printed(ps) == (
        "2\nfirst: hello at 1 of InputStream\n3\nhello\nhello,Hello\nTrue\nTrue\nTrue\nhello|Hello\n2\nll\n1\n"
        "\nhello\nHello\n\n"
    )


def test_select_string_in_files_shows_path_number_and_line(tmp_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_dir / "a.env").write_text("KIOSK=lobby\nMODEL=gpt-realtime-mini\n", encoding="utf-8")
    (tmp_dir / "b.env").write_text("KIOSK=cafe\nMODEL=gpt-realtime\n", encoding="utf-8")
    (tmp_dir / "sub").mkdir()
    monkeypatch.chdir(tmp_dir)
    ps = DIR + (
        "$Hits = Select-String -Path (Join-Path $Dir '*.env') -Pattern 'MODEL=gpt-realtime'\n"
        "Write-Output $Hits.Count\n"
        'Write-Output "$($Hits[1])"\n'
        "Write-Output $Hits[0].Path\n"
        "Write-Output (Get-ChildItem -Path $Dir | Select-String 'cafe').Filename\n"
        "Select-String 'KIOSK' (Join-Path $Dir 'b.env')\n"
        "Write-Output (Select-String 'nowhere' (Join-Path $Dir '*.env') -Quiet)\n"
    )
    # Its text has the full path; the console shows paths relative to the current folder; -Quiet on
    # files with no match writes False.
    assert printed(ps) == (
        f"2\n{tmp_dir / 'b.env'}:2:MODEL=gpt-realtime\n{tmp_dir / 'a.env'}\nb.env\n\nb.env:1:KIOSK=cafe\n\nFalse\n"
    )


def test_select_string_of_a_missing_file_is_an_error_unless_silenced(tmp_dir: Path) -> None:
    with pytest.raises(ScriptError, match="Cannot find path '.*missing.txt' because it does not exist."):
        run(DIR + "Select-String 'x' (Join-Path $Dir 'missing.txt') -ErrorAction Stop\n")
    assert run(DIR + "Select-String 'x' (Join-Path $Dir 'missing.txt')\n'after'\n") == (
        "after\n",
        f"Select-String: Cannot find path '{tmp_dir / 'missing.txt'}' because it does not exist.\n",
    )
    ps = (
        DIR + "Write-Output (@(Select-String 'x' (Join-Path $Dir 'missing.txt') -ErrorAction SilentlyContinue).Count)\n"
    )
    assert printed(ps) == "0\n"


def test_select_string_forms_not_translated_are_reported() -> None:
    assert warnings_of("'a' | Select-String 'a' -Context 1\n") == ["line 1: unsupported: Select-String -Context"]
    assert warnings_of("'a' | Select-String 'a' -List\n") == ["line 1: unsupported: Select-String -List"]


# --------------------------------------------------------------------------------------------------
# Format-Table and Format-List


def test_format_table_and_format_list_write_the_consoles_views() -> None:
    ps = (
        "$Rows = @(\n"
        "    [pscustomobject]@{ Id = 'k-01'; Floor = 1; Voice = 'ash'; Team = 'ops'; Seats = 4 }\n"
        "    [pscustomobject]@{ Id = 'k-02'; Floor = 12; Voice = 'sage'; Team = 'sales'; Seats = 10 }\n"
        ")\n"
        "$Rows | Format-Table\n"
        "$Rows | Format-Table Id, @{ Name = 'Where'; Expression = { \"floor $($_.Floor)\" } } -AutoSize\n"
        "$Rows[0] | Format-List Id, Voice\n"
    )
    # Five properties would print as a list by default: Format-Table makes it a table.
    assert printed(ps) == (
        "\nId   Floor Voice Team  Seats\n--   ----- ----- ----  -----\n"
        "k-01     1 ash   ops       4\nk-02    12 sage  sales    10\n\n"
        "\nId   Where\n--   -----\nk-01 floor 1\nk-02 floor 12\n\n"
        "\nId    : k-01\nVoice : ash\n\n"
    )


def test_format_table_forms_not_translated_are_reported() -> None:
    assert warnings_of("$x = 1\n$x | Format-Table -GroupBy Name\n") == ["line 2: unsupported: Format-Table -GroupBy"]


# --------------------------------------------------------------------------------------------------
# ConvertFrom-Csv and text measures


def test_convert_from_csv_reads_piped_lines_or_a_here_string() -> None:
    ps = (
        "$Rows = @'\n"
        "Name,Count\n"
        "ash,3\n"
        '"sage, the second",1\n'
        "'@ | ConvertFrom-Csv\n"
        "Write-Output $Rows.Count $Rows[1].Name ($Rows[0].Count -eq '3')\n"
        "$One = 'verse;7' | ConvertFrom-Csv -Delimiter ';' -Header Voice, Uses\n"
        'Write-Output "$($One.Voice) $($One.Uses) $($One[0].Voice)"\n'
    )
    # A single object indexed with [0] is itself, as for any single value.
    assert printed(ps) == "2\nsage, the second\nTrue\nverse 7 verse\n"


def test_measure_object_counts_lines_words_and_characters_as_powershell_does() -> None:
    ps = (
        '$Text = "one two`nthree`n"\n'
        "$M = $Text | Measure-Object -Line -Word -Character\n"
        "Write-Output $M.Lines $M.Words $M.Characters\n"
        "Write-Output (@('a b', '', 'c') | Measure-Object -Line).Lines\n"
        "Write-Output ('a b c' | Measure-Object -Character -IgnoreWhiteSpace).Characters\n"
        "Write-Output ($null -eq ('x' | Measure-Object -Line).Words)\n"
    )
    # A last line ending in a newline counts once; an empty string has no line.
    assert printed(ps) == "2\n3\n14\n2\n3\nTrue\n"


def test_compare_object_writes_differences_in_powershells_order() -> None:
    ps = (
        "$Old = 'ash', 'coral', 'sage', 'verse'\n"
        "$New = 'ash', 'marin', 'sage', 'cedar'\n"
        "Compare-Object $Old $New\n"
        'Compare-Object -ReferenceObject $Old -DifferenceObject $New -IncludeEqual | ForEach-Object { "$($_.SideIndicator) $($_.InputObject)" }\n'
        "$New | Compare-Object $Old -ExcludeDifferent | ForEach-Object InputObject\n"
        "$A = @([pscustomobject]@{ Name = 'k1'; Voice = 'ash' }, [pscustomobject]@{ Name = 'k2'; Voice = 'sage' })\n"
        "$B = @([pscustomobject]@{ Name = 'k1'; Voice = 'ASH' }, [pscustomobject]@{ Name = 'k2'; Voice = 'verse' })\n"
        "(Compare-Object $A $B -Property Name, Voice | ForEach-Object { \"$($_.Name)/$($_.Voice)$($_.SideIndicator)\" }) -join ' '\n"
        "Write-Output (@(Compare-Object @() @('x')).Count)\n"
    )
    # Unmatched items wait in backlogs until both lists are done: difference-only first. Values compare
    # ignoring case unless -CaseSensitive.
    assert printed(ps) == (
        "\nInputObject SideIndicator\n----------- -------------\nmarin       =>\ncedar       =>\n"
        "coral       <=\nverse       <=\n\n"
        "== ash\n== sage\n=> marin\n=> cedar\n<= coral\n<= verse\n"
        "ash\nsage\n"
        "k2/verse=> k2/sage<=\n"
        "1\n"
    )


def test_compare_object_of_null_is_powershells_binding_error() -> None:
    with pytest.raises(ScriptError, match="Cannot bind argument to parameter 'ReferenceObject' because it is null."):
        run("$Nothing = $null\nCompare-Object $Nothing @('a')\n")


def test_add_member_on_piped_objects_adds_to_each_and_passes_them_on() -> None:
    ps = (
        "function Get-Rows { [pscustomobject]@{ Id = 1 }; [pscustomobject]@{ Id = 2 } }\n"
        "$Rows = Get-Rows | Add-Member -NotePropertyName Voice -NotePropertyValue 'ash' -PassThru\n"
        "Write-Output (($Rows | ForEach-Object { \"$($_.Id)$($_.Voice)\" }) -join ',')\n"
        "$Table = [ordered]@{ a = 1 }\n"
        "Write-Output $Table.Contains('A') (@{ b = 2 }).Contains('c')\n"
        "Remove-Item Env:PSO_TEST_ONE, Env:PSO_TEST_TWO -ErrorAction SilentlyContinue\n"
    )
    assert printed(ps) == "1ash,2ash\nTrue\nFalse\n"


def test_pipeline_functions_run_process_once_per_item_with_parameters_bound_from_it() -> None:
    ps = (
        "function Add-Desk {\n"
        "    [CmdletBinding()]\n"
        "    param(\n"
        "        [Parameter(Mandatory, ValueFromPipelineByPropertyName)][string]$Voice,\n"
        "        [Parameter(ValueFromPipelineByPropertyName)][string]$Desk = 'general',\n"
        "        [int]$Floor = 1\n"
        "    )\n"
        "    begin { $n = 0; $seen = [System.Collections.ArrayList]::new() }\n"
        "    process {\n"
        "        $n++\n"
        "        if ($Voice -eq 'skip') { return }\n"
        "        [void]$seen.Add($Voice)\n"
        '        "$n $Desk/$Voice floor $Floor ($($_.Voice))"\n'
        "    }\n"
        "    end { \"done $n, seen $($seen -join '+')\" }\n"
        "}\n"
        "function Get-Double { param([Parameter(ValueFromPipeline)][int]$X) process { $X * 2 } }\n"
        "function Show-Once { begin { 'b' } process { 'p' } end { 'e' } }\n"
        "$Rows = @([pscustomobject]@{ Voice = 'ash'; Desk = 'billing' }, [pscustomobject]@{ Voice = 'skip' }, "
        "[pscustomobject]@{ Voice = 'sage' })\n"
        "$Rows | Add-Desk -Floor 3\n"
        "Add-Desk -Voice coral\n"
        "(1, '2', 3 | Get-Double) -join ','\n"
        "(Show-Once) -join ''\n"
    )
    # Desk falls back to its default for an item without the property; return ends the item only.
    assert printed(ps) == (
        "1 billing/ash floor 3 (ash)\n3 general/sage floor 3 (sage)\ndone 3, seen ash+sage\n"
        "1 general/coral floor 1 ()\ndone 1, seen coral\n"
        "2,4,6\nbpe\n"
    )


def test_a_piped_item_without_a_mandatory_pipeline_property_is_powershells_binding_error() -> None:
    ps = (
        "function Use-Voice { param([Parameter(Mandatory, ValueFromPipelineByPropertyName)][string]$Voice) "
        "process { $Voice } }\n"
        "[pscustomobject]@{ Name = 'x' } | Use-Voice\n"
    )
    with pytest.raises(ScriptError, match="The input object cannot be bound to any parameters for the command"):
        run(ps)


def test_copy_move_and_rename_items_console_writes_and_progress(tmp_dir: Path) -> None:
    ps = DIR + (
        "Set-Content -Path (Join-Path $Dir 'a.txt') -Value 'one'\n"
        "Copy-Item (Join-Path $Dir 'a.txt') (Join-Path $Dir 'b.txt')\n"
        "New-Item -ItemType Directory -Path (Join-Path $Dir 'arch') | Out-Null\n"
        "Move-Item -Path (Join-Path $Dir 'b.txt') -Destination (Join-Path $Dir 'arch')\n"
        "Rename-Item -Path (Join-Path $Dir 'a.txt') -NewName 'c.txt'\n"
        "Write-Progress -Activity 'copying' -PercentComplete 50\n"
        "[Console]::WriteLine('files: {0}', (Get-ChildItem $Dir -Recurse -File).Count)\n"
        "(Get-ChildItem $Dir -Recurse -File | ForEach-Object Name | Sort-Object) -join ','\n"
        "Get-Content (Join-Path $Dir 'arch' 'b.txt')\n"
    )
    # Write-Progress draws on PowerShell's screen only: nothing on the output.
    assert printed(ps) == "files: 2\nb.txt,c.txt\none\n"
    with pytest.raises(ScriptError, match="Cannot find path '.*missing.txt' because it does not exist."):
        run(DIR + "Copy-Item (Join-Path $Dir 'missing.txt') (Join-Path $Dir 'x.txt') -ErrorAction Stop\n")
    assert run(
        DIR + "$ErrorActionPreference = 'Stop'\nMove-Item (Join-Path $Dir 'missing.txt') $Dir -ErrorAction Continue\n"
    ) == (
        "",
        f"Move-Item: Cannot find path '{tmp_dir / 'missing.txt'}' because it does not exist.\n",
    )


def test_get_member_lists_an_objects_note_properties_by_name() -> None:
    ps = (
        "$o = [pscustomobject]@{ value = 'x'; expires_at = 5; Session = @{ a = 1 }; client_secret = 1 }\n"
        "($o | Get-Member -MemberType NoteProperty).Name -join ', '\n"
        "$o, $o | Get-Member -MemberType NoteProperty -Name 'c*', 'v*' | ForEach-Object { $_.Name }\n"
        '$j = \'{"b": 1, "A": {"x": 2}}\' | ConvertFrom-Json\n'
        "($j | gm -MemberType Properties | Select-Object -ExpandProperty Name) -join ','\n"
        "@($o | Get-Member -MemberType Property).Count\n"
    )
    assert printed(ps) == "client_secret, expires_at, Session, value\nclient_secret\nvalue\nA,b\n0\n"
    assert warnings_of("$o | Get-Member\n") == ["line 1: unsupported: Get-Member without -MemberType NoteProperty"]
    assert warnings_of("$o | Get-Member -MemberType NoteProperty\n") == [
        "line 1: unsupported: Get-Member's table (write its members' Name: (... | Get-Member ...).Name)"
    ]
    with pytest.raises(ScriptError, match="Get-Member of a hashtable is not translated"):
        run("(@{ a = 1 } | Get-Member -MemberType NoteProperty).Name\n")


def test_convert_to_csv_quotes_as_powershell_7_and_leaves_null_empty() -> None:
    ps = (
        "$rows = @(\n"
        "    [pscustomobject]@{ Team = 'ops'; Voice = 'ash'; Tags = @('a', 'b'); Note = $null }\n"
        "    [pscustomobject]@{ Team = 'sales, eu'; Voice = 'say \"hi\"'; Tags = @(); Note = 'x' }\n"
        ")\n"
        "$rows | ConvertTo-Csv -NoTypeInformation\n"
        "$rows | ConvertTo-Csv -UseQuotes AsNeeded\n"
        "(($rows | ConvertTo-Csv) | ConvertFrom-Csv)[1].Team\n"
    )
    assert printed(ps) == (
        '"Team","Voice","Tags","Note"\n"ops","ash","System.Object[]",\n"sales, eu","say ""hi""","System.Object[]","x"\n'
        'Team,Voice,Tags,Note\nops,ash,System.Object[],\n"sales, eu","say ""hi""",System.Object[],x\nsales, eu\n'
    )


def test_out_string_stream_writes_its_lines() -> None:
    assert printed(
        "$m = 'audio', 'text' | Out-String -Stream\n\"$($m -join ' & ')\"\n(\"a`nb\" | Out-String -Stream).Count\n"
    ) == ("audio & text\n2\n")
