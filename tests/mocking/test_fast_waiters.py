"""Inside ``dockyard.mock()``, a waiter of a Dockyard-served client with its default config does
not sleep the model's delay (60 s for ``graph_available``); other services' waiters are botocore's."""

from __future__ import annotations

import threading
import time

import boto3
import pytest
from botocore.exceptions import WaiterError

import dockyard
from dockyard.mocking.fast_waiters import FAST_DELAY, fast_config
from tests.conftest import CREDENTIALS


def test_a_default_waiter_returns_in_well_under_a_second():
    with dockyard.mock():
        graphs = boto3.client("neptune-graph", **CREDENTIALS)
        assert graphs.get_waiter("graph_available").config.delay >= 30  # the model's delay is long
        graph_id = graphs.create_graph(graphName="waited", provisionedMemory=16)["id"]
        started = time.monotonic()
        graphs.get_waiter("graph_available").wait(graphIdentifier=graph_id)
        assert time.monotonic() - started < 5  # not 60 s; generous for a loaded machine
        assert graphs.get_graph(graphIdentifier=graph_id)["status"] == "AVAILABLE"


def test_a_waiter_on_a_held_job_wakes_soon_after_it_is_advanced():
    """Manual clock: the waiter polls while the test advances the job from another thread."""
    with dockyard.mock(job_clock="manual") as mock:
        graphs = boto3.client("neptune-graph", **CREDENTIALS)
        graph_id = graphs.create_graph(graphName="held", provisionedMemory=16)["id"]
        events: list[str] = []
        waiter = threading.Thread(target=lambda: (
            graphs.get_waiter("graph_available").wait(graphIdentifier=graph_id), events.append("waited")))
        waiter.start()
        time.sleep(3 * FAST_DELAY)
        assert events == [] and graphs.get_graph(graphIdentifier=graph_id)["status"] == "CREATING"
        events.append("advanced")
        mock.jobs.advance(graph_id)
        waiter.join(timeout=10)
        assert events == ["advanced", "waited"]


def test_the_total_patience_is_kept_and_failure_states_still_fail():
    assert fast_config(60, 480) == {"Delay": FAST_DELAY, "MaxAttempts": 576000}
    assert fast_config(0.01, 3) == {"Delay": 0.01, "MaxAttempts": 3}
    with dockyard.mock():
        graphs = boto3.client("neptune-graph", **CREDENTIALS)
        with pytest.raises(WaiterError):  # a missing graph is the waiter's failure state, at once
            graphs.get_waiter("graph_available").wait(graphIdentifier="g-missing000")


def test_other_services_waiters_keep_botocores_delay(monkeypatch):
    """moto's S3 waiter inside the mock: botocore's own Delay (here 7 s) is what it sleeps."""
    import botocore.waiter

    slept: list[float] = []
    monkeypatch.setattr(botocore.waiter.time, "sleep", slept.append)
    with dockyard.mock(job_clock="manual"):
        s3 = boto3.client("s3", **CREDENTIALS)
        with pytest.raises(WaiterError):
            s3.get_waiter("bucket_exists").wait(Bucket="nope", WaiterConfig={"Delay": 7, "MaxAttempts": 2})
        graphs = boto3.client("neptune-graph", **CREDENTIALS)
        with pytest.raises(WaiterError):
            graphs.get_waiter("graph_available").wait(  # held: never ends; 2 x 7 s of patience
                graphIdentifier=graphs.create_graph(graphName="kept", provisionedMemory=16)["id"],
                WaiterConfig={"Delay": 7, "MaxAttempts": 2})
    assert slept[0] == 7 and set(slept[1:]) == {FAST_DELAY} and len(slept) == 1 + 279
