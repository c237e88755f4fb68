"""Configuration: the live module-wide object, set_configuration*, host settings, environment and redaction."""

from __future__ import annotations

import pytest
from recording_server import RecordingServer

import psopenapi_py.configuration as configuration_module
from psopenapi_py import (
    UNSET,
    ApiTypeError,
    ApiValueError,
    Configuration,
    get_configuration,
    get_host_setting,
    get_url_from_host_setting,
    set_configuration,
    set_configuration_api_key,
    set_configuration_api_key_prefix,
    set_configuration_default_header,
    using_configuration,
)
from psopenapi_py._transport import build_headers

DEFAULTS = {
    "base_url": None,
    "username": None,
    "password": None,
    "api_key": {},
    "api_key_prefix": {},
    "cookie": None,
    "access_token": None,
    "skip_certificate_check": False,
    "proxy": None,
    "default_headers": {},
    "timeout_sec": 600.0,
    "connect_timeout_sec": 5.0,
    "maximum_retry_count": 2,
    "retry_interval_sec": 0.5,
    "max_response_bytes": 8 * 1024 * 1024,
}


# --------------------------------------------------------------------------------------------------
# get_configuration: the live object


def test_get_configuration_returns_the_same_live_object_each_time() -> None:
    """Two calls give the very same object, so a change through one is seen through the other."""
    first = get_configuration()
    first.access_token = "sk-live"
    assert get_configuration() is first
    assert get_configuration().access_token == "sk-live"


def test_defaults_match_the_module_plus_the_documented_additions() -> None:
    """A fresh configuration holds the module's defaults and our timeout/retry defaults."""
    config = get_configuration()
    assert config.to_dict(redact=False) == DEFAULTS
    assert config.base_url is UNSET
    assert config.effective_base_url() == "https://api.openai.com/v1"


def test_setting_an_attribute_changes_later_calls(monkeypatch: pytest.MonkeyPatch) -> None:
    """Changing the live object's token and headers changes the headers of the next call."""
    get_configuration().access_token = "sk-first"
    assert build_headers(get_configuration(), "op")["Authorization"] == "Bearer sk-first"
    get_configuration().access_token = "sk-second"
    get_configuration().default_headers["X-Trace"] = "on"
    headers = build_headers(get_configuration(), "op")
    assert headers["Authorization"] == "Bearer sk-second"
    assert headers["X-Trace"] == "on"


def test_assigning_a_bad_value_to_an_attribute_raises_and_keeps_the_old_one() -> None:
    """Attribute assignment is checked like set_configuration: a bad value is refused, the old one stays."""
    config = get_configuration()
    with pytest.raises(ApiValueError) as info:
        config.base_url = "ftp://example.com"
    assert str(info.value) == "Invalid URL 'ftp://example.com' cannot be used in the base URL."
    assert config.base_url is UNSET
    with pytest.raises(ApiTypeError) as type_info:
        config.maximum_retry_count = "3"
    assert str(type_info.value) == "Invalid type for 'maximum_retry_count': expected an integer, got str '3'."
    assert config.maximum_retry_count == 2


def test_assigning_none_to_an_attribute_resets_it_to_its_default() -> None:
    """None on any attribute means "back to the default" (base_url: unset again, so env/default apply)."""
    config = get_configuration()
    config.base_url = "https://proxy.example/v1"
    config.timeout_sec = 30
    config.default_headers = {"X-A": "1"}
    config.skip_certificate_check = True
    config.base_url = None
    config.timeout_sec = None
    config.default_headers = None
    config.skip_certificate_check = None
    assert config.base_url is UNSET
    assert config.effective_base_url() == "https://api.openai.com/v1"
    assert (config.timeout_sec, config.default_headers, config.skip_certificate_check) == (600.0, {}, False)


# --------------------------------------------------------------------------------------------------
# set_configuration


def test_set_configuration_changes_only_the_settings_given() -> None:
    """Setting the token leaves everything else as it was (the module reset SkipCertificateCheck and Proxy)."""
    set_configuration(skip_certificate_check=True, proxy="http://proxy.example:3128", timeout_sec=30)
    set_configuration(access_token="sk-only-this")
    expected = dict(
        DEFAULTS,
        access_token="sk-only-this",
        skip_certificate_check=True,
        proxy="http://proxy.example:3128",
        timeout_sec=30,
    )
    assert get_configuration().to_dict(redact=False) == expected


