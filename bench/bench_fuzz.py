"""Fuzzing the protocol layer (routing, request parsing and validation of random requests) and every
format and archive reader (``bench/fuzz_readers.py``).

``python -m bench fuzz`` runs ``FUZZ_INPUTS`` (10^5) protocol inputs and, per reader,
``DOCKYARD_FUZZ_READER_INPUTS`` (10^5) inputs or as many as fit ``DOCKYARD_FUZZ_READER_SECONDS`` (no
limit unless set: a reader costs 10-40 ms an input on the 2-core machine), and writes
``bench/results/fuzz.json`` with the input counts and the crashes (any exception other than the AWS
errors the layer answers, or the reader's documented error types). ``DOCKYARD_FUZZ_ONLY=name,...``
re-runs only those readers and updates their figures in that file.
``tests/protocol/test_fuzz_parser.py`` and ``tests/test_fuzz_readers.py`` run slices in ``make test``.
"""

from __future__ import annotations

import json
import os
import sys
import time
import traceback
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


def fuzz_readers(only: list[str] | None = None) -> dict[str, Any]:
    """Every reader target: inputs run, crashes, seconds (inputs capped by READER_SECONDS when set,
    from the cost per input of a 50-input warm-up)."""
    from bench.fuzz_readers import run_target, targets

    out: dict[str, Any] = {}
    for target in targets():
        if only and target.name not in only:
            continue
        crashes: list[dict[str, Any]] = []
        start = time.monotonic()
        run_target(target, 50, crashes)
        count = READER_INPUTS
        if READER_SECONDS is not None:
            per_input = (time.monotonic() - start) / 50
            count = max(50, min(READER_INPUTS, int(READER_SECONDS / per_input)))
        start = time.monotonic()
        run_target(target, count, crashes)
        out[target.name] = {"inputs": count, "crashes": len(crashes), "seconds": round(time.monotonic() - start, 1),
                            "examples": crashes[:5]}
        print(f"fuzz {target.name}: {count} inputs, {len(crashes)} crashes", file=sys.stderr, flush=True)
    return out


def main() -> dict[str, Any]:
    if ONLY:
        doc = json.loads((RESULTS / "fuzz.json").read_text())
        doc.setdefault("readers", {}).update(fuzz_readers(ONLY))
        (RESULTS / "fuzz.json").write_text(json.dumps(doc, indent=2) + "\n")
        return doc
    service_model("neptune-graph")
    crashes: list[dict[str, Any]] = []
    start = time.monotonic()
    run(FUZZ_INPUTS, crashes)
    doc = {
        "inputs": FUZZ_INPUTS,
        "crashes": len(crashes),
        "seconds": round(time.monotonic() - start, 1),
        "examples": crashes[:20],
        "readers": fuzz_readers(),
    }
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "fuzz.json").write_text(json.dumps(doc, indent=2) + "\n")
    return doc


if __name__ == "__main__":
    print(json.dumps(main(), indent=2))
