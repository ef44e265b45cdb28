"""``MATCH p1 WITH a, b MATCH p2`` read as the one clause ``MATCH p1, p2``.

A WITH that only passes variables on (each item a bare variable under its own name: no expression,
aggregate, DISTINCT, ORDER BY, SKIP, LIMIT or WHERE left after ``where_pushdown``) keeps exactly the
rows it is given, minus the variables it does not name. When nothing after it reads or binds one of
those dropped names again, the rows of the second MATCH are those of the two MATCH clauses read as
one, with the dropped variables still in them unseen (a final projection keeps only its columns).
Read as one, the vectorised MATCH matches both over index arrays and a final ``RETURN count(...)``
is counted over the columns; apart, the first MATCH built one row of node objects per binding for
the WITH to copy and the second to read back as indices (``MATCH (a:Person) WITH a WHERE a.age < 10
MATCH (a)-[:follows]->(b)``: 10,000 such rows).

One MATCH differs from two in what it holds unique: relationships, across all its patterns. So the
two are read as one only when they cannot both bind a relationship to the same edge (one has no
relationship, or every relationship of each has types and no type is in both). Not with an OPTIONAL
MATCH (its unmatched rows keep nulls), nor where a WHERE could raise an error (read as one, each is
evaluated on the rows of both patterns, not on the rows of its own clause; whether ``n.x < $p``
raises depends on the parameters), nor, after a WHERE of the first, where a property map of the
second's patterns could (read as one, it is evaluated on rows that WHERE would have dropped), nor
before a ``*`` projection or ``CALL { WITH * ... }``, which would see the dropped variables, nor after a
procedure CALL without YIELD, whose outputs (named only when it runs) the WITH may drop.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import fields, is_dataclass
from typing import Any

from dockyard.graph.query import ast as A
from dockyard.graph.query.error_free import cannot_raise, reads_without_error
from dockyard.graph.query.where_pushdown import passes_variables_on, pushed

_NAME_FIELDS = frozenset({"var", "acc", "alias", "subject"})  # AST fields that hold a variable's name


def planned(clauses: list[A.Clause], bound: Iterable[str], params: dict[str, Any]) -> list[A.Clause]:
    """The clauses with each pass-through WITH's WHERE moved into the MATCH before it
    (``where_pushdown``) and each ``MATCH WITH MATCH`` that may be read as one MATCH read as one;
    ``bound``: the names of the rows the clauses start from; ``params``: the query's parameters.
    The cached tree is left as it was."""
    out = list(clauses)
    i = 0
    while i < len(out):
        clause = out[i]
        if isinstance(clause, A.Match) and i + 1 < len(out):
            moved = pushed(clause, out[i + 1], params)
            if moved is not None:
                clause, out[i + 1] = moved
                out[i] = clause
            if i + 2 < len(out) and isinstance(out[i + 2], A.Match) and passes_on(out[i + 1]):
                earlier, unspelled = _names(out[:i])
                one = None if unspelled else fused(clause, out[i + 1], out[i + 2], earlier | set(bound),
                                                   out[i + 3 :], params)  # fmt: skip
                if one is not None:
                    out[i : i + 3] = [one]
                    continue  # the MATCH read as one may take the next WITH's WHERE, and the next MATCH
        i += 1
    return out


def fused(first: A.Match, with_: A.Clause, second: A.Clause, bound: Iterable[str],
          later: list[A.Clause], params: dict[str, Any]) -> A.Match | None:  # fmt: skip
    """``first`` and ``second`` as one MATCH, or None. ``bound``: every name the rows entering the WITH
    may hold besides ``first``'s variables (more is only more cautious); ``later``: the clauses after
    ``second``; ``params``: the query's parameters."""
    if not isinstance(second, A.Match) or first.optional or second.optional or not passes_on(with_):
        return None
    assert isinstance(with_, A.Projection)
    kept = {item.alias for item in with_.items}
    dropped = (set(bound) | {v for p in first.patterns for v in p.variables}) - kept
    if dropped:
        seen, unspelled = _names([second, *later])
        if unspelled or seen & dropped:
            return None
    if not _distinct_relationships(first, second) or _rebinds(first, second):
        return None
    elements = {v for m in (first, second) for p in m.patterns for v in p.variables}
    if any(w is not None and not cannot_raise(w, elements, params) for w in (first.where, second.where)):
        return None
    if first.where is not None and not _maps_read_without_error(second, elements, params):
        return None
    if first.where is None or second.where is None:
        where = first.where or second.where
    else:
        where = A.Binary("AND", first.where, second.where)
    return A.Match(first.patterns + second.patterns, where)


