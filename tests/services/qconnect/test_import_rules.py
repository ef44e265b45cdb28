"""Golden tests of the import: row rules, the failed-record report, bad files, idempotency, deletes."""

from __future__ import annotations

import csv
import io

import pytest
import requests

from tests.services.qconnect.helpers import HEADER, csv_file, download, import_file, knowledge_base, upload, wait

GOOD = "Good,Some content,plain,,g1,en_US,Chat,,true,"
# (row, the reason the failed-record report gives for it)
V = "1 validation error detected: Value "
LE = "failed to satisfy constraint: Member must have length less than or equal to"
NN = "failed to satisfy constraint: Member must not be null"
BAD_ROWS = [
    (",No name,plain,,k1,en_US,Chat,,true,", V + f"null at 'name' {NN}"),
    ("No content,,plain,,k2,en_US,Chat,,true,",
     V + f"null at 'content' {NN}"),
    ("N" * 101 + ",x,plain,,k3,en_US,Chat,,true,",
     V + f"'{'N' * 101}' at 'name' {LE} 100"),
    ("Long key,x,plain,,ABCDEFGHIJK,en_US,Chat,,true,",
     V + f"'ABCDEFGHIJK' at 'shortcutKey' {LE} 10"),
    ("Bad type,x,html,,k5,en_US,Chat,,true,", "Invalid content type 'html': use plain or markdown."),
    ("Bad channel,x,plain,,k6,en_US,Phone,,true,", "Invalid channel 'Phone': channels must be among Chat, Email."),
    ("Bad language,x,plain,,k7,xx_XX,Chat,,true,",
     "Language 'xx_XX' is not supported: use one of de_DE, en_US, es_ES, fr_FR, id_ID, it_IT, ja_JP, ko_KR, pt_BR, "
     "zh_CN, zh_TW."),
    ("Bad active,x,plain,,k8,en_US,Chat,,maybe,", "Invalid active value 'maybe': use true or false."),
    ("Bad tag,x,plain,,k9,en_US,Chat,,true,novalue",
     "Invalid tag 'novalue': write tags as key=value separated by ';'."),
    ("Bad tag key,x,plain,,k9,en_US,Chat,,true,aws:x=1",
     V + "'{aws:x=1}' at 'tags' failed to satisfy constraint: Map keys must satisfy constraint: [Member must "
     "satisfy regular expression pattern: (?!aws:)[a-zA-Z+-=._:/]+]"),
    ("Good,dup name,plain,,k10,en_US,Chat,,true,", "The name 'Good' is also used by row 1 of this file."),
    ("Dup key,x,plain,,g1,en_US,Chat,,true,", "The shortcut key 'g1' is also used by row 1 of this file."),
    ("Short,x,plain,,k12,en_US,Chat,,true", "The row has 9 cells; the header has 10."),
    ("Long desc,x,plain," + "d" * 256 + ",k13,en_US,Chat,,true,",
     V + f"'{'d' * 256}' at 'description' failed to satisfy constraint: Member must have length less than or equal "
     "to 255"),
    ("Content too long," + "c" * 4001 + ",plain,,k14,en_US,Chat,,true,",
     V + f"'{'c' * 4001}' at 'content.content' {LE} 4000"),
    ("Many profiles,x,plain,,k15,en_US,Chat," + ";".join(f"rp{i}" for i in range(41)) + ",true,",
     "A quick response can be assigned at most 40 routing profiles."),
    ("Long profile,x,plain,,k16,en_US,Chat," + "p" * 2049 + ",true,",
     V + f"'{'p' * 2049}' at 'groupingConfiguration.values.1.member' {LE} 2048"),
]


def _report_rows(job: dict) -> list[list[str]]:
    return list(csv.reader(io.StringIO(download(job["failedRecordReport"]).decode())))


@pytest.mark.parametrize(("row", "reason"), BAD_ROWS, ids=[r[0][:12] for r in BAD_ROWS])
def test_each_row_rule(qc, row: str, reason: str) -> None:
    client = qc()
    kb_id = knowledge_base(client)
    job = import_file(client, kb_id, csv_file(GOOD, row))
    assert job["status"] == "COMPLETE"  # one good row: COMPLETE, the bad one in the report
    report = _report_rows(job)
    assert report[0] == [*HEADER.strip().split(","), "Failure reason"]
    assert len(report) == 2
    cells = next(csv.reader([row]))
    assert report[1][:-1] == cells
    assert report[1][-1] == f"Row 2: {reason}"
    names = [q["name"] for q in client.list_quick_responses(knowledgeBaseId=kb_id)["quickResponseSummaries"]]
    assert names == ["Good"]


def test_report_exact_contents(qc) -> None:
    client = qc("wisdom")
    kb_id = knowledge_base(client)
    job = import_file(client, kb_id, csv_file(GOOD, "Bad channel,x,plain,,k6,en_US,Phone,,true,"))
    assert download(job["failedRecordReport"]) == (
        HEADER.strip() + ",Failure reason\r\n"
        "Bad channel,x,plain,,k6,en_US,Phone,,true,,"
        "\"Row 2: Invalid channel 'Phone': channels must be among Chat, Email.\"\r\n"
    ).encode()


