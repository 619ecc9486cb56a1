"""Warm requests: the same event through the hand-written handler, apiway and Powertools.

Also the gzip figure: apiway's compression stage on a 10 KB JSON body against the same work
done by calling zlib directly at the same level.
"""

from __future__ import annotations

import copy
import json
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from benchmarks import handwritten
from benchmarks.apps import (
    ALLOWED_ORIGIN,
    HELLO,
    NOT_FOUND,
    Framework,
    big_payload,
    cors_app,
    hello_app,
    rest_app,
    schema_app,
)
from benchmarks.checks import Expect, WrongAnswerError, check
from benchmarks.events import CONTEXT, bench_event, sample_event
from benchmarks.timing import Contender, Stat, interleave, paired_ratio

HAND = "hand-written"
POST_BODY = {"title": "buy milk", "completed": False, "priority": 3, "tags": ["home", "shopping"]}


@dataclass(frozen=True)
class WarmScenario:
    key: str
    label: str
    app: str  # which app answers it: rest, cors, http, alb, lattice, lattice_v2 or schema
    event: Callable[[], dict[str, Any]]
    expect: Expect


def scenarios(big: dict[str, Any]) -> list[WarmScenario]:
    return [
        WarmScenario(
            "static_get",
            "static GET (REST)",
            "rest",
            lambda: bench_event("rest_get_static"),
            Expect(200, HELLO),
        ),
        WarmScenario(
            "dynamic_route",
            "dynamic route `/todos/<todo_id>`",
            "rest",
            lambda: bench_event("rest_get_dynamic"),
            Expect(200, {"id": "8f3a2b1c"}),
        ),
        WarmScenario(
            "post_json",
            "POST with JSON body",
            "rest",
            lambda: bench_event("rest_post_json"),
            Expect(201, {"id": "1", **POST_BODY}),
        ),
        WarmScenario(
            "post_json_schema",
            "POST with JSON body, `SchemaValidationMiddleware`",
            "schema",
            lambda: bench_event("rest_post_json"),
            Expect(201, {"id": "1", **POST_BODY}),
        ),
        WarmScenario(
            "not_found",
            "404 (unknown path)",
            "rest",
            lambda: bench_event("rest_get_404"),
            Expect(404, NOT_FOUND),
        ),
        WarmScenario(
            "cors",
            "CORS (CORSConfig + Origin)",
            "cors",
            lambda: sample_event("apiGatewayProxyEvent"),
            Expect(200, HELLO, headers={"Access-Control-Allow-Origin": ALLOWED_ORIGIN}),
        ),
        WarmScenario(
            "http_v2_get",
            "HTTP API v2 GET",
            "http",
            lambda: bench_event("httpv2_get_static"),
            Expect(200, HELLO),
        ),
        WarmScenario("alb_get", "ALB GET", "alb", lambda: bench_event("alb_get_static"), Expect(200, HELLO)),
        WarmScenario(
            "lattice_get",
            "VPC Lattice GET (event v1)",
            "lattice",
            lambda: bench_event("lattice_get_static"),
            Expect(200, HELLO),
        ),
        WarmScenario(
            "lattice_v2_get",
            "VPC Lattice GET (event v2)",
            "lattice_v2",
            lambda: bench_event("lattice_v2_get_static"),
            Expect(200, HELLO),
        ),
        WarmScenario(
            "gzip_e2e",
            "GET 10 KB JSON, gzip (end to end)",
            "rest",
            lambda: bench_event("rest_get_gzip"),
            Expect(200, big, headers={"Content-Encoding": "gzip"}),
        ),
    ]


@dataclass(frozen=True)
class WarmRow:
    """One scenario's per-request times (seconds) and paired ratios."""

    key: str
    label: str
    stats: dict[str, Stat]
    ratios: dict[str, float]


def compare(key: str, label: str, samples: dict[str, list[float]], base: str, others: list[str]) -> WarmRow:
    """Stats of every contender and the paired ratios of each to ``base`` and to each other."""
    stats = {name: Stat.of(values) for name, values in samples.items()}
    ratios: dict[str, float] = {}
    names = [base, *others]
    for numerator in names:
        for denominator in names:
            if numerator != denominator:
                ratios[f"{numerator}/{denominator}"] = paired_ratio(samples[numerator], samples[denominator])
    return WarmRow(key, label, stats, ratios)


