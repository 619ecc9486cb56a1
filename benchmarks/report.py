"""Tables of one run, rendered as plain text for the terminal and as Markdown for RESULTS.md."""

from __future__ import annotations

from dataclasses import dataclass, field

from benchmarks.asyncpath import AWAITED, PLAIN, RUN_TO_COMPLETION, AsyncRow
from benchmarks.coldstart import ColdResult
from benchmarks.footprint import FORBIDDEN, MAX_COMMON_PATH_MODULES, MAX_IMPORT_MODULES, Footprint
from benchmarks.scaling import BuildResult, ScalingResult
from benchmarks.targets import (
    ASYNC_LIMIT,
    COLD_ADDED_LIMIT_MS,
    COLD_RATIO_LIMIT,
    GZIP_LIMIT,
    MIB,
    OPENAPI_LIMIT_MS,
    TYPED_COLD_LIMIT_MS,
    WARM_LIMITS,
    Verdict,
)
from benchmarks.timing import Stat
from benchmarks.typed import COLD_ROUTES, PLAIN_SUFFIX, OpenAPIResult
from benchmarks.warm import HAND, WarmRow

PT = "Powertools"


@dataclass
class Table:
    headers: list[str]
    rows: list[list[str]] = field(default_factory=list)

    def text(self) -> str:
        widths = [max(len(row[i]) for row in [self.headers, *self.rows]) for i in range(len(self.headers))]
        lines = [
            "  ".join(cell.ljust(width) for cell, width in zip(self.headers, widths, strict=True)).rstrip()
        ]
        lines.append("  ".join("-" * width for width in widths))
        for row in self.rows:
            lines.append(
                "  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip()
            )
        return "\n".join(lines)

    def markdown(self) -> str:
        lines = ["| " + " | ".join(self.headers) + " |", "|" + "---|" * len(self.headers)]
        lines += ["| " + " | ".join(cell.replace("|", "\\|") for cell in row) + " |" for row in self.rows]
        return "\n".join(lines)


@dataclass
class Section:
    title: str
    tables: list[Table] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    image: str | None = None  # file name of a chart shown in Markdown


def time_text(stat: Stat | None, scale: float, digits: int = 2) -> str:
    """A median with its noise (half the interquartile range, in % of the median)."""
    if stat is None:
        return "—"
    return f"{stat.median * scale:.{digits}f} ±{stat.spread:.0%}"


def ratio_text(value: float | None) -> str:
    return "—" if value is None else f"{value:.2f}x"


def verdict_text(passed: bool) -> str:
    return "PASS" if passed else "FAIL"


def machine_section(facts: list[tuple[str, str]]) -> Section:
    return Section("Machine", [Table(["fact", "value"], [[key, value] for key, value in facts])])


def targets_section(verdicts: list[Verdict]) -> Section:
    table = Table(["group", "target", "limit", "measured", "result", "margin"])
    for verdict in verdicts:
        measured = f"{verdict.measured:.2f}{verdict.unit}" if verdict.unit else f"{verdict.measured:g}"
        table.rows.append(
            [
                verdict.group,
                verdict.text,
                verdict.limit_text(),
                measured,
                verdict_text(verdict.passed),
                verdict.margin,
            ]
        )
    passed = sum(verdict.passed for verdict in verdicts)
    notes = [
        f"{passed} of {len(verdicts)} targets pass in this run. 'margin' says how close each figure "
        "is to its limit: the share of the budget used, or how many times over it.",
        "Where a warm request's time goes: `python -m benchmarks.profile_static` (cProfile), and "
        "`--instructions` for CPU instructions per request under valgrind, a figure the machine's "
        "noise does not move.",
    ]
    return Section("Targets (issue 5)", [table], notes)


