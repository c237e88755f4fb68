"""PowerShell's semantics survive translation: one probe per rule of issue 11, each asserting pwsh's output.

Every probe translates with no warning, runs the Python in a fresh interpreter (against the mock server
where it calls the API) and compares what it prints with what PowerShell 7 prints for the same script.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from psopenapi_py import translate_powershell
from psopenapi_py.mock_server import MockServer


def run_ps(script: str, server: MockServer | None = None, *, check: bool = True) -> subprocess.CompletedProcess[str]:
    """Translate ``script`` (no warning allowed) and run it; returns the finished process."""
    result = translate_powershell(script)
    assert result.warnings == (), [str(w) for w in result.warnings]
    env = {k: v for k, v in os.environ.items() if not k.startswith("OPENAI_")}
    if server is not None:
        env.update(OPENAI_BASE_URL=server.url, OPENAI_API_KEY="sk-example")
    proc = subprocess.run([sys.executable, "-c", result.python], env=env, capture_output=True, text=True, timeout=60)
    if check:
        assert proc.returncode == 0, proc.stderr
    return proc


def out(script: str, server: MockServer | None = None) -> list[str]:
    return run_ps(script, server).stdout.splitlines()


# --------------------------------------------------------------------------------------------------
# 1. Text: numbers, arrays, $null and HTTP statuses as PowerShell writes them


def test_rule1_numbers_print_as_powershell_prints_them() -> None:
    script = """
$Minutes = 900 / 60
$Json = '{"ratio": 1.0, "price": 2.50}' | ConvertFrom-Json
Write-Output "minutes: $Minutes"
Write-Output "ratio: $($Json.ratio), price: $($Json.price)"
Write-Output (1 / 3)
Write-Output ('{0}' -f (7 / 2))
"""
    assert out(script) == ["minutes: 15", "ratio: 1, price: 2.5", "0.333333333333333", "3.5"]


def test_rule1_arrays_are_joined_with_spaces_and_null_is_empty_in_strings() -> None:
    script = """
$Voices = @('ash', 'coral', 'verse')
$Nothing = $null
Write-Output "voices: $Voices."
Write-Output "nothing: [$Nothing]"
Write-Output ("count " + $Voices.Count)
"""
    assert out(script) == ["voices: ash coral verse.", "nothing: []", "count 3"]


def test_rule1_ofs_joins_arrays_made_text_but_not_join_or_output() -> None:
    script = """
$Voices = 'ash', 'sage'
Write-Output "default: $Voices"
$OFS = ', '
Write-Output "with OFS: $Voices"
Write-Output ([string]$Voices)
Write-Output ($Voices -join '/')
Write-Host $Voices
$OFS = $null
Write-Output "reset: $Voices"
"""
    assert out(script) == [
        "default: ash sage",
        "with OFS: ash, sage",
        "ash, sage",
        "ash/sage",
        "ash sage",
        "reset: ash sage",
    ]


def test_rule1_an_http_status_is_its_name_in_text_and_its_number_compared(mock_server: MockServer) -> None:
    script = """
Set-Configuration -AccessToken 'sk-wrong'
try {
    New-RealtimeSession -RealtimeSessionCreateRequest (Initialize-RealtimeSessionCreateRequest -Model 'gpt-4o-realtime-preview')
} catch {
    $Status = $_.Exception.Response.StatusCode
    Write-Output "status: $Status"
    Write-Output "is 401: $($Status -eq 401)"
    Write-Output "as a number: $([int]$Status)"
}
"""
    assert out(script, mock_server) == ["status: Unauthorized", "is 401: True", "as a number: 401"]


def test_rule1_an_http_status_in_a_typed_catch_is_its_name_in_text_too(mock_server: MockServer) -> None:
    script = """
Set-Configuration -AccessToken 'sk-wrong'
try {
    New-RealtimeSession -RealtimeSessionCreateRequest (Initialize-RealtimeSessionCreateRequest -Model 'gpt-4o-realtime-preview')
} catch [Microsoft.PowerShell.Commands.HttpResponseException] {
    Write-Output ('HTTP {0} {1}' -f [int]$_.Exception.Response.StatusCode, $_.Exception.Response.StatusCode)
    Write-Output "$($_.Exception.Response.StatusCode) $($_.Exception.Response.StatusCode -eq 401)"
    $_.Exception.Response.StatusCode.value__ + 1
}
"""
    assert out(script, mock_server) == ["HTTP 401 Unauthorized", "Unauthorized True", "402"]


# --------------------------------------------------------------------------------------------------
# 2. Comparison and addition convert the right side to the left side's type


def test_rule2_comparison_ignores_case_and_converts_the_right_operand() -> None:
    script = """
$Cap = 4096
Write-Output ($Cap -eq "4096")
Write-Output ("4096" -eq $Cap)
Write-Output ('GPT-Realtime' -eq 'gpt-realtime')
Write-Output ('GPT-Realtime' -ceq 'gpt-realtime')
Write-Output (@('Ash', 'coral') -contains 'ASH')
Write-Output ('ash' -in @('ASH', 'verse'))
Write-Output ('EK_123' -like 'ek_*')
Write-Output ("10" -gt 9)
Write-Output (10 -gt "9")
"""
    # "10" -gt 9 compares as text ("10" sorts before "9"); 10 -gt "9" as numbers.
    assert out(script) == ["True", "True", "True", "False", "True", "True", "True", "False", "True"]


def test_rule2_plus_adds_after_a_number_and_concatenates_after_text() -> None:
    script = """
$Two = 2
$Text = "2"
Write-Output ($Two + "3")
Write-Output ($Text + 3)
$Total = 0
foreach ($Row in @("5", "7")) { $Total += $Row }
Write-Output $Total
"""
    assert out(script) == ["5", "23", "12"]


# --------------------------------------------------------------------------------------------------
# 3. Hashtables and parsed JSON


def test_rule3_keys_ignore_case_and_missing_keys_read_null() -> None:
    script = """
$Settings = @{ Model = 'gpt-realtime'; Voice = 'marin' }
$Settings['TEMPERATURE'] = 0.8
$Json = '{"Model": "gpt-realtime", "Limits": {"Tokens": 4096}}' | ConvertFrom-Json
Write-Output $Settings['model']
Write-Output $Settings.VOICE
Write-Output "missing: [$($Settings['nope'])]"
Write-Output $Json.model
Write-Output $Json.limits.tokens
Write-Output "missing: [$($Json.nope.deeper)]"
Write-Output $Settings.Count
Write-Output (($Settings.Keys | Sort-Object) -join ',')
"""
    assert out(script) == [
        "gpt-realtime",
        "marin",
        "missing: []",
        "gpt-realtime",
        "4096",
        "missing: []",
        "3",
        "Model,TEMPERATURE,Voice",
    ]


def test_rule3_splatting_sends_keys_added_after_the_literal(mock_server: MockServer) -> None:
    script = """
$Params = @{ Model = 'gpt-4o-realtime-preview' }
if ($true) { $Params['Voice'] = 'ash' }
$Params.MaxResponseOutputTokens = 512
$Request = Initialize-RealtimeSessionCreateRequest @Params
$null = New-RealtimeSession -RealtimeSessionCreateRequest $Request
"""
    run_ps(script, mock_server)
    assert [r.body for r in mock_server.requests] == [
        {"model": "gpt-4o-realtime-preview", "voice": "ash", "max_response_output_tokens": 512}
    ]


def test_rule3_cmdlet_parameters_convert_numbers_as_the_modules_binding_does(mock_server: MockServer) -> None:
    script = """
$Minutes = (@(120, 125) | Measure-Object -Sum).Sum
$Turn = Initialize-RealtimeSessionCreateRequestTurnDetection -Type server_vad -PrefixPaddingMs ($Minutes + 0.5) -SilenceDurationMs '500'
$Request = Initialize-RealtimeSessionCreateRequest -Model 'gpt-4o-realtime-preview' -TurnDetection $Turn -MaxResponseOutputTokens ($Minutes * 2)
$null = New-RealtimeSession -RealtimeSessionCreateRequest $Request
"""
    # The sum is a double: [Nullable[Int32]] parameters round it half to even (245.5 is 246) and take
    # '500' as 500; the oneOf parameter is untyped, and ConvertTo-Json writes 490.0 as 490.
    run_ps(script, mock_server)
    assert [r.body for r in mock_server.requests] == [
        {
            "model": "gpt-4o-realtime-preview",
            "turn_detection": {
                "type": "server_vad",
                "prefix_padding_ms": 246,
                "silence_duration_ms": 500,
                "create_response": True,
            },
            "max_response_output_tokens": 490,
        }
    ]


def test_answer_objects_convert_to_json_with_the_servers_keys_in_the_servers_order(mock_server: MockServer) -> None:
    script = """
$Session = Initialize-RealtimeSessionCreateRequestGA -Model 'gpt-realtime'
$Request = Initialize-RealtimeCreateClientSecretRequest -Session $Session
$Secret = New-RealtimeClientSecret -RealtimeCreateClientSecretRequest $Request
$Secret.session.audio.output | ConvertTo-Json -Compress
$Secret.session.audio.input.turn_detection | ConvertTo-Json -Compress
"""
    assert out(script, mock_server) == [
        '{"format":{"type":"audio/pcm","rate":24000},"voice":"alloy","speed":1.0}',
        '{"type":"server_vad","threshold":0.5,"prefix_padding_ms":300,"silence_duration_ms":200,'
        '"idle_timeout_ms":null,"create_response":true,"interrupt_response":true}',
    ]


# --------------------------------------------------------------------------------------------------
# 4. .Count and .Length


def test_rule4_count_of_one_value_is_1_and_of_null_0() -> None:
    script = """
$One = 'only'
$None = $null
$Filtered = @('a', 'b') | Where-Object { $_ -eq 'b' }
Write-Output $One.Count
Write-Output $None.Count
Write-Output $Filtered.Count
Write-Output $One.Length
Write-Output $Filtered[0]
"""
    # One item from a pipeline is that item itself, so [0] of a lone string is its first character.
    assert out(script) == ["1", "0", "1", "4", "b"]


# --------------------------------------------------------------------------------------------------
# 5. [int] rounds half to even


def test_rule5_int_rounds_half_to_even_whatever_the_source() -> None:
    script = """
Write-Output ([int]2.5)
Write-Output ([int]3.5)
Write-Output ([int]"3.5")
Write-Output ([int]"2.5")
$Half = 0.5
Write-Output ([int]$Half)
Write-Output ([int](4500 / 1000))
"""
    assert out(script) == ["2", "4", "4", "2", "0", "4"]


# --------------------------------------------------------------------------------------------------
# 6. Errors: Write-Error under Stop ends the script; a catch without a type catches everything


def test_rule6_write_error_under_stop_ends_the_script() -> None:
    script = """
