"""The stage chain a request flows through.

Every stage, built-in or user-written, has one method: ``handle(request, call_next)``. It may
act on the request, call ``call_next(request)`` to get the response of the stages inside it,
act on that response, and return it (or answer by itself without calling ``call_next``).

The chain is an ordered list of named stages that the resolver folds into nested calls once,
before the first request; after that it can no longer be edited.
"""

from apiway.pipeline.chain import Pipeline
from apiway.pipeline.stage import FunctionStage, Stage

__all__ = ["FunctionStage", "Pipeline", "Stage"]
