"""Header rules of the Gremlin CSV load format (``format=CSV``)."""

from __future__ import annotations

import re

from dockyard.services.neptune_graph.formats.tabular_records import PropertyPlan, TabularPlan
from dockyard.services.neptune_graph.formats.type_names import ANY, GREMLIN_TYPES, any_element_type, split_type_suffix
from dockyard.services.neptune_graph.formats.value_parsing import GREMLIN_FLOAT_TOKENS

SYSTEM = ("~id", "~label", "~from", "~to")
_TYPE_RE = re.compile(r"^(?P<type>[A-Za-z]+)\s*(?P<array>\[\])?\s*(\((?P<card>[A-Za-z]+)\))?$")


def _property(header: str) -> PropertyPlan:
    name, type_text = split_type_suffix(header)
    if not name:
        raise ValueError(f"column {header!r} has no property name")
    if type_text is None:
        return PropertyPlan(header, name, GREMLIN_TYPES["string"])  # type: ignore[arg-type]
    m = _TYPE_RE.match(type_text.strip())
    if m is None:
        raise ValueError(f"column {header!r} has an invalid type {type_text!r}")
    vtype = GREMLIN_TYPES.get(m["type"].lower())
    if vtype is None:
        raise ValueError(f"column {header!r} has an unknown type {m['type']!r}")
    card = (m["card"] or "set").lower()
    if card not in ("single", "set"):
        raise ValueError(f"column {header!r} has an unknown cardinality {m['card']!r}")
    array = bool(m["array"])
    if array and card == "single":
        raise ValueError(f"column {header!r}: an array type cannot have single cardinality")
    return PropertyPlan(header, name, None if vtype == ANY else vtype, array, card == "single")  # type: ignore[arg-type]


def plan_gremlin_header(header: list[str]) -> TabularPlan:
    """Classify the file (vertex vs edge) and its columns; raises ValueError with a reason."""
    seen: dict[str, int] = {}
    props = []
    keys: set[str] = set()
    for i, field in enumerate(header):
        if not field:
            raise ValueError(f"column {i + 1} of the header is empty")
        if any(c in field for c in " ,\r\n"):
            raise ValueError(f"column {field!r}: spaces, commas and line breaks are not allowed in a header")
        if field.startswith("~"):
            if field not in SYSTEM:
                raise ValueError(f"unknown system column {field!r}")
            if field in seen:
                raise ValueError(f"system column {field!r} appears twice")
            seen[field] = i
            continue
        prop = _property(field)
        if prop.key in keys:
            raise ValueError(f"property {prop.key!r} appears twice in the header")
        keys.add(prop.key)
        props.append((i, prop))
    is_edge = "~from" in seen or "~to" in seen
    if is_edge:
        if "~from" not in seen or "~to" not in seen:
            raise ValueError("an edge file needs both ~from and ~to columns")
        if "~label" not in seen:
            raise ValueError("an edge file needs a ~label column")
        for _, prop in props:
            if prop.array:
                raise ValueError(f"edge property column {prop.header!r} cannot be an array")
        return TabularPlan(
            "edge",
            props=props,
            label_col=seen["~label"],
            from_col=seen["~from"],
            to_col=seen["~to"],
            float_tokens=GREMLIN_FLOAT_TOKENS,
            resolve_any_type=any_element_type,
        )
    if "~id" not in seen:
        raise ValueError("the header has neither ~id (vertex file) nor ~from/~to (edge file)")
    return TabularPlan(
        "vertex",
        props=props,
        id_col=seen["~id"],
        label_col=seen.get("~label"),
        float_tokens=GREMLIN_FLOAT_TOKENS,
        resolve_any_type=any_element_type,
    )
