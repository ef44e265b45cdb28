"""Property test: random graphs written as Gremlin CSV, openCypher CSV and Parquet load back identical."""

from __future__ import annotations

import csv
import io
import tempfile
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from .helpers import load

_TEXT = st.text(alphabet='abcXYZ019 ,"\n;éß', min_size=1, max_size=8).map(str.strip).filter(bool)
_NAME = st.text(alphabet="abcdefXYZ0123_-", min_size=1, max_size=6)
_TAG = st.text(alphabet="abcxyz", min_size=1, max_size=4)
_DOUBLE = st.floats(allow_nan=False, allow_infinity=True, width=64)

_VERTEX = st.fixed_dictionaries(
    {
        "labels": st.lists(_NAME, max_size=3, unique=True),
        "name": st.none() | _TEXT,
        "age": st.none() | st.integers(-(2**31), 2**31 - 1),
        "score": st.none() | _DOUBLE,
        "flag": st.none() | st.booleans(),
        "big": st.none() | st.integers(-(2**63), 2**63 - 1),
        "tags": st.lists(_TAG, max_size=3, unique=True),
    }
)


@st.composite
def graphs(draw):
    ids = draw(st.lists(_NAME, min_size=1, max_size=12, unique=True))
    vertices = {vid: draw(_VERTEX) for vid in ids}
    endpoint = st.sampled_from([*ids, "extra1", "extra2"])
    edges = draw(st.lists(st.tuples(endpoint, endpoint, _NAME, st.none() | _DOUBLE), max_size=15))
    return vertices, edges


TYPES = {"name": "String", "age": "Int", "score": "Double", "flag": "Bool", "big": "Long"}


def _fmt(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return "Infinity" if value == float("inf") else "-Infinity" if value == float("-inf") else repr(value)
    return str(value)


def _csv(rows: list[list[str]]) -> str:
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    return out.getvalue()


def _write_csv(folder: Path, vertices, edges, opencypher: bool) -> list[Path]:
    if opencypher:
        vh = [":ID", ":LABEL", *(f"{k}:{t}" for k, t in TYPES.items()), "tags:String[]"]
        eh = [":START_ID", ":END_ID", ":TYPE", "weight:Double"]
    else:
        vh = ["~id", "~label", *(f"{k}:{t}" for k, t in TYPES.items()), "tags:String[]"]
        eh = ["~from", "~to", "~label", "weight:Double"]
    vrows = [vh] + [
        [vid, ";".join(v["labels"]), *(_fmt(v[k]) for k in TYPES), ";".join(v["tags"])] for vid, v in vertices.items()
    ]
    erows = [eh] + [[f, t, label, _fmt(w)] for f, t, label, w in edges]
    (folder / "v.csv").write_text(_csv(vrows), encoding="utf-8")
    (folder / "e.csv").write_text(_csv(erows), encoding="utf-8")
    return [folder / "v.csv", folder / "e.csv"]


def _write_parquet(folder: Path, vertices, edges) -> list[Path]:
    arrow = {"name": pa.string(), "age": pa.int32(), "score": pa.float64(), "flag": pa.bool_(), "big": pa.int64()}
    vt = pa.table(
        {
            "~id": list(vertices),
            "~label": pa.array([v["labels"] for v in vertices.values()], pa.list_(pa.string())),
            **{k: pa.array([v[k] for v in vertices.values()], t) for k, t in arrow.items()},
            "tags": pa.array([v["tags"] for v in vertices.values()], pa.list_(pa.string())),
        }
    )
    et = pa.table(
        {
            "~from": pa.array([e[0] for e in edges], pa.string()),
            "~to": pa.array([e[1] for e in edges], pa.string()),
            "~label": pa.array([e[2] for e in edges], pa.string()),
            "weight": pa.array([e[3] for e in edges], pa.float64()),
        }
    )
    pq.write_table(vt, folder / "v.parquet")
    paths = [folder / "v.parquet"]
    if edges:
        pq.write_table(et, folder / "e.parquet")
        paths.append(folder / "e.parquet")
    return paths


def _expected(vertices, edges):
    model = {}
    for vid, v in vertices.items():
        props = {k: [(TYPES[k], v[k])] for k in TYPES if v[k] is not None}
        if v["tags"]:
            props["tags"] = sorted(("String", t) for t in v["tags"])
        if v["labels"] or props:
            model[vid] = (tuple(sorted(v["labels"])), props)
    for f, t, _, _ in edges:
        for vid in (f, t):
            model.setdefault(vid, ((), {}))
    edge_list = sorted(edges, key=_edge_order)
    return model, edge_list


def _edge_order(edge: tuple) -> tuple:
    """Edges in a total order: a missing weight (None) sorts before any number."""
    f, t, label, w = edge
    return (f, t, label, w is not None, w if w is not None else 0.0)


def _actual(store):
    view = store.view()
    model = {
        v.id: (v.labels, {k: sorted((x.type.value, x.value) for x in vals) for k, vals in v.properties.items()})
        for v in view.iter_vertices()
    }
    edge_list = sorted(
        ((e.from_id, e.to_id, e.label, e.properties["weight"].value if "weight" in e.properties else None)
         for e in view.iter_edges()),
        key=_edge_order,
    )
    return model, edge_list


def _check(vertices, edges, fmt: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        if fmt == "PARQUET":
            paths = _write_parquet(folder, vertices, edges)
        else:
            paths = _write_csv(folder, vertices, edges, opencypher=fmt == "OPEN_CYPHER")
        if fmt != "PARQUET" and not edges:
            paths = paths[:1]
        expected = _expected(vertices, edges)
        if not expected[0]:
            return
        store, result = load(paths, fmt)
        assert result.errorCount == 0
        assert _actual(store) == expected


SETTINGS = settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(graphs())
def test_gremlin_csv_round_trip(graph) -> None:
    _check(*graph, "CSV")


@SETTINGS
@given(graphs())
def test_opencypher_csv_round_trip(graph) -> None:
    _check(*graph, "OPEN_CYPHER")


@SETTINGS
@given(graphs())
def test_parquet_round_trip(graph) -> None:
    _check(*graph, "PARQUET")
