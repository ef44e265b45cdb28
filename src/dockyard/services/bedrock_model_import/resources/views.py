"""The wire forms of jobs and imported models, from their documents and the job records."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any


def ts(seconds: float | None) -> datetime | None:
    return None if seconds is None else datetime.fromtimestamp(seconds, UTC)


def job_view(doc: dict[str, Any], record: Any) -> dict[str, Any]:
    view = {
        "jobArn": doc["arn"], "jobName": doc["name"], "importedModelName": doc["model"]["name"],
        "roleArn": doc["roleArn"], "modelDataSource": doc["modelDataSource"], "vpcConfig": doc.get("vpcConfig"),
        "creationTime": ts(doc["created"]), "status": record.status if record else "Failed",
        "lastModifiedTime": ts(record.updated_at if record else doc["created"]),
        "importedModelKmsKeyArn": doc.get("importedModelKmsKeyId"),
    }
    if record is not None and record.status == "Completed":
        view["importedModelArn"] = doc["model"]["arn"]
    if record is not None and record.terminal:
        view["endTime"] = ts(record.ended_at)
    if record is not None and record.status == "Failed":
        view["failureMessage"] = (record.status_reason or "")[:2048]
    return view


def model_view(doc: dict[str, Any]) -> dict[str, Any]:
    return {
        "modelArn": doc["arn"], "modelName": doc["name"], "jobName": doc["jobName"], "jobArn": doc["jobArn"],
        "modelDataSource": doc["modelDataSource"], "creationTime": ts(doc["created"]),
        "modelArchitecture": doc.get("modelArchitecture"), "instructSupported": doc.get("instructSupported"),
        "customModelUnits": doc.get("customModelUnits"), "modelKmsKeyArn": doc.get("importedModelKmsKeyId"),
    }
