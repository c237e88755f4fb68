"""Invoke-RestMethod and Invoke-WebRequest in translated scripts: what goes on the wire and what the script
reads back, over a real loopback server, as PowerShell 7 sends and reads it."""

from __future__ import annotations

import contextlib
import io
from typing import Any

import pytest
from recording_server import RecordingServer, Reply

from psopenapi_py import pscompat, translate_powershell
from psopenapi_py.mock_server import MockServer

BASE = "$Base = $env:PSO_TEST_BASE\n"


@pytest.fixture
def base(server: RecordingServer, monkeypatch: pytest.MonkeyPatch) -> RecordingServer:
    monkeypatch.setenv("PSO_TEST_BASE", server.url)
    return server


def printed(ps: str) -> list[str]:
    """Translate (no warning allowed), run in this process, and return the lines written to stdout."""
    result = translate_powershell(ps)
    assert result.warnings == (), [str(w) for w in result.warnings]
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        exec(compile(result.python, "<translated>", "exec"), {"__name__": "__main__"})
    return out.getvalue().splitlines()


def sent(server: RecordingServer) -> list[tuple[str, str, str | None, bytes]]:
    return [(r.method, r.path, r.headers.get("Content-Type"), r.body) for r in server.requests]


def test_a_get_with_headers_and_a_table_body_sends_a_query_and_reads_json_as_objects(base: RecordingServer) -> None:
    base.replies = [Reply(200, {"data": [{"id": "m1", "owned_by": "ops"}, {"id": "m2"}]})]
    ps = BASE + (
        '$Models = Invoke-RestMethod -Uri "$Base/models" -Headers @{ Authorization = "Bearer sk-test" } '
        "-Body @{ limit = 2; q = 'a b' }\n"
        'Write-Output "first: $($Models.data[0].ID), owner: $($Models.Data[0].owned_by), count: $($Models.data.Count)"\n'
    )
    assert printed(ps) == ["first: m1, owner: ops, count: 2"]
    assert sent(base) == [("GET", "/v1/models?limit=2&q=a+b", None, b"")]
    assert base.requests[0].headers["Authorization"] == "Bearer sk-test"
    assert base.requests[0].headers["User-Agent"].startswith("psopenapi_py/")


def test_post_bodies_are_sent_as_powershell_sends_them(base: RecordingServer) -> None:
    base.replies = [Reply(201, {"id": "it_1"}), Reply(200, {"ok": True}), Reply(200, {"ok": True})]
    ps = BASE + (
        "$Made = Invoke-RestMethod -Uri \"$Base/items\" -Method Post -ContentType 'application/json' "
        "-Body (@{ name = 'x' } | ConvertTo-Json -Compress)\n"
        "$null = irm \"$Base/form\" -Method POST -Body @{ who = 'ops team'; n = 3 }\n"
        "$null = Invoke-RestMethod \"$Base/note\" -Method Put -Body 'café'\n"
        'Write-Output "made: $($Made.id)"\n'
    )
    assert printed(ps) == ["made: it_1"]
    assert sent(base) == [
        ("POST", "/v1/items", "application/json", b'{"name":"x"}'),
        ("POST", "/v1/form", "application/x-www-form-urlencoded", b"who=ops+team&n=3"),
        ("PUT", "/v1/note", None, "café".encode()),
    ]


def test_a_json_array_answer_is_one_object_down_the_pipeline_and_items_in_parentheses(base: RecordingServer) -> None:
    base.default = Reply(200, [{"a": 1}, {"a": 2}])
    ps = BASE + (
        '$List = Invoke-RestMethod "$Base/list"\n'
        "Write-Output ($List -is [array]) $List.Count\n"
        'Invoke-RestMethod "$Base/list" | ForEach-Object { "piped: $($_.Count) item(s)" }\n'
        '(Invoke-RestMethod "$Base/list") | ForEach-Object { "item a=$($_.a)" }\n'
    )
    assert printed(ps) == ["True", "2", "piped: 2 item(s)", "item a=1", "item a=2"]


def test_a_table_splatted_into_invoke_rest_method_is_matched_at_run_time(base: RecordingServer) -> None:
    base.replies = [Reply(400, {"error": {"message": "bad"}}), Reply(200, {"ok": True})]
    ps = BASE + (
        "function Send-Attempt {\n"
        "    param([hashtable]$Params)\n"
        "    try { $null = Invoke-RestMethod -Method Post -Uri \"$Base/secrets\" @Params; 'ok' } catch { 'refused' }\n"
        "}\n"
        "Send-Attempt -Params @{ ContentType = 'application/json'; Body = @{ session = @{ a = 1 } } }\n"
        "Send-Attempt -Params @{ contenttype = 'application/json'; body = '{\"session\": {}}' }\n"
    )
    assert printed(ps) == ["refused", "ok"]
    # A table body is form-encoded whatever -ContentType says, as PowerShell sends it.
    assert sent(base) == [
        ("POST", "/v1/secrets", "application/json", b"session=System.Collections.Hashtable"),
        ("POST", "/v1/secrets", "application/json", b'{"session": {}}'),
    ]


