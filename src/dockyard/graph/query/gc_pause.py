"""Pausing Python's cyclic garbage collector while queries run.

A query allocates many long-lived objects (rows, vertex states), and the collector's full passes
over a large heap (botocore models, moto, the graph's Python indices) cost more than the query
itself: a 100k-row UNWIND CREATE spends about 40% of its time in them. Reference counting still
frees memory at once; only cycle detection waits until the last running query ends. Nested and
concurrent queries share one pause (a counter under a lock).
"""

from __future__ import annotations

import gc
import threading
from types import TracebackType

_lock = threading.Lock()
_running = 0
_was_enabled = False


class paused_gc:  # used as ``with paused_gc():``; a class costs a third of a generator contextmanager
    def __enter__(self) -> None:
        global _running, _was_enabled
        with _lock:
            if _running == 0:
                _was_enabled = gc.isenabled()
                gc.disable()
            _running += 1

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None) -> None:
        global _running
        with _lock:
            _running -= 1
            if _running == 0 and _was_enabled:
                gc.enable()
