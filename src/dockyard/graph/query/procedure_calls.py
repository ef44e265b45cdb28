"""``CALL ns.proc(args) YIELD ...``: running a procedure once per incoming row.

A procedure is a callable ``proc(view, *args)`` returning result rows (dicts of its output columns).
YIELD picks output columns (``YIELD out AS var`` renames, ``YIELD *`` or no YIELD takes them all) and
may filter with WHERE; each result row is joined to its input row. A procedure marked ``void = True``
(no outputs) leaves its input rows as they were. ``CALL proc`` without parentheses takes its
arguments from the query parameters named like its inputs (``proc.inputs``, else its signature).
A procedure may declare its signature (``proc.signature``, a ``semantics.ProcedureSignature``): a
query text run with procedures is then parsed against ``catalogue(procedures)``, so a CALL that does
not fit (an unknown name, the wrong number or type of arguments, ...) is refused at compile time.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable
from typing import Any

from dockyard.graph.query import ast as A
from dockyard.graph.query.errors import QueryError
from dockyard.graph.query.semantics import Catalogue

Row = dict[str, Any]


def catalogue(procedures: dict[str, Callable[..., Any]] | None) -> Catalogue | None:
    """The compile-time view of ``procedures``: lower-case name to declared signature (None: undeclared);
    None without procedures (CALLs then unchecked until they run)."""
    if procedures is None:
        return None
    return {name.lower(): getattr(proc, "signature", None) for name, proc in procedures.items()}


def call_procedure(
    view: Any, procedures: dict[str, Callable[..., Any]], ev: Any, clause: A.CallProcedure, rows: list[Row]
) -> tuple[list[Row], list[str]]:
    proc = procedures.get(clause.name.lower())
    if proc is None:
        raise QueryError(f"Unknown procedure {clause.name}")
    if getattr(proc, "void", False):
        for row in rows:
            list(proc(view, *_arguments(proc, clause, ev, row)))
        return rows, []
    out: list[Row] = []
    columns = [clause.aliases.get(n, n) for n in clause.yields]
    for row in rows:
        for result in proc(view, *_arguments(proc, clause, ev, row)):
            names = clause.yields or list(result)
            if not clause.yields:
                columns = names
            bound = {**row, **{clause.aliases.get(n, n): result.get(n) for n in names}}
            if clause.where is None or ev.eval(clause.where, bound) is True:
                out.append(bound)
    return out, columns


def _arguments(proc: Callable[..., Any], clause: A.CallProcedure, ev: Any, row: Row) -> list[Any]:
    if not clause.implicit_args:
        return [ev.eval(a, row) for a in clause.args]
    names = getattr(proc, "inputs", None)
    if names is None:
        names = list(inspect.signature(proc).parameters)[1:]
    missing = [n for n in names if n not in ev.params]
    if missing:
        raise QueryError(f"Expected parameter(s): {', '.join(missing)}")
    return [ev.params[n] for n in names]
