"""API throttling (``dockyard.faults``): deterministic rates, per service or operation."""

from __future__ import annotations

import pytest

from dockyard.faults import Throttles
from dockyard.jobs import FaultInjector


def _pattern(faults, n, service="neptune-graph", operation="StartImportTask"):
    return [faults.should_throttle(service, operation) for _ in range(n)]


def test_throttle_rates_are_deterministic():
    faults = Throttles()
    assert _pattern(faults, 3) == [False] * 3
    faults.add_throttle("neptune-graph", "StartImportTask", 1.0)
    assert _pattern(faults, 3) == [True] * 3
    faults.add_throttle("neptune-graph", "StartImportTask", 0.5)
    assert _pattern(faults, 6) == [False, True] * 3
    faults.add_throttle("neptune-graph", "StartImportTask", 0.25)
    assert _pattern(faults, 8) == [False, False, False, True] * 2
    assert not faults.should_throttle("neptune-graph", "GetImportTask")
    assert not faults.should_throttle("lexv2-models", "StartImportTask")
    faults.add_throttle("neptune-graph", "StartImportTask", 0)
    assert _pattern(faults, 2) == [False, False]


def test_throttle_every_operation_of_a_service_and_snapshot():
    faults = Throttles()
    faults.add_throttle("qconnect", "*", 1.0)
    assert faults.should_throttle("qconnect", "StartImportJob")
    assert faults.should_throttle("qconnect", "ListImportJobs")
    (rule,) = faults.snapshot()["throttles"]
    assert rule == {"service": "qconnect", "operation": "*", "rate": 1.0, "calls": 2, "throttled": 2}
    faults.clear()
    assert faults.snapshot() == {"throttles": [], "delays": []}


@pytest.mark.parametrize("rate", [-0.1, 1.5])
def test_bad_rates_are_refused(rate):
    with pytest.raises(ValueError, match="between 0 and 1"):
        Throttles().add_throttle("s", "o", rate)




def test_the_engines_fault_store_is_a_throttle_store_with_job_failures():
    faults = FaultInjector()
    assert isinstance(faults, Throttles)
    faults.add_throttle("bedrock", "*", 1.0)
    faults.add_job_failure("bedrock", "import", "boom")
    snapshot = faults.snapshot()
    assert len(snapshot["throttles"]) == 1 and len(snapshot["jobFailures"]) == 1
    faults.clear()
    assert faults.snapshot() == {"throttles": [], "delays": [], "jobFailures": []}
    assert not faults.should_throttle("bedrock", "X")


def test_a_delay_holds_its_calls_until_cleared_and_counts_them():
    import threading

    faults = Throttles()
    faults.hold("neptune-graph", "ListGraphs")  # no rule: returns at once
    faults.add_delay("neptune-graph", "ListGraphs", seconds=600, count=1)
    held = threading.Thread(target=faults.hold, args=("neptune-graph", "ListGraphs"))
    held.start()
    while not faults.snapshot()["delays"] or faults.snapshot()["delays"][0]["inFlight"] != 1:
        threading.Event().wait(0.005)
    faults.hold("neptune-graph", "ListGraphs")  # the rule is spent (count=1): the next call passes
    faults.hold("neptune-graph", "GetGraph")  # another operation is not delayed
    (rule,) = faults.snapshot()["delays"]
    assert rule == {"service": "neptune-graph", "operation": "ListGraphs", "seconds": 600.0,
                    "remaining": 0, "calls": 1, "inFlight": 1}
    faults.clear()  # releases the held call
    held.join(timeout=30)
    assert not held.is_alive()
    assert faults.snapshot() == {"throttles": [], "delays": []}


@pytest.mark.parametrize(("seconds", "count"), [(-1, None), (4000, None), (1, 0)])
def test_bad_delays_are_refused(seconds, count):
    with pytest.raises(ValueError):
        Throttles().add_delay("s", "o", seconds, count)
