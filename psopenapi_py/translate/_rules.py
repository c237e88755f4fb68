"""PowerShell's own built-ins, as data: the cmdlets, operators, casts and automatic variables the translator knows.

Nothing about psopenapi_py lives here: the package's cmdlets, parameters and fields are read from the
package itself (see ``_catalog.py``). What is here is what PowerShell brings along, and how each piece
is spelled in Python.
"""

from __future__ import annotations

import attrs

#: Output lines longer than this are split at their outermost call, list or dict (one item a line).
LINE_WIDTH_CHARS = 120
INDENT = "    "
#: Deeper blocks are reported, not written: CPython refuses more than 20 nested loops or try blocks.
MAX_BLOCK_DEPTH = 20


@attrs.frozen
class BuiltinParam:
    """One parameter of a PowerShell built-in cmdlet."""

    name: str
    #: Takes no value (``-Compress``); ``-Name:$false`` still may give one.
    switch: bool = False
    #: Which positional argument binds here (None: named only).
    position: int | None = None
    #: Collects every remaining positional argument (``Write-Host a b c``).
    variadic: bool = False
    #: What a value piped into the cmdlet binds to.
    pipeline: bool = False
    aliases: tuple[str, ...] = ()
    #: Accepted and dropped: it only changes how PowerShell's console looks (colours).
    ignored: bool = False


@attrs.frozen
class BuiltinCommand:
    """A PowerShell built-in cmdlet and the name of its handler in ``_builtins.HANDLERS``, which writes its Python."""

    name: str
    handler: str
    params: tuple[BuiltinParam, ...]
    aliases: tuple[str, ...] = ()


#: ``-ErrorAction``, the common parameter every built-in below accepts (its handler decides what each value does).
_EA = BuiltinParam("ErrorAction", aliases=("ea",))
#: ``-ErrorVariable name`` of the cmdlets whose non-terminating errors the runtime writes (the path cmdlets).
_EV = BuiltinParam("ErrorVariable", aliases=("ev",))

#: The operator switches of ``Where-Object``'s simplified syntax (``Where-Object Name -eq 'x'``).
WHERE_OPERATORS = tuple(
    case + op
    for case in ("", "C")
    for op in (
        "EQ", "NE", "GT", "GE", "LT", "LE", "Like", "NotLike", "Match", "NotMatch",
        "Contains", "NotContains", "In", "NotIn",
    )
) + ("Is", "IsNot")  # fmt: skip

#: The parameters of Invoke-RestMethod and Invoke-WebRequest: those translated, those accepted because
#: they change nothing in PowerShell 7 (``-UseBasicParsing``), and those the handler reports.
WEB_UNSUPPORTED = (
    "WebSession",
    "SessionVariable",
    "Credential",
    "Authentication",
    "Token",
    "Form",
    "InFile",
    "OutFile",
    "PassThru",
    "CustomMethod",
    "Proxy",
    "NoProxy",
    "FollowRelLink",
    "TransferEncoding",
    "Certificate",
    "CertificateThumbprint",
    "Resume",
    "PreserveAuthorizationOnRedirect",
    "AllowUnencryptedAuthentication",
    "MaximumRedirection",
)
_WEB_SWITCHES = (
    "PassThru",
    "NoProxy",
    "FollowRelLink",
    "Resume",
    "PreserveAuthorizationOnRedirect",
    "AllowUnencryptedAuthentication",
)
_WEB_PARAMS = (
    BuiltinParam("Uri", position=0),
    BuiltinParam("Method"),
    BuiltinParam("Headers"),
    BuiltinParam("Body", pipeline=True),
    BuiltinParam("ContentType"),
    BuiltinParam("TimeoutSec"),
    BuiltinParam("SkipCertificateCheck", switch=True),
    BuiltinParam("UserAgent"),
    BuiltinParam("SkipHttpErrorCheck", switch=True),
    BuiltinParam("MaximumRetryCount"),
    BuiltinParam("RetryIntervalSec"),
    BuiltinParam("StatusCodeVariable"),
    BuiltinParam("ResponseHeadersVariable", aliases=("RHV",)),
    BuiltinParam("UseBasicParsing", switch=True, ignored=True),
    BuiltinParam("DisableKeepAlive", switch=True, ignored=True),
    *(BuiltinParam(name, switch=name in _WEB_SWITCHES) for name in WEB_UNSUPPORTED),
    _EA,
)

