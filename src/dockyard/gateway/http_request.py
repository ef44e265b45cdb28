"""The request and response types of the front doors; they live in ``dockyard.protocol.http_message``."""

from dockyard.protocol.http_message import HttpRequest, HttpResponse

__all__ = ["HttpRequest", "HttpResponse"]
