"""Route plans: a handler's parameters, dependencies and return type compiled once per route,
and a resolver's routes with their plans: the call the router makes in place of the handler.

``compile_plan(func, method, rule, param_names, options)`` reads the handler's signature
(``typing.get_type_hints`` at compile time only) and refuses what cannot work, naming the
route and the parameter. The plan then answers, per request:

- ``arguments(request)``: the handler's keyword arguments, every value coerced and validated
  (path, query, headers, cookies, body; ``Depends`` resolved, ``Request`` injected), or
  ``RequestValidationError`` listing every problem as the Powertools REST event handler does
  (``loc`` such as ``("query", "limit")``, pydantic error ``type`` names);
  ``RequestUnsupportedContentType`` for a body it cannot read;
- ``result(value)``: the return value with its body validated and serialized against the
  return annotation, or ``ResponseValidationError``.

The validation stage gives each route that needs one its call (``route.invoke``): validated
arguments and the validated return value for a route with validation on; ``Request`` and
``Depends`` filled in, nothing validated, for a route with validation off that takes them.

What a handler returns is checked against its return annotation (``ResponsePlan``):
``-> T`` validates the body (of a plain value, of ``(body, status)``, or of a ``Response``);
``-> Response[T]`` and ``-> tuple[T, int]`` validate ``T``; ``-> Response`` and no annotation
validate nothing (JSON bodies are still made JSON-compatible with ``jsonable_encoder``, as
the Powertools REST event handler does with validation on).

perf: one module for what every validated app loads (each module costs its own finding and
loading at cold start), hence its size.
"""

from apiway import is_class
from apiway.registry import is_async
from apiway.response import Response, json_response, to_response
from apiway.route_options import OPTION_DEFAULTS, route_options, validated
from apiway.validation import check as _check
from apiway.validation.check import EMPTY, INVALID
from apiway.validation.compiler import compile_type
from apiway.validation.signature import compile_signature
from apiway.validation.sources import FORM, MULTIPART, error_body_text, header_values, query_lists, read_body

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable, Iterator, Mapping
    from typing import Any

    from apiway.registry import Route
    from apiway.request import PipelineRequest
    from apiway.resolvers import BaseResolver
    from apiway.validation.check import TypeCheck
    from apiway.validation.signature import RequestField, Signature


__all__ = ["OPTION_DEFAULTS", "RoutePlan", "compile_plan", "route_options"]


def compile_plan(
    func: "Callable[..., Any]",
    method: str,
    rule: str,
    param_names: "tuple[str, ...] | None" = None,
    options: "Mapping[str, Any] | None" = None,
    *,
    dependency_overrides: "Mapping[Any, Any] | None" = None,
    validate: bool = True,
) -> "RoutePlan":
    """Compile the plan of one route; raises ``AnnotationError`` (a ``RouteError``) naming the
    route and the parameter for annotations that cannot work.

    ``dependency_overrides`` is the resolver's live mapping (changes after compiling apply).
    ``validate=False`` compiles a route whose validation is off: its ``Depends`` and
    ``Request`` parameters are filled, the path parameters passed as text, nothing else read
    and the return value left as it is (what Powertools does without validation).
    """
    if param_names is None:
        from apiway.routing import ParsedRule

        param_names = ParsedRule(rule).param_names
    return RoutePlan(
        func, method.upper(), rule, tuple(param_names), options, dependency_overrides, None, validate
    )


