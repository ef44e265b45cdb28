"""Where Lex V2 import uploads and export archives live, and their presigned URLs.

Both live in one internal bucket per account and region, ``dockyard-lexv2-<account>-<region>``,
in the deps's blob store (the embedded S3, or ``DOCKYARD_S3_ENDPOINT``)::

    uploads/<importId>                 the file PUT to CreateUploadUrl's uploadUrl
    exports/<exportId>/<file name>     the archive DescribeExport's downloadUrl serves
    exports/<exportId>/plain.zip       the same archive unencrypted (UpdateExport re-encrypts it)
    discrepancy-reports/<reportId>/discrepancies.json
                                       a test-set discrepancy report's raw output

URLs are valid for :data:`URL_LIFETIME_SECONDS` (5 minutes, as AWS documents).
"""

from __future__ import annotations

from botocore.exceptions import ClientError

from dockyard.service_kit import S3Location, Scope, ServiceDeps

URL_LIFETIME_SECONDS = 300


def bucket(scope: Scope) -> str:
    return f"dockyard-lexv2-{scope.account}-{scope.region}".lower()


def upload_location(scope: Scope, import_id: str) -> S3Location:
    return S3Location(bucket(scope), f"uploads/{import_id}")


def export_location(scope: Scope, export_id: str, file_name: str) -> S3Location:
    return S3Location(bucket(scope), f"exports/{export_id}/{file_name}")


def plain_export_location(scope: Scope, export_id: str) -> S3Location:
    return S3Location(bucket(scope), f"exports/{export_id}/plain.zip")


def discrepancy_report_location(scope: Scope, report_id: str) -> S3Location:
    return S3Location(bucket(scope), f"discrepancy-reports/{report_id}/discrepancies.json")


def ensure_bucket(deps: ServiceDeps, scope: Scope) -> None:
    deps.blobs.ensure_bucket(bucket(scope))


def _presign(deps: ServiceDeps, method: str, location: S3Location) -> str:
    blobs = deps.blobs
    if method == "put_object":
        return blobs.presign_put(location, URL_LIFETIME_SECONDS)
    return blobs.presign_get(location, URL_LIFETIME_SECONDS)


def presign_upload(deps: ServiceDeps, location: S3Location) -> str:
    return _presign(deps, "put_object", location)


def presign_download(deps: ServiceDeps, location: S3Location) -> str:
    return _presign(deps, "get_object", location)


def read(deps: ServiceDeps, location: S3Location) -> bytes | None:
    """The object's bytes, None when it does not exist."""
    try:
        return deps.blobs.get_bytes(location)
    except ClientError as exc:
        if exc.response.get("Error", {}).get("Code") in ("NoSuchKey", "NoSuchBucket", "404"):
            return None
        raise


def remove(deps: ServiceDeps, location: S3Location) -> None:
    try:
        deps.blobs.delete(location)
    except ClientError:
        pass
