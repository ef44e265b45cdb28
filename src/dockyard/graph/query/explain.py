"""Explain: the plan of a query as a text table (STATIC), or with per-operator rows and time (DETAILS).

The plan is one operator per clause as written, in order, per UNION part. A DETAILS explain runs the
query through the row interpreter over those clauses (a write query's writes are not committed) and
fills in rows in/out and milliseconds; a query run without explain may read some clauses together
(``match_fusion``, ``where_pushdown``) and over index arrays, with the same answer.
"""

from __future__ import annotations

import html
from dataclasses import dataclass

from dockyard.graph.query import ast as A


@dataclass
class Step:
    """One operator of a plan, with what a DETAILS run measured."""

    part: int
    name: str
    arguments: str
    rows_in: int | None = None
    rows_out: int | None = None
    millis: float | None = None


def _node(n: A.NodePattern) -> str:
    return f"({n.var or ''}{''.join(':' + lb for lb in n.labels)}{' {...}' if n.props is not None else ''})"


def _pattern(p: A.PathPattern) -> str:
    out = _node(p.nodes[0])
    for rel, node in zip(p.rels, p.nodes[1:], strict=True):
        hops = "" if not rel.variable_length else f"*{rel.min_hops}..{'' if rel.max_hops is None else rel.max_hops}"
        body = f"[{rel.var or ''}{':' + '|'.join(rel.types) if rel.types else ''}{hops}]"
        left, right = ("<-", "-") if rel.direction == "in" else ("-", "->") if rel.direction == "out" else ("-", "-")
        out += f"{left}{body}{right}{_node(node)}"
    return out


def _start(p: A.PathPattern) -> str:
    first = p.nodes[0]
    if isinstance(first.props, A.MapExpr) and "~id" in first.props.items:
        return "id lookup"
    if first.labels:
        return f"label scan :{first.labels[0]}"
    return "all-vertices scan"


def describe(clause: A.Clause) -> tuple[str, str]:
    """The operator name and arguments of one clause."""
    if isinstance(clause, A.Match):
        args = ", ".join(f"{_pattern(p)} via {_start(p)}" for p in clause.patterns)
        return ("OptionalMatch" if clause.optional else "Match"), args + (" + filter" if clause.where else "")
    if isinstance(clause, A.Projection):
        items = ", ".join(it.alias for it in clause.items) + (", *" if clause.star else "")
        extra = [w for w, on in (("DISTINCT", clause.distinct), ("ORDER BY", clause.order), ("SKIP", clause.skip),
                                 ("LIMIT", clause.limit), ("WHERE", clause.where)) if on]  # fmt: skip
        return clause.kind.title(), items + (f" [{' '.join(extra)}]" if extra else "")
    if isinstance(clause, A.Unwind):
        return "Unwind", f"AS {clause.alias}"
    if isinstance(clause, A.Create):
        return "Create", ", ".join(_pattern(p) for p in clause.patterns)
    if isinstance(clause, A.Merge):
        return "Merge", _pattern(clause.pattern)
    if isinstance(clause, A.SetClause):
        return "Set", f"{len(clause.items)} item(s)"
    if isinstance(clause, A.Remove):
        return "Remove", f"{len(clause.items)} item(s)"
    if isinstance(clause, A.Delete):
        return ("DetachDelete" if clause.detach else "Delete"), f"{len(clause.exprs)} expression(s)"
    if isinstance(clause, A.CallProcedure):
        return "CallProcedure", clause.name
    if isinstance(clause, A.CallSubquery):
        imported = sorted({n for names in clause.imports for n in names or []})
        inner = " UNION ".join(" | ".join(describe(c)[0] for c in part.clauses) for part in clause.query.parts)
        return "CallSubquery", (f"imports {', '.join(imported)}: " if imported else "") + inner
    return type(clause).__name__, ""


def plan(tree: A.Query) -> list[Step]:
    return [Step(i, *describe(c)) for i, part in enumerate(tree.parts) for c in part.clauses]


def _table(steps: list[Step], details: bool) -> tuple[list[str], list[list[str]]]:
    """The header and the cells of the operator table."""
    header = ["ID", "Part", "Name", "Arguments"] + (["Units In", "Units Out", "Time (ms)"] if details else [])
    rows = []
    for i, s in enumerate(steps):
        row = [str(i), str(s.part), s.name, s.arguments]
        if details:
            row += ["" if s.rows_in is None else str(s.rows_in), "" if s.rows_out is None else str(s.rows_out),
                    "" if s.millis is None else f"{s.millis:.3f}"]  # fmt: skip
        rows.append(row)
    return header, rows


def render_html(query: str, steps: list[Step], details: bool) -> str:
    """The explain as an HTML fragment (what ``Accept: text/html`` asks for, e.g. graph-notebook's
    ``%%oc explain``, which shows the body as it is): the query, the mode, the operator table."""
    header, rows = _table(steps, details)
    head = "".join(f"<th>{html.escape(h)}</th>" for h in header)
    body = "".join("<tr>" + "".join(f"<td>{html.escape(c)}</td>" for c in r) + "</tr>\n" for r in rows)
    mode = "DETAILS" if details else "STATIC"
    return (f"<p>Query:</p>\n<pre>{html.escape(query)}</pre>\n<p>Explain mode: {mode}</p>\n"
            f"<table>\n<thead><tr>{head}</tr></thead>\n<tbody>\n{body}</tbody>\n</table>\n")  # fmt: skip


def render(query: str, steps: list[Step], details: bool) -> str:
    """The explain text: the query, then one row per operator."""
    header, rows = _table(steps, details)
    widths = [max(len(r[c]) for r in [header, *rows]) for c in range(len(header))]
    line = "+" + "+".join("-" * (w + 2) for w in widths) + "+"

    def fmt(r: list[str]) -> str:
        return "| " + " | ".join(cell.ljust(w) for cell, w in zip(r, widths, strict=True)) + " |"

    mode = "DETAILS" if details else "STATIC"
    return "\n".join([f"Query:\n{query}", "", f"Explain mode: {mode}", line, fmt(header), line,
                      *map(fmt, rows), line, ""])  # fmt: skip