$ErrorActionPreference = 'Stop'
Write-Output 'before'
Write-Error 'quota exceeded'
Write-Output 'after'
"""
    proc = run_ps(script, check=False)
    assert proc.stdout.splitlines() == ["before"]
    assert proc.returncode == 1
    assert "quota exceeded" in proc.stderr


def test_rule6_write_error_under_stop_is_a_write_error_exception() -> None:
    script = """
function Test-Ttl {
    [CmdletBinding()]
    param([int]$Seconds)
    if ($Seconds -gt 7200) { Write-Error "ttl $Seconds is outside 10..7200" }
}
try { Test-Ttl -Seconds 9000 -ErrorAction Stop } catch { $_.Exception.Message; $_.Exception.GetType().FullName }
"""
    assert out(script) == ["ttl 9000 is outside 10..7200", "Microsoft.PowerShell.Commands.WriteErrorException"]


def test_rule6_write_error_without_stop_goes_on() -> None:
    proc = run_ps("Write-Output 'before'\nWrite-Error 'soft'\nWrite-Output 'after'\n")
    assert proc.stdout.splitlines() == ["before", "after"]
    assert proc.stderr == "Write-Error: soft\n"


def test_rule6_a_typed_catch_of_a_dotnet_exception_follows_dotnets_inheritance(mock_server: MockServer) -> None:
    script = """
try { throw [System.ArgumentNullException]::new('tenant') }
catch [System.ArgumentException] { Write-Output "argument: $($_.Exception.Message)" }
try { throw (New-Object System.IO.FileNotFoundException 'no notes.txt') }
catch [ArgumentException] { Write-Output 'wrong clause' }
catch [System.IO.IOException] { Write-Output "io: $_" }
try { throw 'plain' }
catch [System.ArgumentException] { Write-Output 'wrong clause' }
catch [System.SystemException] { Write-Output "runtime error is a SystemException: $_" }
Set-Configuration -AccessToken 'sk-revoked'
try { $null = New-RealtimeSession -RealtimeSessionCreateRequest (Initialize-RealtimeSessionCreateRequest -Model 'gpt-4o-realtime-preview') }
catch [System.Net.WebException] { Write-Output 'web exception' }
catch { Write-Output "other: $($_.Exception.Response.StatusCode.value__)" }
"""
    # pwsh 7's HTTP errors are HttpResponseException, not WebException: that clause never catches them.
    assert out(script, mock_server) == [
        "argument: Value cannot be null. (Parameter 'tenant')",
        "io: no notes.txt",
        "runtime error is a SystemException: plain",
        "other: 401",
    ]


def test_rule6_a_typed_dotnet_catch_around_dotnet_calls_warns() -> None:
    script = "try { $n = 'abc'.Insert(9, 'x') } catch [System.ArgumentOutOfRangeException] { 'bad index' }\n"
    warnings = [str(w) for w in translate_powershell(script).warnings]
    assert warnings == [
        "line 1: catch [System.ArgumentOutOfRangeException] catches what the script throws of that type; the method "
        "call 'abc'.Insert(9, 'x') in the try block may raise a .NET error PowerShell would type, which the "
        "translation does not"
    ]


def test_rule6_substring_errors_are_typed_so_a_typed_catch_around_them_needs_no_warning(
    mock_server: MockServer,
) -> None:
    script = """
$key = 'ek'
try { $key.Substring(0, 3) } catch [System.ArgumentException] { "too short: $($_.Exception.InnerException.GetType().Name)" }
"""
    assert not translate_powershell(script).warnings
    assert out(script, mock_server) == ["too short: ArgumentOutOfRangeException"]


def test_rule6_a_catch_without_a_type_catches_the_scripts_own_throw() -> None:
    script = """
function Assert-Positive { param([int]$N) if ($N -le 0) { throw "not positive: $N" } }
try {
    Assert-Positive -N 0
    Write-Output 'not reached'
} catch {
    Write-Output "caught: $($_.Exception.Message)"
    Write-Output "as text: $_"
}
try { [int]'abc' } catch { Write-Output 'conversion caught' }
"""
    assert out(script) == ["caught: not positive: 0", "as text: not positive: 0", "conversion caught"]


# --------------------------------------------------------------------------------------------------
# 7. A function's output is everything it writes


def test_rule7_a_function_returns_everything_it_writes() -> None:
    script = """
function Get-Plan {
    param([string]$Name)
    "planning $Name"
    foreach ($Step in 1..2) { "step $Step" }
    return 'done'
}
$Plan = Get-Plan -Name 'rollout'
Write-Output $Plan.Count
Write-Output $Plan[-1]
Get-Plan -Name 'direct'
"""
    assert out(script) == ["4", "done", "planning direct", "step 1", "step 2", "done"]


def test_rule7_output_and_host_lines_keep_their_order() -> None:
    script = """
function Show-Steps {
    'one'
    Write-Host 'host line'
    'two'
}
Show-Steps
"""
    assert out(script) == ["one", "host line", "two"]


# --------------------------------------------------------------------------------------------------
# Statements used as values, switch, ranges


def test_statements_as_values_and_switch_semantics() -> None:
    script = """
$Mode = 'b'
$Label = if ($Mode -eq 'a') { 'alpha' } elseif ($Mode -eq 'B') { 'beta' } else { 'other' }
$Sizes = switch (5) { { $_ -gt 1 } { 'big' } { $_ -gt 3 } { 'bigger' } default { 'small' } }
$Squares = foreach ($N in 1..3) { $N * $N }
$Down = 3..1
Write-Output $Label
Write-Output ($Sizes -join ',')
Write-Output ($Squares -join ',')
Write-Output ($Down -join ',')
$Empty = @()
Write-Output ((1..$Empty.Count) -join ',')
"""
    # switch runs every clause that matches; 1..0 counts down.
    assert out(script) == ["beta", "big,bigger", "1,4,9", "3,2,1", "1,0"]


def test_parse_exact_reads_dotnet_custom_formats_in_the_invariant_culture() -> None:
    script = """
$Inv = [Globalization.CultureInfo]::InvariantCulture
$Start = [datetime]::ParseExact('2025-03-01 08:00', 'yyyy-MM-dd HH:mm', $Inv)
$Log = [datetime]::ParseExact('01/Mar/2025:08:30:05 PM', 'dd/MMM/yyyy:hh:mm:ss tt', $Inv)
$Stamp = [datetime]::ParseExact('20250301T080000.250', "yyyyMMdd'T'HHmmss.fff", $Inv)
Write-Output $Start.ToString('yyyy-MM-dd HH:mm') $Log.ToString('HH:mm:ss') $Stamp.Millisecond
$Epoch = [DateTimeOffset]::FromUnixTimeSeconds(1740816000).UtcDateTime
Write-Output ($Epoch -eq $Start) ($Epoch -lt $Log)
try { [datetime]::ParseExact('2025-13-01', 'yyyy-MM-dd', $Inv) } catch { Write-Output 'not a date' }
"""
    # A UTC DateTime and one without a zone compare by their clock readings, as .NET's DateTime does.
    assert out(script) == ["2025-03-01 08:00", "20:30:05", "250", "True", "True", "not a date"]


def test_time_spans_format_with_dotnet_standard_and_custom_formats() -> None:
    script = """
$Span = New-TimeSpan -Hours 1 -Minutes 45 -Seconds 3
Write-Output ('{0:hh\\:mm}' -f $Span) $Span.ToString('c') $Span.ToString('g') ('{0:%m}' -f $Span)
$Long = [TimeSpan]::new(2, 3, 0, 0)
Write-Output $Long.ToString('d\\.hh\\:mm') ([TimeSpan]::Zero -eq (New-TimeSpan))
$At = [DateTimeOffset]::new([datetime]'2025-07-01 00:00', [TimeSpan]::Zero)
Write-Output $At.ToUnixTimeSeconds()
"""
    assert out(script) == ["01:45", "01:45:03", "1:45:03", "45", "2.03:00", "True", "1751328000"]


def test_function_defaults_are_evaluated_per_call_and_psboundparameters_tells_given_from_default() -> None:
    script = """
function Get-Plan {
    param(
        [Parameter(Mandatory)][string]$Team,
        [ValidateRange(1, 500)][int]$Seats = 10,
        [int[]]$RetryOn = @(401, 429),
        [int]$Budget = $Seats * 2,
        [datetime]$Since = '2025-01-01',
        [string]$Note
    )
    $Given = ($PSBoundParameters.Keys | Sort-Object) -join ','
    [pscustomobject]@{
        Line = "$Team $Seats $($RetryOn -join '/') $Budget $($Since.Year) [$Given]"
        Note = if ($PSBoundParameters.ContainsKey('Note')) { $Note } else { '-' }
    }
}
$A = Get-Plan -Team ops
Write-Output $A.Line $A.Note
$Splat = @{ Team = 'sales'; Seats = '30'; Note = 'pilot' }
$B = Get-Plan @Splat
Write-Output $B.Line $B.Note
"""
    # $Budget's default reads $Seats at each call; '30' splatted into [int]$Seats is 30.
    assert out(script) == ["ops 10 401/429 20 2025 [Team]", "-", "sales 30 401/429 60 2025 [Note,Seats,Team]", "pilot"]


def test_time_span_arithmetic_and_methods() -> None:
    script = """
$Start = [datetime]'2024-06-30 22:15'
$End = $Start + [timespan]'02:30:00'
$Total = [timespan]::Zero
$Total = $Total + ($End - $Start) - (New-TimeSpan -Minutes 30)
Write-Output $End.ToString('HH:mm') $Total ($Total.Negate()) $Start.Add($Total).ToString('HH:mm')
Write-Output ([timespan]'1.02:03:04').TotalHours ([timespan]'3').Days
"""
    assert out(script) == ["00:45", "02:00:00", "-02:00:00", "00:15", "26.0511111111111", "3"]


def test_guids_tryparse_with_ref_and_named_regex_groups() -> None:
    script = """
$g = [guid]'3F2504E0-4F89-11D3-9A0C-0305E82C3301'
Write-Output $g $g.ToString('N') ([guid]::Empty) ($g -eq [guid]::Parse('{3f2504e0-4f89-11d3-9a0c-0305e82c3301}'))
$n = 0
if ([int]::TryParse('42', [ref]$n)) { Write-Output "parsed $n" }
$ok = [int]::TryParse('4x', [ref]$n)
Write-Output "$ok $n"
$id = [guid]::Empty
$row = @{ Valid = [guid]::TryParse('not-a-guid', [ref]$id) }
Write-Output "$($row.Valid) $id"
$m = [regex]::Matches('req=a1 status=401', 'req=(?<id>\\S+) status=(?<code>\\d{3})')
Write-Output $m[0].Groups['code'].Value $m[0].Groups[1].Value
try { throw [System.ArgumentException]::new('x') } catch { Write-Output $_.Exception.GetType().FullName }
"""
    # A failed TryParse sets the variable to the type's default, as .NET's out parameter does.
    assert out(script) == [
        "3f2504e0-4f89-11d3-9a0c-0305e82c3301",
        "3f2504e04f8911d39a0c0305e82c3301",
        "00000000-0000-0000-0000-000000000000",
        "True",
        "parsed 42",
        "False 0",
        "False 00000000-0000-0000-0000-000000000000",
        "401",
        "a1",
        "System.ArgumentException",
    ]


def test_null_coalescing_and_format_items() -> None:
    script = """
