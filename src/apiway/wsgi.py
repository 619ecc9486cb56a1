"""``apiway.wsgi.to_wsgi(app)``: an app as a WSGI application (see :mod:`apiway.local.wsgi`)."""

from apiway.local.wsgi import LambdaWSGIApp, to_wsgi

__all__ = ["LambdaWSGIApp", "to_wsgi"]
