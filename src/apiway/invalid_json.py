"""The error for a request body that is not valid JSON: a 400, and a ``json.JSONDecodeError``.

Apps catch ``json.JSONDecodeError`` around ``app.current_event.json_body`` to answer in their
own words; left uncaught, the error answers 400 by itself. (perf: this module imports
``json``, so it loads only when a body fails to parse.)
"""

import json

from apiway.exceptions import InvalidBodyError


class InvalidJSONError(InvalidBodyError, json.JSONDecodeError):  # type: ignore[misc]  # msg: a str here
    """The request body is not valid JSON (or is nested too deeply, or holds a number JSON
    answers cannot carry).

    ``msg`` is the message sent with the 400 (it never repeats the body); ``doc``, ``pos``,
    ``lineno`` and ``colno`` locate the problem as the parser saw it, when it said.
    """

    def __init__(self, msg: str, doc: str = "", pos: int = 0):
        # Not via super(): ServiceError and JSONDecodeError take different arguments.
        ValueError.__init__(self, msg)
        self.status_code = 400
        self.msg = msg
        self.doc = doc
        self.pos = pos
        self.lineno = doc.count("\n", 0, pos) + 1
        self.colno = pos - doc.rfind("\n", 0, pos)


def invalid_json(message: str, text: "str | bytes", cause: "BaseException | None" = None) -> InvalidJSONError:
    """An :class:`InvalidJSONError` for ``text``, placed where ``cause`` (a parser error) says."""
    doc = text if isinstance(text, str) else ""
    pos = getattr(cause, "pos", 0)
    if type(pos) is not int or not 0 <= pos <= len(doc):
        pos = 0
    return InvalidJSONError(message, doc, pos)
