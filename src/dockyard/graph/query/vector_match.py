"""MATCH over index arrays: the binding rows of a MATCH clause computed in batches, then handed to the
row interpreter as rows.

A binding table holds one numpy column per pattern position: vertex indices for nodes, edge indices
for relationships (``-1``: no edge, in the hops a shorter variable-length path did not take), and the
input row each binding row extends (``origin``). Each pattern starts from the input rows' bound node,
else from its cheaper end (``vector_nodes.start_rank``: ``~id``, labels with conditions, a label, every
vertex; a pattern that shares no variable with the table is a cross product). Each hop expands every
row through the CSR of its direction and types, keeps the rows whose new node the pattern accepts
(labels, constant properties, ``~id``, and the WHERE's AND-ed comparisons of that variable's
properties with constants, pushed down to the node) and whose new edge differs from every edge of the
clause matched before (relationship uniqueness); a variable already bound is an equality (cycles and
joins). A variable-length hop expands level by level up to its bound (or until no path grows), its
paths put back in the row interpreter's depth-first order. What is left of the WHERE is evaluated on
the rows. OPTIONAL MATCH gives an input row without a match its nulls. Rows come out grouped by their
input row, in the row interpreter's order (a pattern walked from its far end is put back in the order
of a walk from its first node: ``vector_order``).

Binding columns over the row budget that are not yet the clause's rows (the rest of the WHERE or a
later pattern may cut them) leave the clause to the row interpreter, which holds only the rows that
survive; the clause's rows over the budget are refused.

Only over columns without pending writes, and for node patterns whose maps are constants and
relationship patterns without property maps; anything else (and every MATCH while explain profiles
the clauses) is the row interpreter's.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from dockyard.graph.graph_view import GraphView
from dockyard.graph.query import ast as A
from dockyard.graph.query.error_free import cannot_raise
from dockyard.graph.query.fast_group import Grouped, grouped_rows, key_sums
from dockyard.graph.query.memory_budget import RowBudget
from dockyard.graph.query.ordering import hashable
from dockyard.graph.query.pending_writes import split_view
from dockyard.graph.query.values import ColumnNode, Node, Path, Rel
from dockyard.graph.query.vector_aggregates import AggregateShape, aggregate_shape, aggregated_rows
from dockyard.graph.query.vector_comparisons import compared, comparison
from dockyard.graph.query.vector_filters import Condition, conditions_mask, stored_property, where_conditions
from dockyard.graph.query.vector_joins import equality_join, join_pairs
from dockyard.graph.query.vector_nodes import NotVectorised, node_mask, start_rank, start_vertices
from dockyard.graph.query.vector_order import forward_order
from dockyard.graph.query.vector_projection import projected_rows, projection_shape

Row = dict[str, Any]
_FLIP = {"out": "in", "in": "out", "both": "both"}
_CHECK_EVERY = 1024  # rows the rest of the WHERE reads between deadline checks
_FEW_ROWS = 16  # input rows up to which an anchored fixed-length clause stays the row interpreter's


@dataclass
class _Table:
    """Binding rows as columns: ``cols[key]`` per position, every column the same length."""

    cols: dict[Any, np.ndarray]
    nodes: dict[str, Any] = field(default_factory=dict)  # node variable -> column key
    rels: dict[str, list[Any]] = field(default_factory=dict)  # relationship variable -> edge column keys
    var_length: set[str] = field(default_factory=set)  # relationship variables bound to lists
    paths: dict[str, tuple[Any, list[Any]]] = field(default_factory=dict)  # path -> first node, edges in order
    edges: list[Any] = field(default_factory=list)  # every edge column key of the clause
    counter: int = 0

    def __len__(self) -> int:
        return len(self.cols["origin"])

    def take(self, index: np.ndarray) -> None:
        self.cols = {k: v[index] for k, v in self.cols.items()}

    def column(self, var: str) -> tuple[str, np.ndarray]:
        """A node's vertex index column, or a fixed-length relationship's edge index column."""
        if var in self.nodes:
            return "vertex", self.cols[self.nodes[var]]
        return "edge", self.cols[self.rels[var][0]]

    def key(self, kind: str) -> tuple[str, int]:
        self.counter += 1
        return kind, self.counter


def match_columns(
    view: Any,
    clause: A.Match,
    rows: list[Row],
    params: dict[str, Any],
    evaluate: Callable[[A.Expr, Row], Any],
    check: Callable[[], None],
    budget: RowBudget,
) -> list[Row] | None:
    """The rows of ``clause`` over ``rows``, or None when the clause is the row interpreter's."""
    split = split_view(view)
    if split is None or split[1] is not None or not rows or _trivial(clause, rows, params):
        return None
    columns = split[0]
    try:
        return _Matcher(columns, clause, rows, params, evaluate, check, budget).run()
    except NotVectorised:
        return None


