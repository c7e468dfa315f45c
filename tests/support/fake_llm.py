"""A fake OpenAI-compatible chat server on loopback for pages that use the LLM grader.

Every ``POST /v1/chat/completions`` is recorded; the reply is built by ``answer(request body)`` (by
default: every point "unsure" with no evidence for a grading request, a fixed question for a follow-up).
"""

from __future__ import annotations

import json
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

FOLLOW_UP = "Where exactly does the reference model enter the loss?"


def completion(content: str) -> dict[str, Any]:
    """A chat completion body as the API returns it."""
    return {
        "id": "chatcmpl-1",
        "object": "chat.completion",
        "model": "fake-grader",
        "choices": [
            {"index": 0, "message": {"role": "assistant", "content": content}, "finish_reason": "stop"}
        ],
    }


def default_answer(body: dict[str, Any]) -> dict[str, Any]:
    """Unsure on every numbered point of a grading request; a fixed follow-up otherwise."""
    system = body["messages"][0]["content"]
    user = body["messages"][1]["content"]
    if "follow-up" in system:
        return completion(FOLLOW_UP)
    points = [line for line in user.splitlines() if line[:1].isdigit() and ". " in line]
    return completion(json.dumps({"points": [{"n": n, "verdict": "unsure", "evidence": ""}
                                             for n in range(1, len(points) + 1)]}))  # fmt: skip


@dataclass
class FakeLLM:
    """The server's base URL (``.../v1``) and what it was asked."""

    url: str = ""
    requests: list[dict[str, Any]] = field(default_factory=list)


@contextmanager
def fake_llm(answer: Callable[[dict[str, Any]], dict[str, Any]] = default_answer) -> Iterator[FakeLLM]:
    """Serve the fake chat endpoint while the block runs."""
    fake = FakeLLM()

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:  # noqa: N802 (the stdlib's name)
            body = json.loads(self.rfile.read(int(self.headers.get("Content-Length", "0"))))
            fake.requests.append(body)
            data = json.dumps(answer(body)).encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, *args: Any) -> None:
            pass

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True)
    thread.start()
    fake.url = f"http://127.0.0.1:{httpd.server_address[1]}/v1"
    try:
        yield fake
    finally:
        httpd.shutdown()
        httpd.server_close()
