"""The update clauses (CREATE, MERGE, SET, REMOVE, DELETE) over a write transaction, row by row.

Neptune Analytics' rules (docs/neptune-query.md): vertex ids are strings, a node pattern's
``~id`` names the vertex; edges get server ids (a ``~id`` on a relationship pattern is refused);
``MERGE (n)`` and ``MERGE (n {`~id`: ...})`` raise; a list value becomes a multi-valued vertex
property (set semantics: distinct values, sorted as the store sorts them); ``null`` removes.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from typing import Any

from dockyard.graph.errors import GraphError
from dockyard.graph.query import ast as A
from dockyard.graph.query.errors import (
    ArgumentError,
    CypherTypeError,
    InvalidMerge,
    QueryError,
    UnsupportedOperation,
    constraint_violation,
)
from dockyard.graph.query.expressions import Evaluator, Row
from dockyard.graph.query.values import DeletedNode, DeletedRel, Node, Path, Rel
from dockyard.graph.value_types import INTEGER_RANGES, TypedValue, ValueType
from dockyard.graph.write_transaction import WriteTransaction

_TYPE_ORDER = {t: i for i, t in enumerate(ValueType)}
ID_KEY = "~id"


def typed_scalar(value: Any, key: str) -> TypedValue:
    """The stored form of one Cypher value (Long, Double, String, Bool, Datetime, Date)."""
    if isinstance(value, bool):
        return TypedValue(ValueType.BOOL, value)
    if isinstance(value, int):
        low, high = INTEGER_RANGES[ValueType.LONG]
        if not low <= value <= high:
            raise ArgumentError(f"Integer value of property '{key}' is out of the 64-bit range", "NumberOutOfRange")
        return TypedValue(ValueType.LONG, value)
    if isinstance(value, float):
        return TypedValue(ValueType.DOUBLE, value)
    if isinstance(value, str):
        return TypedValue(ValueType.STRING, value)
    if isinstance(value, dt.datetime):
        value = value if value.tzinfo is not None else value.replace(tzinfo=dt.UTC)
        return TypedValue(ValueType.DATETIME, value.astimezone(dt.UTC))
    if isinstance(value, dt.date):
        return TypedValue(ValueType.DATE, value)
    kind = "a map" if isinstance(value, dict) else type(value).__name__
    raise CypherTypeError(f"Type mismatch: property '{key}' cannot hold {kind}; property values are scalars or lists",
                          "InvalidPropertyType")  # fmt: skip


def vertex_values(value: Any, key: str) -> list[TypedValue] | None:
    """A vertex property's stored values (None: remove the property)."""
    if value is None:
        return None
    if isinstance(value, list):
        if any(v is None or isinstance(v, list | dict) for v in value):
            raise CypherTypeError(f"Type mismatch: property '{key}' can hold a list of non-null scalars only",
                                  "InvalidPropertyType")  # fmt: skip
        distinct = {typed_scalar(v, key) for v in value}
        return sorted(distinct, key=lambda tv: (_TYPE_ORDER[tv.type], tv.value)) or None
    return [typed_scalar(value, key)]


def edge_value(value: Any, key: str) -> TypedValue | None:
    if value is None:
        return None
    if isinstance(value, list):
        raise CypherTypeError(f"Type mismatch: relationship property '{key}' cannot hold a list", "InvalidPropertyType")
    return typed_scalar(value, key)


