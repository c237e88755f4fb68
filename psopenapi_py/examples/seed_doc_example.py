import json

from psopenapi_py import (
    ApiException,
    get_configuration,
    initialize_realtime_response_create_params_max_response_output_tokens,
    initialize_realtime_response_create_params_tools_inner,
    initialize_realtime_session_create_request,
    initialize_realtime_session_create_request_turn_detection,
    initialize_realtime_session_input_audio_transcription,
    new_realtime_session,
)

# general setting of the package, e.g. base URL, authentication, etc
configuration = get_configuration()

"text"
realtime_session_input_audio_transcription = initialize_realtime_session_input_audio_transcription(model="MyModel")
realtime_session_create_request_turn_detection = initialize_realtime_session_create_request_turn_detection(type="MyType", threshold=0, prefix_padding_ms=0, silence_duration_ms=0, create_response=False)
realtime_response_create_params_tools_inner = initialize_realtime_response_create_params_tools_inner(type="function", name="MyName", description="MyDescription", parameters={})
realtime_response_create_params_max_response_output_tokens = initialize_realtime_response_create_params_max_response_output_tokens()
realtime_session_create_request = initialize_realtime_session_create_request(modalities="text", model="gpt-4o-realtime-preview", instructions="MyInstructions", voice="alloy", input_audio_format="pcm16", output_audio_format="pcm16", input_audio_transcription=realtime_session_input_audio_transcription, turn_detection=realtime_session_create_request_turn_detection, tools=realtime_response_create_params_tools_inner, tool_choice="MyToolChoice", temperature=0, max_response_output_tokens=realtime_response_create_params_max_response_output_tokens)  # RealtimeSessionCreateRequest | the settings the ephemeral key's session starts with

# Create an ephemeral API key for client-side applications
try:
    result = new_realtime_session(realtime_session_create_request=realtime_session_create_request)
except ApiException as e:
    print("Exception occurred when calling new_realtime_session: {0}".format(e.error_details))
    print("Response headers: {0}".format(json.dumps(dict(e.headers))))
