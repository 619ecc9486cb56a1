"""The targets of issue 5 and their verdicts for one run."""

from __future__ import annotations

from dataclasses import dataclass

from benchmarks.asyncpath import AWAITED, AsyncRow
from benchmarks.coldstart import ColdResult
from benchmarks.footprint import MAX_COMMON_PATH_MODULES, MAX_IMPORT_MODULES, Footprint
from benchmarks.scaling import BuildResult, ScalingResult
from benchmarks.typed import PLAIN_SUFFIX, OpenAPIResult
from benchmarks.warm import HAND, UNVALIDATED, WarmRow

MIB = 1024  # peak memory is measured in KiB

#: Warm scenario -> largest allowed ratio of apiway's time to the hand-written handler's.
WARM_LIMITS = {
    "static_get": 1.5,
    "dynamic_route": 2.0,
    "post_json": 2.0,
    "post_json_schema": 2.0,
    "not_found": 2.0,
    "cors": 2.0,
    "http_v2_get": 2.0,
    "alb_get": 2.0,
    "lattice_get": 2.0,
    "lattice_v2_get": 2.0,
}
#: The POST route with SchemaValidationMiddleware / the same route without it (apiway). A user
#: accepts that validating the body costs about as much as the rest of the request: the
#: compiled validator of the scenario's schema alone takes 5-8 µs here, most of it for
#: ``uniqueItems``. Compiling the schema per request, as the Powertools middleware does,
#: costs a hundred times that. (Against the hand-written handler, which calls the same
#: compiled validator, the usual warm limit applies.)
SCHEMA_VALIDATION_LIMIT = 2.0
#: apiway's ``resolve_async`` of a trivial ``async def`` route / its ``resolve`` of the same
#: route written plain: what choosing the async path costs a request.
ASYNC_LIMIT = 1.5
GZIP_LIMIT = 1.2
SCALING_LIMIT = 1.2
BUILD_LIMIT_MS = 10.0
COLD_ADDED_LIMIT_MS = 5.0
COLD_RATIO_LIMIT = 1.3
COLD_MEMORY_LIMIT_MIB = 3.0
#: Typed parameters: a process building an app with 10 typed routes (validation on) and
#: resolving one validated POST, over one that imports the same standard-library modules and
#: defines the same dataclasses without apiway.
TYPED_COLD_LIMIT_MS = 8.0
#: The validated POST / the same route without validation, and / Powertools' validated POST.
TYPED_PLAIN_LIMIT = 2.0
TYPED_POWERTOOLS_LIMIT = 0.2
#: Building the OpenAPI document (JSON) of a 100-route typed app.
OPENAPI_LIMIT_MS = 30.0
#: Modules of the validation engine and of OpenAPI: an app without validation loads none.
TYPED_PREFIXES = ("apiway.validation", "apiway.openapi", "apiway.stages.validation", "apiway.route_options")


@dataclass(frozen=True)
class Verdict:
    group: str
    text: str
    limit: float
    measured: float
    unit: str
    strict: bool = False  # "<" rather than "<="

    @property
    def passed(self) -> bool:
        return self.measured < self.limit if self.strict else self.measured <= self.limit

    @property
    def margin(self) -> str:
        """How far from the limit: the share of the budget used, or how many times over it."""
        if self.limit <= 0:
            return ""
        share = self.measured / self.limit
        if share <= 1:
            return f"{share:.0%} of the limit"
        return f"{share:.2f}x the limit"

    def limit_text(self) -> str:
        sign = "<" if self.strict else "<="
        return f"{sign} {self.limit:g}{self.unit}"


