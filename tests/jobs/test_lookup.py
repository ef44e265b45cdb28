"""Jobs are found by the id a user holds: a graph id, task id, bot id, Bedrock job ARN or name, in
``mock.jobs`` (the engine), the control plane's HTTP routes and ``dockyard advance`` / ``dockyard jobs ID``."""

from __future__ import annotations

import io
import json
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterator
from typing import Any

import boto3
import pytest
from botocore.config import Config
from rich.console import Console

import dockyard
from dockyard.cli.main import build_parser
from dockyard.jobs import AmbiguousJob, JobNotFound
from tests.conftest import CREDENTIALS, ServerProcess

ROLE = "arn:aws:iam::123456789012:role/Role"


# -- the engine's rule -----------------------------------------------------------------------------
def test_an_id_names_the_running_job_on_it_else_the_newest(engine, make_kind, scope):
    kind = make_kind()
    engine.register(kind)
    first = engine.start(kind, scope=scope, parent_id="g-1", clock="instant")
    engine.wait(first.id)
    assert engine.resolve("g-1").id == first.id  # none running: the newest
    held = engine.start(kind, scope=scope, parent_id="g-1", clock="manual")
    assert engine.resolve("g-1").id == held.id  # the running one
    assert engine.resolve(held.id).id == held.id
    assert engine.resolve(f"arn:aws:toy:us-east-1:123456789012:job/{held.id}").id == held.id
    assert [r.id for r in engine.known_by("g-1")] == [first.id, held.id]
    engine.advance("g-1", to="SUCCEEDED")
    assert engine.get(held.id).status == "SUCCEEDED"
    with pytest.raises(JobNotFound):
        engine.resolve("g-2")


def test_an_id_naming_two_running_jobs_is_refused_with_their_ids(engine, make_kind, scope):
    kind = make_kind()
    a = engine.start(kind, scope=scope, parent_id="BOT/DRAFT/en_US", clock="manual")
    b = engine.start(kind, scope=scope, parent_id="BOT/DRAFT/fr_FR", clock="manual")
    with pytest.raises(AmbiguousJob) as err:
        engine.advance("BOT")
    assert a.id in str(err.value) and b.id in str(err.value)
    assert engine.advance("BOT/DRAFT/fr_FR").id == b.id  # the parent id of one of them names it


def test_a_kinds_own_names_find_its_jobs(engine, make_kind, scope):
    kind = make_kind(names=lambda record: (record.input.get("jobName", ""),))
    held = engine.start(kind, scope=scope, input={"jobName": "nightly"}, clock="manual")
    assert engine.resolve("nightly").id == held.id


# -- through boto3, in both front doors ----------------------------------------------------------------
class Front:
    """boto3 clients and job control for one front door, by the ids boto3 answered with."""

    def __init__(self, client: Callable[..., Any], advance: Callable[..., dict], listing: Callable[[str], list]):
        self.client, self.advance, self.listing = client, advance, listing


@pytest.fixture(scope="module")
def manual_server() -> Iterator[ServerProcess]:
    server = ServerProcess("--job-clock", "manual")
    yield server
    server.stop()


def _control(server: ServerProcess, method: str, path: str, doc: dict | None = None) -> dict:
    data = None if doc is None else json.dumps(doc).encode()
    request = urllib.request.Request(server.endpoint + path, data=data, method=method)
    with urllib.request.urlopen(request, timeout=30) as response:
        return json.loads(response.read())


def _cli(server: ServerProcess, *argv: str) -> str:
    args = build_parser().parse_args([*argv, "--endpoint", server.endpoint])
    console = Console(file=io.StringIO(), record=True, width=200, color_system=None)
    assert args.func(args, console) == 0
    return console.export_text()


@pytest.fixture(params=["mock", "server"])
def front(request: pytest.FixtureRequest) -> Iterator[Front]:
    if request.param == "mock":
        with dockyard.mock(job_clock="manual") as mock:
            yield Front(lambda service: boto3.client(service, config=Config(retries={"max_attempts": 1}),
                                                     **CREDENTIALS),
                        lambda job_id, to=None: mock.jobs.advance(job_id, to).to_dict(),
                        lambda job_id: [r.id for r in mock.jobs.known_by(job_id)])
        return
    server: ServerProcess = request.getfixturevalue("manual_server")

    def advance(job_id: str, to: str | None = None) -> dict:
        if to is None:  # the CLI
            _cli(server, "advance", job_id)
            return _control(server, "GET", "/_dockyard/jobs/" + urllib.parse.quote(job_id, safe=""))["job"]
        path = "/_dockyard/jobs/" + urllib.parse.quote(job_id, safe="") + "/advance"
        return _control(server, "POST", path, {"to": to})["job"]

    def listing(job_id: str) -> list[str]:
        jobs = _control(server, "GET", "/_dockyard/jobs?" + urllib.parse.urlencode({"id": job_id}))["jobs"]
        shown = _cli(server, "jobs", job_id)
        assert all(j["id"] in shown for j in jobs)
        return [j["id"] for j in jobs]

    yield Front(server.client, advance, listing)


def test_graph_and_task_ids(front: Front):
    neptune, s3 = front.client("neptune-graph"), front.client("s3")
    s3.create_bucket(Bucket="lookup-data")
    s3.put_object(Bucket="lookup-data", Key="v/people.csv", Body=b"~id,~label\n1,person\n")
    graph_id = neptune.create_graph(graphName="lookup", provisionedMemory=16)["id"]
    assert neptune.get_graph(graphIdentifier=graph_id)["status"] == "CREATING"
    front.advance(graph_id)  # the graph's creation job, by the graph id
    assert neptune.get_graph(graphIdentifier=graph_id)["status"] == "AVAILABLE"
    task_id = neptune.start_import_task(graphIdentifier=graph_id, source="s3://lookup-data/v/", format="CSV",
                                        roleArn=ROLE)["taskId"]
    front.advance(task_id)
    assert neptune.get_import_task(taskIdentifier=task_id)["status"] == "ANALYZING_DATA"
    assert front.advance(graph_id, "SUCCEEDED")["id"] == task_id  # the graph's running job: its import
    assert neptune.get_import_task(taskIdentifier=task_id)["status"] == "SUCCEEDED"
    assert task_id in front.listing(graph_id) and front.listing(task_id) == [task_id]


def test_bot_id(front: Front):
    lex = front.client("lexv2-models")
    bot_id = lex.create_bot(botName="lookup", roleArn=ROLE, dataPrivacy={"childDirected": False},
                            idleSessionTTLInSeconds=300)["botId"]
    assert lex.describe_bot(botId=bot_id)["botStatus"] == "Creating"
    front.advance(bot_id)
    assert lex.describe_bot(botId=bot_id)["botStatus"] == "Available"


def test_bedrock_job_arn_and_name(front: Front):
    """(The job fails at once, in its first status, for want of a model: found by ARN and name.)"""
    bedrock = front.client("bedrock")
    arn = bedrock.create_model_import_job(jobName="lookup-job", importedModelName="lookup-model", roleArn=ROLE,
                                          modelDataSource={"s3DataSource": {"s3Uri": "s3://absent/model/"}})["jobArn"]
    job_id = arn.rsplit("/", 1)[-1]
    assert front.listing(arn) == front.listing("lookup-job") == [job_id]
