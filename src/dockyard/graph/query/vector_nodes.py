"""A node pattern over vertex indices: how cheap it is to start from, the vertices it starts from, and
the mask of the vertices it accepts (labels, constant properties, ``~id``, extra conditions).

Shared by the vectorised path count (``fast_expand``) and the vectorised MATCH (``vector_match``).
A node pattern these cannot read as constants (a property map with variables, a property whose values
numpy cannot compare as the row interpreter does) raises ``NotVectorised``.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from dockyard.graph.graph_view import GraphView
from dockyard.graph.query import ast as A
from dockyard.graph.query.vector_filters import MISSING, Condition, conditions_mask, constant, map_conditions


class NotVectorised(Exception):
    """The pattern is the row interpreter's."""


def id_constant(node: A.NodePattern, params: dict[str, Any]) -> Any:
    """The node's ``~id`` constant (MISSING: none; NotVectorised: not a constant)."""
    if not (isinstance(node.props, A.MapExpr) and "~id" in node.props.items):
        return MISSING
    value = constant(node.props.items["~id"], params)
    if value is MISSING:
        raise NotVectorised
    return value


def start_rank(node: A.NodePattern, params: dict[str, Any], conditions: bool = False) -> int:
    """How cheap ``node`` is to start from, lower first: an ``~id``, labels with property conditions
    (of its map, or ``conditions`` from elsewhere), a label, every vertex."""
    try:
        if id_constant(node, params) is not MISSING:
            return 0
    except NotVectorised:
        return 3
    if node.labels and (node.props is not None or conditions):
        return 1
    return 2 if node.labels else 3


def node_mask(
    view: GraphView, node: A.NodePattern, params: dict[str, Any], extra: list[Condition] = ()  # type: ignore[assignment]
) -> np.ndarray | None:
    """The vertices ``node`` accepts as a bool mask over vertex indices (None: every vertex): its labels,
    its constant properties and ``~id``, and the ``extra`` conditions on it."""
    props = node.props
    vid = id_constant(node, params)
    if vid is not MISSING:
        props = A.MapExpr({k: v for k, v in props.items.items() if k != "~id"})  # type: ignore[union-attr]
    conditions = map_conditions(props, params)
    if conditions is None:
        raise NotVectorised
    try:
        mask = conditions_mask(view, conditions + list(extra))
    except LookupError as err:
        raise NotVectorised from err
    for label in node.labels:
        mask = view.label_mask(label) if mask is None else mask & view.label_mask(label)
    if vid is not MISSING:
        index = view.vertex_index(vid) if isinstance(vid, str) else None  # a non-string id equals no id
        only = np.zeros(view.num_vertices, bool)
        if index is not None:
            only[index] = True
        mask = only if mask is None else mask & only
    return mask


def start_vertices(view: GraphView, node: A.NodePattern, mask: np.ndarray | None, params: dict[str, Any]) -> np.ndarray:
    """The vertex indices ``node`` starts from, ascending (``mask``: its ``node_mask``)."""
    vid = id_constant(node, params)
    if vid is not MISSING:
        index = view.vertex_index(vid) if isinstance(vid, str) else None
        found = np.zeros(0, np.int64) if index is None else np.array([index], np.int64)
    elif node.labels:
        found = view.label_members(node.labels[0])
    elif mask is not None:
        return np.flatnonzero(mask).astype(np.int64, copy=False)
    else:
        found = np.arange(view.num_vertices, dtype=np.int64)
    return found if mask is None else found[mask[found]]