def test_name_taken_in_the_knowledge_base(qc) -> None:
    client = qc()
    kb_id = knowledge_base(client)
    client.create_quick_response(knowledgeBaseId=kb_id, name="Good", content={"content": "x"}, shortcutKey="zz")
    job = import_file(client, kb_id, csv_file(GOOD, "Other,y,plain,,zz,en_US,Chat,,true,"))
    assert job["status"] == "FAILED"
    reasons = [r[-1] for r in _report_rows(job)[1:]]
    assert reasons == ["Row 1: A quick response with name 'Good' already exists in this knowledge base.",
                       "Row 2: A quick response with shortcut key 'zz' already exists in this knowledge base."]
    assert len(client.list_quick_responses(knowledgeBaseId=kb_id)["quickResponseSummaries"]) == 1


BAD_FILES = [
    (b"", "The file is empty."),
    (b"\xff\xfeN\x00a\x00", "The file is not UTF-8 encoded (byte 0)."),
    (b"Name,Content\r\n\"unterminated,x\r\n", "The file is not a valid CSV file"),
    (b"Name,Content,Colour\r\na,b,c\r\n", "Unknown header column(s): 'Colour'."),
    (b"Name,Description\r\na,b\r\n", "Required header column(s) missing: content."),
    (b"Name,Content\r\n", "The file has a header and no quick response."),
    (b"Name,Content,name\r\na,b,c\r\n", "Header columns given twice: name."),
    (("Name,Content\r\n" + "".join(f"n{i},c\r\n" for i in range(101))).encode(),
     "The file has 101 quick responses; at most 100 can be imported at a time."),
    (b"Name,Content,Channels\r\na,b,Fax\r\n", "Row 1: Invalid channel 'Fax'"),
]


@pytest.mark.parametrize(("data", "reason"), BAD_FILES, ids=[r[1][:30] for r in BAD_FILES])
def test_bad_files_fail_with_nothing_created(qc, data: bytes, reason: str) -> None:
    client = qc()
    kb_id = knowledge_base(client)
    job = import_file(client, kb_id, data)
    assert job["status"] == "FAILED"
    report = download(job["failedRecordReport"]).decode()
    assert reason in report
    assert client.list_quick_responses(knowledgeBaseId=kb_id)["quickResponseSummaries"] == []


def test_header_names_are_case_and_space_insensitive_member_names_too(qc) -> None:
    client = qc()
    kb_id = knowledge_base(client)
    data = (b"NAME,content,content_type,shortcutKey,Routing Profiles,isActive,channels\r\n"
            b"A,Text,markdown,a,Sales;Support,no,\"Chat,Email\"\r\n")
    assert import_file(client, kb_id, data)["status"] == "COMPLETE"
    [summary] = client.list_quick_responses(knowledgeBaseId=kb_id)["quickResponseSummaries"]
    qr = client.get_quick_response(knowledgeBaseId=kb_id, quickResponseId=summary["quickResponseId"])["quickResponse"]
    assert qr["contentType"] == "application/x.quickresponse;format=markdown"
    assert qr["isActive"] is False and qr["channels"] == ["Chat", "Email"] and qr["shortcutKey"] == "a"
    assert qr["groupingConfiguration"] == {"criteria": "RoutingProfileArn", "values": ["Sales", "Support"]}


def test_template_in_docs_imports(qc) -> None:
    from pathlib import Path

    template = Path(__file__).parents[3] / "docs" / "qconnect-quick-responses-template.csv"
    client = qc()
    kb_id = knowledge_base(client)
    job = import_file(client, kb_id, template.read_bytes())
    assert job["status"] == "COMPLETE" and "failedRecordReport" not in job


def test_client_token_idempotency(qc) -> None:
    client = qc()
    kb_id = knowledge_base(client)
    upload_id = upload(client, kb_id, csv_file(GOOD))
    first = client.start_import_job(knowledgeBaseId=kb_id, importJobType="QUICK_RESPONSES", uploadId=upload_id,
                                    clientToken="tok")["importJob"]
    again = client.start_import_job(knowledgeBaseId=kb_id, importJobType="QUICK_RESPONSES", uploadId=upload_id,
                                    clientToken="tok")["importJob"]
    assert again["importJobId"] == first["importJobId"]
    with pytest.raises(client.exceptions.ConflictException):
        client.start_import_job(knowledgeBaseId=kb_id, importJobType="QUICK_RESPONSES", uploadId=upload_id,
                                clientToken="tok", metadata={"k": "v"})
    wait(client, kb_id, first["importJobId"])
    assert len(client.list_import_jobs(knowledgeBaseId=kb_id)["importJobSummaries"]) == 1
    assert len(client.list_quick_responses(knowledgeBaseId=kb_id)["quickResponseSummaries"]) == 1


