"""Bot replicas (Lex V2 Global Resiliency): a bot copied, with the same id, into the paired region.

Storage, in the SOURCE region's scope (``Database`` kind, id, parent)::

    bot-replica          BOTID/REGION           BOTID          {botId, replicaRegion, sourceRegion,
                                                                creationDateTime, jobId}
    bot-version-replica  BOTID/REGION/VERSION   BOTID/REGION   {botId, replicaRegion, botVersion,
                                                                creationDateTime, jobId}

A replica's status is its current job's (``jobId``: ``bot-replica`` Enabling -> Enabled / Failed,
then ``bot-replica-delete`` Deleting); a version replica's is its ``version-replica`` job's
(Creating -> Available / Failed). The copy itself lives in the REPLICA region's scope under the
same ids (bot, versions, locales, intents, slots, slot types, vocabulary), readable there with
that region's client; its bot document carries ``replicaSourceRegion`` (``read_only``).
"""

from __future__ import annotations

import time
from typing import Any

from dockyard.service_kit import JobRecord, Scope, ServiceDeps
from dockyard.services.lexv2_models.errors import conflict, not_found, precondition, validation
from dockyard.services.lexv2_models.resources import alias_source, bots, definition, keys, versions
from dockyard.services.lexv2_models.resources.keys import LocaleKey
from dockyard.services.lexv2_models.resources.read_only import SOURCE_REGION

Doc = dict[str, Any]
REPLICA = "bot-replica"
VERSION_REPLICA = "bot-version-replica"

# Global Resiliency works between pre-determined pairs of regions only (AWS's Lex V2 guide).
PAIRS = {"us-east-1": "us-west-2", "us-west-2": "us-east-1", "eu-west-2": "eu-central-1",
         "eu-central-1": "eu-west-2"}
SETTLED_BOT_STATUS = "Available"  # a bot caught mid-change in the source is copied as settled
LOCALE_STATUS_OF_COPY = {"Creating": "NotBuilt", "Building": "NotBuilt", "Importing": "NotBuilt",
                         "Processing": "NotBuilt"}  # a copy does not go on building
VERSION_STATUS_OF_REPLICA = {"Enabling": "Creating", "Enabled": "Available", "Deleting": "Deleting",
                             "Failed": "Failed"}


def replica_key(bot_id: str, region: str) -> str:
    return f"{bot_id}/{region}"


def replica_scope(scope: Scope, region: str) -> Scope:
    """The scope the copy lives in: same service and account, the replica's region."""
    return Scope(scope.service, scope.account, region)


def check_region(scope: Scope, region: str) -> None:
    """CreateBotReplica's region rules: another region, and the source region's Global Resiliency pair."""
    if region == scope.region:
        raise validation(f"The replica region {region} is the bot's own region; choose its paired region.")
    pair = PAIRS.get(scope.region)
    if pair is None:
        raise validation(f"Global Resiliency is not available for bots in {scope.region}; it works between "
                         "us-east-1 and us-west-2, and between eu-west-2 and eu-central-1.")
    if region != pair:
        raise validation(f"A bot in {scope.region} can only be replicated to {pair} (Global Resiliency works "
                         "between pre-determined pairs of regions).")


# -- documents -------------------------------------------------------------------------------------
def find(deps: ServiceDeps, scope: Scope, bot_id: str, region: str) -> Doc | None:
    return deps.db.get(scope, REPLICA, replica_key(bot_id, region))


def load(deps: ServiceDeps, scope: Scope, bot_id: str, region: str) -> Doc:
    doc = find(deps, scope, bot_id, region)
    if doc is None:
        raise not_found(f"Could not find a replica of bot {bot_id} in {region}.")
    return doc


def list_replicas(deps: ServiceDeps, scope: Scope, bot_id: str) -> list[Doc]:
    return deps.db.list(scope, REPLICA, parent=bot_id)


def new_replica(deps: ServiceDeps, scope: Scope, bot_id: str, region: str, job_id: str) -> Doc:
    """The replica document of a CreateBotReplica (the caller starts job ``job_id`` with it)."""
    db = deps.db
    bot = bots.load_bot(db, scope, bot_id)
    check_region(scope, region)
    bots.require_status(bot, ("Available",), "replicated")
    if find(deps, scope, bot_id, region) is not None:
        raise conflict(f"Bot {bot_id} already has a replica in {region}.")
    doc = {"botId": bot_id, "replicaRegion": region, "sourceRegion": scope.region, "creationDateTime": time.time(),
           "jobId": job_id}
    db.put(scope, REPLICA, replica_key(bot_id, region), doc, parent=bot_id)
    return doc