class RoutePlan:
    """One route's compiled parameters, dependencies and return type."""

    def __init__(
        self,
        func: "Callable[..., Any]",
        method: str,
        rule: str,
        param_names: "tuple[str, ...]",
        options: "Mapping[str, Any] | None",
        overrides: "Mapping[Any, Any] | None",
        applied: "Mapping[Any, Any] | None",
        validate: bool = True,
    ):
        self.func, self.method, self.rule, self.param_names = func, method, rule, param_names
        label = self.label = f"route {method} {rule}"
        self.options = route_options(options, label)
        #: False for a route without validation: only dependencies and the Request are filled.
        self.validates = validate
        self.signature: Signature = compile_signature(
            func, label, param_names, applied, inject_only=not validate, handler=True
        )
        signatures = self.signature.walk()
        self.fields = [field for index, sig in enumerate(signatures) for field in _owned(sig, index)]
        self._check_rule(signatures)
        self.body_fields = [field for field in self.fields if field.where == "body"]
        #: Whether body values are keys of the body object (several, or ``embed=True``, or forms).
        self.embed_body = len(self.body_fields) > 1 or any(
            getattr(field.marker, "embed", False) for field in self.body_fields
        )
        custom = self.options["custom_response_validation_http_code"]
        returns = self.signature.returns if validate else EMPTY
        self.response = compile_response(returns, label, "route" if custom else "app")
        #: The checks of the models named in the ``responses`` option, by ``id(model)``.
        self.response_models = response_models(self.options["responses"] if validate else None, label)
        self._count = len(signatures)
        self._simple = self._count == 1 and not self.signature.request_names
        self._wiring: Any = None
        if not self._simple or not validate:
            # perf: dependencies and the Request are solved by a module only their routes load
            from apiway.validation.solving import wiring

            self._wiring = wiring(signatures)
        rows = {where: [] for where in ("path", "query", "header", "cookie")}  # type: dict[str, list[Any]]
        self._grouped = []
        for field in self.fields:
            if field.parts is not None:
                check = field.check.check  # type: ignore[union-attr]
                self._grouped.append(
                    (field.owner, field.name, field.where, field.parts, check, (field.where, field.key))
                )
            elif field.where != "body":
                rows[field.where].append(_row(field))
        self._path, self._query, self._header, self._cookie = (
            rows[k] for k in ("path", "query", "header", "cookie")
        )
        self._body = [(*_row(field), field.upload) for field in self.body_fields]
        # Overrides replace dependencies: a route without any has none to look up per request.
        self._overrides = overrides if self._count > 1 else None
        self._override_plans: Any = None
        if self._overrides is not None:
            from apiway.validation.solving import OverridePlans

            self._override_plans = OverridePlans(self, signatures)

    def __repr__(self) -> str:
        return f"<RoutePlan {self.method} {self.rule}>"

    def _check_rule(self, signatures: "list[Signature]") -> None:
        taken = {field.key for field in self.fields if field.where == "path"}
        taken.update(self.signature.plain_names)
        missing = [name for name in self.param_names if name not in taken]
        if missing and not self.signature.takes_kwargs:
            name = missing[0]
            names = ", ".join(f.name for f in self.signature.fields) or "none"
            raise _check.AnnotationError(
                f"{self.label}: the rule parameter {name!r} is not a parameter of the handler "
                f"(its request parameters: {names}); name one {name!r} or use Path(alias={name!r})"
            )

    def with_overrides(self, applied: "Mapping[Any, Any]") -> "RoutePlan":
        """This route compiled again with the dependencies in ``applied`` replaced."""
        return RoutePlan(
            self.func, self.method, self.rule, self.param_names, self.options, None, applied, self.validates
        )

    def arguments(
        self, request: "PipelineRequest", cache: "dict[Any, Any] | None" = None
    ) -> "dict[str, Any]":
        """The handler's keyword arguments for ``request``, validated; ``cache`` holds the values
        of cached dependencies for this invocation (a new one when not given)."""
        if self._overrides:
            plan: RoutePlan = self._override_plans.plan_for(self._overrides)
            if plan is not self:
                return plan.arguments(request, cache)
        if not self.validates:
            # Powertools without validation: the path parameters as text, then the injections.
            passed: list[dict[str, Any]] = [dict(request.route_args or {})]
            passed.extend({} for _ in range(self._count - 1))
            return _solve(self._wiring, passed, request, cache)
        errors: list[dict[str, Any]] = []
        bags: list[dict[str, Any]] = [{}] if self._count == 1 else [{} for _ in range(self._count)]
        # perf: the reads below are written out per source (no helper call per value); a value
        # that is absent takes its default, a present one goes through its compiled check.
        if self._path:
            args = request.route_args or {}
            for owner, name, key, check, loc, _many, required, default, factory in self._path:
                value = args.get(key)
                if value is None:
                    _absent(bags[owner], name, loc, required, default, factory, errors)
                else:
                    start = len(errors)
                    result = check(value, errors)
                    if result is INVALID:
                        _locate(errors, start, loc)
                    else:
                        bags[owner][name] = result
        if self._query:
            query = query_lists(request)
            for owner, name, key, check, loc, many, required, default, factory in self._query:
                values = query.get(key)
                if not values:
                    _absent(bags[owner], name, loc, required, default, factory, errors)
                else:
                    # a repeated name given to a scalar is a list, refused by its type (as Powertools)
                    start = len(errors)
                    result = check(values if many or len(values) > 1 else values[0], errors)
                    if result is INVALID:
                        _locate(errors, start, loc)
                    else:
                        bags[owner][name] = result
        if self._header:
            for owner, name, key, check, loc, many, required, default, factory in self._header:
                given: Any = header_values(request, key) if many else request.header(key)
                if given is None:
                    _absent(bags[owner], name, loc, required, default, factory, errors)
                else:
                    start = len(errors)
                    result = check(given, errors)
                    if result is INVALID:
                        _locate(errors, start, loc)
                    else:
                        bags[owner][name] = result
        if self._grouped:
            from apiway.validation.grouped import read_grouped

            for owner, name, where, parts, check, loc in self._grouped:
                result = read_grouped(request, where, parts, check, loc, errors)
                if result is not INVALID:
                    bags[owner][name] = result
        if self._cookie:
            cookies = request.event.request_cookies
            for owner, name, key, check, loc, _many, required, default, factory in self._cookie:
                _put(bags[owner], name, check, cookies.get(key), loc, required, default, factory, errors)
        if self._body:
            self._read_body(request, bags, errors)
        if errors:
            _raise(errors, self._count > 1, request)
        if self._simple:
            return bags[0]
        return _solve(self._wiring, bags, request, cache)

    def _read_body(
        self, request: "PipelineRequest", bags: "list[dict[str, Any]]", errors: "list[dict[str, Any]]"
    ) -> None:
        data, kind = read_body(request, errors)
        if kind is None:
            return  # the body could not be read: its error says so
        if not self.embed_body:
            owner, name, key, check, loc, many, required, default, factory, upload = self._body[0]
            _put(bags[owner], name, check, data, ("body",), required, default, factory, errors)
            return
        parsed = kind is FORM or kind is MULTIPART
        for owner, name, key, check, loc, many, required, default, factory, upload in self._body:
            value = data.get(key) if type(data) is dict else None
            if parsed and value is not None:
                value = _form_value(value, many, upload)
            _put(bags[owner], name, check, value, loc, required, default, factory, errors)

    def result(self, value: "Any") -> "Any":
        """``value`` (what the handler returned) with its body validated and serialized
        (as it is for a plan compiled with ``validate=False``)."""
        if not self.validates:
            return value
        return self.response.result(value)