def evaluate(
    warm: list[WarmRow] | None,
    gzip: WarmRow | None,
    scaling: ScalingResult | None,
    build: BuildResult | None,
    cold: ColdResult | None,
    footprint: Footprint | None,
    typed: WarmRow | None = None,
    openapi: OpenAPIResult | None = None,
    async_row: AsyncRow | None = None,
) -> list[Verdict]:
    verdicts: list[Verdict] = []
    if cold is not None and "apiway_app" in cold.wall:
        added_ms = cold.added["apiway_app"].median * 1000
        ratio = cold.ratio["apiway_app"].median
        verdicts += [
            Verdict(
                "cold start", "whole process over `python -c pass`", COLD_ADDED_LIMIT_MS, added_ms, " ms"
            ),
            Verdict("cold start", "whole process / `python -c pass`", COLD_RATIO_LIMIT, ratio, "x"),
        ]
        if "apiway_app" in cold.maxrss and "bare" in cold.maxrss:
            memory_mib = (cold.maxrss["apiway_app"].median - cold.maxrss["bare"].median) / MIB
            text = "peak memory over `python -c pass`"
            verdicts.append(Verdict("cold start", text, COLD_MEMORY_LIMIT_MIB, memory_mib, " MiB"))
    typed_cold = cold.over("apiway_typed", "typed_stdlib") if cold is not None else None
    if typed_cold is not None:
        text = "10 typed routes + 1 validated POST, over the same stdlib imports and dataclasses"
        verdicts.append(Verdict("cold start", text, TYPED_COLD_LIMIT_MS, typed_cold.median * 1000, " ms"))
    if footprint is not None:
        bad = set(footprint.forbidden(footprint.on_import) + footprint.forbidden(footprint.on_resolve))
        imported, common = len(footprint.on_import), len(footprint.on_resolve)
        typed_modules = len([name for name in footprint.on_resolve if name.startswith(TYPED_PREFIXES)])
        verdicts += [
            Verdict("import", "forbidden modules imported (import + 1 request)", 0, len(bad), ""),
            Verdict("import", "modules added by `import apiway`", MAX_IMPORT_MODULES, imported, ""),
            Verdict("import", "modules added by 1 app + 1 REST request", MAX_COMMON_PATH_MODULES, common, ""),
            Verdict(
                "import", "validation or OpenAPI modules loaded without validation", 0, typed_modules, ""
            ),
        ]
    for row in warm or []:
        limit = WARM_LIMITS.get(row.key)
        ratio = row.ratios.get(f"apiway/{HAND}")
        if limit is not None and ratio is not None:
            verdicts.append(Verdict("warm", f"{row.label} / hand-written", limit, ratio, "x"))
    rows = {row.key: row for row in warm or []}
    if "post_json_schema" in rows:
        ratio = rows["post_json_schema"].ratios.get(f"apiway/{UNVALIDATED}")  # paired, same rounds
        if ratio is not None:
            text = "POST with `SchemaValidationMiddleware` / the same POST without it"
            verdicts.append(Verdict("warm", text, SCHEMA_VALIDATION_LIMIT, ratio, "x"))
    if typed is not None:
        plain = typed.ratios.get(f"apiway/apiway{PLAIN_SUFFIX}")
        if plain is not None:
            text = "validated POST / the same POST without validation"
            verdicts.append(Verdict("typed", text, TYPED_PLAIN_LIMIT, plain, "x"))
        theirs = typed.ratios.get("apiway/Powertools")
        if theirs is not None:
            text = "validated POST / Powertools' validated POST"
            verdicts.append(Verdict("typed", text, TYPED_POWERTOOLS_LIMIT, theirs, "x"))
    if openapi is not None:
        text = f"OpenAPI document of a {openapi.routes}-route app"
        measured = openapi.stats["apiway"].median * 1000
        verdicts.append(Verdict("typed", text, OPENAPI_LIMIT_MS, measured, " ms", strict=True))
    if async_row is not None:
        ratio = async_row.ratios.get(f"apiway/{AWAITED}")
        if ratio is not None:
            text = "`resolve_async` of an async route / `resolve` of the same route, plain"
            verdicts.append(Verdict("warm", text, ASYNC_LIMIT, ratio, "x"))
    if gzip is not None:
        verdicts.append(
            Verdict("warm", f"{gzip.label}: stage / zlib", GZIP_LIMIT, gzip.ratios["apiway/zlib"], "x")
        )
    if scaling is not None:
        largest, smallest = scaling.sizes[-1], scaling.sizes[0]
        for kind in ("static", "dynamic"):
            growth = scaling.growth.get(("apiway", kind, largest))
            if growth is not None:
                text = f"last of {largest:,} {kind} routes / last of {smallest}"
                verdicts.append(Verdict("scaling", text, SCALING_LIMIT, growth, "x"))
    if build is not None:
        for kind in ("static", "dynamic"):
            stat = build.stats.get(("apiway", kind))
            if stat is not None:
                text = f"build an app with {build.count:,} {kind} routes"
                verdicts.append(
                    Verdict("scaling", text, BUILD_LIMIT_MS, stat.median * 1000, " ms", strict=True)
                )
    return verdicts
