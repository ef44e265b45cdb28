"""Finding jobs by the id a user holds: the job's own id, an ARN, or the id of the resource it acts on.

A user of the manual clock or the control plane holds AWS ids, not engine ids: a graph id (its
creation, import or reset job), a task id, a bot id (its creation, its locales' builds), an import
or export id, a Bedrock job ARN or name, a Q in Connect import job id. A job is *known by*:

* its id (for ARNs, also the last segment of the resource: ``...:model-import-job/abc`` -> ``abc``);
* its parent id, or a parent id under it (``BOTID`` finds ``BOTID/DRAFT/en_US``);
* the other names its kind declares (``JobKind.names``, e.g. a Bedrock job's name).

``pick`` chooses one: the job with that very id; else the one *active* job known by it; else, when
none is active, the newest. Several active jobs known by one id are ambiguous: the error lists them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from dockyard.jobs.errors import JobControlError, JobNotFound
from dockyard.jobs.kind import JobKind
from dockyard.jobs.record import JobRecord


class AmbiguousJob(JobControlError):
    """Several active jobs are known by the id given."""


def id_keys(identifier: str) -> set[str]:
    """The ids ``identifier`` may stand for: itself and, for an ARN, its resource's last segment."""
    keys = {identifier}
    if identifier.startswith("arn:"):
        resource = identifier.split(":", 5)[-1]
        keys |= {resource, resource.rsplit("/", 1)[-1]}
    return {k for k in keys if k}


def known_by(
    records: Iterable[JobRecord], identifier: str, kind_of: Callable[[JobRecord], JobKind | None]
) -> list[JobRecord]:
    """Every job known by ``identifier``, oldest first."""
    keys = id_keys(identifier)
    found = []
    for record in records:
        kind = kind_of(record)
        if (
            record.id in keys
            or record.parent_id in keys
            or any(record.parent_id.startswith(k + "/") for k in keys)
            or (kind is not None and kind.names is not None and keys & set(kind.names(record)))
        ):
            found.append(record)
    return sorted(found, key=lambda r: r.created_at)


def pick(candidates: list[JobRecord], identifier: str) -> JobRecord:
    """The one job ``identifier`` names among ``candidates`` (see the module docstring)."""
    keys = id_keys(identifier)
    for record in candidates:
        if record.id in keys:
            return record
    active = [r for r in candidates if not r.terminal]
    if len(active) == 1:
        return active[0]
    if len(active) > 1:
        listed = ", ".join(f"{r.id} ({r.service} {r.kind}, {r.status})" for r in active)
        raise AmbiguousJob(f"{identifier} names {len(active)} running jobs: {listed}. Pass one of these ids.")
    if candidates:
        return candidates[-1]
    raise JobNotFound(identifier)