_FOLDS = frozenset({"count", "sum", "avg", "min", "max"})  # the aggregates the columns may answer


def answered_columns(
    view: Any,
    clause: A.Match,
    ret: A.Projection,
    rows: list[Row],
    params: dict[str, Any],
    check: Callable[[], None],
    budget: RowBudget,
) -> tuple[list[Row], A.Projection | None] | None:
    """The RETURN (or aggregating WITH) right after a MATCH answered over the binding columns, without
    building the MATCH's rows: its rows and the projection over aliases still to apply to them (None:
    the rows are the answer); None when it is not of a shape answered here (the clause then runs as
    ``match_columns`` runs it).

    - ``RETURN count(*) | count(x) | count([DISTINCT] x.k), ...`` (``x`` a node or relationship the
      clause binds, or a variable of the input rows): its one row, counted.
    - ``RETURN x.k AS key, count(*) | count(v), ... ORDER BY ..key..`` (``x`` a node the clause binds):
      each vertex of ``x`` weighs the rows it is on, summed per value of ``k`` as ``fast_group`` sums
      degrees.
    - counts, sums, averages, minima and maxima, per key or not, in a RETURN or a WITH
      (``vector_aggregates``).
    - ``RETURN x.k AS a, r.j AS b, ...``: the properties read from the columns (``vector_projection``).
    """
    if any(isinstance(item.expr, A.Call) and item.expr.name in _FOLDS for item in ret.items):
        return _counted_columns(view, clause, ret, rows, params, check, budget)
    if ret.kind == "RETURN" and ret.items and all(isinstance(item.expr, A.Prop) for item in ret.items):
        return _projected_columns(view, clause, ret, rows, params, check, budget)
    return None


def _counted_columns(
    view: Any, clause: A.Match, ret: A.Projection, rows: list[Row], params: dict[str, Any],
    check: Callable[[], None], budget: RowBudget,
) -> tuple[list[Row], A.Projection | None] | None:
    given = {name for row in rows for name in row}
    items = _counted_items(clause, ret, given)
    shape = _grouped_items(clause, ret, given) if items is None else None
    folded = aggregate_shape(clause, ret, given) if items is None and shape is None else None
    unordered = items is not None or shape is not None or (folded is not None and not _in_order(folded, ret))
    found_table = None if items is None and shape is None and folded is None else _binding_table(
        view, clause, rows, params, check, budget, unordered)  # fmt: skip
    if found_table is None:
        return None
    columns, table = found_table
    if items is not None:
        counted = _counts(columns, table, clause, rows, items, given, budget)
        return None if counted is None else (counted, None)
    if folded is not None:
        return aggregated_rows(columns, table.column, len(table), folded, ret, budget)
    assert shape is not None
    return _groups(columns, table, ret, shape, params, budget)


def _projected_columns(
    view: Any, clause: A.Match, ret: A.Projection, rows: list[Row], params: dict[str, Any],
    check: Callable[[], None], budget: RowBudget,
) -> tuple[list[Row], A.Projection | None] | None:
    shape = projection_shape(clause, ret, {name for row in rows for name in row})
    found_table = None if shape is None else _binding_table(view, clause, rows, params, check, budget)
    if found_table is None:
        return None
    columns, table = found_table
    assert shape is not None
    return projected_rows(columns, table.column, len(table), shape, ret, params, budget)


