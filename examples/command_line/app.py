"""The command line: what an app does, without writing Python.

``apiway routes`` lists each route with its handler (module:function and line), the stages
that act on it and the middlewares it runs through; ``apiway event`` prints the event a
source sends for a request; ``apiway invoke`` runs one event through the app as Lambda
would and prints the proxy response (exit status 1 on a 5xx); ``apiway check`` compares the
routes with the API events of the function in template.yaml, next to this file.

Try it: apiway routes examples/command_line/app.py
        apiway event http GET /todos/1 | apiway invoke examples/command_line/app.py --event -
        apiway invoke examples/command_line/app.py --event examples/command_line/crash.event.json
        apiway check examples/command_line/app.py --template examples/command_line/template.yaml
"""

from __future__ import annotations

from apiway import APIGatewayHttpResolver, Response
from apiway.exceptions import NotFoundError
from apiway.types import LambdaContext

app = APIGatewayHttpResolver()
TODOS = {"1": {"id": "1", "title": "list the routes", "completed": True}}


def request_id(app, next_middleware):
    """Around every route: echo the API Gateway request id, for the logs of the caller."""
    response = next_middleware(app)
    response.headers["X-Request-Id"] = app.current_event.request_context.request_id
    return response


def audit(app, next_middleware):
    """Around the routes that change todos only."""
    print(f"audit: {app.current_event.http_method} {app.current_event.path}")  # goes to stderr
    return next_middleware(app)


app.use([request_id])


@app.get("/todos", compress=True)
def list_todos() -> dict:
    return {"todos": list(TODOS.values())}


@app.post("/todos", middlewares=[audit])
def create_todo() -> Response:
    todo = {"id": str(len(TODOS) + 1), "title": app.current_event.json_body["title"], "completed": False}
    TODOS[todo["id"]] = todo
    return Response(201, "application/json", todo, headers={"Location": f"/todos/{todo['id']}"})


@app.get("/todos/<todo_id>", cache_control="max-age=60")
def get_todo(todo_id: str) -> dict:
    if todo_id not in TODOS:
        raise NotFoundError(f"no todo {todo_id}")
    return TODOS[todo_id]


@app.delete("/todos/<todo_id>", middlewares=[audit])
def delete_todo(todo_id: str) -> Response:
    if TODOS.pop(todo_id, None) is None:
        raise NotFoundError(f"no todo {todo_id}")
    return Response(204)


@app.get("/files/.+")
def get_file() -> dict:
    return {"file": app.current_event.path[len("/files/") :]}


@app.get("/crash")
def crash() -> dict:
    return {"ratio": 1 / 0}


def lambda_handler(event: dict, context: LambdaContext) -> dict:
    return app.resolve(event, context)
