"""One front door (in-process mock or the test server) with its control plane: boto3 clients, the
jobs of a resource, advancing a held job, and the manual clock for chosen job kinds only."""

from __future__ import annotations

import json
import threading
import time
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from dockyard.control import handle_control_request

SERVICE = "neptune-graph"
FAST = {"Delay": 1, "MaxAttempts": 30}


class FrontDoor:
    def __init__(self, name: str, client: Callable[..., Any], control: Callable[[str, str, dict | None], dict]):
        self.name = name
        self.client = client
        self._control = control

    @classmethod
    def in_process(cls, client: Callable[..., Any], runtime: Any) -> FrontDoor:
        def control(method: str, path: str, body: dict | None) -> dict:
            route, _, query = path.partition("?")
            status, doc = handle_control_request(runtime, method, "/_dockyard" + route,
                                                 urllib.parse.parse_qs(query), json.dumps(body or {}).encode())
            assert status == 200, doc
            return doc

        return cls("mock", client, control)

    @classmethod
    def server(cls, client: Callable[..., Any], endpoint: str) -> FrontDoor:
        def control(method: str, path: str, body: dict | None) -> dict:
            data = None if body is None else json.dumps(body).encode()
            request = urllib.request.Request(endpoint + "/_dockyard" + path, data=data, method=method)
            with urllib.request.urlopen(request, timeout=30) as answer:
                return json.loads(answer.read())

        return cls("server", client, control)

    # -- jobs ----------------------------------------------------------------------------------------
    def jobs(self, parent_id: str | None = None, kind: str | None = None) -> list[dict[str, Any]]:
        query = {k: v for k, v in (("parentId", parent_id), ("kind", kind), ("service", SERVICE)) if v}
        return self._control("GET", "/jobs?" + urllib.parse.urlencode(query), None)["jobs"]

    def job_of(self, parent_id: str, kind: str) -> str:
        """The newest job of ``kind`` on ``parent_id``."""
        return self.jobs(parent_id, kind)[-1]["id"]

    def advance(self, job_id: str, to: str | None = None) -> dict[str, Any]:
        return self._control("POST", f"/jobs/{job_id}/advance", {"to": to} if to else {})["job"]

    def fail_next(self, kind: str, message: str) -> None:
        self._control("POST", "/faults/job-failure", {"service": SERVICE, "kind": kind, "message": message})

    @contextmanager
    def manual(self, *kinds: str) -> Iterator[None]:
        """Jobs of these kinds started inside the block wait in each status until advanced."""
        for kind in kinds:
            self._control("POST", "/clock", {"clock": "manual", "service": SERVICE, "kind": kind})
        try:
            yield
        finally:
            for kind in kinds:
                self._control("POST", "/clock", {"clock": "instant", "service": SERVICE, "kind": kind})


def wait_for(read: Callable[[], Any], done: Callable[[Any], bool], timeout: float = 30) -> Any:
    deadline = time.monotonic() + timeout
    while True:
        value = read()
        if done(value):
            return value
        assert time.monotonic() < deadline, value
        time.sleep(0.02)


def release_later(door: FrontDoor, job_id: str, to: str | None = None, delay: float = 0.3) -> threading.Thread:
    """Advance a held job from another thread after ``delay`` seconds (a waiter is polling meanwhile)."""
    thread = threading.Thread(target=lambda: (time.sleep(delay), door.advance(job_id, to)), daemon=True)
    thread.start()
    return thread
