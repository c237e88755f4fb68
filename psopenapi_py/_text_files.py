"""Text files as Windows and Unix tools write them: the one decoding every file option and file setting uses.

Windows PowerShell writes text files as UTF-16 with a byte-order mark (``Out-File``, ``>``) or UTF-8 with
one (``Set-Content -Encoding UTF8``); both are read as well as plain UTF-8.
"""

from __future__ import annotations

__all__ = ["decode_text"]


def decode_text(data: bytes) -> str:
    """Text from bytes: UTF-16 (LE or BE) when they start with its byte-order mark, else UTF-8 (a BOM dropped).

    Raises:
        UnicodeDecodeError: neither.
    """
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        return data.decode("utf-16")
    return data.decode("utf-8-sig")
