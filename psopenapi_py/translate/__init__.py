"""Translate PowerShell scripts that use the PSOpenAPITools module into Python that uses psopenapi_py.

``translate_powershell(source)`` parses the script with tree-sitter-powershell (imported on first use,
so ``import psopenapi_py`` stays light) and returns a :class:`Translation`: the Python text and the
warnings, one per construct that was kept as an ``# untranslated (line N): ...`` comment or translated
with a caveat. See docs/translate.md for what is and is not translated.
"""

from __future__ import annotations

import attrs

from ..exceptions import invalid_type

__all__ = ["Translation", "TranslationWarning", "translate_powershell"]


@attrs.frozen
class TranslationWarning:
    """One thing the translator did not translate as written: its source line and what it was."""

    line: int
    message: str

    def __str__(self) -> str:
        return f"line {self.line}: {self.message}"


@attrs.frozen
class Translation:
    """The result of :func:`translate_powershell`: the Python source and the warnings (empty when all translated)."""

    python: str
    warnings: tuple[TranslationWarning, ...] = ()


def translate_powershell(source: str | bytes) -> Translation:
    """Translate a PowerShell script that uses the PSOpenAPITools module into runnable Python.

    Args:
        source: the script text (``bytes`` are read as UTF-8, a byte-order mark is dropped).

    Returns:
        A :class:`Translation`; each construct that is not translated is kept in ``python`` as an
        ``# untranslated (line N): ...`` comment and reported in ``warnings`` with its line number.

    Raises:
        ApiTypeError: ``source`` is not a str or bytes.
        ImportError: tree-sitter or tree-sitter-powershell is not installed
            (``pip install 'psopenapi_py[translate]'``).
    """
    if isinstance(source, str):
        data = source.encode("utf-8")
    elif isinstance(source, (bytes, bytearray)):
        data = bytes(source)
    else:
        raise invalid_type("source", source, "a str or bytes", show_value=False)
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    from ._walker import translate

    python, warnings = translate(data)
    return Translation(python, tuple(TranslationWarning(line, message) for line, message in warnings))