$Org = $env:PSOPENAPI_TEST_UNSET_VARIABLE ?? '(none)'
Write-Output $Org
Write-Output ('{0,-6}|{1,5:N1}|{2:D3}|{3:P0}' -f 'ab', 3.14159, 7, 0.25)
"""
    assert out(script) == ["(none)", "ab    |  3.1|007|25 %"]


def test_files_round_trip(tmp_path: Path) -> None:
    script = f"""
$Dir = '{tmp_path}'
$Path = Join-Path $Dir 'notes.txt'
Set-Content -Path $Path -Value @('one', 'two')
Add-Content -Path $Path -Value 'three'
$Lines = Get-Content -Path $Path
Write-Output $Lines.Count
Write-Output (Get-Content -Path $Path -Tail 1)
Write-Output (Test-Path $Path)
Remove-Item -Path $Path
Write-Output (Test-Path $Path)
"""
    assert out(script) == ["3", "three", "True", "False"]


# --------------------------------------------------------------------------------------------------
# [char] and [ordered]: values .NET types, not plain text or plain hashtables


def test_char_casts_count_as_code_points_where_a_number_is_wanted() -> None:
    script = """
$A = [char]65
Write-Output $A
Write-Output ([int][char]'A')
Write-Output ([int[]][char[]]'Hi' -join ',')
Write-Output ([char]'a' + 1)
$Word = 'ab'
Write-Output ($Word[0] + $Word[1])
Write-Output ([char]'A' -eq 65)
Write-Output (65 -eq [char]'A')
Write-Output ([char]'A' -eq 'a')
Write-Output (($Word.ToCharArray() | ForEach-Object { [int]$_ }) -join ' ')
Write-Output ('hello'.Insert(2, 'XX'))
"""
    # Two chars add as numbers (97 + 98), the well-known PowerShell surprise.
    assert out(script) == ["A", "65", "72,105", "98", "195", "True", "True", "True", "97 98", "heXXllo"]


def test_char_casts_that_dotnet_refuses_fail_loudly() -> None:
    for cast, message in [
        ("[char]65.0", "Invalid cast from 'Double' to 'Char'."),
        ("[char]70000", "Value was either too large or too small for a character."),
        ("[char]'AB'", "String must be exactly one character long."),
    ]:
        proc = run_ps(f"Write-Output ({cast})", check=False)
        assert proc.returncode != 0
        assert message in proc.stderr


def test_an_ordered_hashtable_reads_and_writes_an_integer_index_by_position() -> None:
    script = """
$Ordered = [ordered]@{ model = 'gpt-realtime'; voice = 'marin'; 7 = 'seven' }
Write-Output $Ordered[0]
Write-Output $Ordered[2]
Write-Output $Ordered['voice']
$Ordered[1] = 'cedar'
Write-Output $Ordered.voice
$Plain = @{ 0 = 'zero'; name = 'x' }
Write-Output $Plain[0]
Write-Output ($Plain['name', 0] -join ',')
"""
    # [ordered]'s integer indexer is positional, even over an integer key; a plain hashtable's is a key.
    assert out(script) == ["gpt-realtime", "seven", "marin", "cedar", "zero", "x,zero"]


def test_an_ordered_index_out_of_range_fails_loudly() -> None:
    proc = run_ps("$O = [ordered]@{ a = 1 }\nWrite-Output $O[3]", check=False)
    assert proc.returncode != 0
    assert "Index was out of range." in proc.stderr


def test_a_function_whose_output_is_a_call_with_withhttpinfo_returns_it() -> None:
    script = """
function Send-Reject([string]$CallId) {
    switch ($CallId) {
        default { Deny-RealtimeCall -CallId $CallId -RealtimeCallRejectRequest @{ status_code = 486 } -WithHttpInfo }
    }
}
$Answer = Send-Reject -CallId 'rtc_probe'
Write-Output "status $($Answer.StatusCode)"
"""
    # Deny-RealtimeCall returns nothing, but -WithHttpInfo makes it return its answer: the function writes
    # that out (it is not printed where the function runs).
    with MockServer(api_key="sk-example", sip_calls=["rtc_probe"]) as server:
        assert out(script, server) == ["status 200"]


def test_array_methods_typed_variables_split_options_and_string_builders() -> None:
    script = """
$A = 1, 2, 3, 4
Write-Output ($A.Where({ $_ -gt 2 }) -join ',') ($A.ForEach({ $_ * 2 }) -join ',') ($A.Where({ $_ -gt 1 }, 'First'))
$Odd, $Even = $A.Where({ $_ % 2 }, 'Split')
Write-Output "$Odd / $Even"
$Rev = @(1, 2, 3)
[array]::Reverse($Rev)
Write-Output ($Rev -join '')
[int]$Count = '5'
$Count = 7.5
Write-Output $Count
[System.StringSplitOptions]$Options = [System.StringSplitOptions]::RemoveEmptyEntries -bor [System.StringSplitOptions]::TrimEntries
Write-Output ('a, ,b'.Split(',', $Options) -join '|') ('a,b,c'.Split(',', 2) -join '|') (6 -band 3) (6 -bor 3)
$Sb = [System.Text.StringBuilder]::new()
[void]$Sb.AppendFormat('{0}-{1:D3}', 'k', 7).Append('!')
Write-Output $Sb.ToString()
"""
    # A typed variable converts what it is given ([int] rounds 7.5 to 8); an int after the separators of
    # Split is a count, a [StringSplitOptions] the options.
    assert out(script) == [
        "3,4",
        "2,4,6,8",
        "2",
        "1 3 / 2 4",
        "321",
        "8",
        "a|b",
        "a|b,c",
        "2",
        "7",
        "k-007!",
    ]


def test_a_variable_of_a_type_the_runtime_cannot_convert_to_warns_instead_of_failing_at_run_time() -> None:
    for declared in ("xml", "uri", "scriptblock", "System.Net.IPAddress"):
        result = translate_powershell(f'[{declared}]$Value = "x"\nWrite-Output $Value\n')
        assert [w.message for w in result.warnings][0] == f"unsupported: a variable of type [{declared}]"
    assert out("[char[]]$Letters = 'ab'\n[System.Int64]$Big = '5'\nWrite-Output $Letters.Count $Big\n") == ["2", "5"]


def test_index_of_and_last_index_of_take_a_start_index_and_a_count() -> None:
    script = """
$Token = 'sk-demo-0000111122223333'
Write-Output $Token.IndexOf('-', 3) $Token.IndexOf('-', 3, 2) $Token.LastIndexOf('-', 5) $Token.LastIndexOf('-', 7, 1)
Write-Output $Token.IndexOf('D', 0, 'OrdinalIgnoreCase') $Token.StartsWith('SK', $true, $null)
Write-Output $Token.Substring(0, $Token.IndexOf('-', 3) + 1)
"""
    assert out(script) == ["7", "-1", "2", "7", "3", "True", "sk-demo-"]


def test_a_regex_replace_evaluator_block_with_a_param_is_called_for_each_match() -> None:
    script = """
$Text = 'Order 88231 and 40017 shipped'
Write-Output ([regex]::Replace($Text, '\\b\\d{5}\\b', { param($Found) '***' + $Found.Value.Substring(3) }))
"""
    assert out(script) == ["Order ***31 and ***17 shipped"]


def test_a_pscustomobject_parameter_takes_the_object_as_it_is() -> None:
    script = """
function Show-Site {
    param([pscustomobject]$Site)
    "$($Site.name) speaks $($Site.voice)"
}
$Sites = '[{"name": "faro", "voice": "cedar"}]' | ConvertFrom-Json
Show-Site -Site $Sites[0]
"""
    assert out(script) == ["faro speaks cedar"]


def test_a_do_while_test_reads_the_variables_its_body_assigns() -> None:
    script = """
$Feed = @('starting', 'starting', 'healthy', 'healthy')
function Wait-Healthy {
    $Poll = 0
    do {
        $Status = $Feed[$Poll]
        $Poll++
    } while ($Status -ne 'healthy' -and $Poll -lt $Feed.Count)
    "$Status after $Poll polls"
}
Wait-Healthy
"""
    assert out(script) == ["healthy after 3 polls"]


def test_continue_in_a_do_loop_goes_on_to_its_test() -> None:
    script = """
$I = 0; $Seen = @()
do {
    $I++
    if ($I % 2 -eq 0) { continue }
    $Seen += $I
} until ($I -ge 7)
$N = 0
do { $N++; if ($N -eq 2) { continue }; Write-Output "n=$N" } while (@(1, 2, 3) | Where-Object { $_ -gt $N })
Write-Output ($Seen -join ',')
"""
    assert out(script) == ["n=1", "n=3", "1,3,5,7"]


def test_continue_in_a_for_loop_runs_its_iterator_then_its_test() -> None:
    script = """
$Kept = @()
for ($I = 10; $I -gt 0; $I -= 3) {
    if ($I -eq 7) { continue }
    $Kept += $I
}
Write-Output ($Kept -join ',') "after: $I"
"""
    assert out(script) == ["10,4,1", "after: -2"]


def test_an_advanced_function_takes_error_action_warning_action_and_verbose_for_its_run() -> None:
    script = """
function Test-Key {
    [CmdletBinding()]
    param([string]$Key)
    Write-Verbose "checking $Key"
    if (-not $Key.StartsWith('sk-')) {
        Write-Error "key does not start with sk-"
        return $false
    }
    Write-Output "shape ok"
    Write-Warning "old key"
    return $true
}
try {
    Test-Key -Key 'xx' -ErrorAction Stop
    Write-Output 'not reached'
} catch {
    Write-Output "caught: $($_.Exception.Message)"
}
$Quiet = Test-Key -Key 'xx' -ea SilentlyContinue
Write-Output "quiet: $Quiet"
$Results = @(Test-Key -Key 'sk-1' -Verbose -WarningAction SilentlyContinue)
Write-Output ($Results -join ',')
Write-Output "after: $ErrorActionPreference"
"""
    proc = run_ps(script)
    assert proc.stdout.splitlines() == [
        "caught: key does not start with sk-",
        "quiet: False",
        "shape ok,True",
        "after: Continue",
    ]
    assert proc.stderr.splitlines() == ["VERBOSE: checking sk-1"]


def test_common_parameters_a_translation_does_not_honour_are_reported_and_plain_functions_take_none() -> None:
    advanced = "function F { [CmdletBinding()] param($A) $A }\n"
    assert [w.message for w in translate_powershell(advanced + "F -A 1 -ErrorVariable errs\n").warnings] == [
        "unsupported: -ErrorVariable of a script function"
    ]
    plain = "function G { param($A) $A }\n"
    assert [w.message for w in translate_powershell(plain + "G -A 1 -ErrorAction Stop\n").warnings] == [
        "G has no parameter -ErrorAction"
    ]


def test_splatting_items_of_a_list_of_hashtables_with_different_keys_binds_each_ones_keys() -> None:
    script = """
