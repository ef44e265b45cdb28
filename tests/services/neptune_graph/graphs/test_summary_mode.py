"""GetGraphSummary's ``mode`` in any case (langchain-aws sends ``detailed``): the spec's normaliser."""

from __future__ import annotations

import pytest

from dockyard.protocol.models import service_model
from dockyard.services.neptune_graph import SPEC

OP = service_model("neptune-graph").operation_model("GetGraphSummary")


@pytest.mark.parametrize(
    ("given", "expected"), [("detailed", "DETAILED"), ("Basic", "BASIC"), ("DETAILED", "DETAILED")]
)
def test_mode_is_spelled_as_the_model_enum(given: str, expected: str) -> None:
    params = {"graphIdentifier": "g-1", "mode": given}
    assert SPEC.normalize_input(OP, params) == {"graphIdentifier": "g-1", "mode": expected}
    assert params["mode"] == given  # the caller's dict is left alone


def test_an_unknown_value_is_left_for_the_validator() -> None:
    assert SPEC.normalize_input(OP, {"graphIdentifier": "g-1", "mode": "full"})["mode"] == "full"


def test_other_operations_are_untouched() -> None:
    op = service_model("neptune-graph").operation_model("StartExportTask")
    params = {"format": "csv"}
    assert SPEC.normalize_input(op, params) is params


def test_lower_case_mode_through_boto3(aws) -> None:  # type: ignore[no-untyped-def]
    client = aws("neptune-graph")
    graph = client.create_graph(graphName="summary-mode", provisionedMemory=16)
    client.get_waiter("graph_available").wait(graphIdentifier=graph["id"], WaiterConfig={"Delay": 0.1})
    summary = client.get_graph_summary(graphIdentifier=graph["id"], mode="detailed")["graphSummary"]
    assert "nodeStructures" in summary or summary.get("numNodes") == 0
    with pytest.raises(client.exceptions.ValidationException):
        client.get_graph_summary(graphIdentifier=graph["id"], mode="full")
