"""While moto answers a streamed PutObject (it holds an empty version of the key until the staged
bytes replace it), a GET or HEAD of that key waits; other keys do not."""

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
