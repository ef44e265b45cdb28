"""Fuzzing the protocol layer (routing, request parsing and validation of random requests) and every
format and archive reader (targets in ``bench/fuzz_readers.py``).

``python -m bench fuzz`` runs ``DOCKYARD_FUZZ_INPUTS`` (10^5) hypothesis-drawn protocol inputs and, per
reader, ``DOCKYARD_FUZZ_READER_INPUTS`` (10^5) inputs derived by cheap random mutations from a corpus the
target's hypothesis strategy draws once (``bench/fuzz_mutations.py``: input ``i`` of seed
``DOCKYARD_FUZZ_SEED`` is reproducible on its own), in chunks of 12,500 spread over
``DOCKYARD_FUZZ_WORKERS`` processes (default: 2 cores). It writes ``bench/results/fuzz.json`` with the
input counts and the crashes (any exception other than the AWS errors the layer answers, or the
reader's documented error types; a reader crash names its seed and index). Optional limits:
``DOCKYARD_FUZZ_READER_SECONDS`` (per reader, summed over its chunks) and ``DOCKYARD_FUZZ_STOP_AT``
(unix time); the figures then give the exact counts that ran. ``DOCKYARD_FUZZ_ONLY=name,...`` re-runs
only those readers and updates their figures in that file.
``tests/protocol/test_fuzz_parser.py`` and ``tests/test_fuzz_readers.py`` run slices in ``make test``.
"""

from __future__ import annotations

import json
import multiprocessing
import os
import sys
import time
import traceback
from concurrent.futures import ProcessPoolExecutor, as_completed
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dockyard.protocol.errors import AwsError
from dockyard.protocol.models import service_model, service_models
from dockyard.protocol.request_parser import ParseError, parse_request
from dockyard.protocol.routing import Router
from dockyard.protocol.validator import validate_input

RESULTS = Path(__file__).parent / "results"
FUZZ_INPUTS = int(os.environ.get("DOCKYARD_FUZZ_INPUTS", 100_000))
READER_INPUTS = int(os.environ.get("DOCKYARD_FUZZ_READER_INPUTS", 100_000))
READER_SECONDS = float(os.environ.get("DOCKYARD_FUZZ_READER_SECONDS", 0)) or None
# unix time after which every reader stops (the figures then give the exact counts that ran)
STOP_AT = float(os.environ.get("DOCKYARD_FUZZ_STOP_AT", 0)) or None
SEED = int(os.environ.get("DOCKYARD_FUZZ_SEED", 0))
WORKERS = int(os.environ.get("DOCKYARD_FUZZ_WORKERS", min(2, os.cpu_count() or 1)))
CHUNK = 12_500
# comma-separated reader names: run only those again and update their figures in fuzz.json
ONLY = [n for n in os.environ.get("DOCKYARD_FUZZ_ONLY", "").split(",") if n]
SERVICES = ("neptune-graph", "lexv2-models", "lex-models", "qconnect", "bedrock")

_ROUTER: Router | None = None


def router() -> Router:
    global _ROUTER
    if _ROUTER is None:
        _ROUTER = Router(service_models(SERVICES))
    return _ROUTER


_json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True) | st.text(),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=12), children, max_size=4),
    max_leaves=20,
)
_segments = st.sampled_from(["graphs", "bots", "imports", "exports", "", "..", "%2F", "%ED%A0%80", "x", "g-1"])
_paths = st.lists(_segments | st.text(max_size=8), max_size=6).map(lambda parts: "/" + "/".join(parts))
_bodies = st.one_of(
    st.binary(max_size=200),
    _json_values.map(lambda v: json.dumps(v).encode()),
    st.integers(1, 3000).map(lambda n: b'{"a":' + b"[" * n + b"]" * n + b"}"),
    st.text(max_size=50).map(lambda t: json.dumps({"name": t, "graphName": t, "tags": {t: t}}).encode()),
)
_requests = st.fixed_dictionaries(
    {
        "method": st.sampled_from(["GET", "POST", "PUT", "DELETE", "PATCH"]),
        "path": _paths,
        "query": st.dictionaries(st.text(max_size=10), st.lists(st.text(max_size=10), min_size=1, max_size=2),
                                 max_size=3),
        "headers": st.dictionaries(st.text(max_size=10).map(str.lower), st.text(max_size=20), max_size=3),
        "body": _bodies,
    }
)


def exercise(request: dict[str, Any]) -> None:
    """Route, parse and validate one request; AWS errors are answers, anything else is a crash."""
    for route, labels in router().candidates(request["method"], request["path"], request["query"])[:2]:
        try:
            params = parse_request(route.operation, labels, request["query"], request["headers"], request["body"])
            validate_input(params, route.operation.input_shape)
        except (AwsError, ParseError):
            pass