BUILTIN_COMMANDS: tuple[BuiltinCommand, ...] = (
    BuiltinCommand("Invoke-RestMethod", "invoke_rest_method", _WEB_PARAMS, aliases=("irm",)),
    BuiltinCommand("Invoke-WebRequest", "invoke_web_request", _WEB_PARAMS, aliases=("iwr",)),
    BuiltinCommand(
        "Write-Host",
        "write_host",
        (
            BuiltinParam("Object", position=0, variadic=True, pipeline=True),
            BuiltinParam("NoNewline", switch=True),
            BuiltinParam("Separator"),
            BuiltinParam("ForegroundColor", ignored=True),
            BuiltinParam("BackgroundColor", ignored=True),
        ),
    ),
    BuiltinCommand(
        "Write-Output",
        "write_output",
        (
            BuiltinParam("InputObject", position=0, variadic=True, pipeline=True),
            BuiltinParam("NoEnumerate", switch=True),
        ),
        aliases=("echo", "write"),
    ),
    BuiltinCommand("Write-Error", "write_error", (BuiltinParam("Message", position=0, pipeline=True), _EA)),
    BuiltinCommand(
        "Write-Warning",
        "write_warning",
        (BuiltinParam("Message", position=0, pipeline=True), BuiltinParam("WarningAction", aliases=("wa",)), _EA),
    ),
    BuiltinCommand("Write-Verbose", "write_verbose", (BuiltinParam("Message", position=0, pipeline=True), _EA)),
    BuiltinCommand(
        "Write-Information",
        "write_information",
        (
            BuiltinParam("MessageData", position=0, aliases=("Msg", "Message")),
            BuiltinParam("Tags", position=1),
            BuiltinParam("InformationAction", aliases=("infa",)),
            _EA,
        ),
    ),
    BuiltinCommand("Write-Debug", "write_debug", (BuiltinParam("Message", position=0, pipeline=True), _EA)),
    BuiltinCommand(
        "ConvertTo-Json",
        "convert_to_json",
        (
            BuiltinParam("InputObject", position=0, pipeline=True),
            BuiltinParam("Depth"),
            BuiltinParam("Compress", switch=True),
            BuiltinParam("AsArray", switch=True),
            # Only its truncation warning goes to the warning stream, which the translation does not write.
            BuiltinParam("WarningAction", aliases=("wa",), ignored=True),
            _EA,
        ),
    ),
    BuiltinCommand(
        "ConvertFrom-Json",
        "convert_from_json",
        (
            BuiltinParam("InputObject", position=0, pipeline=True),
            BuiltinParam("AsHashtable", switch=True),
            BuiltinParam("NoEnumerate", switch=True),
            # Only a limit on nesting (1024 by default), which no script's data reaches.
            BuiltinParam("Depth", ignored=True),
            _EA,
        ),
    ),
    BuiltinCommand(
        "Start-Sleep",
        "start_sleep",
        (
            BuiltinParam("Seconds", position=0),
            BuiltinParam("Milliseconds", aliases=("ms",)),
        ),
        aliases=("sleep",),
    ),
    BuiltinCommand("Out-Null", "out_null", (BuiltinParam("InputObject", pipeline=True),)),
    BuiltinCommand("Import-Module", "import_module", (BuiltinParam("Name", position=0),), aliases=("ipmo",)),
    BuiltinCommand(
        "Set-StrictMode",
        "set_strict_mode",
        (BuiltinParam("Version", position=0, aliases=("v",)), BuiltinParam("Off", switch=True)),
    ),
    # Paths and files
    BuiltinCommand(
        "New-Object",
        "new_object",
        (
            BuiltinParam("TypeName", position=0),
            BuiltinParam("ArgumentList", position=1, aliases=("Args",)),
            BuiltinParam("Property"),
            _EA,
        ),
    ),
    BuiltinCommand(
        "Add-Member",
        "add_member",
        (
            BuiltinParam("InputObject", pipeline=True),
            BuiltinParam("MemberType", position=0, aliases=("Type",)),
            BuiltinParam("Name", position=1),
            BuiltinParam("Value", position=2),
            BuiltinParam("NotePropertyName"),
            BuiltinParam("NotePropertyValue"),
            BuiltinParam("NotePropertyMembers"),
            BuiltinParam("PassThru", switch=True),
            BuiltinParam("Force", switch=True),
            _EA,
        ),
    ),
    BuiltinCommand(
        "New-TimeSpan",
        "new_timespan",
        (
            BuiltinParam("Start", position=0),
            BuiltinParam("End", position=1),
            BuiltinParam("Days"),
            BuiltinParam("Hours"),
            BuiltinParam("Minutes"),
            BuiltinParam("Seconds"),
            BuiltinParam("Milliseconds"),
        ),
    ),
    BuiltinCommand(
        "Join-Path",
        "join_path",
        (
            BuiltinParam("Path", position=0, pipeline=True),
            BuiltinParam("ChildPath", position=1),
            BuiltinParam("AdditionalChildPath", position=2, variadic=True),
            _EA,
        ),
    ),
    BuiltinCommand(
        "Get-ChildItem",
        "get_child_item",
        (
            BuiltinParam("Path", position=0, pipeline=True),
            BuiltinParam("Filter", position=1),
            BuiltinParam("File", switch=True),
            BuiltinParam("Directory", switch=True),
            BuiltinParam("Recurse", switch=True),
            BuiltinParam("Name", switch=True),
            BuiltinParam("Force", switch=True),
            _EA,
            _EV,
        ),
        aliases=("gci", "dir"),
    ),
    BuiltinCommand(
        "Get-Item",
        "get_item",
        (
            BuiltinParam("Path", position=0, pipeline=True, aliases=("LiteralPath", "PSPath", "LP")),
            BuiltinParam("Force", switch=True),
            _EA,
            _EV,
        ),
        aliases=("gi",),
    ),
    BuiltinCommand(
        "Measure-Command",
        "measure_command",
        (BuiltinParam("Expression", position=0),),
    ),
    BuiltinCommand(
        "Test-Path",
        "test_path",
        (BuiltinParam("Path", position=0, pipeline=True), BuiltinParam("PathType", aliases=("Type",)), _EA),
    ),
    BuiltinCommand(
        "Split-Path",
        "split_path",
        (
            BuiltinParam("Path", position=0, pipeline=True),
            BuiltinParam("Parent", switch=True),
            BuiltinParam("Leaf", switch=True),
            BuiltinParam("LeafBase", switch=True),
            BuiltinParam("Extension", switch=True),
            _EA,
        ),
    ),
    BuiltinCommand(
        "Set-Content",
        "set_content",
        (
            BuiltinParam("Path", position=0),
            BuiltinParam("Value", position=1, pipeline=True),
            BuiltinParam("NoNewline", switch=True),
            BuiltinParam("Encoding"),
            _EA,
        ),
    ),
    BuiltinCommand(
        "Add-Content",
        "add_content",
        (
            BuiltinParam("Path", position=0),
            BuiltinParam("Value", position=1, pipeline=True),
            BuiltinParam("NoNewline", switch=True),
            BuiltinParam("Encoding"),
            _EA,
        ),
        aliases=("ac",),
    ),
    BuiltinCommand(
        "Get-Content",
        "get_content",
        (
            BuiltinParam("Path", position=0),
            BuiltinParam("Raw", switch=True),
            BuiltinParam("Tail", aliases=("Last",)),
            BuiltinParam("TotalCount", aliases=("First", "Head")),
            BuiltinParam("Encoding"),
            _EA,
            _EV,
        ),
        aliases=("gc", "cat", "type"),
    ),
    BuiltinCommand(
        "Out-File",
        "out_file",
        (
            BuiltinParam("FilePath", position=0, aliases=("Path",)),
            BuiltinParam("InputObject", pipeline=True),
            BuiltinParam("Append", switch=True),
            BuiltinParam("NoNewline", switch=True),
            BuiltinParam("Encoding", position=1),
            _EA,
        ),
    ),
    BuiltinCommand(
        "Export-Csv",
        "export_csv",
        (
            BuiltinParam("Path", position=0),
            BuiltinParam("InputObject", pipeline=True),
            BuiltinParam("NoTypeInformation", switch=True, aliases=("NTI",)),
            BuiltinParam("Append", switch=True),
            BuiltinParam("Delimiter", position=1),
            BuiltinParam("Encoding"),
            BuiltinParam("UseQuotes"),
            BuiltinParam("QuoteFields"),
            _EA,
        ),
        aliases=("epcsv",),
    ),
    BuiltinCommand(
        "Import-Csv",
        "import_csv",
        (
            BuiltinParam("Path", position=0),
            BuiltinParam("Delimiter", position=1),
            BuiltinParam("Header"),
            BuiltinParam("Encoding"),
            _EA,
        ),
        aliases=("ipcsv",),
    ),
    BuiltinCommand(
        "Compare-Object",
        "compare_object",
        (
            BuiltinParam("ReferenceObject", position=0),
            BuiltinParam("DifferenceObject", position=1, pipeline=True),
            BuiltinParam("Property"),
            BuiltinParam("IncludeEqual", switch=True),
            BuiltinParam("ExcludeDifferent", switch=True),
            BuiltinParam("PassThru", switch=True),
            BuiltinParam("CaseSensitive", switch=True),
            BuiltinParam("SyncWindow"),
            BuiltinParam("Culture"),
            _EA,
        ),
        aliases=("compare", "diff"),
    ),
    BuiltinCommand(
        "ConvertTo-Csv",
        "convert_to_csv",
        (
            BuiltinParam("InputObject", position=0, pipeline=True),
            BuiltinParam("Delimiter", position=1),
            BuiltinParam("NoTypeInformation", switch=True, aliases=("NTI",)),
            BuiltinParam("UseQuotes"),
            BuiltinParam("QuoteFields"),
            BuiltinParam("IncludeTypeInformation", switch=True),
            BuiltinParam("UseCulture", switch=True),
            _EA,
        ),
    ),
    BuiltinCommand(
        "ConvertFrom-Csv",
        "convert_from_csv",
        (
            BuiltinParam("InputObject", position=0, pipeline=True),
            BuiltinParam("Delimiter", position=1),
            BuiltinParam("Header"),
            BuiltinParam("UseCulture", switch=True),
            _EA,
        ),
    ),
    BuiltinCommand(
        "ConvertFrom-StringData",
        "convert_from_string_data",
        (BuiltinParam("StringData", position=0, pipeline=True), BuiltinParam("Delimiter", position=1), _EA),
    ),
    BuiltinCommand(
        "Remove-Item",
        "remove_item",
        (
            BuiltinParam("Path", position=0, pipeline=True),
            BuiltinParam("Recurse", switch=True),
            BuiltinParam("Force", switch=True),
            _EA,
            _EV,
        ),
        aliases=("ri", "rm", "rmdir", "del", "erase", "rd"),
    ),
    BuiltinCommand(
        "Copy-Item",
        "copy_item",
        (
            BuiltinParam("Path", position=0, pipeline=True),
            BuiltinParam("Destination", position=1),
            BuiltinParam("Recurse", switch=True),
            BuiltinParam("Force", switch=True),
            _EA,
            _EV,
        ),
        aliases=("copy", "cp", "cpi"),
    ),
    BuiltinCommand(
        "Move-Item",
        "move_item",
        (
            BuiltinParam("Path", position=0, pipeline=True),
            BuiltinParam("Destination", position=1),
            BuiltinParam("Force", switch=True),
            _EA,
            _EV,
        ),
        aliases=("move", "mv", "mi"),
    ),
    BuiltinCommand(
        "Rename-Item",
        "rename_item",
        (
            BuiltinParam("Path", position=0, pipeline=True),
            BuiltinParam("NewName", position=1),
            BuiltinParam("Force", switch=True),
            _EA,
            _EV,
        ),
        aliases=("ren", "rni"),
    ),
    BuiltinCommand(
        "Write-Progress",
        "write_progress",
        (
            BuiltinParam("Activity", position=0),
            BuiltinParam("Status", position=1),
            BuiltinParam("Id", position=2),
            BuiltinParam("PercentComplete"),
            BuiltinParam("SecondsRemaining"),
            BuiltinParam("CurrentOperation"),
            BuiltinParam("ParentId"),
            BuiltinParam("Completed", switch=True),
        ),
    ),
    BuiltinCommand(
        "New-Item",
        "new_item",
        (
            BuiltinParam("Path", position=0),
            BuiltinParam("Name"),
            BuiltinParam("ItemType", aliases=("Type",)),
            BuiltinParam("Value", pipeline=True),
            BuiltinParam("Force", switch=True),
            _EA,
        ),
        aliases=("ni",),
    ),
    # The pipeline
    BuiltinCommand(
        "Where-Object",
        "where_object",
        (
            # -FilterScript and -Property both take the first position, in different parameter sets.
            BuiltinParam("FilterScript", position=0, aliases=("Property",)),
            BuiltinParam("Value", position=1),
            BuiltinParam("InputObject", pipeline=True),
            BuiltinParam("Not", switch=True),
            *(BuiltinParam(op, switch=True) for op in WHERE_OPERATORS),
            _EA,
        ),
        aliases=("?", "where"),
    ),
    BuiltinCommand(
        "ForEach-Object",
        "foreach_object",
        (
            # -Process and -MemberName both take the first position, in different parameter sets.
            BuiltinParam("Process", position=0, aliases=("MemberName",)),
            BuiltinParam("Begin"),
            BuiltinParam("End"),
            BuiltinParam("RemainingScripts"),
            BuiltinParam("Parallel"),
            BuiltinParam("InputObject", pipeline=True),
            _EA,
        ),
        aliases=("%", "foreach"),
    ),
    BuiltinCommand(
        "Select-Object",
        "select_object",
        (
            BuiltinParam("Property", position=0),
            BuiltinParam("InputObject", pipeline=True),
            BuiltinParam("First"),
            BuiltinParam("Last"),
            BuiltinParam("Skip"),
            BuiltinParam("SkipLast"),
            BuiltinParam("Index"),
            BuiltinParam("Unique", switch=True),
            BuiltinParam("ExpandProperty"),
            BuiltinParam("ExcludeProperty"),
            _EA,
        ),
        aliases=("select",),
    ),
    BuiltinCommand(
        "Sort-Object",
        "sort_object",
        (
            BuiltinParam("Property", position=0),
            BuiltinParam("InputObject", pipeline=True),
            BuiltinParam("Descending", switch=True),
            BuiltinParam("Unique", switch=True),
            BuiltinParam("CaseSensitive", switch=True),
            _EA,
        ),
        aliases=("sort",),
    ),
    BuiltinCommand(
        "Format-Table",
        "format_table",
        (
            BuiltinParam("Property", position=0),
            BuiltinParam("InputObject", pipeline=True),
            # The translation always sizes columns to their contents, as -AutoSize does; so does pwsh 7
            # for the few objects a script prints at once.
            BuiltinParam("AutoSize", switch=True, ignored=True),
            BuiltinParam("Wrap", switch=True, ignored=True),
            BuiltinParam("HideTableHeaders", switch=True),
            BuiltinParam("GroupBy"),
            _EA,
        ),
        aliases=("ft",),
    ),
    BuiltinCommand(
        "Format-List",
        "format_list",
        (
            BuiltinParam("Property", position=0),
            BuiltinParam("InputObject", pipeline=True),
            BuiltinParam("GroupBy"),
            _EA,
        ),
        aliases=("fl",),
    ),
    BuiltinCommand(
        "Select-String",
        "select_string",
        (
            BuiltinParam("Pattern", position=0),
            BuiltinParam("Path", position=1),
            BuiltinParam("LiteralPath", aliases=("PSPath", "LP")),
            BuiltinParam("InputObject", pipeline=True),
            BuiltinParam("SimpleMatch", switch=True),
            BuiltinParam("CaseSensitive", switch=True, aliases=("ca",)),
            BuiltinParam("NotMatch", switch=True),
            BuiltinParam("AllMatches", switch=True),
            BuiltinParam("Quiet", switch=True, aliases=("q",)),
            BuiltinParam("Raw", switch=True),
            BuiltinParam("List", switch=True),
            BuiltinParam("NoEmphasis", switch=True, ignored=True),
            BuiltinParam("Context"),
            BuiltinParam("Include"),
            BuiltinParam("Exclude"),
            BuiltinParam("Culture"),
            BuiltinParam("Encoding"),
            _EA,
            _EV,
        ),
        aliases=("sls",),
    ),
    BuiltinCommand(
        "Get-Member",
        "get_member",
        (
            BuiltinParam("Name", position=0),
            BuiltinParam("InputObject", pipeline=True),
            BuiltinParam("MemberType", aliases=("type",)),
            BuiltinParam("Static", switch=True),
            BuiltinParam("View"),
            BuiltinParam("Force", switch=True),
            _EA,
        ),
        aliases=("gm",),
    ),
    BuiltinCommand(
        "Measure-Object",
        "measure_object",
        (
            BuiltinParam("Property", position=0),
            BuiltinParam("InputObject", pipeline=True),
            BuiltinParam("Sum", switch=True),
            BuiltinParam("Average", switch=True),
            BuiltinParam("Maximum", switch=True),
            BuiltinParam("Minimum", switch=True),
            BuiltinParam("Line", switch=True),
            BuiltinParam("Word", switch=True),
            BuiltinParam("Character", switch=True),
            BuiltinParam("IgnoreWhiteSpace", switch=True),
            _EA,
        ),
        aliases=("measure",),
    ),
    BuiltinCommand(
        "Group-Object",
        "group_object",
        (
            BuiltinParam("Property", position=0),
            BuiltinParam("InputObject", pipeline=True),
            BuiltinParam("NoElement", switch=True),
            BuiltinParam("CaseSensitive", switch=True),
            BuiltinParam("AsHashTable", switch=True),
            BuiltinParam("AsString", switch=True),
            _EA,
        ),
        aliases=("group",),
    ),
    BuiltinCommand(
        "Join-String",
        "join_string",
        (
            BuiltinParam("Property", position=0),
            BuiltinParam("Separator", position=1),
            BuiltinParam("OutputPrefix", aliases=("op",)),
            BuiltinParam("OutputSuffix", aliases=("os",)),
            BuiltinParam("SingleQuote", switch=True),
            BuiltinParam("DoubleQuote", switch=True),
            BuiltinParam("FormatString"),
            BuiltinParam("UseCulture", switch=True),
            BuiltinParam("InputObject", pipeline=True),
            _EA,
        ),
    ),
    BuiltinCommand(
        "Out-String",
        "out_string",
        (BuiltinParam("InputObject", pipeline=True), BuiltinParam("Stream", switch=True), BuiltinParam("Width"), _EA),
    ),
    # Values
    BuiltinCommand(
        "Get-Date",
        "get_date",
        (
            BuiltinParam("Date", position=0, pipeline=True),
            BuiltinParam("Format"),
            BuiltinParam("UFormat"),
            BuiltinParam("AsUTC", switch=True),
            _EA,
        ),
    ),
    BuiltinCommand("New-Guid", "new_guid", (_EA,)),
    BuiltinCommand(
        "Get-Random",
        "get_random",
        (
            BuiltinParam("Maximum", position=0, aliases=("Max",)),
            BuiltinParam("Minimum", aliases=("Min",)),
            BuiltinParam("InputObject", pipeline=True),
            BuiltinParam("Count"),
            _EA,
        ),
    ),
)

