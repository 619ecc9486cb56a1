"""Run and test apiway apps on your own machine: event builder, WSGI adapter, local server.

Nothing here is imported by ``import apiway``: these modules pull in ``http``, ``wsgiref``,
``logging`` and friends, which a Lambda cold start should never pay for.

- :mod:`apiway.local.events` builds the exact event each source sends from an HTTP request;
- :mod:`apiway.local.proxy` turns a proxy response back into HTTP, validating it the way
  the platform does;
- :mod:`apiway.local.invoke` joins the two into one local call, for the test client
  (:mod:`apiway.testing`) and :mod:`apiway.local.wsgi`, the WSGI application;
- :mod:`apiway.local.server` and :mod:`apiway.local.cli` serve it (``apiway serve``);
- :mod:`apiway.local.commands` holds every ``apiway`` command (``serve``, ``routes``,
  ``invoke``, ``event``, ``check``), and :mod:`apiway.local.sam` reads the SAM templates
  ``apiway check`` compares an app with.
"""

#: Where ``apiway serve`` listens unless told otherwise (here, so that the command line
#: can show them without importing the server).
DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 3000
