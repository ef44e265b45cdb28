"""S3 access for job inputs and outputs through a boto3 client (embedded moto S3 or any endpoint)."""

from dockyard.blobs.s3_blobs import BlobStore, S3Location, parse_s3_uri

__all__ = ["BlobStore", "S3Location", "parse_s3_uri"]
