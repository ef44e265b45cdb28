"""Per-request overhead: boto3 round trips against ``dockyard serve`` beside ``moto_server``, the
in-process ``dockyard.mock()`` beside ``mock_aws``, and ``dockyard serve`` start-up time."""

from __future__ import annotations

import json
import os
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path
from typing import Any

import boto3
from botocore.config import Config

RESULTS = Path(__file__).parent / "results"
CREDS = {"aws_access_key_id": "testing", "aws_secret_access_key": "testing", "region_name": "us-east-1"}
SEQUENTIAL = 600
THREADS = 8
LOAD_SECONDS = 4.0


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait(url: str, timeout: float = 30) -> float:
    start = time.monotonic()
    while time.monotonic() - start < timeout:
        try:
            with urllib.request.urlopen(url, timeout=1):
                return time.monotonic() - start
        except OSError:
            time.sleep(0.01)
    raise TimeoutError(url)


def _latencies(call: Any, n: int) -> dict[str, float]:
    for _ in range(20):
        call()
    samples = []
    for _ in range(n):
        t = time.perf_counter()
        call()
        samples.append((time.perf_counter() - t) * 1000)
    samples.sort()
    return {
        "p50_ms": round(statistics.median(samples), 3),
        "p99_ms": round(samples[int(len(samples) * 0.99) - 1], 3),
        "mean_ms": round(statistics.fmean(samples), 3),
    }


def _throughput(make_call: Any) -> float:
    calls = [make_call() for _ in range(THREADS)]
    counts = [0] * THREADS
    stop = time.monotonic() + LOAD_SECONDS

    def worker(i: int) -> None:
        call = calls[i]
        while time.monotonic() < stop:
            call()
            counts[i] += 1

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(THREADS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return round(sum(counts) / LOAD_SECONDS, 1)


def _client(service: str, endpoint: str | None) -> Any:
    config = Config(inject_host_prefix=False, retries={"max_attempts": 1})
    return boto3.client(service, endpoint_url=endpoint, config=config, **CREDS)


def _import_task(endpoint: str, graph_id: str) -> str:
    """A finished import task to poll (status polling is the hottest call users make)."""
    s3 = _client("s3", endpoint)
    s3.create_bucket(Bucket="bench-poll")
    s3.put_object(Bucket="bench-poll", Key="p/v.csv", Body=b"~id,~label\n1,a\n")
    c = _client("neptune-graph", endpoint)
    task = c.start_import_task(graphIdentifier=graph_id, source="s3://bench-poll/p/",
                               roleArn="arn:aws:iam::123456789012:role/r", format="CSV")
    c.get_waiter("import_task_successful").wait(taskIdentifier=task["taskId"], WaiterConfig={"Delay": 1})
    return task["taskId"]


def bench_servers() -> dict[str, Any]:
    out: dict[str, Any] = {}
    port = _free_port()
    t0 = time.monotonic()
    dockyard = subprocess.Popen([sys.executable, "-m", "dockyard", "serve", "--port", str(port)],
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        _wait(f"http://127.0.0.1:{port}/_dockyard/health")
        out["dockyard_serve_startup_s"] = round(time.monotonic() - t0, 3)
        endpoint = f"http://127.0.0.1:{port}"
        graph_id = _client("neptune-graph", endpoint).create_graph(graphName="bench", provisionedMemory=16)["id"]

        def make_dockyard_call() -> Any:
            c = _client("neptune-graph", endpoint)
            return lambda: c.get_graph(graphIdentifier=graph_id)

        out["dockyard_GetGraph"] = _latencies(make_dockyard_call(), SEQUENTIAL)
        out["dockyard_GetGraph"]["requests_per_s"] = _throughput(make_dockyard_call)
        task_id = _import_task(endpoint, graph_id)

        def make_poll_call() -> Any:
            c = _client("neptune-graph", endpoint)
            return lambda: c.get_import_task(taskIdentifier=task_id)

        out["dockyard_GetImportTask_poll"] = _latencies(make_poll_call(), SEQUENTIAL)
        out["dockyard_GetImportTask_poll"]["requests_per_s"] = _throughput(make_poll_call)
    finally:
        dockyard.terminate()
        dockyard.wait()
    port = _free_port()
    moto = subprocess.Popen([sys.executable, "-c", "from moto.server import main; main()", "-p", str(port)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        endpoint = f"http://127.0.0.1:{port}"
        _wait(endpoint + "/moto-api/")
        api_id = _client("apigateway", endpoint).create_rest_api(name="bench")["id"]

        def make_moto_call() -> Any:
            c = _client("apigateway", endpoint)
            return lambda: c.get_rest_api(restApiId=api_id)

        out["moto_server_GetRestApi"] = _latencies(make_moto_call(), SEQUENTIAL)
        out["moto_server_GetRestApi"]["requests_per_s"] = _throughput(make_moto_call)
    finally:
        moto.terminate()
        moto.wait()
    out["server_p50_ratio_dockyard_over_moto"] = round(
        out["dockyard_GetGraph"]["p50_ms"] / out["moto_server_GetRestApi"]["p50_ms"], 3)
    out["server_rps_ratio_moto_over_dockyard"] = round(
        out["moto_server_GetRestApi"]["requests_per_s"] / out["dockyard_GetGraph"]["requests_per_s"], 3)
    return out


def bench_in_process() -> dict[str, Any]:
    from moto import mock_aws

    import dockyard

    out: dict[str, Any] = {}
    os.environ.update({"AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing"})
    with dockyard.mock():
        c = _client("neptune-graph", None)
        graph_id = c.create_graph(graphName="bench", provisionedMemory=16)["id"]
        out["dockyard_mock_GetGraph"] = _latencies(lambda: c.get_graph(graphIdentifier=graph_id), SEQUENTIAL)
    with mock_aws():
        c = _client("apigateway", None)
        api_id = c.create_rest_api(name="bench")["id"]
        out["mock_aws_GetRestApi"] = _latencies(lambda: c.get_rest_api(restApiId=api_id), SEQUENTIAL)
    out["in_process_p50_ratio_dockyard_over_moto"] = round(
        out["dockyard_mock_GetGraph"]["p50_ms"] / out["mock_aws_GetRestApi"]["p50_ms"], 3)
    return out


def main() -> dict[str, Any]:
    results = {"servers": bench_servers(), "in_process": bench_in_process(), "cpus": os.cpu_count()}
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "wire.json").write_text(json.dumps(results, indent=2) + "\n")
    print(json.dumps(results, indent=2))
    return results


if __name__ == "__main__":
    main()
