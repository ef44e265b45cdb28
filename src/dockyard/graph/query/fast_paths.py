"""Dispatch of read queries to the vectorised paths, before the row interpreter.

Each path recognises one query shape and answers exactly what the row interpreter answers, or
returns None: ``fast_count`` (counts of one node pattern with property filters, pending writes
included), ``fast_expand`` (counts over a linear path pattern, CSR expansions over index batches),
``fast_group`` (grouped counts, top-k before the ORDER BY), ``fast_project`` (property
columns of one node pattern as rows), ``fast_lookup`` (properties of one vertex read by its id).
``try_fast`` answers the rows, or the grouped rows with the projection still to apply to them.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from dockyard.graph.query import ast as A
from dockyard.graph.query.fast_count import try_count
from dockyard.graph.query.fast_expand import try_path_count
from dockyard.graph.query.fast_group import Grouped, try_group_count
from dockyard.graph.query.fast_lookup import try_lookup
from dockyard.graph.query.fast_project import try_project

__all__ = ["Grouped", "try_count", "try_fast", "try_group_count", "try_lookup", "try_path_count", "try_project"]


def try_fast(
    view: Any, tree: A.Query, params: dict[str, Any], check: Callable[[], None] | None = None
) -> list[dict[str, Any]] | Grouped | None:
    """A read query's rows from a vectorised path, a grouped answer to project, or None."""
    if tree.is_write or len(tree.parts) != 1 or len(tree.parts[0].clauses) != 2:
        return None
    found = try_lookup(view, tree, params)
    if found is None:
        found = try_count(view, tree, params)
    if found is None:
        found = try_path_count(view, tree, params, check)
    if found is None:
        found = try_project(view, tree, params)
    if found is None:
        return try_group_count(view, tree, params)
    return found
