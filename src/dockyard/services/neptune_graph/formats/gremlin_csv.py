"""Reader of the Gremlin CSV load format (``format=CSV``, aws-formats §1.3)."""

from __future__ import annotations

from dockyard.services.neptune_graph.formats.csv_file_reader import load_csv_file
from dockyard.services.neptune_graph.formats.gremlin_header import plan_gremlin_header
from dockyard.services.neptune_graph.formats.import_context import ImportContext
from dockyard.services.neptune_graph.formats.source_stream import SourceFile


def read_gremlin_csv(ctx: ImportContext, source: SourceFile) -> int:
    """Load one Gremlin CSV file (vertex or edge file, told apart by its header); returns rows seen."""
    return load_csv_file(ctx, source, plan_gremlin_header)
