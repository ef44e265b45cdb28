"""ladybug's schema and COPY of the sample graph's Neptune CSV files (``sample_graph_files``), the
reference the import and query benchmarks measure against."""

from __future__ import annotations

from typing import Any

EDGE_LABELS = ("knows", "likes", "follows")


def create_schema(conn: Any) -> None:
    """The Person node table and one relationship table per edge label."""
    conn.execute("CREATE NODE TABLE Person(id STRING, name STRING, age INT32, score DOUBLE, active BOOL, "
                 "joined DATE, PRIMARY KEY(id))")
    for label in EDGE_LABELS:
        conn.execute(f"CREATE REL TABLE {label}(FROM Person TO Person, weight DOUBLE, since INT32)")


def copy_graph(conn: Any, vertices: str, edges: str) -> None:
    """ladybug's own COPY of the vertex file and of the edge file, one label at a time."""
    conn.execute(f"COPY Person FROM (LOAD FROM '{vertices}' (header=true) RETURN `~id`, name, "
                 "age, score, active, joined)")
    for label in EDGE_LABELS:
        conn.execute(f"COPY {label} FROM (LOAD FROM '{edges}' (header=true) WHERE `~label` = '{label}' "
                     "RETURN `~from`, `~to`, weight, since)")