def warm_section(rows: list[WarmRow], has_powertools: bool) -> Section:
    headers = ["scenario", "hand-written µs", "apiway µs"]
    if has_powertools:
        headers += ["Powertools µs"]
    headers += ["apiway / hand"]
    if has_powertools:
        headers += ["apiway / Powertools", "Powertools / hand"]
    headers += ["target", "result"]
    table = Table(headers)
    for row in rows:
        apiway_ratio = row.ratios.get(f"apiway/{HAND}")
        cells = [row.label, time_text(row.stats.get(HAND), 1e6), time_text(row.stats.get("apiway"), 1e6)]
        if has_powertools:
            cells.append(time_text(row.stats.get(PT), 1e6))
        cells.append(ratio_text(apiway_ratio))
        if has_powertools:
            cells += [ratio_text(row.ratios.get(f"apiway/{PT}")), ratio_text(row.ratios.get(f"{PT}/{HAND}"))]
        limit = WARM_LIMITS.get(row.key)
        if limit is None or apiway_ratio is None:
            cells += ["—", "—"]
        else:
            cells += [f"<= {limit:g}x", verdict_text(apiway_ratio <= limit)]
        table.rows.append(cells)
    return Section(
        "Warm requests",
        [table],
        [
            "Median time per request (µs) of `handler(event, context)` on an already warm app, "
            "± half the interquartile range; ratios are medians of per-round ratios.",
            "The gzip row compresses at each framework's own level (apiway and the hand-written "
            "handler at apiway's level, Powertools at 9), so it is informative only; the gzip "
            "target is the stage-level figure below.",
            "The `SchemaValidationMiddleware` row also times apiway's plain app answering the same "
            "POST, in the same rounds: the middleware's target is that paired ratio.",
        ],
    )


def async_section(row: AsyncRow, has_powertools: bool) -> Section:
    table = Table(
        [
            "framework",
            "`resolve`, plain route µs",
            "`resolve_async`, async route µs",
            "`resolve_async` / `resolve`",
            "`resolve`, async route µs",
            "that / plain",
            "target",
            "result",
        ]
    )
    for name in ["apiway"] + ([PT] if has_powertools else []):
        awaited = row.ratios.get(f"{name}/{AWAITED}")
        completed = row.ratios.get(f"{name}/{RUN_TO_COMPLETION}")
        cells = [
            name,
            time_text(row.stats.get(f"{name}/{PLAIN}"), 1e6),
            time_text(row.stats.get(f"{name}/{AWAITED}"), 1e6),
            ratio_text(awaited),
            time_text(row.stats.get(f"{name}/{RUN_TO_COMPLETION}"), 1e6),
            ratio_text(completed),
        ]
        if name == "apiway" and awaited is not None:
            cells += [f"<= {ASYNC_LIMIT:g}x", verdict_text(awaited <= ASYNC_LIMIT)]
        else:
            cells += ["—", "—"]
        table.rows.append(cells)
    return Section(
        "Async path",
        [table],
        [
            f"{row.label}: `await app.resolve_async(event, context)` of the route written `async def`, "
            "awaited back to back inside one coroutine on a running loop, against `app.resolve(event, "
            "context)` of the same route written plain; ratios are paired per round, each framework "
            "against its own `resolve`.",
            "`resolve`, async route: apiway's `resolve()` running the async route to completion on the "
            "event loop it keeps for the thread (one `run_until_complete` per request). Powertools' "
            "`resolve()` cannot run an async route.",
        ],
    )


def gzip_section(row: WarmRow) -> Section:
    ratio = row.ratios["apiway/zlib"]
    table = Table(["what", "zlib direct µs", "apiway stage µs", "apiway / zlib", "target", "result"])
    table.rows.append(
        [
            row.label,
            time_text(row.stats["zlib"], 1e6),
            time_text(row.stats["apiway"], 1e6),
            ratio_text(ratio),
            f"<= {GZIP_LIMIT:g}x",
            verdict_text(ratio <= GZIP_LIMIT),
        ]
    )
    return Section(
        "gzip",
        [table],
        [
            "apiway: the compression stage's `handle()` on a request that accepts gzip, around an inner "
            "stage returning the serialized 10 KB JSON text. zlib direct: the same inner stage, then "
            "`zlib.compressobj(level, DEFLATED, 31)` on the UTF-8 text and the `Content-Encoding` "
            "header — the least any gzip response costs. Both at `apiway.stages.compression.GZIP_LEVEL`.",
        ],
    )