def _solve(
    wiring: "Any", bags: "list[dict[str, Any]]", request: "PipelineRequest", cache: "dict[Any, Any] | None"
) -> "dict[str, Any]":
    from apiway.validation.solving import solve

    return solve(wiring, bags, request, {} if cache is None else cache)


def _owned(signature: "Signature", index: int) -> "list[RequestField]":
    for field in signature.fields:
        field.owner = index
    return signature.fields


def _row(field: "RequestField") -> "tuple[Any, ...]":
    check = field.check.check  # type: ignore[union-attr]  # compiled with the field
    loc = (field.where, field.key)
    return (
        field.owner,
        field.name,
        field.key,
        check,
        loc,
        field.many,
        field.required,
        field.default,
        field.factory,
    )


def _form_value(value: "Any", many: bool, upload: "str | None") -> "Any":
    """A form or multipart value shaped for its field: lists for sequences, else the first
    value; uploaded files as their bytes for ``bytes`` fields."""
    if type(value) is list:
        if not many:
            value = value[0] if value else value
    elif many:
        value = [value]
    if upload == "bytes":
        from apiway.openapi.bodies import UploadFile

        if isinstance(value, UploadFile):
            return value.content
        if type(value) is list:
            return [item.content if isinstance(item, UploadFile) else item for item in value]
    return value


