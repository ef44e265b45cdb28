"""The semantic pass: what the grammar cannot state (scopes of variables, their kinds, aggregation
rules, static types of literals), run by ``parser.parse`` on every new tree, so a refused query
is refused at compile time with a SemanticError (a CypherSyntaxError with the TCK's detail type in
``kind``) and an analysed tree is what the plan cache keeps."""

from dockyard.graph.query.ast import Query
from dockyard.graph.query.semantics.analyser import Analyser
from dockyard.graph.query.semantics.source_map import SourceMap


def analyse(tree: Query, source: SourceMap | None = None) -> Query:
    """Check ``tree``; raises SemanticError at the first rule it breaks, else returns it unchanged."""
    Analyser(source).query(tree)
    return tree


__all__ = ["SourceMap", "analyse"]
