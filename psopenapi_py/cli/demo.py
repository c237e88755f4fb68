"""``psopenapi demo``: the documentation example against a private mock server, with what went over the wire."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

from .._runtime import REDACTED
from ._output import as_sent, json_text
from ._parser import EXIT_API_ERROR, EXIT_BAD_INPUT, EXIT_INTERRUPTED, EXIT_OK, subcommand

if TYPE_CHECKING:
    import argparse

#: The key ``psopenapi demo`` uses against its own mock server; never a real key.
DEMO_API_KEY = "sk-demo"
#: The documentation example the demo runs (a character-identical copy of docs/RealtimeApi.md's).
DEMO_EXAMPLE_MODULE = "psopenapi_py.examples.seed_doc_example"

#: What demo can exit with.
EXIT_CODES = (EXIT_OK, EXIT_BAD_INPUT, EXIT_API_ERROR, EXIT_INTERRUPTED)


def add(sub: Any) -> None:
    """Add `demo`."""
    parser = subcommand(
        sub,
        "demo",
        help="run the documentation example against a built-in mock server (offline, no account)",
        description="Start a mock server on a free loopback port, run the example of docs/RealtimeApi.md "
        "against it, and print the request it sent and the session it got back; then mint a key the GA way "
        "(new_realtime_client_secret, OpenAI's own example request) and print that exchange too.",
        exit_codes=EXIT_CODES,
        exit_notes={EXIT_API_ERROR: "the example's call failed (see the output above)"},
    )
    parser.set_defaults(func=run)


@contextmanager
def _environment(**values: str) -> Iterator[None]:
    """Set environment variables for a block; afterwards each is as it was (set to its old value, or unset)."""
    saved = {name: os.environ.get(name) for name in values}
    os.environ.update(values)
    try:
        yield
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


def run(args: argparse.Namespace) -> int:
    """Run the seed documentation example against a private mock server and show what went over the wire."""
    import runpy

    from ..configuration import using_configuration
    from ..mock_server import MockServer

    with MockServer(api_key=DEMO_API_KEY) as server:
        print(f"Mock server: {server.url} (offline; demo key {DEMO_API_KEY})")
        print(f"Running the example of docs/RealtimeApi.md ({DEMO_EXAMPLE_MODULE})...")
        # The example uses the module-wide configuration and the environment: a fresh configuration
        # keeps anything set earlier in this process (a real key, another base URL) out of the demo.
        with _environment(OPENAI_BASE_URL=server.url, OPENAI_API_KEY=DEMO_API_KEY), using_configuration():
            namespace = runpy.run_module(DEMO_EXAMPLE_MODULE, run_name="__main__")
            ga_answer = _demo_ga_key(server.url)
        sent = [r for r in server.requests if r.method == "POST" and r.path != "/v1/realtime/client_secrets"]
        ga_sent = [r for r in server.requests if r.path == "/v1/realtime/client_secrets"]
    if sent:
        request = sent[-1]
        print(f"\nRequest sent: {request.method} {request.path}")
        for name in ("Authorization", "Content-Type", "Accept"):
            if name in request.headers:
                print(f"{name}: {request.headers[name]}")
        print(json_text(request.body, indent=2))
    result = namespace.get("result")
    if result is None:
        print("\nNo session: the example's call failed (see above).")
        return EXIT_API_ERROR
    session = as_sent(result.to_dict())
    if isinstance(session.get("client_secret"), dict) and session["client_secret"].get("value"):
        session["client_secret"]["value"] = REDACTED
    print(f"\nSession received: HTTP {sent[-1].status if sent else 200}")
    print(json_text(session, indent=2))
    print("\n(The ephemeral key is redacted above; in your code it is result.client_secret.value.)")
    if ga_sent:
        print(f"\nGA request sent: POST {ga_sent[-1].path} (new_realtime_client_secret, the API in use today)")
        print(json_text(ga_sent[-1].body, indent=2))
        answer = ga_answer.to_dict()
        answer["value"] = REDACTED
        print(f"\nGA client secret received: HTTP {ga_sent[-1].status}")
        print(json_text(answer, indent=2))
        print("\n(The ephemeral key is redacted above; in your code it is result.value.)")
    return EXIT_OK


def _demo_ga_key(base_url: str) -> Any:
    """Mint a key the GA way (OpenAI's own example request) against the demo's mock server."""
    from ..configuration import Configuration
    from ..models.realtime_client_secrets import RealtimeCreateClientSecretRequest
    from ..realtime_api import new_realtime_client_secret

    request = RealtimeCreateClientSecretRequest.from_dict(
        {
            "expires_after": {"anchor": "created_at", "seconds": 600},
            "session": {"type": "realtime", "model": "gpt-realtime", "instructions": "You are a friendly assistant."},
        }
    )
    configuration = Configuration(base_url=base_url, access_token=DEMO_API_KEY)
    try:
        return new_realtime_client_secret(request, configuration=configuration)
    finally:
        configuration.close()
