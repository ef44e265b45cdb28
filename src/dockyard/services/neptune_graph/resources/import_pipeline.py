"""The body of a Neptune Analytics import: read every source file into one staged load, then commit.

``run_import`` is what the import job calls. All files of a task go into one :class:`BulkLoader`;
the graph changes only when every file has been read (and, with failOnError, none was rejected).
On ImportFailed or any exception (including one raised by ``check_cancelled``) the load is
aborted, leaving the graph exactly as it was, and the exception propagates.

statementCount = vertex labels + vertex property values + edges + edge property values added
(after set-cardinality de-duplication); dictionaryEntryCount = distinct terms (vertex ids, labels,
property keys, String values) added to the term dictionary.
"""

from __future__ import annotations

import gzip
import zlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

import pyarrow as pa

from dockyard.graph import GraphStore
from dockyard.services.neptune_graph.formats.errors import FileRejected, ImportFailed, RecordError
from dockyard.services.neptune_graph.formats.gremlin_csv import read_gremlin_csv
from dockyard.services.neptune_graph.formats.import_context import ImportContext
from dockyard.services.neptune_graph.formats.ntriples_reader import read_ntriples
from dockyard.services.neptune_graph.formats.opencypher_csv import read_opencypher_csv
from dockyard.services.neptune_graph.formats.parquet_reader import read_parquet
from dockyard.services.neptune_graph.formats.source_stream import SourceFile, is_blank

__all__ = ["FORMAT_READERS", "ImportFailed", "ImportResult", "SourceFile", "run_import"]

Reader = Callable[[ImportContext, SourceFile], int]

FORMAT_READERS: dict[str, Reader] = {
    "CSV": read_gremlin_csv,
    "OPEN_CYPHER": read_opencypher_csv,
    "PARQUET": read_parquet,
    "NTRIPLES": read_ntriples,
}

DEFAULT_BLANK_NODE_PREFIX = "http://aws.amazon.com/neptune/vocab/v01/BNode/"


@dataclass(frozen=True)
class ImportResult:
    """Counters of a committed import (names as in GetImportTask's ``importTaskDetails``)."""

    statementCount: int
    dictionaryEntryCount: int
    errorCount: int
    errorDetails: str | None
    counts: dict[str, int] = field(default_factory=dict)


def _no_progress(_done: int, _total: int) -> None:
    return None


def _not_cancelled() -> None:
    return None


def run_import(
    sources: Sequence[SourceFile],
    fmt: str,
    store: GraphStore,
    *,
    fail_on_error: bool = True,
    on_progress: Callable[[int, int], None] = _no_progress,
    check_cancelled: Callable[[], None] = _not_cancelled,
    blank_node_prefix: str = DEFAULT_BLANK_NODE_PREFIX,
) -> ImportResult:
    """Load ``sources`` (format ``CSV``/``OPEN_CYPHER``/``PARQUET``/``NTRIPLES``) into ``store``.

    ``on_progress(bytes_read, total_bytes)`` is called as raw (possibly compressed) bytes are
    consumed; ``check_cancelled()`` is called between batches and may raise anything.
    ``blank_node_prefix`` starts the IRIs that N-Triples blank nodes become (make it unique per task).
    Raises :class:`ImportFailed` (after aborting the load) with a reason naming file, line and cause.
    """
    reader = FORMAT_READERS.get(fmt.upper() if isinstance(fmt, str) else "")
    if reader is None:
        raise ImportFailed(f"unsupported import format {fmt!r}; expected one of {', '.join(FORMAT_READERS)}")
    if not sources:
        raise ImportFailed("no data files were found at the source")
    total = sum(s.byte_size for s in sources)
    loader = store.begin_load()
    done = 0
    ctx = ImportContext(
        loader=loader,
        fail_on_error=fail_on_error,
        check_cancelled=check_cancelled,
        on_file_progress=lambda n: on_progress(done + n, total),
        blank_node_prefix=blank_node_prefix,
    )
    files_read = rows = 0
    try:
        non_blank = [s for s in sources if not _blank(s)]
        if not non_blank and reader is read_ntriples:
            # An empty document is valid N-Triples (W3C nt-syntax-file-01): nothing to load, no error.
            loader.abort()
            return ImportResult(0, 0, 0, None, {"files": len(sources), "records": 0, "vertices": 0, "edges": 0})
        if not non_blank:
            raise ImportFailed(f"no data: every source file is empty ({', '.join(s.name for s in sources[:5])})")
        for source in non_blank:
            check_cancelled()
            try:
                rows += reader(ctx, source)
                files_read += 1
            except FileRejected as exc:
                ctx.error(exc.error)
            except (OSError, EOFError, UnicodeDecodeError, zlib.error, gzip.BadGzipFile, pa.ArrowException) as exc:
                ctx.error(RecordError(source.name, None, f"cannot be read: {exc}"))
            done += source.byte_size
            on_progress(done, total)
        if files_read == 0:
            first = ctx.first_errors[0] if ctx.first_errors else None
            raise ImportFailed(f"no usable data in the source files{': ' + str(first) if first else ''}")
        stats = loader.commit()
    except BaseException:
        loader.abort()
        raise
    return ImportResult(
        statementCount=stats.statements_added,
        dictionaryEntryCount=stats.dictionary_entries_added,
        errorCount=ctx.error_count,
        errorDetails=ctx.error_details(),
        counts={
            "files": files_read,
            "records": rows,
            "vertices": stats.vertices_added,
            "edges": stats.edges_added,
        },
    )


def _blank(source: SourceFile) -> bool:
    try:
        return source.byte_size == 0 or is_blank(source)
    except (OSError, EOFError, zlib.error, gzip.BadGzipFile):
        return False
