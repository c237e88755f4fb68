"""What the commands print: the response JSON, the ephemeral key alone, or eval-safe env lines."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import argparse

#: Returns ``(ephemeral key, expires_at)`` from a response model.
KeyOf = Callable[[Any], "tuple[str, int | None]"]


def print_minted_key(args: argparse.Namespace, result: Any, key_of: KeyOf) -> None:
    """Print an API result as --output and --with-http-info ask: the JSON, the key alone, or eval-safe env lines.

    ``result`` is what the API function returned (a model, or an ApiResponse with ``--with-http-info``);
    ``key_of`` returns ``(ephemeral key, expires_at)`` from the model.
    """
    import shlex

    response, http_info = split_http_info(result)
    if args.output == "json":
        body = as_sent(response.to_dict())
        print_json({**http_info, "response": body} if http_info is not None else body)
        return
    if http_info is not None:
        print(json.dumps(http_info, ensure_ascii=False), file=sys.stderr)
    key, expires_at = key_of(response)
    if args.output == "token":
        print(key)
    else:
        print(f"OPENAI_EPHEMERAL_KEY={shlex.quote(key)}")
        print(f"OPENAI_EPHEMERAL_KEY_EXPIRES_AT={'' if expires_at is None else int(expires_at)}")


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
