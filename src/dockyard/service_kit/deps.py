"""``ServiceDeps``: what a service may use of a running Dockyard (and nothing else).

Handlers get it as ``ctx.deps``, job bodies as ``job.deps``; ``dockyard.runtime.Runtime`` is the one
implementation. Services never import the runtime, the gateway or the server.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Protocol, TypeVar

from dockyard.blobs import BlobStore
from dockyard.jobs import JobEngine
from dockyard.store import Database

T = TypeVar("T")


class ServiceDeps(Protocol):
    @property
    def db(self) -> Database:
        """The resource store: JSON documents by (service, account, region, kind, id)."""
        ...

    @property
    def blobs(self) -> BlobStore:
        """S3: the embedded one, or the user's (``DOCKYARD_S3_ENDPOINT``)."""
        ...

    @property
    def jobs(self) -> JobEngine:
        """The job engine: start jobs of the kinds a ServiceSpec declares, find and control them."""
        ...

    @property
    def data_dir(self) -> Path | None:
        """Where this runtime persists (``--data-dir``); None when everything is in memory."""
        ...

    def now(self) -> float:
        """Wall-clock seconds since the epoch, as resources' timestamps read it."""
        ...

    def extension(self, name: str, factory: Callable[[ServiceDeps], T]) -> T:
        """Per-runtime state of a service (graph stores, caches), made by ``factory(deps)`` on first
        use; an object with ``reset()``/``close()`` is reset/closed with the runtime."""
        ...
