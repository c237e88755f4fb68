"""What the commands print: the response JSON, the ephemeral key alone, or the key as variable assignments
for a shell (``env``), a dotenv file (``dotenv``) or PowerShell (``pwsh``)."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from ._parser import EXIT_API_ERROR, CliError

if TYPE_CHECKING:
    import argparse

#: Returns ``(ephemeral key, expires_at)`` from a response model.
KeyOf = Callable[[Any], "tuple[str, int | None]"]


def print_minted_key(args: argparse.Namespace, result: Any, key_of: KeyOf) -> None:
    """Print an API result as --output and --with-http-info ask: the JSON, the key alone, or variable assignments.

    ``result`` is what the API function returned (a model, or an ApiResponse with ``--with-http-info``);
    ``key_of`` returns ``(ephemeral key, expires_at)`` from the model. Nothing is printed unless the
    whole output can be: a failure leaves stdout empty.
    """
    response, http_info = split_http_info(result)
    if args.output == "json":
        body = as_sent(response.to_dict())
        print_json({**http_info, "response": body} if http_info is not None else body)
        return
    key, expires_at = key_of(response)
    if args.output == "token":
        text = key + "\n"
    else:
        expiry = "" if expires_at is None else str(int(expires_at))
        text = "".join(
            ASSIGNMENTS[args.output](name, value)
            for name, value in (("OPENAI_EPHEMERAL_KEY", key), ("OPENAI_EPHEMERAL_KEY_EXPIRES_AT", expiry))
        )
    if http_info is not None:
        print(json.dumps(http_info, ensure_ascii=False), file=sys.stderr)
    sys.stdout.write(text)


def _export(name: str, value: str) -> str:
    """``export NAME='value'`` for sh/bash/zsh: single-quoted, so ``eval`` runs nothing in it."""
    import shlex

    return f"export {name}={shlex.quote(value)}\n"


def _dotenv(name: str, value: str) -> str:
    """``NAME='value'`` for a .env file: single quotes, which python-dotenv, docker compose and node's
    dotenv all read literally (no ``$`` expansion), and which ``set -a; . FILE`` reads the same way."""
    # Inside single quotes python-dotenv still unescapes \\ and \', and the others do not: a value
    # with either has no spelling all of them read the same.
    if "'" in value or "\\" in value:
        raise CliError(
            f"--output dotenv: the answer's {name} contains a quote or a backslash, which a .env file "
            "cannot hold unchanged for every reader; use --output env or json.",
            EXIT_API_ERROR,
        )
    return f"{name}='{value}'\n"


def _pwsh(name: str, value: str) -> str:
    """``$env:NAME = 'value'`` for PowerShell: single-quoted (no expansion), each single quote doubled
    (PowerShell takes the typographic quotes as single quotes too)."""
    quoted = "".join(ch * 2 if ch in "'\u2018\u2019\u201a\u201b" else ch for ch in value)
    return f"$env:{name} = '{quoted}'\n"


#: ``--output`` modes that print the key as variable assignments, and how each writes one.
ASSIGNMENTS: dict[str, Callable[[str, str], str]] = {"env": _export, "dotenv": _dotenv, "pwsh": _pwsh}


def split_http_info(result: Any) -> tuple[Any, dict[str, Any] | None]:
    """``(response, {"status_code", "headers"})`` from an ApiResponse, or ``(result, None)`` from a bare result."""
    from ..realtime_api import ApiResponse

    if isinstance(result, ApiResponse):
        return result.response, {"status_code": result.status_code, "headers": dict(result.headers)}
    return result, None


def print_json(document: Any) -> None:
    """Print a JSON document indented, non-ASCII characters as they are."""
    print(json.dumps(document, indent=2, ensure_ascii=False))


def as_sent(answer: dict[str, Any]) -> dict[str, Any]:
    """A response dict with ``id``, ``object`` and ``model`` first, where OpenAI's answers have them
    (the model keeps these undeclared keys last)."""
    ordered: dict[str, Any] = {k: answer[k] for k in ("id", "object", "model") if k in answer}
    ordered.update((k, v) for k, v in answer.items() if k not in ordered)
    return ordered
