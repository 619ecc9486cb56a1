"""The base of the OpenAPI object classes: declared fields, construction from keywords or dicts, dumps.

A subclass declares its fields in document order, each with ``field(kind, ...)``; the kind
(:mod:`.kinds`) checks and converts the value. Values are read as attributes, undeclared keys
(``x-...`` extensions) are kept when the class allows them, and ``model_dump`` /
``model_dump_json`` write the object back as the JSON the OpenAPI document holds.
"""

from apiway.openapi.objects.fields import FieldSpec, ModelValidationError, merge_extensions
from apiway.openapi.objects.values import json_scalar

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Mapping
    from typing import Any, ClassVar


#: Every model class by name, for kinds that name a class defined later (``Schema`` in itself).
REGISTRY: "dict[str, type[Model]]" = {}


class DumpOptions:
    __slots__ = ("by_alias", "exclude_defaults", "exclude_none", "exclude_unset", "json", "set_by_alias")

    def __init__(
        self, json: bool, by_alias: bool, exclude_none: bool, exclude_unset: bool, exclude_defaults: bool
    ):
        self.json = json
        self.by_alias = by_alias
        self.exclude_none = exclude_none
        self.exclude_unset = exclude_unset
        self.exclude_defaults = exclude_defaults
        #: The options of the document's own dumps (``by_alias``, ``exclude_none``, nothing
        #: else): each field is written under its JSON name unless it is None.
        self.set_by_alias = by_alias and exclude_none and not exclude_unset and not exclude_defaults


def _names(value: "Any", what: str) -> "set[str] | None":
    if value is None:
        return None
    if isinstance(value, dict):
        raise TypeError(
            f"model_dump({what}=...) takes a set of top-level field names; nested dicts are not supported"
        )
    return set(value)


#: Key orders remembered per class for dumping (instances of one class come in a few shapes).
_DUMP_ORDERS_LIMIT = 256


