"""The stand-in for the Lambda context object handed to handlers as ``context`` (the class
itself is :class:`apiway.types.LambdaContext`, also what annotations name)."""

from apiway.types import LambdaContext

__all__ = ["LambdaContext"]
