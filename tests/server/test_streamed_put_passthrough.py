"""The server's handling of a streamed PutObject around moto (a stand-in for moto here): while moto
answers it (holding an empty version of the key until the staged bytes replace it), a GET or HEAD of
that key waits and other keys do not; and when the version moto made cannot be found, the answer is
S3's InternalError, never a 200 for bytes that were not stored."""

from __future__ import annotations

import asyncio
from types import SimpleNamespace
from typing import Any

from dockyard.server.moto_passthrough import MotoPassthrough
from dockyard.server.streamed_put import REPLAY_LIMIT

BODY = b"x" * (REPLAY_LIMIT + 1)


def _scope(method: str, path: str, length: int = 0) -> dict[str, Any]:
    headers = [(b"host", b"127.0.0.1"), (b"content-length", str(length).encode())]
    return {"type": "http", "method": method, "path": path, "raw_path": path.encode(), "query_string": b"",
            "headers": headers}


def _headers(scope: dict[str, Any]) -> dict[str, str]:
    return {k.decode(): v.decode() for k, v in scope["headers"]}


async def _body(_: Any = None) -> dict[str, Any]:
    return {"type": "http.request", "body": BODY, "more_body": False}


async def _ignore(message: dict[str, Any]) -> None:
    return None


def test_reads_of_a_key_being_stored_wait_for_it() -> None:
    seen: list[str] = []

    async def scenario() -> None:
        put_in_moto = asyncio.Event()
        release_put = asyncio.Event()

        async def moto(scope: dict[str, Any], receive: Any, send: Any) -> None:
            seen.append(f"{scope['method']} {scope['path']}")
            if scope["method"] == "PUT":
                put_in_moto.set()
                await release_put.wait()
            await send({"type": "http.response.start", "status": 404, "headers": []})

        blobs = SimpleNamespace(endpoint_url=None, disk=None, internal_secret=None)
        door = MotoPassthrough(moto, blobs)
        put_scope, get_scope = _scope("PUT", "/no-bucket/k", len(BODY)), _scope("GET", "/no-bucket/k")
        other_scope = _scope("HEAD", "/no-bucket/other")
        put = asyncio.create_task(door(put_scope, _body, _ignore, _headers(put_scope)))
        await put_in_moto.wait()
        get = asyncio.create_task(door(get_scope, _body, _ignore, _headers(get_scope)))
        await door(other_scope, _body, _ignore, _headers(other_scope))
        await asyncio.sleep(0.05)
        assert seen == ["PUT /no-bucket/k", "HEAD /no-bucket/other"]  # the GET of the key waits
        release_put.set()
        await asyncio.gather(put, get)
        assert seen[-1] == "GET /no-bucket/k"

    asyncio.run(scenario())


def test_a_put_whose_version_is_not_found_is_not_answered_200() -> None:
    sent: list[dict[str, Any]] = []

    async def moto(scope: dict[str, Any], receive: Any, send: Any) -> None:
        await send({"type": "http.response.start", "status": 200, "headers": [(b"etag", b'"x"')]})
        await send({"type": "http.response.body", "body": b""})

    async def record(message: dict[str, Any]) -> None:
        sent.append(message)

    async def scenario() -> None:
        door = MotoPassthrough(moto, SimpleNamespace(endpoint_url=None, disk=None, internal_secret=None))
        scope = _scope("PUT", "/no-such-bucket/k", len(BODY))
        await door(scope, _body, record, _headers(scope))

    asyncio.run(scenario())
    assert [m["type"] for m in sent] == ["http.response.start", "http.response.body"]
    assert sent[0]["status"] == 500 and b"<Code>InternalError</Code>" in sent[1]["body"]
