"""Amazon Q in Connect (``qconnect``; the older ``wisdom`` client is answered by the same handlers).

Both botocore models sign as ``wisdom`` and share one endpoint prefix: the gateway routes a request
both models match to ``qconnect`` (its shapes are a superset), and the serializer of the matched model
emits only that model's members.
"""

from dockyard.service_kit import ServiceSpec

SPEC = ServiceSpec(name="qconnect", also_models=("wisdom",))
