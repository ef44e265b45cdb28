"""The rows of one exported file set (a label, or all labels), as typed Arrow columns, from a graph view.

A :class:`GroupSpec` names the members (vertex or edge indices of the snapshot, sorted; None = all)
and the rule that picks the properties; :func:`build_group` turns it into a :class:`GroupTable`
that both writers consume: system columns as strings, property columns typed
(``vtype.arrow_type``, ``large_list`` of it for multi-valued columns, or ``Any`` cells as text).
Everything is vectorised except the JSON of ``Any`` cells.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

import pyarrow as pa
import pyarrow.compute as pc

from dockyard.graph import GraphView, ValueType
from dockyard.graph.arrow_ranges import arange
from dockyard.services.neptune_graph.formats.export_writers.value_text import convert, escape_list_element, render
from dockyard.services.neptune_graph.resources.export_filter import LabelRule, PropertyRule

ANY = "Any"
_STR = pa.large_string()


@dataclass(frozen=True)
class OutColumn:
    """One exported property column: ``type_name`` is a ValueType value or ``Any``."""

    name: str
    type_name: str
    is_list: bool
    values: pa.Array

    @property
    def vtype(self) -> ValueType | None:
        return None if self.type_name == ANY else ValueType(self.type_name)


@dataclass(frozen=True)
class GroupSpec:
    """One file set to write: ``element`` is ``vertices`` or ``edges``."""

    element: str
    group_dir: str
    label: str | None  # the label of a per-label set; None for label-less vertices or all labels
    all_labels: bool
    members: pa.Array | None  # None: every vertex / edge of the snapshot
    num_rows: int
    rule: LabelRule
    everything: bool  # the unfiltered export: every value of every property


@dataclass(frozen=True)
class GroupTable:
    """The rows of one file set. Vertices: ``ids`` and ``labels``; edges: ``from_ids``, ``to_ids``,
    ``labels``. ``labels`` holds ``;``-joined labels (``\\;`` escaped) or null for none."""

    spec: GroupSpec
    num_rows: int
    labels: pa.Array
    columns: tuple[OutColumn, ...]
    ids: pa.Array | None = None
    from_ids: pa.Array | None = None
    to_ids: pa.Array | None = None

    def slice(self, offset: int, length: int) -> GroupTable:
        def cut(a: pa.Array | None) -> pa.Array | None:
            return None if a is None else a.slice(offset, length)

        return GroupTable(
            self.spec,
            min(length, max(0, self.num_rows - offset)),
            self.labels.slice(offset, length),
            tuple(OutColumn(c.name, c.type_name, c.is_list, c.values.slice(offset, length)) for c in self.columns),
            cut(self.ids),
            cut(self.from_ids),
            cut(self.to_ids),
        )


# -- per-key property rows of a group ---------------------------------------------------------------
@dataclass(frozen=True)
class _Entry:
    """The values of one key of one stored type in a group: ``pos`` = row in the group (ascending)."""

    vtype: ValueType
    pos: pa.Array
    values: pa.Array


def _group_entries(
    view: GraphView, tables: dict[ValueType, pa.Table], members: pa.Array | None
) -> dict[str, list[_Entry]]:
    terms = view.data.terms
    out: dict[str, list[_Entry]] = {}
    for vtype in ValueType:
        table = tables[vtype]
        if table.num_rows == 0:
            continue
        if members is not None:
            table = table.filter(pc.is_in(table["owner"], value_set=members))
            if table.num_rows == 0:
                continue
        owners = table["owner"].combine_chunks()
        pos = owners if members is None else pc.index_in(owners, value_set=members).cast(pa.int64())
        keys = table["key"].combine_chunks()
        values = table["value"].combine_chunks()
        key_codes = pc.unique(keys)
        for code, name in zip(key_codes.to_pylist(), terms.take(key_codes).to_pylist(), strict=True):
            mask = pc.equal(keys, code) if len(key_codes) > 1 else None
            k_pos = pos if mask is None else pos.filter(mask)
            k_values = values if mask is None else values.filter(mask)
            if vtype is ValueType.STRING:
                k_values = terms.take(k_values)
            out.setdefault(name, []).append(_Entry(vtype, k_pos, k_values))
    return out


def _merge(entries: list[tuple[pa.Array, pa.Array]]) -> tuple[pa.Array, pa.Array]:
    """Concatenate (pos, values) parts and order them by pos (stable)."""
    if len(entries) == 1:
        return entries[0]
    pos = pa.concat_arrays([p for p, _ in entries])
    values = pa.concat_arrays([v for _, v in entries])
    order = pc.sort_indices(pos)
    return pos.take(order), values.take(order)


def _first_per_row(pos: pa.Array, values: pa.Array) -> tuple[pa.Array, pa.Array]:
    if len(pos) < 2:
        return pos, values
    previous = pa.concat_arrays([pa.array([-1], pa.int64()), pos.slice(0, len(pos) - 1)])
    first = pc.not_equal(pos, previous)
    if pc.all(first).as_py():
        return pos, values
    return pos.filter(first), values.filter(first)


def _scatter(pos: pa.Array, values: pa.Array, n: int) -> pa.Array:
    """A column of ``n`` rows holding ``values[i]`` at row ``pos[i]`` (pos distinct), null elsewhere."""
    if len(pos) == n and n and pos[0].as_py() == 0 and pos[n - 1].as_py() == n - 1:
        return values
    return values.take(pc.index_in(arange(0, n), value_set=pos))


def _lists(pos: pa.Array, values: pa.Array, n: int) -> pa.Array:
    """``large_list`` column: row i holds the values whose pos is i (in order); null where none."""
    counts_struct = pc.value_counts(pos)
    distinct = counts_struct.field("values")
    counts = _scatter(distinct, counts_struct.field("counts"), n).fill_null(0) if n else pa.array([], pa.int64())
    offsets = pa.concat_arrays([pa.array([0], pa.int64()), pc.cumulative_sum(counts).cast(pa.int64())])
    return pa.LargeListArray.from_arrays(offsets, values, mask=pc.equal(counts, 0))


def _any_cells(entries: list[_Entry], n: int, all_values: bool) -> pa.Array:
    """``Any`` cells: ``{"value": "<text>", "type": "<Type>"}`` per value, ``;``-separated."""
    parts = []
    for entry in entries:
        texts = render(entry.vtype, entry.values).to_pylist()
        tag = json.dumps(entry.vtype.value)
        fragments = [f'{{"value": {json.dumps(t, ensure_ascii=False)}, "type": {tag}}}' for t in texts]
        parts.append((entry.pos, pa.array(fragments, _STR)))
    pos, fragments = _merge(parts)
    if not all_values:
        pos, fragments = _first_per_row(pos, fragments)
    lists = _lists(pos, fragments, n)
    return pc.binary_join(lists, pa.scalar(";", _STR))


def _has_repeats(pos: pa.Array) -> bool:
    return len(pos) > 1 and len(pc.unique(pos)) < len(pos)


def _column(rule: PropertyRule, entries: list[_Entry], n: int, everything: bool) -> OutColumn:
    inferred = {e.vtype for e in entries}
    if rule.output_type is not None:
        type_name = rule.output_type
    elif len(inferred) == 1:
        type_name = next(iter(inferred)).value
    else:
        type_name = ANY if inferred else ValueType.STRING.value
    all_values = everything or rule.to_list
    if type_name == ANY:
        cells = _any_cells(entries, n, all_values) if entries else pa.nulls(n, _STR)
        return OutColumn(rule.output_name, ANY, False, cells)
    vtype = ValueType(type_name)
    parts = []
    for e in entries:
        converted = convert(e.values, e.vtype, vtype)
        if converted.null_count:
            valid = converted.is_valid()
            parts.append((e.pos.filter(valid), converted.filter(valid)))
        else:
            parts.append((e.pos, converted))
    if not parts:
        empty = pa.nulls(n, pa.large_list(vtype.arrow_type) if rule.to_list else vtype.arrow_type)
        return OutColumn(rule.output_name, type_name, rule.to_list, empty)
    pos, values = _merge(parts)
    if rule.to_list or (everything and _has_repeats(pos)):
        return OutColumn(rule.output_name, type_name, True, _lists(pos, values, n))
    pos, values = _first_per_row(pos, values)
    return OutColumn(rule.output_name, type_name, False, _scatter(pos, values, n))


def _columns(view: GraphView, spec: GroupSpec, tables: dict[ValueType, pa.Table], n: int) -> tuple[OutColumn, ...]:
    entries = _group_entries(view, tables, spec.members)
    rules = spec.rule.properties
    if rules is None:
        rules = tuple(PropertyRule(key, key, None, False) for key in sorted(entries))
    return tuple(_column(rule, entries.get(rule.source_name, []), n, spec.everything) for rule in rules)


def _label_column(spec: GroupSpec, n: int, all_labels: pa.Array | None) -> pa.Array:
    if all_labels is not None:
        return all_labels
    if spec.label is None:
        return pa.nulls(n, _STR)
    label = spec.label if spec.element == "edges" else spec.label.replace(";", "\\;")
    return pa.array([label], _STR).take(pa.nulls(n, pa.int64()).fill_null(0)) if n else pa.array([], _STR)


def _joined_vertex_labels(view: GraphView, members: pa.Array | None) -> pa.Array:
    """Each vertex's labels, sorted, ``\\;``-escaped and ``;``-joined (null for none)."""
    lists = view.vertices_table()["labels"].combine_chunks()
    if members is not None:
        lists = lists.take(members)
    flat = pc.list_flatten(lists)
    order = pa.table({"row": pc.list_parent_indices(lists), "label": flat}).sort_by([("row", "ascending"),
                                                                                    ("label", "ascending")])
    escaped = pa.LargeListArray.from_arrays(lists.offsets, escape_list_element(order["label"].combine_chunks()))
    joined = pc.binary_join(escaped, pa.scalar(";", _STR))
    return pc.if_else(pc.equal(joined, ""), pa.scalar(None, _STR), joined)


def build_group(view: GraphView, spec: GroupSpec) -> GroupTable:
    """The rows of one file set."""
    data = view.data
    if spec.element == "vertices":
        ids = view.vertex_ids()
        if spec.members is not None:
            ids = ids.take(spec.members)
        n = len(ids)
        joined = _joined_vertex_labels(view, spec.members) if spec.all_labels else None
        return GroupTable(spec, n, _label_column(spec, n, joined), _columns(view, spec, data.vertex_props, n), ids=ids)
    edges = data.edges
    src, dst = edges["src"].combine_chunks(), edges["dst"].combine_chunks()
    if spec.members is not None:
        src, dst = src.take(spec.members), dst.take(spec.members)
    vids = view.vertex_ids()
    n = len(src)
    joined = None
    if spec.all_labels:
        labels = edges["label"].combine_chunks()
        joined = data.terms.take(labels if spec.members is None else labels.take(spec.members))
    return GroupTable(
        spec,
        n,
        _label_column(spec, n, joined),
        _columns(view, spec, data.edge_props, n),
        from_ids=vids.take(src),
        to_ids=vids.take(dst),
    )