def _counts(
    columns: GraphView, table: _Table, clause: A.Match, rows: list[Row],
    items: list[tuple[str, str | None, bool, str | None]], given: set[str], budget: RowBudget,
) -> list[Row] | None:
    per_row = np.bincount(table.cols["origin"], minlength=len(rows))  # output rows of each input row
    if clause.optional:
        per_row = np.where(per_row == 0, 1, per_row)  # an input row without a match: one row of nulls
    budget.check(int(per_row.sum()))  # the rows the MATCH gives, as the row interpreter holds them
    out: Row = {}
    for alias, name, distinct, key in items:
        if key is not None:  # count([DISTINCT] x.k): the values of the rows' vertices
            weight = np.bincount(table.cols[table.nodes[name]], minlength=columns.num_vertices)
            found = key_sums(columns, key, weight)
            if found is None:
                return None
            sums = found[0]
            out[alias] = len({k if isinstance(k, tuple) else hashable(k) for k in sums}) if distinct else sum(
                sums.values())  # fmt: skip
        elif name is None:
            out[alias] = int(per_row.sum())
        elif name in given:  # the input row's value, on every row it gives (with or without a match)
            present = [o for o, row in enumerate(rows) if per_row[o] and row.get(name) is not None]
            out[alias] = len({hashable(rows[o][name]) for o in present}) if distinct else int(per_row[present].sum())
        elif not distinct:
            out[alias] = len(table)  # a variable the clause binds is null only on a row of nulls
        elif name in table.nodes:
            out[alias] = len(np.unique(table.cols[table.nodes[name]]))
        else:
            out[alias] = len(np.unique(table.cols[table.rels[name][0]]))
    return [out]


def _groups(
    columns: GraphView, table: _Table, ret: A.Projection, shape: tuple[A.ReturnItem, list[A.ReturnItem]],
    params: dict[str, Any], budget: RowBudget,
) -> Grouped | None:
    key_item, count_items = shape
    budget.check(len(table))  # the rows the MATCH gives, as the row interpreter holds them
    assert isinstance(key_item.expr, A.Prop) and isinstance(key_item.expr.subject, A.Var)
    column = table.cols[table.nodes[key_item.expr.subject.name]]
    weight = np.bincount(column, minlength=columns.num_vertices)
    found = key_sums(columns, key_item.expr.key, weight)
    if found is None:
        return None
    merged, missing, _ = found
    return grouped_rows(merged, missing, count_items, key_item, ret, params)


def _in_order(folded: AggregateShape, ret: A.Projection) -> bool:
    """Whether the grouped rows' order depends on the order of the binding rows (groups in the order
    of their first row, unless there is one group or the ORDER BY sorts by the key)."""
    key = folded.key_item
    return key is not None and not any(isinstance(s.expr, A.Var) and s.expr.name == key.alias for s in ret.order)


def _binding_table(
    view: Any, clause: A.Match, rows: list[Row], params: dict[str, Any], check: Callable[[], None],
    budget: RowBudget, unordered: bool = False,
) -> tuple[GraphView, _Table] | None:
    """The columns and the clause's binding table, or None (pending writes, a clause the row
    interpreter answers at once, a pattern it declines, or a WHERE term to evaluate on rows).
    ``unordered``: the rows' order does not matter (a pattern walked from its far end stays so)."""
    split = split_view(view)
    if split is None or split[1] is not None or not rows or _trivial(clause, rows, params):
        return None
    try:
        matcher = _Matcher(split[0], clause, rows, params, lambda e, row: None, check, budget)
        matcher.in_order = not unordered
        table = matcher.table()
    except NotVectorised:
        return None
    return None if table is None else (split[0], table)


def _grouped_items(
    clause: A.Match, ret: A.Projection, given: set[str]
) -> tuple[A.ReturnItem, list[A.ReturnItem]] | None:
    if clause.optional or ret.kind != "RETURN" or ret.star or ret.distinct or ret.where:
        return None
    nodes = {n.var for p in clause.patterns for n in p.nodes if n.var} - given
    bound = set(_pattern_vars(clause.patterns))
    key_item, count_items = None, []
    for item in ret.items:
        e = item.expr
        if isinstance(e, A.Call) and e.name == "count" and not e.distinct and (
                e.star or (len(e.args) == 1 and isinstance(e.args[0], A.Var) and e.args[0].name in bound)):  # fmt: skip
            count_items.append(item)
        elif key_item is None and stored_property(e) and e.subject.name in nodes:  # type: ignore[attr-defined]
            key_item = item
        else:
            return None
    aliases = {item.alias for item in ret.items}
    if key_item is None or not count_items:
        return None
    if any(not (isinstance(s.expr, A.Var) and s.expr.name in aliases) for s in ret.order):
        return None
    if not any(s.expr.name == key_item.alias for s in ret.order):  # type: ignore[attr-defined]
        return None  # groups come in the order of their first row: the row interpreter's to keep
    return key_item, count_items