class Updater:
    """Runs update clauses for an executor (``match_path`` finds MERGE's existing patterns)."""

    def __init__(
        self,
        txn: WriteTransaction,
        ev: Evaluator,
        match_path: Callable[[A.PathPattern, Row], Iterator[Row]],
        tick: Callable[[], None],
    ) -> None:
        self.txn = txn
        self.ev = ev
        self.match_path = match_path
        self.tick = tick

    def run(self, clause: A.Clause, rows: list[Row]) -> list[Row]:
        try:
            if isinstance(clause, A.Create):
                rows = [self.create(clause.patterns, row) for row in self._ticking(rows)]
            elif isinstance(clause, A.Merge):
                rows = [out for row in self._ticking(rows) for out in self.merge(clause, row)]
            elif isinstance(clause, A.SetClause):
                for row in self._ticking(rows):
                    self.set_items(clause.items, row)
            elif isinstance(clause, A.Remove):
                for row in self._ticking(rows):
                    self.remove_items(clause.items, row)
            elif isinstance(clause, A.Delete):
                for row in self._ticking(rows):
                    self.delete(clause, row)
        except GraphError as err:
            raise constraint_violation(err) from err
        if isinstance(clause, A.Create) or (isinstance(clause, A.Merge) and not (clause.on_create or clause.on_match)):
            return rows  # nothing bound before the clause changed (new edges are not part of a node's value)
        if isinstance(clause, A.Delete):
            return [self.refresh(row, deleting=True) for row in rows]
        return [self.refresh(row) for row in rows]

    def _ticking(self, rows: list[Row]) -> Iterator[Row]:
        for i, row in enumerate(rows):
            if i % 256 == 0:
                self.tick()
            yield row

    # -- refreshing bound elements after writes --------------------------------------------------
    def refresh(self, row: Row, deleting: bool = False) -> Row:
        """The row's nodes and relationships as the graph now holds them; after a DELETE, the ones no
        longer in the graph become deleted elements (their labels and properties can no longer be read)."""
        return {k: self._fresh(v, deleting) for k, v in row.items()}

    def _fresh(self, v: Any, deleting: bool) -> Any:
        view = self.txn.view
        if isinstance(v, DeletedNode | DeletedRel):
            return v
        if isinstance(v, Node):
            vertex = view.get_vertex(v.id)
            if vertex is None:
                return DeletedNode(v.vertex) if deleting else v
            return v if vertex is v.vertex else Node(vertex)
        if isinstance(v, Rel):
            edge = view.get_edge(v.id)
            if edge is None:
                return DeletedRel(v.edge) if deleting else v
            return v if edge is v.edge else Rel(edge)
        if isinstance(v, Path):
            return Path([self._fresh(x, deleting) for x in v.items])
        if isinstance(v, list) and v and isinstance(v[0], Node | Rel | Path | list):
            return [self._fresh(x, deleting) for x in v]
        return v

    # -- CREATE ----------------------------------------------------------------------------------
    def create(self, patterns: list[A.PathPattern], row: Row, merging: bool = False) -> Row:
        row = dict(row)
        for p in patterns:
            nodes = [self._create_node(np, row) for np in p.nodes]
            trail: list[Any] = [nodes[0]]
            for i, rel in enumerate(p.rels):
                r = self._create_rel(rel, nodes[i], nodes[i + 1], row, merging)
                trail += [r, nodes[i + 1]]
            if p.var is not None:
                row[p.var] = Path(trail)
        return row

    def _create_node(self, np: A.NodePattern, row: Row) -> Node:
        if np.var is not None and np.var in row:
            value = row[np.var]
            if np.labels or np.props is not None:
                raise QueryError(f"Variable `{np.var}` already declared")
            if not isinstance(value, Node):
                raise QueryError(f"Type mismatch: {np.var} is not a node")
            return value
        props = self._props(np.props, row)
        vid = props.pop(ID_KEY, None)
        if vid is not None and not isinstance(vid, str):
            raise CypherTypeError("Type mismatch: a vertex ~id must be a string", "InvalidArgumentType")
        values = {k: vertex_values(v, k) for k, v in props.items()}
        vertex = self.txn.create_vertex(vid, np.labels, {k: v for k, v in values.items() if v})
        node = Node(vertex)
        if np.var is not None:
            row[np.var] = node
        return node

    def _create_rel(self, rel: A.RelPattern, a: Node, b: Node, row: Row, merging: bool) -> Rel:
        if len(rel.types) != 1:
            raise QueryError("A relationship to CREATE or MERGE must have exactly one type")
        if rel.direction == "both" and not merging:  # MERGE creates an undirected pattern left to right
            raise QueryError("A relationship to CREATE or MERGE must have a direction")
        if rel.variable_length:
            raise QueryError("Variable length relationships cannot be used in CREATE or MERGE")
        if rel.var is not None and rel.var in row:
            raise QueryError(f"Variable `{rel.var}` already declared")
        props = self._props(rel.props, row)
        if ID_KEY in props:
            raise UnsupportedOperation("Neptune Analytics does not support custom edge ids (~id) in CREATE or MERGE")
        src, dst = (b, a) if rel.direction == "in" else (a, b)
        values = {k: edge_value(v, k) for k, v in props.items()}
        edge = self.txn.create_edge(src.id, dst.id, rel.types[0], {k: v for k, v in values.items() if v is not None})
        r = Rel(edge)
        if rel.var is not None:
            row[rel.var] = r
        return r

    def _props(self, e: A.Expr | None, row: Row) -> dict[str, Any]:
        if e is None:
            return {}
        value = self.ev.eval(e, row)
        if value is None:
            return {}
        if not isinstance(value, dict):
            raise CypherTypeError("Type mismatch: expected a map of properties", "InvalidArgumentType")
        return dict(value)

    # -- MERGE -----------------------------------------------------------------------------------
    def merge(self, clause: A.Merge, row: Row) -> list[Row]:
        p = clause.pattern
        if not p.rels:
            np = p.nodes[0]
            props = self._props(np.props, row)
            bound = np.var is not None and np.var in row
            if not bound and not np.labels and not (props.keys() - {ID_KEY}):
                raise UnsupportedOperation(
                    "MERGE of a node needs a label or a property besides ~id in Neptune Analytics"
                )
        for np in p.nodes:
            if np.props is not None and any(v is None for v in self._props(np.props, row).values()):
                raise InvalidMerge("Cannot merge a node using a null property value", "MergeReadOwnWrites")
        for rel in p.rels:
            if rel.props is not None and any(v is None for v in self._props(rel.props, row).values()):
                raise InvalidMerge("Cannot merge a relationship using a null property value", "MergeReadOwnWrites")
        found = list(self.match_path(p, row))
        if found:
            for out in found:
                self.set_items(clause.on_match, out)
            return found
        out = self.create([p], row, merging=True)
        self.set_items(clause.on_create, out)
        return [out]

    # -- SET / REMOVE ----------------------------------------------------------------------------
    def set_items(self, items: list[A.SetItem], row: Row) -> None:
        for item in items:
            if item.op == "label":
                target = self._target(item.target, row)
                if target is not None:
                    self._require_node(target, "labels")
                    self.txn.set_vertex_labels(target.id, add=item.labels)
                continue
            value = self.ev.eval(item.value, row) if item.value is not None else None
            if isinstance(item.target, A.Prop):
                target = self._target(item.target.subject, row)
                if target is not None:
                    self._set_property(target, item.target.key, value)
                continue
            target = self._target(item.target, row)
            if target is None:
                continue
            if isinstance(value, Node | Rel):
                value = value.properties()
            if value is None:
                value = {}
            if not isinstance(value, dict):
                raise CypherTypeError("Type mismatch: expected a map to SET properties from", "InvalidArgumentType")
            if item.op == "=":
                current = self._fresh(target, False)
                for key in list(current.properties()):
                    if key not in value:
                        self._set_property(target, key, None)
            for key, v in value.items():
                self._set_property(target, key, v)

    def _set_property(self, target: Node | Rel, key: str, value: Any) -> None:
        if key == ID_KEY:
            raise UnsupportedOperation("~id cannot be set or removed")
        if isinstance(target, Node):
            self.txn.set_vertex_property(target.id, key, vertex_values(value, key))
        else:
            self.txn.set_edge_property(target.id, key, edge_value(value, key))

    def remove_items(self, items: list[A.SetItem], row: Row) -> None:
        for item in items:
            if item.op == "label":
                target = self._target(item.target, row)
                if target is not None:
                    self._require_node(target, "labels")
                    self.txn.set_vertex_labels(target.id, remove=item.labels)
            else:
                assert isinstance(item.target, A.Prop)
                target = self._target(item.target.subject, row)
                if target is not None:
                    self._set_property(target, item.target.key, None)

    def _target(self, e: A.Expr, row: Row) -> Node | Rel | None:
        value = self.ev.eval(e, row)
        if value is None or isinstance(value, Node | Rel):
            return value
        raise CypherTypeError("Type mismatch: expected a node or a relationship to update", "InvalidArgumentType")

    @staticmethod
    def _require_node(target: Node | Rel, what: str) -> None:
        if not isinstance(target, Node):
            raise CypherTypeError(f"Type mismatch: only nodes have {what}", "InvalidArgumentType")

    # -- DELETE ----------------------------------------------------------------------------------
    def delete(self, clause: A.Delete, row: Row) -> None:
        for e in clause.exprs:
            self._delete_value(self.ev.eval(e, row), clause.detach)

    def _delete_value(self, value: Any, detach: bool) -> None:
        if value is None:
            return
        if isinstance(value, Node):
            self.txn.delete_vertex(value.id, detach)
        elif isinstance(value, Rel):
            self.txn.delete_edge(value.id)
        elif isinstance(value, Path):
            for item in value.items:
                if isinstance(item, Rel):
                    self.txn.delete_edge(item.id)
            for item in value.items:
                if isinstance(item, Node):
                    self.txn.delete_vertex(item.id, detach)
        elif isinstance(value, list):
            for item in value:
                self._delete_value(item, detach)
        else:
            raise CypherTypeError("Type mismatch: DELETE expects a node, a relationship or a path",
                                  "InvalidArgumentType")  # fmt: skip