#: Built-ins (by handler) for which one call with a whole piped array is what PowerShell's once-per-item
#: run amounts to: ConvertTo-Json and Out-String collect their input first; Write-Output passes items on;
#: the file cmdlets write (or remove) every item; the pipeline cmdlets' runtime functions iterate themselves.
WHOLE_ARRAY_PIPELINE = frozenset(
    {
        "get_member",
        "convert_to_json",
        "convert_from_json",
        "write_output",
        "out_null",
        "write_host",
        "set_content",
        "add_content",
        "out_file",
        "export_csv",
        "convert_to_csv",
        "remove_item",
        "copy_item",
        "move_item",
        "join_path",
        "test_path",
        "where_object",
        "foreach_object",
        "select_object",
        "sort_object",
        "measure_object",
        "group_object",
        "join_string",
        "select_string",
        "convert_from_csv",
        "convert_from_string_data",
        "compare_object",
        "add_member",
        "format_table",
        "format_list",
        "out_string",
        "get_random",
    }
)

#: The module the package ports: ``Import-Module PSOpenAPITools`` is what the output's imports do.
MODULE_NAME = "PSOpenAPITools"

#: Preference variables a script may set (lower case), and ``$OFS``: they become ``ps.preferences.set(...)``,
#: which the runtime's Write-Error, Write-Warning, Write-Verbose and array-to-text conversion follow.
PREFERENCE_VARIABLES = frozenset({"erroractionpreference", "warningpreference", "verbosepreference", "ofs"})

