"""``Invoke-RestMethod`` and ``Invoke-WebRequest`` as PowerShell 7 runs them, over ``requests``.

What PowerShell does that a translation must keep: a URI without a scheme is ``http://``; a hashtable
body is form-encoded (in the query string for GET); a POST body without ``-ContentType`` is sent as
``application/x-www-form-urlencoded``; text is sent as UTF-8 unless the content type names a charset;
an answer is parsed as JSON when its content type says JSON, or when it has none or another one and
its text is JSON, else it is the text; a non-2xx answer is an error whose message, ``ErrorDetails``
(the body) and ``Exception.Response.StatusCode`` read as PowerShell 7's ``HttpResponseException``.
"""

from __future__ import annotations

import json
import time
from collections.abc import Mapping
from typing import Any
from urllib.parse import quote_plus, urlsplit

from .. import __version__
from ._collections import Hashtable
from ._convert import ScriptError, to_int, truthy
from ._format import text

__all__ = [
    "WebResponseObject",
    "invoke_rest_method",
    "invoke_web_request",
    "one_object",
    "web_response_headers",
    "web_status_code",
]

#: The methods ``-Method`` takes (``WebRequestMethod``); ``Default`` is GET.
_METHODS = ("Default", "Get", "Head", "Post", "Put", "Delete", "Trace", "Options", "Merge", "Patch")

#: Content types PowerShell reads as JSON (besides any ending in ``+json``).
_JSON_TYPES = frozenset(
    {
        "application/json",
        "text/json",
        "application/x-javascript",
        "text/x-javascript",
        "application/javascript",
        "text/javascript",
    }
)

_USER_AGENT = f"psopenapi_py/{__version__} (translated PowerShell; Invoke-RestMethod)"

_SESSION: Any = None
#: The last answer's status and headers (``-StatusCodeVariable``, ``-ResponseHeadersVariable``).
_LAST: list[Any] = [None, None]


def _session() -> Any:
    global _SESSION
    if _SESSION is None:
        import requests

        _SESSION = requests.Session()
        _SESSION.max_redirects = 5  # -MaximumRedirection's default
    return _SESSION


def _form(table: Mapping[Any, Any]) -> str:
    """A hashtable as ``key=value&...``, each part encoded as .NET's ``WebUtility.UrlEncode`` does."""

    def encode(value: str) -> str:
        return quote_plus(value, safe="!*()").replace("~", "%7E")

    return "&".join(f"{encode(text(k))}={encode(text(v)) if v is not None else ''}" for k, v in table.items())


def _method(method: Any) -> str:
    spelled = text(method) if method is not None else "Get"
    for known in _METHODS:
        if known.lower() == spelled.strip().lower():
            return "GET" if known == "Default" else known.upper()
    raise ScriptError(
        f"Cannot bind parameter 'Method'. Cannot convert value \"{spelled}\" to type "
        '"Microsoft.PowerShell.Commands.WebRequestMethod". Error: "Unable to match the identifier name '
        f"{spelled} to a valid enumerator name. Specify one of the following enumerator names and try again: "
        f'{", ".join(_METHODS)}"'
    )


def _uri(uri: Any) -> str:
    spelled = text(uri).strip()
    if not spelled:
        raise ScriptError("Cannot validate argument on parameter 'Uri'. The argument is null or empty.")
    if "://" not in spelled:
        spelled = "http://" + spelled  # PowerShell's own default for a URI without a scheme
    scheme = urlsplit(spelled).scheme.lower()
    if scheme not in ("http", "https"):
        raise ScriptError(f"The '{scheme}' scheme is not supported.")
    return spelled


def _charset(content_type: str | None) -> str | None:
    for part in (content_type or "").split(";")[1:]:
        name, _, value = part.strip().partition("=")
        if name.strip().lower() == "charset" and value.strip():
            return value.strip().strip('"')
    return None


