"""The memory a query's intermediate results may take, counted in binding rows.

A query that builds more rows than its budget (a cartesian product, an UNWIND of a huge list, a
``range()`` of billions of values) stops with :class:`MemoryLimitExceeded` before it exhausts the
process: the executor counts the rows each clause produces (a ``len`` per row, no size estimate) and
``range()`` refuses a list longer than the budget before building it. The caller picks the limit (the
Neptune service scales it with the graph's memory); ``None`` means unbounded.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import Any

from dockyard.graph.query.errors import MemoryLimitExceeded


class RowBudget:
    def __init__(self, limit: int | None) -> None:
        self.limit = sys.maxsize if limit is None else limit  # hot loops compare ``len(out) > limit``

    def check(self, rows: int) -> None:
        """Raise if ``rows`` rows held at once exceed the budget."""
        if rows > self.limit:
            raise MemoryLimitExceeded(self.limit)

    def bounded_range(self, make_range: Callable[..., Any]) -> Callable[..., Any]:
        """``make_range`` (openCypher's ``range(start, end[, step])``) refusing lists over the budget."""

        def bounded(start: Any, stop: Any, step: Any = 1) -> Any:
            if all(isinstance(x, int) and not isinstance(x, bool) for x in (start, stop, step)) and step:
                self.check(max(0, (stop - start) // step + 1))
            return make_range(start, stop, step)

        return bounded
