"""Both front doors with the job control plane: a boto3 client factory plus the jobs a user sees
(``dockyard.mock().jobs`` in process, ``/_dockyard/jobs`` on the server).

Use the ``door`` fixture (tests/services/lexv2_models/conftest.py)."""

from __future__ import annotations

import json
import time
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

SERVICE = "lexv2-models"


@dataclass
class Door:
    """One front door: ``client(region=...)``, and the jobs of the emulator behind it."""

    name: str
    make_client: Callable[..., Any]
    mock: Any = None  # the DockyardMock in process
    endpoint: str | None = None  # the server's endpoint
    clocked: set[str | None] = field(default_factory=set)

    def client(self, service: str = SERVICE, region: str = "us-east-1", **kw: Any) -> Any:
        return self.make_client(service, region_name=region, **kw)

    def _control(self, method: str, path: str, body: dict[str, Any] | None = None) -> dict[str, Any]:
        data = None if body is None else json.dumps(body).encode()
        request = urllib.request.Request(self.endpoint + "/_dockyard" + path, data=data, method=method,
                                         headers={"content-type": "application/json"})
        with urllib.request.urlopen(request, timeout=30) as response:
            return json.loads(response.read())

    def job_ids(self, **filters: str) -> list[str]:
        """Ids of the jobs the control plane lists (``service=``, ``kind=``, ``parentId=`` ...)."""
        if self.mock is not None:
            names = {"parentId": "parent_id"}
            return [j.id for j in self.mock.jobs.list(**{names.get(k, k): v for k, v in filters.items()})]
        query = "&".join(f"{k}={v}" for k, v in filters.items())
        return [j["id"] for j in self._control("GET", f"/jobs?{query}")["jobs"]]

    def job(self, job_id: str) -> dict[str, Any]:
        """The job's control-plane document (``status``, ``updatedAt``, ``details`` ...)."""
        if self.mock is not None:
            return self.mock.jobs.get(job_id).to_dict()
        return self._control("GET", f"/jobs/{job_id}")["job"]

    def advance(self, job_id: str, to: str | None = None) -> None:
        if self.mock is not None:
            self.mock.jobs.advance(job_id, to)
            return
        self._control("POST", f"/jobs/{job_id}/advance", {"to": to} if to else {})

    def clock(self, clock: str, kind: str | None = None) -> None:
        """The clock of Lex V2 jobs started from now on (of one kind)."""
        self.clocked.add(kind)
        if self.mock is not None:
            self.mock.jobs.set_default_clock(clock, SERVICE, kind)
            return
        self._control("POST", "/clock", {"clock": clock, "service": SERVICE, **({"kind": kind} if kind else {})})

    def reset_clocks(self) -> None:
        """Back to the instant clock for every kind ``clock`` was set for (a shared server)."""
        for kind in list(self.clocked):
            self.clock("instant", kind)


def eventually(read: Callable[[], Any], done: Callable[[Any], bool], timeout: float = 20.0) -> Any:
    """Call ``read`` until ``done(answer)``; the last answer (the test's assertion then tells)."""
    deadline = time.monotonic() + timeout
    while not done(answer := read()) and time.monotonic() < deadline:
        time.sleep(0.02)
    return answer