#: Comparison operators (``-ieq`` and ``-ceq`` are spelled out below: PowerShell's ``-eq`` is ``-ieq``).
COMPARISONS: dict[str, str] = {"eq": "==", "ne": "!=", "gt": ">", "ge": ">=", "lt": "<", "le": "<="}
#: Operators of the arithmetic node types, PowerShell spelling to Python.
ARITHMETIC: dict[str, str] = {"+": "+", "-": "-", "*": "*", "/": "/", "%": "%"}
LOGICAL: dict[str, str] = {"-and": "and", "-or": "or", "-xor": "xor"}
#: Compound assignment operators PowerShell and Python share.
ASSIGNMENT_OPERATORS = frozenset({"=", "+=", "-=", "*=", "/=", "%="})

#: Casts and parameter types (lower case, without a leading ``system.``) to what the translator does.
CASTS: dict[str, str] = {
    "int": "int",
    "int32": "int",
    "int64": "int",
    "long": "int",
    "string": "str",
    "double": "float",
    "float": "float",
    "single": "float",
    "bool": "bool",
    "boolean": "bool",
    "switch": "bool",
    # [ordered]@{...} and [pscustomobject]@{...}: Python dicts keep their order already.
    "ordered": "dict_literal",
    "pscustomobject": "dict_literal",
    "hashtable": "dict",
    "collections.hashtable": "dict",
    "collections.idictionary": "dict",
    "collections.specialized.ordereddictionary": "dict",
    # As a parameter type: converted when the function starts ([datetime]'2025-01-01' from text).
    "datetime": "datetime",
    "array": "list",
    "object[]": "list",
    "string[]": "list",
    "int[]": "list",
    "object": "any",
    "scriptblock": "block",
    "void": "void",
}

