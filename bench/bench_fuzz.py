"""Fuzzing the protocol layer: routing, request parsing and validation of random requests.

``python -m bench fuzz`` runs ``FUZZ_INPUTS`` (10^5) inputs and writes ``bench/results/fuzz.json``
with the input count and the crashes (any exception other than the AWS errors the layer answers).
``tests/protocol/test_fuzz_parser.py`` runs a slice of ~200 in ``make test``.
"""

from __future__ import annotations

import json
import os
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


def main() -> dict[str, Any]:
    service_model("neptune-graph")
    crashes: list[dict[str, Any]] = []
    start = time.monotonic()
    run(FUZZ_INPUTS, crashes)
    doc = {
        "inputs": FUZZ_INPUTS,
        "crashes": len(crashes),
        "seconds": round(time.monotonic() - start, 1),
        "examples": crashes[:20],
    }
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "fuzz.json").write_text(json.dumps(doc, indent=2) + "\n")
    return doc


if __name__ == "__main__":
    print(json.dumps(main(), indent=2))
