"""``app.current_event`` for Application Load Balancers, single- and multi-value mode."""

from __future__ import annotations

from apiway.events import ALBEvent
from support.events import ALB, ALB_MULTI, EventSource, capture_event, each_of, load_event


def test_single_value_event() -> None:
    event = capture_event(ALB, load_event("albEvent.json"))
    assert isinstance(event, ALBEvent)
    assert event.multi_value_mode is False
    assert event.path == "/lambda"
    assert event.http_method == "GET"
    assert event.headers["Accept-Encoding"] == "gzip"
    assert event.get_header_value("X-Forwarded-For") == "72.12.164.125"
    assert event.query_string_parameters == {"query": "1234ABCD"}
    assert event.multi_value_query_string_parameters == {"query": ["1234ABCD"]}
    assert event.get_query_string_value("query") == "1234ABCD"
    assert event.get_multi_value_query_string_values("query") == ["1234ABCD"]
    assert event.body == "Test"
    assert event.decoded_body == "Test"
    assert event.is_base64_encoded is False
    assert event.path_parameters == {}
    assert event.request_context.elb_target_group_arn.startswith("arn:aws:elasticloadbalancing:us-east-2")


def test_multi_value_event() -> None:
    event = capture_event(ALB_MULTI, load_event("albMultiValueQueryStringEvent.json"))
    assert event.multi_value_mode is True
    assert event.path == "/todos"
    assert event.multi_value_headers["Header2"] == ["value1", "value2"]
    assert event.multi_value_headers["ACCEPT"] == ["*/*"]
    # single look-ups still work on a multi-value-only event
    assert event.headers["user-agent"] == "curl/7.79.1"
    assert event.get_header_value("header1") == "value1"
    assert event.multi_value_query_string_parameters == {
        "parameter1": ["value1", "value2"],
        "parameter2": ["value"],
    }
    assert event.get_multi_value_query_string_values("parameter1") == ["value1", "value2"]
    assert event.get_query_string_value("parameter2") == "value"
    assert event.get_query_string_value("missing", "fallback") == "fallback"
    assert event.body == ""
    assert event.json_body is None


def test_multi_value_event_without_query() -> None:
    event = capture_event(ALB_MULTI, load_event("albMultiValueHeadersEvent.json"))
    assert event.query_string_parameters == {}
    assert event.multi_value_query_string_parameters == {}
    assert event.get_multi_value_query_string_values("x") == []


ENCODED_QUERY = {
    "name": "hello%20world",
    "plus": "a+b",
    "percent": "100%25",
    "twice": "%2541",
    "caf%C3%A9": "cr%C3%A8me",
}


@each_of(ALB, ALB_MULTI)
def test_query_strings_are_percent_decoded_once(source: EventSource) -> None:
    raw = load_event(source.sample)
    if "multiValueHeaders" in raw:
        raw["multiValueQueryStringParameters"] = {k: [v] for k, v in ENCODED_QUERY.items()}
    else:
        raw["queryStringParameters"] = dict(ENCODED_QUERY)
    event = capture_event(source, raw)
    assert event.query_string_parameters == {
        "name": "hello world",
        "plus": "a b",
        "percent": "100%",
        "twice": "%41",
        "café": "crème",
    }
    assert event.get_multi_value_query_string_values("name") == ["hello world"]
    assert event.get_query_string_value("café") == "crème"


@each_of(ALB, ALB_MULTI)
def test_query_strings_stay_raw_without_decoding(source: EventSource) -> None:
    raw = load_event(source.sample)
    if "multiValueHeaders" in raw:
        raw["multiValueQueryStringParameters"] = {k: [v] for k, v in ENCODED_QUERY.items()}
    else:
        raw["queryStringParameters"] = dict(ENCODED_QUERY)
    event = capture_event(source, raw, decode_query_parameters=False)
    assert event.query_string_parameters == ENCODED_QUERY
    assert event.get_multi_value_query_string_values("twice") == ["%2541"]


def test_builder_encodes_alb_queries_like_the_platform() -> None:
    app = ALB.app()

    @app.get("/search")
    def search() -> dict[str, object]:
        return {"q": app.current_event.get_query_string_value("q")}

    response = ALB.request(app, "GET", "/search", query={"q": "a b&c=d"})
    assert response["body"] == '{"q":"a b&c=d"}'
