"""The staged bulk loader: batches go in, ``commit()`` publishes them atomically, ``abort()`` drops them."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from types import TracebackType

import pyarrow as pa
import pyarrow.compute as pc

from dockyard.graph.arrow_ranges import arange
from dockyard.graph.batches import EdgeBatch, PropertyColumn, VertexBatch
from dockyard.graph.errors import CardinalityViolation, InvalidBatch, LoaderClosed
from dockyard.graph.graph_data import GraphData
from dockyard.graph.single_cardinality import SingleCardinalityTracker
from dockyard.graph.snapshot_builder import build_snapshot
from dockyard.graph.staging import StagedEdges, StagedProps, Staging
from dockyard.graph.value_types import TypedValue


@dataclass(frozen=True)
class CommitStats:
    """What a commit added, and the graph's totals after it."""

    statements_added: int
    dictionary_entries_added: int
    vertices_added: int
    edges_added: int
    statement_count: int
    dictionary_entry_count: int


def _large_strings(values: pa.Array | pa.ChunkedArray) -> pa.Array:
    if isinstance(values, pa.ChunkedArray):
        values = values.combine_chunks()
    return values.cast(pa.large_string()) if values.type != pa.large_string() else values


def _flatten(column: PropertyColumn, owners: pa.Array) -> tuple[pa.Array, pa.Array]:
    """(owner, value) pairs of a property column, dropping nulls."""
    values = column.values
    if column.is_list:
        parents = pc.list_parent_indices(values)
        flat = pc.list_flatten(values)
        owners = owners.take(parents)
        values = flat
    if values.null_count:
        valid = values.is_valid()
        owners, values = owners.filter(valid), values.filter(valid)
    return owners, values.cast(column.vtype.arrow_type)


class BulkLoader:
    """Accumulates vertex and edge batches for one load of a :class:`GraphStore`.

    Nothing is visible to readers until :meth:`commit`; :meth:`abort` (or an exception inside a
    ``with`` block) leaves the store exactly as it was.
    """

    def __init__(
        self,
        base: GraphData,
        publish: Callable[[GraphData, GraphData], None],
        existing_values: Callable[[str], Iterable[tuple[str, TypedValue]]],
    ) -> None:
        self._base = base
        self._publish = publish
        self._staging = Staging()
        self._closed = False
        self._existing_values = existing_values
        self._single = SingleCardinalityTracker(self._tracked_history)

    # -- feeding ---------------------------------------------------------------------------------
    def single_cardinality_conflicts(self, batch: VertexBatch) -> list[tuple[int, str]]:
        """Rows of ``batch`` that would violate ``(single)`` cardinality, with a reason; adds nothing."""
        self._check_open()
        return self._single.conflicts(batch)

    def add_vertices(self, batch: VertexBatch) -> None:
        """Stage vertex rows (merged by id with everything else at commit)."""
        self._check_open()
        n = len(batch.ids)
        if batch.ids.null_count:
            raise InvalidBatch("vertex ids must not be null")
        if batch.labels is not None and len(batch.labels) != n:
            raise InvalidBatch("labels column length differs from ids")
        for column in batch.properties:
            if len(column.values) != n:
                raise InvalidBatch(f"property column {column.key!r} length differs from ids")
        if any(c.single for c in batch.properties):
            conflicts = self._single.conflicts(batch)
            if conflicts:
                raise CardinalityViolation(*conflicts[0])
        self._single.record(batch)
        ids = _large_strings(batch.ids)
        content_rows: list[pa.Array] = []
        if batch.labels is not None and n:
            labels = batch.labels
            parents = pc.list_parent_indices(labels)
            flat = pc.list_flatten(labels)
            keep = pc.fill_null(pc.and_(flat.is_valid(), pc.not_equal(flat, "")), False)
            if not pc.all(keep).as_py():
                parents, flat = parents.filter(keep), flat.filter(keep)
            if len(flat):
                content_rows.append(parents.cast(pa.int64()))
                self._staging.label_owners.append(ids.take(parents))
                self._staging.labels.append(_large_strings(flat))
        for column in batch.properties:
            owners, values = _flatten(column, arange(0, n))
            if len(values):
                content_rows.append(owners)
                self._staging.vertex_props.append(
                    StagedProps(column.key, column.vtype, ids.take(owners), values)
                )
        if content_rows:
            rows = pc.unique(pa.concat_arrays(content_rows))
            self._staging.vertex_ids.append(ids if len(rows) == n else ids.take(rows))

    def add_edges(self, batch: EdgeBatch) -> None:
        """Stage edge rows; unknown endpoints become label-less, property-less vertices at commit."""
        self._check_open()
        n = len(batch.from_ids)
        if len(batch.to_ids) != n or len(batch.labels) != n:
            raise InvalidBatch("edge columns differ in length")
        if batch.from_ids.null_count or batch.to_ids.null_count or batch.labels.null_count:
            raise InvalidBatch("edge endpoints and labels must not be null")
        if batch.distinct and batch.properties:
            raise InvalidBatch("distinct edge batches carry no properties")
        staged = StagedEdges(
            _large_strings(batch.from_ids),
            _large_strings(batch.to_ids),
            _large_strings(batch.labels),
            None if batch.ids is None else _large_strings(batch.ids),
            batch.distinct,
        )
        rows = arange(0, n)
        for column in batch.properties:
            if column.is_list:
                raise InvalidBatch(f"edge property {column.key!r} must be single-valued")
            if len(column.values) != n:
                raise InvalidBatch(f"edge property column {column.key!r} length differs")
            owners, values = _flatten(column, rows)
            if len(values):
                staged.props.append(StagedProps(column.key, column.vtype, owners, values))
        if n:
            self._staging.edges.append(staged)

    # -- finishing -------------------------------------------------------------------------------
    def commit(self) -> CommitStats:
        """Publish everything staged, atomically (in memory and, for a persistent store, on disk)."""
        self._check_open()
        new = build_snapshot(self._base, self._staging)
        self._publish(self._base, new)
        self._closed = True
        self._staging = Staging()
        old = self._base
        return CommitStats(
            statements_added=new.statement_count() - old.statement_count(),
            dictionary_entries_added=new.dictionary_entry_count - old.dictionary_entry_count,
            vertices_added=new.num_vertices - old.num_vertices,
            edges_added=new.num_edges - old.num_edges,
            statement_count=new.statement_count(),
            dictionary_entry_count=new.dictionary_entry_count,
        )

    def abort(self) -> None:
        """Drop everything staged; the store is untouched. Safe to call twice."""
        self._closed = True
        self._staging = Staging()

    @property
    def closed(self) -> bool:
        return self._closed

    def __enter__(self) -> BulkLoader:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        if not self._closed:
            if exc_type is None:
                self.commit()
            else:
                self.abort()

    # -- internals -------------------------------------------------------------------------------
    def _check_open(self) -> None:
        if self._closed:
            raise LoaderClosed("this load was already committed or aborted")

    def _tracked_history(self, key: str) -> Iterable[tuple[str, TypedValue]]:
        yield from self._existing_values(key)
        for prop in self._staging.vertex_props:
            if prop.key == key:
                for owner, value in zip(prop.owners.to_pylist(), prop.values.to_pylist(), strict=True):
                    yield owner, TypedValue(prop.vtype, value)