def test_set_configuration_with_none_clears_a_setting() -> None:
    """None clears a setting back to its default (the module ignored empty values: nothing could be cleared)."""
    set_configuration(
        base_url="https://gateway.example/v1",
        access_token="sk-x",
        proxy={"https": "http://proxy.example:3128"},
        maximum_retry_count=5,
        default_headers={"X-A": "1"},
    )
    set_configuration(base_url=None, access_token=None, proxy=None, maximum_retry_count=None, default_headers=None)
    assert get_configuration().to_dict(redact=False) == DEFAULTS


def test_set_configuration_with_a_bad_value_changes_nothing() -> None:
    """All values are checked first: one bad value among good ones leaves every setting untouched."""
    set_configuration(access_token="sk-before", timeout_sec=10)
    with pytest.raises(ApiValueError) as info:
        set_configuration(access_token="sk-after", timeout_sec=20, base_url="htp://x")
    assert str(info.value) == "Invalid URL 'htp://x' cannot be used in the base URL."
    assert (info.value.parameter, info.value.value) == ("base_url", "htp://x")
    config = get_configuration()
    assert (config.access_token, config.timeout_sec, config.base_url) == ("sk-before", 10, UNSET)


@pytest.mark.parametrize(
    "url",
    [
        "htp://x",  # passes the module's broken regex ([htps]+://)
        "ftp://x",
        "shh://api.openai.com/v1",
        "/v1",
        "v1/realtime",
        "api.openai.com/v1",
        "https://",
        "http:///v1",
        "https:api.openai.com",
        "https://api.openai.com/v1?x=1",
        "https://api.openai.com/v1#top",
        " https://api.openai.com/v1",
        "https://api.openai.com/v1\n",
        "https://api open.com/v1",
        "https://api.openai.com:99999/v1",
        "http://[::1",
        "",
    ],
)
def test_base_url_that_is_not_an_absolute_http_url_is_refused_with_the_module_message(url: str) -> None:
    """Anything but an absolute http(s) URL fails with `Invalid URL '<value>' cannot be used in the base URL.`."""
    with pytest.raises(ApiValueError) as info:
        set_configuration(base_url=url)
    assert str(info.value) == f"Invalid URL '{url}' cannot be used in the base URL."
    assert info.value.parameter == "base_url"
    assert get_configuration().base_url is UNSET


def test_base_url_message_hides_a_password_in_the_url() -> None:
    """A refused URL with user:password@ is quoted with the password redacted."""
    with pytest.raises(ApiValueError) as info:
        set_configuration(base_url="ftp://user:hunter2@example.com/v1")
    assert str(info.value) == "Invalid URL 'ftp://user:<redacted>@example.com/v1' cannot be used in the base URL."
    assert "hunter2" not in repr(info.value.value)


def test_base_url_of_the_wrong_type_is_a_type_error() -> None:
    """A non-string base URL is an ApiTypeError naming base_url."""
    with pytest.raises(ApiTypeError) as info:
        set_configuration(base_url=443)
    assert str(info.value) == "Invalid type for 'base_url': expected a string, got int 443."


@pytest.mark.parametrize(
    ("given", "stored"),
    [
        ("https://api.openai.com/v1/", "https://api.openai.com/v1"),
        ("http://127.0.0.1:8080/v1//", "http://127.0.0.1:8080/v1"),
        ("https://gateway.example", "https://gateway.example"),
        ("HTTPS://Gateway.Example/v1", "HTTPS://Gateway.Example/v1"),
        ("http://[::1]:8080/v1/", "http://[::1]:8080/v1"),
    ],
)
def test_base_url_trailing_slash_is_normalised(given: str, stored: str) -> None:
    """Trailing slashes are dropped, so the request path never gets a `//` (the module's did)."""
    set_configuration(base_url=given)
    assert get_configuration().base_url == stored
    assert get_configuration().effective_base_url() + "/realtime/sessions" == stored + "/realtime/sessions"