def _send(
    uri: Any,
    method: Any,
    headers: Any,
    body: Any,
    content_type: Any,
    timeout_sec: Any,
    skip_certificate_check: Any,
    user_agent: Any,
    skip_http_error_check: Any,
    maximum_retry_count: Any,
    retry_interval_sec: Any,
) -> Any:
    """Send one request as the web cmdlets do; the ``requests`` response (errors raised as PowerShell's)."""
    import requests

    from ..exceptions import ApiConnectionError, ApiException, ApiTimeoutError

    url = _uri(uri)
    verb = _method(method)
    sent_headers: dict[str, str] = {"User-Agent": text(user_agent) if user_agent is not None else _USER_AGENT}
    kind = text(content_type) if content_type is not None else None
    if headers is not None:
        if not isinstance(headers, Mapping):
            raise ScriptError(
                "Cannot bind parameter 'Headers'. Cannot convert the value of type "
                f'"{type(headers).__name__}" to type "System.Collections.IDictionary".'
            )
        for name, value in headers.items():
            if text(name).lower() == "content-type" and kind is None:
                kind = text(value)
                continue
            sent_headers[text(name)] = text(value)
    data: bytes | None = None
    if body is not None:
        if isinstance(body, Mapping):
            form = _form(body)
            if verb == "GET":
                url += ("&" if urlsplit(url).query else "?") + form
            else:
                data = form.encode("ascii")
        elif isinstance(body, (bytes, bytearray)):
            data = bytes(body)
        else:
            data = text(body).encode(_charset(kind) or "utf-8")
        if data is not None and kind is None and verb == "POST":
            kind = "application/x-www-form-urlencoded"
    if kind is not None:
        sent_headers["Content-Type"] = kind
    seconds = to_int(timeout_sec) if timeout_sec is not None else 0
    retries = to_int(maximum_retry_count) if maximum_retry_count is not None else 0
    interval = to_int(retry_interval_sec) if retry_interval_sec is not None else 5
    if truthy(skip_certificate_check):
        import urllib3

        urllib3.disable_warnings(urllib3.exceptions.InsecureRequestWarning)
    attempt = 0
    while True:
        try:
            response = _session().request(
                verb,
                url,
                headers=sent_headers,
                data=data,
                timeout=seconds if seconds > 0 else None,
                verify=not truthy(skip_certificate_check),
            )
        except requests.Timeout:
            raise ApiTimeoutError(
                f"The request was canceled due to the configured HttpClient.Timeout of {seconds} seconds elapsing."
            ) from None
        except requests.RequestException as exc:
            where = urlsplit(url)
            port = where.port or (443 if where.scheme == "https" else 80)
            reason = "Connection refused" if "refused" in str(exc).lower() else "Connection failed"
            raise ApiConnectionError(f"{reason} ({where.hostname}:{port})") from None
        _LAST[:] = [response.status_code, Hashtable({name: [value] for name, value in response.headers.items()})]
        ok = 200 <= response.status_code < 300
        # -MaximumRetryCount retries an answer of 304 or 400-599, -RetryIntervalSec apart.
        if ok or attempt >= retries or not (response.status_code == 304 or 400 <= response.status_code < 600):
            break
        attempt += 1
        time.sleep(interval)
    if not ok and not truthy(skip_http_error_check):
        raise ApiException(
            response.status_code,
            response.reason,
            headers=dict(response.headers),
            body=response.content.decode(response.encoding or "utf-8", "replace"),
            message=(f"Response status code does not indicate success: {response.status_code} ({response.reason})."),
        )
    return response


def _decoded(response: Any) -> str:
    charset = _charset(response.headers.get("Content-Type"))
    content: bytes = response.content
    return content.decode(charset or "utf-8", "replace")


