"""Validators for ``Union``/``X | Y`` of several types (pydantic's smart mode); ``X | None``
is :func:`apiway.validation.compiler.build_nullable`."""

from apiway.validation.check import EXACT, INVALID, STRICT, TypeCheck, relocate
from apiway.validation.dump_any import dump_any

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    Errors = list[dict[str, Any]]


def build_union(annotation: "Any", members: "list[TypeCheck]") -> TypeCheck:
    """``A | B | ...`` in pydantic's smart mode: the first member the input matches exactly
    wins; otherwise the member that matched most closely (the first on ties); when none
    matches, every member's errors, each located under the member's name."""
    choices = [(member.check, member.exactness, member.label) for member in members]

    def check(value: "Any", errors: "Errors") -> "Any":
        best: Any = INVALID
        best_rank = -1
        failures: list[tuple[str, list[dict[str, Any]]]] = []
        for member_check, exactness, label in choices:
            scratch: list[dict[str, Any]] = []
            result = member_check(value, scratch)
            if result is INVALID:
                if best_rank < 0:
                    failures.append((label, scratch))
                continue
            rank = exactness(value)
            if rank == EXACT:
                return result
            if rank > best_rank:
                best, best_rank = result, rank
        if best_rank >= 0:
            return best
        for label, scratch in failures:
            start = len(errors)
            errors.extend(scratch)
            relocate(errors, start, label)
        return INVALID

    def serialize(value: "Any") -> "Any":
        # the member of the value's own type (a float in int | float is the float's), else
        # the first that takes it strictly
        fallback = None
        for member in members:
            rank = member.exactness(value)
            if rank == EXACT:
                return member.serialize(value)
            if rank >= STRICT and fallback is None:
                fallback = member
        return dump_any(value) if fallback is None else fallback.serialize(value)

    def schema(ctx: "Any") -> "dict[str, Any]":
        # as pydantic writes it: a member that is itself only an anyOf gives its choices, and
        # a choice already listed is not listed again
        choices: list[dict[str, Any]] = []
        for member in members:
            body = member.schema_fn(ctx)
            for choice in body["anyOf"] if list(body) == ["anyOf"] else [body]:
                if choice not in choices:
                    choices.append(choice)
        return choices[0] if len(choices) == 1 else {"anyOf": choices}

    def exactness(value: "Any") -> int:
        return max(member.exactness(value) for member in members)

    label = "union[" + ",".join(member.label for member in members) + "]"
    return TypeCheck(annotation, check, serialize, schema, label, exactness)