function Show-Spec { param($Team, $Cap = 1024, [switch]$TextOnly) "$Team $Cap $TextOnly" }
$Specs = @(
    @{ Team = 'support'; Cap = 512 }
    @{ Team = 'ops'; TextOnly = $true }
)
foreach ($Spec in $Specs) { Show-Spec @Spec }
$Table = @{ Team = 'a' }
if ($Specs.Count -gt 1) { $Table = @{ Team = 'b'; Cap = 1 } }
Show-Spec @Table
"""
    assert out(script) == ["support 512 False", "ops 1024 True", "b 1 False"]


def test_a_module_cmdlet_takes_error_action_stop_and_reports_other_common_parameters(mock_server: MockServer) -> None:
    script = """
$Request = Initialize-RealtimeSessionCreateRequest -Model 'gpt-4o-realtime-preview' -Voice 'ash'
$Session = New-RealtimeSession -RealtimeSessionCreateRequest $Request -ErrorAction Stop
Write-Output $Session.voice
"""
    assert out(script, mock_server) == ["ash"]
    for common, message in (
        ("-ErrorAction SilentlyContinue", "unsupported: -ErrorAction other than Stop on New-RealtimeSession"),
        ("-Verbose", "unsupported: -Verbose of New-RealtimeSession"),
        ("-OutVariable made", "unsupported: -OutVariable of New-RealtimeSession"),
    ):
        result = translate_powershell(f"New-RealtimeSession -RealtimeSessionCreateRequest $null {common}\n")
        assert [w.message for w in result.warnings] == [message]


def test_a_dates_day_of_week_is_the_dotnet_enum_by_name_and_number() -> None:
    script = """
$Start = [datetime]'2025-03-15 01:00'
Write-Output $Start.DayOfWeek ([int]$Start.DayOfWeek) "weekend: $($Start.DayOfWeek -in @([System.DayOfWeek]::Saturday, [System.DayOfWeek]::Sunday))"
Write-Output ($Start.DayOfWeek -eq 'saturday') ([DayOfWeek]::Friday -gt [DayOfWeek]::Monday)
[System.DayOfWeek]$Day = 'monday'
$Options = [System.StringSplitOptions]::RemoveEmptyEntries -bor [System.StringSplitOptions]::TrimEntries
Write-Output "$Day $Options" ('{0} is day {0:D}' -f $Start.DayOfWeek)
"""
    assert out(script) == [
        "Saturday",
        "6",
        "weekend: True",
        "True",
        "True",
        "Monday RemoveEmptyEntries, TrimEntries",
        "Saturday is day 6",
    ]


def test_an_objects_own_length_property_is_read_as_it_is() -> None:
    script = """
$Windows = [System.Collections.Generic.List[object]]::new()
$Windows.Add([pscustomobject]@{ Name = 'db'; Length = New-TimeSpan -Minutes 90 })
foreach ($Window in $Windows) { Write-Output "$($Window.Name) $($Window.Length.TotalMinutes) min" }
"""
    assert out(script) == ["db 90 min"]


def test_a_typed_catch_takes_the_dotnet_error_of_a_failing_parse_as_powershell_does() -> None:
    script = """
$Culture = [System.Globalization.CultureInfo]::InvariantCulture
foreach ($Text in @('2025-03-18 22:00', '2025-03-18 25:00')) {
    try {
        $When = [datetime]::ParseExact($Text, 'yyyy-MM-dd HH:mm', $Culture)
        Write-Output "ok $($When.Hour)"
    } catch [System.FormatException] {
        Write-Output "bad: $($_.Exception.InnerException.Message)"
        Write-Output $_.Exception.Message
    }
}
try { $null = [int]::Parse('12x') } catch [System.FormatException] { Write-Output 'not a number' }
"""
    assert out(script) == [
        "ok 22",
        "bad: String '2025-03-18 25:00' was not recognized as a valid DateTime.",
        'Exception calling "ParseExact" with "3" argument(s): '
        "\"String '2025-03-18 25:00' was not recognized as a valid DateTime.\"",
        "not a number",
    ]


def test_the_ternary_operator_chooses_a_branch_value_as_it_is() -> None:
    script = """
$Ok = $true
$N = 5
$Label = $Ok ? 'yes' : 'no'
$Size = $N -gt 3 ? 'big' : $N -gt 1 ? 'mid' : 'small'
$Both = $Ok -and $N -lt 3 ? 'both' : 'not both'
$Picked = $Ok ? @(1) : @()
$Count = 0
function Bump { $script:Count++; 'bumped' }
$Lazy = $Ok ? 'kept' : (Bump)
Write-Output $Label $Size $Both "inline: $($N -eq 5 ? 'five' : 'other')" ($Picked -is [array]) $Picked.Count $Count
@(1, 2, 3) | ? { $_ -gt 2 }
"""
    assert out(script) == ["yes", "big", "not both", "inline: five", "True", "1", "0", "3"]


def test_a_ternary_inside_a_string_leaves_the_strings_words_alone() -> None:
    script = """
$Seconds = 10
$Clamped = $true
Write-Output "key, $Seconds s$($Clamped ? ' (clamped)' : ''), until 07:00, voice cedar"
$Kind = 'server_vad'
$Detail = $Kind -eq 'server_vad' ? "threshold 0.5, silence $Seconds ms, padding 300 ms" : 'eagerness auto'
Write-Output $Detail
"""
    assert out(script) == [
        "key, 10 s (clamped), until 07:00, voice cedar",
        "threshold 0.5, silence 10 ms, padding 300 ms",
    ]


def test_null_coalescing_assignment_assigns_only_over_null() -> None:
    script = """
$Voice = $null
$Voice ??= 'marin'
$Voice ??= 'cedar'
$Settings = @{ Speed = 1.2 }
$Settings.Speed ??= 9
$Settings['Tone'] ??= 'calm'
$Fresh ??= 3
function Get-Model { param($Model) $Model ??= 'gpt-realtime'; $Model }
Write-Output $Voice $Settings.Speed $Settings.Tone $Fresh (Get-Model) (Get-Model 'mini')
"""
    assert out(script) == ["marin", "1.2", "calm", "3", "gpt-realtime", "mini"]


def test_foreach_object_begin_and_end_blocks_run_once_around_the_items_in_the_callers_scope() -> None:
    script = """
$Rows = @(@{ Tokens = 2 }, @{ Tokens = 5 })
$Rows | ForEach-Object -Begin { $Total = 0; 'start' } -Process { $Total += $_.Tokens; "row $($_.Tokens)" } -End { "total $Total" }
Write-Output "after: $Total"
function Get-Sum { $Sum = 0; 1..3 | % -Begin { $Sum = 10 } -Process { $Sum += $_ }; $Sum }
Get-Sum
"""
    assert out(script) == ["start", "row 2", "row 5", "total 7", "after: 7", "16"]


def test_shift_operators_shift_as_an_int32_does() -> None:
    script = """
$Mask = (1 -shl 2) -bor (1 -shl 3)
Write-Output $Mask ('{0:X2}' -f $Mask) (1 -shl 31) (-8 -shr 1) (1 -shl 33)
"""
    assert out(script) == ["12", "0C", "-2147483648", "-4", "2"]
    assert [w.message for w in translate_powershell("[long]1 -shl 33\n").warnings] == ["unsupported: -shl of an Int64"]


def test_adding_to_a_powershell_array_fails_as_in_powershell_and_a_list_grows() -> None:
    script = """
$Voices = @('marin', 'cedar')
try { $Voices.Add('ash') } catch { Write-Output $_.Exception.Message }
$Voices += 'ash'
$Done = [System.Collections.Generic.List[string]]::new()
$Done.Add('one')
Write-Output $Voices.Count $Done.Count
"""
    assert out(script) == ['Exception calling "Add" with "1" argument(s): "Collection was of a fixed size."', "3", "1"]


def test_a_typed_catch_around_calls_that_cannot_fail_needs_no_warning() -> None:
    script = """
$Completed = [System.Collections.Generic.List[string]]::new()
foreach ($Step in @('a', 'b')) {
    try {
        if ($Step -eq 'b') { throw [System.InvalidOperationException]::new('read-only') }
        $Completed.Add($Step.ToUpper())
    } catch [System.InvalidOperationException] {
        Write-Output "failed at ${Step}: $($_.Exception.Message)"
    }
}
Write-Output ($Completed -join ',')
"""
    assert out(script) == ["failed at b: read-only", "A"]


def test_a_list_of_property_names_in_parentheses_is_a_list_of_strings() -> None:
    script = """
$Rows = @([pscustomobject]@{ Code = 'b'; Name = 'y' }, [pscustomobject]@{ Code = 'a'; Name = 'z' })
foreach ($Row in ($Rows | Sort-Object -Property Code, Name)) { Write-Output $Row.Name }
"""
    assert out(script) == ["z", "y"]


def test_switch_conditions_written_in_double_quotes_or_as_bare_words_are_tested() -> None:
    script = """
$Suffix = 'ght'
function Get-ShiftSettings {
    param([string]$Shift = "day")
    switch ($Shift) {
        "early" { return 'coral' }
        late { return 'ballad' }
        "ni$Suffix" { return 'sage' }
        "t`tab" { return 'tab' }
        default { return 'alloy' }
    }
}
foreach ($Shift in @('early', 'day', 'LATE', 'night', "t`tab")) { Get-ShiftSettings -Shift $Shift }
switch ('x') { "$($Suffix)x" { 'never' } }
"""
    result = translate_powershell(script)
    assert [w.message for w in result.warnings] == ["unsupported: a double-quoted switch condition with $( ) in it"]
    assert out(script.rsplit("switch ('x')", 1)[0]) == ["coral", "alloy", "ballad", "sage", "tab"]


def test_a_lone_plus_or_minus_among_command_arguments_is_a_word_of_its_own() -> None:
    script = """
$Results = @(1, 2, 3, 4)
Write-Host "Total: " + $Results.Count
Write-Output "a" - "b"
"""
    assert out(script) == ["Total:  + 4", "a", "-", "b"]


def test_a_variable_opening_a_here_string_line_after_a_subexpression_line_is_expanded() -> None:
    script = """
$Release = @{ Changes = @(1, 2) }
$Bullets = 'b'
$Text = @"
Changes ($($Release.Changes.Count)):
$Bullets
  $Bullets end
