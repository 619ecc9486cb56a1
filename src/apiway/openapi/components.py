"""The ``components/schemas`` of an OpenAPI document: every model once, named as pydantic names
them (``Todo``; ``Todo-Input`` and ``Todo-Output`` when a model reads differently than it is
written, such as a ``Decimal`` field), and the validation error schemas the Powertools REST
event handler documents."""

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    from apiway.validation import TypeCheck

REF_PREFIX = "#/components/schemas/"


def _detail(title: str) -> "dict[str, Any]":
    items = {"$ref": f"{REF_PREFIX}ValidationError"}
    return {
        "title": title,
        "type": "object",
        "properties": {"detail": {"title": "Detail", "type": "array", "items": items}},
    }


def validation_error_schema() -> "dict[str, Any]":
    """``ValidationError``: one problem of a 422 answer, ``loc`` and ``type``."""
    location = {
        "title": "Location",
        "type": "array",
        "items": {"anyOf": [{"type": "string"}, {"type": "integer"}]},
    }
    return {
        "title": "ValidationError",
        "type": "object",
        "properties": {"loc": location, "type": {"title": "Error Type", "type": "string"}},
        # Powertools also lists "msg" as required, which no 422 answer has (its own or apiway's):
        # a client that checks answers against the document would refuse every one of them.
        "required": ["loc", "type"],
    }


def http_validation_error_schema() -> "dict[str, Any]":
    """``HTTPValidationError``: the 422 body."""
    return _detail("HTTPValidationError")


def response_validation_error_schema() -> "dict[str, Any]":
    """``ResponseValidationError``: the body answered when a response fails validation."""
    return _detail("ResponseValidationError")


def error_response(description: str, name: str) -> "dict[str, Any]":
    """A response whose JSON body is the component ``name``."""
    return {
        "description": description,
        "content": {"application/json": {"schema": {"$ref": REF_PREFIX + name}}},
    }


class Schemas:
    """Schemas generated for one document, in validation mode (parameters, request bodies) and
    serialization mode (responses), merged into one set of components at the end."""

    __slots__ = ("_done", "_modes", "_uses")

    def __init__(self) -> None:
        self._modes: dict[str, dict[str, Any]] = {"validation": {}, "serialization": {}}
        self._uses: list[tuple[str, dict[str, Any]]] = []
        # perf: a type used by many routes is described once per mode; callers get copies.
        self._done: dict[tuple[int, str], tuple[TypeCheck, dict[str, Any]]] = {}

    def of(self, check: "TypeCheck", mode: str) -> "dict[str, Any]":
        """The schema of ``check`` (named types go to the components of ``mode``); a new dict
        the caller may add to."""
        key = (id(check), mode)
        done = self._done.get(key)
        if done is None:
            done = self._done[key] = (check, check.schema(self._modes[mode], mode))
        schema: dict[str, Any] = _copy(done[1])
        self._uses.append((mode, schema))
        return schema

    def model_of_parameters(self, check: "TypeCheck", names: "dict[str, str]", renamed: bool) -> None:
        """List the model grouping query parameters or headers among the components, as
        Powertools does; with ``renamed`` (headers), as ``<Model>WithHeaderAliases`` whose
        properties are the header names (``names`` maps field keys to them)."""
        if not renamed:
            self.of(check, "validation")
            return
        scratch: dict[str, Any] = {}
        reference = check.schema(scratch, "validation")
        original = reference.get("$ref", "")[len(REF_PREFIX) :]
        body = scratch.pop(original, None)
        if body is None:
            return
        reading = self._modes["validation"]
        for name, definition in scratch.items():
            reading.setdefault(name, definition)
        properties = {}
        for key, schema in body.get("properties", {}).items():
            header = names.get(key, key)
            retitled = schema.get("title") == key.title().replace("_", " ")
            properties[header] = {**schema, "title": header.title()} if retitled else schema
        alias = f"{original}WithHeaderAliases"
        renamed_body = {**body, "properties": properties, "title": alias}
        if "required" in body:
            renamed_body["required"] = [names.get(key, key) for key in body["required"]]
        self.add(alias, renamed_body)

    def add(self, name: str, body: "dict[str, Any]") -> "dict[str, Any]":
        """Add a validation-mode component (a request body model) and return a reference to it."""
        self._modes["validation"][name] = body
        reference = {"$ref": REF_PREFIX + name}
        self._uses.append(("validation", reference))
        return reference

    def merge(self) -> "dict[str, Any]":
        """The components, each model once; models whose two modes differ get ``-Input`` and
        ``-Output`` names, and every reference (in components and operations) follows."""
        reading, writing = self._modes["validation"], self._modes["serialization"]
        shared = set(reading) & set(writing)
        split = {name for name in shared if reading[name] != writing[name]}
        changed = True
        while changed:  # a model that refers to a split model reads and writes differently too
            changed = False
            for name in shared - split:
                if _references(reading[name]) & split or _references(writing[name]) & split:
                    split.add(name)
                    changed = True
        if split:
            inputs = {name: f"{name}-Input" for name in split}
            outputs = {name: f"{name}-Output" for name in split}
            for mode, renames in (("validation", inputs), ("serialization", outputs)):
                for body in self._modes[mode].values():
                    _rename(body, renames)
            for mode, schema in self._uses:
                _rename(schema, inputs if mode == "validation" else outputs)
        merged: dict[str, Any] = {}
        for mode, suffix in (("validation", "-Input"), ("serialization", "-Output")):
            for name, body in self._modes[mode].items():
                merged[name + suffix if name in split else name] = body
        return merged


def _copy(value: "Any") -> "Any":
    if isinstance(value, dict):
        return {key: _copy(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_copy(item) for item in value]
    return value


def _references(value: "Any") -> "set[str]":
    found: set[str] = set()
    if isinstance(value, dict):
        ref = value.get("$ref")
        if isinstance(ref, str) and ref.startswith(REF_PREFIX):
            found.add(ref[len(REF_PREFIX) :])
        for item in value.values():
            found |= _references(item)
    elif isinstance(value, list):
        for item in value:
            found |= _references(item)
    return found


def _rename(value: "Any", renames: "dict[str, str]") -> None:
    if isinstance(value, dict):
        ref = value.get("$ref")
        if isinstance(ref, str) and ref.startswith(REF_PREFIX):
            name = ref[len(REF_PREFIX) :]
            if name in renames:
                value["$ref"] = REF_PREFIX + renames[name]
        for item in value.values():
            _rename(item, renames)
    elif isinstance(value, list):
        for item in value:
            _rename(item, renames)