def handlers(frameworks: list[Framework], big: dict[str, Any]) -> dict[str, dict[str, Callable[..., Any]]]:
    """For each contender, the callable answering each kind of app."""
    from apiway.stages.compression import GZIP_LEVEL

    handwritten.BIG = big
    handwritten.GZIP_LEVEL = GZIP_LEVEL
    table: dict[str, dict[str, Callable[..., Any]]] = {
        HAND: {
            "rest": handwritten.rest_handler,
            "cors": handwritten.cors_handler,
            "http": handwritten.http_handler,
            "alb": handwritten.alb_handler,
            "lattice": handwritten.lattice_handler,
            "lattice_v2": handwritten.lattice_v2_handler,
        }
    }
    for framework in frameworks:
        table[framework.name] = {
            "rest": rest_app(framework, big).resolve,
            "cors": cors_app(framework).resolve,
            "http": hello_app(framework.http).resolve,
            "alb": hello_app(framework.alb).resolve,
            "lattice": hello_app(framework.lattice).resolve,
            "lattice_v2": hello_app(framework.lattice_v2).resolve,
        }
    try:
        import fastjsonschema
    except ImportError:  # the schema scenario needs the bench (or jsonschema) extra
        return table
    from benchmarks.apps import TODO_SCHEMA

    handwritten.VALIDATE = fastjsonschema.compile(TODO_SCHEMA)
    table[HAND]["schema"] = handwritten.schema_handler
    for framework in frameworks:
        table[framework.name]["schema"] = schema_app(framework).resolve
    return table


#: The schema row's extra contender: apiway's plain app answering the same POST.
UNVALIDATED = "apiway (no middleware)"


def run_warm(
    frameworks: list[Framework], rounds: int, seconds: float, log: Callable[[str], None]
) -> list[WarmRow]:
    big = big_payload()
    table = handlers(frameworks, big)
    names = list(table)
    rows = []
    for scenario in scenarios(big):
        if scenario.app not in table[HAND]:
            log(f"[warm] {scenario.key}: skipped, fastjsonschema is not installed (the bench extra)")
            continue
        log(f"[warm] {scenario.key}: {scenario.label}")
        contenders = []
        runs = [(name, table[name][scenario.app]) for name in names]
        if scenario.app == "schema" and "apiway" in table:
            # The middleware's own cost is a ratio within apiway: the same POST answered by the
            # plain app runs in the same rounds, so the ratio is paired like every other.
            runs.append((UNVALIDATED, table["apiway"]["rest"]))
        for name, handler in runs:
            event = copy.deepcopy(scenario.event())  # each framework gets its own copy
            check(name, scenario.key, handler(copy.deepcopy(event), CONTEXT), scenario.expect)
            contenders.append(Contender(name, handler, event, CONTEXT))
        samples = interleave(contenders, rounds, seconds)
        for contender in contenders:  # still right after thousands of calls on the same event
            check(contender.name, scenario.key, contender.func(contender.first, CONTEXT), scenario.expect)
        rows.append(compare(scenario.key, scenario.label, samples, HAND, [name for name, _ in runs[1:]]))
    return rows


def run_gzip_stage(rounds: int, seconds: float, log: Callable[[str], None]) -> WarmRow:
    """apiway's compression stage vs zlib called directly, on the same 10 KB JSON text."""
    from apiway import APIGatewayRestResolver, PipelineRequest, Response
    from apiway.stages.compression import GZIP_LEVEL

    log("[gzip] gzip_vs_zlib: compression stage vs zlib at the same level")
    big = big_payload()
    text = json.dumps(big, separators=(",", ":"))
    app = APIGatewayRestResolver()

    @app.get("/big", compress=True)
    def big_list() -> dict[str, Any]:
        return big

    app.build()
    stage = app.pipeline["compression"]
    event = bench_event("rest_get_gzip")
    request = PipelineRequest(app, event, CONTEXT, "GET", "/big")
    request.route = next(route for route in app.routes if route.rule == "/big")

    def respond(request: Any) -> Response:  # the inner stages' answer: serialized JSON text
        return Response(200, "application/json", text)

    def direct(request: Any, call_next: Callable[[Any], Response]) -> Response:
        response = call_next(request)
        compressor = zlib.compressobj(GZIP_LEVEL, zlib.DEFLATED, 31)
        response.body = compressor.compress(response.body.encode("utf-8")) + compressor.flush()
        response.headers["Content-Encoding"] = "gzip"
        return response

    contenders = [
        Contender("zlib", direct, request, respond),
        Contender("apiway", stage.handle, request, respond),
    ]
    for contender in contenders:
        response = contender.func(request, respond)
        body = response.body
        if (
            not isinstance(body, bytes)
            or zlib.decompress(body, 31).decode("utf-8") != text
            or response.headers.get("Content-Encoding") != "gzip"
        ):
            raise WrongAnswerError(f"{contender.name} / gzip_vs_zlib: the body is not the gzipped JSON text")
    samples = interleave(contenders, rounds, seconds)
    label = f"gzip {len(text) // 1024} KB JSON, level {GZIP_LEVEL}"
    return compare("gzip_vs_zlib", label, samples, "zlib", ["apiway"])