def test_pass_thru_returns_the_live_configuration() -> None:
    """pass_thru=True returns the live object (PowerShell's -PassThru); without it, None."""
    assert set_configuration(timeout_sec=12) is None
    returned = set_configuration(connect_timeout_sec=3, pass_thru=True)
    assert returned is get_configuration()
    assert returned is not None and (returned.timeout_sec, returned.connect_timeout_sec) == (12, 3)


@pytest.mark.parametrize(
    ("settings", "message"),
    [
        ({"timeout_sec": 0}, "Invalid value for 'timeout_sec': 0. Must be a finite number > 0."),
        ({"timeout_sec": float("nan")}, "Invalid value for 'timeout_sec': nan. Must be a finite number > 0."),
        ({"connect_timeout_sec": -1}, "Invalid value for 'connect_timeout_sec': -1. Must be a finite number > 0."),
        (
            {"connect_timeout_sec": float("inf")},
            "Invalid value for 'connect_timeout_sec': inf. Must be a finite number > 0.",
        ),
        ({"maximum_retry_count": -1}, "Invalid value for 'maximum_retry_count': -1. Must be a finite number >= 0."),
        ({"retry_interval_sec": -0.5}, "Invalid value for 'retry_interval_sec': -0.5. Must be a finite number >= 0."),
    ],
)
def test_out_of_range_numbers_are_refused(settings: dict[str, float], message: str) -> None:
    """Timeouts must be finite and positive, retry settings finite and not negative."""
    with pytest.raises(ApiValueError) as info:
        set_configuration(**settings)
    assert str(info.value) == message


@pytest.mark.parametrize(
    ("settings", "message"),
    [
        ({"timeout_sec": "30"}, "Invalid type for 'timeout_sec': expected a number, got str '30'."),
        ({"maximum_retry_count": 2.0}, "Invalid type for 'maximum_retry_count': expected an integer, got float 2.0."),
        ({"maximum_retry_count": True}, "Invalid type for 'maximum_retry_count': expected an integer, got bool True."),
        (
            {"skip_certificate_check": "yes"},
            "Invalid type for 'skip_certificate_check': expected a boolean, got str 'yes'.",
        ),
        ({"username": 7}, "Invalid type for 'username': expected a string or None, got int 7."),
        ({"password": 1234}, "Invalid type for 'password': expected a string or None, got int."),
        ({"api_key": ["k"]}, "Invalid type for 'api_key': expected a dict of strings, got list."),
        (
            {"api_key": {"id": 5}},
            "Invalid type for 'api_key': keys and values must be strings, got the key 'id' with a value of type int.",
        ),
        (
            {"proxy": 3128},
            "Invalid type for 'proxy': expected a URL string, a dict of scheme to URL, or None, got int.",
        ),
    ],
)
def test_wrong_types_are_refused_naming_the_setting(settings: dict[str, object], message: str) -> None:
    """A value of the wrong type is an ApiTypeError naming the setting (secret values are not shown)."""
    with pytest.raises(ApiTypeError) as info:
        set_configuration(**settings)
    assert str(info.value) == message
    assert get_configuration().to_dict(redact=False) == DEFAULTS


def test_proxy_that_is_not_a_url_is_refused_without_showing_a_password() -> None:
    """A proxy must be a URL; the message redacts any password in it."""
    with pytest.raises(ApiValueError) as info:
        set_configuration(proxy={"https": "user:pw@proxy.example"})
    assert str(info.value) == (
        "Invalid value for 'proxy': 'user:pw@proxy.example'. A proxy is a URL such as 'http://proxy.example:3128'."
    )
    with pytest.raises(ApiValueError) as info:
        set_configuration(proxy="proxy.example:3128")
    assert str(info.value) == (
        "Invalid value for 'proxy': 'proxy.example:3128'. A proxy is a URL such as 'http://proxy.example:3128'."
    )


def test_access_token_with_a_newline_is_refused_without_showing_it() -> None:
    """A token with a line break (a common copy-paste accident) is refused; the message does not echo it."""
    with pytest.raises(ApiValueError) as info:
        set_configuration(access_token="sk-abc123\n")
    assert str(info.value) == (
        "Invalid value for 'access_token': the API key contains spaces, line breaks or non-ASCII characters. "
        "Check for a trailing newline or quotes copied along with it."
    )
    assert "sk-abc123" not in repr(info.value.args) and info.value.value is None
    assert get_configuration().access_token is None


