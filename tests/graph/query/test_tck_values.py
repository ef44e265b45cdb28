"""The TCK harness's reader of result cells (graph elements, paths and scalars nested in lists and maps)."""

from __future__ import annotations

import math

import pytest

from tests.graph.query.tck_support import expected_value

EMPTY = ("map", ())


@pytest.mark.parametrize(
    ("cell", "want"),
    [
        ("()", ("node", (), EMPTY)),
        ("(:B:A {name: 'x', n: 1})", ("node", ("A", "B"), ("map", (("n", ("num", 1)), ("name", "x"))))),
        ("[:T {w: 1.5}]", ("rel", "T", ("map", (("w", ("num", 1.5)),)))),
        ("[(:A), [:T]]", ("list", (("node", ("A",), EMPTY), ("rel", "T", EMPTY)))),
        ("<(:A)-[:T]->(:B)<-[:R]-()>", ("path", (("node", ("A",), EMPTY), ("rel", "T", EMPTY),
                                                  ("node", ("B",), EMPTY), ("rel", "R", EMPTY), ("node", (), EMPTY)))),
        ("{a: (:A), `b c`: [1, null]}",
         ("map", (("a", ("node", ("A",), EMPTY)), ("b c", ("list", (("num", 1), None)))))),
        ("['a,]\\'b', true]", ("list", ("a,]'b", ("bool", True)))),
        ("[1, NaN, -Inf]", ("list", (("num", 1), ("nan",), ("num", -math.inf)))),
        ("[]", ("list", ())),
        ("{}", ("map", ())),
    ],
)  # fmt: skip
def test_cells(cell, want):
    assert expected_value(cell) == want


def test_malformed_cell():
    with pytest.raises(ValueError, match="expected"):
        expected_value("[(:A)")
