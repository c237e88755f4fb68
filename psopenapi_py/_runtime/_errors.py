"""The input errors the runtime raises, worded once."""

from __future__ import annotations

from typing import Any

from ..exceptions import ApiTypeError, ApiValueError


def _type_error(name: str, expected: str, value: Any) -> ApiTypeError:
    msg = f"Invalid type for '{name}': expected {expected}, got {type(value).__name__} {_short_repr(value)}."
    return ApiTypeError(msg, parameter=name, value=value, expected=expected)


def _value_error(name: str, value: Any, allowed: str) -> ApiValueError:
    msg = f"Invalid value for '{name}': {_short_repr(value)}. {allowed}"
    return ApiValueError(msg, parameter=name, value=value, expected=allowed)


def _short_repr(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 200 else text[:197] + "..."
