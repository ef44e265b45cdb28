"""Random resource ids in the shapes AWS uses (``g-`` + 10 characters, 10-character Lex ids...)."""

from __future__ import annotations

import secrets
import string

LOWER_ALNUM = string.ascii_lowercase + string.digits
UPPER_ALNUM = string.ascii_uppercase + string.digits


def random_id(length: int, alphabet: str = LOWER_ALNUM, prefix: str = "") -> str:
    return prefix + "".join(secrets.choice(alphabet) for _ in range(length))
