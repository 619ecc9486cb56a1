"""The links for the runs of hook stages of apps with CORS or ``cache_control`` (see
:func:`apiway.stages.link_hooks`): three or four ``after`` hooks around an ``error`` hook, and
maybe a ``before`` hook. perf: loaded by the first chain that has such a run; the default chain's run
and the general case are linked in :mod:`apiway.stages`.
"""

from apiway.stages import answered

TYPE_CHECKING = False
if TYPE_CHECKING:
    from apiway.request import PipelineRequest
    from apiway.response import Response
    from apiway.stages import After, Before, CallNext, OnError


def guarded_three(
    call_next: "CallNext",
    error: "OnError",
    before: "Before | None",
    methods: "frozenset[str] | None",
    outside: "tuple[After, ...]",
    a0: "After",
    a1: "After",
    a2: "After",
) -> "CallNext":
    """The run of an app with CORS or ``cache_control``: three ``after`` hooks around an
    ``error`` hook, and maybe a ``before`` hook."""

    def run(request: "PipelineRequest") -> "Response":
        if before is not None and (methods is None or request.method in methods):
            answer = before(request)
            if answer is not None:
                return answered(request, answer, outside)
        try:
            response = call_next(request)
        except Exception as raised:  # noqa: BLE001 - what the error hook is for
            response = error(request, raised)
        return a2(request, a1(request, a0(request, response)))

    return run


def guarded_four(
    call_next: "CallNext",
    error: "OnError",
    before: "Before | None",
    methods: "frozenset[str] | None",
    outside: "tuple[After, ...]",
    a0: "After",
    a1: "After",
    a2: "After",
    a3: "After",
) -> "CallNext":
    """The run of an app with CORS and ``cache_control``: four ``after`` hooks around an
    ``error`` hook, and maybe a ``before`` hook."""

    def run(request: "PipelineRequest") -> "Response":
        if before is not None and (methods is None or request.method in methods):
            answer = before(request)
            if answer is not None:
                return answered(request, answer, outside)
        try:
            response = call_next(request)
        except Exception as raised:  # noqa: BLE001 - what the error hook is for
            response = error(request, raised)
        return a3(request, a2(request, a1(request, a0(request, response))))

    return run