@pytest.mark.parametrize(
    ("headers", "message"),
    [
        (
            {"X-Bad": "a\r\nInjected: yes"},
            "Invalid value for header 'X-Bad' in 'default_headers': it starts with whitespace or holds a line "
            "break or control character.",
        ),
        (
            {"Bad Name": "v"},
            "Invalid header name in 'default_headers': 'Bad Name'. A header name is letters, digits and "
            "!#$%&'*+-.^_`|~ only.",
        ),
    ],
)
def test_default_headers_that_cannot_be_sent_are_refused(headers: dict[str, str], message: str) -> None:
    """Header injection and malformed names are caught when set, not halfway through a call."""
    with pytest.raises(ApiValueError) as info:
        set_configuration(default_headers=headers)
    assert str(info.value) == message


def test_set_configuration_copies_the_maps_it_is_given() -> None:
    """A dict passed in is copied: changing the caller's dict afterwards does not change the settings."""
    headers = {"X-A": "1"}
    set_configuration(default_headers=headers)
    headers["X-B"] = "2"
    assert get_configuration().default_headers == {"X-A": "1"}


# --------------------------------------------------------------------------------------------------
# set_configuration_api_key / _api_key_prefix / _default_header


def test_set_configuration_api_key_sets_one_entry() -> None:
    """Set-ConfigurationApiKey -Id -ApiKey: one entry of the api_key map; None removes it."""
    set_configuration_api_key("ApiKeyAuth", "sk-one")
    set_configuration_api_key("Other", "sk-two")
    assert get_configuration().api_key == {"ApiKeyAuth": "sk-one", "Other": "sk-two"}
    set_configuration_api_key("Other", None)
    assert get_configuration().api_key == {"ApiKeyAuth": "sk-one"}


def test_set_configuration_api_key_prefix_sets_one_entry() -> None:
    """Set-ConfigurationApiKeyPrefix -Id -ApiKeyPrefix: one entry of the api_key_prefix map."""
    set_configuration_api_key_prefix("ApiKeyAuth", "Bearer")
    assert get_configuration().api_key_prefix == {"ApiKeyAuth": "Bearer"}
    set_configuration_api_key_prefix("ApiKeyAuth", None)
    assert get_configuration().api_key_prefix == {}


def test_set_configuration_api_key_refuses_an_empty_key_without_showing_it() -> None:
    """An empty id or key is an error naming the parameter (the module silently ignored it)."""
    with pytest.raises(ApiValueError) as info:
        set_configuration_api_key("", "sk-secret-value")
    assert str(info.value) == "Invalid value for 'id': ''. Must be a non-empty string."
    with pytest.raises(ApiValueError) as info:
        set_configuration_api_key("ApiKeyAuth", "")
    assert str(info.value) == "Invalid value for 'api_key': <redacted>. Must be a non-empty string."
    with pytest.raises(ApiValueError) as info:
        set_configuration_api_key("ApiKeyAuth", 12345)  # type: ignore[arg-type]
    assert str(info.value) == "Invalid value for 'api_key': 12345. Must be a non-empty string."
    assert get_configuration().api_key == {}


def test_set_configuration_default_header_sets_replaces_and_removes_case_insensitively() -> None:
    """A default header is set by name; a name differing only in case replaces it; None removes it."""
    set_configuration_default_header("OpenAI-Beta", "realtime=v1")
    set_configuration_default_header("X-Trace", "1")
    set_configuration_default_header("openai-beta", "realtime=v2")
    assert get_configuration().default_headers == {"X-Trace": "1", "openai-beta": "realtime=v2"}
    set_configuration_default_header("OPENAI-BETA", None)
    assert get_configuration().default_headers == {"X-Trace": "1"}


def test_set_configuration_default_header_refuses_a_line_break() -> None:
    """A header value with CR/LF is refused before it can split the request."""
    with pytest.raises(ApiValueError) as info:
        set_configuration_default_header("X-Trace", "1\r\nEvil: yes")
    assert str(info.value) == (
        "Invalid value for header 'X-Trace' in 'value': it starts with whitespace or holds a line break or "
        "control character."
    )
    assert get_configuration().default_headers == {}


