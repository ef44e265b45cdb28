"""The ``/_dockyard/`` control plane over HTTP, as one pure function the ASGI server mounts.

``handle_control_request(target, method, path, query, body) -> (status, document)``. Bodies are
JSON objects (camelCase; snake_case accepted); answers are JSON objects. Unknown path: 404; known
path, other method: 405; bad body or argument: 400; unknown job: 404; a control call that does not
fit the job's state (cancel a finished job): 409. Every error is ``{"error": code, "message": ...}``.

Routes::

    GET    /_dockyard/jobs?service=&kind=&status=&account=&region=&parentId=&active=&id=
    GET    /_dockyard/jobs/{id}

``{id}`` (and ``?id=``) is a job's id or any id a user holds for it: a task, graph, bot, import or
knowledge base id, a Bedrock job ARN or name (URL-encoded: ``/`` as ``%2F``); see
``JobEngine.resolve``. An id naming several running jobs answers 409 listing them.
    POST   /_dockyard/jobs/{id}/advance   {"to"?, "wait"?, "timeout"?}
    POST   /_dockyard/jobs/{id}/pause
    POST   /_dockyard/jobs/{id}/resume
    POST   /_dockyard/jobs/{id}/fail      {"message"?, "atPhase"?}
    POST   /_dockyard/jobs/{id}/cancel    {"reason"?}
    POST   /_dockyard/jobs/{id}/clock     {"clock"}
    GET    /_dockyard/clock
    POST   /_dockyard/clock               {"clock", "service"?, "kind"?}
    POST   /_dockyard/reset
    GET    /_dockyard/faults
    DELETE /_dockyard/faults
    POST   /_dockyard/faults/throttle     {"service", "operation"?, "rate"?}
    POST   /_dockyard/faults/delay        {"service", "operation"?, "seconds"?, "count"?}
    POST   /_dockyard/faults/job-failure  {"service", "kind", "message", "atPhase"?, "count"?}
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from typing import Any
from urllib.parse import unquote

from dockyard.control import faults as fault_control
from dockyard.control import jobs as job_control
from dockyard.jobs.errors import JobControlError, JobNotFound, TransitionError
from dockyard.protocol.json_body import JsonBodyError, load_json

PREFIX = "/_dockyard"
DEFAULT_FAIL_MESSAGE = "Failed by the Dockyard control plane."

Handler = Callable[[Any, "Request"], tuple[int, dict[str, Any]]]


class BadRequest(ValueError):
    """A body or argument the route cannot use (answered with 400)."""


class Request:
    """The parts of a control request a route reads."""

    def __init__(self, params: dict[str, str], query: dict[str, list[str]], body: bytes) -> None:
        self.params = params
        self.query = query
        self._body = body
        self._doc: dict[str, Any] | None = None

    @property
    def doc(self) -> dict[str, Any]:
        if self._doc is None:
            self._doc = _parse_body(self._body)
        return self._doc

    def arg(self, name: str, kind: type | tuple[type, ...] = str, default: Any = None) -> Any:
        """Body member ``name`` (camelCase, or its snake_case spelling), type-checked."""
        doc = self.doc
        snake = re.sub(r"(?<!^)([A-Z])", r"_\1", name).lower()
        value = doc.get(name, doc.get(snake, default))
        if value is None:
            return default
        if not isinstance(value, kind) or (isinstance(value, bool) and bool not in _as_tuple(kind)):
            raise BadRequest(f"'{name}' must be {_type_name(kind)}, not {json.dumps(value)}")
        return value

    def required(self, name: str, kind: type | tuple[type, ...] = str) -> Any:
        value = self.arg(name, kind)
        if value is None or value == "":
            raise BadRequest(f"'{name}' is required")
        return value

    def first(self, name: str) -> str | None:
        values = self.query.get(name)
        return values[0] if values else None


# -- routes ---------------------------------------------------------------------------------------
def _list_jobs(target: Any, req: Request) -> tuple[int, dict[str, Any]]:
    statuses = [s for v in req.query.get("status", []) for s in v.split(",") if s]
    active = req.first("active")
    if active is not None and active.lower() not in ("true", "false"):
        raise BadRequest(f"'active' must be true or false, not {active!r}")
    jobs = job_control.list_jobs(
        target,
        service=req.first("service"),
        kind=req.first("kind"),
        status=statuses or None,
        account=req.first("account"),
        region=req.first("region"),
        parent_id=req.first("parentId"),
        active=None if active is None else active.lower() == "true",
        known_by=req.first("id"),
    )
    return 200, {"jobs": jobs}


def _get_job(target: Any, req: Request) -> tuple[int, dict[str, Any]]:
    return 200, {"job": job_control.get_job(target, req.params["id"])}


def _advance(target: Any, req: Request) -> tuple[int, dict[str, Any]]:
    timeout = req.arg("timeout", (int, float), 5.0)
    if not 0 <= timeout <= 60:
        raise BadRequest("'timeout' must be between 0 and 60 seconds")
    job = job_control.advance_job(
        target, req.params["id"], to=req.arg("to"), wait=req.arg("wait", bool, True), timeout=timeout
    )
    return 200, {"job": job}


def _pause(target: Any, req: Request) -> tuple[int, dict[str, Any]]:
    return 200, {"job": job_control.pause_job(target, req.params["id"])}


def _resume(target: Any, req: Request) -> tuple[int, dict[str, Any]]:
    return 200, {"job": job_control.resume_job(target, req.params["id"])}


def _fail(target: Any, req: Request) -> tuple[int, dict[str, Any]]:
    message = req.arg("message", str, DEFAULT_FAIL_MESSAGE) or DEFAULT_FAIL_MESSAGE
    job = job_control.fail_job(target, req.params["id"], message, at_phase=req.arg("atPhase"))
    return 200, {"job": job}


def _cancel(target: Any, req: Request) -> tuple[int, dict[str, Any]]:
    return 200, {"job": job_control.cancel_job(target, req.params["id"], reason=req.arg("reason"))}


def _job_clock(target: Any, req: Request) -> tuple[int, dict[str, Any]]:
    return 200, {"job": job_control.set_job_clock(target, req.params["id"], req.required("clock"))}


def _get_clock(target: Any, req: Request) -> tuple[int, dict[str, Any]]:
    return 200, {"clock": job_control.get_clocks(target)}


def _set_clock(target: Any, req: Request) -> tuple[int, dict[str, Any]]:
    clocks = job_control.set_default_clock(
        target, req.required("clock"), service=req.arg("service"), kind=req.arg("kind")
    )
    return 200, {"clock": clocks}


def _reset(target: Any, req: Request) -> tuple[int, dict[str, Any]]:
    return 200, job_control.reset_state(target)


def _get_faults(target: Any, req: Request) -> tuple[int, dict[str, Any]]:
    return 200, {"faults": fault_control.list_faults(target)}


def _clear_faults(target: Any, req: Request) -> tuple[int, dict[str, Any]]:
    return 200, {"faults": fault_control.clear_faults(target)}


def _throttle(target: Any, req: Request) -> tuple[int, dict[str, Any]]:
    rule = fault_control.inject_throttle(
        target,
        req.required("service"),
        req.arg("operation", str, "*") or "*",
        float(req.arg("rate", (int, float), 1.0)),
    )
    return 200, {"throttle": rule, "faults": fault_control.list_faults(target)}


def _delay(target: Any, req: Request) -> tuple[int, dict[str, Any]]:
    rule = fault_control.inject_delay(
        target,
        req.required("service"),
        req.arg("operation", str, "*") or "*",
        float(req.arg("seconds", (int, float), 1.0)),
        req.arg("count", int),
    )
    return 200, {"delay": rule, "faults": fault_control.list_faults(target)}


def _job_failure(target: Any, req: Request) -> tuple[int, dict[str, Any]]:
    count = req.arg("count", int, 1)
    fault = fault_control.inject_job_failure(
        target,
        req.required("service"),
        req.required("kind"),
        req.required("message"),
        at_phase=req.arg("atPhase"),
        count=count,
    )
    return 200, {"jobFailure": fault, "faults": fault_control.list_faults(target)}


_ROUTES: list[tuple[re.Pattern[str], dict[str, Handler]]] = [
    (re.compile(r"/jobs/?"), {"GET": _list_jobs}),
    (re.compile(r"/jobs/(?P<id>[^/]+)/?"), {"GET": _get_job}),
    (re.compile(r"/jobs/(?P<id>[^/]+)/advance/?"), {"POST": _advance}),
    (re.compile(r"/jobs/(?P<id>[^/]+)/pause/?"), {"POST": _pause}),
    (re.compile(r"/jobs/(?P<id>[^/]+)/resume/?"), {"POST": _resume}),
    (re.compile(r"/jobs/(?P<id>[^/]+)/fail/?"), {"POST": _fail}),
    (re.compile(r"/jobs/(?P<id>[^/]+)/cancel/?"), {"POST": _cancel}),
    (re.compile(r"/jobs/(?P<id>[^/]+)/clock/?"), {"POST": _job_clock}),
    (re.compile(r"/clock/?"), {"GET": _get_clock, "POST": _set_clock}),
    (re.compile(r"/reset/?"), {"POST": _reset}),
    (re.compile(r"/faults/?"), {"GET": _get_faults, "DELETE": _clear_faults}),
    (re.compile(r"/faults/throttle/?"), {"POST": _throttle}),
    (re.compile(r"/faults/delay/?"), {"POST": _delay}),
    (re.compile(r"/faults/job-failure/?"), {"POST": _job_failure}),
]


def handle_control_request(
    target: Any, method: str, path: str, query: dict[str, list[str]], body: bytes
) -> tuple[int, dict[str, Any]]:
    """Answer one ``/_dockyard/...`` request: ``(HTTP status, JSON document)``.

    ``target`` is the job engine or a runtime holding one (``.jobs``; ``.faults``; ``.reset()``).
    """
    if not path.startswith(PREFIX + "/"):
        return _error(404, "NotFound", f"No control route {path}")
    rest = path[len(PREFIX) :]
    for pattern, handlers in _ROUTES:
        match = pattern.fullmatch(rest)
        if match is None:
            continue
        handler = handlers.get(method.upper())
        if handler is None:
            allowed = ", ".join(sorted(handlers))
            return _error(405, "MethodNotAllowed", f"{method} {path} is not allowed (use {allowed})")
        params = {k: unquote(v) for k, v in match.groupdict().items()}
        try:
            return handler(target, Request(params, query, body))
        except BadRequest as exc:
            return _error(400, "BadRequest", str(exc))
        except JobNotFound as exc:
            return _error(404, "JobNotFound", str(exc))
        except JobControlError as exc:
            return _error(409, "Conflict", str(exc))
        except TransitionError as exc:
            return _error(409, "Conflict", str(exc))
        except (ValueError, TypeError) as exc:
            return _error(400, "BadRequest", str(exc))
    return _error(404, "NotFound", f"No control route {method} {path}")


def _error(status: int, code: str, message: str) -> tuple[int, dict[str, Any]]:
    return status, {"error": code, "message": message}


def _parse_body(body: bytes) -> dict[str, Any]:
    if not body or not body.strip():
        return {}
    try:
        doc = load_json(body)
    except JsonBodyError as exc:
        raise BadRequest(str(exc)) from None
    if not isinstance(doc, dict):
        raise BadRequest("The body must be a JSON object")
    return doc


def _as_tuple(kind: type | tuple[type, ...]) -> tuple[type, ...]:
    return kind if isinstance(kind, tuple) else (kind,)


def _type_name(kind: type | tuple[type, ...]) -> str:
    names = {str: "a string", int: "an integer", float: "a number", bool: "true or false"}
    return " or ".join(names.get(k, k.__name__) for k in _as_tuple(kind))
