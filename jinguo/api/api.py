"""The platform's HTTP API: /api/v1/, OpenAPI at /api/v1/openapi.json, docs at /api/v1/docs.

Handlers are thin: they call the same selectors and services as the pages, so scope and audit
hold here exactly as in the UI. Errors are 4xx with a reason, never 5xx.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from ninja import NinjaAPI
from ninja.errors import HttpError
from ninja.parser import Parser

from jinguo.api.auth import BearerToken, SessionAuth
from jinguo.core.confirm import NeedsConfirmation
from jinguo.core.text import check_no_surrogates

ERROR_RESPONSES = {
    400: "Invalid data: `detail` maps each field to its messages",
    401: "No valid bearer token or session, or one the security gate refuses: `detail` says why",
    403: "Permission denied in this unit",
    404: "Not found, or outside the caller's units",
    409: "The values need confirming (`confirm` lists each caution: send its `code` back in the body's `confirm`), "
    "or a request with this Idempotency-Key is still being processed",
    422: "Malformed parameters or body",
}


class JinguoAPI(NinjaAPI):
    """The API, with the error responses every operation can give written into the OpenAPI document."""

    def get_openapi_schema(self, *args, **kwargs):
        schema = super().get_openapi_schema(*args, **kwargs)
        schema.setdefault("components", {}).setdefault("schemas", {})["ErrorDetail"] = {
            "type": "object",
            "properties": {"detail": {}},
            "required": ["detail"],
        }
        ref = {"application/json": {"schema": {"$ref": "#/components/schemas/ErrorDetail"}}}
        for path in schema.get("paths", {}).values():
            for operation in path.values():
                responses = operation.setdefault("responses", {})
                for code, text in ERROR_RESPONSES.items():
                    if code not in responses and str(code) not in responses:
                        responses[code] = {"description": text, "content": ref}
        return schema


class JsonParser(Parser):
    """JSON bodies, refused with the field's name when a string holds a lone surrogate ("\\ud800").

    Such a string would pass the schema and fail only when the database encodes it: a 500.
    """

    def parse_body(self, request):
        data = super().parse_body(request)
        check_no_surrogates(data)
        return data


api = JinguoAPI(
    title="北疆巾帼 API",
    version="1",
    description="Org tree, people and (as modules land) outreach, honours, media and volunteering. "
    "Every list is scoped to the caller's org subtree.",
    auth=[BearerToken(), SessionAuth()],
    urls_namespace="api",
    parser=JsonParser(),
)


@api.exception_handler(ValidationError)
def _validation_error(request, exc: ValidationError):
    detail = exc.message_dict if hasattr(exc, "error_dict") else {"__all__": exc.messages}
    return api.create_response(request, {"detail": detail}, status=400)


@api.exception_handler(NeedsConfirmation)
def _needs_confirmation(request, exc: NeedsConfirmation):
    return api.create_response(request, {"detail": exc.detail, "confirm": exc.as_json()}, status=409)


@api.exception_handler(HttpError)
def _http_error(request, exc: HttpError):
    # ninja wraps every error of the body parser in "Cannot parse request body"; keep our reason.
    if isinstance(exc.__cause__, ValidationError):
        return _validation_error(request, exc.__cause__)
    return api.create_response(request, {"detail": str(exc)}, status=exc.status_code)


@api.exception_handler(PermissionDenied)
def _permission_denied(request, exc):
    return api.create_response(request, {"detail": str(exc) or "permission denied"}, status=403)


@api.exception_handler(Http404)
def _not_found(request, exc):
    return api.create_response(request, {"detail": "not found"}, status=404)


# Every module's routers, as its manifest declares them.
from jinguo.core import modules  # noqa: E402

for _module in modules.modules():
    for _path, _router in _module.api:
        api.add_router(_path, modules.resolve(_router))
