"""URL normalization for the URL fields of OpenAPI objects (``Contact.url``, ``License.url``, ...).

Written as browsers and the WHATWG URL standard do, which is also what the Powertools models
print: lower-case scheme and host, the scheme's default port dropped, ``/`` for an empty
path, ``.`` and ``..`` segments resolved, spaces and non-ASCII characters percent-encoded,
international host names in their ``xn--`` form. URLs of other schemes (``mailto:``,
``urn:``) are kept as written.
"""

#: Schemes with a host, and their default ports.
SPECIAL_SCHEMES = {"http": 80, "https": 443, "ws": 80, "wss": 443, "ftp": 21, "file": None}

_SCHEME_CHARS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789+-.")
_FRAGMENT_SET = frozenset(' "<>`')
_QUERY_SET = frozenset(" \"#<>'")
_PATH_SET = frozenset(' "#<>?`{}')
_USERINFO_SET = _PATH_SET | frozenset("/:;=@[\\]^|")
_FORBIDDEN_HOST = frozenset(" #%/:<>?@[\\]^|")


def _encode(text: str, escape: "frozenset[str]") -> str:
    out = []
    for char in text:
        if char in escape or not (" " < char < "\x7f"):
            out.append("".join(f"%{byte:02X}" for byte in char.encode("utf-8", "surrogatepass")))
        else:
            out.append(char)
    return "".join(out)


def _resolve_dots(path: str) -> str:
    segments: list[str] = []
    parts = path.split("/")[1:]
    for index, segment in enumerate(parts):
        last = index == len(parts) - 1
        if segment == "..":
            if segments:
                segments.pop()
            if last:
                segments.append("")
        elif segment == ".":
            if last:
                segments.append("")
        else:
            segments.append(segment)
    return "/" + "/".join(segments)


def _host(host: str) -> str:
    if host.startswith("["):
        if not host.endswith("]") or not all(c in "0123456789abcdefABCDEF:." for c in host[1:-1]):
            raise ValueError("invalid IPv6 address")
        return host.lower()
    host = host.lower()
    if not host.isascii():
        try:
            host = host.encode("idna").decode("ascii")
        except UnicodeError:
            raise ValueError("invalid international domain name") from None
    if any(char in _FORBIDDEN_HOST or not (" " < char < "\x7f") for char in host):
        raise ValueError("invalid domain character")
    return host


def normalize_url(text: str) -> str:
    """``text`` as a normalized absolute URL; ValueError saying why it is not one."""
    url = (
        text.strip("".join(chr(code) for code in range(33)))
        .replace("\t", "")
        .replace("\n", "")
        .replace("\r", "")
    )
    if not url:
        raise ValueError("input is empty")
    scheme, colon, rest = url.partition(":")
    if not colon or not scheme or not scheme[0].isalpha() or not set(scheme) <= _SCHEME_CHARS:
        raise ValueError("relative URL without a base")
    scheme = scheme.lower()
    if scheme not in SPECIAL_SCHEMES:
        return f"{scheme}:{rest}"
    rest = rest.replace("\\", "/")
    # Special URLs ignore any number of slashes before the host; file URLs may have no host.
    rest = rest[2:] if scheme == "file" and rest.startswith("//") else rest.lstrip("/")
    end = min(
        [index for index in (rest.find("/"), rest.find("?"), rest.find("#")) if index >= 0], default=len(rest)
    )
    authority, tail = rest[:end], rest[end:]
    userinfo, at, hostport = authority.rpartition("@")
    host, port = hostport, ""
    bracket = hostport.rfind("]")
    colon_at = hostport.rfind(":")
    if colon_at > bracket:
        host, port = hostport[:colon_at], hostport[colon_at + 1 :]
    if not host and scheme != "file":
        raise ValueError("empty host")
    host = _host(host) if host else ""
    if port:
        if not port.isdigit() or not port.isascii() or int(port) > 65535:
            raise ValueError("invalid port number")
        port = "" if int(port) == SPECIAL_SCHEMES[scheme] else str(int(port))
    tail, hash_mark, fragment = tail.partition("#")
    path, question_mark, query = tail.partition("?")
    result = [f"{scheme}://"]
    if at and userinfo:
        user, colon, password = userinfo.partition(":")
        encoded = _encode(user, _USERINFO_SET) + (":" + _encode(password, _USERINFO_SET) if password else "")
        result.append(encoded + "@")
    result.append(host + (f":{port}" if port else ""))
    result.append(_encode(_resolve_dots(path or "/"), _PATH_SET))
    if question_mark:
        result.append("?" + _encode(query, _QUERY_SET))
    if hash_mark:
        result.append("#" + _encode(fragment, _FRAGMENT_SET))
    return "".join(result)