"@
Write-Output $Text
"""
    assert out(script) == ["Changes (2):", "b", "  b end"]


def test_regex_match_gives_the_first_match_or_a_failed_one() -> None:
    script = """
$Found = [regex]::Match('codename "Blue Heron" ok', '"([^"]+)"')
$None = [regex]::Match('abc', 'z(x)')
$Case = [System.Text.RegularExpressions.Regex]::Match('ABC', 'b', 'IgnoreCase')
Write-Output $Found.Success $Found.Groups[1].Value $None.Success "[$($None.Value)]" $None.Groups[1].Success $Case.Index
"""
    assert out(script) == ["True", "Blue Heron", "False", "[]", "False", "1"]


def test_a_stored_script_block_reading_a_variable_a_function_has_its_own_of_warns() -> None:
    script = """
$Threshold = 300
$Checks = @{ cap = { param($Session) $Session.cap -le $Threshold } }
$Plain = { param($Session) $Session.cap }
function Test-StrictCap { param($Session) $Threshold = 500; & $Checks.cap $Session }
Test-StrictCap -Session @{ cap = 400 }
@(1, 2) | Where-Object { $_ -le $Threshold }
"""
    assert [(w.line, w.message) for w in translate_powershell(script).warnings] == [
        (
            3,
            "a script block kept for later reads its variables when it runs, from the scope that calls it: "
            "called from Test-StrictCap ($Threshold), PowerShell would give it that function's own variable, "
            "where this translation reads the one where the block is written",
        )
    ]


def test_functions_and_script_blocks_without_parameters_take_their_arguments_in_args() -> None:
    script = """
function Write-Log {
    $Level = "$($args[0])".ToUpper()
    if ($args.Count -lt 2) { return "[$Level] (no message)" }
    "[$Level] " + ($args[1..($args.Count - 1)] -join ' ')
}
function Write-Notice { Write-Log notice @args }
Write-Log info rotation started
Write-Notice done after 3 teams
Write-Log debug
$Pair = { '{0}={1}' -f $args[0], $args[1] }
Write-Output (& $Pair 'teams' 3) $Pair.Invoke('lines', 7) "script args: $($args.Count)"
"""
    assert out(script) == [
        "[INFO] rotation started",
        "[NOTICE] done after 3 teams",
        "[DEBUG] (no message)",
        "teams=3",
        "lines=7",
        "script args: 0",
    ]


def test_call_operator_runs_a_function_named_by_a_value_or_a_block_with_named_arguments() -> None:
    script = """
function Invoke-Helpers {
    foreach ($Helper in @('Hide-Middle', 'hide-middle')) { & $Helper -Secret 'abcdef' }
    & 'Hide-Middle' -Secret 'xyz' -Short
    & 'Show-Args' a -Flag b
    $Block = { param($Name, $Count = 1) "$Name x$Count" }
    & $Block -Count 3 -Name 'k'
    try { & 'Get-Nothing' } catch { Write-Output $_.Exception.Message }
}
function Hide-Middle { param([string]$Secret, [switch]$Short) if ($Short) { 'short' } else { $Secret.Substring(0, 2) + '**' } }
function Show-Args { "args: $args" }
Invoke-Helpers
"""
    assert out(script) == [
        "ab**",
        "ab**",
        "short",
        "args: a -Flag b",
        "k x3",
        "The term 'Get-Nothing' is not recognized as a name of a cmdlet, function, script file, or executable program.",
    ]


def test_psobject_properties_of_a_literal_object_are_listed_found_and_removed() -> None:
    script = """
$Defaults = [pscustomobject]@{ model = 'gpt-realtime'; voice = 'alloy'; pin = '4471' }
$Names = foreach ($Property in $Defaults.PSObject.Properties) { $Property.Name }
Write-Output ($Names -join ',') $Defaults.PSObject.Properties['VOICE'].Value ($null -eq $Defaults.PSObject.Properties['zz'])
$Defaults.PSObject.Properties.Remove('pin')
Write-Output ($Defaults.PSObject.Properties.Name -join ',')
$Table = [ordered]@{ b = 2; a = 1 }
$Object = [pscustomobject]$Table
Write-Output "$Object" $Object.b
"""
    assert out(script) == ["model,voice,pin", "alloy", "True", "model,voice", "@{b=2; a=1}", "2"]


def test_convert_to_json_past_its_depth_writes_objects_as_powershell_turns_them_into_text() -> None:
    script = """
$Report = [ordered]@{
    model  = 'gpt-realtime'
    output = [ordered]@{ format = [pscustomobject]@{ type = 'audio/pcm'; rate = 24000 }; vad = [ordered]@{ on = $true } }
    checks = @('format', 'vad')
}
$Report | ConvertTo-Json -Depth 1 -Compress
$Report | ConvertTo-Json -Depth 0 -Compress
"""
    assert out(script) == [
        '{"model":"gpt-realtime","output":{"format":"@{type=audio/pcm; rate=24000}",'
        '"vad":"System.Collections.Specialized.OrderedDictionary"},"checks":["format","vad"]}',
        '{"model":"gpt-realtime","output":"System.Collections.Specialized.OrderedDictionary","checks":"format vad"}',
    ]


def test_try_parse_with_number_styles_and_the_invariant_culture() -> None:
    script = """
foreach ($Text in @('0.65', 'high')) {
    $Value = 0.0
    if ([double]::TryParse($Text, [System.Globalization.NumberStyles]::Float, [System.Globalization.CultureInfo]::InvariantCulture, [ref]$Value)) {
        Write-Output "number $Value"
    } else {
        Write-Output "not a number: $Text"
    }
}
"""
    assert out(script) == ["number 0.65", "not a number: high"]


def test_select_object_expands_wildcard_names_and_excludes_properties() -> None:
    script = """
$Desks = @(
    [pscustomobject]@{ Desk = 'billing'; Voice = 'ash'; VoiceSpeed = 1.1; Cap = 400 }
    [pscustomobject]@{ Desk = 'sales'; Voice = 'coral'; VoiceSpeed = 1.0; Cap = 800 }
)
$Feed = $Desks | Select-Object -Property * -ExcludeProperty Cap
$Voices = $Desks | Select-Object Desk, Voice*
$Copy = $Desks[0] | Select-Object *
$Copy.Desk = 'billing-eu'
Write-Output ($Feed[0].PSObject.Properties.Name -join ',') ($Voices[1].PSObject.Properties.Name -join ',') $Desks[0].Desk $Copy.Desk
"""
    assert out(script) == ["Desk,Voice,VoiceSpeed", "Desk,Voice,VoiceSpeed", "billing", "billing-eu"]


def test_a_key_named_keys_is_counted_in_place_across_branches() -> None:
    script = """
$Tally = [ordered]@{ keys = 0; bridged = 0 }
foreach ($X in 1..3) { if ($X -eq 1) { $Tally.keys++ } else { $Tally.bridged++ } }
Write-Output ('{0} keys, {1} bridged' -f @($Tally.Values))
"""
    assert out(script) == ["1 keys, 2 bridged"]


def test_a_calculated_property_holds_its_blocks_output_collected() -> None:
    script = """
$Rows = @(
    [pscustomobject]@{ Team = 'support'; Voice = 'marin' }
    [pscustomobject]@{ Team = 'support'; Voice = 'marin' }
    [pscustomobject]@{ Team = 'ops'; Voice = 'ash' }
)
$Plan = $Rows | Group-Object -Property Team | Select-Object -Property @{ Name = 'Team'; Expression = { $_.Name } },
    @{ Name = 'Voice'; Expression = { $_.Group | Select-Object -First 1 -ExpandProperty Voice } },
    @{ Name = 'All'; Expression = { $_.Group.Voice } }
foreach ($Entry in $Plan) { Write-Output "$($Entry.Team) $($Entry.Voice -is [string]) $(@($Entry.All).Count)" }
"""
    assert out(script) == ["ops True 1", "support True 2"]


def test_a_failed_parameter_check_is_a_parameter_binding_error_and_generic_lists_are_typed_variables() -> None:
    script = """
function Set-Ttl { param([ValidateRange(10, 7200)][int]$Seconds = 600) "ttl $Seconds" }
try { Set-Ttl -Seconds 9000 } catch [System.Management.Automation.ParameterBindingException] { "refused: $($_.Exception.GetType().Name)" }
try { Set-Ttl -Seconds 9000 } catch [System.ArgumentException] { 'wrong' } catch { 'generic' }
[System.Collections.Generic.List[string]]$Checks = [System.Collections.Generic.List[string]]::new()
$Checks.Add('a')
[System.Collections.Generic.List[int]]$Numbers = @('1', 2)
Write-Output $Checks.Count ($Numbers[0] + 1)
"""
    assert out(script) == ["refused: ParameterBindingValidationException", "generic", "1", "2"]


def test_adding_to_an_array_makes_a_new_one_and_chained_assignments_assign_each() -> None:
    script = """
$Before = @(1)
$Kept = $Before
$Before += 2
$Minted = $Rejected = 0
$Minted++
Write-Output $Kept.Count $Before.Count $Minted $Rejected
"""
    assert out(script) == ["1", "2", "1", "0"]


def test_labelled_break_and_continue_leave_the_nested_loops() -> None:
    script = """
$Grid = @(@(3, 4, 9), @(2, 5, 1), @(7, 6, 8))
$Visited = 0; $Found = $null
:rows foreach ($Row in $Grid) {
    foreach ($Cell in $Row) {
        $Visited++
        if ($Cell -eq 4) { continue rows }
        if ($Cell -gt 5) { $Found = $Cell; break rows }
    }
}
Write-Output "first cell over 5: $Found after $Visited cells"
:outer foreach ($i in 0..2) {
    foreach ($j in 1..3) {
        while ($true) { if ($j -eq 2) { continue outer }; break }
        "i=$i j=$j"
    }
}
"""
    # continue rows skips the rest of the row (9 is never visited); break rows ends both loops.
    assert out(script) == ["first cell over 5: 7 after 6 cells", "i=0 j=1", "i=1 j=1", "i=2 j=1"]


def test_a_functions_errors_are_caught_where_it_is_called_and_its_preferences_are_its_own() -> None:
    script = """