#: catch [Type] names (lower case) to the Python exception class caught.
CATCH_TYPES: dict[str, str] = {
    "exception": "Exception",
    "system.exception": "Exception",
    "system.management.automation.runtimeexception": "Exception",
    "microsoft.powershell.commands.httpresponseexception": "ApiException",
    "system.net.http.httprequestexception": "ApiException",
}

#: In a catch block, ``$_`` (the ErrorRecord) members to the caught ApiException's: path (lower case,
#: from ``$_``) -> (Python template with ``{e}`` for the exception variable, type of the result).
EXCEPTION_MEMBERS: dict[tuple[str, ...], tuple[str, str]] = {
    # ErrorDetails holds the response body text; error_details is the same body, parsed when JSON.
    ("errordetails",): ("{e}.error_details", "details"),
    ("errordetails", "message"): ("{e}.body", "str"),
    ("exception",): ("{e}", "exception"),
    ("exception", "message"): ("ps.exception_message({e})", "str"),
    ("exception", "response", "statuscode"): ("ps.http_status({e}.status)", "status"),
    ("exception", "response", "statuscode", "value__"): ("{e}.status", "int"),
    ("exception", "response", "reasonphrase"): ("{e}.reason", "str"),
    ("exception", "response", "headers"): ("{e}.headers", "headers"),
}

