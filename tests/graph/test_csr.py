"""CSR indices over numpy (``dockyard.graph.csr``) against plain Python grouping."""

from __future__ import annotations

import numpy as np
from hypothesis import given
from hypothesis import strategies as st

from dockyard.graph.csr import group_rows, sorted_rows


@given(st.lists(st.integers(0, 6), max_size=40), st.lists(st.integers(0, 6), max_size=10))
def test_group_rows_keeps_each_owners_rows_in_order(owners, asked):
    csr = group_rows(np.array(owners, np.int64), 7)
    for owner in range(7):
        assert csr.rows(owner).tolist() == [i for i, o in enumerate(owners) if o == owner]
    rows, source = csr.rows_of(np.array(asked, np.int64))
    expected = [(i, pos) for pos, owner in enumerate(asked) for i, o in enumerate(owners) if o == owner]
    assert list(zip(rows.tolist(), source.tolist(), strict=True)) == expected


@given(st.lists(st.integers(0, 4), max_size=30))
def test_sorted_rows_are_ranges(owners):
    owners = sorted(owners)
    csr = sorted_rows(np.array(owners, np.int64), 5)
    for owner in range(5):
        assert csr.rows(owner).tolist() == [i for i, o in enumerate(owners) if o == owner]
    rows, _ = csr.rows_of(np.array([4, 0, 4], np.int64))
    assert rows.tolist() == [i for want in (4, 0, 4) for i, o in enumerate(owners) if o == want]
