"""The Lambda functions of an AWS SAM template and the API events that invoke them."""

import os

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

FUNCTION_TYPE = "AWS::Serverless::Function"
#: SAM event types that send HTTP requests, with the kind of API behind them.
API_EVENT_TYPES = {"Api": "REST API", "HttpApi": "HTTP API"}
#: The catch-all route of an HTTP API (an ``HttpApi`` event without ``Path`` has it).
DEFAULT_ROUTE = "$default"
ANY = "ANY"


class TemplateError(ValueError):
    """The template cannot be read, or it holds no function that can be checked."""


class ApiEvent:
    """One API event of a function: ``method`` (upper case, or ``ANY``) and ``path``.

    ``problem`` says why the event cannot be checked (a path written with an intrinsic
    function, say); ``method`` and ``path`` are then empty.
    """

    __slots__ = ("kind", "method", "name", "path", "problem")

    def __init__(self, name: str, kind: str, method: str, path: str, problem: "str | None" = None):
        self.name = name
        self.kind = kind
        self.method = method
        self.path = path
        self.problem = problem

    def __repr__(self) -> str:
        return f"<ApiEvent {self.name}: {self.kind} {self.method} {self.path}>"


class Function:
    """An ``AWS::Serverless::Function``: its logical id, handler, code folder and API events."""

    __slots__ = ("code_uri", "events", "handler", "name", "url")

    def __init__(
        self, name: str, handler: "str | None", code_uri: "str | None", events: "list[ApiEvent]", url: bool
    ):
        self.name = name
        self.handler = handler
        self.code_uri = code_uri
        self.events = events
        #: True when the function has a Function URL, which sends it every request.
        self.url = url

    @property
    def handler_module(self) -> "str | None":
        """``todos.main`` for ``Handler: todos.main.lambda_handler``."""
        return self.handler.rpartition(".")[0] or None if self.handler else None

    @property
    def handler_name(self) -> "str | None":
        """``lambda_handler`` for ``Handler: todos.main.lambda_handler``."""
        return self.handler.rpartition(".")[2] if self.handler else None

    def source_files(self, template_dir: str) -> "list[str]":
        """Where the handler's module would be found: under ``CodeUri``, as a module or package."""
        module = self.handler_module
        if not module or not isinstance(self.code_uri, str):
            return []
        base = os.path.join(template_dir, self.code_uri, *module.split("."))
        return [os.path.normpath(base + ".py"), os.path.normpath(os.path.join(base, "__init__.py"))]

    def __repr__(self) -> str:
        return f"<Function {self.name} {self.handler}>"


def read_template(path: str) -> "dict[str, Any]":
    """The template at ``path``, JSON or YAML, as plain data (short-form tags in long form)."""
    try:
        with open(path, encoding="utf-8-sig") as file:
            text = file.read()
    except FileNotFoundError:
        raise TemplateError(f"{path}: no such file") from None
    except (OSError, UnicodeDecodeError) as error:
        raise TemplateError(f"{path}: cannot read it: {error}") from None
    if text.lstrip().startswith("{"):
        import json

        try:
            template = json.loads(text)
        except json.JSONDecodeError as error:
            raise TemplateError(f"{path}: line {error.lineno}, column {error.colno}: {error.msg}") from None
    else:
        from apiway.local.sam.yaml_reader import YAMLError, load_yaml

        try:
            template = load_yaml(text)
        except YAMLError as error:
            raise TemplateError(f"{path}: {error}") from None
    if not isinstance(template, dict) or not isinstance(template.get("Resources"), dict):
        raise TemplateError(f"{path}: not a CloudFormation template (no Resources mapping)")
    return template


def functions(template: "dict[str, Any]") -> "list[Function]":
    """Every ``AWS::Serverless::Function`` of ``template``, with ``Globals.Function`` applied."""
    globals_ = template.get("Globals")
    defaults = globals_.get("Function") if isinstance(globals_, dict) else None
    if not isinstance(defaults, dict):
        defaults = {}
    found = []
    for name, resource in template["Resources"].items():
        if not isinstance(resource, dict) or resource.get("Type") != FUNCTION_TYPE:
            continue
        properties = resource.get("Properties")
        if not isinstance(properties, dict):
            properties = {}
        handler = properties.get("Handler", defaults.get("Handler"))
        code_uri = properties.get("CodeUri", defaults.get("CodeUri"))
        url = properties.get("FunctionUrlConfig", defaults.get("FunctionUrlConfig")) is not None
        found.append(
            Function(
                str(name),
                handler if isinstance(handler, str) else None,
                code_uri if isinstance(code_uri, str) else None,
                _api_events(properties.get("Events")),
                url,
            )
        )
    return found


def _api_events(events: "Any") -> "list[ApiEvent]":
    if not isinstance(events, dict):
        return []
    found = []
    for name, event in events.items():
        if not isinstance(event, dict) or event.get("Type") not in API_EVENT_TYPES:
            continue
        kind = str(event["Type"])
        properties = event.get("Properties")
        if not isinstance(properties, dict):
            properties = {}
        path = properties.get("Path")
        method = properties.get("Method")
        if kind == "HttpApi":
            path = DEFAULT_ROUTE if path is None else path
            method = ANY if method is None else method
        problems = [
            f"its {key} is {_describe(value)}, not a string"
            for key, value in (("Path", path), ("Method", method))
            if not isinstance(value, str)
        ]
        if not isinstance(path, str) or not isinstance(method, str):
            found.append(ApiEvent(str(name), kind, "", "", " and ".join(problems)))
            continue
        method = method.upper()
        if method == "X-AMAZON-APIGATEWAY-ANY-METHOD":
            method = ANY
        found.append(ApiEvent(str(name), kind, method, path))
    return found


def _describe(value: "Any") -> str:
    if value is None:
        return "missing"
    if isinstance(value, dict) and len(value) == 1:
        (key,) = value
        return f"the intrinsic function {key}"
    return f"a {type(value).__name__}"
