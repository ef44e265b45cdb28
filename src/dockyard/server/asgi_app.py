"""The ASGI application: control plane, our five services, then moto for everything else."""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import parse_qs

from dockyard import __version__
from dockyard.control.http_routes import handle_control_request
from dockyard.gateway.body_limits import max_api_body, max_s3_put
from dockyard.gateway.http_request import HttpRequest, HttpResponse
from dockyard.gateway.identity import is_ours
from dockyard.server.moto_app import make_moto_asgi_app
from dockyard.server.moto_passthrough import MotoPassthrough

Scope = dict[str, Any]


class DockyardApp:
    def __init__(self, runtime: Any) -> None:
        self.runtime = runtime
        self.moto = MotoPassthrough(make_moto_asgi_app(), runtime.blobs)

    async def __call__(self, scope: Scope, receive: Any, send: Any) -> None:
        if scope["type"] == "lifespan":
            await self._lifespan(receive, send)
            return
        if scope["type"] != "http":
            return
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope["headers"]}
        ours = is_ours(headers.get("authorization"), self.runtime.gateway.signing_names)
        if not ours and scope["method"] == "PUT" and _content_length(headers) > max_s3_put():
            too_large = _entity_too_large(max_s3_put())
            too_large.headers["Connection"] = "close"  # its body is never read
            await _send(send, too_large)
            return
        # our API bodies are read one byte past their limit at most (the gateway answers 413); the rest
        # (S3 uploads) stream to moto unread
        path = scope.get("raw_path", scope["path"].encode()).decode("latin-1").split("?", 1)[0]
        read_here = ours or path.startswith("/_dockyard/")
        body = await _read_body(receive, max_api_body() + 1 if ours else None) if read_here else b""
        query = parse_qs(scope.get("query_string", b"").decode("latin-1"), keep_blank_values=True)
        request = HttpRequest(scope["method"], path, query, headers, body, headers.get("host", ""))
        if path.startswith("/_dockyard/"):
            response = self._control(request)
        else:
            response = self.runtime.gateway.dispatch(request)
        if response is None:
            response = await self.moto(scope, _replay(body) if read_here else receive, send, headers)
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


def _entity_too_large(limit: int) -> HttpResponse:
    body = (
        '<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>EntityTooLarge</Code>'
        "<Message>Your proposed upload exceeds the maximum allowed size</Message>"
        f"<MaxSizeAllowed>{limit}</MaxSizeAllowed></Error>"
    )
    return HttpResponse(400, {"Content-Type": "application/xml"}, body.encode())


def _replay(body: bytes) -> Any:
    sent = False

    async def receive() -> dict[str, Any]:
        nonlocal sent
        if not sent:
            sent = True
            return {"type": "http.request", "body": body, "more_body": False}
        return {"type": "http.disconnect"}

    return receive


async def _send(send: Any, response: HttpResponse) -> None:
    headers = [(k.encode("latin-1"), v.encode("latin-1")) for k, v in response.headers.items()]
    headers.append((b"content-length", str(len(response.body)).encode()))
    await send({"type": "http.response.start", "status": response.status, "headers": headers})
    await send({"type": "http.response.body", "body": response.body})
