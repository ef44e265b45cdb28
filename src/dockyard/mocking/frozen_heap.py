"""Keeping the heap that existed before ``dockyard.mock()`` out of the garbage collector's full passes.

A full (generation 2) pass of Python's cyclic collector walks every tracked object: in a test process
that has imported boto3, botocore's service models and moto, that is a few hundred thousand objects
and 50-100 ms a pass, and a stream of query writes (10,000 single-row CREATEs) triggers several. While
the outermost mock is active the objects that existed when it started are frozen (``gc.freeze``):
full passes walk only what was made since, which halves to quarters their cost. The outermost mock's
exit unfreezes them (``gc.unfreeze``), so nothing is kept for good: cyclic garbage among those
objects is only collected after the mock ends. A process that froze objects itself is left alone.
"""

from __future__ import annotations

import gc
import threading

_lock = threading.Lock()
_depth = 0
_ours = False  # whether the outermost mock froze (False when the process had frozen objects already)


def enter() -> None:
    global _depth, _ours
    with _lock:
        if _depth == 0:
            _ours = gc.get_freeze_count() == 0
            if _ours:
                gc.freeze()
        _depth += 1


def leave() -> None:
    global _depth
    with _lock:
        _depth -= 1
        if _depth == 0 and _ours:
            gc.unfreeze()
