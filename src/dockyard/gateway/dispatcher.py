"""The gateway: which service and operation a request is, then parse, validate, handle, serialise.

``dispatch`` answers None for requests that are not ours (the front door hands them to moto).
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from dockyard.gateway import lex_disambiguation
from dockyard.gateway.body_limits import max_api_body
from dockyard.gateway.identity import Identity, identify, valid_region
from dockyard.gateway.moto_coverage import moto_implements
from dockyard.protocol.errors import AwsError, NotImplementedOperation
from dockyard.protocol.http_message import HttpRequest, HttpResponse
from dockyard.protocol.models import service_model, service_models
from dockyard.protocol.request_parser import ParseError, parse_request
from dockyard.protocol.response_serializer import serialize_error, serialize_response
from dockyard.protocol.routing import Route, Router
from dockyard.protocol.validator import type_violation, validate_input
from dockyard.service_kit import NOT_MINE, RequestContext, ServiceDeps, ServiceSpec
from dockyard.services.registry import spec_by_model

if TYPE_CHECKING:
    from dockyard.faults import Throttles

log = logging.getLogger("dockyard.gateway")
_RESOLVED_LIMIT = 4096  # memoised routes (paths carry resource ids: bounded, cleared when full)


class Gateway:
    """Answers the requests of every service the registry found, for one runtime's ``deps``."""

    def __init__(self, deps: ServiceDeps, faults: Throttles) -> None:
        self.deps = deps
        self.faults = faults
        self.specs: dict[str, ServiceSpec] = spec_by_model()  # botocore model -> spec
        self.router = Router(service_models(self.specs))
        by_signing: dict[str, frozenset[str]] = {}
        for model_name in self.specs:
            signing = service_model(model_name).signing_name
            by_signing[signing] = by_signing.get(signing, frozenset()) | {model_name}
        self._by_signing = by_signing
        self.signing_names = frozenset(by_signing)
        # models some of whose operations moto answers: what Dockyard does not answer falls through
        self.moto_serves_too = frozenset(m for m, spec in self.specs.items() if spec.moto_serves_too)
        self._resolved: dict[tuple[str, str, frozenset[str]], tuple[Route, dict[str, str]]] = {}

    def dispatch(self, request: HttpRequest, identity: Identity | None = None) -> HttpResponse | None:
        """The answer to ``request`` (None: not ours); ``identity`` is its signer's when the caller
        knows it without a signature (the in-process door's direct answers), else read from it."""
        if identity is None:
            identity = identify(request)
        services = self.candidate_services(identity.signing_service, request.host)
        if services is None:
            if identity.signing_service is None:
                return self._unsigned(request)
            return None
        limit = max_api_body()
        if len(request.body) > limit:
            return serialize_error(
                service_model(sorted(services)[0]),
                AwsError(
                    "RequestEntityTooLargeException",
                    f"Request body exceeds the limit of {limit} bytes",
                    status=413,
                ),
            )
        if not valid_region(identity.region):
            return serialize_error(
                service_model(sorted(services)[0]),
                AwsError(
                    "InvalidSignatureException",
                    "Credential should be scoped to a valid region.",
                    status=403,
                ),
            )
        found = self.resolve(request, services)
        if found is None:
            if services <= self.moto_serves_too:
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

    def _unsigned(self, request: HttpRequest) -> HttpResponse | None:
        """An unsigned request to one of our routes: AWS answers 403 before any service sees it
        (anything else unsigned, such as anonymous S3 access, is moto's)."""
        found = self.router.candidates(request.method, request.path, request.query)
        if not found:
            return None
        name = found[0][0].service
        return serialize_error(
            service_model(name),
            AwsError("MissingAuthenticationTokenException", "Missing Authentication Token", status=403),
        )

    def candidate_services(self, signing_service: str | None, host: str) -> frozenset[str] | None:
        """The botocore services a request signed for ``signing_service`` can be (None: not ours)."""
        services = self._by_signing.get(signing_service or "")
        if services is not None and signing_service == "lex":
            services = lex_disambiguation.services_for_host(host)
        return services

    def resolve(self, request: HttpRequest, services: frozenset[str]) -> tuple[Route, dict[str, str]] | None:
        """The operation a request is, with its uri labels (memoised for requests without a query
        string whose route follows from method, path and services alone)."""
        key = (request.method, request.path, services) if not request.query else None
        if key is not None and (known := self._resolved.get(key)) is not None:
            return known[0], dict(known[1])
        found = self.router.candidates(request.method, request.path, request.query, services)
        if not found:
            return None
        if len(found) > 1:
            owners = {self.specs[r.service].name for r, _ in found if r.service in self.specs}
            if len(owners) != 1:
                wanted = lex_disambiguation.pick_lex_service(request, found[0][1])  # reads the request
                return next(((r, lb) for r, lb in found if r.service == wanted), found[0])
            # one spec answers every match (qconnect and its older wisdom model share paths and the
            # signing name; nothing in the request tells the clients apart): the spec's own model,
            # whose shapes are the superset; a client's parser ignores members its model lacks
            own = owners.pop()
            chosen = next(((r, lb) for r, lb in found if r.service == own), found[0])
        else:
            chosen = found[0]
        if key is not None:
            if len(self._resolved) >= _RESOLVED_LIMIT:
                self._resolved.clear()
            self._resolved[key] = (chosen[0], dict(chosen[1]))
        return chosen

    def _handle(
        self, route: Route, labels: dict[str, str], request: HttpRequest, account: str, region: str
    ) -> HttpResponse | None:
        op = route.operation
        spec = self.specs.get(route.service)
        model = service_model(route.service)
        handler = None if spec is None else spec.handlers.get(op.name)
        if handler is None and route.service in self.moto_serves_too and moto_implements(route.service, op.name):
            return None
        try:
            if handler is None:
                raise NotImplementedOperation(route.service, op.name, spec.not_implemented.get(op.name))
            if self.faults.should_throttle(route.service, op.name):
                raise AwsError(spec.throttling_code, "Rate exceeded")
            self.faults.hold(route.service, op.name)  # an injected delay: a slow handler on demand
            try:
                params = parse_request(op, labels, request.query, request.headers, request.body)
            except ParseError as exc:
                raise self._as_validation(spec, type_violation(exc.path, exc.value, exc.expected)) from exc
            params = spec.normalize_input(op, params)  # enum spellings AWS accepts (docs/decisions.md)
            try:
                validate_input(params, op.input_shape)
            except AwsError as exc:
                raise self._as_validation(spec, exc) from exc
            ctx = RequestContext(self.deps, spec.name, op.name, account, region, model=route.service,
                                 accept=request.headers.get("accept", ""))
            output = handler(ctx, params)
            if output is NOT_MINE and route.service in self.moto_serves_too:
                return None  # the handler says the request is moto's (e.g. tags of a moto resource)
            return serialize_response(op, output or {})
        except AwsError as exc:
            return serialize_error(model, exc)
        except Exception:  # a bug: answer like AWS does, never crash the process
            log.exception("%s %s failed", route.service, op.name)
            return serialize_error(
                model,
                AwsError(
                    "InternalServerException",
                    f"Dockyard failed to process {op.name}; the server log has the details.",
                    status=500,
                ),
            )

    @staticmethod
    def _as_validation(spec, exc: AwsError) -> AwsError:  # type: ignore[no-untyped-def]
        if spec is None:
            return exc
        return AwsError(spec.validation_code, exc.message, **spec.validation_fields)
