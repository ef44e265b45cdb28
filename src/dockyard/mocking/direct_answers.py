"""The botocore ``before-call`` handler that answers our services' successful calls in-process
without the wire's costs.

Inside ``dockyard.mock()`` nothing travels: signing a request that no one verifies, preparing it
for a socket, emitting ``before-send``/``needs-retry`` over every handler and wrapping the answer
in an HTTP response cost about half of an in-process call (0.38 ms for an ``ExecuteQuery`` of
``RETURN 1``). botocore's own ``Stubber`` answers at ``before-call`` for that reason; this handler
does the same for requests Dockyard serves, with the same gateway, the same serialised request
(botocore has already validated and serialised the parameters and resolved the endpoint) and the
same parser botocore would use on the answer:

- a 2xx answer is parsed and returned here (``after-call`` handlers still run);
- any other answer (an error, or a request Dockyard leaves to moto) is kept in the call's context
  and handed to ``before-send`` by ``botocore_hook``, so botocore signs, retries and parses errors
  exactly as on the wire, without running the operation twice;
- a call with no credentials, an unsigned client, a streaming or compressed body, or a client with
  handlers of its user's own on the wire path's events (``wire_listeners``) is not touched:
  botocore's usual path (and its own errors) applies.
"""

from __future__ import annotations

from typing import Any

import botocore
from botocore.awsrequest import AWSResponse
from botocore.endpoint import convert_to_response_dict
from botocore.parsers import create_parser

from dockyard.gateway.identity import DEFAULT_ACCOUNT, Identity, account_of_key
from dockyard.mocking.raw_response import RawResponse
from dockyard.mocking.wire_listeners import user_listens
from dockyard.protocol.http_message import HttpRequest

ANSWER_KEY = "dockyard_answer"  # the context entry ``before-send`` takes a kept answer from
_parsers: dict[str, Any] = {}


class DirectAnswers:
    """Answers at ``before-call`` for the innermost active mock of ``stubber``."""

    def __init__(self, stubber: Any) -> None:
        self._stubber = stubber

    def __call__(self, model: Any, params: dict, request_signer: Any, context: dict, **kwargs: Any) -> Any:
        runtime = self._stubber.current()
        if runtime is None:
            return None
        signing = context.get("signing") or {}
        service = signing.get("signing_name") or request_signer.signing_name
        gateway = runtime.gateway
        if service not in gateway.signing_names or not _plain(model, params, request_signer):
            return None
        if user_listens(request_signer, model.service_model.service_id.hyphenize(), model.name):
            return None  # the user's own handlers on the wire path see the request as on the wire
        region = signing.get("region") or request_signer.region_name
        try:
            credentials = getattr(request_signer.get_auth_instance(service, region), "credentials", None)
        except Exception:  # botocore's own path raises its own error (unknown signer, no region, ...)
            return None
        if credentials is None or region is None:
            return None  # botocore raises NoCredentialsError / NoRegionError on its own path
        sent = params["body"]
        if isinstance(sent, str):
            sent = sent.encode("utf-8")
        headers = {k: (v.decode("utf-8") if isinstance(v, bytes) else str(v)) for k, v in params["headers"].items()}
        request = HttpRequest.from_url(params["method"], params["url"], headers, bytes(sent or b""))
        identity = Identity(service, region, account_of_key(credentials.access_key, DEFAULT_ACCOUNT))
        response = gateway.dispatch(request, identity)
        if response is None or response.status >= 300:
            context[ANSWER_KEY] = response  # botocore's own path signs, retries and parses it
            return None
        body = b"" if response.status == 204 else response.body  # an HTTP client reads no 204 body
        http = AWSResponse(params["url"], response.status, response.headers, RawResponse(body))
        parsed = _parser(model).parse(convert_to_response_dict(http, model), model.output_shape)
        parsed.setdefault("ResponseMetadata", {})["RetryAttempts"] = 0
        return http, parsed


def _plain(model: Any, params: dict, request_signer: Any) -> bool:
    """Whether a call is one this handler may answer: a signed client and an in-memory body."""
    if request_signer.signature_version is botocore.UNSIGNED or model.has_streaming_input:
        return False
    if getattr(model, "request_compression", None):
        return False
    body = params.get("body")
    return body is None or isinstance(body, (bytes, bytearray, str))


def _parser(model: Any) -> Any:
    service = model.service_model
    protocol = getattr(service, "resolved_protocol", None) or service.metadata["protocol"]
    parser = _parsers.get(protocol)
    if parser is None:
        parser = _parsers[protocol] = create_parser(protocol)
    return parser