def _counted_items(
    clause: A.Match, ret: A.Projection, given: set[str]
) -> list[tuple[str, str | None, bool, str | None]] | None:
    """Per RETURN item: (alias, counted variable or None for ``count(*)``, DISTINCT, the property key of
    ``count(x.k)`` or None), or None."""
    if ret.kind != "RETURN" or ret.star or ret.distinct or ret.order or ret.skip or ret.limit or ret.where:
        return None
    singles = {n.var for p in clause.patterns for n in p.nodes if n.var}
    singles |= {r.var for p in clause.patterns for r in p.rels if r.var and not r.variable_length}
    nodes = {n.var for p in clause.patterns for n in p.nodes if n.var} - given
    out: list[tuple[str, str | None, bool, str | None]] = []
    for item in ret.items:
        e = item.expr
        if not (isinstance(e, A.Call) and e.name == "count"):
            return None
        arg = e.args[0] if len(e.args) == 1 else None
        if e.star:
            out.append((item.alias, None, False, None))
        elif isinstance(arg, A.Var) and arg.name in singles | given:
            out.append((item.alias, arg.name, e.distinct, None))
        elif stored_property(arg) and arg.subject.name in nodes:  # type: ignore[union-attr]
            out.append((item.alias, arg.subject.name, e.distinct, arg.key))  # type: ignore[union-attr]
        else:
            return None
    return out


def _trivial(clause: A.Match, rows: list[Row], params: dict[str, Any]) -> bool:
    """A clause the row interpreter answers in microseconds: a few input rows, each pattern of fixed
    length anchored at an ``~id`` or at a variable every input row binds (the vectorised filters would
    build masks over every vertex for a handful of neighbours)."""
    if len(rows) > _FEW_ROWS:
        return False
    for p in clause.patterns:
        if any(r.variable_length for r in p.rels):
            return False
        anchored = any(
            (n.var is not None and all(n.var in row for row in rows)) or start_rank(n, params) == 0
            for n in (p.nodes[0], p.nodes[-1])
        )
        if not anchored:
            return False
    return True


def _conjuncts(where: A.Expr | None) -> list[A.Expr]:
    if where is None:
        return []
    if isinstance(where, A.Binary) and where.op == "AND":
        return _conjuncts(where.left) + _conjuncts(where.right)
    return [where]


def _pattern_vars(patterns: list[A.PathPattern]) -> list[str]:
    return [name for p in patterns for name in p.variables]


def with_nulls(patterns: list[A.PathPattern], row: Row) -> Row:
    """OPTIONAL MATCH's row for an input row without a match: null for every variable of the patterns
    the row does not bind yet."""
    return {**row, **{name: None for name in _pattern_vars(patterns) if name not in row}}


class _Columns(RowBudget):
    """The budget of binding columns that are not yet the clause's rows (a later pattern, node or the
    rest of the WHERE may remove most of them): over it, the clause is the row interpreter's, which
    holds only the rows that survive and refuses them only if they exceed the budget."""

    def check(self, rows: int) -> None:
        if rows > self.limit:
            raise NotVectorised


