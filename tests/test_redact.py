"""Every redaction rule of psopenapi_py._redact, one table: what goes in, what must come out."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from psopenapi_py import _redact

KEY = "sk-proj-AbC123xyz456DEF789"  # shaped like a real key
ODD_KEY = "Zq81mPw4Lx7R"  # a real length, not shaped like an OpenAI key: found only because it is known

MCP_TOOL = {"type": "mcp", "server_label": "crm", "authorization": "oauth-tok", "headers": {"X-Key": "k1"}}
MCP_SHOWN = {"type": "mcp", "server_label": "crm", "authorization": "<redacted>", "headers": {"X-Key": "<redacted>"}}

CASES: list[tuple[str, Callable[[], Any], Any]] = [
    ("marker", lambda: _redact.MARKER, "<redacted>"),
    # Header names
    ("header Authorization is secret", lambda: _redact.is_secret_header("Authorization"), True),
    ("header x-api-key is secret", lambda: _redact.is_secret_header("x-api-key"), True),
    ("custom credential header is secret", lambda: _redact.is_secret_header("X-Tenant-Token"), True),
    ("header Content-Type is not secret", lambda: _redact.is_secret_header("Content-Type"), False),
    ("header OpenAI-Project is not secret", lambda: _redact.is_secret_header("OpenAI-Project"), False),
    # Header values
    ("bearer keeps its scheme", lambda: _redact.header_value("Authorization", f"Bearer {KEY}"), "Bearer <redacted>"),
    (
        "proxy-authorization keeps its scheme",
        lambda: _redact.header_value("Proxy-Authorization", "Basic dXM6cHc="),
        "Basic <redacted>",
    ),
    ("a bare authorization value is all hidden", lambda: _redact.header_value("Authorization", KEY), "<redacted>"),
    ("api-key header hidden whole", lambda: _redact.header_value("api-key", "Bearer x y"), "<redacted>"),
    ("cookie hidden", lambda: _redact.header_value("Cookie", "sid=1; a=2"), "<redacted>"),
    ("plain header kept", lambda: _redact.header_value("X-Trace", "abc def"), "abc def"),
    (
        "headers as a mapping",
        lambda: _redact.headers({"Authorization": f"Bearer {KEY}", "X-Session-Token": "t", "Accept": "a/b"}),
        {"Authorization": "Bearer <redacted>", "X-Session-Token": "<redacted>", "Accept": "a/b"},
    ),
    (
        "headers as pairs",
        lambda: _redact.headers([("Cookie", "c"), ("Host", "h")]),
        {"Cookie": "<redacted>", "Host": "h"},
    ),
    (
        "secrets of headers: the value and the bearer token",
        lambda: _redact.secrets_of_headers({"Authorization": f"Bearer {KEY}", "Accept": "x", "X-Api-Key": ""}),
        [f"Bearer {KEY}", KEY],
    ),
    # URLs
    (
        "url without secrets unchanged",
        lambda: _redact.url("https://api.example/v1?a=1&b"),
        "https://api.example/v1?a=1&b",
    ),
    ("url password", lambda: _redact.url("https://user:pw@host:8080/v1"), "https://user:<redacted>@host:8080/v1"),
    ("url lone token as user", lambda: _redact.url(f"https://{KEY}@host/v1"), "https://<redacted>@host/v1"),
    (
        "url query key",
        lambda: _redact.url(f"http://127.0.0.1:9/v1/x?api_key={KEY}&model=m&access_token=t"),
        "http://127.0.0.1:9/v1/x?api_key=<redacted>&model=m&access_token=<redacted>",
    ),
    ("path with query key", lambda: _redact.url(f"/v1/x?key={KEY}"), "/v1/x?key=<redacted>"),
    ("unparsable url with user-info", lambda: _redact.url("http://u:p@[::1/x"), "http://<redacted>@[::1/x"),
    # Free text
    (
        "known key in a message",
        lambda: _redact.text(f"Incorrect API key provided: {KEY}.", [KEY]),
        "Incorrect API key provided: <redacted>.",
    ),
    ("unknown key-shaped token", lambda: _redact.text("Or sk-abcd****wxyz."), "Or <redacted>."),
    ("ephemeral key shape", lambda: _redact.text("got ek_68af2e01b3c4"), "got <redacted>"),
    (
        "webhook secret shape",
        lambda: _redact.text("secret 'whsec_c2VydmUtdGVzdA==' refused"),
        "secret '<redacted>' refused",
    ),
    ("whsec_ as a word is no secret", lambda: _redact.text("whsec_ prefix"), "whsec_ prefix"),
    (
        "key shapes can be left alone",
        lambda: _redact.text("Or sk-abcd****wxyz.", key_shaped=False),
        "Or sk-abcd****wxyz.",
    ),
    ("known odd key", lambda: _redact.text(f"key {ODD_KEY} refused", [ODD_KEY]), "key <redacted> refused"),
    (
        "longest secret first",
        lambda: _redact.text(f"Bearer {KEY} and {KEY}", [KEY, f"Bearer {KEY}"]),
        "<redacted> and <redacted>",
    ),
    # Case 8: a short key neither corrupts a message nor points at itself.
    ("short key: word untouched", lambda: _redact.text("(401) Unauthorized: no", ["e"]), "(401) Unauthorized: no"),
    ("short key: even alone", lambda: _redact.text("the key the server saw", ["the"]), "the key the server saw"),
    (
        "key inside a longer word is not it",
        lambda: _redact.text(f"x{ODD_KEY}y {ODD_KEY}", [ODD_KEY]),
        f"x{ODD_KEY}y <redacted>",
    ),
    ("None and empty secrets ignored", lambda: _redact.text("a b", [None, ""]), "a b"),
    (
        "words like task-1234 are no key",
        lambda: _redact.text("task-1234 desk_lamp week_12345"),
        "task-1234 desk_lamp week_12345",
    ),
    # JSON by field metadata
    ("mcp tool credentials", lambda: _redact.json_value({"tools": [MCP_TOOL]}), {"tools": [MCP_SHOWN]}),
    (
        "mcp tool under session",
        lambda: _redact.json_value({"session": {"tools": [MCP_TOOL]}}),
        {"session": {"tools": [MCP_SHOWN]}},
    ),
    ("mcp tool alone", lambda: _redact.json_value(MCP_TOOL), MCP_SHOWN),
    (
        "a function tool's authorization property is not a credential",
        lambda: _redact.json_value({"type": "function", "authorization": "x"}),
        {"type": "function", "authorization": "x"},
    ),
    ("non-JSON values pass", lambda: _redact.json_value(3), 3),
    (
        "secret field names",
        lambda: [_redact.is_secret_field(k) for k in ("value", "Client_Secret", "model", 0)],
        [True, True, False, False],
    ),
    (
        "repr of free-form JSON",
        lambda: _redact.json_repr({"extra": {"value": KEY, "n": [1, {"token": "t"}]}, 0: "zero"}),
        "{'extra': {'value': <redacted>, 'n': [1, {'token': <redacted>}]}, 0: 'zero'}",
    ),
]


@pytest.mark.parametrize(("rule", "run", "expected"), CASES, ids=[case[0] for case in CASES])
def test_redaction_rule(rule: str, run: Callable[[], Any], expected: Any) -> None:
    """Each rule of the one redaction module gives exactly the expected output."""
    assert run() == expected


def test_input_is_not_changed_in_place() -> None:
    """json_value returns a copy: the body that is sent keeps its credentials."""
    body = {"tools": [dict(MCP_TOOL, headers=dict(MCP_TOOL["headers"]))]}
    _redact.json_value(body)
    assert body["tools"][0]["authorization"] == "oauth-tok"
    assert body["tools"][0]["headers"] == {"X-Key": "k1"}


def test_min_secret_length_is_the_documented_cut() -> None:
    """Known secrets are searched from MIN_SECRET_LENGTH characters: 7 are left, 8 are hidden."""
    assert _redact.MIN_SECRET_LENGTH == 8
    assert _redact.text("a Zq81mPw b", ["Zq81mPw"]) == "a Zq81mPw b"
    assert _redact.text("a Zq81mPw4 b", ["Zq81mPw4"]) == "a <redacted> b"


def test_a_short_key_leaves_the_401_message_whole_over_a_real_socket(capsys: pytest.CaptureFixture[str]) -> None:
    """Case 8: with the key `e`, the 401 message and the CLI line keep every `e`; a real key is still hidden."""
    from psopenapi_py import Configuration, UnauthorizedException, new_realtime_client_secret
    from psopenapi_py.cli import main
    from psopenapi_py.mock_server import MockServer

    expected = (
        "(401) Unauthorized: Incorrect API key provided. You can find your API key at "
        "https://platform.openai.com/account/api-keys."
    )
    with MockServer(api_key="sk-the-right-one-0000") as server:
        for key in ("e", KEY):
            configuration = Configuration(base_url=server.url, access_token=key, maximum_retry_count=0)
            with pytest.raises(UnauthorizedException) as info:
                new_realtime_client_secret({}, configuration=configuration)
            configuration.close()
            assert str(info.value) == expected
        code = main(["new-realtime-client-secret", "--base-url", server.url, "--api-key", "e", "--output", "json"])
    assert code == 4
    err = capsys.readouterr().err
    assert err.startswith(f"psopenapi new-realtime-client-secret: error: {expected} [request id ")
    assert "<redacted>" not in err
