"""``exact_sums`` gives ``math.fsum``'s answer per group for any finite doubles (hypothesis)."""

from __future__ import annotations

import math

import numpy as np
from hypothesis import given
from hypothesis import strategies as st

from dockyard.graph.query.exact_sums import exact_sums

_DOUBLES = st.one_of(
    st.floats(allow_nan=False, allow_infinity=False, min_value=-1e300, max_value=1e300),
    st.sampled_from([0.1, 0.2, 0.3, -0.0, 0.0, 1e16, -1e16, 5e-324, 2.0**-1022, 1.0 + 2.0**-52, 3.0]),
)


@given(st.lists(st.tuples(st.integers(0, 3), _DOUBLES), max_size=60))
def test_each_groups_sum_is_fsums(pairs):
    groups = 4
    values = np.array([v for _, v in pairs], np.float64)
    group = np.array([g for g, _ in pairs], np.int64)
    found = exact_sums(values, group, groups)
    expected = [math.fsum(v for g, v in pairs if g == k) for k in range(groups)]
    assert found is not None
    assert [repr(x) for x in found] == [repr(x) for x in expected]


def test_what_it_leaves_to_fsum():
    one = np.zeros(1, np.int64)
    assert exact_sums(np.array([math.nan]), one, 1) is None
    assert exact_sums(np.array([math.inf]), one, 1) is None
    assert exact_sums(np.array([1e308, 1e308]), np.zeros(2, np.int64), 1) is None  # fsum's overflow error
    assert exact_sums(np.array([], np.float64), np.array([], np.int64), 2) == [0.0, 0.0]
    many = np.full(10_000, 0.1)
    assert exact_sums(many, np.zeros(10_000, np.int64), 1) == [math.fsum([0.1] * 10_000)]


def test_many_groups_are_each_summed_by_fsum():
    rng = np.random.default_rng(7)
    groups = 60_000
    group = rng.integers(0, groups, 200_000)
    values = rng.choice([0.1, 0.2, 3.0, 1e-3, 7.5e5], 200_000)  # several exponents: over the cell bound
    found = exact_sums(values, group, groups)
    order = np.argsort(group, kind="stable")
    parts = np.split(values[order], np.cumsum(np.bincount(group, minlength=groups))[:-1])
    assert found == [math.fsum(part.tolist()) for part in parts]
