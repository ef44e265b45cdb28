"""Per-request overhead: boto3 round trips against ``dockyard serve`` beside ``moto_server``, the
in-process ``dockyard.mock()`` beside ``mock_aws``, and ``dockyard serve`` start-up time.

``handlers`` compares, in the same run, handlers run inline on the event loop (``--handler-threads
0``, how the server worked before the handler pool) with the pool (the default): GetGraph p50 and
requests/s with 8 clients, alone and with one slow request always in flight (a ListGraphs held
``SLOW_SECONDS`` by an injected delay, ``POST /_dockyard/faults/delay``)."""

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
SLOW_SECONDS = 0.5
MODE_ROUNDS = 4  # inline and pool alternate this many times (medians)


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


def _load(make_call: Any) -> dict[str, float]:
    """``THREADS`` clients calling as fast as they can for ``LOAD_SECONDS``: requests/s and the
    p50 of their round trips."""
    calls = [make_call() for _ in range(THREADS)]
    samples: list[list[float]] = [[] for _ in range(THREADS)]
    stop = time.monotonic() + LOAD_SECONDS

    def worker(i: int) -> None:
        call, mine = calls[i], samples[i]
        while time.monotonic() < stop:
            t = time.perf_counter()
            call()
            mine.append((time.perf_counter() - t) * 1000)

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(THREADS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    every = [x for mine in samples for x in mine]
    return {"requests_per_s": round(len(every) / LOAD_SECONDS, 1),
            "p50_ms_8_clients": round(statistics.median(every), 3) if every else None}


def _throughput(make_call: Any) -> float:
    return _load(make_call)["requests_per_s"]


def _post(url: str, doc: dict[str, Any] | None = None, method: str = "POST") -> None:
    data = None if doc is None else json.dumps(doc).encode()
    with urllib.request.urlopen(urllib.request.Request(url, data=data, method=method), timeout=60):
        pass


def _start_serve(*extra: str) -> tuple[subprocess.Popen, str, float]:
    port = _free_port()
    t0 = time.monotonic()
    proc = subprocess.Popen([sys.executable, "-m", "dockyard", "serve", "--port", str(port), *extra],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _wait(f"http://127.0.0.1:{port}/_dockyard/health")
    return proc, f"http://127.0.0.1:{port}", round(time.monotonic() - t0, 3)


def _with_slow_call(endpoint: str, make_call: Any) -> dict[str, float]:
    """``_load`` while one client keeps a slow ListGraphs in flight (a delay fault on ListGraphs)."""
    _post(endpoint + "/_dockyard/faults/delay",
          {"service": "neptune-graph", "operation": "ListGraphs", "seconds": SLOW_SECONDS})
    slow = boto3.client("neptune-graph", endpoint_url=endpoint, **CREDS, config=Config(
        inject_host_prefix=False, retries={"max_attempts": 1}, read_timeout=120))
    done = threading.Event()
    slow_calls = [0]

    def keep_one_slow_call_in_flight() -> None:
        while not done.is_set():
            slow.list_graphs()
            slow_calls[0] += 1

    keeper = threading.Thread(target=keep_one_slow_call_in_flight)
    keeper.start()
    time.sleep(0.05)  # let the slow call reach its handler
    try:
        out = _load(make_call)
    finally:
        done.set()
        _post(endpoint + "/_dockyard/faults", method="DELETE")  # releases the held call
        keeper.join()
    out["slow_calls_answered"] = slow_calls[0]
    return out


def _handler_mode(*extra: str, with_slow_call: bool) -> dict[str, Any]:
    proc, endpoint, _ = _start_serve(*extra)
    try:
        graph_id = _client("neptune-graph", endpoint).create_graph(graphName="b", provisionedMemory=16)["id"]

        def make_call() -> Any:
            c = _client("neptune-graph", endpoint)
            return lambda: c.get_graph(graphIdentifier=graph_id)

        out = {"GetGraph": {**_latencies(make_call(), SEQUENTIAL // 2), **_load(make_call)}}
        if with_slow_call:
            out["GetGraph_with_a_slow_call_in_flight"] = _with_slow_call(endpoint, make_call)
        return out
    finally:
        proc.terminate()
        proc.wait()


def _median_of(rounds: list[dict[str, Any]]) -> dict[str, float]:
    keys = rounds[0]["GetGraph"].keys()
    return {k: round(statistics.median(r["GetGraph"][k] for r in rounds), 3) for k in keys}


def bench_handler_modes() -> dict[str, Any]:
    """Inline (``--handler-threads 0``, the old way) against the handler pool, in one run: the two
    modes alternate for ``MODE_ROUNDS`` rounds (the order flips each round) and each figure is the
    median of its rounds, so load from elsewhere on the machine falls on both alike."""
    modes = {"inline": ("--handler-threads", "0"), "pool": ()}
    rounds: dict[str, list[dict[str, Any]]] = {m: [] for m in modes}
    for i in range(MODE_ROUNDS):
        for mode in (list(modes) if i % 2 == 0 else list(modes)[::-1]):
            rounds[mode].append(_handler_mode(*modes[mode], with_slow_call=i == 0))
    out: dict[str, Any] = {"slow_call_seconds": SLOW_SECONDS, "clients": THREADS, "rounds": MODE_ROUNDS}
    for mode in modes:
        out[mode] = {"GetGraph": _median_of(rounds[mode]),
                     "GetGraph_with_a_slow_call_in_flight": rounds[mode][0]["GetGraph_with_a_slow_call_in_flight"]}
    before, after = out["inline"]["GetGraph"], out["pool"]["GetGraph"]
    out["pool_over_inline_requests_per_s"] = round(after["requests_per_s"] / before["requests_per_s"], 3)
    out["pool_over_inline_p50"] = round(after["p50_ms"] / before["p50_ms"], 3)
    return out


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
    dockyard, endpoint, out["dockyard_serve_startup_s"] = _start_serve()
    try:
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
    results = {"servers": bench_servers(), "handlers": bench_handler_modes(), "in_process": bench_in_process(),
               "cpus": os.cpu_count()}
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "wire.json").write_text(json.dumps(results, indent=2) + "\n")
    print(json.dumps(results, indent=2))
    return results


if __name__ == "__main__":
    main()
