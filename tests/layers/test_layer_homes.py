"""Issue 10 item 9: API throttling lives in ``faults/`` (not on the job engine), and the runtime names
do not collide (one ``Runtime``, no ``JobRuntime``). The serializer not importing the gateway is an
upward import, which ``test_import_layers.py`` refuses."""

from __future__ import annotations

import ast

from dockyard.faults import Throttles
from dockyard.jobs import JobEngine
from tests.layers.import_graph import SRC


def test_api_throttling_and_delays_are_faults_not_job_engine_methods() -> None:
    assert not hasattr(JobEngine, "should_throttle") and not hasattr(JobEngine, "hold")
    assert hasattr(Throttles, "should_throttle") and hasattr(Throttles, "hold")


def test_one_class_per_runtime_name() -> None:
    classes: dict[str, list[str]] = {}
    for path in SRC.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.ClassDef) and node.name.endswith("Runtime"):
                classes.setdefault(node.name, []).append(str(path.relative_to(SRC)))
    assert classes == {"Runtime": ["runtime.py"]}, classes