class Model:
    """An OpenAPI object: keyword construction, attribute access, ``model_validate``, ``model_dump``."""

    model_fields: "ClassVar[dict[str, FieldSpec]]" = {}
    #: "allow" keeps undeclared keys (extensions), "ignore" drops them.
    extra: "ClassVar[str]" = "ignore"
    #: Whether the class takes ``openapi_extensions={"x-...": ...}`` (merged into its extensions).
    takes_extensions: "ClassVar[bool]" = False
    _by_key: "ClassVar[dict[str, FieldSpec]]" = {}
    # perf: an instance's dict holds the fields that are not None (a Schema has 60 fields, and
    # documents set two or three of each); optional fields read None from the class until set.
    # The fields whose default is made by a factory, or that are required, are always held.
    _none_defaults: "ClassVar[dict[str, Any]]" = {}
    _other_fields: "ClassVar[list[tuple[str, FieldSpec]]]" = []
    #: ``(field name, JSON name)`` of each field, in document order.
    _json_names: "ClassVar[tuple[tuple[str, str], ...]]" = ()
    #: perf: for each key order of an instance dict seen, the ``(field name, JSON name)`` of
    #: the fields it holds, in document order (what dumping it walks).
    _dump_orders: "ClassVar[dict[tuple[str, ...], tuple[tuple[str, str], ...]]]" = {}

    def __init_subclass__(cls, **kwargs: "Any") -> None:
        super().__init_subclass__(**kwargs)
        fields: dict[str, FieldSpec] = {}
        for base in reversed(cls.__mro__[1:]):
            fields.update(getattr(base, "model_fields", {}))
        for name, value in list(cls.__dict__.items()):
            if isinstance(value, FieldSpec):
                value.name = name
                fields[name] = value  # a redefined field keeps its place, as in the document
                delattr(cls, name)
        cls.model_fields = fields
        cls._by_key = {**{spec.alias: spec for spec in fields.values() if spec.alias}, **fields}
        cls._none_defaults = {name: None for name, spec in fields.items() if spec.nullable}
        cls._other_fields = [(name, spec) for name, spec in fields.items() if not spec.nullable]
        cls._json_names = tuple((name, spec.alias or name) for name, spec in fields.items())
        cls._dump_orders = {}
        for name in cls._none_defaults:
            if not hasattr(cls, name):  # never over a method of the class
                setattr(cls, name, None)
        if cls.__module__.startswith("apiway.openapi.objects."):  # not users' subclasses
            REGISTRY[cls.__name__] = cls

    def __init__(self, **data: "Any") -> None:
        errors: list[dict[str, Any]] = []
        self._load(data, (), errors)
        if errors:
            raise ModelValidationError(type(self).__name__, errors)

    @classmethod
    def model_validate(cls, obj: "Any") -> "Any":
        """An instance from a dict (a loaded document or part of one), or ``obj`` if it is one."""
        if isinstance(obj, cls):
            return obj
        errors: list[dict[str, Any]] = []
        if not isinstance(obj, dict):
            errors.append(
                {"type": "model_type", "loc": (), "msg": f"expected a dict or {cls.__name__}", "input": obj}
            )
            raise ModelValidationError(cls.__name__, errors)
        result = cls.parse(obj, (), errors)
        if errors:
            raise ModelValidationError(cls.__name__, errors)
        return result

    @classmethod
    def model_validate_json(cls, text: "str | bytes") -> "Any":
        """An instance from JSON text."""
        import json

        return cls.model_validate(json.loads(text))

    @classmethod
    def parse(
        cls, data: "Mapping[str, Any]", loc: "tuple[Any, ...]", errors: "list[dict[str, Any]]"
    ) -> "Any":
        """An instance from ``data``; problems are appended to ``errors`` (located under ``loc``)."""
        instance = cls.__new__(cls)
        instance._load(data, loc, errors)
        return instance

    def _load(
        self, data: "Mapping[Any, Any]", loc: "tuple[Any, ...]", errors: "list[dict[str, Any]]"
    ) -> None:
        cls = type(self)
        if cls.takes_extensions and data.get("openapi_extensions"):
            data = merge_extensions(data)
        values: dict[str, Any] = {}
        extra: dict[str, Any] = {}
        for key, value in data.items():
            spec = cls._by_key.get(key) if isinstance(key, str) else None
            if spec is None:
                if not isinstance(key, str):
                    errors.append(
                        {"type": "key_type", "loc": (*loc, key), "msg": "keys must be strings", "input": key}
                    )
                elif cls.extra == "allow":
                    extra[key] = value
                continue
            if spec.name in values:
                msg = f"given twice, as {spec.name!r} and as {spec.alias!r}"
                errors.append({"type": "duplicate", "loc": (*loc, key), "msg": msg, "input": value})
            elif value is None and spec.nullable:
                values[spec.name] = None  # given, as None (left out of the instance below)
            elif (keeps := spec.keeps) is not None and (keeps is object or type(value) is str):
                values[spec.name] = value
            else:
                values[spec.name] = spec.kind.parse(value, (*loc, key), errors)
        fields_set = {*values, *extra}
        if None in values.values():
            values = {name: value for name, value in values.items() if value is not None}
        for name, spec in cls._other_fields:
            if name not in values:
                if spec.required:
                    key = spec.alias or name
                    errors.append(
                        {"type": "missing", "loc": (*loc, key), "msg": "a value is required", "input": None}
                    )
                values[name] = spec.default()
        values.pop("openapi_extensions", None)  # merged into the extensions above
        values["_extra"] = extra
        values["_fields_set"] = fields_set
        object.__setattr__(self, "__dict__", values)

    @property
    def model_extra(self) -> "dict[str, Any]":
        """The undeclared keys kept (``x-...`` extensions and others), in the order given."""
        extra: dict[str, Any] = self.__dict__["_extra"]
        return extra

    @property
    def model_fields_set(self) -> "set[str]":
        """The names of the fields given when the object was made (or assigned since)."""
        fields_set: set[str] = self.__dict__["_fields_set"]
        return fields_set

    def __getattr__(self, name: str) -> "Any":
        extra = self.__dict__.get("_extra")
        if extra is not None and name in extra:
            return extra[name]
        raise AttributeError(f"{type(self).__name__!r} object has no attribute {name!r}")

    def __setattr__(self, name: str, value: "Any") -> None:
        if name in type(self).model_fields:
            self.__dict__[name] = value
        elif type(self).extra == "allow" and not name.startswith("_"):
            self.__dict__["_extra"][name] = value
        else:
            raise AttributeError(
                f"{type(self).__name__} has no field {name!r}; its fields: {', '.join(self.model_fields)}"
            )
        self.__dict__["_fields_set"].add(name)

    def __eq__(self, other: object) -> bool:
        if type(other) is not type(self):
            return False
        mine, theirs = self.__dict__, other.__dict__
        return (
            mine["_extra"] == theirs["_extra"]
            and mine["_fields_set"] == theirs["_fields_set"]
            and all(mine.get(name) == theirs.get(name) for name in self.model_fields)
        )

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        state = self.__dict__
        items = [(name, state[name]) for name in self.model_fields if state.get(name) is not None]
        items += list(self.model_extra.items())
        return f"{type(self).__name__}({', '.join(f'{name}={value!r}' for name, value in items)})"

    def __iter__(self) -> "Any":
        for name in self.model_fields:
            yield name, self.__dict__.get(name)
        yield from self.model_extra.items()

    def model_copy(self, *, update: "Mapping[str, Any] | None" = None, deep: bool = False) -> "Any":
        """A copy, with the fields in ``update`` replaced (not checked); ``deep`` copies nested values too."""
        import copy

        clone = copy.deepcopy(self) if deep else copy.copy(self)
        if not deep:
            state = clone.__dict__
            object.__setattr__(
                clone,
                "__dict__",
                {**state, "_extra": dict(state["_extra"]), "_fields_set": set(state["_fields_set"])},
            )
        for name, value in (update or {}).items():
            setattr(clone, name, value)
        return clone

    def model_dump(
        self,
        *,
        mode: str = "python",
        include: "Any" = None,
        exclude: "Any" = None,
        by_alias: bool = False,
        exclude_unset: bool = False,
        exclude_defaults: bool = False,
        exclude_none: bool = False,
    ) -> "dict[str, Any]":
        """The object as a dict; ``mode="json"`` gives JSON-compatible values, ``by_alias`` the JSON names."""
        if mode not in ("python", "json"):
            raise ValueError(f"model_dump(mode=...) must be 'python' or 'json', not {mode!r}")
        options = DumpOptions(mode == "json", by_alias, exclude_none, exclude_unset, exclude_defaults)
        return self.dump(options, _names(include, "include"), _names(exclude, "exclude"))

    def model_dump_json(
        self,
        *,
        indent: "int | None" = None,
        include: "Any" = None,
        exclude: "Any" = None,
        by_alias: bool = False,
        exclude_unset: bool = False,
        exclude_defaults: bool = False,
        exclude_none: bool = False,
    ) -> str:
        """The object as JSON text (compact, or indented by ``indent`` spaces)."""
        data = self.model_dump(
            mode="json",
            include=include,
            exclude=exclude,
            by_alias=by_alias,
            exclude_unset=exclude_unset,
            exclude_defaults=exclude_defaults,
            exclude_none=exclude_none,
        )
        if indent is None:
            import json

            return json.dumps(data, separators=(",", ":"), ensure_ascii=False, allow_nan=False)
        from apiway.openapi.jsontext import indented_json

        return indented_json(data, indent)

    def dump(
        self, o: DumpOptions, include: "set[str] | None" = None, exclude: "set[str] | None" = None
    ) -> "dict[str, Any]":
        """The dict form under the options ``o`` (``model_dump`` without the argument checks)."""
        state = self.__dict__
        out: dict[str, Any] = {}
        if o.set_by_alias and include is None and exclude is None:
            # perf: how documents are written: only the fields the instance holds, in order.
            cls = type(self)
            shape = tuple(state)
            order = cls._dump_orders.get(shape)
            if order is None:
                order = tuple(pair for pair in cls._json_names if pair[0] in state)
                if len(cls._dump_orders) < _DUMP_ORDERS_LIMIT:
                    cls._dump_orders[shape] = order
            for name, key in order:
                value = state[name]
                if value is not None:
                    out[key] = value if type(value) is str else dump_value(value, o)
            for key, value in state["_extra"].items():
                if value is not None:
                    out[key] = dump_value(value, o)
            return out
        for name, spec in type(self).model_fields.items():
            value = state.get(name)
            if (
                (value is None and o.exclude_none)
                or (o.exclude_unset and name not in state["_fields_set"])
                or (o.exclude_defaults and value == spec.default())
                or (include is not None and name not in include)
                or (exclude is not None and name in exclude)
            ):
                continue
            out[spec.alias if o.by_alias and spec.alias else name] = dump_value(value, o)
        for key, value in state["_extra"].items():
            if (value is None and o.exclude_none) or (include is not None and key not in include):
                continue
            if exclude is None or key not in exclude:
                out[key] = dump_value(value, o)
        return out


def dump_value(value: "Any", o: DumpOptions) -> "Any":
    """A field, extension or nested value in dump form (JSON-compatible when ``o.json``)."""
    kind = type(value)
    if kind is str or kind is int or kind is bool or value is None:
        return value
    if isinstance(value, Model):
        return value.dump(o)
    if kind is float:
        # JSON has no infinities or NaN: written as null, as pydantic's JSON mode does.
        return value if not o.json or value - value == 0 else None
    if isinstance(value, dict):
        if o.json:
            return {_json_key(key): dump_value(item, o) for key, item in value.items()}
        return {key: dump_value(item, o) for key, item in value.items()}
    if isinstance(value, list):
        return [dump_value(item, o) for item in value]
    if isinstance(value, (tuple, set, frozenset)):
        items = [dump_value(item, o) for item in value]
        return items if o.json else type(value)(items) if kind in (tuple, set, frozenset) else items
    return json_scalar(value, o.json, lambda inner: dump_value(inner, o))


def _json_key(key: "Any") -> str:
    if isinstance(key, str):
        return key
    if isinstance(key, bool):
        return "true" if key else "false"
    scalar = json_scalar(key, True, str)
    return scalar if isinstance(scalar, str) else str(scalar)
