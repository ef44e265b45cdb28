"""Shared steps of the Q in Connect tests: a knowledge base, an upload PUT as a user does, an import."""

from __future__ import annotations

import time
from typing import Any

import requests

HEADER = "Name,Content,Content type,Description,Shortcut key,Language,Channels,Routing profile,Active,Tags\r\n"


def csv_file(*rows: str, header: str = HEADER) -> bytes:
    return (header + "".join(r + "\r\n" for r in rows)).encode()


def knowledge_base(client: Any, name: str = "responses", kb_type: str = "QUICK_RESPONSES") -> str:
    return client.create_knowledge_base(name=name, knowledgeBaseType=kb_type)["knowledgeBase"]["knowledgeBaseId"]


def upload(client: Any, kb_id: str, data: bytes, content_type: str = "text/csv") -> str:
    answer = client.start_content_upload(knowledgeBaseId=kb_id, contentType=content_type)
    response = requests.put(answer["url"], data=data, headers=answer["headersToInclude"], timeout=30)
    assert response.status_code == 200, response.text
    return answer["uploadId"]


def wait(client: Any, kb_id: str, job_id: str, timeout: float = 10.0) -> dict[str, Any]:
    deadline = time.time() + timeout
    while True:
        job = client.get_import_job(knowledgeBaseId=kb_id, importJobId=job_id)["importJob"]
        if job["status"] != "START_IN_PROGRESS" or time.time() > deadline:
            return job
        time.sleep(0.02)


def import_file(client: Any, kb_id: str, data: bytes, **kw: Any) -> dict[str, Any]:
    upload_id = upload(client, kb_id, data)
    job = client.start_import_job(knowledgeBaseId=kb_id, importJobType="QUICK_RESPONSES", uploadId=upload_id,
                                  **kw)["importJob"]
    return wait(client, kb_id, job["importJobId"])


def download(url: str) -> bytes:
    response = requests.get(url, timeout=30)
    assert response.status_code == 200, response.text
    return response.content
