"""The ASGI application: control plane, our five services, then moto for everything else.

The event loop only moves bytes: each request's gateway or control-plane call (parse, validate,
handle, serialise) runs on a bounded pool of handler threads, so a slow handler (Lex V2 UpdateExport
re-zipping an archive, a long ExecuteQuery, an ``advance`` that waits) holds one thread, not every
client. ``handler_threads=0`` runs them inline on the event loop instead (the old way, kept for
``bench/bench_wire.py`` to measure both in one run). moto's fall-through runs on a2wsgi's own pool.
"""

from __future__ import annotations

import asyncio
import json
import os
from concurrent.futures import ThreadPoolExecutor
from typing import Any
from urllib.parse import parse_qs

from dockyard import __version__
from dockyard.control.http_routes import handle_control_request
from dockyard.gateway.body_limits import max_api_body, max_s3_put
from dockyard.gateway.http_request import HttpRequest, HttpResponse
from dockyard.gateway.identity import is_ours
from dockyard.server.asgi_replay import replay_body
from dockyard.server.moto_app import make_moto_asgi_app
from dockyard.server.moto_passthrough import MotoPassthrough
from dockyard.server.streamed_put import entity_too_large

Scope = dict[str, Any]

DEFAULT_HANDLER_THREADS = 8


def handler_threads_from_env() -> int:
    """``DOCKYARD_HANDLER_THREADS`` (default 8; 0 runs handlers on the event loop)."""
    raw = os.environ.get("DOCKYARD_HANDLER_THREADS", "").strip()
    if not raw:
        return DEFAULT_HANDLER_THREADS
    try:
        value = int(raw)
    except ValueError:
        raise ValueError(f"DOCKYARD_HANDLER_THREADS must be a whole number, not {raw!r}") from None
    if value < 0:
        raise ValueError(f"DOCKYARD_HANDLER_THREADS must be 0 or more, not {value}")
    return value


class DockyardApp:
    def __init__(self, runtime: Any, handler_threads: int | None = None) -> None:
        self.runtime = runtime
        self.moto = MotoPassthrough(make_moto_asgi_app(), runtime.blobs)
        threads = handler_threads_from_env() if handler_threads is None else handler_threads
        if threads < 0:
            raise ValueError(f"handler_threads must be 0 or more, not {threads}")
        self.handler_threads = threads
        self._pool = (
            ThreadPoolExecutor(max_workers=threads, thread_name_prefix="dockyard-handler") if threads else None
        )

    async def __call__(self, scope: Scope, receive: Any, send: Any) -> None:
        if scope["type"] == "lifespan":
            await self._lifespan(receive, send)
            return
        if scope["type"] != "http":
            return
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope["headers"]}
        ours = is_ours(headers.get("authorization"), self.runtime.gateway.signing_names)
        if not ours and scope["method"] == "PUT" and _content_length(headers) > max_s3_put():
            too_large = entity_too_large(max_s3_put())
            too_large.headers["Connection"] = "close"  # its body is never read
            await _send(send, too_large)
            return
        # our API bodies are read one byte past their limit at most (the gateway answers 413); the rest
        # (S3 uploads) are not read here (moto_passthrough streams them)
        path = scope.get("raw_path", scope["path"].encode()).decode("latin-1").split("?", 1)[0]
        read_here = ours or path.startswith("/_dockyard/")
        body = await _read_body(receive, max_api_body() + 1 if ours else None) if read_here else b""
        query = parse_qs(scope.get("query_string", b"").decode("latin-1"), keep_blank_values=True)
        request = HttpRequest(scope["method"], path, query, headers, body, headers.get("host", ""))
        control = path.startswith("/_dockyard/")
        answer = self._control if control else self.runtime.gateway.dispatch
        if self._pool is None or not (ours or control):
            # not signed for one of our services: no handler runs, the gateway only tells an unsigned
            # call to our routes (403) from moto's traffic; no thread hop for S3
            response = answer(request)
        else:
            response = await asyncio.get_running_loop().run_in_executor(self._pool, answer, request)
        if response is None:
            response = await self.moto(scope, replay_body(body) if read_here else receive, send, headers)
            if response is None:
                return
        if not read_here:  # a body left unread ends the connection, or it would be read as the next request
            response.headers["Connection"] = "close"
        await _send(send, response)

    def _control(self, request: HttpRequest) -> HttpResponse:
        if request.path == "/_dockyard/health":
            from dockyard.services.registry import service_specs

            doc = {"status": "ready", "version": __version__, "services": sorted(service_specs())}
            return _json(200, doc)
        status, doc = handle_control_request(
            self.runtime, request.method, request.path, request.query, request.body
        )
        return _json(status, doc)

    async def _lifespan(self, receive: Any, send: Any) -> None:
        while True:
            message = await receive()
            if message["type"] == "lifespan.startup":
                await send({"type": "lifespan.startup.complete"})
            elif message["type"] == "lifespan.shutdown":
                self.runtime.faults.release_delays()  # a call held by a delay fault ends now
                if self._pool is not None:
                    self._pool.shutdown(wait=True, cancel_futures=True)
                self.runtime.close()
                await send({"type": "lifespan.shutdown.complete"})
                return


def _json(status: int, doc: Any) -> HttpResponse:
    return HttpResponse(status, {"Content-Type": "application/json"}, json.dumps(doc, default=str).encode())


async def _read_body(receive: Any, limit: int | None = None) -> bytes:
    chunks = []
    size = 0
    while True:
        message = await receive()
        chunk = message.get("body", b"")
        chunks.append(chunk)
        size += len(chunk)
        if not message.get("more_body") or (limit is not None and size >= limit):
            return b"".join(chunks)


def _content_length(headers: dict[str, str]) -> int:
    try:
        return int(headers.get("content-length", "0"))
    except ValueError:
        return 0


async def _send(send: Any, response: HttpResponse) -> None:
    headers = [(k.encode("latin-1"), v.encode("latin-1")) for k, v in response.headers.items()]
    headers.append((b"content-length", str(len(response.body)).encode()))
    await send({"type": "http.response.start", "status": response.status, "headers": headers})
    await send({"type": "http.response.body", "body": response.body})
