"""Bedrock custom model import (``bedrock``): model import jobs and imported models.

Every other Bedrock operation falls through to moto.
"""

from dockyard.service_kit import ServiceSpec

SPEC = ServiceSpec(name="bedrock", moto_serves_too=True)
