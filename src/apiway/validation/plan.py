"""Route plans: a handler's parameters, dependencies and return type compiled once per route.

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
"""

from apiway.route_options import OPTION_DEFAULTS, route_options
from apiway.validation import check as _check
from apiway.validation.check import EMPTY, INVALID
from apiway.validation.signature import compile_signature
from apiway.validation.sources import FORM, MULTIPART, error_body_text, header_values, query_lists, read_body

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable, Mapping
    from typing import Any

    from apiway.request import PipelineRequest
    from apiway.validation.analysis import RequestField
    from apiway.validation.signature import Signature

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
        from apiway.validation.routes import compile_response, response_models  # (it imports this module)

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