$ErrorActionPreference = 'Stop'
function Assert-Lifetime([int]$Seconds) {
    if ($Seconds -lt 10) { Write-Error "lifetime $Seconds s is too short" -ErrorAction Stop }
    "lifetime $Seconds s ok"
}
function Test-Quiet {
    $ErrorActionPreference = 'SilentlyContinue'
    Write-Error 'noise'
    "inside: $ErrorActionPreference"
}
$Report = foreach ($S in 300, 5) {
    try { Assert-Lifetime -Seconds $S } catch { "caught: $($_.Exception.Message)" }
}
$Report
Test-Quiet
"script: $ErrorActionPreference"
"""
    # The function runs inside the try (not later, when its output is read); a preference it sets ends with it.
    assert out(script) == [
        "lifetime 300 s ok",
        "caught: lifetime 5 s is too short",
        "inside: SilentlyContinue",
        "script: Stop",
    ]


def test_pscmdlet_outside_should_process_is_reported_not_translated() -> None:
    script = "function F { [CmdletBinding()] param() if ($PSCmdlet.ShouldProcess('x')) { 'go' } }\nF\n"
    assert "unsupported: $PSCmdlet.ShouldProcess" in [w.message for w in translate_powershell(script).warnings]
    script = "function G { [CmdletBinding()] param() $PSCmdlet.ParameterSetName }\nG\n"
    assert "unsupported: automatic variable $PSCmdlet" in [w.message for w in translate_powershell(script).warnings]


def test_integer_overflow_widens_to_double_and_group_object_as_hashtable() -> None:
    script = """
$Big = [int]::MaxValue + 100
$Same = [int]::MaxValue + 0
$Product = 70000 * 70000
Write-Output $Big $Big.GetType().Name $Same.GetType().Name $Product.GetType().Name
$Desks = @(
    [pscustomobject]@{ Region = 'EU'; Name = 'berlin' }
    [pscustomobject]@{ Region = 'eu'; Name = 'dublin' }
    [pscustomobject]@{ Region = 'us'; Name = 'austin' }
)
Write-Output @($Desks | Group-Object Region).Count @($Desks | Group-Object Region -CaseSensitive).Count
$ByRegion = $Desks | Group-Object -Property { $_.Region.ToLower() } -AsHashTable -AsString
Write-Output (($ByRegion.Keys | Sort-Object) -join ',') ($ByRegion['eu'].Name -join '+') $ByRegion['us'].Count
"""
    # An Int32 sum past Int32's range is a double in PowerShell, not an Int64.
    assert out(script) == ["2147483747", "Double", "Int32", "Double", "2", "3", "eu,us", "berlin+dublin", "1"]


def test_a_script_block_in_a_function_assigning_a_new_variable_compiles_and_runs() -> None:
    script = """
function F {
    $Blk = { $R = 1; "r=$R" }
    & $Blk
    $Typed = { param([int]$N = 3) "n=$N $($N.GetType().Name)" }
    & $Typed '7'
    & $Typed
}
F
"""
    # The block's variable is bound in the function before the block's nonlocal; a typed block parameter
    # converts what it is given.
    assert out(script) == ["r=1", "n=7 Int32", "n=3 Int32"]


def test_script_blocks_kept_in_a_table_are_called_with_and_and_invoke() -> None:
    script = """
$Handlers = @{
    beta = { param($Model) "beta/$Model" }
    ga = { param($Model, $Voice) "ga/$Model/$Voice" }
}
$Done = foreach ($Kind in 'beta', 'ga') { & $Handlers[$Kind] 'm1' 'v1' }
Write-Output ($Done -join ', ')
$Again = $Handlers['ga'].Invoke('m2', 'v2')
Write-Output "$($Again.Count): $($Again[0])"
& $Handlers.beta 'm3'
"""
    # .Invoke() returns a collection, even of one item.
    assert out(script) == ["beta/m1, ga/m1/v1", "1: ga/m2/v2", "beta/m3"]


def test_get_new_closure_freezes_the_variables_a_block_reads() -> None:
    script = """
$Labels = @{}
foreach ($Stage in 'staging', 'prod') {
    $Tag = $Stage.ToUpper()
    $Labels[$Stage] = { param($Line) "[$Tag] $Line" }.GetNewClosure()
}
$Tag = 'changed later'
& $Labels['staging'] 'a'
$Labels.prod.Invoke('b')
function F { $x = 1; $b = { "x=$x" }.GetNewClosure(); $x = 2; & $b }
F
"""
    # Each closure keeps the $Tag of its own pass; the function's closure keeps x as it was.
    assert out(script) == ["[STAGING] a", "[PROD] b", "x=1"]


def test_should_process_is_true_without_whatif_and_writes_what_if_with_it() -> None:
    script = """
function Set-TeamVoice {
    [CmdletBinding(SupportsShouldProcess)]
    param([Parameter(Mandatory)][string]$Team, [string]$Voice = 'sage')
    if ($PSCmdlet.ShouldProcess($Team, "set voice $Voice")) { "$Team set to $Voice" }
    if ($PSCmdlet.ShouldProcess($Team)) { 'second step' }
}
Set-TeamVoice -Team 'support'
Set-TeamVoice -Team 'sales' -Voice 'verse' -Confirm:$false
Set-TeamVoice -Team 'legal' -WhatIf
"""
    assert out(script) == [
        "support set to sage",
        "second step",
        "sales set to verse",
        "second step",
        'What if: Performing the operation "set voice sage" on target "legal".',
        'What if: Performing the operation "Set-TeamVoice" on target "legal".',
    ]


def test_case_sensitive_membership_operators_the_grammar_does_not_know() -> None:
    script = """
$Rotation = 'alloy', 'ash'
Write-Output ('ALLOY' -in $Rotation) ('ALLOY' -cin $Rotation) ('ALLOY' -cnotin $Rotation) ('ash' -iin $Rotation)
Write-Output "exact case: $('ALLOY' -cin $Rotation)"
"""
    assert out(script) == ["True", "False", "True", "True", "exact case: False"]


def test_an_if_as_a_value_goes_on_with_elseif_and_else_on_the_next_lines() -> None:
    script = """
$Kept = @{ type = 'server_vad'; threshold = 0.55 }
$Text = if ($null -eq $Kept) { 'off' }
        elseif ($Kept.type -eq 'semantic_vad') { 'semantic' }
        else { '{0}@{1}' -f $Kept.type, $Kept.threshold }
Write-Output $Text
function Pick($n) {
    $r = if ($n -gt 1) { 'many' }
    ElseIf ($n -eq 1) { 'one' }
    ELSE { 'none' }
    return $r
}
Pick 0
Pick 1
$Row = @{
    mode = if ($Kept.type -eq 'none') { 'off' }
           else { 'on' }
}
$Row.mode
$Note = @"
else on a line of a here-string
"@
Write-Output $Note
"""
    translation = translate_powershell(script)
    assert translation.warnings == ()
    assert "else on a line of a here-string" in translation.python
    assert out(script) == ["server_vad@0.55", "none", "one", "on", "else on a line of a here-string"]


def test_an_arraylist_cast_of_an_array_makes_a_list_whose_add_gives_the_index() -> None:
    script = """
$Minted = [System.Collections.ArrayList]@()
[void]$Minted.Add('es')
$null = $Minted.Add('fr')
$At = $Minted.Add('de')
$Pair = [collections.arraylist]('a', 'b')
$Copy = [System.Collections.ArrayList]$Pair
$Pair.Add('c') | Out-Null
Write-Output "$At $($Minted.Count) $($Minted -join ', ')" $Copy.Count $Pair.Count
"""
    assert out(script) == ["2 3 es, fr, de", "3", "3"]


def test_leap_years_and_method_errors_as_powershell_reports_them() -> None:
    script = """
$Now = [datetime]::ParseExact('2025-03-15', 'yyyy-MM-dd', $null)
"days: $(if ([datetime]::IsLeapYear($Now.Year)) { 366 } else { 365 }), february: $([DateTime]::DaysInMonth(2024, 2))"
try { 'abc'.Substring(5) } catch { $_.Exception.Message }
try { [datetime]::DaysInMonth(2024, 13) } catch [System.ArgumentOutOfRangeException] { $_.Exception.InnerException.Message }
"""
    assert out(script) == [
        "days: 365, february: 29",
        'Exception calling "Substring" with "1" argument(s): '
        "\"startIndex cannot be larger than length of string. (Parameter 'startIndex')\"",
        "Month must be between one and twelve. (Parameter 'month')",
    ]


def test_a_key_named_keys_count_or_values_wins_over_the_tables_own_property() -> None:
    script = """
$Tally = @{ keys = 'mine'; count = 7; values = 'v' }
foreach ($Name in 'a', 'b') { $Tally[$Name] = 1 }
$Plain = @{ a = 1 }
if ($Tally.count -gt 1) { $Plain['b'] = 2 }
$Set = @{}
$Set['keys'] = 'set by name'
Write-Output $Tally.keys $Tally.Count $Tally.values $Plain.Count ($Plain.Keys | Sort-Object) $Set.Keys
"""
    assert out(script) == ["mine", "7", "v", "2", "a", "b", "set by name"]


def test_keys_set_by_name_where_the_table_lives_keep_its_keys_known() -> None:
    script = """
$Limits = @{ Voice = 'verse' }
$Limits['region'] = 'eu'
$Limits.TOKENS = 512
$Limits.Count
function Add-Later { $Limits['late'] = $true }
$Limits.Count
Add-Later
$Limits.Count
"""
    python = translate_powershell(script).python
    assert python.splitlines()[5] == "print(len(limits))"
    assert 'ps.member(limits, "Count")' in python  # a function adds keys when it is called, not where written
    assert out(script) == ["3", "3", "4"]


def test_an_exception_thrown_with_an_inner_one_keeps_it_as_its_inner_exception(mock_server: MockServer) -> None:
    script = """
Set-Configuration -AccessToken 'sk-wrong'
try {
    try {
        New-RealtimeSession -RealtimeSessionCreateRequest (Initialize-RealtimeSessionCreateRequest -Model 'gpt-4o-realtime-preview')
    } catch {
        throw [System.InvalidOperationException]::new('mint failed', $_.Exception)
    }
} catch [System.InvalidOperationException] {
    Write-Output $_.Exception.Message ([int]$_.Exception.InnerException.Response.StatusCode)
    Write-Output $_.Exception.InnerException.Message
}
try {
    try { throw 'first' } catch { throw [System.ArgumentNullException]::new('no value', $_.Exception) }
} catch [System.ArgumentException] {
    Write-Output "$($_.Exception.Message) <- $($_.Exception.InnerException.Message)"
}
"""
    assert out(script, mock_server) == [
        "mint failed",
        "401",
        "Response status code does not indicate success: 401 (Unauthorized).",
        "no value <- first",
    ]


def test_a_script_block_default_of_a_function_parameter_is_its_default() -> None:
    script = """
function Show-Team {
    param([string]$Name, [scriptblock]$Format = { param($n) "team $n" })
    & $Format $Name
}
Show-Team 'alpha'
Show-Team 'beta' -Format { param($n) $n.ToUpper() }
"""
    assert out(script) == ["team alpha", "BETA"]


def test_a_script_block_given_to_a_function_that_has_its_variable_warns() -> None:
    script = """
