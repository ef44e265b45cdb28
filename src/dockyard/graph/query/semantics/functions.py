"""The function names a query may call: the engine's, and every one Neptune documents or openCypher 9
defines (one the engine lacks then fails when it runs, not at compile time). A call to any other name
is refused at compile time (UnknownFunction), as Neptune's front end refuses it; a dotted name
(``neptune.*``, a namespace) is left to the engine."""

from __future__ import annotations

from dockyard.graph.query.functions import FUNCTIONS
from dockyard.graph.query.semantics.aggregation import is_aggregate_name

# Neptune's openCypher compliance and extensions pages (docs/neptune-query.md), lower case
NEPTUNE_DOCUMENTED = frozenset({
    "exists", "coalesce", "endnode", "epochmillis", "head", "id", "last", "length", "randomuuid", "properties",
    "removekeyfrommap", "size", "startnode", "timestamp", "toboolean", "tofloat", "tointeger", "type", "join",
    "keys", "labels", "nodes", "range", "relationships", "reverse", "tail", "abs", "ceil", "floor", "rand",
    "round", "sign", "e", "exp", "log", "log10", "sqrt", "acos", "asin", "atan", "atan2", "cos", "cot",
    "degrees", "pi", "radians", "sin", "tan", "left", "ltrim", "replace", "right", "rtrim", "split",
    "substring", "tolower", "tostring", "toupper", "trim", "textindexof", "colltoset", "collsubtract",
    "collintersection", "collsort", "collsortmaps", "collsortmulti", "collsortnodes", "day", "month", "year",
    "reduce"
})
# openCypher 9's other functions (temporal constructors, haversin)
OPENCYPHER_9 = frozenset({"date", "datetime", "localdatetime", "localtime", "time", "duration", "haversin"})


def known_function(name: str) -> bool:
    return (
        "." in name
        or name in FUNCTIONS
        or is_aggregate_name(name)
        or name in NEPTUNE_DOCUMENTED
        or name in OPENCYPHER_9
    )
