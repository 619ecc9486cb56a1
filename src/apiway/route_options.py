"""The route options only typed routes and OpenAPI documents read, checked where they are given.

The route decorators take the Powertools keywords (``summary``, ``tags``, ``enable_validation``,
``custom_response_validation_http_code``, ...); a route that keeps them all at their defaults
stores nothing, and this module loads only for apps that set one.
"""

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Mapping
    from typing import Any

    from apiway.registry import Route
    from apiway.resolvers import BaseResolver


def _route_error(message: str) -> Exception:
    """An :class:`apiway.exceptions.RouteError` (its module loads only when one is raised)."""
    from apiway.exceptions import RouteError as error_class

    return error_class(message)


#: What the decorators default ``response_description`` to (Powertools' wording).
DEFAULT_RESPONSE_DESCRIPTION = "Successful Response"

#: The options a route plan takes, with their defaults (``response_description`` None: the
#: document writes :data:`DEFAULT_RESPONSE_DESCRIPTION`).
OPTION_DEFAULTS: "dict[str, Any]" = {
    "summary": None,
    "description": None,
    "responses": None,
    "response_description": None,
    "tags": None,
    "operation_id": None,
    "include_in_schema": True,
    "security": None,
    "openapi_extensions": None,
    "deprecated": False,
    "enable_validation": None,
    "custom_response_validation_http_code": None,
    "status_code": 200,
}


_UNKNOWN = object()


def status_code_option(name: str, code: "Any", label: str) -> int:
    """``code`` (an int or ``HTTPStatus``) as an int; refused unless it is an HTTP status code."""
    if isinstance(code, bool) or not isinstance(code, int) or not 100 <= int(code) <= 599:
        raise _route_error(f"{label}: {name} must be an HTTP status code (100-599), not {code!r}")
    return int(code)


def route_options(options: "Mapping[str, Any] | None", label: str) -> "dict[str, Any]":
    """The options with defaults filled in; unknown names and wrong kinds are refused,
    ``label`` (``"route GET /todos"``) starting the message."""
    given = dict(options or {})
    for name, value in given.items():
        if value is not OPTION_DEFAULTS.get(name, _UNKNOWN):
            break
    else:
        return dict(OPTION_DEFAULTS)  # perf: every option given is the default (a route's status 200)
    unknown = sorted(set(given) - set(OPTION_DEFAULTS))
    if unknown:
        raise _route_error(f"{label}: unknown route option(s) {unknown}; valid: {', '.join(OPTION_DEFAULTS)}")
    merged = {**OPTION_DEFAULTS, **given}
    for name in ("include_in_schema", "deprecated"):
        if not isinstance(merged[name], bool):
            raise _route_error(f"{label}: {name} must be True or False, not {merged[name]!r}")
    if merged["enable_validation"] is not None and not isinstance(merged["enable_validation"], bool):
        raise _route_error(f"{label}: enable_validation must be True, False or None")
    code = merged["custom_response_validation_http_code"]
    if code is not None:
        merged["custom_response_validation_http_code"] = status_code_option(
            "custom_response_validation_http_code", code, label
        )
    merged["status_code"] = status_code_option("status_code", merged["status_code"], label)
    responses = merged["responses"]
    if responses is not None and (
        not isinstance(responses, dict) or not all(isinstance(item, dict) for item in responses.values())
    ):
        raise _route_error(
            f"{label}: responses must map status codes to OpenAPI response dicts, not {responses!r}"
        )
    tags = merged["tags"]
    if tags is not None and (isinstance(tags, str) or not all(isinstance(tag, str) for tag in tags)):
        raise _route_error(f"{label}: tags must be a list of strings, not {tags!r}")
    for name in ("summary", "description", "response_description", "operation_id"):
        if merged[name] is not None and not isinstance(merged[name], str):
            raise _route_error(f"{label}: {name} must be a string, not {merged[name]!r}")
    for name in ("openapi_extensions",):
        if merged[name] is not None and not isinstance(merged[name], dict):
            raise _route_error(f"{label}: {name} must be a dict, not {merged[name]!r}")
    security = merged["security"]
    if security is not None and (
        not isinstance(security, list) or not all(isinstance(item, dict) for item in security)
    ):
        raise _route_error(f"{label}: security must be a list of requirement dicts, not {security!r}")
    return merged


def given_options(label: str, options: "dict[str, Any]") -> "dict[str, Any]":
    """The options of a decorator call that differ from their defaults, checked (the
    ``custom_response_validation_http_code`` as an int)."""
    if options.get("response_description") == DEFAULT_RESPONSE_DESCRIPTION:
        del options["response_description"]
    merged = route_options(options, label)
    return {name: merged[name] for name in options if merged[name] != OPTION_DEFAULTS[name]}


def validation_settings(enable_validation: "Any", code: "Any") -> "tuple[bool, int | None]":
    """A resolver's ``enable_validation`` (None counts as False) and
    ``response_validation_error_http_code``, checked."""
    if enable_validation is None:
        enable_validation = False
    if not isinstance(enable_validation, bool):
        raise TypeError(f"enable_validation must be True or False, not {enable_validation!r}")
    if code is None:
        return enable_validation, None
    if not enable_validation:
        raise ValueError(
            "response_validation_error_http_code is the status of responses that fail validation: "
            "it needs enable_validation=True"
        )
    return enable_validation, status_code_option("response_validation_error_http_code", code, "resolver")


def validated(app: "BaseResolver", route: "Route") -> bool:
    """Whether ``route`` validates: its own ``enable_validation``, else the resolver's."""
    options = route.options
    flag = options.get("enable_validation") if options else None
    return app.enable_validation if flag is None else bool(flag)


def prepare_route(app: "BaseResolver", route: "Route") -> None:
    """Check ``route``'s options against the resolver's settings and, when the route validates,
    compile its plan now, so that a malformed annotation fails where it is written; a handler
    that certainly compiles (:mod:`apiway.route_precheck`) is compiled at its first request."""
    options = route.options or {}
    on = validated(app, route)
    if options.get("custom_response_validation_http_code") is not None and not on:
        raise _route_error(
            f"route {route.method} {route.rule}: custom_response_validation_http_code is the status of "
            "responses that fail validation, which is off for this route (enable_validation=True on the "
            "resolver or the route turns it on)"
        )
    if on and route.plan is None:
        from apiway.route_precheck import plainly_valid

        if plainly_valid(route):
            return  # perf: compiled when first called (the validation stage's deferred call)
        from apiway.validation.plan import route_plan

        route.plan = route_plan(app, route)
