"""GetGraphSummary's ``graphSummary``, computed from a snapshot with vectorised Arrow operations.

Definitions: ``nodeProperties``/``edgeProperties`` are lists of one-entry maps ``{key: number of
nodes (edges) having at least one value for key}``, sorted by key; ``totalNodePropertyValues`` counts
every stored value (a set-cardinality property with three values counts three). Structures (DETAILED
only) group nodes by (sorted property keys, sorted distinct outgoing edge labels) and edges by sorted
property keys, largest group first.
"""

from __future__ import annotations

import pyarrow as pa
import pyarrow.compute as pc

from dockyard.graph.graph_data import GraphData


def _owner_keys(tables: dict) -> pa.Table:
    parts = [t.select(["owner", "key"]) for t in tables.values() if t.num_rows]
    if not parts:
        return pa.table({"owner": pa.array([], pa.int64()), "key": pa.array([], pa.int64())})
    return pa.concat_tables(parts).group_by(["owner", "key"], use_threads=False).aggregate([])


def _property_counts(data: GraphData, owner_keys: pa.Table) -> list[dict[str, int]]:
    counts = owner_keys.group_by("key").aggregate([("owner", "count")])
    names = data.terms.take(counts["key"]).to_pylist()
    return [{k: int(c)} for k, c in sorted(zip(names, counts["owner_count"].to_pylist(), strict=True))]


def _signatures(pairs: pa.Table, value_col: str, n_owners: int) -> list[str]:
    """Per owner, a comma-joined string of its sorted distinct codes in ``value_col`` ('' if none)."""
    out = [""] * n_owners
    if pairs.num_rows == 0:
        return out
    pairs = pairs.sort_by([("owner", "ascending"), (value_col, "ascending")])
    grouped = pairs.group_by("owner", use_threads=False).aggregate([(value_col, "list")])
    joined = pc.binary_join(pc.cast(grouped[f"{value_col}_list"], pa.list_(pa.string())), ",")
    for owner, sig in zip(grouped["owner"].to_pylist(), joined.to_pylist(), strict=True):
        out[owner] = sig
    return out


def _decode_signature(data: GraphData, sig: str) -> list[str]:
    if not sig:
        return []
    return sorted(data.terms.take(pa.array([int(c) for c in sig.split(",")], pa.int64())).to_pylist())


def _structures(data: GraphData, sigs: list[list[str]]) -> list[tuple[int, list[list[str]]]]:
    if len(sigs[0]) == 0:
        return []
    table = pa.table({f"s{i}": pa.array(s, pa.string()) for i, s in enumerate(sigs)})
    counts = table.group_by([f"s{i}" for i in range(len(sigs))]).aggregate([("s0", "count")])
    rows = []
    for row in counts.to_pylist():
        rows.append((int(row["s0_count"]), [_decode_signature(data, row[f"s{i}"]) for i in range(len(sigs))]))
    rows.sort(key=lambda r: (-r[0], r[1]))
    return rows


def graph_summary(data: GraphData, detailed: bool = False) -> dict:
    """The ``GraphDataSummary`` dict (member names exactly as in the botocore model)."""
    node_labels = sorted(data.terms.take(pc.unique(data.vertex_labels["label"])).to_pylist())
    edge_labels = sorted(data.terms.take(pc.unique(data.edges["label"])).to_pylist())
    node_owner_keys = _owner_keys(data.vertex_props)
    edge_owner_keys = _owner_keys(data.edge_props)
    node_props = _property_counts(data, node_owner_keys)
    edge_props = _property_counts(data, edge_owner_keys)
    summary: dict = {
        "numNodes": data.num_vertices,
        "numEdges": data.num_edges,
        "numNodeLabels": len(node_labels),
        "numEdgeLabels": len(edge_labels),
        "nodeLabels": node_labels,
        "edgeLabels": edge_labels,
        "numNodeProperties": len(node_props),
        "numEdgeProperties": len(edge_props),
        "nodeProperties": node_props,
        "edgeProperties": edge_props,
        "totalNodePropertyValues": sum(t.num_rows for t in data.vertex_props.values()),
        "totalEdgePropertyValues": sum(t.num_rows for t in data.edge_props.values()),
    }
    if detailed:
        out_labels = (
            pa.table({"owner": data.edges["src"], "label": data.edges["label"]})
            .group_by(["owner", "label"], use_threads=False)
            .aggregate([])
        )
        node_sigs = [
            _signatures(node_owner_keys, "key", data.num_vertices),
            _signatures(out_labels, "label", data.num_vertices),
        ]
        summary["nodeStructures"] = [
            {"count": c, "nodeProperties": keys, "distinctOutgoingEdgeLabels": labels}
            for c, (keys, labels) in _structures(data, node_sigs)
        ]
        edge_sigs = [_signatures(edge_owner_keys, "key", data.num_edges)]
        summary["edgeStructures"] = [
            {"count": c, "edgeProperties": keys} for c, (keys,) in _structures(data, edge_sigs)
        ]
    return summary
