"""One running Dockyard: its settings, database, blob store, job engine and gateway.

``dockyard serve`` makes one for the process; every ``dockyard.mock()`` makes its own.
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from dockyard.blobs import BlobStore
from dockyard.gateway.dispatcher import Gateway
from dockyard.jobs import JobEngine
from dockyard.services.registry import service_specs
from dockyard.store import Database

T = TypeVar("T")


@dataclass
class Settings:
    data_dir: Path | None = None
    job_clock: str = field(default_factory=lambda: os.environ.get("DOCKYARD_JOB_CLOCK", "instant"))
    s3_endpoint: str | None = field(default_factory=lambda: os.environ.get("DOCKYARD_S3_ENDPOINT") or None)
    # Where presigned URLs point: the server's own address; None (in-process) signs for S3 itself,
    # whose requests moto intercepts.
    public_endpoint: str | None = None
    # Keep the embedded S3 under <data_dir>/s3 (``dockyard serve``, whose front door writes every S3
    # change through; in-process, moto's stubber answers the user's S3 calls and nothing sees them).
    embedded_s3_on_disk: bool = False


class Runtime:
    """The composition root: builds the store, blobs, job engine and gateway, and is the
    ``ServiceDeps`` every service is handed (``ctx.deps``, ``job.deps``)."""

    def __init__(self, settings: Settings | None = None) -> None:
        self.settings = settings or Settings()
        data_dir = self.settings.data_dir
        self.db = Database(None if data_dir is None else Path(data_dir) / "dockyard.sqlite3")
        s3_dir = None if data_dir is None or not self.settings.embedded_s3_on_disk else Path(data_dir) / "s3"
        self.blobs = BlobStore(self.settings.s3_endpoint, self.settings.public_endpoint, s3_dir)
        self.blobs.restore()  # before recovery: a retried import finds its source again
        self.extensions: dict[str, Any] = {}  # per-service state (graph stores, caches)
        self._lock = threading.Lock()
        self.jobs = JobEngine(self.db, clock=self.settings.job_clock, deps=self)
        self.faults = self.jobs.faults  # the gateway asks it which calls to throttle
        specs = service_specs()
        for spec in specs.values():
            self.jobs.register(*spec.job_kinds)
        for spec in specs.values():
            for hook in spec.on_runtime_start:
                hook(self)
        self.jobs.recover()
        self.gateway = Gateway(self, self.faults)

    @property
    def data_dir(self) -> Path | None:
        return None if self.settings.data_dir is None else Path(self.settings.data_dir)

    def now(self) -> float:
        return time.time()

    def extension(self, name: str, factory: Callable[[Any], T]) -> T:
        """Per-runtime state of a service, made on first use."""
        with self._lock:
            if name not in self.extensions:
                self.extensions[name] = factory(self)
            return self.extensions[name]

    def reset(self) -> None:
        """Forget everything: jobs (stopped first), faults, resources, per-service state."""
        self.jobs.reset()  # stops jobs, clears faults and clocks, empties every table
        for ext in self.extensions.values():
            if hasattr(ext, "reset"):
                ext.reset()

    def close(self) -> None:
        self.jobs.shutdown()
        for ext in self.extensions.values():
            if hasattr(ext, "close"):
                ext.close()
        self.db.close()