# --------------------------------------------------------------------------------------------------
# Host settings


def test_get_host_setting_lists_the_spec_server() -> None:
    """Get-HostSetting: the one server of the spec, with the module's placeholder description."""
    assert get_host_setting() == [{"Url": "https://api.openai.com/v1", "Description": "No description provided"}]


def test_get_host_setting_returns_copies() -> None:
    """Changing the returned list does not change what later calls return."""
    get_host_setting()[0]["Url"] = "https://changed.example"
    assert get_host_setting()[0]["Url"] == "https://api.openai.com/v1"


def test_get_url_from_host_setting_without_variables_returns_the_url() -> None:
    """A server without variables gives its URL (the module crashed on a null here)."""
    assert get_url_from_host_setting(0) == "https://api.openai.com/v1"
    assert get_url_from_host_setting(0, {"region": "eu"}) == "https://api.openai.com/v1"


@pytest.mark.parametrize("index", [1, 5, -1])
def test_get_url_from_host_setting_out_of_range_uses_the_module_message(index: int) -> None:
    """An index outside the list: `Invalid index <i> when selecting the host. Must be less than <n>`."""
    with pytest.raises(ApiValueError) as info:
        get_url_from_host_setting(index)
    assert str(info.value) == f"Invalid index {index} when selecting the host. Must be less than 1"


def test_get_url_from_host_setting_refuses_a_non_integer_index() -> None:
    """The index must be an int (not a bool or a string)."""
    with pytest.raises(ApiTypeError) as info:
        get_url_from_host_setting("0")  # type: ignore[arg-type]
    assert str(info.value) == "Invalid type for 'index': expected an integer, got str '0'."


def test_get_url_from_host_setting_fills_variables(monkeypatch: pytest.MonkeyPatch) -> None:
    """With server variables: given values replace them, defaults fill the rest, enums are enforced."""
    hosts = (
        {
            "Url": "https://{region}.api.example/{version}",
            "Description": "Regional",
            "Variables": {
                "region": {"Description": "r", "DefaultValue": "us", "EnumValues": ["us", "eu"]},
                "version": {"Description": "v", "DefaultValue": "v1"},
            },
        },
    )
    monkeypatch.setattr(configuration_module, "HOST_SETTINGS", hosts)
    assert get_url_from_host_setting(0) == "https://us.api.example/v1"
    assert get_url_from_host_setting(0, {"region": "eu", "version": "v2"}) == "https://eu.api.example/v2"
    with pytest.raises(ApiValueError) as info:
        get_url_from_host_setting(0, {"region": "mars"})
    assert str(info.value) == "The variable 'region' in the host URL has invalid value mars. Must be us,eu"


# --------------------------------------------------------------------------------------------------
# Environment, read at call time


def test_openai_api_key_is_used_only_when_no_token_is_set(monkeypatch: pytest.MonkeyPatch) -> None:
    """OPENAI_API_KEY is read at call time and only when access_token is unset (or empty)."""
    config = get_configuration()
    assert config.effective_access_token() is None
    monkeypatch.setenv("OPENAI_API_KEY", "sk-from-env")
    assert config.effective_access_token() == "sk-from-env"
    config.access_token = "sk-configured"
    assert config.effective_access_token() == "sk-configured"
    config.access_token = ""
    assert config.effective_access_token() == "sk-from-env"


def test_empty_openai_api_key_counts_as_unset(monkeypatch: pytest.MonkeyPatch) -> None:
    """An empty OPENAI_API_KEY is no key at all."""
    monkeypatch.setenv("OPENAI_API_KEY", "")
    assert get_configuration().effective_access_token() is None


