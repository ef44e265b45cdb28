"""Which file sets an export writes for a graph snapshot and a selection, and who is in each.

Unfiltered side: one set per label (sorted), plus ``(no-label)`` for label-less vertices. Label map:
one set per named label the graph has, in the filter's order (labels it lacks write nothing). All
labels: one set with every vertex (label-less ones included) or every edge. A vertex with several
labels is written once per label set it belongs to, with that label only; importing the sets merges
it back (labels and property values are sets).
"""

from __future__ import annotations

from dataclasses import dataclass

import pyarrow as pa
import pyarrow.compute as pc

from dockyard.graph import GraphView
from dockyard.graph.arrow_ranges import arange
from dockyard.graph.term_dictionary import lookup_codes
from dockyard.services.neptune_graph.formats.export_writers.group_tables import GroupSpec
from dockyard.services.neptune_graph.resources.export_filter import ExportSelection, LabelRule, SideSelection
from dockyard.services.neptune_graph.resources.export_layout import label_dir


@dataclass(frozen=True)
class ExportPlan:
    groups: tuple[GroupSpec, ...]
    vertex_rows: int
    edge_rows: int
    distinct_vertices: int

    @property
    def total_rows(self) -> int:
        return self.vertex_rows + self.edge_rows


def _code(view: GraphView, label: str) -> int | None:
    return lookup_codes(view.data.terms, pa.array([label], pa.large_string()))[0].as_py()


def _vertices_with(view: GraphView, label: str) -> pa.Array:
    code = _code(view, label)
    table = view.data.vertex_labels
    if code is None or table.num_rows == 0:
        return pa.array([], pa.int64())
    return table["owner"].filter(pc.equal(table["label"], code)).combine_chunks()


def _edges_with(view: GraphView, label: str) -> pa.Array:
    code = _code(view, label)
    edges = view.data.edges
    if code is None or edges.num_rows == 0:
        return pa.array([], pa.int64())
    return pc.indices_nonzero(pc.equal(edges["label"], code)).cast(pa.int64())


def _unlabelled(view: GraphView) -> pa.Array:
    n = view.num_vertices
    owners = view.data.vertex_labels["owner"].combine_chunks()
    if len(owners) == 0:
        return arange(0, n)
    return pc.indices_nonzero(pc.invert(pc.is_in(arange(0, n), value_set=pc.unique(owners)))).cast(pa.int64())


def _spec(element: str, folder: str, label: str | None, members: pa.Array, rule: LabelRule, every: bool) -> GroupSpec:
    return GroupSpec(element, folder, label, False, members, len(members), rule, every)


def _side_groups(view: GraphView, side: SideSelection, element: str) -> list[GroupSpec]:
    vertices = element == "vertices"
    members_of = _vertices_with if vertices else _edges_with
    if side.everything:
        labels = view.node_labels() if vertices else view.edge_labels()
        every = LabelRule(None)
        groups = [_spec(element, label_dir(lb), lb, members_of(view, lb), every, True) for lb in labels]
        if vertices:
            none = _unlabelled(view)
            if len(none):
                groups.append(_spec(element, label_dir(None), None, none, every, True))
        return groups
    if side.all_labels:
        (rule,) = side.rules.values()
        total = view.num_vertices if vertices else view.num_edges
        return [GroupSpec(element, label_dir(None, all_labels=True), None, True, None, total, rule,
                          rule.properties is None)]
    groups = []
    for label, rule in side.rules.items():
        members = members_of(view, label)
        if len(members):
            groups.append(_spec(element, label_dir(label), label, members, rule, rule.properties is None))
    return groups


def plan_export(view: GraphView, selection: ExportSelection) -> ExportPlan:
    """The file sets to write, in order: vertices, then edges."""
    vertex_groups = _side_groups(view, selection.vertices, "vertices")
    edge_groups = _side_groups(view, selection.edges, "edges")
    vertex_rows = sum(g.num_rows for g in vertex_groups)
    if len(vertex_groups) == 1 or any(g.members is None for g in vertex_groups):
        distinct = max((g.num_rows for g in vertex_groups), default=0)
    elif vertex_groups:
        distinct = len(pc.unique(pa.concat_arrays([g.members for g in vertex_groups if g.members is not None])))
    else:
        distinct = 0
    return ExportPlan(
        tuple(vertex_groups + edge_groups),
        vertex_rows,
        sum(g.num_rows for g in edge_groups),
        distinct,
    )
