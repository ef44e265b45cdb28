"""The write delta's layered maps: lookups as one dict, published maps never change, and the
binary-counter merge keeps log2(n) + 1 layers (so a commit never copies the whole delta)."""

from __future__ import annotations

import math

from hypothesis import given
from hypothesis import strategies as st

from dockyard.graph.delta import LayeredMap

_COMMITS = st.lists(st.dictionaries(st.integers(0, 60), st.integers(), max_size=6), max_size=60)


@given(_COMMITS)
def test_pushes_read_as_one_dict_and_never_change_what_was_published(commits):
    current: LayeredMap[int, int] = LayeredMap()
    expected: dict[int, int] = {}
    published: list[tuple[LayeredMap[int, int], dict[int, int]]] = []
    for layer in commits:
        current = current.pushed(dict(layer))
        expected.update(layer)
        published.append((current, dict(expected)))
    for snapshot, state in published:
        assert snapshot.flat() == state
        assert all(snapshot.get(k) == v for k, v in state.items())
        assert snapshot.get(-1) is None


def test_single_row_commits_keep_logarithmically_many_layers():
    current: LayeredMap[int, int] = LayeredMap()
    for i in range(1, 20_001):
        current = current.pushed({i: i})
        assert len(current.layers) <= math.log2(i) + 1
    assert len(current) == 20_000
