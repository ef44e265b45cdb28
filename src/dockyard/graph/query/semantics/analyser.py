"""The semantic pass over a parsed query: the variables in scope clause by clause, their kinds, and
the rules the grammar cannot state. Each refusal is a SemanticError named by the openCypher TCK's
detail type (UndefinedVariable, VariableAlreadyBound, ...), at the line and column of the offending
node.

Scopes: a single query starts empty; MATCH, CREATE, MERGE, UNWIND and CALL ... YIELD add variables;
WITH replaces the scope by its projection (``*`` keeps it); ORDER BY sees the projection and, unless
the projection is DISTINCT or aggregates, the variables before it; WITH ... WHERE sees both (the
TCK reads a variable of before the WITH in its WHERE).
A construct the pass does not know (a clause or expression added to the AST later) makes the rest of
that query part "open": unknown names are then let through, so the pass never refuses a query only
because it cannot follow it.
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from dataclasses import dataclass, field

from dockyard.graph.query import ast as A
from dockyard.graph.query.errors import SemanticError
from dockyard.graph.query.semantics import aggregation as agg
from dockyard.graph.query.semantics import static_types as T
from dockyard.graph.query.semantics.functions import known_function
from dockyard.graph.query.semantics.procedures import Catalogue, ProcedureSignature, accepts
from dockyard.graph.query.semantics.source_map import SourceMap
from dockyard.graph.query.semantics.walk import children, find

INT_MIN, INT_MAX = -(2**63), 2**63 - 1
# functions whose argument must not be of the given static types
_ARGUMENT_RULES = {
    "labels": {"Path", "Relationship"},
    "type": {"Node", "Path"},
    "length": {"Node", "Relationship"},  # openCypher 9 still measured strings and lists with it
    "size": {"Path", "Node", "Relationship", "Integer", "Float", "Boolean", "Map"},  # lists, strings, patterns
    "properties": {"Path", "Integer", "Float", "String", "Boolean"},
}
_NOT_INDEXABLE = {"Boolean", "Integer", "Float", "String", "Path"}
_NO_PROPERTIES = {"Path", "Integer", "Float", "String", "Boolean"}
_NOT_ARITHMETIC = {"String", "Boolean", "Map", "Node", "Relationship", "Path"}
_DELETABLE = {"Node", "Relationship", "Path", "Null", T.ANY}
_KNOWN_EXPRS = (
    A.Literal,
    A.Param,
    A.Var,
    A.ListExpr,
    A.MapExpr,
    A.Prop,
    A.Index,
    A.Slice,
    A.Unary,
    A.Binary,
    A.IsNull,
    A.HasLabels,
    A.Call,
    A.Case,
    A.ListComprehension,
    A.Quantifier,
    A.PatternExpr,
    A.ExistsExpr,
)


@dataclass
class Scope:
    """Variables by name with their static type; ``open`` after a construct the pass cannot follow."""

    types: dict[str, str] = field(default_factory=dict)
    open: bool = False

    def knows(self, name: str) -> bool:
        return self.open or name in self.types

    def type(self, name: str) -> str:
        return self.types.get(name, T.ANY)

    def with_(self, more: dict[str, str]) -> Scope:
        return Scope({**self.types, **more}, self.open)

    def visible(self) -> list[str]:
        return [n for n in self.types if not n.startswith(" ")]


@dataclass
class ExprContext:
    """How an expression is being checked: may it aggregate, which sub-expressions are already
    resolved (ORDER BY after an aggregating or DISTINCT projection), which names are local."""

    aggregates: bool = False
    resolved: tuple[A.Expr, ...] = ()
    local: dict[str, str] = field(default_factory=dict)


class Analyser:
    """``procedures``: the caller's procedure catalogue (None: CALLs are not checked against signatures);
    ``parameters``: the names of the parameters the query comes with (None: not known)."""

    def __init__(
        self,
        source: SourceMap | None = None,
        procedures: Catalogue | None = None,
        parameters: Collection[str] | None = None,
    ) -> None:
        self.source = source or SourceMap()
        self.procedures = None if procedures is None else {k.lower(): v for k, v in procedures.items()}
        self.parameters = parameters
        self._clause: A.Clause | None = None

    # -- errors ------------------------------------------------------------------------------------
    def fail(self, kind: str, message: str, node: object | None = None) -> SemanticError:
        pos = None
        if node is not None:
            pos = self.source.position(node) or self._first_position(node)
        if pos is None and self._clause is not None:
            pos = self.source.position(self._clause)
        line, column = pos or (1, 1)
        return SemanticError(kind, message, line, column)

    def _first_position(self, node: object) -> tuple[int, int] | None:
        for child in children(node):
            pos = self.source.position(child) or self._first_position(child)
            if pos is not None:
                return pos
        return None

    # -- queries -----------------------------------------------------------------------------------
    def query(self, tree: A.Query) -> None:
        columns = [self.single(part) for part in tree.parts]
        if len(set(tree.union_all)) > 1:
            raise self.fail("InvalidClauseComposition", "Invalid combination of UNION and UNION ALL")
        known = [c for c in columns if c is not None]
        if any(set(c) != set(known[0]) for c in known[1:]):
            raise self.fail(
                "DifferentColumnsInUnion", "All sub queries in an UNION must have the same return column names"
            )

    def single(self, part: A.SingleQuery) -> list[str] | None:
        """Check one single query; its result columns (None when the pass cannot tell)."""
        scope = Scope()
        columns: list[str] | None = None
        for clause in part.clauses:
            self._clause = clause
            if isinstance(clause, A.Match | A.Create | A.Merge) and not _plain_patterns(clause):
                scope = Scope(dict(scope.types), open=True)  # a pattern form the pass does not know
                columns = None
            elif isinstance(clause, A.Match):
                scope = self.match(clause, scope)
            elif isinstance(clause, A.Projection):
                scope, columns = self.projection(clause, scope)
            elif isinstance(clause, A.Unwind):
                scope = self.unwind(clause, scope)
            elif isinstance(clause, A.Create):
                scope = self.create(clause, scope)
            elif isinstance(clause, A.Merge):
                scope = self.merge(clause, scope)
            elif isinstance(clause, A.SetClause | A.Remove):
                self.set_items(clause.items, scope)
            elif isinstance(clause, A.Delete):
                self.delete(clause, scope)
            elif isinstance(clause, A.CallProcedure):
                scope = self.call(clause, scope, standalone=len(part.clauses) == 1)
                columns = None
            else:
                scope = Scope(dict(scope.types), open=True)
                columns = None
        last = part.clauses[-1] if part.clauses else None
        ends_with_return = isinstance(last, A.Projection) and last.kind == "RETURN"
        return columns if ends_with_return and not scope.open else None

    # -- reading clauses ---------------------------------------------------------------------------
    def match(self, clause: A.Match, scope: Scope) -> Scope:
        declared = self.declare_patterns(clause.patterns, scope, mode="MATCH")
        inner = scope.with_(declared)
        for p in clause.patterns:
            self.pattern_properties(p, inner, parameters_allowed=False)
        if clause.where is not None:
            self.predicate(clause.where, inner)
        return inner

    def unwind(self, clause: A.Unwind, scope: Scope) -> Scope:
        self.expr(clause.expr, scope)
        if clause.alias in scope.types:
            raise self.fail("VariableAlreadyBound", f"Variable `{clause.alias}` already declared", clause)
        return scope.with_({clause.alias: T.element_type(T.type_of(clause.expr, scope.type))})

    def call(self, clause: A.CallProcedure, scope: Scope, standalone: bool) -> Scope:
        for arg in clause.args:
            self.expr(arg, scope)
        signature = self.procedure_signature(clause)
        if signature is not None:
            self.call_arguments(clause, signature, scope, standalone)
        if not clause.yields:
            if signature is not None and not standalone:
                return scope  # an in-query call without YIELD brings none of its outputs into scope
            return Scope(dict(scope.types), open=True)  # the procedure's outputs come into scope
        new: dict[str, str] = {}
        for out in clause.yields:
            name = clause.aliases.get(out, out)  # YIELD out AS name binds name
            if name in scope.types or name in new:
                raise self.fail("VariableAlreadyBound", f"Variable `{name}` already declared", clause)
            new[name] = T.ANY
        after = scope.with_(new)
        if clause.where is not None:
            self.expr(clause.where, after)
        return after

    def procedure_signature(self, clause: A.CallProcedure) -> ProcedureSignature | None:
        """The called procedure's signature from the catalogue (None: no catalogue, or none declared)."""
        if self.procedures is None:
            return None
        key = clause.name.lower()
        if key not in self.procedures:
            raise self.fail("ProcedureNotFound", f"There is no procedure with the name `{clause.name}`", clause)
        return self.procedures[key]

    def call_arguments(
        self, clause: A.CallProcedure, signature: ProcedureSignature, scope: Scope, standalone: bool
    ) -> None:
        names = signature.input_names
        if clause.implicit_args:
            if names and not standalone:
                raise self.fail(
                    "InvalidArgumentPassingMode",
                    f"Procedure call inside a query does not support passing arguments implicitly: pass them "
                    f"explicitly, {clause.name}({', '.join(names)})",
                    clause,
                )
            missing = [n for n in names if self.parameters is not None and n not in self.parameters]
            if missing:
                raise self.fail("MissingParameter", f"Expected parameter(s): {', '.join(missing)}", clause)
            return
        if len(clause.args) != len(names):
            raise self.fail(
                "InvalidNumberOfArguments",
                f"Procedure call does not provide the required number of arguments: got {len(clause.args)}, "
                f"expected {len(names)} ({clause.name}({', '.join(names)}))",
                clause,
            )
        for arg, (name, declared) in zip(clause.args, signature.inputs, strict=True):
            t = T.type_of(arg, scope.type)
            if not accepts(declared, t):
                raise self.fail(
                    "InvalidArgumentType", f"Type mismatch: `{name}` of {clause.name} expects {declared}, not {t}", arg
                )

    # -- projections -------------------------------------------------------------------------------
    def projection(self, clause: A.Projection, scope: Scope) -> tuple[Scope, list[str]]:
        items = clause.items
        if clause.kind == "RETURN" and clause.star and not items and not scope.visible() and not scope.open:
            raise self.fail("NoVariablesInScope", "RETURN * is not allowed when there are no variables in scope")
        aggregating = False
        for it in items:
            self.expr(it.expr, scope, ExprContext(aggregates=True))
            aggregating = aggregating or agg.contains_aggregate(it.expr)
        aliases: dict[str, str] = {}
        for it in items:
            if it.alias in aliases:
                raise self.fail(
                    "ColumnNameConflict", f"Multiple result columns with the same name `{it.alias}`", it.expr
                )
            aliases[it.alias] = T.type_of(it.expr, scope.type)
        projected = Scope({**(scope.types if clause.star else {}), **aliases}, scope.open)
        if clause.order:
            self.order_by(clause, scope, projected, aggregating)
        for what, e in (("SKIP", clause.skip), ("LIMIT", clause.limit)):
            if e is not None:
                self.count_argument(what, e)
        if clause.where is not None:  # openCypher lets WITH ... WHERE read the variables before WITH too
            self.predicate(clause.where, scope.with_(projected.types))
        if clause.kind == "WITH":
            for it in items:
                if id(it) in self.source.unaliased and not isinstance(it.expr, A.Var):
                    raise self.fail("NoExpressionAlias", "Expression in WITH must be aliased (use AS)", it.expr)
        columns = (sorted(scope.visible()) if clause.star else []) + [it.alias for it in items]
        return projected, columns

    def order_by(self, clause: A.Projection, before: Scope, projected: Scope, aggregating: bool) -> None:
        if not (aggregating or clause.distinct):
            sees = before.with_(projected.types)
            for sort in clause.order:
                self.expr(sort.expr, sees)
            return
        resolved = tuple(it.expr for it in clause.items)
        context = ExprContext(aggregates=aggregating, resolved=resolved)
        for sort in clause.order:
            self.expr(sort.expr, projected, context)

    def count_argument(self, what: str, e: A.Expr) -> None:
        var = find(e, lambda x: isinstance(x, A.Var | A.PatternExpr | A.ExistsExpr))
        if var is not None:
            raise self.fail("NonConstantExpression", f"It is not allowed to refer to variables in {what}", var)
        self.expr(e, Scope())
        if isinstance(e, A.Literal):
            if isinstance(e.value, float):
                raise self.fail(
                    "InvalidArgumentType",
                    f"{what}: Invalid input. '{e.value}' is not a valid value. Must be a non-negative integer.",
                    e,
                )
            if isinstance(e.value, int) and not isinstance(e.value, bool) and e.value < 0:
                raise self.fail(
                    "NegativeIntegerArgument",
                    f"{what}: Invalid input. '{e.value}' is not a valid value. Must be a non-negative integer.",
                    e,
                )

    # -- updating clauses --------------------------------------------------------------------------
    def create(self, clause: A.Create, scope: Scope) -> Scope:
        declared = self.declare_patterns(clause.patterns, scope, mode="CREATE")
        inner = scope.with_(declared)
        for p in clause.patterns:
            self.pattern_properties(p, inner, parameters_allowed=True)
        return inner

    def merge(self, clause: A.Merge, scope: Scope) -> Scope:
        declared = self.declare_patterns([clause.pattern], scope, mode="MERGE")
        inner = scope.with_(declared)
        self.pattern_properties(clause.pattern, inner, parameters_allowed=False)
        self.set_items(clause.on_create + clause.on_match, inner)
        return inner

    def set_items(self, items: list[A.SetItem], scope: Scope) -> None:
        for item in items:
            self.expr(item.target, scope)
            if item.value is not None:
                self.expr(item.value, scope)

    def delete(self, clause: A.Delete, scope: Scope) -> None:
        for e in clause.exprs:
            if isinstance(e, A.HasLabels):
                raise self.fail(
                    "InvalidDelete", "DELETE removes nodes, relationships or paths; use REMOVE for labels", e
                )
            self.expr(e, scope)
            t = T.type_of(e, scope.type)
            if t not in _DELETABLE and not T.is_list(t):
                raise self.fail(
                    "InvalidArgumentType", f"Type mismatch: expected Node, Path or Relationship but was {t}", e
                )

    # -- patterns ----------------------------------------------------------------------------------
    def declare_patterns(self, patterns: list[A.PathPattern], scope: Scope, mode: str) -> dict[str, str]:
        """Check the variables of a clause's patterns; the ones it introduces with their types."""
        new: dict[str, str] = {}

        def bound(name: str) -> str | None:
            if name in new:
                return new[name]
            if name in scope.types:
                return scope.types[name]
            return None

        rels_here: set[str] = set()
        for p in patterns:
            if mode != "MATCH" and not p.rels and p.nodes[0].var is not None and bound(p.nodes[0].var) is not None:
                raise self.fail("VariableAlreadyBound", f"Variable `{p.nodes[0].var}` already declared", p.nodes[0])
            for i, np in enumerate(p.nodes):
                if np.var is not None:
                    self.declare_node(np, bound(np.var), mode, new)
                if i < len(p.rels):
                    self.declare_rel(p.rels[i], bound, mode, new, rels_here)
            if p.var is not None:
                if bound(p.var) is not None:
                    raise self.fail("VariableAlreadyBound", f"Variable `{p.var}` already declared", p)
                new[p.var] = "Path"
        return new

    def declare_node(self, np: A.NodePattern, prior: str | None, mode: str, new: dict[str, str]) -> None:
        assert np.var is not None
        if prior is None:
            new[np.var] = "Node"
            return
        if prior not in ("Node", T.ANY, "Null"):
            raise self.fail(
                "VariableTypeConflict",
                f"Type mismatch: `{np.var}` defined with conflicting type {prior} (expected Node)",
                np,
            )
        if mode != "MATCH" and (np.labels or np.props is not None):
            raise self.fail(
                "VariableAlreadyBound",
                f"Can't create node `{np.var}` with labels or properties here: the variable is already declared",
                np,
            )

    def declare_rel(
        self, rel: A.RelPattern, bound: Callable[[str], str | None], mode: str, new: dict[str, str], rels_here: set[str]
    ) -> None:
        if mode != "MATCH" and rel.var is not None and bound(rel.var) is not None:
            raise self.fail("VariableAlreadyBound", f"Variable `{rel.var}` already declared", rel)
        if mode != "MATCH":
            if len(rel.types) != 1:
                raise self.fail(
                    "NoSingleRelationshipType", f"A single relationship type must be specified for {mode}", rel
                )
            if rel.variable_length:
                raise self.fail("CreatingVarLength", f"Variable length relationships cannot be used in {mode}", rel)
            if mode == "CREATE" and rel.direction == "both":
                raise self.fail(
                    "RequiresDirectedRelationship", "Only directed relationships are supported in CREATE", rel
                )
        if rel.var is None:
            return
        prior = bound(rel.var)
        wanted = T.list_of("Relationship") if rel.variable_length else "Relationship"
        if prior is None:
            new[rel.var] = wanted
            rels_here.add(rel.var)
            return
        if rel.var in rels_here:
            raise self.fail(
                "RelationshipUniquenessViolation",
                f"Cannot use the same relationship variable `{rel.var}` for multiple relationships",
                rel,
            )
        allowed = {T.ANY, "Null", "Relationship"} | (
            {T.list_of("Relationship"), T.list_of(T.ANY)} if rel.variable_length else set()
        )
        if prior not in allowed:
            raise self.fail(
                "VariableTypeConflict",
                f"Type mismatch: `{rel.var}` defined with conflicting type {prior} (expected Relationship)",
                rel,
            )
        rels_here.add(rel.var)

    def pattern_properties(self, p: A.PathPattern, scope: Scope, parameters_allowed: bool) -> None:
        for element in [*p.nodes, *p.rels]:
            if element.props is None:
                continue
            if isinstance(element.props, A.Param) and not parameters_allowed:
                raise self.fail(
                    "InvalidParameterUse",
                    "Parameter maps cannot be used in MATCH or MERGE patterns (use a WHERE clause)",
                    element,
                )
            self.expr(element.props, scope)

    # -- expressions -------------------------------------------------------------------------------
    def predicate(self, e: A.Expr, scope: Scope) -> None:
        self.expr(e, scope)
        t = T.type_of(e, scope.type)
        if T.known(t) and t != "Boolean":
            raise self.fail("InvalidArgumentType", f"Type mismatch: expected Boolean but was {t}", e)

    def expr(self, e: A.Expr, scope: Scope, ctx: ExprContext | None = None) -> None:
        self._expr(e, scope, ctx or ExprContext())

    def _type(self, e: A.Expr, scope: Scope, ctx: ExprContext) -> str:
        return T.type_of(e, lambda n: ctx.local.get(n) or scope.type(n))

    def _expr(self, e: A.Expr, scope: Scope, ctx: ExprContext) -> None:
        if ctx.resolved and e in ctx.resolved:
            return
        if isinstance(e, A.Var):
            if e.name not in ctx.local and not scope.knows(e.name):
                raise self.fail("UndefinedVariable", f"Variable `{e.name}` not defined", e)
            return
        if isinstance(e, A.Literal):
            self.literal(e)
            return
        if not isinstance(e, _KNOWN_EXPRS):
            return  # an expression the pass does not know: its scoping is its own
        if isinstance(e, A.Call):
            self.call_expr(e, scope, ctx)
            return
        if isinstance(e, A.ListComprehension | A.Quantifier):
            self._expr(e.source, scope, ctx)
            element = T.element_type(self._type(e.source, scope, ctx))
            inner = ExprContext(False, ctx.resolved, {**ctx.local, e.var: element})
            for sub in (e.where, getattr(e, "project", None)):
                if sub is not None:
                    self._expr(sub, scope, inner)
            return
        if isinstance(e, A.PatternExpr):
            for name in _pattern_names(e.pattern):
                if name not in ctx.local and not scope.knows(name):
                    raise self.fail(
                        "UndefinedVariable",
                        f"Variable `{name}` not defined (a pattern expression cannot introduce new variables)",
                        e,
                    )
            self.pattern_expr_properties(e.pattern, scope, ctx)
            return
        if isinstance(e, A.ExistsExpr):
            more = {n: T.ANY for n in _pattern_names(e.pattern)}
            self.pattern_expr_properties(e.pattern, scope, ExprContext(False, ctx.resolved, {**ctx.local, **more}))
            return
        for child in children(e):
            self._expr(child, scope, ctx)
        self.operand_types(e, scope, ctx)

    def pattern_expr_properties(self, p: A.PathPattern, scope: Scope, ctx: ExprContext) -> None:
        inner = ExprContext(False, ctx.resolved, ctx.local)
        for element in [*p.nodes, *p.rels]:
            if element.props is not None:
                self._expr(element.props, scope, inner)

    def call_expr(self, e: A.Call, scope: Scope, ctx: ExprContext) -> None:
        if not known_function(e.name):
            raise self.fail("UnknownFunction", f"Unknown function '{e.name}'", e)
        if agg.is_aggregate(e):
            nested = agg.nested_aggregate(e)
            if nested is not None:
                raise self.fail(
                    "NestedAggregation", "Can't use aggregate functions inside of aggregate functions", nested
                )
            if not ctx.aggregates:
                raise self.fail(
                    "InvalidAggregation", f"Invalid use of aggregating function {e.name}(...) in this context", e
                )
            random = agg.non_deterministic(e)
            if random is not None:
                raise self.fail(
                    "NonConstantExpression",
                    "Can't use non-deterministic (random) functions inside of aggregate functions",
                    random,
                )
        inner = ExprContext(ctx.aggregates and not agg.is_aggregate(e), ctx.resolved, ctx.local)
        for arg in e.args:
            self._expr(arg, scope, inner)
        refused = _ARGUMENT_RULES.get(e.name)
        if refused and e.args:
            t = self._type(e.args[0], scope, ctx)
            if t in refused or (e.name == "properties" and T.is_list(t)):
                raise self.fail("InvalidArgumentType", f"Type mismatch: {e.name}() does not accept {t}", e.args[0])

    def operand_types(self, e: A.Expr, scope: Scope, ctx: ExprContext) -> None:
        """Operators applied to values of a type they never accept."""
        if (isinstance(e, A.Binary) and e.op in T.BOOLEAN_OPS) or (isinstance(e, A.Unary) and e.op == "NOT"):
            operands = [e.left, e.right] if isinstance(e, A.Binary) else [e.operand]
            for x in operands:
                t = self._type(x, scope, ctx)
                if T.known(t) and t != "Boolean":
                    raise self.fail("InvalidArgumentType", f"Type mismatch: expected Boolean but was {t}", x)
        elif isinstance(e, A.Binary) and e.op == "IN":
            t = self._type(e.right, scope, ctx)
            if T.known(t) and not T.is_list(t):
                raise self.fail("InvalidArgumentType", f"Type mismatch: expected List<T> but was {t}", e.right)
        elif isinstance(e, A.Binary) and e.op in ("-", "*", "/", "%", "^"):
            for x in (e.left, e.right):
                t = self._type(x, scope, ctx)
                if t in _NOT_ARITHMETIC or T.is_list(t):
                    raise self.fail("InvalidArgumentType", f"Type mismatch: expected a number but was {t}", x)
        elif isinstance(e, A.Index | A.Slice):
            t = self._type(e.subject, scope, ctx)
            if t in _NOT_INDEXABLE:
                raise self.fail("InvalidArgumentType", f"Type mismatch: expected List or Map but was {t}", e.subject)
        elif isinstance(e, A.Prop):
            t = self._type(e.subject, scope, ctx)
            if t in _NO_PROPERTIES or T.is_list(t):
                raise self.fail(
                    "InvalidArgumentType", f"Type mismatch: expected Map, Node or Relationship but was {t}", e.subject
                )

    def literal(self, e: A.Literal) -> None:
        v = e.value
        if isinstance(v, int) and not isinstance(v, bool) and not INT_MIN <= v <= INT_MAX:
            raise self.fail("IntegerOverflow", f"integer is too large: {v}", e)
        if isinstance(v, float) and v in (float("inf"), float("-inf")):
            raise self.fail("FloatingPointOverflow", "floating point number is too large", e)


def _pattern_names(p: A.PathPattern) -> list[str]:
    names = [n.var for n in p.nodes if n.var is not None] + [r.var for r in p.rels if r.var is not None]
    return names + ([p.var] if p.var is not None else [])


def _plain_patterns(clause: A.Match | A.Create | A.Merge) -> bool:
    patterns = [clause.pattern] if isinstance(clause, A.Merge) else clause.patterns
    return all(
        type(p) is A.PathPattern
        and all(type(n) is A.NodePattern for n in p.nodes)
        and all(type(r) is A.RelPattern for r in p.rels)
        for p in patterns
    )
