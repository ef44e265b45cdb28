"""Q in Connect benchmark: quick-response imports and SearchQuickResponses, through boto3 in-process.

Run: ``.venv/bin/python bench/bench_qconnect.py``; writes ``bench/results/qconnect.json``.

* import of one 100-row file: StartImportJob to COMPLETE as the client sees it (upload excluded);
* 10 files x 100 rows into one knowledge base (1,000 quick responses): total and per file;
* SearchQuickResponses over those 1,000: p50/p95 of 200 searches (CONTAINS_AND_PREFIX over content);
* 200 text contents in a CUSTOM knowledge base (CreateContent from an upload: p50), then QueryAssistant
  p50/p95 of 200 two-word queries (FTS5 BM25), a worst case: every content matches every query, and
  every word of an excerpt is highlighted.
Goals: an import under 0.2 s, search p50 under 5 ms.

``comparison`` in the results file holds SearchQuickResponses figures of the code before and after
the search rewrite (sorted vocabulary for prefixes, name ranks, C-level sort keys), measured in
interleaved runs on the same machine in one session; ``main`` keeps it when it rewrites the file.
"""

from __future__ import annotations

import json
import os
import platform
import statistics
import sys
import time
from pathlib import Path
from typing import Any

import boto3
import requests

import dockyard

RESULTS = Path(__file__).resolve().parent / "results" / "qconnect.json"
WORDS = ["refund", "shipping", "order", "delivery", "password", "account", "invoice", "card", "return",
         "exchange", "warranty", "store"]


def _file(f: int) -> bytes:
    rows = ["Name,Content,Shortcut key,Channels"]
    for i in range(100):
        words = " ".join(WORDS[(i + k + f) % len(WORDS)] for k in range(6))
        rows.append(f"Response {f}-{i},Answer about {words} number {i},k{f}x{i},Chat")
    return ("\r\n".join(rows) + "\r\n").encode()


def _import(client: Any, kb_id: str, data: bytes) -> float:
    answer = client.start_content_upload(knowledgeBaseId=kb_id, contentType="text/csv")
    requests.put(answer["url"], data=data, headers=answer["headersToInclude"], timeout=30).raise_for_status()
    start = time.perf_counter()
    job = client.start_import_job(knowledgeBaseId=kb_id, importJobType="QUICK_RESPONSES",
                                  uploadId=answer["uploadId"])["importJob"]
    while job["status"] == "START_IN_PROGRESS":
        time.sleep(0.001)
        job = client.get_import_job(knowledgeBaseId=kb_id, importJobId=job["importJobId"])["importJob"]
    elapsed = time.perf_counter() - start
    assert job["status"] == "COMPLETE", job
    return elapsed


def search_times(client: Any, kb_id: str) -> tuple[list[float], list[float]]:
    """200 SearchQuickResponses (CONTAINS_AND_PREFIX over content): wall and CPU milliseconds of each
    (CPU time of this process: steadier than wall time on a shared machine)."""
    wall, cpu = [], []
    for i in range(200):
        expression = {"queries": [{"name": "content", "values": [WORDS[i % len(WORDS)][:4]],
                                   "operator": "CONTAINS_AND_PREFIX"}]}
        start, start_cpu = time.perf_counter(), time.process_time()
        client.search_quick_responses(knowledgeBaseId=kb_id, searchExpression=expression, maxResults=10)
        cpu.append((time.process_time() - start_cpu) * 1000)
        wall.append((time.perf_counter() - start) * 1000)
    return wall, cpu


def _p(times: list[float], q: float) -> float:
    ordered = sorted(times)
    return round(ordered[int(len(ordered) * q)], 3)


def _contents(client: Any, count: int) -> tuple[list[float], list[float]]:
    """Create ``count`` text contents and query them through an assistant: (create ms, query ms)."""
    kb_id = client.create_knowledge_base(name="articles", knowledgeBaseType="CUSTOM")["knowledgeBase"][
        "knowledgeBaseId"]
    creates = []
    for i in range(count):
        words = " ".join(WORDS[(i * 7 + k) % len(WORDS)] for k in range(40))
        answer = client.start_content_upload(knowledgeBaseId=kb_id, contentType="text/plain")
        requests.put(answer["url"], data=f"Article {i}. {words}".encode(), headers=answer["headersToInclude"],
                     timeout=30).raise_for_status()
        start = time.perf_counter()
        client.create_content(knowledgeBaseId=kb_id, name=f"article-{i}", uploadId=answer["uploadId"])
        creates.append((time.perf_counter() - start) * 1000)
    assistant = client.create_assistant(name="bench", type="AGENT")["assistant"]["assistantId"]
    client.create_assistant_association(assistantId=assistant, associationType="KNOWLEDGE_BASE",
                                        association={"knowledgeBaseId": kb_id})
    queries = []
    for i in range(200):
        text = f"{WORDS[i % len(WORDS)]} {WORDS[(i * 5 + 3) % len(WORDS)]}"
        start = time.perf_counter()
        client.query_assistant(assistantId=assistant, queryText=text, maxResults=10)
        queries.append((time.perf_counter() - start) * 1000)
    return creates, queries


def run() -> dict[str, Any]:
    with dockyard.mock():
        client = boto3.client("qconnect", region_name="us-east-1", aws_access_key_id="testing",
                              aws_secret_access_key="testing")
        single = client.create_knowledge_base(name="one", knowledgeBaseType="QUICK_RESPONSES")["knowledgeBase"]
        one = _import(client, single["knowledgeBaseId"], _file(0))
        kb_id = client.create_knowledge_base(name="many", knowledgeBaseType="QUICK_RESPONSES")["knowledgeBase"][
            "knowledgeBaseId"]
        files = [_import(client, kb_id, _file(f)) for f in range(10)]
        times, cpu = search_times(client, kb_id)
        creates, queries = _contents(client, 200)
    times.sort()
    return {"python": sys.version.split()[0], "machine": platform.machine(),
            "import_100_rows_seconds": round(one, 4),
            "import_10_files_total_seconds": round(sum(files), 4),
            "import_10_files_slowest_seconds": round(max(files), 4),
            "search_1000_p50_ms": round(statistics.median(times), 3),
            "search_1000_p95_ms": round(times[int(len(times) * 0.95)], 3),
            "search_1000_cpu_p50_ms": round(statistics.median(cpu), 3),
            "create_content_p50_ms": round(statistics.median(creates), 3),
            "query_assistant_200_matching_contents_p50_ms": round(statistics.median(queries), 3),
            "query_assistant_200_matching_contents_p95_ms": _p(queries, 0.95)}


RUNS = 3  # the machine is shared: each figure is the median of this many runs


def main() -> None:
    runs = [run() for _ in range(RUNS)]
    result = {key: (statistics.median(r[key] for r in runs) if isinstance(value, float) else value)
              for key, value in runs[0].items()}
    result["runs"] = RUNS
    result["load_average_1m_after"] = round(os.getloadavg()[0], 2)  # other work on the machine meanwhile
    if RESULTS.exists():  # keep the recorded before/after comparison of the search rewrite
        comparison = json.loads(RESULTS.read_text()).get("comparison")
        if comparison:
            result["comparison"] = comparison
    RESULTS.parent.mkdir(exist_ok=True)
    RESULTS.write_text(json.dumps(result, indent=2) + "\n")
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