def set_job(deps: ServiceDeps, scope: Scope, doc: Doc, job_id: str) -> Doc:
    new = {**doc, "jobId": job_id}
    deps.db.put(scope, REPLICA, replica_key(doc["botId"], doc["replicaRegion"]), new, parent=doc["botId"])
    return new


def require_deletable(deps: ServiceDeps, doc: Doc) -> None:
    status = status_of(deps, doc)
    if status in ("Enabling", "Deleting"):
        raise precondition(f"The replica of bot {doc['botId']} in {doc['replicaRegion']} is {status} and cannot be "
                           "deleted now.")


def version_replicas(deps: ServiceDeps, scope: Scope, bot_id: str, region: str) -> list[Doc]:
    return deps.db.list(scope, VERSION_REPLICA, parent=replica_key(bot_id, region))


def new_version_replica(deps: ServiceDeps, scope: Scope, bot_id: str, region: str, version: str,
                        job_id: str) -> None:
    doc = {"botId": bot_id, "replicaRegion": region, "botVersion": version, "creationDateTime": time.time(),
           "jobId": job_id}
    deps.db.put(scope, VERSION_REPLICA, f"{replica_key(bot_id, region)}/{version}", doc,
                parent=replica_key(bot_id, region))


def forget(deps: ServiceDeps, scope: Scope, bot_id: str, region: str) -> None:
    """Drop the copy in the replica region and the replica's documents (one transaction)."""
    db = deps.db
    target = replica_scope(scope, region)
    with db.transaction():
        if db.get(target, keys.BOT, bot_id) is not None:
            bots.delete_bot_tree(db, target, bot_id)
        db.delete_children(target, alias_source.ALIAS_KIND, bot_id)
        db.delete_children(scope, VERSION_REPLICA, replica_key(bot_id, region))
        db.delete(scope, REPLICA, replica_key(bot_id, region))


def forget_version(deps: ServiceDeps, scope: Scope, bot_id: str, version: str) -> None:
    """A version deleted on the source goes from every replica region too (with its replica record)."""
    db = deps.db
    with db.transaction():
        for replica in db.list(scope, REPLICA, parent=bot_id):
            region = replica["replicaRegion"]
            target = replica_scope(scope, region)
            if db.get(target, keys.BOT_VERSION, keys.version_key(bot_id, version)) is not None:
                versions.delete_version_tree(db, target, bot_id, version)
            db.delete(scope, VERSION_REPLICA, f"{replica_key(bot_id, region)}/{version}")


def refresh_aliases(deps: ServiceDeps, scope: Scope, bot_id: str) -> None:
    """Copy the bot's aliases to every Enabled replica now (call after an alias changes on the source)."""
    for region in enabled_regions(deps, scope, bot_id):
        alias_source.copy_aliases(deps.db, scope, replica_scope(scope, region), bot_id)


# -- state: the jobs' ------------------------------------------------------------------------------
def _job(deps: ServiceDeps, doc: Doc) -> JobRecord | None:
    return deps.jobs.find(doc["jobId"])


def status_of(deps: ServiceDeps, doc: Doc) -> str:
    record = _job(deps, doc)
    return "Failed" if record is None else record.status


def failure_reasons(deps: ServiceDeps, doc: Doc) -> list[str]:
    record = _job(deps, doc)
    if record is None:
        return [f"The job of this replica ({doc['jobId']}) is gone."]
    if record.status != "Failed":
        return []
    return list(record.details.get("failureReasons") or [record.status_reason or "The replication failed."])


def view(deps: ServiceDeps, doc: Doc) -> Doc:
    """DescribeBotReplica / CreateBotReplica / a ListBotReplicas summary."""
    return {"botId": doc["botId"], "replicaRegion": doc["replicaRegion"], "sourceRegion": doc["sourceRegion"],
            "creationDateTime": doc["creationDateTime"], "botReplicaStatus": status_of(deps, doc),
            "failureReasons": failure_reasons(deps, doc)}


def version_view(deps: ServiceDeps, doc: Doc) -> Doc:
    return {"botVersion": doc["botVersion"], "botVersionReplicationStatus": status_of(deps, doc),
            "creationDateTime": doc["creationDateTime"], "failureReasons": failure_reasons(deps, doc),
            "versionNumber": int(doc["botVersion"])}


