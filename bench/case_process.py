"""Run one benchmark case in a fresh Python process, so its peak RSS (``ru_maxrss``) is its own."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent


def run_case_in_subprocess(module: str, function: str, *args: Any) -> dict:
    """``bench.<module>.<function>(*args)`` in a subprocess (``args`` must be JSON values); what it answers."""
    code = (
        "import json, sys; sys.path.insert(0, sys.argv[1]); "
        f"from bench.{module} import {function} as case; "
        "print(json.dumps(case(*json.loads(sys.argv[2]))))"
    )
    out = subprocess.run([sys.executable, "-c", code, str(ROOT), json.dumps(args)], check=True,
                         capture_output=True, text=True)
    return json.loads(out.stdout.strip().splitlines()[-1])
