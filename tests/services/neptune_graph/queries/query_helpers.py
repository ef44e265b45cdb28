"""What the ExecuteQuery tests share: a graph loaded from CSV through an import task, and a query whose
``results`` come back parsed (the payload must be strict JSON: NaN and infinities are strings)."""

from __future__ import annotations

import json
from typing import Any

from tests.services.neptune_graph.imports.import_helpers import import_into, new_graph, upload


def loaded_graph(aws: Any, vertices: bytes, edges: bytes) -> tuple[Any, str]:
    """A new graph holding the openCypher CSV ``vertices`` and ``edges``; (client, graph id)."""
    client = aws("neptune-graph")
    graph_id = new_graph(client)
    source = upload(aws("s3"), {"v.csv": vertices, "e.csv": edges})
    assert import_into(client, graph_id, source, format="CSV")["status"] == "SUCCEEDED"
    return client, graph_id


def _not_json(token: str) -> None:
    raise AssertionError(f"non-standard JSON token {token} in the payload")


def query(client: Any, graph_id: str, text: str, **kwargs: Any) -> list[dict[str, Any]]:
    """ExecuteQuery (openCypher) and the payload's ``results``."""
    out = client.execute_query(graphIdentifier=graph_id, queryString=text, language="OPEN_CYPHER", **kwargs)
    return json.loads(out["payload"].read(), parse_constant=_not_json)["results"]
