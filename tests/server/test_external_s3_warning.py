"""``DOCKYARD_S3_ENDPOINT`` without credentials is named at start-up."""

from __future__ import annotations

import os

from tests.conftest import ServerProcess


def test_start_up_names_missing_credentials_for_an_external_s3(tmp_path, monkeypatch):
    for name in list(os.environ):
        if name.startswith("AWS_"):
            monkeypatch.delenv(name)
    env = {
        "DOCKYARD_S3_ENDPOINT": "http://127.0.0.1:9",
        "AWS_SHARED_CREDENTIALS_FILE": str(tmp_path / "none"),
        "AWS_CONFIG_FILE": str(tmp_path / "none"),
        "AWS_EC2_METADATA_DISABLED": "true",
    }
    server = ServerProcess(env=env)
    server.stop()
    out = server.proc.stdout.read().decode()
    assert "DOCKYARD_S3_ENDPOINT=http://127.0.0.1:9 is set but no AWS credentials" in out
    assert "AWS_ACCESS_KEY_ID" in out
