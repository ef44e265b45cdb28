"""The row interpreter: runs a parsed query over a view, one binding row at a time.

Read queries run over any view with the row-level read API (``GraphView``, ``OverlayView``); write
queries run over a :class:`WriteTransaction`'s view, their update clauses through ``updates``.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from typing import Any

from dockyard.graph.query import aggregates
from dockyard.graph.query import ast as A
from dockyard.graph.query.conversions import type_name
from dockyard.graph.query.errors import InvalidQueryArgument, QueryCancelled, QueryError, UnsupportedOperation
from dockyard.graph.query.expressions import AGGREGATES, Row, agg_key, equals, sort_key
from dockyard.graph.query.fast_paths import try_fast
from dockyard.graph.query.functions import FUNCTIONS
from dockyard.graph.query.graph_expressions import GraphEvaluator
from dockyard.graph.query.grouping_keys import GroupingKeys
from dockyard.graph.query.match_fusion import planned
from dockyard.graph.query.memory_budget import RowBudget
from dockyard.graph.query.order_by import ordered
from dockyard.graph.query.ordering import hashable
from dockyard.graph.query.parser import parse
from dockyard.graph.query.procedure_calls import call_procedure, catalogue
from dockyard.graph.query.projection_scope import over_projection
from dockyard.graph.query.query_hints import deadline as hinted_deadline
from dockyard.graph.query.subqueries import call_subquery
from dockyard.graph.query.updates import Updater
from dockyard.graph.query.values import Node, Path, Rel
from dockyard.graph.query.vector_match import answered_columns, match_columns, with_nulls
from dockyard.graph.query.vector_scan import indexed_vertices
from dockyard.graph.write_transaction import WriteTransaction

Procedure = Any
_UPDATES = (A.Create, A.Merge, A.SetClause, A.Remove, A.Delete)


def run(
    view: Any,
    query: str | A.Query,
    params: dict[str, Any] | None = None,
    deadline: float | None = None,
    procedures: dict[str, Procedure] | None = None,
    txn: WriteTransaction | None = None,
    cancel: threading.Event | None = None,
    profile: list[Any] | None = None,
    row_budget: int | None = None,
) -> list[dict[str, Any]]:
    """Run ``query`` over ``view`` (a write query over ``txn``, whose view it reads); rows as dicts
    of runtime values (see ``values.to_json``). The caller commits or aborts ``txn``. ``profile``:
    one object per clause (``explain.plan``) whose rows_in/rows_out/millis the run fills in.
    ``row_budget``: the binding rows a clause may hold (``MemoryLimitExceeded`` beyond; None: no limit)."""
    tree = parse(query, catalogue(procedures), list(params or {})) if isinstance(query, str) else query
    if tree.unsupported is not None:
        raise UnsupportedOperation(tree.unsupported)
    deadline = hinted_deadline(tree, deadline)
    if tree.is_write:
        if txn is None:
            raise UnsupportedOperation("A write query needs a write transaction")
        if len(tree.parts) > 1:
            raise UnsupportedOperation("Mutation queries in UNION are not supported")
        view = txn.view
    try:
        executor = _Executor(view, params or {}, deadline, procedures or {}, txn, cancel, RowBudget(row_budget))
        executor.profile = profile
        fast = None if profile is not None else try_fast(view, tree, params or {}, executor.check_deadline)
        if isinstance(fast, list):
            return fast
        if fast is not None:  # grouped rows still to order and cut
            rows, projection = fast
            rows, columns = executor.project(projection, rows)
            return [{c: row[c] for c in columns} for row in rows]
        return executor.query(tree)
    except (TypeError, AttributeError, ValueError, ZeroDivisionError, OverflowError, IndexError) as err:
        # a function or operator applied to values of the wrong type (e.g. toUpper(1))
        raise QueryError(f"Type mismatch: {err}") from err
    except RecursionError as err:
        raise QueryError("Query nests too deeply") from err


class _Executor:
    def __init__(self, view: Any, params: dict[str, Any], deadline: float | None, procs: dict,
                 txn: WriteTransaction | None, cancel: threading.Event | None,
                 budget: RowBudget | None = None) -> None:  # fmt: skip
        self.view = view
        self.deadline = deadline
        self.cancel = cancel
        self.procedures = procs
        self.budget = budget or RowBudget(None)
        bounded_range = self.budget.bounded_range(FUNCTIONS["range"])
        extra = {"startnode": self._start, "endnode": self._end, "range": bounded_range}
        self.ev = GraphEvaluator(params, self.pattern_exists, extra, self)
        self.updater = None if txn is None else Updater(txn, self.ev, self._merge_matches, self.check_deadline)
        self.profile: list[Any] | None = None
        self._step = 0

    def _merge_matches(self, p: A.PathPattern, row: Row) -> Iterator[Row]:
        for bound, _ in self.match_path(p, row, frozenset()):
            yield bound

    def _start(self, r: Rel | None) -> Node | None:
        return None if r is None else self.node(r.edge.from_id)

    def _end(self, r: Rel | None) -> Node | None:
        return None if r is None else self.node(r.edge.to_id)

    def node(self, vid: str) -> Node | None:
        v = self.view.get_vertex(vid)
        return None if v is None else Node(v)

    def check_deadline(self) -> None:
        if self.cancel is not None and self.cancel.is_set():
            raise QueryCancelled("The query was cancelled")
        if self.deadline is not None and time.monotonic() > self.deadline:
            raise TimeoutError("query timed out")

    # -- queries ---------------------------------------------------------------------------------
    def query(self, tree: A.Query, starts: list[list[Row]] | None = None) -> list[dict[str, Any]]:
        """``starts[i]``: the rows part i starts from (a subquery's imported row), else one empty row."""
        results = self.single(tree.parts[0], starts[0] if starts else None)
        for i, (part, keep_all) in enumerate(zip(tree.parts[1:], tree.union_all, strict=True), 1):
            more = self.single(part, starts[i] if starts else None)
            if results and more and list(results[0]) != list(more[0]):
                raise QueryError("All sub queries in an UNION must have the same return column names")
            results = results + more
            if not keep_all:
                results = _distinct(results)
        return results

    def single(self, q: A.SingleQuery, start: list[Row] | None = None) -> list[dict[str, Any]]:
        rows: list[Row] = [{}] if start is None else start
        columns: list[str] | None = None
        if self.profile is None:  # explain's profile reads the clauses as written
            clauses = planned(q.clauses, start[0] if start else (), self.ev.params)
        else:
            clauses = list(q.clauses)
        skip_next = False
        for i, clause in enumerate(clauses):
            if skip_next:
                skip_next = False
                continue
            self.check_deadline()
            started, rows_in = time.perf_counter(), len(rows)
            self.budget.check(len(rows))
            if isinstance(clause, A.Match):
                answered = self._answered(clause, clauses[i + 1], rows) if i + 1 < len(clauses) else None
                if answered is not None:
                    rows, columns = answered
                    skip_next = True  # the RETURN (or aggregating WITH) is answered
                else:
                    rows = self.match(clause, rows)
            elif isinstance(clause, A.Unwind):
                rows = self.unwind(clause, rows)
            elif isinstance(clause, A.Projection):
                rows, columns = self.project(clause, rows)
            elif isinstance(clause, A.CallProcedure):
                rows, columns = self.call(clause, rows)
            elif isinstance(clause, A.CallSubquery):
                rows = call_subquery(self, clause, rows)
            elif self.updater is not None and isinstance(clause, _UPDATES):
                rows = self.updater.run(clause, rows)
            else:
                raise UnsupportedOperation(f"{type(clause).__name__} is not supported yet")
            if self.profile is not None and self._step < len(self.profile):
                step = self.profile[self._step]
                step.rows_in, step.rows_out = rows_in, len(rows)
                step.millis = (time.perf_counter() - started) * 1000
                self._step += 1
        self.budget.check(len(rows))
        last = q.clauses[-1]
        if columns is None or not (isinstance(last, A.CallProcedure) or getattr(last, "kind", None) == "RETURN"):
            return []  # a query that ends with WITH or an update clause returns no rows
        if isinstance(last, A.CallProcedure) and not columns:
            return []  # a standalone call of a procedure without outputs
        return [{c: row[c] for c in columns} for row in rows]

    def call(self, clause: A.CallProcedure, rows: list[Row]) -> tuple[list[Row], list[str]]:
        return call_procedure(self.view, self.procedures, self.ev, clause, rows)

    # -- MATCH -----------------------------------------------------------------------------------
    def _answered(self, clause: A.Match, ret: Any, rows: list[Row]) -> tuple[list[Row], list[str]] | None:
        """A ``MATCH ... RETURN`` (or an aggregating WITH after a MATCH) answered over the MATCH's binding
        columns, or None: counts and folds (``[x.k,] count(...), sum(...) ...``, grouped) or
        properties (``RETURN x.k, r.j``)."""
        if self.profile is not None or not isinstance(ret, A.Projection):
            return None
        found = answered_columns(self.view, clause, ret, rows, self.ev.params, self.check_deadline, self.budget)
        if found is None:
            return None
        answered, projection = found
        if projection is None:
            return answered, [item.alias for item in ret.items]
        return self.project(projection, answered)

    def match(self, clause: A.Match, rows: list[Row]) -> list[Row]:
        if self.profile is None:  # explain's profile reads the row interpreter's clauses
            found = match_columns(self.view, clause, rows, self.ev.params, self.ev.eval, self.check_deadline,
                                  self.budget)  # fmt: skip
            if found is not None:
                return found
        out: list[Row] = []
        limit = self.budget.limit
        for row in rows:
            found = False
            for bound in self.match_patterns(clause.patterns, row):
                if clause.where is None or self.ev.eval(clause.where, bound) is True:
                    out.append(bound)
                    if len(out) > limit:
                        self.budget.check(len(out))
                    found = True
            if clause.optional and not found:
                out.append(with_nulls(clause.patterns, row))
        return out

    def match_patterns(self, patterns: list[A.PathPattern], row: Row) -> Iterator[Row]:
        yield from self._match_from(patterns, 0, row, frozenset())

    def _match_from(self, patterns: list[A.PathPattern], i: int, row: Row, used: frozenset[str]) -> Iterator[Row]:
        if i == len(patterns):
            yield row
            return
        for bound, used2 in self.match_path(patterns[i], row, used):
            yield from self._match_from(patterns, i + 1, bound, used2)

    def match_path(self, p: A.PathPattern, row: Row, used: frozenset[str]) -> Iterator[tuple[Row, frozenset[str]]]:
        for start, row1 in self.node_candidates(p.nodes[0], row):
            yield from self._extend(p, 0, start, row1, used, [start])

    def _extend(
        self, p: A.PathPattern, i: int, current: Node, row: Row, used: frozenset[str], trail: list[Any]
    ) -> Iterator[tuple[Row, frozenset[str]]]:
        self.check_deadline()
        if i == len(p.rels):
            if p.var is not None:
                row = {**row, p.var: Path(list(trail))}
            yield row, used
            return
        rel, target = p.rels[i], p.nodes[i + 1]
        for rels, end in self.expand(rel, current, row, used):
            bound = dict(row)
            if rel.var is not None:
                value: Any = rels if rel.variable_length else rels[0]
                if rel.var in row:
                    if row[rel.var] != value:
                        continue
                else:
                    bound[rel.var] = value
            ok = self.node_matches(target, end, bound)
            if ok is None:
                continue
            used2 = used | {r.id for r in rels}
            steps: list[Any] = []
            node = current
            for r in rels:
                node = self._other(r, node)
                steps += [r, node]
            yield from self._extend(p, i + 1, end, ok, used2, trail + steps)

    def _other(self, r: Rel, node: Node) -> Node:
        other = r.edge.to_id if r.edge.from_id == node.id else r.edge.from_id
        return self.node(other)  # type: ignore[return-value]

    def node_candidates(self, np: A.NodePattern, row: Row) -> Iterator[tuple[Node, Row]]:
        if np.var is not None and np.var in row:
            value = row[np.var]
            if value is None:
                return
            if not isinstance(value, Node):
                raise QueryError(f"Type mismatch: {np.var} is not a node")
            bound = self.node_matches(np, value, row)
            if bound is not None:
                yield value, bound
            return
        props = self.ev.eval(np.props, row) if np.props is not None else {}
        if isinstance(props, dict) and "~id" in props:
            vertices = [] if props["~id"] is None else [self.view.get_vertex(str(props["~id"]))]
            candidates = (Node(v) for v in vertices if v is not None)
        else:
            label = np.labels[0] if np.labels else None
            found = indexed_vertices(self.view, label, props) if isinstance(props, dict) else None
            candidates = (Node(v) for v in (self.view.iter_vertices(label) if found is None else found))
        for node in candidates:
            bound = self.node_matches(np, node, row, props)
            if bound is not None:
                yield node, bound

    def node_matches(self, np: A.NodePattern, node: Node, row: Row, props: Any = None) -> Row | None:
        """``row`` with ``node`` bound to ``np`` if it matches (``props``: the pattern's map, evaluated)."""
        if any(label not in node.vertex.labels for label in np.labels):
            return None
        if np.props is not None:
            if props is None:
                props = self.ev.eval(np.props, row)
            for key, want in (props or {}).items():
                have = node.id if key == "~id" else node.prop(key)
                if equals(have, want) is not True:
                    return None
        if np.var is None:
            return row
        if np.var in row:
            return row if row[np.var] == node else None
        return {**row, np.var: node}

    def expand(
        self, rel: A.RelPattern, start: Node, row: Row, used: frozenset[str]
    ) -> Iterator[tuple[list[Rel], Node]]:
        if not rel.variable_length:
            for r, end in self.step(rel, start, row, used):
                yield [r], end
            return
        max_hops = rel.max_hops
        stack: list[tuple[Node, list[Rel], frozenset[str]]] = [(start, [], used)]
        while stack:
            node, rels, seen = stack.pop()
            if len(rels) >= rel.min_hops:
                yield rels, node
            if max_hops is not None and len(rels) >= max_hops:
                continue
            self.check_deadline()
            for r, end in reversed(list(self.step(rel, node, row, seen))):
                stack.append((end, [*rels, r], seen | {r.id}))

    def step(self, rel: A.RelPattern, node: Node, row: Row, used: frozenset[str]) -> Iterator[tuple[Rel, Node]]:
        labels = rel.types or [None]
        props = self.ev.eval(rel.props, row) if rel.props is not None else None
        seen_self_loops: set[str] = set()
        for label in labels:
            edges: list[tuple[Any, str]] = []
            if rel.direction in ("out", "both"):
                edges += [(e, e.to_id) for e in self.view.out_edges(node.id, label)]
            if rel.direction in ("in", "both"):
                for e in self.view.in_edges(node.id, label):
                    if rel.direction == "both" and e.from_id == e.to_id and e.id in seen_self_loops:
                        continue
                    edges.append((e, e.from_id))
            for e, other in edges:
                if e.from_id == e.to_id and rel.direction == "both":
                    if e.id in seen_self_loops:
                        continue
                    seen_self_loops.add(e.id)
                if e.id in used:
                    continue
                r = Rel(e)
                if props and any(equals(r.id if k == "~id" else r.prop(k), v) is not True for k, v in props.items()):
                    continue
                end = self.node(other)
                if end is not None:
                    yield r, end

    def pattern_exists(self, p: A.PathPattern, row: Row) -> bool:
        for _ in self.match_path(p, row, frozenset()):
            return True
        return False

    # -- UNWIND / projections --------------------------------------------------------------------
    def unwind(self, clause: A.Unwind, rows: list[Row]) -> list[Row]:
        out: list[Row] = []
        for row in rows:
            value = self.ev.eval(clause.expr, row)
            items = [] if value is None else value if isinstance(value, list) else [value]
            self.budget.check(len(out) + len(items))
            out += [{**row, clause.alias: item} for item in items]
        return out

    def project(self, clause: A.Projection, rows: list[Row]) -> tuple[list[Row], list[str]]:
        items = list(clause.items)
        if clause.star:
            names = sorted({k for row in rows for k in row if not k.startswith(" ")}) if rows else []
            items = [A.ReturnItem(A.Var(n), n) for n in names] + items
        columns = [it.alias for it in items]
        order = [A.SortItem(over_projection(s.expr, items), s.descending) for s in clause.order]
        where = None if clause.where is None else over_projection(clause.where, items)
        aggregates = [c for it in items for c in _aggregates(it.expr)]
        if aggregates:
            aggregates += [c for s in order for c in _aggregates(s.expr)]  # ORDER BY max(x) beyond RETURN's
            projected = self.aggregate(items, aggregates, rows)
        else:
            projected = [{**row, **{it.alias: self.ev.eval(it.expr, row) for it in items}} for row in rows]
        if clause.distinct:
            projected = _distinct(projected, columns)
        top = self._top_k(clause, len(projected)) if order else None
        if top is not None:  # only the first SKIP+LIMIT rows in order are kept: a top-k, not a full sort
            projected = self._top_rows(order, columns, projected, top)
        elif order:
            for sort in reversed(order):
                keys = self._sort_keys(sort.expr, columns, projected)
                order = sorted(range(len(projected)), key=keys.__getitem__, reverse=sort.descending)
                projected = [projected[i] for i in order]
        skip = self._count(clause.skip, "SKIP")
        limit = self._count(clause.limit, "LIMIT")
        if skip:
            projected = projected[skip:]
        if limit is not None:
            projected = projected[:limit]
        if clause.kind == "WITH":
            if where is not None:  # sees the variables before WITH too, where they are still there
                projected = [row for row in projected if self.ev.eval(where, row) is True]
            projected = [{c: row[c] for c in columns} for row in projected]
        return projected, columns

    def _top_k(self, clause: A.Projection, rows: int) -> int | None:
        """SKIP+LIMIT when a LIMIT keeps fewer than ``rows`` rows (None: sort them all; an invalid
        SKIP or LIMIT is left for the full path to report, after the sort keys, as it always was)."""
        if clause.limit is None:
            return None
        try:
            k = (self._count(clause.skip, "SKIP") or 0) + (self._count(clause.limit, "LIMIT") or 0)
        except Exception:  # reported where it always was, by the full path
            return None
        return k if k < rows else None

    def _top_rows(self, order: list[A.SortItem], columns: list[str], projected: list[Row], k: int) -> list[Row]:
        """The first ``k`` rows in ORDER BY order (the full sort's first ``k``, ties in row order)."""
        keys: list[list[Any]] = [[] for _ in order]
        for j in reversed(range(len(order))):  # evaluated in the full path's order: last sort item first
            keys[j] = self._sort_keys(order[j].expr, columns, projected)
        try:
            chosen = ordered(keys, [s.descending for s in order], k)
        except TypeError:  # keys a heap cannot compare: the full sort, as the rows always were
            chosen = ordered(keys, [s.descending for s in order])
        return [projected[i] for i in chosen]

    def _sort_keys(self, expr: A.Expr, columns: list[str], projected: list[Row]) -> list[Any]:
        """Each projected row's sort key of ``expr``, which sees the projection's columns over the
        variables before it (an ORDER BY item that names a column reads it straight from the row)."""
        if isinstance(expr, A.Var) and expr.name in columns:
            name = expr.name
            return [sort_key(row[name]) for row in projected]
        return [sort_key(self.ev.eval(expr, {**row, **{c: row[c] for c in columns}})) for row in projected]

    def _count(self, e: A.Expr | None, what: str) -> int | None:
        if e is None:
            return None
        value = self.ev.eval(e, {})
        if not isinstance(value, int) or isinstance(value, bool):
            raise InvalidQueryArgument(f"Invalid input for {what}: expected a non-negative integer but was "
                                       f"{type_name(value)}", "InvalidArgumentType")  # fmt: skip
        if value < 0:
            raise InvalidQueryArgument(f"Invalid input for {what}: expected a non-negative integer but was {value}",
                                       "NegativeIntegerArgument")  # fmt: skip
        return value

    def aggregate(self, items: list[A.ReturnItem], aggregates: list[A.Call], rows: list[Row]) -> list[Row]:
        """Rows grouped by the items without an aggregate and by the implicit keys of the others (each
        sub-expression outside their aggregates that reads a variable, ``n.y`` in ``n.y + count(*)``)."""
        keys = [(it.alias, it.expr) for it in items if not _aggregates(it.expr)]
        implicit = GroupingKeys()
        mixed = [(it.alias, implicit.split_item(it.expr)) for it in items if _aggregates(it.expr)]
        keys += implicit.keys
        groups: dict[Any, tuple[Row, list[Row]]] = {}
        for row in rows:
            values = {name: self.ev.eval(expr, row) for name, expr in keys}
            gk = tuple(hashable(v) for v in values.values())
            groups.setdefault(gk, (values, []))[1].append(row)
        if not groups and not keys:
            groups[()] = ({}, [])
        out: list[Row] = []
        for values, members in groups.values():
            base = {**(members[0] if members else {}), **values}
            for call in aggregates:
                base[agg_key(call)] = self.fold(call, members)
            for alias, expr in mixed:
                base[alias] = self.ev.eval(expr, base)
            out.append(base)
        return out

    def fold(self, call: A.Call, rows: list[Row]) -> Any:
        if call.star:
            return len(rows)
        if len(call.args) != aggregates.arity(call.name):
            raise QueryError(f"{call.name} takes {aggregates.arity(call.name)} argument(s)")
        values = [v for v in (self.ev.eval(call.args[0], row) for row in rows) if v is not None]
        if call.distinct:
            values = list({hashable(v): v for v in values}.values())
        extra = [self.ev.eval(a, rows[0] if rows else {}) for a in call.args[1:]]
        return aggregates.fold(call.name, values, extra)


_AGGREGATES_OF: dict[int, tuple[Any, list[A.Call]]] = {}  # id(expression) -> (expression, its aggregates)
_AGGREGATES_MEMO = 4096  # expressions of cached plans remembered (bounded: cleared when full)


def _aggregates(e: Any) -> list[A.Call]:
    """The aggregate calls of ``e`` (memoised per expression object: plans are cached and reused)."""
    hit = _AGGREGATES_OF.get(id(e))
    if hit is not None and hit[0] is e:
        return hit[1]
    found = _find_aggregates(e)
    if len(_AGGREGATES_OF) >= _AGGREGATES_MEMO:
        _AGGREGATES_OF.clear()
    _AGGREGATES_OF[id(e)] = (e, found)
    return found


def _find_aggregates(e: Any) -> list[A.Call]:
    found: list[A.Call] = []

    def walk(x: Any) -> None:
        if isinstance(x, A.Call) and x.name in AGGREGATES:
            found.append(x)
            return
        if isinstance(x, A.ListComprehension | A.Quantifier):
            walk(x.source)  # collect(...) in the source is the outer query's; the rest is per item
            return
        if isinstance(x, A.Reduce):
            walk(x.init)
            walk(x.source)
            return
        if isinstance(x, A.PatternExpr | A.ExistsExpr | A.PatternComprehension | A.ExistsSubquery):
            return
        if isinstance(x, A.Expr | list | tuple | dict):
            for child in A.children(x):
                walk(child)

    walk(e)
    return found


def _distinct(rows: list[Row], columns: list[str] | None = None) -> list[Row]:
    seen: set[Any] = set()
    out: list[Row] = []
    for row in rows:
        key = tuple(hashable(row[c]) for c in (columns if columns is not None else list(row)))
        if key not in seen:
            seen.add(key)
            out.append(row)
    return out
