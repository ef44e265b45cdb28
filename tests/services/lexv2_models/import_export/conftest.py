"""In-process fixtures for tests that also look at the database (nothing changed by a failed import)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import boto3
import pytest
from botocore.config import Config

import dockyard

CREDENTIALS = {"aws_access_key_id": "testing", "aws_secret_access_key": "testing", "region_name": "us-east-1"}
JOB_KINDS = ("import", "import-upload", "export")


@dataclass
class Lex:
    client: Any
    mock: Any

    def resources(self) -> list[tuple[str, str, str]]:
        """Every Lex V2 resource document (import/export history aside), as stored."""
        rows = self.mock.runtime.db.query(
            "SELECT kind, id, doc FROM resources WHERE service = 'lexv2-models' ORDER BY kind, id")
        return [(r["kind"], r["id"], r["doc"]) for r in rows if r["kind"] not in JOB_KINDS]


@pytest.fixture
def lex() -> Iterator[Lex]:
    with dockyard.mock() as mock:
        client = boto3.client("lexv2-models", config=Config(retries={"max_attempts": 1}), **CREDENTIALS)
        yield Lex(client, mock)


@pytest.fixture
def manual_lex() -> Iterator[Lex]:
    with dockyard.mock(job_clock="manual") as mock:
        client = boto3.client("lexv2-models", config=Config(retries={"max_attempts": 1}), **CREDENTIALS)
        yield Lex(client, mock)
