"""Our own words for the generated model docs and docstrings (the spec's prose is OpenAI's, not ours).

MODEL_WORDS: model name -> one-paragraph summary. FIELD_WORDS: "Model.field" -> a short description.
The generator falls back to facts (location, members) where a model or field has no entry here.
"""

MODEL_WORDS = {
    "RealtimeSessionCreateRequest": (
        "The body of `new_realtime_session`: the settings the ephemeral key's session starts with. "
        "Only `model` is required; every field left out is not sent."
    ),
    "RealtimeSessionInputAudioTranscription": (
        "Turns on transcription of the user's audio and picks the transcription model."
    ),
    "RealtimeSessionCreateRequestTurnDetection": (
        "Voice activity detection settings for the session; pass `turn_detection=None` to the request "
        "to switch detection off."
    ),
    "RealtimeResponseCreateParamsToolsInner": "One function the model may call during the session.",
    "RealtimeResponseCreateParamsMaxResponseOutputTokens": (
        "The cap on output tokens per response: a whole number, or `\"inf\"` for the model's maximum."
    ),
    "RealtimeSessionCreateResponse": (
        "What `new_realtime_session` returns: the session as the API configured it, plus the ephemeral "
        "key in `client_secret`. Keys the spec does not declare (`id`, `object`, `model`) are kept in "
        "`additional_properties`."
    ),
    "RealtimeSessionCreateResponseClientSecret": (
        "The ephemeral key to hand to a browser or mobile client, and when it stops working. "
        "`repr()` never shows the key."
    ),
    "RealtimeSessionCreateResponseTurnDetection": "The voice activity detection settings the API applied.",
}

FIELD_WORDS = {
    "RealtimeSessionCreateRequest.modalities": "What the model may answer with; `[\"text\"]` turns audio off.",
    "RealtimeSessionCreateRequest.model": "The Realtime model the session runs on.",
    "RealtimeSessionCreateRequest.instructions": "The system instructions the model follows.",
    "RealtimeSessionCreateRequest.voice": "The voice of spoken answers.",
    "RealtimeSessionCreateRequest.input_audio_format": "Encoding of the audio the client sends.",
    "RealtimeSessionCreateRequest.output_audio_format": "Encoding of the audio the model sends back.",
    "RealtimeSessionCreateRequest.input_audio_transcription": "Transcribe the user's audio, or `None` to stop.",
    "RealtimeSessionCreateRequest.turn_detection": "Voice activity detection, or `None` for off.",
    "RealtimeSessionCreateRequest.tools": "Functions the model may call.",
    "RealtimeSessionCreateRequest.tool_choice": "`auto`, `none`, `required` or a function name.",
    "RealtimeSessionCreateRequest.temperature": "Sampling temperature (the API accepts 0.6 to 1.2; not checked here).",
    "RealtimeSessionCreateRequest.max_response_output_tokens": "Token cap per response: an integer or `\"inf\"`.",
    "RealtimeSessionInputAudioTranscription.model": "The transcription model, such as `whisper-1`.",
    "RealtimeSessionCreateRequestTurnDetection.type": "The detection method, such as `server_vad`.",
    "RealtimeSessionCreateRequestTurnDetection.threshold": "How loud speech must be to count (0.0 to 1.0).",
    "RealtimeSessionCreateRequestTurnDetection.prefix_padding_ms": "Audio kept from before speech starts, in ms.",
    "RealtimeSessionCreateRequestTurnDetection.silence_duration_ms": "Silence that ends a turn, in ms.",
    "RealtimeSessionCreateRequestTurnDetection.create_response": "Answer automatically when a turn ends.",
    "RealtimeResponseCreateParamsToolsInner.type": "Always `function`.",
    "RealtimeResponseCreateParamsToolsInner.name": "The function's name.",
    "RealtimeResponseCreateParamsToolsInner.description": "When and how the model should call it.",
    "RealtimeResponseCreateParamsToolsInner.parameters": "A JSON Schema of its arguments, sent as given.",
    "RealtimeSessionCreateResponse.client_secret": "The ephemeral key and its expiry.",
    "RealtimeSessionCreateResponse.modalities": "What the model may answer with.",
    "RealtimeSessionCreateResponse.instructions": "The instructions in force.",
    "RealtimeSessionCreateResponse.voice": "The voice in force.",
    "RealtimeSessionCreateResponse.input_audio_format": "Encoding of incoming audio.",
    "RealtimeSessionCreateResponse.output_audio_format": "Encoding of outgoing audio.",
    "RealtimeSessionCreateResponse.input_audio_transcription": "Transcription settings, or `None` when off.",
    "RealtimeSessionCreateResponse.turn_detection": "Detection settings, or `None` when off.",
    "RealtimeSessionCreateResponse.tools": "The functions available.",
    "RealtimeSessionCreateResponse.tool_choice": "How tools are chosen.",
    "RealtimeSessionCreateResponse.temperature": "The sampling temperature.",
    "RealtimeSessionCreateResponse.max_response_output_tokens": "The token cap per response.",
    "RealtimeSessionCreateResponseClientSecret.value": "The ephemeral key (`ek_...`); keep it out of logs.",
    "RealtimeSessionCreateResponseClientSecret.expires_at": "Unix time (seconds) when the key expires.",
    "RealtimeSessionCreateResponseTurnDetection.type": "The detection method.",
    "RealtimeSessionCreateResponseTurnDetection.threshold": "The activation threshold.",
    "RealtimeSessionCreateResponseTurnDetection.prefix_padding_ms": "Audio kept before speech, in ms.",
    "RealtimeSessionCreateResponseTurnDetection.silence_duration_ms": "Silence that ends a turn, in ms.",
}
