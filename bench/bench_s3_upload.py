"""Uploads to the embedded S3 of ``dockyard serve``: memory of a large PUT, and what ``--data-dir``
costs a PutObject.

- ``large_put``: one presigned PUT of ``DOCKYARD_BENCH_PUT_MB`` (500) MB; the server's peak RSS
  (``VmHWM``) before and after it, in memory and with ``--data-dir``.
- ``put_object_p50_ms``: median PutObject round trip (1 KiB and 1 MiB objects) without and with
  ``--data-dir`` (the write-through to ``<data-dir>/s3``), interleaved.

``python -m bench s3_upload`` writes ``bench/results/s3_upload.json``.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from typing import Any

import boto3
from botocore.config import Config

RESULTS = Path(__file__).parent / "results"
PUT_MB = int(os.environ.get("DOCKYARD_BENCH_PUT_MB", 500))
CREDS = {"aws_access_key_id": "testing", "aws_secret_access_key": "testing", "region_name": "us-east-1"}


def _free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class _Server:
    def __init__(self, data_dir: Path | None) -> None:
        self.port = _free_port()
        self.endpoint = f"http://127.0.0.1:{self.port}"
        args = [sys.executable, "-m", "dockyard", "serve", "--port", str(self.port)]
        if data_dir is not None:
            args += ["--data-dir", str(data_dir)]
        self.proc = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 60
        while True:
            try:
                urllib.request.urlopen(self.endpoint + "/_dockyard/health", timeout=1)
                return
            except OSError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.05)

    def peak_rss_mb(self) -> float:
        for line in Path(f"/proc/{self.proc.pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
        return float("nan")

    def s3(self) -> Any:
        return boto3.client("s3", endpoint_url=self.endpoint, config=Config(s3={"addressing_style": "path"}), **CREDS)

    def stop(self) -> None:
        self.proc.terminate()
        self.proc.wait(30)


class _Zeros:
    """A file-like body of ``size`` bytes made on the fly (the client holds no copy either)."""

    def __init__(self, size: int) -> None:
        self.left = size

    def read(self, n: int = -1) -> bytes:
        n = self.left if n < 0 else min(n, self.left)
        self.left -= n
        return b"\0" * n


def large_put(data_dir: Path | None) -> dict[str, float]:
    server = _Server(data_dir)
    try:
        s3 = server.s3()
        s3.create_bucket(Bucket="large")
        url = s3.generate_presigned_url("put_object", Params={"Bucket": "large", "Key": "blob"}, ExpiresIn=600)
        before = server.peak_rss_mb()
        size = PUT_MB * 1024 * 1024
        request = urllib.request.Request(url, data=_Zeros(size), method="PUT",  # type: ignore[arg-type]
                                         headers={"Content-Length": str(size)})
        start = time.perf_counter()
        urllib.request.urlopen(request, timeout=600).read()
        seconds = time.perf_counter() - start
        assert s3.head_object(Bucket="large", Key="blob")["ContentLength"] == size
        return {"put_mb": PUT_MB, "seconds": round(seconds, 2), "peak_rss_before_mb": round(before, 1),
                "peak_rss_after_mb": round(server.peak_rss_mb(), 1)}
    finally:
        server.stop()


def put_object_ms(data_dir: Path, size: int, n: int = 200) -> dict[str, float]:
    """Median PutObject round trip of an in-memory server and a ``--data-dir`` one, the two
    interleaved so that a noisy machine weighs on both alike."""
    servers = {"in_memory": _Server(None), "data_dir": _Server(data_dir)}
    try:
        clients = {name: server.s3() for name, server in servers.items()}
        for s3 in clients.values():
            s3.create_bucket(Bucket="small")
        body = os.urandom(size)
        times: dict[str, list[float]] = {name: [] for name in servers}
        for i in range(n):
            for name, s3 in clients.items():
                start = time.perf_counter()
                s3.put_object(Bucket="small", Key=f"k{i % 20}", Body=body)
                times[name].append(time.perf_counter() - start)
        return {name: round(statistics.median(t) * 1000, 3) for name, t in times.items()}
    finally:
        for server in servers.values():
            server.stop()


def main() -> dict[str, Any]:
    with tempfile.TemporaryDirectory(prefix="dockyard-bench-s3-") as tmp:
        result: dict[str, Any] = {
            "large_put": {"in_memory": large_put(None), "data_dir": large_put(Path(tmp) / "large")},
            "put_object_p50_ms": {
                "1KiB": put_object_ms(Path(tmp) / "small1", 1024),
                "1MiB": put_object_ms(Path(tmp) / "small2", 1 << 20, 50),
            },
        }
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "s3_upload.json").write_text(json.dumps(result, indent=2) + "\n")
    return result


if __name__ == "__main__":
    print(json.dumps(main(), indent=2))