def scaling_section(result: ScalingResult, has_powertools: bool, chart: str | None) -> Section:
    headers = ["routes", "N", "apiway µs", "apiway vs N=10"]
    if has_powertools:
        headers += ["Powertools µs", "Powertools vs N=10", "Powertools / apiway"]
    table = Table(headers)
    for kind in ("static", "dynamic"):
        for count in result.sizes:
            mine = result.stats.get(("apiway", kind, count))
            cells = [
                kind,
                f"{count:,}",
                time_text(mine, 1e6),
                ratio_text(result.growth.get(("apiway", kind, count))),
            ]
            if has_powertools:
                theirs = result.stats.get((PT, kind, count))
                relative = theirs.median / mine.median if theirs and mine else None
                cells += [
                    time_text(theirs, 1e6),
                    ratio_text(result.growth.get((PT, kind, count))),
                    ratio_text(relative),
                ]
            table.rows.append(cells)
    return Section(
        "Routing: the last of N routes",
        [table],
        [
            "Median time of a whole `resolve()` of a REST GET for the last registered of N routes "
            "(`/api/v1/resource{i}` static, `/api/v1/resource{i}/<item_id>` dynamic). "
            "'vs N=10' is the paired ratio to the same framework with 10 routes.",
        ],
        chart,
    )


def build_section(result: BuildResult, has_powertools: bool) -> Section:
    headers = ["routes", "apiway ms"]
    if has_powertools:
        headers += ["Powertools ms", "apiway / Powertools"]
    headers += ["target", "result"]
    table = Table(headers)
    for kind in ("static", "dynamic"):
        mine = result.stats.get(("apiway", kind))
        if mine is None:
            continue
        cells = [f"{result.count:,} {kind}", time_text(mine, 1e3)]
        if has_powertools:
            cells += [time_text(result.stats.get((PT, kind)), 1e3), ratio_text(result.ratios.get(kind))]
        cells += ["< 10 ms", verdict_text(mine.median * 1000 < 10)]
        table.rows.append(cells)
    return Section(
        f"Building an app with {result.count:,} routes",
        [table],
        [
            "Create the resolver, register the routes with the decorator, resolve the first request (which "
            "builds apiway's stage chain). One build per sample; frameworks alternate."
        ],
    )


def cold_section(result: ColdResult, footprint: Footprint | None = None) -> Section:
    table = Table(["process", "wall ms", "CPU ms", "over bare ms", "/ bare", "peak RSS MiB", "over bare MiB"])
    bare_rss = result.maxrss.get("bare")
    for key, label in result.labels.items():
        rss = result.maxrss.get(key)
        table.rows.append(
            [
                label,
                time_text(result.wall[key], 1e3, 1),
                f"{result.cpu[key].median * 1e3:.1f}",
                f"{result.added[key].median * 1e3:+.1f}",
                f"{result.ratio[key].median:.2f}x",
                "—" if rss is None else f"{rss.median / MIB:.1f}",
                "—" if rss is None or bare_rss is None else f"{(rss.median - bare_rss.median) / MIB:+.2f}",
            ]
        )
    return Section(
        "Cold start and memory",
        [table],
        [
            "Each row is a fresh `python -c CODE` process of the benchmark's interpreter, bytecode "
            "caches warm; medians over rounds in which the variants take turns. 'over bare' and "
            "'/ bare' are paired with the `python -c pass` run of the same round.",
            "Peak RSS is the child's own `VmHWM` from `/proc/self/status`, read at its end in separate "
            "runs of the same code (see `benchmarks/coldstart.py` for why not `ru_maxrss`).",
            *_cold_explanation(result, footprint),
        ],
    )


