"""ListModelImportJobs and ListImportedModels: every filter, sortBy/sortOrder, pagination, both front doors."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from botocore.exceptions import ClientError

from dockyard.services.bedrock_model_import.formats.tiny_model import tiny_model
from tests.services.bedrock_model_import.s3_models import changed, run, upload


@pytest.fixture
def three(clients: Any) -> Any:
    """Jobs alpha-1 (Completed), beta-2 (Failed), alpha-3 (Completed), created in that order."""
    bedrock, s3 = clients
    good, bad = upload(s3, "good", tiny_model("llama")), upload(s3, "bad", changed({"config.json": None}))
    for name, uri in (("alpha-1", good), ("beta-2", bad), ("alpha-3", good)):
        run(bedrock, uri, name=name, model=name.replace("-", "_"))
    return bedrock


def names(page: dict[str, Any], key: str, field: str) -> list[str]:
    return [s[field] for s in page[key]]


def jobs(bedrock: Any, **params: Any) -> list[str]:
    return names(bedrock.list_model_import_jobs(**params), "modelImportJobSummaries", "jobName")


def models(bedrock: Any, **params: Any) -> list[str]:
    return names(bedrock.list_imported_models(**params), "modelSummaries", "modelName")


def test_jobs_sort_and_filters(three: Any) -> None:
    bedrock = three
    assert jobs(bedrock) == ["alpha-3", "beta-2", "alpha-1"]  # newest first by default
    assert jobs(bedrock, sortBy="CreationTime", sortOrder="Ascending") == ["alpha-1", "beta-2", "alpha-3"]
    assert jobs(bedrock, sortBy="CreationTime", sortOrder="Descending") == ["alpha-3", "beta-2", "alpha-1"]
    assert jobs(bedrock, statusEquals="Failed") == ["beta-2"]
    assert jobs(bedrock, statusEquals="Completed", sortOrder="Ascending") == ["alpha-1", "alpha-3"]
    assert jobs(bedrock, statusEquals="InProgress") == []
    assert jobs(bedrock, nameContains="alpha", sortOrder="Ascending") == ["alpha-1", "alpha-3"]
    summaries = bedrock.list_model_import_jobs(sortOrder="Ascending")["modelImportJobSummaries"]
    first, second, third = (s["creationTime"] for s in summaries)
    assert first <= second <= third
    later = jobs(bedrock, creationTimeAfter=first - timedelta(seconds=1), sortOrder="Ascending")
    assert later == ["alpha-1", "beta-2", "alpha-3"]
    assert jobs(bedrock, creationTimeAfter=third + timedelta(seconds=1)) == []
    assert jobs(bedrock, creationTimeBefore=first - timedelta(seconds=1)) == []
    assert jobs(bedrock, creationTimeBefore=third + timedelta(seconds=1), nameContains="beta") == ["beta-2"]
    summary = summaries[1]
    assert summary["status"] == "Failed" and summary["importedModelName"] == "beta_2" and summary["endTime"]


def test_models_sort_filters_and_pages(three: Any) -> None:
    bedrock = three
    assert models(bedrock) == ["alpha_3", "alpha_1"]
    assert models(bedrock, sortBy="CreationTime", sortOrder="Ascending") == ["alpha_1", "alpha_3"]
    assert models(bedrock, nameContains="3") == ["alpha_3"]
    created = bedrock.get_imported_model(modelIdentifier="alpha_1")["creationTime"]
    assert models(bedrock, creationTimeBefore=created - timedelta(seconds=1)) == []
    assert models(bedrock, creationTimeAfter=created - timedelta(seconds=1), sortOrder="Ascending") == [
        "alpha_1", "alpha_3"]
    page = bedrock.list_imported_models(maxResults=1, sortOrder="Ascending")
    assert names(page, "modelSummaries", "modelName") == ["alpha_1"] and page["nextToken"]
    rest = bedrock.list_imported_models(maxResults=1, sortOrder="Ascending", nextToken=page["nextToken"])
    assert names(rest, "modelSummaries", "modelName") == ["alpha_3"] and "nextToken" not in rest


def test_jobs_pages(three: Any) -> None:
    bedrock = three
    seen, token = [], None
    while True:
        page = bedrock.list_model_import_jobs(maxResults=2, sortOrder="Ascending", **({"nextToken": token} if token
                                                                                       else {}))
        seen += names(page, "modelImportJobSummaries", "jobName")
        token = page.get("nextToken")
        if not token:
            break
    assert seen == ["alpha-1", "beta-2", "alpha-3"]


@pytest.mark.parametrize("operation", ["list_model_import_jobs", "list_imported_models"])
def test_sort_values_outside_the_model_are_refused(clients: Any, operation: str) -> None:
    bedrock, _ = clients
    for params in ({"sortBy": "Name"}, {"sortOrder": "Sideways"}):
        with pytest.raises(ClientError) as err:
            getattr(bedrock, operation)(**params)
        assert err.value.response["Error"]["Code"] == "ValidationException"
