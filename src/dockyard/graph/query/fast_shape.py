"""The query shape every vectorised path starts from: one ``MATCH`` of one pattern, then ``RETURN``."""

from __future__ import annotations

from dockyard.graph.query import ast as A


def match_return(tree: A.Query) -> tuple[A.Match, A.Projection] | None:
    """``MATCH <one pattern> [WHERE ...] RETURN <items>`` (not OPTIONAL, no ``*``, no DISTINCT) as its
    two clauses, or None for any other query; each path checks the rest of its own shape."""
    if len(tree.parts) != 1 or len(tree.parts[0].clauses) != 2:
        return None
    match, ret = tree.parts[0].clauses
    if not (isinstance(match, A.Match) and not match.optional and len(match.patterns) == 1):
        return None
    if not (isinstance(ret, A.Projection) and ret.kind == "RETURN" and not ret.star and not ret.distinct
            and ret.items):  # fmt: skip
        return None
    return match, ret
