"""ORDER BY ... LIMIT takes the first SKIP+LIMIT rows of the order with a top-k (``order_by.ordered``
with ``k``): exactly the rows, in exactly the order, the full stable sort gives, ties in row order,
across mixed value types and directions (hypothesis)."""

from __future__ import annotations

import functools

from hypothesis import given, settings
from hypothesis import strategies as st

from dockyard.graph import GraphStore
from dockyard.graph.query import parse, run
from dockyard.graph.query.order_by import ordered
from dockyard.graph.query.ordering import sort_key

_VALUES = st.one_of(st.none(), st.booleans(), st.integers(-3, 3), st.sampled_from([0.5, -1.5, float("nan")]),
                    st.sampled_from(["a", "b", ""]), st.lists(st.integers(0, 2), max_size=2))  # fmt: skip


def _reference(keys: list[list], descending: list[bool]) -> list[int]:
    """The order by pairwise comparison of the rows' keys, most significant first (stable)."""

    def cmp(i: int, j: int) -> int:
        for col, desc in zip(keys, descending, strict=True):
            a, b = col[i], col[j]
            if a != b:
                return ((a > b) - (a < b)) * (-1 if desc else 1)
        return 0

    return sorted(range(len(keys[0])), key=functools.cmp_to_key(cmp))


@settings(max_examples=200, deadline=None)
@given(rows=st.lists(st.tuples(_VALUES, _VALUES), max_size=25), descending=st.lists(st.booleans(), min_size=2,
       max_size=2), k=st.integers(0, 30))  # fmt: skip
def test_top_k_is_the_full_orders_first_k(rows, descending, k):
    keys = [[sort_key(r[0]) for r in rows], [sort_key(r[1]) for r in rows]]
    full = ordered(keys, descending)
    assert full == _reference(keys, descending)
    assert ordered(keys, descending, k) == full[:k]
    assert ordered(keys[:1], descending[:1], k) == ordered(keys[:1], descending[:1])[:k]


@settings(max_examples=60, deadline=None)
@given(rows=st.lists(st.tuples(_VALUES, _VALUES), max_size=20), skip=st.integers(0, 4), limit=st.integers(0, 6),
       first=st.sampled_from(["", " DESC"]), second=st.sampled_from(["", " DESC"]))  # fmt: skip
def test_order_by_limit_equals_the_sorted_rows_sliced(rows, skip, limit, first, second):
    view = GraphStore.in_memory().query_view()
    params = {"rows": [{"a": a, "b": b, "i": i} for i, (a, b) in enumerate(rows)]}
    body = f"UNWIND $rows AS r RETURN r.a AS a, r.b AS b, r.i AS i ORDER BY a{first}, b{second}"
    everything = run(view, parse(body), params)
    limited = run(view, parse(f"{body} SKIP {skip} LIMIT {limit}"), params)
    assert repr(limited) == repr(everything[skip : skip + limit])  # repr: NaN equals NaN, 1 differs from 1.0
