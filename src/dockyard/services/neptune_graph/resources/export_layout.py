"""Where an export task's files go under its ``destination`` (AWS documents no key naming; ours):

    <destination>/<taskId>/vertices/<label dir>/part-00000.csv      (or .parquet)
    <destination>/<taskId>/edges/<label dir>/part-00000.csv

``<label dir>`` is the label percent-encoded (every character but ``A-Za-z0-9_.-``), cut to 100
characters plus ``-`` and 8 hex digits of its SHA-1 when longer; ``(no-label)`` holds label-less
vertices of an unfiltered export and ``(all-labels)`` the single schema of ``_VERTEX_ALL_LABELS_`` /
``_EDGE_ALL_LABELS_`` (parentheses never occur in an encoded label). A label's rows go to
``part-00000``, ``part-00001``, ... a new file once the current one reaches the size threshold
(``DOCKYARD_NEPTUNE_EXPORT_FILE_BYTES``, default 64 MiB). Nothing else is written under the task
folder, so the folder imports as it is (StartImportTask with ``source=<destination>/<taskId>/``).
"""

from __future__ import annotations

import hashlib
import os
from urllib.parse import quote

from dockyard.service_kit import S3Location, parse_s3_uri

NO_LABEL_DIR = "(no-label)"
ALL_LABELS_DIR = "(all-labels)"
FILE_BYTES_ENV = "DOCKYARD_NEPTUNE_EXPORT_FILE_BYTES"
DEFAULT_FILE_BYTES = 64 << 20
MAX_DIR_CHARS = 100
EXTENSIONS = {"CSV": "csv", "PARQUET": "parquet"}


def file_bytes_threshold() -> int:
    """The size past which a label's next rows start a new file."""
    raw = os.environ.get(FILE_BYTES_ENV, "")
    try:
        return max(1, int(raw)) if raw.strip() else DEFAULT_FILE_BYTES
    except ValueError:
        return DEFAULT_FILE_BYTES


def task_folder(destination: str, task_id: str) -> S3Location:
    """``s3://bucket/prefix/<taskId>/`` as a location whose key ends with ``/``."""
    dest = parse_s3_uri(destination)
    prefix = dest.key.strip("/")
    return S3Location(dest.bucket, f"{prefix}/{task_id}/" if prefix else f"{task_id}/")


def label_dir(label: str | None, all_labels: bool = False) -> str:
    """The folder name of one label's file set."""
    if all_labels:
        return ALL_LABELS_DIR
    if label is None:
        return NO_LABEL_DIR
    encoded = quote(label, safe="")
    if len(encoded) <= MAX_DIR_CHARS:
        return encoded
    return f"{encoded[:MAX_DIR_CHARS]}-{hashlib.sha1(label.encode()).hexdigest()[:8]}"


def file_location(folder: S3Location, element: str, group_dir: str, index: int, fmt: str) -> S3Location:
    """The object of one file: ``element`` is ``vertices`` or ``edges``."""
    return S3Location(folder.bucket, f"{folder.key}{element}/{group_dir}/part-{index:05d}.{EXTENSIONS[fmt]}")
