"""A slice of the protocol fuzz run (``python -m bench fuzz`` runs 10^5): no input crashes routing,
parsing or validation."""

from __future__ import annotations

import importlib.util

from tests.conftest import REPO_ROOT


def _bench_fuzz():
    spec = importlib.util.spec_from_file_location("bench_fuzz", REPO_ROOT / "bench" / "bench_fuzz.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_two_hundred_random_requests_never_crash():
    crashes: list[dict] = []
    _bench_fuzz().run(200, crashes)
    assert crashes == []
