"""Our own words for the generated model docs and docstrings (the spec's prose is OpenAI's, not ours).

MODEL_WORDS: model name -> one-paragraph summary. FIELD_WORDS: "Model.field" -> a short description;
FIELD_WORDS_FROM: response model -> the request model whose field descriptions it shares.
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
        'The cap on output tokens per response: a whole number, or `"inf"` for the model\'s maximum.'
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
    "RealtimeSessionCreateRequest.modalities": 'What the model may answer with; `["text"]` turns audio off.',
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
    "RealtimeSessionCreateRequest.max_response_output_tokens": 'Token cap per response: an integer or `"inf"`.',
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

# --------------------------------------------------------------------------------------------------
# The GA endpoint, POST /realtime/client_secrets (realtime-api.openapi.yaml).

MODEL_WORDS.update(
    {
        "RealtimeCreateClientSecretRequest": (
            "The body of `new_realtime_client_secret`: how long the ephemeral key lives and the session it "
            "opens. Nothing is required; an empty body mints a key for a default realtime session."
        ),
        "ClientSecretExpiration": (
            "When the ephemeral key stops working: `seconds` (10 to 7200) after the key is created."
        ),
        "SessionConfiguration": (
            "The session a new key opens: a realtime session (`type` `realtime`) or a transcription "
            "session (`type` `transcription`)."
        ),
        "RealtimeSessionCreateRequestGA": (
            "A speech-to-speech (or text) session: model, instructions, audio in and out, tools and limits. "
            "`type` is always `realtime` and is filled in for you."
        ),
        "RealtimeSessionCreateRequestGAModel": (
            "The model of a realtime session: any model name; the names the spec lists are stored in their "
            "canonical spelling."
        ),
        "RealtimeSessionCreateRequestGAAudio": "Audio settings of a realtime session: what comes in and what goes out.",
        "RealtimeSessionCreateRequestGAAudioInput": (
            "How the session hears the user: audio format, transcription, noise reduction and turn detection."
        ),
        "RealtimeAudioFormats": "An audio encoding: 24 kHz PCM, G.711 mu-law or G.711 A-law, told apart by `type`.",
        "PCMAudioFormat": "16-bit PCM audio at 24000 samples per second (`audio/pcm`).",
        "PCMUAudioFormat": "G.711 mu-law audio (`audio/pcmu`), as telephone lines carry it.",
        "PCMAAudioFormat": "G.711 A-law audio (`audio/pcma`), as telephone lines carry it.",
        "AudioTranscription": "Turns on a written transcript of what the user says, and tunes it.",
        "AudioTranscriptionModel": "The transcription model: any model name; the names the spec lists are stored canonically.",
        "RealtimeSessionCreateRequestGAAudioInputNoiseReduction": (
            "Filters the incoming audio before turn detection sees it; send `None` for no filtering."
        ),
        "NoiseReductionType": "Which noise filter suits the microphone: `near_field` (headsets) or `far_field` (room microphones).",
        "RealtimeTurnDetection": (
            "How the session decides that the user has finished speaking: server VAD or semantic VAD, told "
            "apart by `type`. `None` switches detection off (the client then asks for responses itself)."
        ),
        "ServerVAD": "Turn detection by loudness and silence (`server_vad`).",
        "SemanticVAD": "Turn detection by a model that judges whether the user has finished (`semantic_vad`).",
        "RealtimeSessionCreateRequestGAAudioOutput": "How the session talks back: audio format, voice and speaking speed.",
        "VoiceIdsOrCustomVoice": 'The voice: one of the built-in names, or one of your own voices given as `{"id": ...}`.',
        "VoiceIdsShared": "A built-in voice name: any string; the names the spec lists are stored canonically.",
        "VoiceIdsOrCustomVoiceAnyOf": "A custom voice, by its id (`voice_...`).",
        "TracingConfiguration3": (
            'Session tracing in the request: `"auto"`, a `TracingConfiguration`, or `None` for no tracing.'
        ),
        "TracingConfiguration4": 'Session tracing as the API applied it: `"auto"`, a `TracingConfiguration`, or `None`.',
        "TracingConfiguration": "Names and labels for the session's traces.",
        "RealtimeSessionCreateRequestGAToolsInner": (
            "One tool of a GA session: a function (`type` `function`) or an MCP server (`type` `mcp`). Not to "
            "be confused with the seed's `RealtimeResponseCreateParamsToolsInner`, the beta function tool."
        ),
        "RealtimeFunctionTool": "A function the model may call; your client runs it and returns the result.",
        "MCPTool": (
            "A remote MCP server whose tools the model may call: by URL, by connector or by tunnel, with "
            "optional headers, tool filters and approval rules."
        ),
        "MCPToolAllowedTools": "Which tools of an MCP server the model may use: a list of names, or a filter.",
        "BetaMCPToolFilter": "Picks MCP tools by name and/or by whether they only read data.",
        "CallableToolAllowedCaller": "Who may call a tool: `direct` (the model) or `programmatic`.",
        "MCPToolRequireApproval": 'Which MCP tool calls wait for approval: `"always"`, `"never"`, or a filter object.',
        "MCPToolApprovalFilter": "Approval rules by tool: the tools that always need approval and those that never do.",
        "RealtimeBetaResponseCreateParamsToolChoice": (
            "How the model picks tools: a mode (`auto`, `none`, `required`) or one function or MCP tool it must call."
        ),
        "BetaToolChoiceOptions": "Tool choice modes: `none`, `auto` or `required`.",
        "BetaToolChoiceFunction": "Forces a call of one function, by name.",
        "BetaToolChoiceMCP": "Forces a call of an MCP server's tool.",
        "RealtimeReasoning": "Reasoning settings for models that reason before answering.",
        "RealtimeReasoningEffort": "How much the model reasons before answering, from `minimal` to `xhigh`.",
        "RealtimeBetaResponseCreateParamsMaxOutputTokens": (
            'The cap on output tokens per response: a whole number, or `"inf"` for the model\'s maximum.'
        ),
        "RealtimeTruncation": (
            'What happens when the conversation outgrows the model\'s context: `"auto"`, `"disabled"`, or a '
            "retention-ratio object."
        ),
        "RetentionRatioTruncation": "Truncation that keeps a share of the conversation when it must drop older turns.",
        "RetentionRatioTruncationTokenLimits": "Token limits of a retention-ratio truncation.",
        "Prompt": "A stored prompt template to use, with the values of its variables; `None` for none.",
        "PromptVariables": "The value of one prompt variable: a string, or a text, image or file input.",
        "InputTextContent": "Text given as a prompt variable.",
        "BetaPromptCacheBreakpointConfig": "Marks where a reusable prompt prefix ends, for prompt caching.",
        "InputImageContent": "An image given as a prompt variable: by URL, data URL or file id.",
        "ImageDetail": "Image detail level: `low`, `high`, `auto` or `original`.",
        "InputFileContent": "A file given as a prompt variable: by id, URL or inline data.",
        "FileInputDetail": "File detail level: `auto`, `low` or `high`.",
        "RealtimeTranscriptionSessionCreateRequestGA": (
            "A transcription-only session: the model writes down what it hears and does not answer. `type` is "
            "always `transcription` and is filled in for you."
        ),
        "RealtimeTranscriptionSessionCreateRequestGAAudio": "Audio settings of a transcription session.",
        "RealtimeTranscriptionSessionCreateRequestGAAudioInput": (
            "How a transcription session hears: audio format, transcription model, noise reduction, turn detection."
        ),
        "RealtimeCreateClientSecretResponse": (
            "What `new_realtime_client_secret` returns: the ephemeral key (`value`, never shown by `repr()`), "
            "its expiry, and the session as the API configured it (a `RealtimeSessionCreateResponseGA` or a "
            "`RealtimeTranscriptionSessionCreateResponseGA`, by its `type`)."
        ),
        "SessionConfiguration1": "The session in a response: realtime or transcription, chosen by `type`.",
        "RealtimeSessionCreateResponseGA": (
            "A realtime session as the API configured it, defaults filled in. Keys this version does not know "
            "are kept in `additional_properties`; `null` is accepted anywhere."
        ),
        "RealtimeSessionCreateResponseGAAudio": "The audio settings in force.",
        "RealtimeSessionCreateResponseGAAudioInput": "The input audio settings in force.",
        "AudioTranscriptionResponse": "The transcription settings in force.",
        "AudioTranscriptionResponseModel": "The transcription model in force (any model name).",
        "RealtimeSessionCreateResponseGAAudioOutput": "The output audio settings in force.",
        "RealtimeTranscriptionSessionCreateResponseGA": "A transcription session as the API configured it.",
        "RealtimeTranscriptionSessionCreateResponseGAAudio": "The audio settings in force.",
        "RealtimeTranscriptionSessionCreateResponseGAAudioInput": "The input audio settings in force.",
        "RealtimeSessionCreateResponseAudioInputNoiseReduction": "The noise reduction in force.",
        "RealtimeTranscriptionSessionCreateResponseGAAudioInputTurnDetection": "The turn detection in force.",
    }
)

FIELD_WORDS.update(
    {
        "RealtimeCreateClientSecretRequest.expires_after": "When the key expires (the API's default: 600 s).",
        "RealtimeCreateClientSecretRequest.session": "The session the key opens.",
        "ClientSecretExpiration.anchor": "What `seconds` counts from; only `created_at`.",
        "ClientSecretExpiration.seconds": "Lifetime of the key in seconds, 10 to 7200.",
        "RealtimeSessionCreateRequestGA.type": "Always `realtime`.",
        "RealtimeSessionCreateRequestGA.output_modalities": '`["audio"]` (speech plus transcript) or `["text"]`.',
        "RealtimeSessionCreateRequestGA.model": "The model, such as `gpt-realtime`.",
        "RealtimeSessionCreateRequestGA.instructions": "The system instructions the model follows.",
        "RealtimeSessionCreateRequestGA.audio": "Audio in and out.",
        "RealtimeSessionCreateRequestGA.include": "Extra data to include in server events.",
        "RealtimeSessionCreateRequestGA.tracing": 'Tracing: `"auto"`, an object, or `None` for off.',
        "RealtimeSessionCreateRequestGA.tools": "Functions and MCP servers the model may call.",
        "RealtimeSessionCreateRequestGA.tool_choice": "A mode or one tool to call.",
        "RealtimeSessionCreateRequestGA.parallel_tool_calls": "Whether several tools may run at once (reasoning models).",
        "RealtimeSessionCreateRequestGA.reasoning": "Reasoning effort, for models that reason.",
        "RealtimeSessionCreateRequestGA.max_output_tokens": 'Token cap per response: an integer or `"inf"`.',
        "RealtimeSessionCreateRequestGA.truncation": "What to drop when the context is full.",
        "RealtimeSessionCreateRequestGA.prompt": "A stored prompt template, or `None`.",
        "RealtimeSessionCreateRequestGAAudio.input": "What the session hears.",
        "RealtimeSessionCreateRequestGAAudio.output": "How the session speaks.",
        "RealtimeSessionCreateRequestGAAudioInput.format": "Encoding of the audio the client sends.",
        "RealtimeSessionCreateRequestGAAudioInput.transcription": "Transcribe the user's speech.",
        "RealtimeSessionCreateRequestGAAudioInput.noise_reduction": "Noise filter, or `None` for none.",
        "RealtimeSessionCreateRequestGAAudioInput.turn_detection": "Turn detection, or `None` for off.",
        "PCMAudioFormat.type": "Always `audio/pcm`.",
        "PCMAudioFormat.rate": "Always 24000.",
        "PCMUAudioFormat.type": "Always `audio/pcmu`.",
        "PCMAAudioFormat.type": "Always `audio/pcma`.",
        "AudioTranscription.model": "The transcription model, such as `gpt-4o-transcribe`.",
        "AudioTranscription.language": "The spoken language as an ISO-639-1 code (`en`).",
        "AudioTranscription.languages": "Languages the audio may be in (some models only).",
        "AudioTranscription.keywords": "Words to listen for (some models only).",
        "AudioTranscription.prompt": "Text that guides the transcription.",
        "AudioTranscription.delay": "Latency against accuracy (some models only).",
        "RealtimeSessionCreateRequestGAAudioInputNoiseReduction.type": "Near-field or far-field filtering.",
        "ServerVAD.type": "Always `server_vad`.",
        "ServerVAD.threshold": "How loud speech must be to count (0.0 to 1.0).",
        "ServerVAD.prefix_padding_ms": "Audio kept from before speech starts, in ms.",
        "ServerVAD.silence_duration_ms": "Silence that ends a turn, in ms.",
        "ServerVAD.create_response": "Answer automatically when a turn ends.",
        "ServerVAD.interrupt_response": "Stop the model talking when the user starts.",
        "ServerVAD.idle_timeout_ms": "Prompt the user after this long without speech (5000 to 30000 ms), or `None`.",
        "SemanticVAD.type": "Always `semantic_vad`.",
        "SemanticVAD.eagerness": "How soon to take the turn: `low`, `medium`, `high` or `auto`.",
        "SemanticVAD.create_response": "Answer automatically when a turn ends.",
        "SemanticVAD.interrupt_response": "Stop the model talking when the user starts.",
        "RealtimeSessionCreateRequestGAAudioOutput.format": "Encoding of the audio the model sends.",
        "RealtimeSessionCreateRequestGAAudioOutput.voice": 'A voice name (`marin`) or a custom voice `{"id": ...}`.',
        "RealtimeSessionCreateRequestGAAudioOutput.speed": "Speaking speed, 0.25 to 1.5 (1.0 is normal).",
        "VoiceIdsOrCustomVoiceAnyOf.id": "The custom voice's id, such as `voice_1234`.",
        "TracingConfiguration.workflow_name": "Name of the trace's workflow.",
        "TracingConfiguration.group_id": "Group id for filtering traces.",
        "TracingConfiguration.metadata": "Free-form labels for the trace.",
        "RealtimeFunctionTool.type": "Always `function`.",
        "RealtimeFunctionTool.name": "The function's name.",
        "RealtimeFunctionTool.description": "When and how the model should call it.",
        "RealtimeFunctionTool.parameters": "A JSON Schema of its arguments, sent as given.",
        "MCPTool.type": "Always `mcp`.",
        "MCPTool.server_label": "A label naming the server in tool calls.",
        "MCPTool.server_url": "The server's URL (or use `connector_id` or `tunnel_id`).",
        "MCPTool.connector_id": "A built-in service connector.",
        "MCPTool.tunnel_id": "A Secure MCP Tunnel id, `tunnel_` and 32 lowercase letters or digits.",
        "MCPTool.authorization": "An OAuth token for the server; sent as given, so keep it out of logs.",
        "MCPTool.server_description": "What the server offers.",
        "MCPTool.headers": "HTTP headers for the server, or `None`.",
        "MCPTool.allowed_tools": "Which of the server's tools may be used, or `None` for all.",
        "MCPTool.allowed_callers": "Who may call the tools, or `None`.",
        "MCPTool.require_approval": "Which calls need approval, or `None`.",
        "MCPTool.defer_loading": "Load the tools only when tool search finds them.",
        "BetaMCPToolFilter.tool_names": "Tool names to match.",
        "BetaMCPToolFilter.read_only": "Match tools that only read data.",
        "MCPToolApprovalFilter.always": "Tools that always need approval.",
        "MCPToolApprovalFilter.never": "Tools that never need approval.",
        "BetaToolChoiceFunction.type": "Always `function`.",
        "BetaToolChoiceFunction.name": "The function to call.",
        "BetaToolChoiceMCP.type": "Always `mcp`.",
        "BetaToolChoiceMCP.server_label": "The server's label.",
        "BetaToolChoiceMCP.name": "The tool to call, or `None`.",
        "RealtimeReasoning.effort": "Reasoning effort.",
        "RetentionRatioTruncation.type": "Always `retention_ratio`.",
        "RetentionRatioTruncation.retention_ratio": "Share of the conversation to keep, 0.0 to 1.0.",
        "RetentionRatioTruncation.token_limits": "Custom token limits.",
        "RetentionRatioTruncationTokenLimits.post_instructions": "Most tokens allowed after the instructions.",
        "Prompt.id": "The prompt template's id.",
        "Prompt.version": "The template version, or `None` for the current one.",
        "Prompt.variables": "Values of the template's variables, by name, or `None`.",
        "InputTextContent.type": "Always `input_text`.",
        "InputTextContent.text": "The text.",
        "InputTextContent.prompt_cache_breakpoint": "Ends a cacheable prefix here.",
        "BetaPromptCacheBreakpointConfig.mode": "Always `explicit`.",
        "InputImageContent.type": "Always `input_image`.",
        "InputImageContent.image_url": "The image's URL or data URL, or `None`.",
        "InputImageContent.file_id": "An uploaded file's id, or `None`.",
        "InputImageContent.detail": "Detail level.",
        "InputImageContent.prompt_cache_breakpoint": "Ends a cacheable prefix here.",
        "InputFileContent.type": "Always `input_file`.",
        "InputFileContent.file_id": "An uploaded file's id, or `None`.",
        "InputFileContent.filename": "The file's name.",
        "InputFileContent.file_data": "The file's content.",
        "InputFileContent.prompt_cache_breakpoint": "Ends a cacheable prefix here.",
        "InputFileContent.file_url": "The file's URL.",
        "InputFileContent.detail": "Detail level.",
        "RealtimeTranscriptionSessionCreateRequestGA.type": "Always `transcription`.",
        "RealtimeTranscriptionSessionCreateRequestGA.audio": "What the session hears.",
        "RealtimeTranscriptionSessionCreateRequestGA.include": "Extra data to include in server events.",
        "RealtimeTranscriptionSessionCreateRequestGAAudio.input": "What the session hears.",
        "RealtimeCreateClientSecretResponse.value": "The ephemeral key (`ek_...`); keep it out of logs.",
        "RealtimeCreateClientSecretResponse.expires_at": "Unix time (seconds) when the key expires.",
        "RealtimeCreateClientSecretResponse.session": "The session as configured.",
        "RealtimeSessionCreateResponseGA.id": "The session id (`sess_...`).",
        "RealtimeSessionCreateResponseGA.object": "Always `realtime.session`.",
        "RealtimeSessionCreateResponseGA.expires_at": "Unix time (seconds) when the session expires.",
        "RealtimeTranscriptionSessionCreateResponseGA.id": "The session id (`sess_...`).",
        "RealtimeTranscriptionSessionCreateResponseGA.object": "`realtime.transcription_session`.",
        "RealtimeTranscriptionSessionCreateResponseGA.expires_at": "Unix time (seconds) when the session expires.",
        "RealtimeTranscriptionSessionCreateResponseGA.type": "Always `transcription`.",
        "RealtimeTranscriptionSessionCreateResponseGA.include": "Extra data included in server events.",
        "RealtimeTranscriptionSessionCreateResponseGA.audio": "The audio settings in force.",
        "RealtimeTranscriptionSessionCreateResponseGAAudioInputTurnDetection.type": "The detection method.",
        "RealtimeTranscriptionSessionCreateResponseGAAudioInputTurnDetection.threshold": "The activation threshold.",
        "RealtimeTranscriptionSessionCreateResponseGAAudioInputTurnDetection.prefix_padding_ms": "Audio kept before speech, in ms.",
        "RealtimeTranscriptionSessionCreateResponseGAAudioInputTurnDetection.silence_duration_ms": "Silence that ends a turn, in ms.",
    }
)

# --------------------------------------------------------------------------------------------------
# The rest of the Realtime API (realtime-api.openapi.yaml): SIP call control, the retired beta
# transcription sessions and translation keys.

MODEL_WORDS.update(
    {
        "RealtimeCallRejectRequest": (
            "The optional body of `deny_realtime_call`: the SIP status the caller hears. Left out, the API "
            "declines with 603."
        ),
        "RealtimeCallReferRequest": "The body of `invoke_refer_realtime_call`: where to transfer the call.",
        "RealtimeTranscriptionSessionCreateRequest": (
            "The body of `new_realtime_transcription_session` (a beta endpoint OpenAI has retired): audio "
            "format, transcription, noise reduction and turn detection of a transcription-only session."
        ),
        "RealtimeTranscriptionSessionCreateRequestTurnDetection": (
            "Voice activity detection of a beta transcription session (server VAD only)."
        ),
        "RealtimeTranscriptionSessionCreateResponse": (
            "What `new_realtime_transcription_session` returns: the ephemeral key in `client_secret` and the "
            "settings the API applied."
        ),
        "RealtimeTranscriptionSessionCreateResponseClientSecret": (
            "The ephemeral key of a beta transcription session and when it stops working. `repr()` never shows the key."
        ),
        "RealtimeTranscriptionSessionCreateResponseTurnDetection": "The voice activity detection settings in force.",
        "RealtimeTranslationClientSecretCreateRequest": (
            "The body of `new_realtime_translation_client_secret`: the translation session the key opens "
            "(required) and how long the key lives."
        ),
        "RealtimeTranslationSessionCreateRequest": (
            "A live translation session: the model, and the audio settings (source transcription, noise "
            "filter, target language)."
        ),
        "RealtimeTranslationSessionCreateRequestAudio": "Audio settings of a translation session: what comes in and what goes out.",
        "RealtimeTranslationSessionCreateRequestAudioInput": (
            "How a translation session hears: an optional transcript of the source speech and an optional noise filter."
        ),
        "RealtimeTranslationSessionCreateRequestAudioInputTranscription": (
            "Also writes down the source speech; `None` for no transcript."
        ),
        "RealtimeTranslationSessionCreateRequestAudioInputNoiseReduction": (
            "Filters the incoming audio; `None` for no filtering."
        ),
        "RealtimeTranslationSessionAudioOutput": "The language the session translates into (in requests and responses).",
        "RealtimeTranslationClientSecretCreateResponse": (
            "What `new_realtime_translation_client_secret` returns: the ephemeral key (`value`, never shown by "
            "`repr()`), its expiry, and the translation session as the API configured it."
        ),
        "RealtimeTranslationSession": "A translation session as the API configured it.",
        "RealtimeTranslationSessionAudio": "The audio settings in force.",
        "RealtimeTranslationSessionAudioInput": "The input audio settings in force.",
        "RealtimeTranslationSessionAudioInputTranscription": "The source transcription in force, or `None`.",
        "RealtimeTranslationSessionAudioInputNoiseReduction": "The noise filter in force, or `None`.",
    }
)

FIELD_WORDS.update(
    {
        "RealtimeCallRejectRequest.status_code": "A SIP status such as 486 (busy); the API's default is 603.",
        "RealtimeCallReferRequest.target_uri": "The transfer target, such as `tel:+14155550123` or `sip:desk@example.com`.",
        "RealtimeTranscriptionSessionCreateRequest.turn_detection": "Voice activity detection settings.",
        "RealtimeTranscriptionSessionCreateRequest.input_audio_noise_reduction": "Noise filter, or `None` for none.",
        "RealtimeTranscriptionSessionCreateRequest.input_audio_format": "Encoding of the audio the client sends.",
        "RealtimeTranscriptionSessionCreateRequest.input_audio_transcription": "The transcription model and its options.",
        "RealtimeTranscriptionSessionCreateRequest.include": "Extra data to include in server events.",
        "RealtimeTranscriptionSessionCreateRequestTurnDetection.type": "Always `server_vad`.",
        "RealtimeTranscriptionSessionCreateRequestTurnDetection.threshold": "How loud speech must be to count (0.0 to 1.0).",
        "RealtimeTranscriptionSessionCreateRequestTurnDetection.prefix_padding_ms": "Audio kept from before speech starts, in ms.",
        "RealtimeTranscriptionSessionCreateRequestTurnDetection.silence_duration_ms": "Silence that ends a turn, in ms.",
        "RealtimeTranscriptionSessionCreateResponse.client_secret": "The ephemeral key and its expiry.",
        "RealtimeTranscriptionSessionCreateResponse.modalities": "What the session produces.",
        "RealtimeTranscriptionSessionCreateResponseClientSecret.value": "The ephemeral key (`ek_...`); keep it out of logs.",
        "RealtimeTranscriptionSessionCreateResponseClientSecret.expires_at": "Unix time (seconds) when the key expires.",
        "RealtimeTranscriptionSessionCreateResponseTurnDetection.type": "The detection method.",
        "RealtimeTranscriptionSessionCreateResponseTurnDetection.threshold": "The activation threshold.",
        "RealtimeTranscriptionSessionCreateResponseTurnDetection.prefix_padding_ms": "Audio kept before speech, in ms.",
        "RealtimeTranscriptionSessionCreateResponseTurnDetection.silence_duration_ms": "Silence that ends a turn, in ms.",
        "RealtimeTranslationClientSecretCreateRequest.expires_after": "When the key expires (the API's default: 600 s).",
        "RealtimeTranslationClientSecretCreateRequest.session": "The translation session the key opens.",
        "RealtimeTranslationSessionCreateRequest.model": "The translation model.",
        "RealtimeTranslationSessionCreateRequest.audio": "Audio in and out.",
        "RealtimeTranslationSessionCreateRequestAudio.input": "What the session hears.",
        "RealtimeTranslationSessionCreateRequestAudio.output": "The language to translate into.",
        "RealtimeTranslationSessionCreateRequestAudioInput.transcription": "Transcribe the source speech, or `None`.",
        "RealtimeTranslationSessionCreateRequestAudioInput.noise_reduction": "Noise filter, or `None` for none.",
        "RealtimeTranslationSessionCreateRequestAudioInputTranscription.model": "The transcription model.",
        "RealtimeTranslationSessionCreateRequestAudioInputNoiseReduction.type": "Near-field or far-field filtering.",
        "RealtimeTranslationSessionAudioOutput.language": "The target language, such as `es`.",
        "RealtimeTranslationClientSecretCreateResponse.value": "The ephemeral key (`ek_...`); keep it out of logs.",
        "RealtimeTranslationClientSecretCreateResponse.expires_at": "Unix time (seconds) when the key expires.",
        "RealtimeTranslationClientSecretCreateResponse.session": "The translation session as configured.",
        "RealtimeTranslationSession.id": "The session id.",
        "RealtimeTranslationSession.type": "Always `translation`.",
        "RealtimeTranslationSession.expires_at": "Unix time (seconds) when the session expires.",
    }
)

#: Response models whose fields mean what the request model's fields of the same name mean.
FIELD_WORDS_FROM = {
    "RealtimeSessionCreateResponseGA": "RealtimeSessionCreateRequestGA",
    "RealtimeSessionCreateResponseGAAudio": "RealtimeSessionCreateRequestGAAudio",
    "RealtimeSessionCreateResponseGAAudioInput": "RealtimeSessionCreateRequestGAAudioInput",
    "RealtimeSessionCreateResponseGAAudioOutput": "RealtimeSessionCreateRequestGAAudioOutput",
    "AudioTranscriptionResponse": "AudioTranscription",
    "RealtimeTranscriptionSessionCreateResponseGAAudio": "RealtimeTranscriptionSessionCreateRequestGAAudio",
    "RealtimeTranscriptionSessionCreateResponseGAAudioInput": "RealtimeSessionCreateRequestGAAudioInput",
    "RealtimeTranscriptionSessionCreateRequestGAAudioInput": "RealtimeSessionCreateRequestGAAudioInput",
    "RealtimeSessionCreateResponseAudioInputNoiseReduction": "RealtimeSessionCreateRequestGAAudioInputNoiseReduction",
    "RealtimeTranscriptionSessionCreateResponse": "RealtimeTranscriptionSessionCreateRequest",
    "RealtimeTranslationSession": "RealtimeTranslationSessionCreateRequest",
    "RealtimeTranslationSessionAudio": "RealtimeTranslationSessionCreateRequestAudio",
    "RealtimeTranslationSessionAudioInput": "RealtimeTranslationSessionCreateRequestAudioInput",
    "RealtimeTranslationSessionAudioInputTranscription": "RealtimeTranslationSessionCreateRequestAudioInputTranscription",
    "RealtimeTranslationSessionAudioInputNoiseReduction": "RealtimeTranslationSessionCreateRequestAudioInputNoiseReduction",
}