def invoke_rest_method(
    uri: Any,
    *,
    method: Any = None,
    headers: Any = None,
    body: Any = None,
    content_type: Any = None,
    timeout_sec: Any = None,
    skip_certificate_check: Any = False,
    user_agent: Any = None,
    skip_http_error_check: Any = False,
    maximum_retry_count: Any = None,
    retry_interval_sec: Any = None,
) -> Any:
    """``Invoke-RestMethod``: the answer parsed as PowerShell parses it (JSON objects as ``PSObject`` with
    properties in any case, arrays as lists, ISO dates as dates), or its text; an empty answer is ``$null``.
    A JSON array is one value (PowerShell writes it down the pipeline as one object, unlike
    ``ConvertFrom-Json``)."""
    from ._json import convert_from_json

    response = _send(
        uri,
        method,
        headers,
        body,
        content_type,
        timeout_sec,
        skip_certificate_check,
        user_agent,
        skip_http_error_check,
        maximum_retry_count,
        retry_interval_sec,
    )
    content = _decoded(response)
    if not content.strip():
        return None
    media = (response.headers.get("Content-Type") or "").split(";")[0].strip().lower()
    is_json = media in _JSON_TYPES or media.endswith("+json")
    if not is_json and content.lstrip().startswith("<"):
        # PowerShell tries XML before JSON for other content types, and returns an XmlDocument.
        import xml.etree.ElementTree as ElementTree

        try:
            ElementTree.fromstring(content)
        except ElementTree.ParseError:
            pass
        else:
            raise ScriptError(
                "Invoke-RestMethod got an XML answer, which PowerShell reads as an XmlDocument; a translated "
                "script does not: use Invoke-WebRequest and read its Content."
            )
    try:
        json.loads(content)
    except ValueError:
        return content
    return convert_from_json(content)


class WebResponseObject:
    """``Invoke-WebRequest``'s answer: ``StatusCode``, ``StatusDescription``, ``Content`` (text, or bytes for a
    binary answer), ``Headers`` (each name's values, any case), ``RawContentLength``; as text, its content."""

    __slots__ = ("Content", "Headers", "RawContentLength", "StatusCode", "StatusDescription")

    def __init__(self, response: Any):
        self.StatusCode: int = response.status_code
        self.StatusDescription: str = response.reason or ""
        media = (response.headers.get("Content-Type") or "").split(";")[0].strip().lower()
        textual = (
            not media
            or media.startswith("text/")
            or media in _JSON_TYPES
            or media.endswith(("+json", "+xml", "/xml"))
            or media in ("application/x-www-form-urlencoded",)
        )
        self.Content: Any = _decoded(response) if textual else bytes(response.content)
        self.Headers = Hashtable({name: [value] for name, value in response.headers.items()})
        self.RawContentLength: int = len(response.content)

    def __str__(self) -> str:
        return self.Content if isinstance(self.Content, str) else text(list(self.Content))

    def ps_console_lines(self) -> list[str]:
        """Written out, PowerShell lists ten properties of the answer; a translation does not draw that view."""
        raise ScriptError(
            "Writing Invoke-WebRequest's answer itself is not translated (PowerShell shows it as a list of its "
            "properties); write its StatusCode, Content or Headers instead."
        )


def invoke_web_request(
    uri: Any,
    *,
    method: Any = None,
    headers: Any = None,
    body: Any = None,
    content_type: Any = None,
    timeout_sec: Any = None,
    skip_certificate_check: Any = False,
    user_agent: Any = None,
    skip_http_error_check: Any = False,
    maximum_retry_count: Any = None,
    retry_interval_sec: Any = None,
) -> WebResponseObject:
    """``Invoke-WebRequest``: the answer as a :class:`WebResponseObject`."""
    response = _send(
        uri,
        method,
        headers,
        body,
        content_type,
        timeout_sec,
        skip_certificate_check,
        user_agent,
        skip_http_error_check,
        maximum_retry_count,
        retry_interval_sec,
    )
    return WebResponseObject(response)


def one_object(value: Any) -> Any:
    """A value a command writes down the pipeline as one object (Invoke-RestMethod's JSON array): the
    next command gets the array once, not item by item."""
    return [value] if isinstance(value, list) else value


def web_status_code() -> Any:
    """The status of the last web cmdlet's answer (what ``-StatusCodeVariable`` sets)."""
    return _LAST[0]


def web_response_headers() -> Any:
    """The headers of the last web cmdlet's answer, each name's values (what ``-ResponseHeadersVariable`` sets)."""
    return _LAST[1]