def test_openai_api_key_with_a_trailing_newline_is_refused_naming_the_variable(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A key read from a file with its newline is refused, naming OPENAI_API_KEY and not echoing it."""
    monkeypatch.setenv("OPENAI_API_KEY", "sk-env-secret\n")
    with pytest.raises(ApiValueError) as info:
        get_configuration().effective_access_token()
    assert info.value.parameter == "OPENAI_API_KEY"
    assert str(info.value).startswith("Invalid value for 'OPENAI_API_KEY': the API key contains spaces")
    assert "sk-env-secret" not in str(info.value)


def test_openai_base_url_is_used_only_while_base_url_was_never_set(monkeypatch: pytest.MonkeyPatch) -> None:
    """OPENAI_BASE_URL applies while base_url is unset, is normalised, and stops applying once base_url is set."""
    config = get_configuration()
    monkeypatch.setenv("OPENAI_BASE_URL", "http://127.0.0.1:9/v1/")
    assert config.effective_base_url() == "http://127.0.0.1:9/v1"
    set_configuration(base_url="https://configured.example/v1")
    assert config.effective_base_url() == "https://configured.example/v1"
    set_configuration(base_url=None)
    assert config.effective_base_url() == "http://127.0.0.1:9/v1"


def test_empty_openai_base_url_counts_as_unset(monkeypatch: pytest.MonkeyPatch) -> None:
    """An empty OPENAI_BASE_URL leaves the default in place."""
    monkeypatch.setenv("OPENAI_BASE_URL", "")
    assert get_configuration().effective_base_url() == "https://api.openai.com/v1"


def test_bad_openai_base_url_names_the_variable(monkeypatch: pytest.MonkeyPatch) -> None:
    """A bad OPENAI_BASE_URL fails at call time with the module's message and where the value came from."""
    monkeypatch.setenv("OPENAI_BASE_URL", "localhost:8080")
    with pytest.raises(ApiValueError) as info:
        get_configuration().effective_base_url()
    assert str(info.value) == (
        "Invalid URL 'localhost:8080' cannot be used in the base URL. "
        "(It comes from the OPENAI_BASE_URL environment variable.)"
    )
    assert info.value.parameter == "OPENAI_BASE_URL"


def test_org_and_project_variables_become_headers(monkeypatch: pytest.MonkeyPatch) -> None:
    """OPENAI_ORG_ID -> OpenAI-Organization, OPENAI_PROJECT_ID -> OpenAI-Project; empty values send nothing."""
    get_configuration().access_token = "sk-x"
    monkeypatch.setenv("OPENAI_ORG_ID", "org-123")
    monkeypatch.setenv("OPENAI_PROJECT_ID", "")
    headers = build_headers(get_configuration(), "op")
    assert headers["OpenAI-Organization"] == "org-123"
    assert "OpenAI-Project" not in headers
    monkeypatch.setenv("OPENAI_PROJECT_ID", "proj_456")
    assert build_headers(get_configuration(), "op")["OpenAI-Project"] == "proj_456"


def test_a_separate_configuration_reads_the_environment_too(monkeypatch: pytest.MonkeyPatch) -> None:
    """A Configuration made for one call follows the same environment rules as the module-wide one."""
    monkeypatch.setenv("OPENAI_API_KEY", "sk-env")
    monkeypatch.setenv("OPENAI_BASE_URL", "http://127.0.0.1:1/v1")
    own = Configuration(timeout_sec=3)
    assert (own.effective_access_token(), own.effective_base_url()) == ("sk-env", "http://127.0.0.1:1/v1")


# --------------------------------------------------------------------------------------------------
# repr / str redaction


def test_repr_and_str_redact_every_secret() -> None:
    """Token, password, api keys, cookie, proxy and base-URL passwords and credential headers never show."""
    set_configuration(
        base_url="https://gw-user:gw-pass-1@gateway.example/v1",
        username="alice",
        password="pw-secret-2",
        api_key={"ApiKeyAuth": "sk-apikey-3"},
        api_key_prefix={"ApiKeyAuth": "Bearer"},
        cookie="session=cookie-secret-4",
        access_token="sk-token-secret-5",
        proxy={"https": "http://proxy-user:proxy-pass-6@proxy.example:3128"},
        default_headers={"Authorization": "Bearer sk-header-7", "X-Api-Key": "key-8", "X-Trace": "visible"},
    )
    config = get_configuration()
    for text in (repr(config), str(config)):
        for secret in (
            "gw-pass-1",
            "pw-secret-2",
            "sk-apikey-3",
            "cookie-secret-4",
            "sk-token-secret-5",
            "proxy-pass-6",
            "sk-header-7",
            "key-8",
        ):
            assert secret not in text
    assert repr(config) == (
        "Configuration(base_url='https://gw-user:<redacted>@gateway.example/v1', username='alice', "
        "password='<redacted>', api_key={'ApiKeyAuth': '<redacted>'}, api_key_prefix={'ApiKeyAuth': 'Bearer'}, "
        "cookie='<redacted>', access_token='<redacted>', skip_certificate_check=False, "
        "proxy={'https': 'http://proxy-user:<redacted>@proxy.example:3128'}, "
        "default_headers={'Authorization': 'Bearer <redacted>', 'X-Api-Key': '<redacted>', 'X-Trace': 'visible'}, "
        "timeout_sec=600.0, connect_timeout_sec=5.0, maximum_retry_count=2, retry_interval_sec=0.5, "
        "max_response_bytes=8388608)"
    )
    assert str(config) == repr(config)


def test_to_dict_without_redaction_shows_the_real_values() -> None:
    """to_dict(redact=False) is the way to read the real values back."""
    set_configuration(access_token="sk-real")
    assert get_configuration().to_dict(redact=False)["access_token"] == "sk-real"
    assert get_configuration().to_dict()["access_token"] == "<redacted>"


# --------------------------------------------------------------------------------------------------
# using_configuration: a temporary module-wide configuration


def test_using_configuration_sends_calls_with_the_temporary_one_and_restores_the_old_one(
    server: RecordingServer,
) -> None:
    """Inside the block calls use the given configuration (its URL and token); afterwards the old one is back, unchanged."""
    from psopenapi_py import new_realtime_session

    before = get_configuration()
    before.timeout_sec = 42
    temporary = Configuration(base_url=server.url, access_token="sk-temporary")
    with using_configuration(temporary) as in_use:
        assert in_use is temporary
        assert get_configuration() is temporary
        new_realtime_session({"model": "gpt-4o-realtime-preview"})
    assert get_configuration() is before
    assert (before.base_url, before.access_token, before.timeout_sec) == (UNSET, None, 42)
    assert [(r.path, r.headers["Authorization"]) for r in server.requests] == [
        ("/v1/realtime/sessions", "Bearer sk-temporary")
    ]


def test_using_configuration_restores_the_old_one_when_the_block_raises() -> None:
    """An exception leaving the block still puts the previous configuration back, and goes on up."""
    before = get_configuration()
    with pytest.raises(KeyError), using_configuration(Configuration(timeout_sec=5)):
        raise KeyError("boom")
    assert get_configuration() is before


def test_using_configuration_without_an_argument_gives_fresh_defaults_and_closes_them() -> None:
    """With no argument the block gets a default Configuration (nothing of the old one), closed on exit."""
    set_configuration(access_token="sk-outer", maximum_retry_count=7)
    with using_configuration() as fresh:
        assert fresh is get_configuration()
        assert fresh.to_dict(redact=False) == DEFAULTS
        fresh._local.session = session = _ClosingProbe()
    assert session.closed is True
    assert fresh._local.session is None
    assert get_configuration().to_dict(redact=False)["access_token"] == "sk-outer"


def test_using_configuration_leaves_a_configuration_it_was_given_open() -> None:
    """A configuration passed in belongs to the caller: its connections are not closed on exit."""
    own = Configuration()
    own._local.session = session = _ClosingProbe()
    with using_configuration(own):
        pass
    assert (session.closed, own._local.session) == (False, session)


def test_using_configuration_blocks_nest() -> None:
    """Nested blocks each restore what was in use when they started."""
    outer, inner = Configuration(timeout_sec=1), Configuration(timeout_sec=2)
    start = get_configuration()
    with using_configuration(outer):
        with using_configuration(inner):
            assert get_configuration() is inner
        assert get_configuration() is outer
    assert get_configuration() is start


def test_using_configuration_refuses_something_that_is_not_a_configuration() -> None:
    """A dict of settings is refused before anything is swapped, naming the parameter."""
    before = get_configuration()
    with pytest.raises(ApiTypeError) as caught, using_configuration({"timeout_sec": 5}):  # type: ignore[arg-type]
        pass
    assert str(caught.value) == "Invalid type for 'configuration': expected a Configuration or None, got dict."
    assert caught.value.parameter == "configuration"
    assert get_configuration() is before


class _ClosingProbe:
    """Stands in for a configuration's requests.Session and records whether it was closed."""

    closed = False

    def close(self) -> None:
        self.closed = True
