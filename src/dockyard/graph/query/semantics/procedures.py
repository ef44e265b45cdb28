"""Procedure signatures and the compile-time rules of a ``CALL`` against them.

A caller that knows its procedures passes a catalogue (lower-case name to signature, or to None for a
procedure whose signature is not declared) to ``parser.parse``; a CALL is then checked before any data
is read: an unknown name (ProcedureNotFound), a wrong number of arguments (InvalidNumberOfArguments), an
argument whose static type the declared input type never takes (InvalidArgumentType), implicit
arguments (``CALL proc`` without parentheses) inside a larger query (InvalidArgumentPassingMode) or,
in a standalone call, without a parameter for every input (MissingParameter). Without a catalogue
nothing of this is checked (the procedure is looked up when the query runs).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from dockyard.graph.query.semantics import static_types as T


@dataclass(frozen=True)
class ProcedureSignature:
    """Declared inputs and outputs, each ``(name, type)`` with the type in openCypher's notation
    (``INTEGER?``, ``LIST? OF STRING?``, ``ANY?``)."""

    inputs: tuple[tuple[str, str], ...] = ()
    outputs: tuple[tuple[str, str], ...] = ()

    @property
    def input_names(self) -> list[str]:
        return [name for name, _ in self.inputs]


Catalogue = Mapping[str, ProcedureSignature | None]

# the static types (semantics.static_types) each declared type takes; a type not listed takes anything
_TAKES = {
    "INTEGER": {"Integer"},
    "FLOAT": {"Float", "Integer"},  # an integer argument is coerced
    "NUMBER": {"Integer", "Float"},
    "STRING": {"String"},
    "BOOLEAN": {"Boolean"},
    "MAP": {"Map", "Node", "Relationship"},
    "NODE": {"Node"},
    "RELATIONSHIP": {"Relationship"},
    "PATH": {"Path"},
}


def accepts(declared: str, static: str) -> bool:
    """Whether an argument of static type ``static`` may be passed for an input declared ``declared``
    (null and unknown types always may)."""
    if not T.known(static):
        return True
    base = declared.replace("?", "").strip().upper()
    if base.startswith("LIST"):
        return T.is_list(static)
    takes = _TAKES.get(base)
    return takes is None or static in takes
