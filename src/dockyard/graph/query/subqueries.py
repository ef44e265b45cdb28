"""Subqueries: ``CALL { ... }`` clauses and the nested runs of ``EXISTS { ... }``.

A CALL subquery runs once per incoming row, seeing only what its importing WITH imports (Neptune:
"a part of the main query that runs in an isolated scope for each input"); each row it returns is
joined to the row it ran for, so a row for which it returns nothing is dropped. Its returned
variables may not shadow the outer ones. A subquery that imports nothing and calls no random function
answers the same rows for every input, so it runs once.
"""

from __future__ import annotations

from typing import Any, Protocol

from dockyard.graph.query import ast as A
from dockyard.graph.query.ast_search import holds
from dockyard.graph.query.errors import QueryError

Row = dict[str, Any]
_VOLATILE = {"rand", "randomuuid"}


class Engine(Protocol):
    profile: list[Any] | None

    def query(self, tree: A.Query, starts: list[list[Row]] | None = None) -> list[dict[str, Any]]: ...

    def check_deadline(self) -> None: ...


def run_nested(engine: Engine, tree: A.Query, starts: list[list[Row]]) -> list[dict[str, Any]]:
    """Run ``tree`` with part i starting from ``starts[i]`` (no profiling: explain counts the outer clauses)."""
    saved, engine.profile = engine.profile, None
    try:
        return engine.query(tree, starts)
    finally:
        engine.profile = saved


def call_subquery(engine: Engine, clause: A.CallSubquery, rows: list[Row]) -> list[Row]:
    if not rows:
        return []
    last = clause.query.parts[0].clauses[-1]
    assert isinstance(last, A.Projection)
    _check_shadowing([it.alias for it in last.items], rows[0])
    once = not any(clause.imports) and not _calls_volatile(clause.query)
    cached: list[dict[str, Any]] | None = None
    out: list[Row] = []
    for row in rows:
        engine.check_deadline()
        if cached is None:
            results = run_nested(engine, clause.query, [[_imported(row, names)] for names in clause.imports])
            if results and last.star:
                _check_shadowing(list(results[0]), row)
            if once:
                cached = results
        else:
            results = cached
        out += [{**row, **result} for result in results]
    return out


def _imported(row: Row, names: list[str] | None) -> Row:
    if not names:
        return {}
    if names == ["*"]:
        return dict(row)
    missing = [n for n in names if n not in row]
    if missing:
        raise QueryError(f"Variable `{missing[0]}` not defined")
    return {n: row[n] for n in names}


def _check_shadowing(returned: list[str], row: Row) -> None:
    """Neptune: "the emitted variables cannot overlap with variables before the CALL subquery"."""
    for name in returned:
        if name in row and not name.startswith(" "):
            raise QueryError(f"Variable `{name}` already declared in outer scope")


def _calls_volatile(node: Any) -> bool:
    return holds(node, lambda x: isinstance(x, A.Call) and x.name in _VOLATILE)