$Tier = 'standard'
function Get-TierLabel { param([scriptblock]$Template) $Tier = 'premium'; & $Template }
function Get-Plain { param([scriptblock]$Template) & $Template }
Get-TierLabel -Template { "tier is $Tier" }
Get-Plain { "tier is $Tier" }
"""
    assert [str(w) for w in translate_powershell(script).warnings] == [
        "line 5: a script block given to a function reads its variables when it runs, from the scope that calls "
        "it: called from Get-TierLabel ($Tier), PowerShell would give it that function's own variable, where this "
        "translation reads the one where the block is written"
    ]


def test_a_string_piped_into_an_array_parameter_is_an_array_of_one() -> None:
    script = """
function Close-Calls {
    [CmdletBinding()]
    param([Parameter(Mandatory, ValueFromPipeline)][string[]]$CallId)
    process { foreach ($Id in $CallId) { "closing $Id ($($CallId.Count))" } }
}
'rtc_a' | Close-Calls
'rtc_b', 'rtc_c' | Close-Calls
"""
    assert out(script) == ["closing rtc_a (1)", "closing rtc_b (1)", "closing rtc_c (1)"]


def test_a_hash_sign_in_a_string_or_opening_a_here_string_line_is_text() -> None:
    script = """
$App = 'kiosk'
$EnvText = @"
# $App settings
KEY=value
  # indented $App
"@
Write-Output $EnvText
"ticket $App #42"
"a # $App b"
"""
    assert out(script) == ["# kiosk settings", "KEY=value", "  # indented kiosk", "ticket kiosk #42", "a # kiosk b"]


def test_a_string_builder_replaces_and_removes_as_dotnets_does() -> None:
    script = """
$Sb = [System.Text.StringBuilder]::new()
[void]$Sb.AppendLine('const a = 1')
[void]$Sb.Append('const b = 2')
$null = $Sb.Replace('const ', 'export const ')
$Sb.ToString()
$Sb.Replace('export ', '').Remove(0, 6).ToString()
try { $Sb.Remove(0, 99) } catch { $_.Exception.Message }
"""
    assert out(script) == [
        "export const a = 1",
        "export const b = 2",
        "a = 1",
        "const b = 2",
        'Exception calling "Remove" with "2" argument(s): '
        "\"Index and length must refer to a location within the string. (Parameter 'length')\"",
    ]


def test_the_note_properties_of_file_cmdlets_output_are_reported() -> None:
    warnings = translate_powershell(
        "Get-Content ./a.txt | ForEach-Object { '{0}: {1}' -f $_.ReadCount, $_ }\n"
    ).warnings
    assert [w.message for w in warnings] == ["unsupported: .ReadCount (a note property PowerShell's file cmdlets add)"]


def test_a_parameter_alias_names_it_in_a_call_and_binds_a_piped_property_of_that_name() -> None:
    script = """
function Invoke-Router {
    [CmdletBinding()]
    param(
        [Parameter(Mandatory, ValueFromPipelineByPropertyName)][Alias('call_id')][string]$CallId,
        [Parameter(ValueFromPipelineByPropertyName)][Alias('status', 'code')][int]$SipStatus
    )
    process { "$CallId -> $SipStatus" }
}
[pscustomobject]@{ call_id = 'rtc_a'; status = 486 } | Invoke-Router
[pscustomobject]@{ CallId = 'rtc_b'; code = '603' } | Invoke-Router
Invoke-Router -call_id 'rtc_c' -status 404
"""
    assert out(script) == ["rtc_a -> 486", "rtc_b -> 603", "rtc_c -> 404"]


def test_a_failed_parameter_check_names_its_parameter() -> None:
    script = """
function Set-Ttl { param([ValidateRange(10, 7200)][int]$Seconds) "ttl $Seconds" }
try { Set-Ttl -Seconds 5 } catch { "bad -$($_.Exception.ParameterName)" }
try { throw 'other' } catch { "[$($_.Exception.ParameterName)]" }
"""
    assert out(script) == ["bad -Seconds", "[]"]


def test_a_product_of_int32s_that_overflows_is_a_double_and_max_of_a_double_is_one() -> None:
    script = """
$PerSecond = 1200
$Seconds = 2592000
$Monthly = $PerSecond * $Seconds
$Big = 2147483647
"$Monthly $($Monthly.GetType().Name) $($Big * $Big)"
$Small = $PerSecond * 2
"$Small $($Small.GetType().Name)"
$Clamped = [math]::Max(10, [math]::Min(7200, 6.0))
"$Clamped $($Clamped.GetType().Name) $([math]::Max(3, 4).GetType().Name)"
"""
    assert out(script) == [
        "3110400000 Double 4.61168601413242E+18",
        "2400 Int32",
        "10 Double Int32",
    ]


def test_decimals_are_reported_not_made_doubles() -> None:
    warnings = translate_powershell("$a = [decimal]2.5\n[decimal]$b = 1\n").warnings
    assert [w.message for w in warnings] == ["unsupported: cast [decimal]", "unsupported: a variable of type [decimal]"]


def test_a_long_stays_an_int64_through_its_arithmetic() -> None:
    script = """
$Over = 25 * 4
$Wide = [long][int]::MaxValue + $Over
$Five = [long]5
"$Wide $($Wide.GetType().Name) $($Five.GetType().Name) $(($Five + 1).GetType().Name) $($Five -is [int])"
[long]3110400000.0 * 4096
"""
    assert out(script) == ["2147483747 Int64 Int64 Int64 False", "12740198400000"]


def test_collections_methods_as_dotnet_has_them() -> None:
    script = """
$Voices = 'ASH', 'Cedar', 'marin'
$Voices.ToLower() -join ','
$List = [System.Collections.Generic.List[string]]::new()
$List.Add('alloy')
$List.Remove('alloy')
$List.Remove('echo')
$Plan = [ordered]@{ b = 2; c = 3 }
$Plan.Insert(0, 'a', 1)
$Plan.RemoveAt(1)
$Plan.Keys -join ','
$Letters = 'a', 'b', 'c', 'd', 'e'
($Letters | Select-Object -SkipLast 2) -join ','
($Letters | Select-Object -Index 3, 0, 3) -join ','
"""
    assert out(script) == ["ash,cedar,marin", "True", "False", "a,c", "a,b,c", "a,d"]


def test_an_ordered_tables_insert_fails_as_the_dotnet_method_does() -> None:
    script = """
$Plan = [ordered]@{ a = 1 }
try { $Plan.Insert(0, 'a', 2) } catch { "key: $($_.Exception.Message)"; "inner: $($_.Exception.InnerException.Message)" }
try { $Plan.Insert(5, 'b', 2) } catch { "index: $($_.Exception.Message)" }
$Plan.Keys -join ','
"""
    assert out(script) == [
        'key: Exception calling "Insert" with "3" argument(s): "An item with the same key has already been added."',
        "inner: An item with the same key has already been added.",
        'index: Exception calling "Insert" with "3" argument(s): "Index was out of range. Must be non-negative and '
        "less than or equal to the size of the collection. (Parameter 'index')\"",
        "a",
    ]


def test_a_list_has_no_length_of_its_own_so_its_items_lengths_are_read() -> None:
    script = """
$List = [System.Collections.Generic.List[string]]::new()
$List.Add('abcd')
$List.Add('xy')
$Array = @('abcd', 'xy')
"$($List.Length) / $($List.Count) / $($Array.Length)"
"""
    assert out(script) == ["4 2 / 2 / 2"]


def test_an_array_of_null_holds_one_null() -> None:
    script = """
function Get-Nothing { }
$Nothing = Get-Nothing
"$(@($null).Count) $(@(Get-Nothing).Count) $(@($Nothing).Count) $(@().Count)"
"""
    assert out(script) == ["1 0 0 0"]


def test_null_piped_is_one_item() -> None:
    assert out('$null | ForEach-Object { "ran [$_]" }\n$null | ConvertTo-Json\n') == ["ran []", "null"]


def test_a_flags_enum_cast_from_text_is_the_enum() -> None:
    script = """
$Options = [System.StringSplitOptions]'RemoveEmptyEntries, TrimEntries'
' a, ,b ,'.Split(',', $Options) -join '|'
"""
    assert out(script) == ["a|b"]


def test_a_switch_given_a_value_is_passed_on_as_its_truth() -> None:
    script = """
param([switch]$Descending)
$n = 0
$flag = 'yes'
(3, 1, 2 | Sort-Object -Descending:$Descending) -join ','
(3, 1, 2 | Sort-Object -Descending:$n) -join ','
(3, 1, 2 | Sort-Object -Descending:$flag) -join ','
"""
    assert out(script) == ["1,2,3", "1,2,3", "3,2,1"]


def test_write_output_no_enumerate_writes_an_array_as_one_object() -> None:
    script = """
function Get-One { param([int]$T) Write-Output -NoEnumerate @($T) }
function Get-Pair { param([int]$T) Write-Output -NoEnumerate @($T, 2) }
$one = Get-One -T 5
$pair = Get-Pair -T 5
"$($one -is [array]) $($one.Count) $($pair.Count)"
(Write-Output -NoEnumerate @(1, 2, 3) | Measure-Object).Count
(Get-Pair -T 1 | Measure-Object).Count
$x = Write-Output -NoEnumerate @(4)
$x -is [array]
"""
    assert out(script) == ["True 1 2", "1", "1", "True"]


def test_return_with_a_unary_comma_after_a_one_line_param_block_returns_the_array() -> None:
    script = """
function Get-Wrapped { param([int]$T) return ,@($T) }
$w = Get-Wrapped -T 5
"$($w -is [array]) $($w.Count) $($w[0])"
"""
    assert out(script) == ["True 1 5"]


def test_value_from_pipeline_beside_mandatory_false_binds_piped_items() -> None:
    script = """
function Show-Voice {
    param(
        [Parameter(Mandatory = $false, ValueFromPipeline)]
        [string]$Voice = 'alloy',
        [Parameter(Position = 0, HelpMessage = 'a, Mandatory')]
        [int]$Cap = 1
    )
    process { "$Voice x$Cap" }
}
'verse', 'ash' | Show-Voice -Cap 2
Show-Voice
"""
    assert out(script) == ["verse x2", "ash x2", "alloy x1"]


def test_convert_from_json_writes_a_top_level_array_item_by_item_unless_no_enumerate() -> None:
    script = """
$one = '[{"name": "night"}]' | ConvertFrom-Json
$none = '[]' | ConvertFrom-Json
$two = '[1, 2]' | ConvertFrom-Json
$kept = '[{"name": "night"}]' | ConvertFrom-Json -NoEnumerate
"$($one.GetType().Name) $($one.name) $($null -eq $none) $($two.Count)"
"$($kept.GetType().Name) $($kept.Count) $($kept[0].name)"
"""
    assert out(script) == ["PSCustomObject night True 2", "Object[] 1 night"]


def test_export_csv_use_quotes_as_needed(tmp_path: Path) -> None:
    path = str(tmp_path / "out.csv").replace("'", "''")
    script = f"""