def _absent(
    bag: "dict[str, Any]",
    name: str,
    loc: "tuple[Any, ...]",
    required: bool,
    default: "Any",
    factory: "Any",
    errors: "list[dict[str, Any]]",
) -> None:
    """A value the request does not carry: an error if required, else its default."""
    if required:
        errors.append({"type": "missing", "loc": loc, "msg": "Field required", "input": None})
    else:
        bag[name] = factory() if factory is not None else default


def _locate(errors: "list[dict[str, Any]]", start: int, loc: "tuple[Any, ...]") -> None:
    """Put ``loc`` in front of the errors a check added from ``start`` on (their locations are relative)."""
    for index in range(start, len(errors)):
        error = errors[index]
        error["loc"] = (*loc, *error["loc"])


def _put(
    bag: "dict[str, Any]",
    name: str,
    check: "Callable[[Any, list[dict[str, Any]]], Any]",
    value: "Any",
    loc: "tuple[Any, ...]",
    required: bool,
    default: "Any",
    factory: "Any",
    errors: "list[dict[str, Any]]",
) -> None:
    if value is None:
        _absent(bag, name, loc, required, default, factory, errors)
        return
    start = len(errors)
    result = check(value, errors)
    if result is INVALID:
        _locate(errors, start, loc)
    else:
        bag[name] = result


def _raise(errors: "list[dict[str, Any]]", shared: bool, request: "PipelineRequest") -> None:
    from apiway.openapi.exceptions import RequestValidationError

    if shared:  # a value read by several dependencies is reported once
        seen: set[tuple[Any, ...]] = set()
        unique = []
        for error in errors:
            mark = (error["type"], tuple(error["loc"]))
            if mark not in seen:
                seen.add(mark)
                unique.append(error)
        errors = unique
    # The text of a body that is not JSON goes with the error, as the Powertools handler gives it.
    invalid = any(error["type"] == "json_invalid" for error in errors)
    raise RequestValidationError(errors, body=error_body_text(request) if invalid else None)


# -- a resolver's routes and their calls ------------------------------------------------------
class LiveOverrides:
    """``app.dependency_overrides`` read at each request, so that assigning a new dict works
    as well as changing the one there is."""

    __slots__ = ("app",)

    def __init__(self, app: "BaseResolver"):
        self.app = app

    def __len__(self) -> int:
        return len(self.app.dependency_overrides)

    def __contains__(self, key: "Any") -> bool:
        return key in self.app.dependency_overrides

    def __getitem__(self, key: "Any") -> "Any":
        return self.app.dependency_overrides[key]

    def __iter__(self) -> "Iterator[Any]":
        return iter(self.app.dependency_overrides)

    def keys(self) -> "Any":
        return self.app.dependency_overrides.keys()

    def items(self) -> "Any":
        return self.app.dependency_overrides.items()


def route_plan(app: "BaseResolver", route: "Route", validate: bool = True) -> RoutePlan:
    """``route`` compiled with its options and the resolver's ``dependency_overrides``."""
    options = dict(route.options or ())
    options["status_code"] = route.status_code
    return compile_plan(
        route.func,
        route.method,
        route.rule,
        route.param_names,
        options,
        dependency_overrides=LiveOverrides(app),  # type: ignore[arg-type]  # a Mapping by duck typing
        validate=validate,
    )


def document_plan(app: "BaseResolver", route: "Route") -> RoutePlan:
    """The route's full plan (what the OpenAPI document is written from), compiled once."""
    plan: RoutePlan | None = route.plan
    if plan is None:
        plan = route.plan = route_plan(app, route)
    return plan


