"""PowerShell's semantics for translated scripts: what ``psopenapi translate`` calls where a type is not known.

The translator writes plain Python where it knows what a value is (a string literal, a typed parameter, a
model from the spec). Where it does not, the output calls these functions so the script still behaves as
PowerShell 7 does: text conversion (``"$x"``), comparison and arithmetic with PowerShell's conversions,
case-insensitive hashtables and objects that read ``None`` for what is missing, .NET composite formatting
(``-f``), banker's rounding, regular expressions with ``$Matches``, pipelines, paths and files.

Translated scripts use it as ``from psopenapi_py import pscompat as ps``. ``import psopenapi_py`` does not
import it. Every function is documented with the PowerShell construct it stands for; docs/translate.md
lists them with examples the tests run.
"""

from __future__ import annotations

from ._arguments import (
    Argument,
    ValidateNotNull,
    ValidateNotNullOrEmpty,
    ValidatePattern,
    ValidateRange,
    ValidateSet,
    Validator,
    validate,
)
from ._calls import ErrorRecord, coalesce, error_record, splat
from ._collections import Hashtable, PSObject, count, index, items, length, member, set_index, set_member
from ._convert import (
    ScriptError,
    as_array,
    cast,
    collect,
    to_bool,
    to_double,
    to_int,
    to_number,
    truthy,
)
from ._files import (
    add_content,
    export_csv,
    get_content,
    import_csv,
    join_path,
    new_item,
    out_file,
    remove_item,
    set_content,
    split_path,
    temp_path,
    test_path,
)
from ._format import format_string, text
from ._json import convert_from_json, convert_to_json
from ._methods import invoke, static
from ._operators import (
    add,
    compare,
    contains,
    div,
    in_,
    join,
    like,
    match,
    mod,
    mul,
    neg,
    range_,
    replace,
    split,
    sub,
)
from ._pipeline import (
    emit,
    foreach_object,
    group_object,
    measure_object,
    select_object,
    sort_object,
    where_object,
)
from ._streams import Preferences, preferences, write_error, write_host, write_output, write_verbose, write_warning
from ._time import get_date

__all__ = [
    "Argument",
    "ErrorRecord",
    "Hashtable",
    "PSObject",
    "Preferences",
    "ScriptError",
    "ValidateNotNull",
    "ValidateNotNullOrEmpty",
    "ValidatePattern",
    "ValidateRange",
    "ValidateSet",
    "Validator",
    "add",
    "add_content",
    "as_array",
    "cast",
    "coalesce",
    "collect",
    "compare",
    "contains",
    "convert_from_json",
    "convert_to_json",
    "count",
    "div",
    "emit",
    "error_record",
    "export_csv",
    "foreach_object",
    "format_string",
    "get_content",
    "get_date",
    "group_object",
    "import_csv",
    "in_",
    "index",
    "invoke",
    "items",
    "join",
    "join_path",
    "length",
    "like",
    "match",
    "measure_object",
    "member",
    "mod",
    "mul",
    "neg",
    "new_item",
    "out_file",
    "preferences",
    "range_",
    "remove_item",
    "replace",
    "select_object",
    "set_content",
    "set_index",
    "set_member",
    "sort_object",
    "splat",
    "split",
    "split_path",
    "static",
    "sub",
    "temp_path",
    "test_path",
    "text",
    "to_bool",
    "to_double",
    "to_int",
    "to_number",
    "truthy",
    "validate",
    "where_object",
    "write_error",
    "write_host",
    "write_output",
    "write_verbose",
    "write_warning",
]
