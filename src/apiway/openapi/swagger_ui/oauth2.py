"""``OAuth2Config``: Swagger UI's OAuth 2 settings, and the page an OAuth 2 login redirects back to."""

import os

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Sequence
    from typing import Any

#: Environment variables that mark a development setup, where a client secret may be shown.
DEV_ENV_VARS = ("POWERTOOLS_DEV", "APIWAY_DEBUG")
_TRUE = frozenset(("1", "y", "yes", "t", "true", "on"))

# Python keyword -> Swagger UI option (the attribute name), in Swagger UI's order.
_OPTIONS = {
    "client_id": "clientId",
    "client_secret": "clientSecret",
    "realm": "realm",
    "app_name": "appName",
    "scopes": "scopes",
    "additional_query_string_params": "additionalQueryStringParams",
    "use_basic_authentication_with_access_code_grant": "useBasicAuthenticationWithAccessCodeGrant",
    "use_pkce_with_authorization_code_grant": "usePkceWithAuthorizationCodeGrant",
}


def _dev_mode() -> bool:
    return any(os.environ.get(name, "").strip().lower() in _TRUE for name in DEV_ENV_VARS)


class OAuth2Config:
    """How Swagger UI signs in with OAuth 2 (the options of its ``initOAuth``).

    Takes the keywords of the Powertools class (``client_id``, ``app_name``, ``scopes``, ...;
    the Swagger UI names such as ``clientId`` work too) and keeps them as attributes under the
    Swagger UI names. Other keywords are passed to Swagger UI as they are.
    """

    def __init__(self, **options: "Any") -> None:
        given: dict[str, Any] = {}
        extra: dict[str, Any] = {}
        names = set(_OPTIONS.values())
        for key, value in options.items():
            name = _OPTIONS.get(key, key)
            if name in names:
                if name in given:
                    raise TypeError(f"OAuth2Config: {name} given twice (as {key!r} and under its other name)")
                given[name] = value
            else:
                extra[key] = value
        if "appName" not in given:
            raise TypeError("OAuth2Config: app_name is required (the application name Swagger UI shows)")
        self._check(given)
        if not given.get("clientSecret"):
            given.pop("clientSecret", None)
        elif not _dev_mode():
            raise ValueError(
                "OAuth2Config: client_secret is shown to every visitor of the Swagger UI page; it is only "
                f"allowed in development, with {' or '.join(DEV_ENV_VARS)}=true set"
            )
        else:
            import warnings

            warnings.warn(
                "OAuth2Config: client_secret is in the Swagger UI page; use this in local development only",
                UserWarning,
                stacklevel=2,
            )
        self._given = given
        self._extra = extra
        self.clientId: str | None = given.get("clientId")
        self.clientSecret: str | None = given.get("clientSecret")
        self.realm: str | None = given.get("realm")
        self.appName: str = given["appName"]
        self.scopes: list[str] = list(given.get("scopes", []))
        self.additionalQueryStringParams: dict[str, str] = dict(given.get("additionalQueryStringParams", {}))
        self.useBasicAuthenticationWithAccessCodeGrant: bool = given.get(
            "useBasicAuthenticationWithAccessCodeGrant", False
        )
        self.usePkceWithAuthorizationCodeGrant: bool = given.get("usePkceWithAuthorizationCodeGrant", False)

    @staticmethod
    def _check(given: "dict[str, Any]") -> None:
        for name in ("clientId", "clientSecret", "realm"):
            if given.get(name) is not None and not isinstance(given[name], str):
                raise TypeError(f"OAuth2Config: {name} must be a string, not {given[name]!r}")
        if not isinstance(given["appName"], str):
            raise TypeError(f"OAuth2Config: app_name must be a string, not {given['appName']!r}")
        scopes: Sequence[str] = given.get("scopes", [])
        if (
            isinstance(scopes, str)
            or not isinstance(scopes, (list, tuple))
            or not all(isinstance(s, str) for s in scopes)
        ):
            raise TypeError(f"OAuth2Config: scopes must be a list of strings, not {scopes!r}")
        params = given.get("additionalQueryStringParams", {})
        if not isinstance(params, dict) or not all(
            isinstance(k, str) and isinstance(v, str) for k, v in params.items()
        ):
            raise TypeError(
                f"OAuth2Config: additional_query_string_params must be a dict of strings, not {params!r}"
            )
        for name in ("useBasicAuthenticationWithAccessCodeGrant", "usePkceWithAuthorizationCodeGrant"):
            if name in given and not isinstance(given[name], bool):
                raise TypeError(f"OAuth2Config: {name} must be True or False, not {given[name]!r}")

    def init_oauth_options(self) -> "dict[str, Any]":
        """The options given (not None), by their Swagger UI names, for ``ui.initOAuth(...)``."""
        options = {name: getattr(self, name) for name in _OPTIONS.values() if name in self._given}
        options.update(self._extra)
        return {name: value for name, value in options.items() if value is not None}

    def __repr__(self) -> str:
        shown = {
            name: ("***" if name == "clientSecret" else value)
            for name, value in self.init_oauth_options().items()
        }
        return f"OAuth2Config({', '.join(f'{name}={value!r}' for name, value in shown.items())})"


_REDIRECT_PAGE = """<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><title>Signing in</title></head>
<body>
<p id="status">Finishing the sign-in&hellip;</p>
<script>
(function () {
  "use strict";
  // Swagger UI opened this page in a pop-up and left its callbacks on the opener window.
  var pending = window.opener && window.opener.swaggerUIRedirectOauth2;
  if (!pending) {
    document.getElementById("status").textContent =
      "This page finishes an OAuth 2 sign-in started from Swagger UI.";
    return;
  }
  // Implicit flows answer in the fragment, code flows in the query string.
  var fromHash = /(^|[#&])(access_token|code|error)=/.test(window.location.hash);
  var raw = fromHash ? window.location.hash.slice(1) : window.location.search.slice(1);
  var answer = {};
  new URLSearchParams(raw).forEach(function (value, key) { answer[key] = value; });
  var stateMatches = answer.state === pending.state;
  var flow = pending.auth.schema.get("flow");
  var codeFlow = flow === "accessCode" || flow === "authorizationCode" || flow === "authorization_code";
  if (codeFlow && !pending.auth.code) {
    if (!stateMatches) {
      pending.errCb({authId: pending.auth.name, source: "auth", level: "warning",
        message: "The state returned by the authorization server differs from the one sent."});
    }
    if (answer.code) {
      delete pending.state;
      pending.auth.code = answer.code;
      pending.callback({auth: pending.auth, redirectUrl: pending.redirectUrl});
    } else {
      var reason = answer.error
        ? "[" + answer.error + "]: " + (answer.error_description || "no code received.")
        : "no code received.";
      pending.errCb({authId: pending.auth.name, source: "auth", level: "error",
        message: "Sign-in failed " + reason});
    }
  } else {
    pending.callback({auth: pending.auth, token: answer, isValid: stateMatches,
      redirectUrl: pending.redirectUrl});
  }
  window.close();
})();
</script>
</body>
</html>"""


def oauth2_redirect_html() -> str:
    """The page Swagger UI's OAuth 2 sign-in returns to; it hands the result back to Swagger UI."""
    return _REDIRECT_PAGE


#: The Powertools name of :func:`oauth2_redirect_html`.
generate_oauth2_redirect_html = oauth2_redirect_html
