"""Turning columns of one tabular batch (CSV text or Parquet) into vertex/edge batches plus rejections.

Shared by the Gremlin CSV, openCypher CSV and Parquet readers: a :class:`TabularPlan` says which
column is the id, labels, endpoints and which are properties; :func:`emit_batch` validates the rows,
reports rejected ones (file + line/row + reason) through the :class:`ImportContext`, checks
``(single)`` cardinality, and hands the good rows to the loader.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

import pyarrow as pa
import pyarrow.compute as pc

from dockyard.graph import EdgeBatch, PropertyColumn, ValueType, VertexBatch
from dockyard.graph.arrow_ranges import arange
from dockyard.services.neptune_graph.formats.any_values import any_column_cells
from dockyard.services.neptune_graph.formats.csv_cells import rebuild_list, split_multi
from dockyard.services.neptune_graph.formats.errors import RecordError
from dockyard.services.neptune_graph.formats.import_context import ImportContext
from dockyard.services.neptune_graph.formats.value_parsing import (
    GREMLIN_FLOAT_TOKENS,
    parse_column,
    type_description,
)


@dataclass(frozen=True)
class PropertyPlan:
    """A property column: ``vtype`` None means ``Any``; ``array`` means ``;``-separated values."""

    header: str
    key: str
    vtype: ValueType | None
    array: bool = False
    single: bool = False


@dataclass
class TabularPlan:
    """What the columns of a vertex or edge file mean (column indices into the batch)."""

    kind: str  # "vertex" | "edge"
    props: list[tuple[int, PropertyPlan]] = field(default_factory=list)
    id_col: int | None = None
    label_col: int | None = None
    from_col: int | None = None
    to_col: int | None = None
    id_space: str | None = None
    from_space: str | None = None
    to_space: str | None = None
    id_property: str | None = None
    names: dict[str, str] = field(default_factory=dict)  # role -> header spelling for messages
    float_tokens: frozenset[str] = GREMLIN_FLOAT_TOKENS
    resolve_any_type: Callable[[str], ValueType | None] | None = None


Reason = Callable[[int], str]


@dataclass
class Converted:
    """Converted property columns and, if any row was rejected, its mask and reason."""

    columns: list[PropertyColumn]
    invalid: pa.Array | None = None
    reason: Reason = lambda _i: ""


def _quote(value: object) -> str:
    return "'" + str(value).replace("'", "\\'") + "'"


def convert_text_property(raw: pa.Array, plan: PropertyPlan, tabular: TabularPlan) -> Converted:
    """Convert one cleaned text column according to its plan."""
    edge = tabular.kind == "edge"
    if plan.vtype is None:
        return _convert_any(raw, plan, tabular, edge)
    if plan.array:
        lists = split_multi(raw)
        flat = pc.list_flatten(lists)
        parsed = parse_column(flat, plan.vtype, float_tokens=tabular.float_tokens)
        column = PropertyColumn(plan.key, plan.vtype, rebuild_list(lists, parsed.values), plan.single)
        if parsed.invalid is None:
            return Converted([column])
        parents = pc.list_parent_indices(lists).filter(parsed.invalid)
        bad_rows = pc.is_in(arange(0, len(raw)), value_set=parents.cast(pa.int64()))
        flat_bad = flat.filter(parsed.invalid).to_pylist()
        bad_by_row: dict[int, str] = {}
        for row, text in zip(parents.to_pylist(), flat_bad, strict=True):
            bad_by_row.setdefault(row, text)
        return Converted(
            [column],
            bad_rows,
            lambda i: (
                f"value {_quote(bad_by_row.get(i))} of column {_quote(plan.header)} "
                f"is not a valid {type_description(plan.vtype)}"
            ),
        )
    parsed = parse_column(raw, plan.vtype, float_tokens=tabular.float_tokens)
    column = PropertyColumn(plan.key, plan.vtype, parsed.values, plan.single)
    if parsed.invalid is None:
        return Converted([column])
    return Converted(
        [column],
        parsed.invalid,
        lambda i: (
            f"value {_quote(raw[i].as_py())} of column {_quote(plan.header)} "
            f"is not a valid {type_description(plan.vtype)}"
        ),
    )


def _convert_any(raw: pa.Array, plan: PropertyPlan, tabular: TabularPlan, edge: bool) -> Converted:
    assert tabular.resolve_any_type is not None
    cells = any_column_cells(raw, tabular.resolve_any_type)
    reasons: dict[int, str] = {}
    by_type: dict[ValueType, tuple[list[int], list[str]]] = {}
    for row, cell in enumerate(cells):
        if isinstance(cell, str):
            reasons[row] = f"value {_quote(raw[row].as_py())} of column {_quote(plan.header)} {cell}"
            continue
        if edge and len(cell) > 1:
            reasons[row] = f"edge property {_quote(plan.key)} must be single-valued"
            continue
        for vtype, text in cell:
            rows, texts = by_type.setdefault(vtype, ([], []))
            rows.append(row)
            texts.append(text)
    per_row: dict[ValueType, list[list | None]] = {}
    for vtype, (rows, texts) in by_type.items():
        parsed = parse_column(pa.array(texts, pa.large_string()), vtype, float_tokens=tabular.float_tokens)
        values = parsed.values.to_pylist()
        invalid = parsed.invalid.to_pylist() if parsed.invalid is not None else [False] * len(rows)
        slots = per_row.setdefault(vtype, [None] * len(raw))
        for row, text, value, bad in zip(rows, texts, values, invalid, strict=True):
            if bad:
                reasons.setdefault(
                    row,
                    f"value {_quote(text)} of column {_quote(plan.header)} is not a valid {type_description(vtype)}",
                )
                continue
            if slots[row] is None:
                slots[row] = []
            slots[row].append(value)
    columns = []
    for vtype, slots in per_row.items():
        if edge:
            values = pa.array([s[0] if s else None for s in slots], vtype.arrow_type)
        else:
            values = pa.array(slots, pa.large_list(vtype.arrow_type))
        columns.append(PropertyColumn(plan.key, vtype, values, plan.single))
    if not reasons:
        return Converted(columns)
    mask = pa.array([i in reasons for i in range(len(raw))], pa.bool_())
    return Converted(columns, mask, lambda i: reasons[i])


def _namespaced(ids: pa.Array, space: str | None) -> pa.Array:
    if space is None:
        return ids
    return pc.binary_join_element_wise(pa.scalar(space, pa.large_string()), ids, pa.scalar(":", pa.large_string()))


def _missing(values: pa.Array) -> pa.Array | None:
    mask = values.is_null()
    return mask if pc.any(mask).as_py() else None


@dataclass
class Assembled:
    """A batch of good rows plus the rejected rows ``(row index in the input, reason)``."""

    batch: VertexBatch | EdgeBatch | None
    kept_rows: pa.Array | None  # input row index of each batch row (None = all rows, in order)
    rejected: list[tuple[int, str]]


def assemble(
    plan: TabularPlan,
    columns: Sequence[pa.Array],
    converted: Sequence[Converted],
    n_rows: int,
    labels: pa.Array | None = None,
) -> Assembled:
    """Build the vertex/edge batch of one input batch and list its rejected rows."""
    checks: list[tuple[pa.Array, Reason]] = []
    names = plan.names
    if plan.kind == "vertex":
        assert plan.id_col is not None
        raw_ids = columns[plan.id_col]
        if (m := _missing(raw_ids)) is not None:
            checks.append((m, lambda _i: f"missing {names.get('id', '~id')} value"))
        ids = _namespaced(raw_ids.fill_null(""), plan.id_space)
        props: list[PropertyColumn] = [c for conv in converted for c in conv.columns]
        if plan.id_property is not None:
            props.append(PropertyColumn(plan.id_property, ValueType.STRING, raw_ids))
        if labels is None and plan.label_col is not None:
            labels = split_multi(columns[plan.label_col])
        batch: VertexBatch | EdgeBatch = VertexBatch(ids, labels, tuple(props))
    else:
        assert plan.from_col is not None and plan.to_col is not None
        raw_from, raw_to = columns[plan.from_col], columns[plan.to_col]
        for raw, role in ((raw_from, "from"), (raw_to, "to")):
            if (m := _missing(raw)) is not None:
                checks.append((m, lambda _i, r=role: f"missing {names.get(r, '~' + r)} value"))
        if plan.label_col is None:
            label_values = pa.nulls(n_rows, pa.large_string())
        else:
            label_values = columns[plan.label_col]
        label_name = names.get("label", "~label")
        if (m := _missing(label_values)) is not None:
            checks.append((m, lambda _i: f"edge has no {label_name} value"))
        multi = pc.fill_null(pc.match_substring(label_values, ";"), False)
        if pc.any(multi).as_py():
            checks.append(
                (multi, lambda i: f"edge {label_name} {_quote(label_values[i].as_py())} must be a single label")
            )
        batch = EdgeBatch(
            _namespaced(raw_from.fill_null(""), plan.from_space),
            _namespaced(raw_to.fill_null(""), plan.to_space),
            label_values.fill_null(""),
            tuple(c for conv in converted for c in conv.columns),
        )
    checks.extend((conv.invalid, conv.reason) for conv in converted if conv.invalid is not None)
    if not checks:
        return Assembled(batch, None, [])
    bad = checks[0][0]
    for mask, _ in checks[1:]:
        bad = pc.or_(bad, mask)
    bad_rows = pc.indices_nonzero(bad).to_pylist()
    rejected = []
    for row in bad_rows:
        for mask, reason in checks:
            if mask[row].as_py():
                rejected.append((row, reason(row)))
                break
    if len(bad_rows) == n_rows:
        return Assembled(None, pa.array([], pa.int64()), rejected)
    good = pc.invert(bad)
    return Assembled(batch.filter(good), pc.indices_nonzero(good), rejected)


def emit(
    ctx: ImportContext,
    assembled: Assembled,
    locate: Callable[[int], RecordError],
) -> None:
    """Report rejected rows (in input order), enforce ``(single)`` cardinality, add the rest."""
    rejected = list(assembled.rejected)
    batch = assembled.batch
    kept = assembled.kept_rows
    if isinstance(batch, VertexBatch) and any(c.single for c in batch.properties):
        conflicts = ctx.loader.single_cardinality_conflicts(batch)
        if conflicts:
            conflict_rows = {r for r, _ in conflicts}
            for row, reason in conflicts:
                rejected.append((row if kept is None else kept[row].as_py(), reason))
            mask = pa.array([i not in conflict_rows for i in range(len(batch))], pa.bool_())
            batch = batch.filter(mask)
    for row, reason in sorted(rejected):
        err = locate(row)
        ctx.error(RecordError(err.file, err.line, reason, err.unit))
    if batch is None or len(batch) == 0:
        return
    if isinstance(batch, VertexBatch):
        ctx.loader.add_vertices(batch)
    else:
        ctx.loader.add_edges(batch)