def _cold_explanation(result: ColdResult, footprint: Footprint | None) -> list[str]:
    """Why the whole-process figure is what it is, in this run's numbers."""
    apiway, hand = result.added.get("apiway_app"), result.added.get("handwritten_app")
    bare = result.wall.get("bare")
    if apiway is None or hand is None or bare is None:
        return []
    if footprint is not None:
        modules = footprint.on_resolve
        ours = [name for name in modules if name == "apiway" or name.startswith("apiway.")]
        others = [f"`{name}`" for name in modules if name not in ours]
        what = (
            f"the {len(modules)} modules listed under Import footprint ({len(ours)} of apiway's, "
            f"plus {', '.join(others) or 'nothing else'})"
        )
    else:
        what = "the modules listed under Import footprint"
    return [
        f"Where apiway's {apiway.median * 1e3:.1f} ms go: importing {what} is nearly all of it. "
        "On this machine an import costs roughly 0.15-0.3 ms whatever the module's size (finding, "
        "reading and unmarshalling the cached bytecode), plus the classes and functions it defines; "
        "apiway keeps rarely used code (the chain-editing API, other sources and resolvers, "
        "response checks, exceptions, typed events, the dynamic-route trie) in modules that load "
        f"on first use. The bare interpreter itself takes {bare.median * 1e3:.1f} ms. For scale, the "
        f"hand-written handler, which only imports `json`, adds {hand.median * 1e3:.1f} ms.",
        *_cold_misses(result),
    ]


def _cold_misses(result: ColdResult) -> list[str]:
    """How close the cold-start time targets are, and why, when this run misses one."""
    apiway, hand = result.added["apiway_app"], result.added["handwritten_app"]
    ratio = result.ratio["apiway_app"]
    added_ms = apiway.median * 1e3
    if added_ms <= COLD_ADDED_LIMIT_MS and ratio.median <= COLD_RATIO_LIMIT:
        return []
    return [
        f"This run misses a cold-start target: {added_ms:.1f} ms over the bare interpreter against "
        f"{COLD_ADDED_LIMIT_MS:g} ms, {ratio.median:.2f}x against {COLD_RATIO_LIMIT:g}x. The budget "
        "is absolute, while this shared machine's speed drifts from run to run by as much as half: "
        "the hand-written handler's figure is a gauge of it (here "
        f"{hand.median * 1e3:.1f} ms for importing `json`; apiway's cost is "
        f"{apiway.median / hand.median:.2f}x of that). What is left is one import per module of "
        "the common path (the stages that wait for their first work already stay out of it); fewer "
        "would mean merging the router and serialization stages' modules (one stage per module "
        "keeps the pipeline visible in the source tree) or the request and response objects into "
        "other modules.",
    ]


def footprint_section(footprint: Footprint) -> Section:
    table = Table(["after", "new modules", "forbidden among them", "new modules (non-apiway)"])
    for label, modules in (
        ("import apiway", footprint.on_import),
        ("+ 1 app, 1 REST request", footprint.on_resolve),
    ):
        outside = [name for name in modules if not name.startswith("apiway")]
        table.rows.append(
            [label, str(len(modules)), ", ".join(footprint.forbidden(modules)) or "none", ", ".join(outside)]
        )
    return Section(
        "Import footprint",
        [table],
        [
            f"Limits: {MAX_IMPORT_MODULES} new modules for `import apiway`, {MAX_COMMON_PATH_MODULES} for "
            "the whole common path, none of the forbidden ones (`tests/benchmarks/test_import_footprint.py` "
            "enforces them). Forbidden: " + ", ".join(f"`{name}`" for name in FORBIDDEN) + "."
        ],
    )


