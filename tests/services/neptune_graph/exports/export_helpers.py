"""What the export tests share: start an export and wait, read the files, compare graphs."""

from __future__ import annotations

import io
import math
import time
from collections import Counter
from typing import Any

from tests.services.neptune_graph.imports.import_helpers import FAST, ROLE, unique

KMS = "arn:aws:kms:us-east-1:123456789012:key/12345678-1234-1234-1234-123456789012"
TERMINAL = ("SUCCEEDED", "FAILED", "CANCELLED")

__all__ = ["FAST", "KMS", "ROLE", "TERMINAL", "unique"]


def new_bucket(s3: Any) -> str:
    bucket = unique("exports")
    s3.create_bucket(Bucket=bucket)
    return bucket


def export(client: Any, graph_id: str, destination: str, fmt: str = "CSV", **kwargs: Any) -> dict[str, Any]:
    """Start an export and wait until it is terminal; returns GetExportTask."""
    task = client.start_export_task(graphIdentifier=graph_id, roleArn=ROLE, format=fmt, destination=destination,
                                    kmsKeyIdentifier=KMS, **kwargs)
    assert task["status"] == "INITIALIZING"
    return wait_export(client, task["taskId"])


def wait_export(client: Any, task_id: str, timeout: float = 60) -> dict[str, Any]:
    deadline = time.monotonic() + timeout
    while True:
        got = client.get_export_task(taskIdentifier=task_id)
        if got["status"] in TERMINAL:
            return got
        if time.monotonic() > deadline:
            raise TimeoutError(got)
        time.sleep(0.02)


def task_prefix(destination: str, task_id: str) -> tuple[str, str]:
    bucket, _, prefix = destination.removeprefix("s3://").partition("/")
    prefix = prefix.strip("/")
    return bucket, (f"{prefix}/{task_id}/" if prefix else f"{task_id}/")


def list_files(s3: Any, destination: str, task_id: str) -> dict[str, bytes]:
    """Every object of the task's folder, key relative to the folder -> body."""
    bucket, prefix = task_prefix(destination, task_id)
    out = {}
    for page in s3.get_paginator("list_objects_v2").paginate(Bucket=bucket, Prefix=prefix):
        for obj in page.get("Contents", []):
            out[obj["Key"][len(prefix):]] = s3.get_object(Bucket=bucket, Key=obj["Key"])["Body"].read()
    return out


def parquet_rows(body: bytes) -> tuple[Any, list[dict[str, Any]]]:
    import pyarrow.parquet as pq

    table = pq.read_table(io.BytesIO(body))
    return table.schema, table.to_pylist()


# -- graph comparison through the store's read API -------------------------------------------------
def _value_key(tv: Any) -> tuple:
    value = tv.value
    if isinstance(value, float) and math.isnan(value):
        value = "NaN"
    return (tv.type.value, repr(value))


def graph_snapshot(view: Any) -> dict[str, Any]:
    """Vertices (id -> labels, property -> typed values) and the multiset of edges (ids aside: a
    re-import numbers edges anew), with the detailed summary."""
    vertices = {
        v.id: (tuple(sorted(v.labels)), {k: sorted(_value_key(x) for x in vals) for k, vals in v.properties.items()})
        for v in view.iter_vertices()
    }
    edges = Counter(
        (e.from_id, e.to_id, e.label, tuple(sorted((k, _value_key(x)) for k, x in e.properties.items())))
        for e in view.iter_edges()
    )
    summary = view.summary(detailed=True)
    return {"vertices": vertices, "edges": edges, "summary": summary,
            "node_labels": view.node_labels(), "edge_labels": view.edge_labels()}


def assert_same_graph(a: Any, b: Any) -> None:
    sa, sb = graph_snapshot(a), graph_snapshot(b)
    assert sa["node_labels"] == sb["node_labels"]
    assert sa["edge_labels"] == sb["edge_labels"]
    assert set(sa["vertices"]) == set(sb["vertices"]), set(sa["vertices"]) ^ set(sb["vertices"])
    for vid, expected in sa["vertices"].items():
        assert sb["vertices"][vid] == expected, vid
    assert sa["edges"] == sb["edges"]
    assert sa["summary"] == sb["summary"]
