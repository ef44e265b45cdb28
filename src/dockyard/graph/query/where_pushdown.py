"""``MATCH ... WITH a, b WHERE p`` read as ``MATCH ... WHERE p WITH a, b``.

A WITH that only passes variables on (each item a bare variable under its own name: no expression,
aggregate, DISTINCT, ORDER BY, SKIP or LIMIT) keeps exactly the rows it is given, so its WHERE, which
can only read those variables, holds of a row before the projection as after it. Moved into the
MATCH, it reaches the vectorised MATCH, which pushes its property comparisons down to the nodes
instead of building every row first. Not across an OPTIONAL MATCH, where a WHERE inside the clause
keeps the unmatched rows (with nulls) that a WHERE after it drops. Not after a WHERE of the MATCH
when the WITH's could raise an error: the row interpreter evaluates it only on the rows the MATCH's
keeps, ``AND`` also where the MATCH's is null.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from dockyard.graph.query import ast as A
from dockyard.graph.query.error_free import cannot_raise


def pushed(match: A.Match, after: A.Clause, params: dict[str, Any]) -> tuple[A.Match, A.Projection] | None:
    """The MATCH with the following WITH's WHERE, and that WITH without it; None if not movable.
    ``params``: the query's parameters (``n.x < $p`` raises where ``$p`` is a list)."""
    if match.optional or not passes_variables_on(after) or after.where is None:
        return None
    assert isinstance(after, A.Projection)
    elements = {n.var for p in match.patterns for n in p.nodes if n.var} | {
        r.var for p in match.patterns for r in p.rels if r.var}  # fmt: skip
    if match.where is not None and not cannot_raise(after.where, elements, params):
        return None  # evaluated after the MATCH's WHERE, only on rows it keeps (not where it is null)
    where = after.where if match.where is None else A.Binary("AND", match.where, after.where)
    return replace(match, where=where), replace(after, where=None)


def passes_variables_on(clause: A.Clause) -> bool:
    """Whether a clause is a WITH that, but for its WHERE, only passes variables on under their own
    names (no expression, aggregate, ``*``, DISTINCT, ORDER BY, SKIP or LIMIT)."""
    if not isinstance(clause, A.Projection) or clause.kind != "WITH" or clause.star or clause.distinct:
        return False
    if clause.order or clause.skip is not None or clause.limit is not None:
        return False
    return all(isinstance(item.expr, A.Var) and item.expr.name == item.alias for item in clause.items)
