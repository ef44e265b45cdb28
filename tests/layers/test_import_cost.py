"""What importing a layer loads: a low layer never pulls in a higher one at import time (checked in a
fresh interpreter, so function-level imports that ran elsewhere do not hide anything)."""

from __future__ import annotations

import subprocess
import sys

import pytest

ABOVE = {
    "dockyard.protocol": ("dockyard.gateway", "dockyard.jobs", "dockyard.services", "dockyard.server"),
    "dockyard.faults": ("dockyard.jobs", "dockyard.gateway", "dockyard.protocol"),
    "dockyard.jobs": ("dockyard.gateway", "dockyard.services", "dockyard.server", "dockyard.control"),
    "dockyard.service_kit": ("dockyard.gateway", "dockyard.server", "dockyard.runtime", "dockyard.mocking"),
}


def _loaded_after(module: str) -> set[str]:
    code = f"import sys, {module}; print('\\n'.join(sorted(m for m in sys.modules if m.startswith('dockyard'))))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    return set(out.split())


@pytest.mark.parametrize("module", sorted(ABOVE))
def test_importing_a_layer_loads_nothing_above_it(module):
    loaded = _loaded_after(module)
    assert module in loaded
    assert sorted(m for m in loaded if m.startswith(ABOVE[module])) == []
