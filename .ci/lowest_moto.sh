#!/usr/bin/env bash
# The moto pin is "moto[server,s3]>=5.2,<6": `make test` runs against the newest moto the pin allows;
# this runs the tests that exercise moto (the server's fall-through, the in-process mock, S3 accounts,
# presigned URLs, the serve command) against the lowest one, so no code relies on newer moto API.
set -euo pipefail
cd "$(dirname "$0")/.."
VENV=.venv-moto-lowest
test -d "$VENV" || python3 -m venv "$VENV"
"$VENV/bin/pip" install --quiet --upgrade pip
"$VENV/bin/pip" install --quiet -e '.[dev]' 'moto[server,s3]==5.2.0'
"$VENV/bin/python" -c "import moto; print('moto', moto.__version__)"
"$VENV/bin/pytest" -n 2 -m "not slow" tests/server tests/mocking tests/cli tests/test_readme_examples.py
