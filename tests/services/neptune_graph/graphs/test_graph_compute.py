"""CreateGraph/UpdateGraph compute: provisionedMemory (deprecated) or computeConfiguration, in both front doors."""

from __future__ import annotations

import pytest
from botocore.exceptions import ClientError


def _error(call, **kwargs) -> tuple[str, str]:
    with pytest.raises(ClientError) as info:
        call(**kwargs)
    return info.value.response["Error"]["Code"], info.value.response["Error"]["Message"]


def test_compute_configuration_provisioned(aws) -> None:
    client = aws("neptune-graph")
    created = client.create_graph(graphName="compute-a", computeConfiguration={"provisionedGraph": {"memory": 32}})
    got = client.get_graph(graphIdentifier=created["id"])
    assert got["provisionedMemory"] == 32
    assert got["computeConfiguration"] == {"provisionedGraph": {"memory": 32}}


def test_provisioned_memory_also_shows_compute_configuration(aws) -> None:
    client = aws("neptune-graph")
    created = client.create_graph(graphName="compute-b", provisionedMemory=16)
    assert created["computeConfiguration"] == {"provisionedGraph": {"memory": 16}}


def test_graph_session(aws) -> None:
    client = aws("neptune-graph")
    created = client.create_graph(graphName="compute-c", computeConfiguration={"graphSession": {"minMemory": 4}})
    got = client.get_graph(graphIdentifier=created["id"])
    assert got["computeConfiguration"] == {"graphSession": {"minMemory": 4}}
    assert "provisionedMemory" not in got


def test_compute_refusals(aws) -> None:
    client = aws("neptune-graph")
    code, message = _error(client.create_graph, graphName="compute-d")
    assert (code, message) == ("ValidationException",
                               "Either provisionedMemory or computeConfiguration must be specified.")
    code, message = _error(client.create_graph, graphName="compute-d", provisionedMemory=16,
                           computeConfiguration={"provisionedGraph": {"memory": 16}})
    assert (code, message) == ("ValidationException",
                               "Specify either provisionedMemory or computeConfiguration, not both.")
    code, message = _error(client.create_graph, graphName="compute-d", provisionedMemory=8)
    assert code == "ValidationException"
    assert message == ("1 validation error detected: Value '8' at 'provisionedMemory' failed to satisfy constraint: "
                       "Member must have value greater than or equal to 16")
    assert "compute-d" not in [g["name"] for g in client.list_graphs()["graphs"]]


def test_update_graph_memory(aws) -> None:
    client = aws("neptune-graph")
    graph_id = client.create_graph(graphName="compute-e", provisionedMemory=16)["id"]
    client.get_waiter("graph_available").wait(graphIdentifier=graph_id, WaiterConfig={"Delay": 1, "MaxAttempts": 5})
    updated = client.update_graph(graphIdentifier=graph_id, computeConfiguration={"provisionedGraph": {"memory": 64}})
    assert updated["provisionedMemory"] == 64
    assert client.update_graph(graphIdentifier=graph_id, deletionProtection=True)["provisionedMemory"] == 64
