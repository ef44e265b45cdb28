"""The semantic pass: what the grammar cannot state (scopes of variables, their kinds, aggregation
rules, static types of literals), run by ``parser.parse`` on every new tree, so a refused query
is refused at compile time with a SemanticError (a CypherSyntaxError with the TCK's detail type in
``kind``) and an analysed tree is what the plan cache keeps."""

from collections.abc import Collection

from dockyard.graph.query.ast import Query
from dockyard.graph.query.semantics.analyser import Analyser
from dockyard.graph.query.semantics.procedures import Catalogue, ProcedureSignature
from dockyard.graph.query.semantics.source_map import SourceMap


def analyse(
    tree: Query,
    source: SourceMap | None = None,
    procedures: Catalogue | None = None,
    parameters: Collection[str] | None = None,
) -> Query:
    """Check ``tree`` (CALLs against ``procedures``' signatures when given, see ``procedures``); raises
    SemanticError at the first rule it breaks, else returns it unchanged."""
    Analyser(source, procedures, parameters).query(tree)
    return tree


__all__ = ["Catalogue", "ProcedureSignature", "SourceMap", "analyse"]
