"""The gateway: which service and operation a request is, then parse, validate, handle, serialise.

``dispatch`` answers None for requests that are not ours (the front door hands them to moto).
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from dockyard.gateway import lex_disambiguation
from dockyard.gateway.http_request import HttpRequest, HttpResponse
from dockyard.gateway.identity import identify
from dockyard.gateway.request_context import RequestContext
from dockyard.protocol.errors import AwsError, NotImplementedOperation
from dockyard.protocol.models import SERVICES, all_service_models, service_model
from dockyard.protocol.request_parser import ParseError, parse_request
from dockyard.protocol.response_serializer import serialize_error, serialize_response
from dockyard.protocol.routing import Route, Router
from dockyard.protocol.validator import type_violation, validate_input
from dockyard.services.registry import service_specs

if TYPE_CHECKING:
    from dockyard.runtime import Runtime

log = logging.getLogger("dockyard.gateway")

# Services moto implements parts of: what Dockyard does not answer falls through to moto.
MOTO_SERVES_TOO = frozenset({"bedrock"})

_BY_SIGNING: dict[str, frozenset[str]] = {}
for _name, _signing in SERVICES.items():
    _BY_SIGNING[_signing] = _BY_SIGNING.get(_signing, frozenset()) | {_name}


class Gateway:
    def __init__(self, runtime: Runtime) -> None:
        self.runtime = runtime
        self.router = Router(all_service_models())
        self.specs = service_specs()

    def dispatch(self, request: HttpRequest) -> HttpResponse | None:
        identity = identify(request)
        services = self.candidate_services(identity.signing_service, request.host)
        if services is None:
            return None
        found = self.resolve(request, services)
        if found is None:
            if services <= MOTO_SERVES_TOO:
                return None
            name = sorted(services)[0]
            return serialize_error(
                service_model(name),
                AwsError(
                    "UnknownOperationException",
                    f"No {'/'.join(sorted(services))} operation matches {request.method} {request.path}",
                    status=404,
                ),
            )
        route, labels = found
        return self._handle(route, labels, request, identity.account, identity.region)

    @staticmethod
    def candidate_services(signing_service: str | None, host: str) -> frozenset[str] | None:
        """The botocore services a request signed for ``signing_service`` can be (None: not ours)."""
        services = _BY_SIGNING.get(signing_service or "")
        if services is not None and signing_service == "lex":
            services = lex_disambiguation.services_for_host(host)
        return services

    def resolve(self, request: HttpRequest, services: frozenset[str]) -> tuple[Route, dict[str, str]] | None:
        """The operation a request is, with its uri labels."""
        found = self.router.candidates(request.method, request.path, request.query, services)
        if not found:
            return None
        if len(found) > 1:
            wanted = lex_disambiguation.pick_lex_service(request, found[0][1])
            return next(((r, lb) for r, lb in found if r.service == wanted), found[0])
        return found[0]

    def _handle(
        self, route: Route, labels: dict[str, str], request: HttpRequest, account: str, region: str
    ) -> HttpResponse | None:
        op = route.operation
        spec = self.specs.get(route.service)
        model = service_model(route.service)
        handler = None if spec is None else spec.handlers.get(op.name)
        if handler is None and route.service in MOTO_SERVES_TOO:
            return None
        try:
            if handler is None:
                raise NotImplementedOperation(route.service, op.name)
            if self.runtime.faults.should_throttle(route.service, op.name):
                raise AwsError(spec.throttling_code, "Rate exceeded")
            try:
                params = parse_request(op, labels, request.query, request.headers, request.body)
            except ParseError as exc:
                raise self._as_validation(spec, type_violation(exc.path, exc.value, exc.expected)) from exc
            try:
                validate_input(params, op.input_shape)
            except AwsError as exc:
                raise self._as_validation(spec, exc) from exc
            ctx = RequestContext(self.runtime, route.service, op.name, account, region, request)
            output = handler(ctx, params)
            return serialize_response(op, output or {})
        except AwsError as exc:
            return serialize_error(model, exc)
        except Exception as exc:  # a bug: answer like AWS does, never crash the process
            log.exception("%s %s failed", route.service, op.name)
            return serialize_error(
                model,
                AwsError("InternalServerException", f"Internal error in Dockyard: {exc!r}", status=500),
            )

    @staticmethod
    def _as_validation(spec, exc: AwsError) -> AwsError:  # type: ignore[no-untyped-def]
        if spec is None:
            return exc
        return AwsError(spec.validation_code, exc.message, **spec.validation_fields)