def test_refusals(qc) -> None:
    client = qc()
    custom = knowledge_base(client, "custom", "CUSTOM")
    upload_id = upload(client, custom, csv_file(GOOD))
    with pytest.raises(client.exceptions.ValidationException, match="QUICK_RESPONSES knowledge base"):
        client.start_import_job(knowledgeBaseId=custom, importJobType="QUICK_RESPONSES", uploadId=upload_id)
    kb_id = knowledge_base(client)
    pending = client.start_content_upload(knowledgeBaseId=kb_id, contentType="text/csv")["uploadId"]
    with pytest.raises(client.exceptions.ValidationException, match="has not been completed"):
        client.start_import_job(knowledgeBaseId=kb_id, importJobType="QUICK_RESPONSES", uploadId=pending)
    with pytest.raises(client.exceptions.ValidationException, match="does not exist"):
        client.start_import_job(knowledgeBaseId=kb_id, importJobType="QUICK_RESPONSES", uploadId=upload_id)
    with pytest.raises(client.exceptions.ValidationException, match="presignedUrlTimeToLive"):
        client.start_content_upload(knowledgeBaseId=kb_id, contentType="text/csv", presignedUrlTimeToLive=61)
    with pytest.raises(client.exceptions.ValidationException, match="contentType"):
        client.start_content_upload(knowledgeBaseId=kb_id, contentType="image/png")


def test_delete_import_job_keeps_quick_responses(qc) -> None:
    client = qc()
    kb_id = knowledge_base(client)
    job = import_file(client, kb_id, csv_file(GOOD))
    client.delete_import_job(knowledgeBaseId=kb_id, importJobId=job["importJobId"])
    with pytest.raises(client.exceptions.ResourceNotFoundException):
        client.get_import_job(knowledgeBaseId=kb_id, importJobId=job["importJobId"])
    assert len(client.list_quick_responses(knowledgeBaseId=kb_id)["quickResponseSummaries"]) == 1


def test_put_without_the_signed_content_type_is_refused(dockyard_server) -> None:
    client = dockyard_server.client("qconnect", aws_access_key_id="210987654321")
    kb_id = knowledge_base(client)
    answer = client.start_content_upload(knowledgeBaseId=kb_id, contentType="text/csv", presignedUrlTimeToLive=5)
    assert answer["headersToInclude"] == {"content-type": "text/csv"}
    refused = requests.put(answer["url"], data=b"Name,Content\r\na,b\r\n", timeout=30)
    assert refused.status_code == 403 and b"SignatureDoesNotMatch" in refused.content
    ok = requests.put(answer["url"], data=b"Name,Content\r\na,b\r\n", headers=answer["headersToInclude"], timeout=30)
    assert ok.status_code == 200


def test_list_import_jobs_pages_summaries(qc) -> None:
    client = qc("wisdom")
    kb_id = knowledge_base(client)
    jobs = [import_file(client, kb_id, csv_file(f"Row {i},c,plain,,,en_US,Chat,,true,"))["importJobId"]
            for i in range(3)]
    first = client.list_import_jobs(knowledgeBaseId=kb_id, maxResults=2)
    rest = client.list_import_jobs(knowledgeBaseId=kb_id, maxResults=2, nextToken=first["nextToken"])
    summaries = first["importJobSummaries"] + rest["importJobSummaries"]
    assert [j["importJobId"] for j in summaries] == jobs and "nextToken" not in rest
    assert {j["status"] for j in summaries} == {"COMPLETE"} and {j["uploadId"] for j in summaries}
    assert "url" not in summaries[0] and summaries[0]["importJobType"] == "QUICK_RESPONSES"


def test_a_put_after_the_upload_url_expired_is_refused(dockyard_server) -> None:
    """The URL used two hours after it was signed (its X-Amz-Date moved back, as the clock would have)."""
    from datetime import datetime, timedelta
    from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

    client = dockyard_server.client("qconnect", aws_access_key_id="210987654322")
    kb_id = knowledge_base(client)
    answer = client.start_content_upload(knowledgeBaseId=kb_id, contentType="text/csv", presignedUrlTimeToLive=60)
    parts = urlsplit(answer["url"])
    query = dict(parse_qsl(parts.query))
    signed = datetime.strptime(query["X-Amz-Date"], "%Y%m%dT%H%M%SZ")
    query["X-Amz-Date"] = (signed - timedelta(hours=2)).strftime("%Y%m%dT%H%M%SZ")
    late = urlunsplit(parts._replace(query=urlencode(query)))
    refused = requests.put(late, data=b"Name,Content\r\na,b\r\n", headers=answer["headersToInclude"], timeout=30)
    assert refused.status_code == 403 and b"Request has expired" in refused.content
    with pytest.raises(client.exceptions.ValidationException, match="has not been completed"):
        client.start_import_job(knowledgeBaseId=kb_id, importJobType="QUICK_RESPONSES", uploadId=answer["uploadId"])
