"""``qc(service)``: a boto3 client of the ``aws`` front door in an account of its own (the server
process is shared by the session; a fresh account keeps quotas and names of tests apart)."""

from __future__ import annotations

import random
from collections.abc import Callable
from typing import Any

import pytest


@pytest.fixture
def qc(aws: Callable[..., Any]) -> Callable[..., Any]:
    account = "".join(random.choice("0123456789") for _ in range(12))
    return lambda service="qconnect", **kw: aws(service, aws_access_key_id=account, **kw)
