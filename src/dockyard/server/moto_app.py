"""moto's server application (S3 and the rest), as an ASGI app on our port."""

from __future__ import annotations

from typing import Any


def _with_raw_uri(app: Any) -> Any:
    """Give moto the request URI as it arrived (``RAW_URI``, which werkzeug's and gunicorn's servers
    set and a2wsgi does not). Without it moto reads the percent-decoded path: a key with ``%3F`` (``?``)
    was cut at the ``?`` and ``%2F`` became a path separator."""

    def wsgi(environ: dict[str, Any], start_response: Any) -> Any:
        scope = environ.get("asgi.scope")
        if scope is not None and "RAW_URI" not in environ:
            raw = scope.get("raw_path") or scope["path"].encode("utf-8")
            query = scope.get("query_string", b"")
            environ["RAW_URI"] = (raw + (b"?" + query if query else b"")).decode("latin-1")
        return app(environ, start_response)

    return wsgi


def make_moto_asgi_app() -> Any:
    from a2wsgi import WSGIMiddleware
    from moto.moto_server.werkzeug_app import DomainDispatcherApplication, create_backend_app

    return WSGIMiddleware(_with_raw_uri(DomainDispatcherApplication(create_backend_app)), workers=8)
