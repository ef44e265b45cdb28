"""Amazon Q in Connect (``qconnect``; the older ``wisdom`` client is answered by the same handlers)."""

from dockyard.service_kit import ServiceSpec

SPEC = ServiceSpec(name="qconnect")
