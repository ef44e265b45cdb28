"""moto's server application (S3 and the rest), as an ASGI app on our port."""

from __future__ import annotations

from typing import Any


def make_moto_asgi_app() -> Any:
    from a2wsgi import WSGIMiddleware
    from moto.moto_server.werkzeug_app import DomainDispatcherApplication, create_backend_app

    return WSGIMiddleware(DomainDispatcherApplication(create_backend_app), workers=8)