def test_status_code_and_response_headers_variables_are_set_after_the_call(base: RecordingServer) -> None:
    base.replies = [
        Reply(400, {"error": {"code": "invalid_value"}}, {"X-Trace": "t-1"}),
        Reply(201, {"ok": True}, {"X-Trace": "t-2"}),
    ]
    ps = BASE + (
        "foreach ($Path in @('bad', 'good')) {\n"
        "    $Answer = Invoke-RestMethod \"$Base/$Path\" -SkipHttpErrorCheck -StatusCodeVariable 'Status' "
        "-ResponseHeadersVariable 'Headers'\n"
        "    Write-Output \"$Path $Status $($Headers['X-Trace'])\"\n"
        "}\n"
    )
    assert printed(ps) == ["bad 400 t-1", "good 201 t-2"]


def test_answers_that_are_not_json_are_text_and_json_text_is_parsed_whatever_its_type(base: RecordingServer) -> None:
    base.replies = [
        Reply(200, "hello there", {"Content-Type": "text/plain; charset=utf-8"}),
        Reply(200, "42", {"Content-Type": "text/plain"}),
        Reply(204, ""),
    ]
    ps = BASE + (
        '$Text = Invoke-RestMethod "$Base/text"\n'
        '$Number = Invoke-RestMethod "$Base/number"\n'
        '$Nothing = Invoke-RestMethod "$Base/empty" -Method Delete\n'
        'Write-Output "text: $Text" ($Number + 1) ($null -eq $Nothing)\n'
    )
    assert printed(ps) == ["text: hello there", "43", "True"]


def test_an_error_answer_reads_as_powershells_http_error(base: RecordingServer) -> None:
    base.replies = [Reply(404, {"error": {"message": "nope"}}), Reply(404, {"error": {"message": "nope"}})]
    ps = BASE + (
        "try {\n"
        '    Invoke-RestMethod "$Base/missing"\n'
        "} catch {\n"
        "    Write-Output ([int]$_.Exception.Response.StatusCode) $_.Exception.Response.StatusCode\n"
        "    Write-Output $_.Exception.Message $_.ErrorDetails.Message\n"
        "}\n"
        '$Body = Invoke-RestMethod "$Base/missing" -SkipHttpErrorCheck\n'
        'Write-Output "kept: $($Body.error.message)"\n'
    )
    assert printed(ps) == [
        "404",
        "NotFound",
        "Response status code does not indicate success: 404 (Not Found).",
        '{"error": {"message": "nope"}}',
        "kept: nope",
    ]


def test_invoke_web_request_gives_the_status_content_and_headers(base: RecordingServer) -> None:
    base.replies = [Reply(200, "ready", {"Content-Type": "text/plain; charset=utf-8"})]
    ps = BASE + (
        '$Page = Invoke-WebRequest -Uri "$Base/health" -UseBasicParsing\n'
        "Write-Output $Page.StatusCode $Page.StatusDescription $Page.Content $Page.Headers['content-type'] \"$Page\"\n"
    )
    assert printed(ps) == ["200", "OK", "ready", "text/plain; charset=utf-8", "ready"]


def test_writing_invoke_web_requests_answer_itself_is_an_error_not_a_different_view(base: RecordingServer) -> None:
    with pytest.raises(pscompat.ScriptError, match="Writing Invoke-WebRequest's answer itself is not translated"):
        printed(BASE + 'Invoke-WebRequest -Uri "$Base/health"\n')


def test_the_api_can_be_called_directly_with_invoke_rest_method(mock_server: MockServer, monkeypatch: Any) -> None:
    monkeypatch.setenv("OPENAI_BASE_URL", mock_server.url)
    monkeypatch.setenv("OPENAI_API_KEY", "sk-example")
    ps = (
        "$Body = @{ session = @{ type = 'realtime'; model = 'gpt-realtime' } } | ConvertTo-Json -Depth 5 -Compress\n"
        '$Secret = Invoke-RestMethod -Uri "$env:OPENAI_BASE_URL/realtime/client_secrets" -Method Post '
        '-Headers @{ Authorization = "Bearer $env:OPENAI_API_KEY" } -ContentType "application/json" -Body $Body\n'
        "Write-Output $Secret.value.StartsWith('ek_') $Secret.session.model\n"
    )
    assert printed(ps) == ["True", "gpt-realtime"]
    assert [r.body for r in mock_server.requests] == [{"session": {"type": "realtime", "model": "gpt-realtime"}}]


@pytest.mark.parametrize(
    ("call", "message"),
    [
        ("Invoke-RestMethod -Uri http://x -OutFile a.json", "unsupported: Invoke-RestMethod -OutFile"),
        ("Invoke-WebRequest http://x -WebSession $null", "unsupported: Invoke-WebRequest -WebSession"),
        ("if ((irm http://x -StatusCodeVariable code)) { }", "unsupported: -StatusCodeVariable inside if_statement"),
        ("irm http://x -ErrorAction SilentlyContinue", "unsupported: Invoke-RestMethod -ErrorAction SilentlyContinue"),
    ],
)
def test_what_the_web_cmdlets_do_that_a_translation_does_not_is_reported(call: str, message: str) -> None:
    assert [w.message for w in translate_powershell(call + "\n").warnings] == [message]


def test_a_bad_method_is_named_with_the_methods_allowed() -> None:
    with pytest.raises(pscompat.ScriptError) as caught:
        pscompat.invoke_rest_method("http://127.0.0.1:9/", method="Fetch")
    assert str(caught.value).startswith(
        "Cannot bind parameter 'Method'. Cannot convert value \"Fetch\" to type "
        '"Microsoft.PowerShell.Commands.WebRequestMethod".'
    )
