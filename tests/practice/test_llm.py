"""The optional LLM grader against a fake OpenAI-compatible server on loopback (a real HTTP server).

The replies have the shape of ``POST /v1/chat/completions`` answers (Ollama, llama.cpp server, vLLM and
hosted APIs all use it); each test queues what the server says next.
"""

from __future__ import annotations

import json
import socket
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from paperpass.config import Settings, load_settings
from paperpass.errors import ConfigError
from paperpass.practice.grading import follow_up, grade_answer, make_grader
from paperpass.practice.hints import HintJudge
from paperpass.practice.llm import ChatClient, LLMGrader, find_quote, follow_up_question
from support.cli import run

POINTS = ["DPO needs no explicit reward model", "paired data is expensive to collect"]
ANSWER = (
    "DPO skips the reward model entirely. Collecting chosen/rejected pairs costs a lot of annotator time."
)


def completion(content: str | None, refusal: str | None = None, finish: str = "stop") -> dict[str, Any]:
    """A chat completion body as the API returns it."""
    message: dict[str, Any] = {"role": "assistant", "content": content}
    if refusal is not None:
        message["refusal"] = refusal
    return {
        "id": "chatcmpl-7",
        "object": "chat.completion",
        "created": 1733000000,
        "model": "fake-grader",
        "system_fingerprint": "fp_fake",
        "choices": [{"index": 0, "message": message, "finish_reason": finish}],
        "usage": {"prompt_tokens": 180, "completion_tokens": 60, "total_tokens": 240},
    }


@dataclass
class FakeServer:
    """What the fake server will say, and what it was asked."""

    url: str
    replies: list[tuple[int, Any, float]] = field(default_factory=list)
    requests: list[dict[str, Any]] = field(default_factory=list)
    headers: list[dict[str, str]] = field(default_factory=list)

    def say(self, body: Any, status: int = 200, delay: float = 0.0) -> None:
        self.replies.append((status, body, delay))


@pytest.fixture
def server() -> Iterator[FakeServer]:
    fake = FakeServer("")

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:  # noqa: N802 (the stdlib's name)
            length = int(self.headers.get("Content-Length", "0"))
            fake.requests.append({"path": self.path, **json.loads(self.rfile.read(length))})
            fake.headers.append(dict(self.headers))
            status, body, delay = fake.replies.pop(0) if fake.replies else (200, completion("{}"), 0.0)
            time.sleep(delay)
            data = (body if isinstance(body, str) else json.dumps(body)).encode()
            try:
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)
            except OSError:
                pass  # the client gave up (timeout test)

        def log_message(self, *args: Any) -> None:
            pass

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    fake.url = f"http://127.0.0.1:{httpd.server_address[1]}/v1"
    yield fake
    httpd.shutdown()
    httpd.server_close()


def llm_settings(home: Path, url: str, **extra: Any) -> Settings:
    values: dict[str, Any] = {"llm_url": url, "llm_model": "fake-grader", "http_timeout": 2.0, **extra}
    return Settings(home=home, **values)


def grader_for(server: FakeServer, home: Path, notices: list[str], **extra: Any) -> LLMGrader:
    grader = make_grader(llm_settings(home, server.url, **extra), notify=notices.append)
    assert isinstance(grader, LLMGrader)
    return grader


def verdicts_reply(*items: dict[str, Any]) -> dict[str, Any]:
    return completion("```json\n" + json.dumps({"points": list(items)}) + "\n```")


def test_grades_come_from_the_model_with_quotes_checked_against_the_answer(
    server: FakeServer, tmp_path: Path
) -> None:
    server.say(
        verdicts_reply(
            {"n": 1, "verdict": "covered", "evidence": "DPO skips the reward  model entirely"},
            {"n": 2, "verdict": "covered", "evidence": "pairs are expensive"},
        )
    )
    notices: list[str] = []
    grades = grader_for(server, tmp_path, notices).grade(ANSWER, POINTS)
    assert [(g.verdict, g.grader) for g in grades] == [("covered", "llm"), ("unsure", "llm")]
    assert grades[0].evidence == "DPO skips the reward model entirely"  # as the answer writes it
    assert "not in the answer" in grades[1].reason
    request = server.requests[0]
    assert request["path"] == "/v1/chat/completions" and request["model"] == "fake-grader"
    sent = request["messages"][1]["content"]
    assert ANSWER in sent and all(p in sent for p in POINTS)
    assert len(notices) == 1 and server.url in notices[0]  # what is sent where, said once


