"""A bounded pool of daemon worker threads, started lazily.

Not ``concurrent.futures``: its threads are joined at interpreter exit, and a job waiting for a
manual ``advance`` would then hang the process. Ours are daemons and ``shutdown`` never blocks for
longer than asked.
"""

from __future__ import annotations

import logging
import queue
import threading
import time
from collections.abc import Callable
from typing import Any

log = logging.getLogger("dockyard.jobs")

_STOP = object()


class WorkerPool:
    def __init__(self, max_workers: int, name: str = "dockyard-job") -> None:
        if max_workers < 1:
            raise ValueError("max_workers must be at least 1")
        self.max_workers = max_workers
        self._name = name
        self._queue: queue.SimpleQueue[Any] = queue.SimpleQueue()
        self._lock = threading.Lock()
        self._threads: list[threading.Thread] = []
        self._idle = 0
        self._closed = False

    def submit(self, fn: Callable[..., None], *args: Any) -> None:
        with self._lock:
            if self._closed:
                raise RuntimeError("the worker pool is shut down")
            self._queue.put((fn, args))
            if self._idle > 0:
                self._idle -= 1  # an idle worker takes it
            elif len(self._threads) < self.max_workers:
                thread = threading.Thread(target=self._work, name=f"{self._name}-{len(self._threads) + 1}", daemon=True)
                self._threads.append(thread)
                thread.start()
            # else: every worker is busy; the item waits in the queue

    @property
    def size(self) -> int:
        return len(self._threads)

    def _work(self) -> None:
        while True:
            item = self._queue.get()
            if item is _STOP:
                return
            fn, args = item
            try:
                fn(*args)
            except BaseException:  # a worker never dies of a job
                log.exception("job worker crashed")
            with self._lock:
                self._idle += 1

    def shutdown(self, timeout: float = 5.0) -> None:
        """Stop every worker once its current item is done; wait at most ``timeout`` seconds in all."""
        with self._lock:
            if self._closed:
                return
            self._closed = True
            threads = list(self._threads)
        for _ in threads:
            self._queue.put(_STOP)
        end = time.monotonic() + timeout
        for thread in threads:
            if thread is not threading.current_thread():
                thread.join(max(0.0, end - time.monotonic()))
