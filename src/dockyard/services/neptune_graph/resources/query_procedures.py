"""Neptune's openCypher procedures: ``neptune.graph.pg_schema()`` (the shape langchain-aws reads)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from dockyard.graph.graph_view import GraphView

_DATATYPES = {"Bool": "Boolean", "Byte": "Byte", "Short": "Short", "Int": "Integer", "Long": "Long",
              "Float": "Float", "Double": "Double", "String": "String", "Date": "Date", "Datetime": "DateTime"}


def pg_schema(view: GraphView) -> Iterator[dict[str, Any]]:
    node_props: dict[str, dict[str, set[str]]] = {}
    for v in view.iter_vertices():
        for label in v.labels:
            props = node_props.setdefault(label, {})
            for key, values in v.properties.items():
                props.setdefault(key, set()).update(_DATATYPES[t.type.value] for t in values)
    edge_props: dict[str, dict[str, set[str]]] = {}
    triples: set[tuple[str, str, str]] = set()
    for e in view.iter_edges():
        props = edge_props.setdefault(e.label, {})
        for key, value in e.properties.items():
            props.setdefault(key, set()).add(_DATATYPES[value.type.value])
        src, dst = view.get_vertex(e.from_id), view.get_vertex(e.to_id)
        for a in (src.labels if src else ()) or ("",):
            for b in (dst.labels if dst else ()) or ("",):
                triples.add((a, e.label, b))

    def details(table: dict[str, dict[str, set[str]]]) -> dict[str, Any]:
        return {
            label: {"properties": {k: {"datatypes": sorted(t)} for k, t in sorted(props.items())}}
            for label, props in sorted(table.items())
        }

    yield {
        "schema": {
            "nodeLabels": sorted(node_props),
            "edgeLabels": sorted(edge_props),
            "nodeLabelDetails": details(node_props),
            "edgeLabelDetails": details(edge_props),
            "labelTriples": [{"~from": a, "~type": t, "~to": b} for a, t, b in sorted(triples)],
        }
    }


PROCEDURES = {"neptune.graph.pg_schema": pg_schema}