def test_the_first_use_says_what_is_sent_where_once_per_run(server: FakeServer, tmp_path: Path) -> None:
    for _ in range(3):
        server.say(verdicts_reply({"n": 1, "verdict": "missed", "evidence": ""}))
    notices: list[str] = []
    grader = grader_for(server, tmp_path, notices)
    for _ in range(3):
        assert grader.grade("I am not sure.", POINTS[:1])[0].verdict == "missed"
    assert len(server.requests) == 3 and len(notices) == 1


def test_the_api_key_comes_from_the_named_environment_variable(
    server: FakeServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("FAKE_GRADER_KEY", "sk-test-123")
    server.say(verdicts_reply({"n": 1, "verdict": "missed", "evidence": ""}))
    grader_for(server, tmp_path, [], llm_api_key_env="FAKE_GRADER_KEY").grade(ANSWER, POINTS[:1])
    assert server.headers[0]["Authorization"] == "Bearer sk-test-123"
    monkeypatch.delenv("FAKE_GRADER_KEY")
    with pytest.raises(ConfigError, match="FAKE_GRADER_KEY"):
        make_grader(llm_settings(tmp_path, server.url, llm_api_key_env="FAKE_GRADER_KEY"))


@pytest.mark.parametrize(
    ("status", "body", "said"),
    [
        (200, completion("Sure! Both points are covered, great answer."), "no JSON"),
        (200, completion('{"points": "all covered"}'), "no list of points"),
        (200, completion(None, refusal="I can't help with grading."), "refused"),
        (200, completion("", finish="content_filter"), "refused"),
        (500, {"error": {"message": "model crashed"}}, "HTTP 500"),
        (200, "<html>Bad gateway</html>", "not a chat completion"),
    ],
)
def test_malformed_replies_and_refusals_fall_back_to_the_hint_judge(
    server: FakeServer, tmp_path: Path, status: int, body: Any, said: str
) -> None:
    server.say(body, status)
    server.say(verdicts_reply({"n": 1, "verdict": "missed", "evidence": ""}))
    notices: list[str] = []
    grader = grader_for(server, tmp_path, notices)
    grades = grader.grade(ANSWER, POINTS)
    assert [g.grader for g in grades] == ["hint", "hint"]
    assert [g.verdict for g in grades] == [g.verdict for g in HintJudge().grade(ANSWER, POINTS)]
    assert len(notices) == 2 and said in notices[1] and "hint judge" in notices[1]
    assert grader.grade("No idea.", POINTS[:1])[0].grader == "llm"  # a bad reply is no reason to stop asking
    assert len(server.requests) == 2


def test_a_timeout_falls_back_and_stops_asking_for_the_run(server: FakeServer, tmp_path: Path) -> None:
    server.say(verdicts_reply({"n": 1, "verdict": "covered", "evidence": "DPO"}), delay=1.0)
    notices: list[str] = []
    grader = grader_for(server, tmp_path, notices, http_timeout=0.3)
    assert [g.grader for g in grader.grade(ANSWER, POINTS)] == ["hint", "hint"]
    assert any("unreachable" in n for n in notices)
    assert grader.grade(ANSWER, POINTS)[0].grader == "hint"
    assert len(server.requests) == 1  # no retry per item after the first failure


def test_a_refused_connection_is_asked_once(tmp_path: Path) -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    notices: list[str] = []
    grader = make_grader(llm_settings(tmp_path, f"http://127.0.0.1:{port}/v1"), notify=notices.append)
    assert isinstance(grader, LLMGrader)
    for _ in range(5):
        assert grader.grade(ANSWER, POINTS)[0].grader == "hint"
    assert grader.offline and sum("unreachable" in n for n in notices) == 1


def test_points_the_reply_leaves_out_are_graded_by_the_hint_judge(server: FakeServer, tmp_path: Path) -> None:
    server.say(
        verdicts_reply(
            {"n": 2, "verdict": "covered", "evidence": "costs a lot of annotator time"},
            {"n": 9, "verdict": "covered", "evidence": "DPO"},
            {"n": 1, "verdict": "brilliant", "evidence": "DPO"},
        )
    )
    grades = grader_for(server, tmp_path, []).grade(ANSWER, POINTS)
    assert [g.grader for g in grades] == ["hint", "llm"]
    assert grades[1].verdict == "covered" and grades[1].evidence in ANSWER


def test_the_llm_writes_a_follow_up_from_the_gaps(server: FakeServer, tmp_path: Path) -> None:
    server.say(
        verdicts_reply(
            {"n": 1, "verdict": "covered", "evidence": "skips the reward model"},
            {"n": 2, "verdict": "unsure", "evidence": ""},
        )
    )
    server.say(completion("Why is collecting paired preference data the expensive part of DPO?"))
    grader = grader_for(server, tmp_path, [])
    grades = grader.grade(ANSWER, POINTS)
    question = follow_up_question(grader, "What are the limitations of DPO?", POINTS, ANSWER, grades)
    assert question == "Why is collecting paired preference data the expensive part of DPO?"
    asked = server.requests[1]["messages"][1]["content"]
    assert "paired data is expensive to collect" in asked.split("Missed or unclear:")[1]
    assert "DPO needs no explicit reward model" not in asked.split("Missed or unclear:")[1]


def test_no_follow_up_when_offline_or_nothing_was_missed(server: FakeServer, tmp_path: Path) -> None:
    grader = grader_for(server, tmp_path, [])
    covered = HintJudge().grade(
        "Switch Transformer uses top-1 routing.", ["Switch Transformer uses top-1 routing"]
    )
    assert follow_up_question(grader, "Q?", ["Switch Transformer uses top-1 routing"], "…", covered) is None
    grader.offline = True
    gaps = HintJudge().grade("No idea.", POINTS)
    assert follow_up_question(grader, "Q?", POINTS, "No idea.", gaps) is None
    assert server.requests == []


def test_the_judge_setting_picks_the_grader(tmp_path: Path, server: FakeServer) -> None:
    assert isinstance(make_grader(Settings(home=tmp_path)), HintJudge)  # off by default
    assert isinstance(make_grader(llm_settings(tmp_path, server.url)), LLMGrader)  # auto: llm when configured
    assert isinstance(make_grader(llm_settings(tmp_path, server.url, judge="hint")), HintJudge)
    with pytest.raises(ConfigError, match="llm_url"):
        make_grader(Settings(home=tmp_path, judge="llm"))


def test_grade_answer_through_the_settings(server: FakeServer, tmp_path: Path) -> None:
    server.say(verdicts_reply({"n": 1, "verdict": "missed", "evidence": ""}))
    grades = grade_answer(POINTS[:1], "I don't remember.", llm_settings(tmp_path, server.url))
    assert [(g.verdict, g.grader) for g in grades] == [("missed", "llm")]


def test_the_cli_says_where_answers_go_on_stderr(
    server: FakeServer, monkeypatch: pytest.MonkeyPatch, isolated_env: Path
) -> None:
    monkeypatch.setenv("PAPERPASS_LLM_URL", server.url)
    monkeypatch.setenv("PAPERPASS_LLM_MODEL", "fake-grader")
    server.say(verdicts_reply({"n": 1, "verdict": "covered", "evidence": "uses top-1 routing"}))
    assert load_settings().llm_url == server.url
    result = run(
        "grade",
        "--point",
        "Switch Transformer uses top-1 routing",
        "--answer",
        "Switch uses top-1 routing.",
        "--json",
    )
    assert result.code == 0
    assert json.loads(result.out)["points"][0] == {
        "point": "Switch Transformer uses top-1 routing",
        "verdict": "covered",
        "evidence": "uses top-1 routing",
    }
    assert server.url in result.err and len(result.err.strip().splitlines()) == 1


def test_quotes_are_found_despite_spacing_case_and_quote_marks() -> None:
    answer = "It’s  exact: the outputs match\nstandard attention."
    assert find_quote('"it\'s exact: the outputs match standard attention"', answer) == answer[:-1]
    assert find_quote("approximate attention", answer) is None
    assert find_quote("   ", answer) is None


def test_a_client_needs_a_url(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="llm_url"):
        ChatClient.from_settings(Settings(home=tmp_path))


def test_only_the_llm_grader_writes_follow_ups(server: FakeServer, tmp_path: Path) -> None:
    gaps = HintJudge().grade("No idea.", POINTS)
    assert follow_up(HintJudge(), "What are the limitations of DPO?", POINTS, "No idea.", gaps) is None
    server.say(completion("What does DPO need from the data?"))
    grader = grader_for(server, tmp_path, [])
    assert follow_up(grader, "What are the limitations of DPO?", POINTS, "No idea.", gaps) == (
        "What does DPO need from the data?"
    )