def run(count: int, crashes: list[dict[str, Any]]) -> None:
    @settings(max_examples=count, deadline=None, database=None, suppress_health_check=list(HealthCheck))
    @given(_requests)
    def check(request: dict[str, Any]) -> None:
        try:
            exercise(request)
        except Exception:
            crashes.append({"request": repr(request)[:2000], "error": traceback.format_exc()[-2000:]})

    check()


def _protocol_task(count: int) -> dict[str, Any]:
    service_model("neptune-graph")
    crashes: list[dict[str, Any]] = []
    start = time.monotonic()
    run(count, crashes)
    return {"inputs": count, "crashes": len(crashes), "seconds": round(time.monotonic() - start, 1),
            "examples": crashes[:20]}


_CAMPAIGNS: dict[str, Any] = {}


def _reader_chunk(name: str, start: int, stop: int, budget: float | None) -> dict[str, Any]:
    """Inputs ``start``..``stop-1`` of reader ``name`` (in a worker process; the corpus is built once
    per process), stopping early when ``budget`` seconds or the STOP_AT time is reached."""
    from bench.fuzz_mutations import Campaign
    from bench.fuzz_readers import targets

    if name not in _CAMPAIGNS:
        _CAMPAIGNS[name] = Campaign(next(t for t in targets() if t.name == name), SEED)
    began = time.monotonic()

    def keep_going() -> bool:
        return (budget is None or time.monotonic() - began < budget) and (STOP_AT is None or time.time() < STOP_AT)

    crashes: list[dict[str, Any]] = []
    ran, refused = _CAMPAIGNS[name].run(start, stop, crashes, keep_going)
    return {"name": name, "inputs": ran, "refused": refused, "crashes": crashes,
            "seconds": time.monotonic() - began}


def fuzz_readers(only: list[str] | None = None, protocol: int = 0) -> tuple[dict[str, Any], dict[str, Any] | None]:
    """Every reader target through ``bench/fuzz_mutations.py`` (READER_INPUTS inputs each, in chunks
    of CHUNK spread over WORKERS processes), and the protocol fuzz (``protocol`` inputs) alongside.
    Per reader: inputs run, inputs refused with a documented error, crashes (each with seed and
    index), seconds (summed over its chunks)."""
    from bench.fuzz_readers import targets

    names = [t.name for t in targets() if not only or t.name in only]
    chunks = [(name, lo, min(lo + CHUNK, READER_INPUTS)) for lo in range(0, READER_INPUTS, CHUNK) for name in names]
    out: dict[str, Any] = {n: {"inputs": 0, "refused": 0, "crashes": 0, "seconds": 0.0, "examples": []}
                           for n in names}
    proto: dict[str, Any] | None = None
    ctx = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(max_workers=WORKERS, mp_context=ctx) as pool:
        proto_future = pool.submit(_protocol_task, protocol) if protocol else None
        futures = [pool.submit(_reader_chunk, name, lo, hi,
                               None if READER_SECONDS is None else READER_SECONDS * (hi - lo) / READER_INPUTS)
                   for name, lo, hi in chunks]
        for future in as_completed(futures):
            part = future.result()
            figures = out[part["name"]]
            figures["inputs"] += part["inputs"]
            figures["refused"] += part["refused"]
            figures["crashes"] += len(part["crashes"])
            figures["seconds"] += part["seconds"]
            figures["examples"] = (figures["examples"] + part["crashes"])[:5]
            print(f"fuzz {part['name']}: +{part['inputs']} inputs ({figures['inputs']} so far), "
                  f"{figures['crashes']} crashes", file=sys.stderr, flush=True)
        if proto_future is not None:
            proto = proto_future.result()
    for figures in out.values():
        figures["seconds"] = round(figures["seconds"], 1)
    return out, proto


def main() -> dict[str, Any]:
    if ONLY:
        doc = json.loads((RESULTS / "fuzz.json").read_text())
        readers, _ = fuzz_readers(ONLY)
        doc.setdefault("readers", {}).update(readers)
        (RESULTS / "fuzz.json").write_text(json.dumps(doc, indent=2) + "\n")
        return doc
    start = time.monotonic()
    readers, proto = fuzz_readers(protocol=FUZZ_INPUTS)
    assert proto is not None
    doc = {
        **proto,
        "readers": readers,
        "reader_inputs_total": sum(r["inputs"] for r in readers.values()),
        "reader_crashes_total": sum(r["crashes"] for r in readers.values()),
        "seed": SEED,
        "workers": WORKERS,
        "wall_seconds": round(time.monotonic() - start, 1),
    }
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "fuzz.json").write_text(json.dumps(doc, indent=2) + "\n")
    return doc


if __name__ == "__main__":
    print(json.dumps(main(), indent=2))
