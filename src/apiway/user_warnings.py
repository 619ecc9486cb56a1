"""Warnings attributed to the user's own line, not to the apiway frame that issues them.

A warning about a route registered twice should name the decorator or ``include_router``
call that did it; one about the environment, the line that created the resolver. The
number of apiway frames between the two varies (resolvers, routers, subclasses), so the
stack level is counted rather than fixed. (Loaded only when there is something to warn about.)
"""

import os
import sys
import warnings

_PACKAGE = os.path.dirname(os.path.abspath(__file__)) + os.sep


def warn_user(message: str, category: "type[Warning]" = UserWarning) -> None:
    """Issue ``message`` as a warning from the nearest caller outside the apiway package."""
    frame = sys._getframe(1)
    level = 2  # 1 is this function's own line, 2 its caller
    while frame.f_back is not None and frame.f_code.co_filename.startswith(_PACKAGE):
        frame = frame.f_back
        level += 1
    warnings.warn(message, category, stacklevel=level)


def warn_powertools_dev() -> None:
    """Say that ``POWERTOOLS_DEV`` turned debug mode on, with the words code filters on."""
    warn_user(
        "POWERTOOLS_DEV environment variable is enabled: debug mode is on (tracebacks in "
        "500 responses, request and response log lines, any CORS origin); never set it in "
        "production"
    )