#: Automatic variables whose meaning a translation cannot carry over: each is reported, never guessed.
AUTOMATIC_VARIABLES = frozenset(
    {
        "args",
        "input",
        "matches",
        "psscriptroot",
        "pscommandpath",
        "myinvocation",
        "lastexitcode",
        "error",
        "host",
        "pwd",
        "home",
        "psversiontable",
        "psboundparameters",
        "this",
        "$",
        "?",
        "^",
        "erroractionpreference",
        "verbosepreference",
        "debugpreference",
        "warningpreference",
        "progresspreference",
        "confirmpreference",
        "ofs",
        "pid",
        "executioncontext",
        "stacktrace",
        "foreach",
        "switch",
        "sender",
        "event",
        "eventargs",
        "pscmdlet",
        "psculture",
        "psuiculture",
        "psedition",
        "shellid",
        "nestedpromptlevel",
    }
)

#: Scope prefixes (``$script:x``) that still name the script's own variable when written at top level.
SCRIPT_SCOPES = frozenset({"script", "global", "local"})

#: Numeric literal multipliers (``10kb``).
NUMBER_MULTIPLIERS: dict[str, int] = {"kb": 1024, "mb": 1024**2, "gb": 1024**3, "tb": 1024**4, "pb": 1024**5}

#: Backtick escapes in double-quoted strings (any other backtick-char is the char itself).
BACKTICK_ESCAPES: dict[str, str] = {
    "0": "\0",
    "a": "\a",
    "b": "\b",
    "e": "\x1b",
    "f": "\f",
    "n": "\n",
    "r": "\r",
    "t": "\t",
    "v": "\v",
}