[pscustomobject]@{{ Team = 'ops'; Lifetime = '5,400 s'; Note = 'say "hi"' }} | Export-Csv -Path '{path}' -UseQuotes AsNeeded
[pscustomobject]@{{ Team = 'web'; Lifetime = '300 s'; Note = '' }} | Export-Csv -Path '{path}' -UseQuotes Never -Append
Get-Content -Path '{path}'
"""
    assert out(script) == ["Team,Lifetime,Note", 'ops,"5,400 s","say ""hi"""', "web,300 s,"]


def test_join_string_joins_items_as_powershell_7_does() -> None:
    script = """
1, $null, 'b' | Join-String -Separator '-'
'a', 'b' | Join-String -SingleQuote -Separator ', ' -OutputPrefix '[' -OutputSuffix ']'
1.5, 2 | Join-String -FormatString '{0:N2}' -Separator ' '
$items = [pscustomobject]@{ N = 'x'; V = 1 }, [pscustomobject]@{ N = 'y'; V = 2 }
$items | Join-String -Property N
$items | Join-String -Property { $_.V * 10 } -Separator '+'
Join-String -InputObject 'p', 'q' -DoubleQuote
$OFS = '/'
'm', 'n' | Join-String
"""
    assert out(script) == ["1-b", "['a', 'b']", "1.50 2.00", "xy", "10+20", '"p""q"', "m/n"]


def test_a_hashtables_void_methods_write_nothing_from_a_function() -> None:
    script = """
function Get-Table { $t = @{}; $t.Add('a', 1); $t.Clear(); $t.Add('c', 3); $t }
function Add-Entry { param($d) $d.Add('z', 9); 'done' }
$r = Get-Table
"$($r.GetType().Name) $($r.Count) $($r['c'])"
$out = @(Add-Entry -d @{})
"$($out.Count) $($out[0])"
"""
    assert out(script) == ["Hashtable 1 3", "1 done"]


def test_a_labelled_jump_out_of_a_switch_inside_an_inner_loop_reaches_its_loop() -> None:
    script = """
:outer foreach ($t in 'a', 'b') {
    foreach ($v in 1, 2, 3) {
        switch ($v) {
            2 { "skip rest of $t"; continue outer }
            3 { 'never' }
            default { "$t$v" }
        }
        "after switch $t$v"
    }
    "end of $t"
}
:rows foreach ($r in 1, 2) { foreach ($c in 1, 2) { switch ($c) { 2 { "stop at $r$c"; break rows } } } }
"done"
"""
    assert out(script) == [
        "a1",
        "after switch a1",
        "skip rest of a",
        "b1",
        "after switch b1",
        "skip rest of b",
        "stop at 12",
        "done",
    ]


def test_error_variable_of_a_path_cmdlet_holds_its_error_records() -> None:
    script = """
function Read-Optional {
    param([string]$Path)
    $text = Get-Content -Path $Path -Raw -ErrorAction SilentlyContinue -ErrorVariable problems
    if ($problems) { "missing: $($problems.Count) $($problems[0].Exception.GetType().Name)" } else { $text }
}
Read-Optional -Path '/nonexistent/psopenapi-file.txt'
$all = Get-Item -Path '/nonexistent/psopenapi-a', '/' -ErrorAction SilentlyContinue -ErrorVariable ev
"items: $(@($all).Count), errors: $($ev.Count)"
Get-Item -Path '/' -ev none | Out-Null
"none: $($none.Count)"
"""
    assert not translate_powershell(script).warnings
    assert out(script) == ["missing: 1 ItemNotFoundException", "items: 1, errors: 1", "none: 0"]


def test_an_array_a_function_writes_as_one_object_stays_one_item_in_at_and_pipelines() -> None:
    script = """
function Get-Whole { return , @('billing', 'sage') }
function Get-Pair { Write-Output -NoEnumerate @(1, 2) }
function Get-Two { 1; 2 }
function Get-None { }
$w = Get-Whole
"$($w.Count) $(@(Get-Whole).Count) $(@(Get-Pair).Count) $(@(Get-Two).Count) $(@(Get-None).Count)"
(Get-Whole | Measure-Object).Count
Get-Whole | ForEach-Object { $_.Length }
"""
    assert out(script) == ["2 1 1 2 0", "1", "2"]


def test_typed_arrays_ordered_dictionaries_and_builders_report_their_dotnet_types() -> None:
    script = """
$v = [string[]]('a', 'b')
$n = [int[]]('1', 2)
"$($v.GetType().FullName) $($n.GetType().FullName) $(@(1, 2).GetType().FullName)"
"$($v -is [string[]]) $(@('a') -is [string[]]) $($v -is [array])"
$o = [ordered]@{ a = 1 }
"$($o -is [hashtable]) $($o -is [System.Collections.IDictionary]) $(@{} -is [hashtable])"
$sb = [System.Text.StringBuilder]::new('abcdef')
$sb.ToString(1, 3)
"""
    assert out(script) == [
        "System.String[] System.Int32[] System.Object[]",
        "True False True",
        "False True True",
        "bcd",
    ]


def test_foreach_method_takes_a_method_name_and_works_inside_a_string() -> None:
    script = """
$a = 1, 2, 3
"x: $($a.ForEach({ $_ * 2 }) -join ',')"
"y: $($a.ForEach('ToString') -join '/')"
('one', 'two').ForEach('ToUpper') -join ','
"""
    assert out(script) == ["x: 2,4,6", "y: 1/2/3", "ONE,TWO"]


def test_queues_stacks_and_hash_sets_work_as_in_dotnet() -> None:
    script = """
$q = [System.Collections.Queue]::new()
foreach ($v in 'coral', 'ash', 'coral') { $q.Enqueue($v) }
"queue: $($q.Count) first $($q.Peek()) type $($q.GetType().FullName)"
$seen = [System.Collections.Generic.HashSet[string]]::new()
$order = while ($q.Count -gt 0) { $v = $q.Dequeue(); if ($seen.Add($v)) { $v } }
"order: $($order -join ','); has ash $($seen.Contains('ash')), ASH $($seen.Contains('ASH'))"
$loose = [System.Collections.Generic.HashSet[string]]::new([System.StringComparer]::OrdinalIgnoreCase)
$loose.UnionWith($seen)
$flags = 'ASH', 'sage' | ForEach-Object { $loose.Add($_) }
"loose: $flags, $($loose.Count), $($loose.GetType().Name)"
$s = [System.Collections.Stack]::new()
$s.Push('a'); $s.Push('b'); $s.Push('c')
"stack: $(@($s) -join '<') pop $($s.Pop()) left $($s.Count)"
try { [System.Collections.Queue]::new().Dequeue() } catch [System.InvalidOperationException] { "empty: $($_.Exception.InnerException.Message)" }
function Fill { $t = [System.Collections.Stack]::new(); $t.Push(1); $t.Push(2); ,$t }
"filled: $((Fill).Count)"
"""
    assert not translate_powershell(script).warnings
    assert out(script) == [
        "queue: 3 first coral type System.Collections.Queue",
        "order: coral,ash; has ash True, ASH False",
        "loose: False True, 3, HashSet`1",
        "stack: c<b<a pop c left 2",
        "empty: Queue empty.",
        "filled: 2",
    ]


def test_a_method_named_in_foreach_that_fails_stops_the_script() -> None:
    script = """
$queues = , [System.Collections.Queue]::new()
$got = try { $queues.ForEach('Dequeue'); 'went on' } catch { "stopped: $($_.Exception.Message -like '*Queue empty.*')" }
$got
"none: $(@('a').ForEach('NoSuchMethod').Count)"
"""
    assert out(script) == ["stopped: True", "none: 0"]


def test_a_delimiter_of_more_than_one_character_fails_to_bind_as_in_powershell() -> None:
    script = """
$mark = '::'
try { 'a::1' | ConvertFrom-StringData -Delimiter $mark } catch { "data: $($_.Exception.Message)" }
try { 'a::b' | ConvertFrom-Csv -Delimiter $mark } catch { "csv: $($_.Exception.Message)" }
try { 'a::1' | ConvertFrom-StringData -Delimiter $mark } catch { "binding: $($_.Exception.ParameterName)" }
"""
    why = 'Cannot convert value "::" to type "System.Char". Error: "String must be exactly one character long."'
    assert out(script) == [
        f"data: Cannot bind parameter 'Delimiter'. {why}",
        f"csv: Cannot bind parameter 'Delimiter'. {why}",
        "binding: Delimiter",
    ]


def test_a_hash_sets_set_operations_change_it_in_place() -> None:
    script = """
$a = [System.Collections.Generic.HashSet[string]]::new()
'x', 'y', 'z' | ForEach-Object { [void]$a.Add($_) }
$a.SymmetricExceptWith([string[]]('y', 'w', 'w'))
"sym: $(@($a) -join ',')"
$a.IntersectWith([string[]]('x', 'w'))
"both: $(@($a) -join ',')"
$a.ExceptWith([string[]]('x'))
"left: $(@($a) -join ',')"
$a.Add('v') | Out-Null
"reused: $(@($a) -join ',')"
"""
    assert not translate_powershell(script).warnings
    # .NET reuses the slot freed last (x's): v is enumerated before w.
    assert out(script) == ["sym: x,z,w", "both: x,w", "left: w", "reused: v,w"]


def test_generic_collections_name_their_element_type_as_dotnet_does() -> None:
    script = """
[System.Collections.Generic.HashSet[string]]::new().GetType().FullName
[System.Collections.Generic.Queue[datetime]]::new().GetType().FullName
[System.Collections.Generic.Stack[System.Int64]]::new().GetType().FullName
"""
    corelib = "System.Private.CoreLib, Version=8.0.0.0, Culture=neutral, PublicKeyToken=7cec85d7bea7798e"
    assert out(script) == [
        f"System.Collections.Generic.HashSet`1[[System.String, {corelib}]]",
        f"System.Collections.Generic.Queue`1[[System.DateTime, {corelib}]]",
        f"System.Collections.Generic.Stack`1[[System.Int64, {corelib}]]",
    ]


def test_convert_from_string_data_reads_name_value_lines() -> None:
    script = """
$text = @'
# voice settings
model = gpt-realtime
voice=verse

greeting = Hello\\tthere
'@
$s = $text | ConvertFrom-StringData
"$($s.Count) $($s.model) $($s['voice']) [$($s.greeting)]"
$pairs = 'a:1', 'b:2' | ConvertFrom-StringData -Delimiter ':'
"$($pairs.Count) $($pairs[1].b)"
try { 'no delimiter' | ConvertFrom-StringData } catch { "error: $($_.Exception.Message)" }
"""
    assert out(script) == [
        "3 gpt-realtime verse [Hello\tthere]",
        "2 2",
        "error: Data line 'no delimiter' is not in 'name=value' format.",
    ]