def route_call(
    app: "BaseResolver", route: "Route"
) -> "tuple[str, Callable[[PipelineRequest], Response]] | None":
    """What the router calls for ``route`` in place of the handler, and why (``"validated"`` or
    ``"injected"``); None when the handler is called as it is."""
    if validated(app, route):
        if route.plan is None and not is_async(route.func):
            return "validated", deferred_call(app, route)  # registered as certainly compiling
        return "validated", plan_call(route, document_plan(app, route))
    from apiway.stages import takes_injections

    if takes_injections(route.func):
        plan = route_plan(app, route, validate=False)
        if any(sig.request_names or sig.dependencies for sig in plan.signature.walk()):
            return "injected", plan_call(route, plan)
    return None


def deferred_call(app: "BaseResolver", route: "Route") -> "Callable[[PipelineRequest], Response]":
    """The call of a validated route registered without its plan (one that certainly compiles,
    :mod:`apiway.route_precheck`): at its first request it compiles the plan, puts the
    plan's call in its place (the route's chain is made again) and answers through it."""

    def call(request: "PipelineRequest") -> "Response":
        compiled = plan_call(route, document_plan(app, route))
        route.invoke, route.chain = compiled, None
        return compiled(request)

    call.__qualname__ = f"{route.name} (validated)"
    return call


def plan_call(route: "Route", plan: RoutePlan) -> "Callable[[PipelineRequest], Response]":
    """The call of ``route``'s handler through ``plan``: arguments, handler, result, response.
    For an ``async def`` handler, an ``async def`` call that awaits it between the two."""
    if is_async(route.func):
        return awaiting_plan_call(route, plan)
    func, status_code = route.func, route.status_code
    arguments, result = plan.arguments, plan.result

    def call(request: "PipelineRequest") -> "Response":
        try:
            kwargs = arguments(request)
        except RecursionError:
            raise too_deep("request") from None
        value = func(**kwargs)
        try:
            value = result(value)
        except RecursionError:
            raise too_deep("response") from None
        if type(value) is dict:
            return json_response(status_code, value)
        return to_response(value, status_code)

    call.__qualname__ = f"{route.name} (validated)" if plan.validates else f"{route.name} (injected)"
    return call


def awaiting_plan_call(route: "Route", plan: RoutePlan) -> "Callable[[PipelineRequest], Any]":
    """:func:`plan_call` for an ``async def`` handler (the router's async chain awaits it)."""
    func, status_code = route.func, route.status_code
    arguments, result = plan.arguments, plan.result

    async def call(request: "PipelineRequest") -> "Response":
        try:
            kwargs = arguments(request)
        except RecursionError:
            raise too_deep("request") from None
        value = func(**kwargs)
        if hasattr(type(value), "__await__"):  # a plain wrapper of it may answer itself
            value = await value
        try:
            value = result(value)
        except RecursionError:
            raise too_deep("response") from None
        if type(value) is dict:
            return json_response(status_code, value)
        return to_response(value, status_code)

    call.__qualname__ = f"{route.name} (validated)" if plan.validates else f"{route.name} (injected)"
    return call


def too_deep(where: str) -> Exception:
    """The error for a value nested too deeply to validate (or serialize) in Python's
    recursion limit: ``recursion_loop``, as pydantic names it, for the request or the response."""
    from apiway.openapi.exceptions import RequestValidationError, ResponseValidationError

    loc = ("body",) if where == "request" else ("response",)
    errors = [
        {
            "type": "recursion_loop",
            "loc": loc,
            "msg": "Recursion error - cyclic reference detected",
            "input": None,
        }
    ]
    if where == "request":
        return RequestValidationError(errors)
    return ResponseValidationError(errors)


