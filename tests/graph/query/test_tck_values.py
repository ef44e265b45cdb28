"""The TCK harness's reader of result cells (graph elements, paths and scalars nested in lists and maps)."""

from __future__ import annotations

import datetime as dt
import math

import pytest

from tests.graph.query.tck_support import canonical, expected_value

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


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (dt.date(2015, 7, 21), "2015-07-21"),
        (dt.datetime(2015, 7, 21, 21, 40, 32, 142000, dt.UTC), "2015-07-21T21:40:32.142Z"),
        (dt.datetime(2015, 7, 21, 21, 40, 32, tzinfo=dt.UTC), "2015-07-21T21:40:32Z"),
        (dt.datetime(2015, 7, 20, 21, 40, tzinfo=dt.UTC), "2015-07-20T21:40Z"),
        (dt.datetime(2015, 7, 21, 21, 40, 0, 1, dt.timezone(dt.timedelta(hours=-1, minutes=-30))),
         "2015-07-21T21:40:00.000001-01:30"),
    ],
)  # fmt: skip
def test_temporals_compare_in_the_tcks_string_form(value, text):
    """The TCK writes temporal results as strings (Java's ISO form): ``canonical`` gives that form."""
    assert canonical(value) == text == expected_value(f"'{text}'")
