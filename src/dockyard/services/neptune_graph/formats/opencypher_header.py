"""Header rules of the openCypher CSV load format.

Id spaces: a node id ``x`` in ``:ID(space)`` is stored as the vertex id ``space:x``; a relationship
endpoint in ``:START_ID(space)``/``:END_ID(space)`` is resolved the same way, so node and
relationship files agree. Ids without a space are stored verbatim. ``name:ID`` also stores the raw
id (without the space) as the String property ``name``. A relationship file's ``:ID`` is ignored.
"""

from __future__ import annotations

import re

from dockyard.services.neptune_graph.formats.tabular_records import PropertyPlan, TabularPlan
from dockyard.services.neptune_graph.formats.type_names import OPENCYPHER_TYPES, split_type_suffix
from dockyard.services.neptune_graph.formats.value_parsing import OPENCYPHER_FLOAT_TOKENS

_SYSTEM_RE = re.compile(r"^(?P<kind>ID|LABEL|START_ID|END_ID|TYPE|IGNORE)(\((?P<space>[^()]*)\))?$")
_TYPE_RE = re.compile(r"^(?P<type>[A-Za-z]+)(?P<array>\[\])?$")


def plan_opencypher_header(header: list[str]) -> TabularPlan:
    """Classify the file (node vs relationship) and its columns; raises ValueError with a reason."""
    system: dict[str, tuple[int, str | None, str]] = {}
    props: list[tuple[int, PropertyPlan]] = []
    keys: set[str] = set()
    for i, field in enumerate(header):
        if not field:
            raise ValueError(f"column {i + 1} of the header is empty")
        name, type_text = split_type_suffix(field)
        sys_match = _SYSTEM_RE.match(type_text) if type_text is not None else None
        if sys_match is not None:
            kind = sys_match["kind"]
            if kind == "IGNORE":
                continue
            if kind in system:
                raise ValueError(f"system column :{kind} appears twice")
            if name and kind != "ID":
                raise ValueError(f"column {field!r}: only :ID may carry a property name")
            system[kind] = (i, sys_match["space"] or None, name)
            continue
        if not name:
            raise ValueError(f"column {field!r} has no property name")
        vtype = OPENCYPHER_TYPES["string"]
        array = False
        if type_text is not None:
            m = _TYPE_RE.match(type_text.strip())
            found = OPENCYPHER_TYPES.get(m["type"].lower()) if m else None
            if m is None or found is None:
                raise ValueError(f"column {field!r} has an unknown type {type_text!r}")
            vtype, array = found, bool(m["array"])
        if name in keys:
            raise ValueError(f"property {name!r} appears twice in the header")
        keys.add(name)
        props.append((i, PropertyPlan(field, name, vtype, array)))
    relationship = "START_ID" in system or "END_ID" in system
    if relationship:
        if "START_ID" not in system or "END_ID" not in system:
            raise ValueError("a relationship file needs both :START_ID and :END_ID columns")
        if "LABEL" in system:
            raise ValueError("a file cannot mix node columns (:LABEL) and relationship columns (:START_ID/:END_ID)")
        if "TYPE" not in system:
            raise ValueError("a relationship file needs a :TYPE column")
        for _, prop in props:
            if prop.array:
                raise ValueError(f"relationship property column {prop.header!r} cannot be an array")
        start, end = system["START_ID"], system["END_ID"]
        return TabularPlan(
            "edge",
            props=props,
            label_col=system["TYPE"][0],
            from_col=start[0],
            to_col=end[0],
            from_space=start[1],
            to_space=end[1],
            names={"from": ":START_ID", "to": ":END_ID", "label": ":TYPE"},
            float_tokens=OPENCYPHER_FLOAT_TOKENS,
        )
    if "TYPE" in system:
        raise ValueError("a node file cannot have a :TYPE column (and a relationship file needs :START_ID/:END_ID)")
    if "ID" not in system:
        raise ValueError("the header has neither :ID (node file) nor :START_ID/:END_ID (relationship file)")
    id_col, space, id_name = system["ID"]
    if id_name and id_name in keys:
        raise ValueError(f"property {id_name!r} appears twice in the header")
    return TabularPlan(
        "vertex",
        props=props,
        id_col=id_col,
        id_space=space,
        id_property=id_name or None,
        label_col=system.get("LABEL", (None,))[0],
        names={"id": ":ID", "label": ":LABEL"},
        float_tokens=OPENCYPHER_FLOAT_TOKENS,
    )