def alias_view(deps: ServiceDeps, scope: Scope, replica: Doc, alias: Doc) -> Doc:
    """A ListBotAliasReplicas summary: an alias is replicated once the version it points at is
    (DRAFT: once the replica is enabled)."""
    version = alias.get("botVersion") or keys.DRAFT
    if version == keys.DRAFT:
        status = VERSION_STATUS_OF_REPLICA.get(status_of(deps, replica), "Failed")
        reasons = failure_reasons(deps, replica)
    else:
        found = deps.db.get(scope, VERSION_REPLICA, f"{replica_key(replica['botId'], replica['replicaRegion'])}/"
                                                    f"{version}")
        if found is None:
            status, reasons = "Failed", [f"Version {version} is not replicated to {replica['replicaRegion']}."]
        else:
            status, reasons = status_of(deps, found), failure_reasons(deps, found)
    created = max(replica["creationDateTime"], alias.get("creationDateTime") or 0)
    return {"botAliasId": alias["botAliasId"], "botAliasReplicationStatus": status, "botVersion": version,
            "creationDateTime": created, "lastUpdatedDateTime": max(created, alias.get("lastUpdatedDateTime") or 0),
            "failureReasons": reasons}


# -- the copy --------------------------------------------------------------------------------------
class CopyRefused(Exception):
    """The replica region cannot take the copy (a reason for the job's failureReasons)."""


def _copy_locales(deps: ServiceDeps, source: Scope, target: Scope, bot_id: str, version: str) -> None:
    db = deps.db
    for locale in db.list(target, keys.LOCALE, parent=keys.version_key(bot_id, version)):
        definition.delete_locale_tree(db, LocaleKey(target, bot_id, version, locale["localeId"]))
    for locale in db.list(source, keys.LOCALE, parent=keys.version_key(bot_id, version)):
        if locale["botLocaleStatus"] == "Deleting":
            continue
        status = LOCALE_STATUS_OF_COPY.get(locale["botLocaleStatus"], locale["botLocaleStatus"])
        definition.copy_locale(db, LocaleKey(source, bot_id, version, locale["localeId"]),
                               LocaleKey(target, bot_id, version, locale["localeId"]), botLocaleStatus=status)


def copy_bot(deps: ServiceDeps, scope: Scope, bot_id: str, region: str) -> None:
    """Copy (or refresh) the bot and its DRAFT into the replica region, in one transaction."""
    db = deps.db
    target = replica_scope(scope, region)
    with db.transaction():
        bot = db.get(scope, keys.BOT, bot_id)
        if bot is None:
            raise CopyRefused(f"The source bot {bot_id} no longer exists in {scope.region}.")
        taken = next((b for b in db.list(target, keys.BOT) if b["botName"] == bot["botName"]
                      and b["botId"] != bot_id), None)
        if taken is not None:
            raise CopyRefused(f"A bot named {bot['botName']} (bot ID {taken['botId']}) already exists in {region}.")
        settled = bot["botStatus"] if bot["botStatus"] in ("Available", "Failed", "Inactive") else SETTLED_BOT_STATUS
        db.put(target, keys.BOT, bot_id, {**bot, "botStatus": settled, SOURCE_REGION: scope.region})
        _copy_locales(deps, scope, target, bot_id, keys.DRAFT)
        alias_source.copy_aliases(db, scope, target, bot_id)


def copy_version(deps: ServiceDeps, scope: Scope, bot_id: str, region: str, version: str) -> None:
    """Copy one numbered version (with a refresh of the bot and its DRAFT) into the replica region."""
    db = deps.db
    target = replica_scope(scope, region)
    with db.transaction():
        replica = find(deps, scope, bot_id, region)
        record = None if replica is None else _job(deps, replica)
        if record is None or record.kind != "bot-replica" or record.status == "Failed":
            raise CopyRefused(f"The replica of bot {bot_id} in {region} is no longer enabled.")
        doc = db.get(scope, keys.BOT_VERSION, keys.version_key(bot_id, version))
        if doc is None:
            raise CopyRefused(f"Version {version} of bot {bot_id} no longer exists in {scope.region}.")
        copy_bot(deps, scope, bot_id, region)
        db.put(target, keys.BOT_VERSION, keys.version_key(bot_id, version), dict(doc), parent=bot_id)
        _copy_locales(deps, scope, target, bot_id, version)


def numbered_versions(deps: ServiceDeps, scope: Scope, bot_id: str) -> list[str]:
    """The source's versions a new replica replicates (those that finished versioning)."""
    return [v["botVersion"] for v in deps.db.list(scope, keys.BOT_VERSION, parent=bot_id)
            if v.get("botStatus") == "Available"]


def enabled_regions(deps: ServiceDeps, scope: Scope, bot_id: str) -> list[str]:
    """The regions of the bot's replicas that are Enabled (where new versions replicate)."""
    return [d["replicaRegion"] for d in deps.db.list(scope, REPLICA, parent=bot_id)
            if status_of(deps, d) == "Enabled"]
