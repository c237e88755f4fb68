"""The test helper tests/spec_validation.py: it really rejects bodies, and relaxes only what it says."""

from __future__ import annotations

import json

import pytest
from spec_validation import (
    REALTIME_API_SPEC,
    SESSIONS_SPEC,
    SpecValidationError,
    load_spec,
    problems,
    schema_names,
    shared_spec,
    validate,
)

MODEL = "gpt-4o-realtime-preview"


def test_a_body_breaking_the_schema_lists_every_problem() -> None:
    """Missing model, a bad enum, a wrong type and a bad oneOf value are each reported with their path."""
    body = {"voice": "bob", "temperature": "x", "tools": [{"type": "fn"}], "max_response_output_tokens": "lots"}
    with pytest.raises(SpecValidationError) as exc_info:
        validate(body, "RealtimeSessionCreateRequest")
    assert exc_info.value.errors == [
        "<root>: 'model' is a required property",
        "max_response_output_tokens: matches none of the oneOf members; closest: "
        "max_response_output_tokens: 'lots' is not of type 'integer'",
        "temperature: 'x' is not of type 'number'",
        "tools/0/type: 'fn' is not one of ['function']",
        "voice: 'bob' is not one of ['alloy', 'ash', 'ballad', 'coral', 'echo', 'sage', 'shimmer', 'verse']",
    ]
    assert isinstance(exc_info.value, AssertionError)


def test_turn_detection_and_transcription_accept_null() -> None:
    """The two properties the API documents as null-for-off accept null in the test copy."""
    body = {"model": MODEL, "turn_detection": None, "input_audio_transcription": None}
    assert problems(body, "RealtimeSessionCreateRequest") == []
    assert problems(body, "RealtimeSessionCreateResponse") == []


# (modalities is left out: the spec gives it `items` but no `type`, so null passes there as written.)
@pytest.mark.parametrize("field", ["voice", "tools", "temperature", "max_response_output_tokens"])
def test_other_properties_still_refuse_null(field: str) -> None:
    """The relaxation is exactly those two: null elsewhere still fails."""
    assert problems({"model": MODEL, field: None}, "RealtimeSessionCreateRequest") != []


def test_the_spec_file_on_disk_is_not_changed() -> None:
    """Relaxing works on a copy: the loaded spec still says type object, without null."""
    validate({"model": MODEL, "turn_detection": None}, "RealtimeSessionCreateRequest")
    props = load_spec(SESSIONS_SPEC)["components"]["schemas"]["RealtimeSessionCreateRequest"]["properties"]
    assert props["turn_detection"]["type"] == "object"
    assert "anyOf" not in props["turn_detection"]


def test_openai_s_response_example_matches_the_response_schema() -> None:
    """The spec's own response example (with turn_detection null) validates."""
    example = shared_spec(SESSIONS_SPEC)["paths"]["/realtime/sessions"]["post"]["x-oaiMeta"]["examples"]["response"]
    validate(json.loads(example), "RealtimeSessionCreateResponse")


def test_a_model_object_is_validated_through_to_dict() -> None:
    """A model can be passed as is; its to_dict() is what gets checked."""
    from psopenapi_py import initialize_realtime_session_create_request

    validate(initialize_realtime_session_create_request(model=MODEL, voice="ash"), "RealtimeSessionCreateRequest")


def test_a_value_json_cannot_carry_fails_before_validation() -> None:
    """NaN is not JSON: the helper checks what would go over the wire."""
    with pytest.raises(ValueError, match="Out of range float values are not JSON compliant"):
        validate({"model": MODEL, "temperature": float("nan")}, "RealtimeSessionCreateRequest")


def test_an_unknown_schema_name_is_a_key_error() -> None:
    """Naming a schema the file does not have fails loudly, listing the ones it has."""
    with pytest.raises(KeyError, match="has no component schema 'Nope'"):
        validate({}, "Nope")


def test_the_ga_file_is_checked_as_json_schema_2020_12() -> None:
    """The 3.1 GA file loads; its request schema accepts a realtime session and refuses a bad type."""
    assert "RealtimeCreateClientSecretRequest" in schema_names(REALTIME_API_SPEC)
    good = {"expires_after": {"anchor": "created_at", "seconds": 600}, "session": {"type": "realtime"}}
    assert problems(good, "RealtimeCreateClientSecretRequest", REALTIME_API_SPEC) == []
    assert problems({"expires_after": {"seconds": 5}}, "RealtimeCreateClientSecretRequest", REALTIME_API_SPEC) == [
        "expires_after/seconds: 5 is less than the minimum of 10"
    ]
    assert problems({"session": {"type": "bogus"}}, "RealtimeCreateClientSecretRequest", REALTIME_API_SPEC) == [
        "session: matches none of the oneOf members; closest: session/type: 'bogus' is not one of ['realtime']"
    ]


def test_ga_null_defaults_and_nullable_accept_null() -> None:
    """In the GA file, a schema whose default is null (noise_reduction, tracing) accepts null."""
    body = {"session": {"type": "realtime", "tracing": None, "audio": {"input": {"noise_reduction": None}}}}
    assert problems(body, "RealtimeCreateClientSecretRequest", REALTIME_API_SPEC) == []
