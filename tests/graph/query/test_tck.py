"""The openCypher TCK over the engine: read-only scenarios whose setup is a CREATE script.

Scenarios listed in ``tck_not_passed.txt`` (with a reason) are expected to fail (strict xfail, so a
fix shows up). Scenarios outside the harness's reach (errors, side effects, outlines, parameters)
are not collected; docs/neptune-query.md gives the counts.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from dockyard.graph.query import QueryError, run
from tests.conftest import SHARED_DATA
from tests.graph.query.tck_support import Scenario, build_graph, canonical, expected_value, read_features

TCK = SHARED_DATA / "opencypher-tck"
NOT_PASSED_FILE = Path(__file__).with_name("tck_not_passed.txt")


def _not_passed() -> dict[str, str]:
    out = {}
    for line in NOT_PASSED_FILE.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            key, reason = line.rsplit("\t", 1)
            out[key] = reason
    return out


def in_reach(s: Scenario) -> bool:
    return (
        not s.outline and not s.params and not s.side_effects and s.query is not None
        and s.expect in ("any order", "in order", "empty")
    )  # fmt: skip


SCENARIOS = [s for s in read_features(TCK) if in_reach(s)] if TCK.is_dir() else []
NOT_PASSED = _not_passed()


def check(s: Scenario) -> None:
    """Run one scenario; AssertionError or Unsupported when it does not pass."""
    store = build_graph(s.setup)
    try:
        rows = run(store.view(), s.query or "")
    except QueryError as err:
        raise AssertionError(f"query error: {err}") from err
    if s.expect == "empty":
        assert rows == []
        return
    header, *body = s.table
    got = [tuple(canonical(row.get(c)) for c in header) for row in rows]
    if rows:
        assert list(rows[0]) == header, f"columns {list(rows[0])} != {header}"
    want = [tuple(expected_value(c) for c in line) for line in body]
    if s.expect == "in order":
        assert got == want
    else:
        assert Counter(map(repr, got)) == Counter(map(repr, want)), f"{got} != {want}"


def _params() -> list:
    out = []
    for s in SCENARIOS:
        marks = []
        if s.key in NOT_PASSED:
            marks.append(pytest.mark.xfail(reason=NOT_PASSED[s.key], strict=True, raises=(AssertionError, Exception)))
        out.append(pytest.param(s, id=s.key, marks=marks))
    return out


@pytest.mark.slow
@pytest.mark.parametrize("scenario", _params())
def test_tck_scenario(scenario: Scenario, shared_data) -> None:
    check(scenario)


def test_tck_is_collected(shared_data) -> None:
    assert SCENARIOS, "no TCK scenarios found"