#: Standard-library modules the output may import: no variable may take these names.
STDLIB_MODULES = ("fnmatch", "json", "os", "re", "sys", "time")

#: Small functions the output defines when it needs them: name -> (source, stdlib modules it uses).
HELPERS: dict[str, tuple[str, tuple[str, ...]]] = {
    "_convert_from_json": (
        '''def _convert_from_json(value):
    """ConvertFrom-Json: parse JSON text; a value that is already parsed (error_details) is kept."""
    return json.loads(value) if isinstance(value, (str, bytes)) else value''',
        ("json",),
    ),
    "_json_default": (
        '''def _json_default(value):
    """ConvertTo-Json of a psopenapi_py model: its JSON form."""
    return value.to_dict()''',
        (),
    ),
    "_member": (
        '''def _member(value, name):
    """PowerShell's member access on a value of unknown kind: a dict key or an attribute, any case."""
    wanted = name.replace("_", "").lower()
    if wanted in ("count", "length") and isinstance(value, (list, tuple, str)):
        return len(value)
    keys = value.keys() if isinstance(value, dict) else [k for k in dir(value) if not k.startswith("_")]
    for key in keys:
        if key.replace("_", "").lower() == wanted:
            return value[key] if isinstance(value, dict) else getattr(value, key)
    return None''',
        (),
    ),
}