def typed_section(row: WarmRow | None, openapi: OpenAPIResult | None, cold: ColdResult | None) -> Section:
    """The validated POST, the OpenAPI document and the typed app's cold start."""
    tables = []
    notes = []
    if row is not None:
        table = Table(
            ["contender", "µs per request", "/ apiway without validation", "/ Powertools validated"]
        )
        base = f"apiway{PLAIN_SUFFIX}"
        for name, stat in row.stats.items():
            table.rows.append(
                [
                    name,
                    time_text(stat, 1e6),
                    "—" if name == base else ratio_text(row.ratios.get(f"{name}/{base}")),
                    "—" if name == PT else ratio_text(row.ratios.get(f"{name}/{PT}")),
                ]
            )
        tables.append(table)
        notes.append(
            "`POST /todos?position=2&ttl=60` with a 5-field JSON body "
            "(`benchmarks/data/rest_post_typed.json`). Validated: the handler takes a dataclass and "
            "two `Annotated[int, Query(...)]` parameters and "
            "returns the dataclass (`-> Todo`), checked and serialized. Without validation: the same "
            "route reads `json_body` and the query values itself and returns the body. "
            "Ratios are medians of per-round ratios."
        )
    if openapi is not None:
        table = Table(["document", "apiway ms", "Powertools ms", "apiway / Powertools", "target", "result"])
        mine, theirs = openapi.stats.get("apiway"), openapi.stats.get(PT)
        passed = mine is not None and mine.median * 1000 < OPENAPI_LIMIT_MS
        table.rows.append(
            [
                f"{openapi.routes} typed routes",
                time_text(mine, 1e3),
                time_text(theirs, 1e3),
                ratio_text(openapi.ratio),
                f"< {OPENAPI_LIMIT_MS:g} ms",
                verdict_text(passed),
            ]
        )
        tables.append(table)
        notes.append(
            "`app.get_openapi_json_schema()` on a fresh app of 100 routes over 10 dataclasses (create, "
            "read, replace, list; path, query and body parameters, return annotations), validation on."
        )
    if cold is not None:
        mine, theirs = (
            cold.over("apiway_typed", "typed_stdlib"),
            cold.over("powertools_typed", "typed_stdlib"),
        )
        if mine is not None:
            table = Table(["process", "over the stdlib-only process ms", "target", "result"])
            table.rows.append(
                [
                    cold.labels["apiway_typed"],
                    f"{mine.median * 1e3:+.1f}",
                    f"<= {TYPED_COLD_LIMIT_MS:g} ms",
                    verdict_text(mine.median * 1e3 <= TYPED_COLD_LIMIT_MS),
                ]
            )
            floor = cold.over("apiway_typed_off", "typed_stdlib")
            if floor is not None:
                table.rows.append([cold.labels["apiway_typed_off"], f"{floor.median * 1e3:+.1f}", "—", "—"])
            if theirs is not None:
                table.rows.append([cold.labels["powertools_typed"], f"{theirs.median * 1e3:+.1f}", "—", "—"])
            tables.append(table)
            notes.append(
                f"Fresh processes, as under Cold start: an app with {COLD_ROUTES} typed routes "
                "(`POST /lists/<list_id>/...`: a dataclass body, an `Annotated` path parameter and two "
                "query parameters with constraints) resolving one validated POST, against a process that "
                "imports `dataclasses` and `typing.Annotated` and defines the same dataclasses; paired "
                "by round. The validation-off row runs the same routes with `enable_validation=False` "
                "(the body parameter defaults to `None`): the app's cost before validation, which "
                "includes compiling the handlers' source and building their `Annotated` hints."
            )
    return Section("Typed parameters and validation", tables, notes)


def render_text(sections: list[Section]) -> str:
    parts = []
    for section in sections:
        parts.append(f"== {section.title} ==")
        parts += [table.text() for table in section.tables]
        parts += [f"  * {note}" for note in section.notes]
        parts.append("")
    return "\n".join(parts)


def render_markdown(title: str, intro: list[str], sections: list[Section], method: list[str]) -> str:
    parts = [f"# {title}", "", *intro, ""]
    for section in sections:
        parts += [f"## {section.title}", ""]
        if section.image:
            parts += [f"![{section.title}]({section.image})", ""]
        for table in section.tables:
            parts += [table.markdown(), ""]
        parts += [f"- {note}" for note in section.notes]
        if section.notes:
            parts.append("")
    parts += ["## How it is measured", ""]
    parts += [f"- {line}" for line in method]
    parts.append("")
    return "\n".join(parts)
