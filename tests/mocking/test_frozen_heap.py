"""dockyard.mock() keeps the heap that existed before it out of the collector's full passes, and
gives it back when the outermost mock ends (nothing is kept for good)."""

from __future__ import annotations

import gc
import weakref

import dockyard


class _Cycle:
    def __init__(self) -> None:
        self.me = self


def test_the_heap_is_frozen_while_a_mock_runs_and_given_back_after():
    assert gc.get_freeze_count() == 0
    before = _Cycle()
    gone = weakref.ref(before)
    with dockyard.mock():
        assert gc.get_freeze_count() > 0
        with dockyard.mock():  # nested: still frozen, unfrozen only by the outermost exit
            pass
        assert gc.get_freeze_count() > 0
        del before
        gc.collect()
        assert gone() is not None  # frozen objects wait for the mock's end
    assert gc.get_freeze_count() == 0
    gc.collect()
    assert gone() is None


def test_a_process_that_froze_objects_itself_is_left_alone():
    gc.freeze()
    try:
        frozen = gc.get_freeze_count()  # (frozen objects may still be freed by reference counting)
        with dockyard.mock():
            assert 0 < gc.get_freeze_count() <= frozen  # the mock froze nothing more
        assert gc.get_freeze_count() > 0  # nor unfroze the process's own
    finally:
        gc.unfreeze()
