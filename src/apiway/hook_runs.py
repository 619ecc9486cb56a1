"""The link for the run of hook stages of an app with CORS or ``cache_control`` (see
:func:`apiway.stages.link_hooks`): three or four ``after`` hooks around an ``error`` hook, and
maybe a ``before`` hook. perf: loaded by the first chain that has such a run; the default
chain's run and the general case are linked in :mod:`apiway.stages`.
"""

from apiway.stages import answered

TYPE_CHECKING = False
if TYPE_CHECKING:
    from apiway.request import PipelineRequest
    from apiway.response import Response
    from apiway.stages import After, Before, CallNext, OnError


def guarded(
    call_next: "CallNext",
    error: "OnError",
    before: "Before | None",
    methods: "frozenset[str] | None",
    outside: "tuple[After, ...]",
    a0: "After",
    a1: "After",
    a2: "After",
    a3: "After | None" = None,
) -> "CallNext":
    """The run of an app with CORS or ``cache_control`` (or both): three or four ``after``
    hooks around an ``error`` hook, and maybe a ``before`` hook."""

    def run(request: "PipelineRequest") -> "Response":
        if before is not None and (methods is None or request.method in methods):
            answer = before(request)
            if answer is not None:
                return answered(request, answer, outside)
        try:
            response = call_next(request)
        except Exception as raised:  # noqa: BLE001 - what the error hook is for
            response = error(request, raised)
        response = a2(request, a1(request, a0(request, response)))
        return response if a3 is None else a3(request, response)

    return run
