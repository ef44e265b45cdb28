"""S3 access for job inputs and outputs through a boto3 client (embedded moto S3 or any endpoint)."""

from dockyard.blobs.s3_access import INTERNAL_ACCOUNT
from dockyard.blobs.s3_blobs import INTERNAL_ACCESS_KEY, BlobStore, S3Location, parse_s3_uri

__all__ = ["INTERNAL_ACCESS_KEY", "INTERNAL_ACCOUNT", "BlobStore", "S3Location", "parse_s3_uri"]
