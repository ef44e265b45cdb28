"""``dockyard.mock()``: a context manager and decorator that runs Dockyard inside this process."""

from __future__ import annotations

import functools
import inspect
from pathlib import Path
from typing import Any

from dockyard.mocking import botocore_hook, fast_waiters, frozen_heap
from dockyard.runtime import Runtime, Settings


def _moto_active() -> bool:
    from moto.core.models import botocore_stubber

    return bool(botocore_stubber.enabled)


class DockyardMock:
    """In-process Dockyard. State lives in memory unless ``data_dir`` is given.

    S3 is moto's: if no ``mock_aws`` is active, one is started (and stopped on exit); inside a
    user's own ``mock_aws`` it shares that one, so buckets the test made are visible to our jobs.
    """

    def __init__(self, data_dir: str | Path | None = None, job_clock: str | None = None) -> None:
        self._settings_args: dict[str, Any] = {"data_dir": None if data_dir is None else Path(data_dir)}
        if job_clock is not None:
            self._settings_args["job_clock"] = job_clock
        self.runtime: Runtime | None = None
        self._moto: Any = None

    # -- context manager ---------------------------------------------------------------------------
    def start(self) -> DockyardMock:
        botocore_hook.install()
        fast_waiters.install()
        if not _moto_active():
            from moto import mock_aws

            self._moto = mock_aws()
            self._moto.start()
        self.runtime = Runtime(Settings(**self._settings_args))
        botocore_hook.STUBBER.push(self.runtime)
        frozen_heap.enter()
        return self

    def stop(self) -> None:
        if self.runtime is not None:
            frozen_heap.leave()
            botocore_hook.STUBBER.pop(self.runtime)
            self.runtime.close()
            self.runtime = None
        if self._moto is not None:
            self._moto.stop()
            self._moto = None

    def __enter__(self) -> DockyardMock:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    # -- decorator ---------------------------------------------------------------------------------
    def __call__(self, fn: Any) -> Any:
        if inspect.iscoroutinefunction(fn):

            @functools.wraps(fn)
            async def async_wrapper(*args: Any, **kwargs: Any) -> Any:
                with DockyardMock(**self._init_kwargs()):
                    return await fn(*args, **kwargs)

            return async_wrapper

        @functools.wraps(fn)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            with DockyardMock(**self._init_kwargs()):
                return fn(*args, **kwargs)

        return wrapper

    def _init_kwargs(self) -> dict[str, Any]:
        args = self._settings_args
        return {"data_dir": args["data_dir"], "job_clock": args.get("job_clock")}

    # -- conveniences for tests --------------------------------------------------------------------
    @property
    def jobs(self) -> Any:
        assert self.runtime is not None, "dockyard.mock() is not started"
        return self.runtime.jobs

    def reset(self) -> None:
        assert self.runtime is not None, "dockyard.mock() is not started"
        self.runtime.reset()