def passes_on(clause: A.Clause) -> bool:
    """Whether a clause is a WITH that only passes variables on, under their own names (no WHERE left)."""
    return isinstance(clause, A.Projection) and clause.where is None and passes_variables_on(clause)


def _rebinds(first: A.Match, second: A.Match) -> bool:
    """Whether ``second`` names a relationship or path of ``first`` as a node, or a variable of
    ``first`` as a relationship or path: in two clauses the second reads the bound value (and finds
    nothing, or the same edge again); in one, the same clause would bind it twice."""
    firsts = {v for p in first.patterns for v in p.variables}
    edges = {r.var for p in first.patterns for r in p.rels if r.var} | {p.var for p in first.patterns if p.var}
    nodes = {n.var for p in second.patterns for n in p.nodes if n.var}
    others = {r.var for p in second.patterns for r in p.rels if r.var} | {p.var for p in second.patterns if p.var}
    return bool(nodes & edges or others & firsts)


def _maps_read_without_error(match: A.Match, elements: set[str], params: dict[str, Any]) -> bool:
    """Whether every property map of ``match``'s node and relationship patterns is read without error."""
    for p in match.patterns:
        for element in (*p.nodes, *p.rels):
            if element.props is None:
                continue
            if not isinstance(element.props, A.MapExpr):
                return False  # a parameter: a map or not
            if not all(reads_without_error(v, elements, params) for v in element.props.items.values()):
                return False
    return True


def _distinct_relationships(first: A.Match, second: A.Match) -> bool:
    """Whether no relationship of ``first`` can be bound to the edge a relationship of ``second`` is."""
    ones = [r for p in first.patterns for r in p.rels]
    others = [r for p in second.patterns for r in p.rels]
    if not ones or not others:
        return True
    if any(not r.types for r in ones + others):
        return False
    return not {t for r in ones for t in r.types} & {t for r in others for t in r.types}


def _names(node: Any) -> tuple[set[str], bool]:
    """The variable names in an AST (Var names and the name fields of patterns, aliases, YIELD and
    subquery imports; a superset: names local to a comprehension too) and whether it reads or binds
    names it does not spell out: a ``*`` projection or import reads every name; a procedure CALL
    without YIELD binds its outputs, known only when it runs."""
    found: set[str] = set()
    unspelled = False

    def walk(x: Any) -> None:
        nonlocal unspelled
        if isinstance(x, A.Var):
            found.add(x.name)
        elif isinstance(x, A.Projection) and x.star:
            unspelled = True
        elif isinstance(x, A.CallProcedure):
            unspelled = unspelled or not x.yields
            found.update(x.yields)
            found.update(x.aliases)
            found.update(x.aliases.values())
        elif isinstance(x, A.CallSubquery):
            for imported in x.imports:
                if imported is not None:
                    unspelled = unspelled or "*" in imported
                    found.update(imported)
        if is_dataclass(x) and not isinstance(x, type):
            found.update(v for f in fields(x) if f.name in _NAME_FIELDS and isinstance(v := getattr(x, f.name), str))
        for child in A.children(x):
            walk(child)

    walk(node)
    return found, unspelled
