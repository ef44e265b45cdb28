"""Reader of N-Triples (``format=NTRIPLES``, ``blankNodeHandling=convertToIri``; aws-formats §1.6).

Parsing is pyoxigraph's (W3C conformant; it recovers after a bad line, so failOnError=False skips
just that statement). Mapping: ``<s> rdf:type <C>`` gives vertex ``<s>`` the label ``<C>``;
``<s> <p> "literal"`` the property ``<p>`` (typed per ``xsd_types``); ``<s> <p> <o>`` an edge
``<s> -[<p>]-> <o>``. Ids, labels, property keys and edge labels are stored in Neptune's printed form,
the IRI in angle brackets (``<http://...>``). A blank node ``_:b`` becomes the IRI
``<{blank_node_prefix}b>``: unique per import when the prefix is (the pipeline's caller passes one
per task), and the same label means the same node across all files of the import. A triple stated
twice yields one edge.
"""

from __future__ import annotations

import io
from collections.abc import Iterator

import pyarrow as pa
import pyarrow.compute as pc
from pyoxigraph import BlankNode, Literal, NamedNode, RdfFormat, parse

from dockyard.graph import EdgeBatch, PropertyColumn, ValueType, VertexBatch
from dockyard.services.neptune_graph.formats.errors import RecordError
from dockyard.services.neptune_graph.formats.import_context import ImportContext
from dockyard.services.neptune_graph.formats.source_stream import SourceFile, open_decompressed
from dockyard.services.neptune_graph.formats.statement_lines import StatementLines
from dockyard.services.neptune_graph.formats.value_parsing import parse_column
from dockyard.services.neptune_graph.formats.xsd_types import XSD, value_type_of

RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
CHUNK_TRIPLES = 250_000
CHUNK_BYTES = 1 << 20
_MAX_ERRORS_AT_ONE_LINE = 100


def _reason(exc: SyntaxError) -> str:
    message = exc.msg or str(exc)
    return message.split(": ", 1)[1] if ": " in message else message


class _Chunk:
    """Triples of one chunk, split by what they become."""

    def __init__(self) -> None:
        self.label_subjects: list[str] = []
        self.labels: list[str] = []
        self.edge_from: list[str] = []
        self.edge_label: list[str] = []
        self.edge_to: list[str] = []
        self.literals: dict[tuple[str, str], tuple[list[str], list[str]]] = {}
        self.size = 0


def _literal_columns(key: str, datatype: str, subjects: list[str], texts: list[str]) -> Iterator[VertexBatch]:
    vtype = value_type_of(datatype)
    raw = pa.array(texts, pa.large_string())
    ids = pa.array(subjects, pa.large_string())
    if vtype is ValueType.STRING:
        yield VertexBatch(ids, None, (PropertyColumn(key, vtype, raw),))
        return
    if vtype is ValueType.BOOL and datatype == XSD + "boolean":
        values = pc.is_in(raw, pa.array(["true", "1"], pa.large_string()))
        invalid = pc.invert(pc.is_in(raw, pa.array(["true", "false", "1", "0"], pa.large_string())))
    else:
        parsed = parse_column(pc.utf8_trim_whitespace(raw), vtype)
        values, invalid = parsed.values, parsed.invalid
    if invalid is None or not pc.any(invalid).as_py():
        yield VertexBatch(ids, None, (PropertyColumn(key, vtype, values),))
        return
    good = pc.invert(invalid)
    yield VertexBatch(ids.filter(good), None, (PropertyColumn(key, vtype, values.filter(good)),))
    yield VertexBatch(ids.filter(invalid), None, (PropertyColumn(key, ValueType.STRING, raw.filter(invalid)),))


def _flush(ctx: ImportContext, chunk: _Chunk) -> None:
    loader = ctx.loader
    if chunk.labels:
        labels = pa.array([[label] for label in chunk.labels], pa.large_list(pa.large_string()))
        loader.add_vertices(VertexBatch(pa.array(chunk.label_subjects, pa.large_string()), labels))
    for (key, datatype), (subjects, texts) in chunk.literals.items():
        for batch in _literal_columns(key, datatype, subjects, texts):
            loader.add_vertices(batch)
    if chunk.edge_from:
        loader.add_edges(
            EdgeBatch(
                pa.array(chunk.edge_from, pa.large_string()),
                pa.array(chunk.edge_to, pa.large_string()),
                pa.array(chunk.edge_label, pa.large_string()),
                distinct=True,
            )
        )


def read_ntriples(ctx: ImportContext, source: SourceFile) -> int:
    """Load one N-Triples file; returns the number of triples read."""
    prefix = ctx.blank_node_prefix
    triples = 0
    chunk = _Chunk()
    def bad_line(line: int, reason: str) -> None:
        ctx.error(RecordError(source.name, line, reason))

    with io.BufferedReader(StatementLines(open_decompressed(source, ctx.progress), bad_line), CHUNK_BYTES) as stream:
        parser = parse(stream, format=RdfFormat.N_TRIPLES)
        last_error_line, same_line_errors = None, 0
        while True:
            try:
                for triple in parser:
                    s = triple.subject
                    subject = f"<{s.value}>" if type(s) is NamedNode else f"<{prefix}{s.value}>"
                    predicate = triple.predicate.value
                    o = triple.object
                    kind = type(o)
                    if kind is Literal:
                        key = (f"<{predicate}>", o.datatype.value)
                        group = chunk.literals.get(key)
                        if group is None:
                            group = chunk.literals[key] = ([], [])
                        group[0].append(subject)
                        group[1].append(o.value)
                    else:
                        obj = f"<{o.value}>" if kind is NamedNode else f"<{prefix}{o.value}>"
                        if kind is not NamedNode and kind is not BlankNode:
                            raise SyntaxError(f"unsupported object term {o!r}")
                        if predicate == RDF_TYPE:
                            chunk.label_subjects.append(subject)
                            chunk.labels.append(obj)
                        else:
                            chunk.edge_from.append(subject)
                            chunk.edge_label.append(f"<{predicate}>")
                            chunk.edge_to.append(obj)
                    chunk.size += 1
                    if chunk.size >= CHUNK_TRIPLES:
                        triples += chunk.size
                        _flush(ctx, chunk)
                        chunk = _Chunk()
                        ctx.check_cancelled()
                break
            except SyntaxError as exc:
                line = exc.lineno
                same_line_errors = same_line_errors + 1 if line == last_error_line else 0
                if line == last_error_line and same_line_errors > 0:
                    if same_line_errors > _MAX_ERRORS_AT_ONE_LINE:
                        break
                    continue  # the parser reports one broken statement more than once: count it once
                last_error_line = line
                ctx.error(RecordError(source.name, line, _reason(exc)))
    triples += chunk.size
    _flush(ctx, chunk)
    return triples
