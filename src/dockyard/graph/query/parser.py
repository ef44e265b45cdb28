"""A recursive-descent parser for openCypher, producing the dataclasses of ``ast``."""

from __future__ import annotations

from collections.abc import Collection
from functools import lru_cache

from dockyard.graph.query import ast as A
from dockyard.graph.query.errors import CypherSyntaxError, SemanticError
from dockyard.graph.query.lexer import Token, tokenize
from dockyard.graph.query.query_hints import planner_hint_end, query_hint
from dockyard.graph.query.semantics import Catalogue, SourceMap, analyse

_CLAUSE_START = {"MATCH", "OPTIONAL", "RETURN", "WITH", "UNWIND", "CREATE", "MERGE", "SET", "DELETE", "DETACH",
                 "REMOVE", "CALL", "UNION"}
_COMPARISON = {"=", "<>", "<", ">", "<=", ">=", "=~"}
_UPDATES = (A.Create, A.Merge, A.SetClause, A.Remove, A.Delete)
_SHORTEST = {"shortestpath": "shortestPath", "allshortestpaths": "allShortestPaths"}


@lru_cache(maxsize=1000)
def parse_cached(text: str) -> A.Query:
    """``parse`` through an LRU plan cache of 1,000 query strings (Neptune's capacity); the trees are
    shared, so nothing may modify them."""
    return parse(text)


def parse(text: str, procedures: Catalogue | None = None, parameters: Collection[str] | None = None) -> A.Query:
    """Parse and analyse a query (``semantics``); raises CypherSyntaxError (SemanticError for a rule the
    grammar cannot state) with the line and column of the offending token. ``procedures`` (lower-case
    name: signature or None) has its CALLs checked against their signatures, ``parameters`` (the names
    given) a standalone call's implicit arguments (``semantics.procedures``)."""
    parser = _Parser(tokenize(text))
    try:
        return analyse(parser.query(), parser.source, procedures, parameters)
    except RecursionError:
        tok = parser.tok
        raise CypherSyntaxError("Query nests too deeply", tok.line, tok.column) from None


