"""The OpenAPI description says what the server answers: media types, redirects, the errors of each
operation in one documented shape, the ranges it accepts; and a 405 names the methods that are allowed."""

from __future__ import annotations

import shutil
from typing import Any

from paperpass.config import Settings
from support.components import SHARED

UNSAFE = {"post", "put", "patch", "delete"}
PDF = SHARED / "corpus" / "pdfs" / "1706.03762.pdf"


def _operations(schema: dict[str, Any]) -> list[tuple[str, str, dict[str, Any]]]:
    return [(path, method, op) for path, item in schema["paths"].items() for method, op in item.items()]


def _media(schema: dict[str, Any], path: str, status: str = "200", method: str = "get") -> list[str]:
    return list(schema["paths"][path][method]["responses"][status].get("content", {}))


def test_each_response_declares_its_real_media_type(client: Any) -> None:
    schema = client.get("/openapi.json").json()
    assert _media(schema, "/papers/{slug}/pages/{page}.png") == ["image/png"]
    assert _media(schema, "/papers/{slug}/figures/{index}.png") == ["image/png"]
    for markdown in ("/papers/{slug}/note.md", "/compare.md", "/groups/{slug}/meetings/{day}/agenda.md"):
        assert _media(schema, markdown) == ["text/markdown"], markdown
    for calendar in ("/plan.ics", "/groups/{slug}/schedule.ics"):
        assert _media(schema, calendar) == ["text/calendar"], calendar
    for page in ("/", "/papers/{slug}", "/practice", "/groups"):
        assert _media(schema, page) == ["text/html"], page
    assert _media(schema, "/api/guide") == ["application/json"]
    note = client.get("/papers/lora/note.md")
    assert note.status_code == 200 and note.headers["content-type"].startswith("text/markdown")


def test_redirects_and_errors_are_documented_where_they_happen(client: Any) -> None:
    schema = client.get("/openapi.json").json()
    plan = schema["paths"]["/plan"]["post"]["responses"]
    assert "200" not in plan and "Location" in plan["303"]["headers"]  # the form redirects, always
    for path, method, operation in _operations(schema):
        responses = operation["responses"]
        assert {"400", "404"} <= set(responses), (method, path)
        if operation.get("parameters") or operation.get("requestBody"):
            assert "422" in responses, (method, path)
        if method in UNSAFE:
            assert {"403", "413"} <= set(responses), (method, path)  # the CSRF token, the body limit
            assert "CSRF" in responses["403"]["description"]
        if path.startswith("/api/"):
            errors = [r for status, r in responses.items() if status >= "400"]
            assert all(r["content"]["application/json"]["schema"] == {"$ref": "#/components/schemas/Error"}
                       for r in errors), (method, path)  # fmt: skip
    assert schema["components"]["schemas"]["Error"]["required"] == ["error"]


def test_api_errors_have_one_shape_and_a_405_says_what_is_allowed(client: Any) -> None:
    for status, response in (
        (404, client.get("/api/papers/no-such-paper")),
        (404, client.get("/api/no-such-route")),
        (422, client.get("/api/mock/not-a-number")),
        (405, client.delete("/api/ready")),
        (422, client.post("/api/papers/lora/note", json={"text": "  ", "version": 0})),  # blank: refused
    ):
        assert response.status_code == status
        body = response.json()
        assert set(body) == {"error"} and isinstance(body["error"], str) and body["error"], body
    assert client.delete("/api/ready").headers["allow"] == "GET"
    page = client.put("/plan")
    assert page.status_code == 405 and set(page.headers["allow"].split(", ")) == {"GET", "POST"}
    assert "text/html" in page.headers["content-type"]


def test_the_described_ranges_are_the_accepted_ones(client: Any, settings: Settings) -> None:
    settings.pdf_dir.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(PDF, settings.pdf_dir / PDF.name)
    schema = client.get("/openapi.json").json()
    params = {
        p["name"]: p["schema"]
        for p in schema["paths"]["/papers/{slug}/pages/{page}.png"]["get"]["parameters"]
    }
    assert (params["zoom"]["minimum"], params["zoom"]["maximum"]) == (1, 2) and params["page"]["minimum"] == 1
    url = "/papers/attention-is-all-you-need/pages/1.png"
    assert client.get(url, params={"zoom": "2"}).headers["content-type"] == "image/png"
    assert client.get(url, params={"zoom": "4"}).status_code == 422
    body = schema["paths"]["/api/papers/{slug}/note"]["post"]["requestBody"]["content"]["application/json"]
    save = schema["components"]["schemas"][body["schema"]["$ref"].rpartition("/")[2]]
    assert save["properties"]["text"]["pattern"] == r"\S" and save["properties"]["version"]["minimum"] == 0
    answer = schema["paths"]["/practice/{question_id}/answer"]["post"]["requestBody"]["content"]
    form = schema["components"]["schemas"][
        answer["application/x-www-form-urlencoded"]["schema"]["$ref"].rpartition("/")[2]
    ]
    assert form["properties"]["elapsed_ms"] == {"type": "integer", "minimum": 0, "maximum": 86_400_000,
        "title": "Elapsed Ms", "description": form["properties"]["elapsed_ms"]["description"]}  # fmt: skip
