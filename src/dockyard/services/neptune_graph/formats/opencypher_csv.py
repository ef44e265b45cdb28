"""Reader of the openCypher CSV load format (``format=OPEN_CYPHER``, aws-formats §1.4)."""

from __future__ import annotations

from dockyard.services.neptune_graph.formats.csv_file_reader import load_csv_file
from dockyard.services.neptune_graph.formats.import_context import ImportContext
from dockyard.services.neptune_graph.formats.opencypher_header import plan_opencypher_header
from dockyard.services.neptune_graph.formats.source_stream import SourceFile


def read_opencypher_csv(ctx: ImportContext, source: SourceFile) -> int:
    """Load one openCypher node or relationship file; returns rows seen."""
    return load_csv_file(ctx, source, plan_opencypher_header)