class _Parser:
    def __init__(self, tokens: list[Token]) -> None:
        self.tokens = tokens
        self.pos = 0
        self._anon = 0
        self.source = SourceMap()  # node positions for the semantic pass
        self.hints: list[A.QueryHint] = []
        self.unsupported: str | None = None  # the first construct Neptune refuses (A.Query.unsupported)
        self.star_yields: dict[int, Token] = {}  # CALL ... YIELD * clauses (by id): the '*' token

    def mark(self, node: object, tok: Token) -> None:
        self.source.mark(node, tok.line, tok.column)

    # -- token helpers ---------------------------------------------------------------------------
    @property
    def tok(self) -> Token:
        return self.tokens[self.pos]

    def peek(self, offset: int = 1) -> Token:
        return self.tokens[min(self.pos + offset, len(self.tokens) - 1)]

    def error(self, message: str | None = None, tok: Token | None = None) -> CypherSyntaxError:
        tok = tok or self.tok
        found = "end of input" if tok.kind == "eof" else f"'{tok.text}'"
        return CypherSyntaxError(message or f"Invalid input {found}", tok.line, tok.column)

    def kw(self, *words: str, at: int = 0) -> bool:
        tok = self.peek(at) if at else self.tok
        return tok.kind == "ident" and tok.text.upper() in words

    def accept_kw(self, *words: str) -> bool:
        for i, word in enumerate(words):
            if not self.kw(word, at=i):
                return False
        self.pos += len(words)
        return True

    def expect_kw(self, *words: str) -> None:
        if not self.accept_kw(*words):
            raise self.error(f"Invalid input {self._found()}: expected {' '.join(words)}")

    def op(self, *ops: str) -> bool:
        return self.tok.kind == "op" and self.tok.text in ops

    def accept(self, op: str) -> bool:
        if self.op(op):
            self.pos += 1
            return True
        return False

    def expect(self, op: str) -> Token:
        if not self.op(op):
            raise self.error(f"Invalid input {self._found()}: expected '{op}'")
        tok = self.tok
        self.pos += 1
        return tok

    def _found(self) -> str:
        return "end of input" if self.tok.kind == "eof" else f"'{self.tok.text}'"

    def name(self) -> str:
        tok = self.tok
        if tok.kind in ("ident", "qident"):
            self.pos += 1
            return str(tok.value)
        raise self.error(f"Invalid input {self._found()}: expected a name")

    def fresh(self) -> str:
        self._anon += 1
        return f"  anon_{self._anon}"

    # -- queries ---------------------------------------------------------------------------------
    def query(self) -> A.Query:
        parts = [self.single_query()]
        union_all: list[bool] = []
        while self.accept_kw("UNION"):
            union_all.append(self.accept_kw("ALL"))
            parts.append(self.single_query())
        self.accept(";")
        if self.tok.kind != "eof":
            raise self.error()
        return A.Query(parts, union_all, self.hints, self.unsupported)

    def refuse(self, message: str) -> None:
        """Note a construct that parses but Neptune does not run (the query fails after parsing)."""
        if self.unsupported is None:
            self.unsupported = message

    def single_query(self) -> A.SingleQuery:
        clauses: list[A.Clause] = []
        while self.tok.kind != "eof" and not self.kw("UNION") and not self.op(";", "}"):
            if self.kw("USING"):
                self.pos, hint, refused = query_hint(self.tokens, self.pos)
                self.hints.append(hint)
                if refused:
                    self.refuse(refused)
                continue
            start = self.tok
            clauses.append(self.clause())
            self.mark(clauses[-1], start)
            if isinstance(clauses[-1], A.Projection) and clauses[-1].kind == "RETURN":
                break
        if not clauses:
            raise self.error()
        star = next((self.star_yields[id(c)] for c in clauses if id(c) in self.star_yields), None)
        if star is not None and len(clauses) > 1:  # openCypher's grammar: YIELD * only in a standalone CALL
            raise self.error("YIELD * is only allowed in a standalone procedure call (name the outputs)", tok=star)
        return A.SingleQuery(clauses)

    def clause(self) -> A.Clause:
        if self.accept_kw("OPTIONAL", "MATCH"):
            return self.match(optional=True)
        if self.accept_kw("MANDATORY", "MATCH"):
            self.refuse("MANDATORY MATCH is not supported in this release")
            return self.match(optional=False)
        if self.kw("FOREACH") and self.peek().text == "(":
            return self.foreach()
        if self.accept_kw("MATCH"):
            return self.match(optional=False)
        if self.accept_kw("RETURN"):
            return self.projection("RETURN")
        if self.accept_kw("WITH"):
            return self.projection("WITH")
        if self.accept_kw("UNWIND"):
            expr = self.expr()
            self.expect_kw("AS")
            return A.Unwind(expr, self.name())
        if self.accept_kw("CREATE"):
            return A.Create(self.patterns())
        if self.accept_kw("MERGE"):
            return self.merge()
        if self.accept_kw("SET"):
            return A.SetClause(self.set_items())
        if self.accept_kw("REMOVE"):
            return A.Remove(self.remove_items())
        if self.accept_kw("DETACH", "DELETE"):
            return A.Delete(self.expr_list(), detach=True)
        if self.accept_kw("DELETE"):
            return A.Delete(self.expr_list(), detach=False)
        if self.accept_kw("CALL"):
            return self.call_subquery() if self.op("{") else self.call_procedure()
        raise self.error()

    def foreach(self) -> A.RefusedClause:
        """``FOREACH (x IN list | updates)``: Neptune answers "FOREACH is not supported in this release"."""
        self.pos += 1
        opened = self.tok
        depth = 0
        while True:
            if self.tok.kind == "eof":
                raise self.error("Invalid input: FOREACH is not closed", tok=opened)
            if self.op("("):
                depth += 1
            elif self.op(")"):
                depth -= 1
            self.pos += 1
            if depth == 0:
                break
        self.refuse("FOREACH is not supported in this release")
        return A.RefusedClause("FOREACH")

    def match(self, optional: bool) -> A.Match:
        patterns = self.patterns()
        while self.kw("USING") and self.kw("INDEX", "SCAN", "JOIN", at=1):
            self.pos = planner_hint_end(self.tokens, self.pos)  # USING INDEX/SCAN/JOIN: accepted, no effect
        where = self.expr() if self.accept_kw("WHERE") else None
        return A.Match(patterns, where, optional)

    def projection(self, kind: str) -> A.Projection:
        proj = A.Projection(kind, [])
        proj.distinct = self.accept_kw("DISTINCT")
        if self.accept("*"):
            proj.star = True
            if not self.accept(","):
                return self._projection_tail(proj)
        while True:
            start = self.pos
            expr = self.expr()
            aliased = self.accept_kw("AS")
            if aliased:
                alias = self.name()
            elif isinstance(expr, A.Var):
                alias = expr.name
            else:
                alias = _source_text(self.tokens[start : self.pos])
            proj.items.append(A.ReturnItem(expr, alias))
            if not aliased:
                self.source.unaliased.add(id(proj.items[-1]))
            if not self.accept(","):
                break
        return self._projection_tail(proj)

    def _projection_tail(self, proj: A.Projection) -> A.Projection:
        if self.accept_kw("ORDER", "BY"):
            while True:
                expr = self.expr()
                desc = False
                if self.accept_kw("DESC") or self.accept_kw("DESCENDING"):
                    desc = True
                else:
                    self.accept_kw("ASC") or self.accept_kw("ASCENDING")
                proj.order.append(A.SortItem(expr, desc))
                if not self.accept(","):
                    break
        if self.accept_kw("SKIP"):
            proj.skip = self.expr()
        if self.accept_kw("LIMIT"):
            proj.limit = self.expr()
        for word, value in (("SKIP", proj.skip), ("LIMIT", proj.limit)):
            if value is not None and not _static(value):
                # Neptune: RETURN/WITH "supported, except when used with non-static values for SKIP or LIMIT"
                self.refuse(f"{proj.kind} with a non-static value for {word} is not supported in this release")
        if proj.kind == "WITH" and self.accept_kw("WHERE"):
            proj.where = self.expr()
        return proj

    def merge(self) -> A.Merge:
        pattern = self.path_pattern()
        on_create: list[A.SetItem] = []
        on_match: list[A.SetItem] = []
        while self.kw("ON"):
            if self.accept_kw("ON", "CREATE", "SET"):
                on_create += self.set_items()
            elif self.accept_kw("ON", "MATCH", "SET"):
                on_match += self.set_items()
            else:
                raise self.error(tok=self.peek())
        return A.Merge(pattern, on_create, on_match)

    def set_items(self) -> list[A.SetItem]:
        items: list[A.SetItem] = []
        while True:
            target = self.primary_with_postfix(allow_labels=False)
            if self.op(":"):
                items.append(A.SetItem(target, None, "label", self.labels()))
            elif self.accept("="):
                items.append(A.SetItem(target, self.expr(), "="))
            elif self.accept("+="):
                items.append(A.SetItem(target, self.expr(), "+="))
            else:
                raise self.error(f"Invalid input {self._found()}: expected '=', '+=' or a label")
            if not self.accept(","):
                return items

    def remove_items(self) -> list[A.SetItem]:
        items: list[A.SetItem] = []
        while True:
            target = self.primary_with_postfix(allow_labels=False)
            if self.op(":"):
                items.append(A.SetItem(target, None, "label", self.labels()))
            elif isinstance(target, A.Prop):
                items.append(A.SetItem(target, None, "remove"))
            else:
                raise self.error()
            if not self.accept(","):
                return items

    def subquery(self) -> tuple[A.Query, list[Token]]:
        """``{ query [UNION query] }``; also the first token of each part."""
        self.expect("{")
        firsts = [self.tok]
        parts = [self.single_query()]
        union_all: list[bool] = []
        while self.accept_kw("UNION"):
            union_all.append(self.accept_kw("ALL"))
            firsts.append(self.tok)
            parts.append(self.single_query())
        self.expect("}")
        return A.Query(parts, union_all), firsts

    def call_subquery(self) -> A.CallSubquery:
        """``CALL { [WITH imports] ... RETURN ... }`` under Neptune's rules: the importing WITH is a plain
        list of variables; the subquery ends with RETURN; updates inside it are refused."""
        query, firsts = self.subquery()
        imports: list[list[str] | None] = []
        for part, first in zip(query.parts, firsts, strict=True):
            imports.append(self._importing_with(part, first))
            if any(isinstance(c, _UPDATES) for c in part.clauses):
                self.refuse("Update clauses like MERGE, CREATE, SET, REMOVE, DELETE, FOREACH not supported in "
                            "call subquery")  # fmt: skip
            elif not (isinstance(part.clauses[-1], A.Projection) and part.clauses[-1].kind == "RETURN"):
                raise self.error("A CALL subquery must conclude with a RETURN clause", tok=self.peek(-1))
        return A.CallSubquery(query, imports)

    def _importing_with(self, part: A.SingleQuery, first: Token) -> list[str] | None:
        """A leading WITH that names a variable imports it from the outer scope (and leaves the part);
        such a WITH may hold nothing but variables."""
        head = part.clauses[0] if part.clauses else None
        if not (isinstance(head, A.Projection) and head.kind == "WITH") or len(part.clauses) < 2:
            return None
        plain = [isinstance(it.expr, A.Var) and it.expr.name == it.alias for it in head.items]
        if not head.star and not any(_root_var(it.expr) for it in head.items):
            return None  # WITH 1 AS x: an ordinary WITH over an empty scope
        for flag, word in ((head.distinct, "DISTINCT"), (head.order, "ORDER BY"), (head.where, "WHERE"),
                           (head.skip, "SKIP"), (head.limit, "LIMIT")):  # fmt: skip
            if flag:
                raise self.error(f"Importing WITH should consist only of simple references to outside variables. "
                                 f"{word} is not allowed.", tok=first)  # fmt: skip
        if not all(plain):
            raise self.error("Importing WITH should consist only of simple references to outside variables. "
                             "Aliasing or expressions are not supported.", tok=first)  # fmt: skip
        del part.clauses[0]
        return ["*"] if head.star else [it.alias for it in head.items]

    def call_procedure(self) -> A.CallProcedure:
        """``CALL ns.proc(args) [YIELD * | YIELD out [AS var], ... [WHERE ...]]``."""
        parts = [self.name()]
        while self.accept("."):
            parts.append(self.name())
        call = A.CallProcedure(".".join(parts), [], [], implicit_args=not self.op("("))
        if self.accept("("):
            if not self.op(")"):
                call.args = self.expr_list()
            self.expect(")")
        if self.accept_kw("YIELD"):
            star = self.tok
            if self.accept("*"):
                self.star_yields[id(call)] = star
                return call
            while True:
                out = self.name()
                call.yields.append(out)
                if self.accept_kw("AS"):
                    call.aliases[out] = self.name()
                if not self.accept(","):
                    break
            if self.accept_kw("WHERE"):
                call.where = self.expr()
        return call

    def expr_list(self) -> list[A.Expr]:
        items = [self.expr()]
        while self.accept(","):
            items.append(self.expr())
        return items

    # -- patterns --------------------------------------------------------------------------------
    def patterns(self) -> list[A.PathPattern]:
        items = [self.path_pattern()]
        while self.accept(","):
            items.append(self.path_pattern())
        return items

    def path_pattern(self) -> A.PathPattern:
        var = None
        if self.tok.kind in ("ident", "qident") and self.peek().kind == "op" and self.peek().text == "=":
            var = self.name()
            self.expect("=")
        if self.tok.kind == "ident" and self.tok.text.lower() in _SHORTEST and self.peek().text == "(":
            return self.shortest_path(var)
        start = self.tok
        nodes = [self.node_pattern()]
        rels: list[A.RelPattern] = []
        while self.op("-", "<-"):
            tok = self.tok
            rels.append(self.rel_pattern())
            self.mark(rels[-1], tok)
            tok = self.tok
            nodes.append(self.node_pattern())
            self.mark(nodes[-1], tok)
        self.mark(nodes[0], start)
        path = A.PathPattern(var, nodes, rels)
        self.mark(path, start)
        return path

    def shortest_path(self, var: str | None) -> A.PathPattern:
        """``shortestPath((a)-[*]-(b))``: parsed, then refused as Neptune does (MATCH is "supported,
        except that shortestPath() and allShortestPaths() are not currently supported")."""
        name = _SHORTEST[self.tok.text.lower()]
        self.pos += 1
        self.expect("(")
        inner = self.path_pattern()
        self.expect(")")
        if inner.var is not None or len(inner.rels) != 1:
            raise self.error(f"{name}() requires a pattern containing a single relationship", tok=self.peek(-1))
        self.refuse(f"{name}() is not supported in this release")
        return A.PathPattern(var, inner.nodes, inner.rels, shortest=name)

    def node_pattern(self) -> A.NodePattern:
        self.expect("(")
        var = self.name() if self.tok.kind in ("ident", "qident") else None
        labels = self.labels() if self.op(":") else []
        props = self.map_or_param() if self.op("{") or self.tok.kind == "param" else None
        self.expect(")")
        return A.NodePattern(var, labels, props)

    def labels(self) -> list[str]:
        labels: list[str] = []
        while self.accept(":"):
            labels.append(self.name())
        return labels

    def map_or_param(self) -> A.Expr:
        if self.tok.kind == "param":
            tok = self.tok
            self.pos += 1
            return A.Param(str(tok.value))
        return self.map_literal()

    def rel_pattern(self) -> A.RelPattern:
        left = self.accept("<-")
        if not left:
            self.expect("-")
        rel = A.RelPattern(None, [], None, "both")
        if self.accept("["):
            if self.tok.kind in ("ident", "qident"):
                rel.var = self.name()
            if self.accept(":"):
                rel.types.append(self.name())
                while self.accept("|"):
                    self.accept(":")
                    rel.types.append(self.name())
                rel.types = list(dict.fromkeys(rel.types))  # [:T|:T] matches each T edge once
            if self.op("..") or (self.op("*") and self.peek().kind == "op" and self.peek().text == "-"):
                tok = self.tok if self.op("..") else self.peek()
                raise CypherSyntaxError(
                    "Invalid relationship pattern: a length is written *, *n, *n..m, *n.. or *..m with non-negative "
                    "bounds", tok.line, tok.column, "InvalidRelationshipPattern",
                )  # fmt: skip
            if self.accept("*"):
                rel.min_hops, rel.max_hops, rel.star = 1, None, True
                if self.tok.kind == "int":
                    rel.min_hops = int(self.tok.value)  # type: ignore[arg-type]
                    rel.max_hops = rel.min_hops
                    self.pos += 1
                if self.accept(".."):
                    rel.max_hops = None
                    if self.tok.kind == "int":
                        rel.max_hops = int(self.tok.value)  # type: ignore[arg-type]
                        self.pos += 1
                elif self.tok.kind == "float" and self.tok.text.startswith("."):
                    raise self.error()
            if self.op("{") or self.tok.kind == "param":
                rel.props = self.map_or_param()
                if rel.star and isinstance(rel.props, A.MapExpr) and not all(map(_static, rel.props.items.values())):
                    self.refuse("Property predicate over variable-length relationships with non-constant "
                                "expression is not supported in this release.")  # fmt: skip
            self.expect("]")
        right = self.accept("->")
        if not right:
            self.expect("-")
        if left and right:
            rel.direction = "both"
            return rel
        rel.direction = "in" if left else "out" if right else "both"
        return rel

    # -- expressions (lowest to highest precedence) ------------------------------------------------
    def expr(self) -> A.Expr:
        return self.or_expr()

    def or_expr(self) -> A.Expr:
        left = self.xor_expr()
        while self.accept_kw("OR"):
            left = A.Binary("OR", left, self.xor_expr())
        return left

    def xor_expr(self) -> A.Expr:
        left = self.and_expr()
        while self.accept_kw("XOR"):
            left = A.Binary("XOR", left, self.and_expr())
        return left

    def and_expr(self) -> A.Expr:
        left = self.not_expr()
        while self.accept_kw("AND"):
            left = A.Binary("AND", left, self.not_expr())
        return left

    def not_expr(self) -> A.Expr:
        if self.accept_kw("NOT"):
            return A.Unary("NOT", self.not_expr())
        return self.comparison()

    def comparison(self) -> A.Expr:
        left = self.string_list_null()
        terms: list[A.Expr] = []
        while self.op(*_COMPARISON):
            op = self.tok.text
            self.pos += 1
            right = self.string_list_null()
            terms.append(A.Binary(op, left, right))
            left = right
        if not terms:
            return left
        out = terms[0]
        for term in terms[1:]:
            out = A.Binary("AND", out, term)
        return out

    def string_list_null(self) -> A.Expr:
        left = self.additive()
        while True:
            if self.accept_kw("STARTS", "WITH"):
                left = A.Binary("STARTS WITH", left, self.additive())
            elif self.accept_kw("ENDS", "WITH"):
                left = A.Binary("ENDS WITH", left, self.additive())
            elif self.accept_kw("CONTAINS"):
                left = A.Binary("CONTAINS", left, self.additive())
            elif self.accept_kw("IN"):
                left = A.Binary("IN", left, self.additive())
            elif self.accept_kw("IS", "NOT", "NULL"):
                left = A.IsNull(left, negated=True)
            elif self.accept_kw("IS", "NULL"):
                left = A.IsNull(left, negated=False)
            else:
                return left

    def additive(self) -> A.Expr:
        left = self.multiplicative()
        while self.op("+", "-"):
            op = self.tok.text
            self.pos += 1
            left = A.Binary(op, left, self.multiplicative())
        return left

    def multiplicative(self) -> A.Expr:
        left = self.power()
        while self.op("*", "/", "%"):
            op = self.tok.text
            self.pos += 1
            left = A.Binary(op, left, self.power())
        return left

    def power(self) -> A.Expr:
        left = self.unary()
        while self.accept("^"):
            left = A.Binary("^", left, self.unary())
        return left

    def unary(self) -> A.Expr:
        minus = self.tok
        if self.accept("-"):
            operand = self.unary()
            if isinstance(operand, A.Literal) and isinstance(operand.value, int | float) and not isinstance(
                operand.value, bool
            ):
                negative = A.Literal(-operand.value)
                self.mark(negative, minus)
                return negative
            return A.Unary("-", operand)
        if self.accept("+"):
            return A.Unary("+", self.unary())
        return self.primary_with_postfix(allow_labels=True)

    def primary_with_postfix(self, allow_labels: bool) -> A.Expr:
        first = self.tok
        expr = self.primary()
        while True:
            self.mark(expr, first)
            if self.op(".") and self.peek().kind in ("ident", "qident"):
                self.pos += 1
                expr = A.Prop(expr, self.name())
            elif self.accept("["):
                start = None if self.op("..") else self.expr()
                if self.accept(".."):
                    stop = None if self.op("]") else self.expr()
                    self.expect("]")
                    expr = A.Slice(expr, start, stop)
                else:
                    self.expect("]")
                    assert start is not None
                    expr = A.Index(expr, start)
            elif allow_labels and self.op(":") and isinstance(expr, A.Var):
                expr = A.HasLabels(expr, self.labels())
            elif allow_labels and self.op("{") and isinstance(expr, A.Var):
                expr = self.map_projection(expr.name)
            else:
                return expr

    def map_projection(self, subject: str) -> A.MapProjection:
        """``n {.name, .*, key: expr, var}``."""
        self.expect("{")
        out = A.MapProjection(subject, [])
        while not self.op("}"):
            if self.accept("."):
                if self.accept("*"):
                    out.all_properties = True
                else:
                    out.entries.append((self.name(), None))
            else:
                key = self.name()
                out.entries.append((key, self.expr() if self.accept(":") else A.Var(key)))
            if not self.accept(","):
                break
        self.expect("}")
        return out

    def reduce(self) -> A.Reduce:
        """``reduce(acc = init, x IN list | acc + x)``; Neptune runs only ``+`` and ``*`` steps on the
        accumulator ("reduce only supported with add or multiply expressions")."""
        self.pos += 2
        acc = self.name()
        self.expect("=")
        init = self.expr()
        self.expect(",")
        var = self.name()
        self.expect_kw("IN")
        source = self.expr()
        self.expect("|")
        step = self.expr()
        self.expect(")")
        uses_acc = isinstance(step, A.Binary) and A.Var(acc) in (step.left, step.right)
        if not (uses_acc and isinstance(step, A.Binary) and step.op in ("+", "*")):
            self.refuse("reduce only supported with add or multiply expressions")
        return A.Reduce(acc, init, var, source, step)

    def exists_subquery(self) -> A.ExistsSubquery:
        """``EXISTS { (a)-->(b) WHERE ... }`` (patterns, as a MATCH) or ``EXISTS { MATCH ... RETURN ... }``
        (a full query; one not ending with RETURN gets ``RETURN *``)."""
        if self.peek().text == "(":
            self.expect("{")
            match = A.Match(self.patterns(), self.expr() if self.accept_kw("WHERE") else None)
            self.expect("}")
            return A.ExistsSubquery(A.Query([A.SingleQuery([match])], []))
        start = self.tok
        query, _ = self.subquery()
        only = query.parts[0].clauses
        if len(query.parts) == 1 and len(only) == 1 and isinstance(only[0], A.Match) and not only[0].optional:
            return A.ExistsSubquery(query)  # EXISTS { MATCH ... WHERE ... }: as the pattern form
        for part in query.parts:
            if any(isinstance(c, _UPDATES) for c in part.clauses):  # openCypher: a read-only subquery
                raise SemanticError("InvalidClauseComposition", "An EXISTS subquery cannot contain an update clause",
                                    start.line, start.column)  # fmt: skip
            last = part.clauses[-1]
            if not (isinstance(last, A.Projection) and last.kind == "RETURN"):
                part.clauses.append(A.Projection("RETURN", [], star=True))
        return A.ExistsSubquery(query)

    def primary(self) -> A.Expr:
        tok = self.tok
        if tok.kind == "badnumber":
            raise CypherSyntaxError(f"Invalid number literal {tok.text}", tok.line, tok.column, "InvalidNumberLiteral")
        if tok.kind in ("int", "float", "string"):
            self.pos += 1
            return A.Literal(tok.value)
        if tok.kind == "param":
            self.pos += 1
            return A.Param(str(tok.value))
        if self.op("{"):
            return self.map_literal()
        if self.op("["):
            return self.list_or_comprehension()
        if self.op("("):
            if self._looks_like_pattern():
                return A.PatternExpr(self.path_pattern())
            self.pos += 1
            inner = self.expr()
            self.expect(")")
            return inner
        if tok.kind == "qident":
            self.pos += 1
            return A.Var(str(tok.value))
        if tok.kind == "ident":
            upper = tok.text.upper()
            if upper == "TRUE":
                self.pos += 1
                return A.Literal(True)
            if upper == "FALSE":
                self.pos += 1
                return A.Literal(False)
            if upper == "NULL":
                self.pos += 1
                return A.Literal(None)
            if upper == "CASE":
                return self.case()
            if upper == "EXISTS" and self.peek().kind == "op" and self.peek().text in ("(", "{"):
                self.pos += 1
                if self.op("{"):
                    return self.exists_subquery()
                self.expect("(")
                if self.op("(") and self._looks_like_pattern():
                    pattern = self.path_pattern()
                    self.expect(")")
                    return A.ExistsExpr(pattern)
                inner = self.expr()
                self.expect(")")
                return A.Call("exists", [inner])
            if tok.text.lower() in _SHORTEST and self.peek().text == "(":
                return A.PatternExpr(self.shortest_path(None))
            if upper == "REDUCE" and self.peek().text == "(" and self.peek(3).text == "=":
                return self.reduce()
            if upper in ("ALL", "ANY", "NONE", "SINGLE") and self.peek().kind == "op" and self.peek().text == "(":
                self.pos += 2
                var = self.name()
                self.expect_kw("IN")
                source = self.expr()
                self.expect_kw("WHERE")
                where = self.expr()
                self.expect(")")
                return A.Quantifier(upper.lower(), var, source, where)
            if self.peek().kind == "op" and self.peek().text in ("(", "."):
                call = self._maybe_function_call()
                if call is not None:
                    return call
            if upper in _CLAUSE_START or upper in ("WHERE", "AS", "ORDER", "SKIP", "LIMIT"):
                raise self.error()
            self.pos += 1
            return A.Var(tok.text)
        raise self.error()

    def _maybe_function_call(self) -> A.Expr | None:
        start = self.pos
        parts = [self.name()]
        while self.op(".") and self.peek().kind in ("ident", "qident"):
            self.pos += 1
            parts.append(self.name())
        if not self.op("("):
            self.pos = start
            return None
        self.pos += 1
        name = ".".join(parts)
        if self.accept("*"):
            self.expect(")")
            return A.Call(name.lower(), [], star=True)
        distinct = self.accept_kw("DISTINCT")
        args = [] if self.op(")") else self.expr_list()
        self.expect(")")
        if name.lower() == "size" and len(args) == 1 and isinstance(args[0], A.PatternExpr):
            # a pattern expression is the list of its matches: size() counts them
            args = [A.PatternComprehension(args[0].pattern, None, A.Literal(True))]
        return A.Call(name.lower() if len(parts) == 1 else name, args, distinct)

    def _looks_like_pattern(self) -> bool:
        """After '(': a node pattern followed by a relationship, e.g. ``(a)-->(b)``, not ``(a + 1)``."""
        i = self.pos + 1
        depth = 1
        while depth and i < len(self.tokens):
            t = self.tokens[i]
            if t.kind == "eof":
                return False
            if t.kind == "op" and t.text in "([{":
                depth += 1
            elif t.kind == "op" and t.text in ")]}":
                depth -= 1
            i += 1
        nxt = self.tokens[i] if i < len(self.tokens) else None
        if nxt is None or nxt.kind != "op" or nxt.text not in ("-", "<-"):
            return False
        after = self.tokens[i + 1] if i + 1 < len(self.tokens) else None
        return after is not None and after.kind == "op" and after.text in ("-", "->", "[")

    def map_literal(self) -> A.MapExpr:
        self.expect("{")
        items: dict[str, A.Expr] = {}
        if not self.op("}"):
            while True:
                key = self.name() if self.tok.kind in ("ident", "qident") else None
                if key is None:
                    raise self.error(f"Invalid input {self._found()}: expected a property key")
                self.expect(":")
                items[key] = self.expr()
                if not self.accept(","):
                    break
        self.expect("}")
        return A.MapExpr(items)

    def list_or_comprehension(self) -> A.Expr:
        self.expect("[")
        comprehension = self.pattern_comprehension()
        if comprehension is not None:
            return comprehension
        if self.tok.kind in ("ident", "qident") and self.kw("IN", at=1):
            var = self.name()
            self.expect_kw("IN")
            source = self.expr()
            where = self.expr() if self.accept_kw("WHERE") else None
            project = self.expr() if self.accept("|") else None
            self.expect("]")
            return A.ListComprehension(var, source, where, project)
        items = [] if self.op("]") else self.expr_list()
        self.expect("]")
        return A.ListExpr(items)

    def pattern_comprehension(self) -> A.PatternComprehension | None:
        """After '[': ``[p = (a)-->(b) WHERE ... | expr]``, or None (the position unchanged) if not one."""
        start = self.pos
        named = self.tok.kind in ("ident", "qident") and self.peek().text == "=" and self.peek(2).text == "("
        self.pos += 2 if named else 0
        looks = self.op("(") and self._looks_like_pattern()
        self.pos = start
        if not looks:
            return None
        pattern = self.path_pattern()
        where = self.expr() if self.accept_kw("WHERE") else None
        if not self.accept("|"):
            if where is None and not named:
                self.pos = start  # [(a)-->(b), ...]: a list holding a pattern predicate
                return None
            raise self.error(f"Invalid input {self._found()}: expected '|'")
        project = self.expr()
        self.expect("]")
        return A.PatternComprehension(pattern, where, project)

    def case(self) -> A.Case:
        self.expect_kw("CASE")
        subject = None if self.kw("WHEN") else self.expr()
        whens: list[tuple[A.Expr, A.Expr]] = []
        while self.accept_kw("WHEN"):
            cond = self.expr()
            self.expect_kw("THEN")
            whens.append((cond, self.expr()))
        if not whens:
            raise self.error(f"Invalid input {self._found()}: expected WHEN")
        default = self.expr() if self.accept_kw("ELSE") else None
        self.expect_kw("END")
        return A.Case(subject, whens, default)


def _static(e: A.Expr) -> bool:
    """A value known before the query runs: literals and parameters, combined by operators."""
    if isinstance(e, A.Literal | A.Param):
        return True
    if isinstance(e, A.Unary):
        return _static(e.operand)
    if isinstance(e, A.Binary):
        return _static(e.left) and _static(e.right)
    if isinstance(e, A.ListExpr):
        return all(map(_static, e.items))
    if isinstance(e, A.MapExpr):
        return all(map(_static, e.items.values()))
    return False


def _root_var(e: A.Expr) -> bool:
    """``x``, ``x.key``, ``x[0]``: an expression over a variable (in a subquery's first WITH, an outer one)."""
    while isinstance(e, A.Prop | A.Index | A.Slice):
        e = e.subject
    return isinstance(e, A.Var)


def _source_text(tokens: list[Token]) -> str:
    """The column name of an un-aliased expression: its tokens, spaced as written (approximately)."""
    out = ""
    prev: Token | None = None
    for tok in tokens:
        if prev is not None:
            same_line = prev.line == tok.line
            gap = tok.column - (prev.column + len(prev.text)) if same_line else 1
            out += " " * max(gap, 0)
        out += tok.text
        prev = tok
    return out