class _Matcher:
    def __init__(
        self, view: GraphView, clause: A.Match, rows: list[Row], params: dict[str, Any],
        evaluate: Callable[[A.Expr, Row], Any], check: Callable[[], None], budget: RowBudget,
    ) -> None:  # fmt: skip
        self.view, self.clause, self.rows, self.params = view, clause, rows, params
        self.evaluate, self.check, self.final = evaluate, check, budget
        self.budget = _Columns(budget.limit)
        self.src, self.dst = view.edge_ends()
        self.node_vars = {n.var for p in clause.patterns for n in p.nodes if n.var}
        self.conditions: dict[str, list[Condition]] = {}
        self.residual: list[A.Expr] = []
        self.joins: list[tuple[A.Expr, tuple[str, str, str, str]]] = []  # (a.k = b.j, (a, k, b, j))
        self._masks: dict[int, np.ndarray | None] = {}
        self.safe = False  # whether no conjunct of the WHERE left to the rows can raise an error
        self.in_order = True  # whether the rows must come in the row interpreter's order

    # -- the clause ------------------------------------------------------------------------------
    def run(self) -> list[Row]:
        self._split_where()
        return self._rows(self._match())

    def table(self) -> _Table | None:
        """The binding columns, or None when part of the WHERE must be evaluated on rows."""
        self._split_where()
        if self.residual and not (self.safe and all(comparison(c) is not None for c in self.residual)):
            return None
        table = self._match()
        return None if self.residual else table

    def _match(self) -> _Table:
        table = self._input_table()
        for p in self.clause.patterns:
            self.check()
            self._pattern(table, p)
            self.budget.check(len(table))
        self.residual += [c for c, _ in self.joins]  # the equalities no pattern start could join on
        self.joins = []
        if self.safe and self.residual:
            self._compare(table)
        return table

    def _compare(self, table: _Table) -> None:
        """The rest of the WHERE's comparisons of two elements' numeric properties, over the columns
        (``vector_comparisons``; only when no conjunct can raise, so which one drops a row first does
        not matter)."""

        def column(var: str) -> tuple[str, np.ndarray] | None:
            if var in table.nodes or (var in table.rels and var not in table.var_length):
                return table.column(var)
            return None

        left = []
        for conjunct in self.residual:
            keep = compared(self.view, column, conjunct)
            if keep is None:
                left.append(conjunct)
            else:
                table.take(np.flatnonzero(keep))
        self.residual = left

    def _split_where(self) -> None:
        """The WHERE's conjuncts that compare one node variable's property with a constant become that
        node's conditions; the rest is evaluated on the rows (all of it, when a conjunct left to the
        rows could raise an error)."""
        for conjunct in _conjuncts(self.clause.where):
            target = None
            for var in self.node_vars:
                found = where_conditions(conjunct, var, self.params)
                if found:
                    try:
                        conditions_mask(self.view, found)
                    except LookupError:
                        break  # numpy cannot compare it as the row interpreter does: a row condition
                    target = (var, found)
                    break
            if target is None:
                self.residual.append(conjunct)
            else:
                self.conditions.setdefault(target[0], []).extend(target[1])
        elements = self.node_vars | {r.var for p in self.clause.patterns for r in p.rels if r.var}
        safe = self.safe = all(cannot_raise(c, elements, self.params) for c in self.residual)
        if self.conditions and not safe:
            # the row interpreter evaluates a conjunct that can raise on the rows a pushed condition
            # removes (from left to right, up to the first false one): every conjunct stays on the rows
            self.conditions, self.residual = {}, _conjuncts(self.clause.where)
        if safe:  # equalities of two nodes' properties: hash joins where a pattern would be a cross product
            self.joins = [(c, j) for c in self.residual if (j := equality_join(c, self.node_vars)) is not None]
            joined = {id(c) for c, _ in self.joins}
            self.residual = [c for c in self.residual if id(c) not in joined]

    def _input_table(self) -> _Table:
        table = _Table({"origin": np.arange(len(self.rows), dtype=np.int64)})
        names = _pattern_vars(self.clause.patterns)
        bound = {name for row in self.rows for name in row if name in names}
        for name in bound:
            if name not in self.node_vars:
                raise NotVectorised  # a relationship or path variable bound before: the row interpreter's
            column = np.empty(len(self.rows), np.int64)
            for i, row in enumerate(self.rows):
                value = row.get(name)
                if value is None:
                    column[i] = -1  # a null matches nothing
                    continue
                if not isinstance(value, Node):
                    raise NotVectorised  # the row interpreter's type error
                index = value.index if isinstance(value, ColumnNode) else self.view.vertex_index(value.id)
                if index is None:
                    raise NotVectorised
                column[i] = index
            key = table.key("v")
            table.cols[key] = column
            table.nodes[name] = key
        keep = np.ones(len(table), bool)
        for name in bound:
            keep &= table.cols[table.nodes[name]] >= 0
        if not keep.all():
            table.take(np.flatnonzero(keep))
        return table

    def _mask(self, node: A.NodePattern) -> np.ndarray | None:
        found = self._masks.get(id(node), False)
        if found is False:
            extra = self.conditions.get(node.var, []) if node.var else []
            found = self._masks[id(node)] = node_mask(self.view, node, self.params, extra)
        return found  # type: ignore[return-value]

    # -- one pattern -----------------------------------------------------------------------------
    def _pattern(self, table: _Table, p: A.PathPattern) -> None:
        nodes, rels = list(p.nodes), list(p.rels)
        first, last = nodes[0], nodes[-1]
        first_bound = first.var is not None and first.var in table.nodes
        last_bound = last.var is not None and last.var in table.nodes
        reverse = bool(rels) and not first_bound and (last_bound or self._rank(last) < self._rank(first))
        if reverse:
            nodes.reverse()
            rels = [A.RelPattern(r.var, r.types, r.props, _FLIP[r.direction], r.min_hops, r.max_hops, r.star)
                    for r in reversed(rels)]  # fmt: skip
        position = table.key("p")
        reorder = reverse and self.in_order
        if reorder:  # each row's table row before the pattern, to put the rows back in order after it
            table.cols[position] = np.arange(len(table), dtype=np.int64)
        start = current = self._start(table, nodes[0])
        walked: list[Any] = []  # edge column keys in the order matched
        per_rel: list[list[Any]] = []  # each relationship's edge column keys, in the order walked
        for rel, node in zip(rels, nodes[1:], strict=True):
            self.check()
            if rel.props is not None or (rel.var is not None and (rel.var in table.rels or rel.var in table.nodes)):
                raise NotVectorised  # a relationship property map, or a repeated relationship variable
            if rel.variable_length:
                edge_keys, current = self._var_length(table, rel, node, current)
                if rel.var is not None:
                    table.var_length.add(rel.var)
            else:
                edge_key, current = self._hop(table, rel, node, current)
                edge_keys = [edge_key]
            walked += edge_keys
            per_rel.append(edge_keys)
            if rel.var is not None:
                table.rels[rel.var] = list(reversed(edge_keys)) if reverse else edge_keys
            self.budget.check(len(table))
        if p.var is not None:
            table.paths[p.var] = (current, list(reversed(walked))) if reverse else (start, walked)
        if reorder:
            steps = [(rel, [table.cols[k] for k in keys]) for rel, keys in zip(p.rels, reversed(per_rel), strict=True)]
            table.take(forward_order(self.view, table.cols.pop(position), table.cols[current], steps))

    def _rank(self, node: A.NodePattern) -> int:
        return start_rank(node, self.params, bool(node.var and self.conditions.get(node.var)))

    def _start(self, table: _Table, node: A.NodePattern) -> Any:
        mask = self._mask(node)
        if node.var is not None and node.var in table.nodes:
            key = table.nodes[node.var]
            if mask is not None:
                table.take(np.flatnonzero(mask[table.cols[key]]))
            return key
        starts = start_vertices(self.view, node, mask, self.params)
        if node.var is not None and self._join(table, node.var, starts):
            return table.nodes[node.var]
        n = len(table)
        self.budget.check(n * len(starts))
        table.cols = {k: np.repeat(v, len(starts)) for k, v in table.cols.items()}
        column = np.tile(starts, n)
        key = table.key("v")
        table.cols[key] = column
        if node.var is not None:
            table.nodes[node.var] = key
        return key

    def _join(self, table: _Table, var: str, starts: np.ndarray) -> bool:
        """Bind ``var`` to the ``starts`` whose property equals a bound node's (a hash join on the first
        such equality of the WHERE), instead of pairing every row with every start."""
        for i, (_, (a, k, b, j)) in enumerate(self.joins):
            if var not in (a, b):
                continue
            other, other_key, key = (b, j, k) if var == a else (a, k, j)
            if other not in table.nodes:
                continue
            pairs = join_pairs(self.view, table.cols[table.nodes[other]], other_key, starts, key)
            if pairs is None:
                continue
            rows, positions = pairs
            self.budget.check(len(rows))
            table.take(rows)
            column = table.key("v")
            table.cols[column] = starts[positions]
            table.nodes[var] = column
            del self.joins[i]
            return True
        return False

    def _expand(self, current: np.ndarray, rel: A.RelPattern) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """(edges, source row, reached vertex) of one hop from every vertex of ``current``, grouped by
        source row as the row interpreter steps: per type, outgoing then incoming edges."""
        parts = []
        for label in rel.types or [None]:
            if rel.direction in ("out", "both"):
                edges, source = self.view.adjacency("out", label).rows_of(current)
                parts.append((edges, source, self.dst[edges]))
            if rel.direction in ("in", "both"):
                edges, source = self.view.adjacency("in", label).rows_of(current)
                reached = self.src[edges]
                if rel.direction == "both":  # a self-loop is met once, going out
                    keep = reached != self.dst[edges]
                    edges, source, reached = edges[keep], source[keep], reached[keep]
                parts.append((edges, source, reached))
        if len(parts) == 1:
            return parts[0]
        edges, source, reached = (np.concatenate([part[i] for part in parts]) for i in range(3))
        order = np.argsort(source, kind="stable")
        return edges[order], source[order], reached[order]

    def _accepts(self, table: _Table, node: A.NodePattern, reached: np.ndarray, source: np.ndarray) -> np.ndarray:
        """Which expanded rows reach a vertex ``node`` accepts (bound: the same vertex)."""
        mask = self._mask(node)
        keep = np.ones(len(reached), bool) if mask is None else mask[reached]
        if node.var is not None and node.var in table.nodes:
            keep &= table.cols[table.nodes[node.var]][source] == reached
        return keep

    def _hop(self, table: _Table, rel: A.RelPattern, node: A.NodePattern, current: Any) -> tuple[Any, Any]:
        edges, source, reached = self._expand(table.cols[current], rel)
        keep = self._accepts(table, node, reached, source)
        _unique_edges(table, source, edges, keep)
        chosen = np.flatnonzero(keep)
        table.take(source[chosen])
        return _add_edges(table, edges[chosen]), self._bind_node(table, node, reached[chosen])

    def _bind_node(self, table: _Table, node: A.NodePattern, reached: np.ndarray) -> Any:
        if node.var is not None and node.var in table.nodes:
            return table.nodes[node.var]
        key = table.key("v")
        table.cols[key] = reached
        if node.var is not None:
            table.nodes[node.var] = key
        return key

    def _var_length(
        self, table: _Table, rel: A.RelPattern, node: A.NodePattern, current: Any
    ) -> tuple[list[Any], Any]:
        """A variable-length hop: every path of ``min_hops..max_hops`` edges, as edge columns (``-1``
        beyond a path's length), in depth-first order within each input row."""
        base = len(table)
        frontier_rows = np.arange(base, dtype=np.int64)  # the table row each frontier path extends
        frontier_at = table.cols[current]
        hops: list[np.ndarray] = []  # per level: the edge of each frontier path
        ancestry: list[np.ndarray] = [frontier_rows]  # per level: each path's frontier index, per level
        found: list[tuple[np.ndarray, list[np.ndarray], list[np.ndarray], np.ndarray]] = []
        if rel.min_hops == 0:
            found.append((frontier_rows, [], [frontier_rows], frontier_at))
        depth = 0
        while len(frontier_rows) and (rel.max_hops is None or depth < rel.max_hops):
            self.check()
            depth += 1
            edges, source, reached = self._expand(frontier_at, rel)
            keep = np.ones(len(edges), bool)
            _unique_edges(table, frontier_rows[source], edges, keep)
            for hop in hops:
                keep &= hop[source] != edges
            chosen = np.flatnonzero(keep)
            source, edges, reached = source[chosen], edges[chosen], reached[chosen]
            frontier_rows = frontier_rows[source]
            hops = [hop[source] for hop in hops] + [edges]
            ancestry = [a[source] for a in ancestry] + [np.arange(len(source), dtype=np.int64)]
            frontier_at = reached
            self.budget.check(len(frontier_rows) + sum(len(f[0]) for f in found))
            if depth >= rel.min_hops:
                found.append((frontier_rows, hops, ancestry, reached))
        levels = max((len(f[1]) for f in found), default=0)
        rows_of = np.concatenate([f[0] for f in found]) if found else np.zeros(0, np.int64)
        ends = np.concatenate([f[3] for f in found]) if found else np.zeros(0, np.int64)

        def stacked(i: int, part: int) -> np.ndarray:
            return np.concatenate([f[part][i] if i < len(f[part]) else np.full(len(f[0]), -1, np.int64)
                                   for f in found]) if found else np.zeros(0, np.int64)  # fmt: skip

        edge_cols = [stacked(i, 1) for i in range(levels)]
        keys = [stacked(i, 2) for i in range(levels + 1)]
        order = np.lexsort(keys[::-1]) if keys else np.zeros(0, np.int64)  # the first key sorts first
        rows_of, ends = rows_of[order], ends[order]
        edge_cols = [c[order] for c in edge_cols]
        keep = self._accepts(table, node, ends, rows_of)
        chosen = np.flatnonzero(keep)
        table.take(rows_of[chosen])
        edge_keys = [_add_edges(table, column[chosen]) for column in edge_cols]
        return edge_keys, self._bind_node(table, node, ends[chosen])

    # -- rows ------------------------------------------------------------------------------------
    def _rows(self, table: _Table) -> list[Row]:
        """The binding rows as the row interpreter's rows (one node or relationship object per distinct
        index), filtered by the rest of the WHERE."""
        view, cols = self.view, table.cols
        (self.budget if self.residual else self.final).check(len(table))
        nodes: dict[int, Node] = {}
        rels: dict[int, Rel] = {}

        def node(i: int) -> Node:
            found = nodes.get(i)
            if found is None:
                found = nodes[i] = ColumnNode(view.vertex_at(i), i)
            return found

        def rel(i: int) -> Rel:
            found = rels.get(i)
            if found is None:
                found = rels[i] = Rel(view.edge_at(i))
            return found

        names: list[str] = []
        values: list[list[Any]] = []
        for name, key in table.nodes.items():
            names.append(name)
            values.append(_objects(cols[key], node))
        for name, keys in table.rels.items():
            names.append(name)
            if name in table.var_length:
                hops = [cols[k].tolist() for k in keys]
                values.append([[rel(e) for e in path if e >= 0] for path in zip(*hops, strict=True)] if hops
                              else [[] for _ in range(len(table))])  # fmt: skip
            else:
                values.append(_objects(cols[keys[0]], rel))
        src, dst = self.src, self.dst
        for name, (start, walked) in table.paths.items():
            names.append(name)
            paths = []
            hops = [cols[k].tolist() for k in walked]
            for i, at in enumerate(cols[start].tolist()):
                items: list[Any] = [node(at)]
                for column in hops:
                    e = column[i]
                    if e >= 0:
                        at = int(dst[e]) if src[e] == at else int(src[e])
                        items += [rel(e), node(at)]
                paths.append(Path(items))
            values.append(paths)
        origin = cols["origin"].tolist()
        bound = [dict(zip(names, row, strict=True)) for row in zip(*values, strict=True)] if names else [
            {} for _ in origin]  # fmt: skip
        if any(self.rows):
            bound = [{**self.rows[o], **row} for o, row in zip(origin, bound, strict=True)]
        where = None
        for conjunct in self.residual:
            where = conjunct if where is None else A.Binary("AND", where, conjunct)
        if where is None:
            out, kept_origins = bound, origin
        else:
            out, kept_origins = [], []
            for i, (o, row) in enumerate(zip(origin, bound, strict=True)):
                if not i % _CHECK_EVERY:
                    self.check()  # a deadline or a cancel, while the rest of the WHERE reads the rows
                if self.evaluate(where, row) is True:
                    out.append(row)
                    kept_origins.append(o)
        if not self.clause.optional:
            self.final.check(len(out))
            return out
        out = self._with_nulls(out, kept_origins)
        self.final.check(len(out))
        return out

    def _with_nulls(self, out: list[Row], kept_origins: list[int]) -> list[Row]:
        """OPTIONAL MATCH: an input row without a match, with nulls for the pattern's variables."""
        result: list[Row] = []
        j = 0
        for o, row in enumerate(self.rows):
            start = j
            while j < len(out) and kept_origins[j] == o:
                j += 1
            if j > start:
                result.extend(out[start:j])
            else:
                result.append(with_nulls(self.clause.patterns, row))
        return result


def _unique_edges(table: _Table, rows: np.ndarray, edges: np.ndarray, keep: np.ndarray) -> None:
    """Relationship uniqueness within the clause: clear ``keep`` where the new edge of a row extending
    table row ``rows[i]`` is one of that row's earlier edges."""
    for earlier in table.edges:
        keep &= table.cols[earlier][rows] != edges


def _add_edges(table: _Table, column: np.ndarray) -> Any:
    """A new edge column of the clause (uniqueness checks it from now on); its key."""
    key = table.key("e")
    table.cols[key] = column
    table.edges.append(key)
    return key


def _objects(column: np.ndarray, make: Callable[[int], Any]) -> list[Any]:
    """One object per index of ``column`` (made once per distinct index)."""
    if len(column) < 64:
        return [make(i) for i in column.tolist()]
    distinct, inverse = np.unique(column, return_inverse=True)
    made = [make(i) for i in distinct.tolist()]
    return list(map(made.__getitem__, inverse.tolist()))