# -- what the handler returns ---------------------------------------------------------------
def response_type(returns: "Any") -> "Any":
    """The type a return annotation declares for the body, or ``EMPTY`` for "not validated"."""
    if type(returns) is type:  # perf: a plain class, without probing it for typing's attributes
        return EMPTY if issubclass(returns, Response) else returns
    if returns is EMPTY or (is_class(returns) and issubclass(returns, Response)):
        return EMPTY
    origin = getattr(returns, "__origin__", None)
    args: tuple[Any, ...] = getattr(returns, "__args__", ())
    if is_class(origin) and issubclass(origin, Response) and len(args) == 1:
        return response_type(args[0])
    if origin is tuple and len(args) in (2, 3) and args[1] is not Ellipsis:
        return args[0]  # (body, status) or (body, status, headers): the body is what is validated
    return returns


class ResponsePlan:
    """``result(value)``: the handler's return value with its body validated and serialized."""

    __slots__ = ("check", "source")

    def __init__(self, check: "TypeCheck | None", source: str):
        self.check = check
        #: ``"route"`` when the route sets its own status for failed validation, else ``"app"``.
        self.source = source

    def result(self, value: "Any") -> "Any":
        """``value`` with its body replaced by the validated, JSON-compatible one; raises
        ``ResponseValidationError`` listing every problem (located under ``"response"``)."""
        kind = type(value)
        if kind is tuple and 2 <= len(value) <= 3:
            inner = value[0]
            if isinstance(inner, Response):
                self._response(inner)
                return value
            return (self._body(inner), *value[1:])
        if isinstance(value, Response):
            self._response(value)
            return value
        if self.check is None and (kind is bytes or kind is bytearray):
            return value
        return self._body(value)

    def _response(self, response: "Any") -> None:
        if self.check is None and not response.is_json():
            return
        response.body = self._body(response.body)

    def _body(self, body: "Any") -> "Any":
        check = self.check
        if check is None:
            if _plain_json(body, 0):
                return body  # what jsonable_encoder would give, without loading it
            from apiway.openapi.encoders import jsonable_encoder

            return jsonable_encoder(body)
        errors: list[dict[str, Any]] = []
        result = check.check(body, errors)
        if result is INVALID:
            from apiway.openapi.exceptions import ResponseValidationError

            for error in errors:
                error["loc"] = ("response", *error["loc"])
            raise ResponseValidationError(errors, body=body, source=self.source)  # type: ignore[arg-type]
        return check.serialize(result)


_PLAIN = frozenset((str, int, float, bool, type(None)))


def _plain_json(value: "Any", depth: int) -> bool:
    """Whether ``value`` is JSON data already: dicts with text keys, lists, text, numbers, booleans, None."""
    kind = type(value)
    if kind in _PLAIN:
        return True
    if depth > 32:
        return False
    if kind is dict:
        return all(type(key) is str and _plain_json(item, depth + 1) for key, item in value.items())
    if kind is list:
        return all(_plain_json(item, depth + 1) for item in value)
    return False


def compile_response(returns: "Any", label: str, source: str) -> ResponsePlan:
    """The response plan of a return annotation; unsupported types are refused naming the route."""
    body_type = response_type(returns)
    if body_type is EMPTY:
        return ResponsePlan(None, source)
    try:
        return ResponsePlan(compile_type(body_type), source)
    except _check.AnnotationError as exc:
        raise _check.AnnotationError(f"{label}, return annotation: {exc}") from None


def response_models(responses: "dict[Any, Any] | None", label: str) -> "dict[int, TypeCheck]":
    """The checks of the models the ``responses`` route option names (``{"model": Todo}`` in a
    content entry), compiled now so an unsupported one is refused when the route is declared."""
    found: dict[int, TypeCheck] = {}
    for code, response in (responses or {}).items():
        content = response.get("content")
        for media_type, payload in content.items() if isinstance(content, dict) else ():
            if isinstance(payload, dict) and "model" in payload and id(payload["model"]) not in found:
                try:
                    found[id(payload["model"])] = compile_type(payload["model"])
                except _check.AnnotationError as exc:
                    raise _check.AnnotationError(
                        f"{label}, responses[{code!r}] {media_type}: {exc}"
                    ) from None
    return found
