"""The optional LLM grader: an OpenAI-compatible chat endpoint grades answers and writes follow-ups.

Off unless the ``llm_url`` setting names a server that speaks ``POST {llm_url}/chat/completions`` (Ollama at
``http://127.0.0.1:11434/v1``, a llama.cpp server, vLLM, or a hosted API; ``llm_model`` names the model,
``llm_api_key_env`` the environment variable holding a key). What is sent: the question, its reference
points and the typed answer. The first request of a run says so on one line (``notify``).

The model's word is checked before it is shown: each verdict must quote its evidence from the answer, and a
verdict whose quote does not occur in the answer becomes ``unsure``. Anything that goes wrong falls back to
the hint judge with a one-line notice: a timeout or a refused connection (after which no further request is
made in the run: the rest is graded offline), an HTTP error, a reply that is not the JSON asked for, or a
refusal.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import httpx

from paperpass.config import Settings
from paperpass.errors import ConfigError
from paperpass.practice.grades import VERDICTS, Grader, PointGrade

Notify = Callable[[str], None]

_SYSTEM = (
    "You grade a candidate's answer in a Staff-level ML interview against numbered reference points. "
    "For each point decide: covered (the answer makes the point's claim: the same numbers, names and "
    "direction; an answer that says the opposite, names another model or gives another number does not "
    "cover it), missed (the answer does not make the claim), or unsure. Quote the evidence: the exact words "
    "of the answer you relied on, copied character for character (empty when nothing in the answer bears "
    'on the point). Reply with JSON only: {"points": [{"n": 1, "verdict": "covered", "evidence": "..."}]}'
)
_FOLLOW_UP = (
    "You are the interviewer in a Staff-level ML interview. Given the question, the reference points, the "
    "candidate's answer and which points it missed or left unclear, ask ONE short follow-up question that "
    "probes the most important gap without giving the answer away. Reply with the question only."
)


class LLMUnavailable(Exception):
    """The endpoint could not be reached in time (connection refused, timeout): stop asking for this run."""


class LLMReplyError(Exception):
    """The endpoint answered, but not with something usable (an HTTP error, malformed JSON, a refusal)."""


@dataclass
class ChatClient:
    """A minimal OpenAI-compatible ``/chat/completions`` client.

    Attributes:
        base_url: the API base, e.g. ``http://127.0.0.1:11434/v1``; ``/chat/completions`` is appended.
        model: the model name sent with each request.
        api_key: sent as ``Authorization: Bearer`` when given.
        http: the httpx client (tests hand one over; its timeout applies).
    """

    base_url: str
    model: str
    api_key: str = ""
    http: httpx.Client = field(default_factory=lambda: httpx.Client(timeout=30.0))

    @classmethod
    def from_settings(cls, settings: Settings, environ: Mapping[str, str] | None = None) -> ChatClient:
        """A client for the ``llm_url``, ``llm_model`` and ``llm_api_key_env`` settings.

        Raises:
            ConfigError: ``llm_url`` is empty, or ``llm_api_key_env`` names a variable that is not set.
        """
        env = os.environ if environ is None else environ
        url = str(settings.llm_url).strip()
        if not url:
            raise ConfigError("the LLM grader needs the llm_url setting (an OpenAI-compatible API base URL)")
        key = ""
        name = str(settings.llm_api_key_env).strip()
        if name:
            key = env.get(name, "")
            if not key:
                raise ConfigError(f"llm_api_key_env names {name}, which is not set in the environment")
        timeout = float(settings.http_timeout)
        return cls(url.rstrip("/"), str(settings.llm_model), key, httpx.Client(timeout=timeout))

    @property
    def endpoint(self) -> str:
        """The URL requests go to."""
        return f"{self.base_url}/chat/completions"

    def complete(self, system: str, user: str, max_tokens: int = 800) -> str:
        """The assistant's reply to one system and one user message.

        Raises:
            LLMUnavailable: no connection, or no reply in time.
            LLMReplyError: an HTTP error status, a body that is not a chat completion, or a refusal.
        """
        payload = {
            "model": self.model,
            "messages": [{"role": "system", "content": system}, {"role": "user", "content": user}],
            "temperature": 0,
            "max_tokens": max_tokens,
            "stream": False,
        }
        headers = {"Authorization": f"Bearer {self.api_key}"} if self.api_key else {}
        try:
            response = self.http.post(self.endpoint, json=payload, headers=headers)
        except (httpx.TimeoutException, httpx.NetworkError, httpx.ProxyError) as error:
            raise LLMUnavailable(f"{self.endpoint}: {type(error).__name__}") from None
        if response.status_code >= 400:
            raise LLMReplyError(f"{self.endpoint} answered HTTP {response.status_code}")
        return _content(response)


def _content(response: httpx.Response) -> str:
    try:
        body = response.json()
        choice = body["choices"][0]
        message = choice["message"]
    except (ValueError, KeyError, IndexError, TypeError):
        raise LLMReplyError("the reply is not a chat completion") from None
    if message.get("refusal") or choice.get("finish_reason") == "content_filter":
        raise LLMReplyError("the model refused")
    content = message.get("content")
    if not isinstance(content, str) or not content.strip():
        raise LLMReplyError("the reply is empty")
    return content


def grading_prompt(answer: str, points: Sequence[str], question: str = "") -> str:
    """The user message asking for one verdict per point."""
    lines = [f"Question: {question}"] if question else []
    lines.append("Reference points:")
    lines += [f"{n}. {point}" for n, point in enumerate(points, 1)]
    lines += ["", "Answer:", answer]
    return "\n".join(lines)


def parse_grades(reply: str, answer: str, points: Sequence[str]) -> list[PointGrade | None]:
    """The verdicts of a reply, one per point (None where the reply says nothing usable on a point).

    A verdict needs evidence found in the answer; otherwise it becomes ``unsure`` (a "missed" with no
    evidence stands: nothing in the answer bears on the point).

    Raises:
        LLMReplyError: the reply holds no JSON object with a ``points`` list.
    """
    data = _json_object(reply)
    items = data.get("points") if isinstance(data, dict) else None
    if not isinstance(items, list):
        raise LLMReplyError("the reply has no list of points")
    grades: list[PointGrade | None] = [None] * len(points)
    for position, item in enumerate(items):
        if not isinstance(item, dict):
            continue
        number = item.get("n", position + 1)
        if not isinstance(number, int) or not 1 <= number <= len(points):
            continue
        verdict = str(item.get("verdict", "")).strip().lower()
        if verdict not in VERDICTS:
            continue
        quoted = str(item.get("evidence") or "")
        grades[number - 1] = _checked(points[number - 1], verdict, quoted, answer)
    return grades


def _checked(point: str, verdict: str, quoted: str, answer: str) -> PointGrade:
    span = find_quote(quoted, answer)
    if span is None and (quoted.strip() or verdict == "covered"):
        reason = "the grader's quote is not in the answer" if quoted.strip() else "the grader quoted nothing"
        return PointGrade(point, "unsure", "", reason, "llm")
    return PointGrade(point, verdict, span or "", "graded by the LLM", "llm")  # type: ignore[arg-type]


def find_quote(quoted: str, answer: str) -> str | None:
    """Where a quote occurs in the answer, as the answer writes it (spacing, case and quote marks aside)."""
    words = re.findall(r"\w+(?:['’]\w+)?|[^\w\s]", quoted.strip().strip("\"'“”"))
    if not words:
        return None
    pattern = r"\s*".join(re.sub(r"['’]", "['’]", re.escape(w)) for w in words)
    match = re.search(pattern, answer, re.IGNORECASE)
    return match.group(0) if match else None


def _json_object(reply: str) -> Any:
    text = reply.strip()
    fenced = re.search(r"```(?:json)?\s*(.*?)```", text, re.DOTALL)
    if fenced:
        text = fenced.group(1)
    start, end = text.find("{"), text.rfind("}")
    if start < 0 or end <= start:
        raise LLMReplyError("the reply holds no JSON object")
    try:
        return json.loads(text[start : end + 1])
    except json.JSONDecodeError:
        raise LLMReplyError("the reply's JSON is malformed") from None


@dataclass
class LLMGrader:
    """Grades through the chat endpoint; falls back to ``fallback`` (the hint judge) when it cannot.

    One grader lasts one run (a command, a practice session): it says once what it sends where, and after
    the first connection failure it stops asking.

    Attributes:
        client: the chat client.
        fallback: the grader used when the endpoint fails, and for points the reply leaves out.
        notify: where one-line notices go (stderr in the CLI); None keeps them quiet.
        question: the question the answer replies to, sent for context (optional).
    """

    client: ChatClient
    fallback: Grader
    notify: Notify | None = None
    question: str = ""
    name: str = "llm"
    offline: bool = False
    _said: set[str] = field(default_factory=set)

    def say(self, key: str, message: str) -> None:
        """A notice, once per kind per run."""
        if key not in self._said and self.notify is not None:
            self._said.add(key)
            self.notify(message)

    def grade(self, answer: str, points: Sequence[str]) -> list[PointGrade]:
        """One grade per point: the model's, checked against the answer, else the fallback's."""
        if not points:
            return []
        if self.offline or not answer.strip():
            return self.fallback.grade(answer, points)
        self.announce()
        try:
            reply = self.client.complete(_SYSTEM, grading_prompt(answer, points, self.question))
            parsed = parse_grades(reply, answer, points)
        except LLMUnavailable as error:
            self.offline = True
            self.say(
                "offline", f"LLM grader unreachable ({error}); the hint judge grades the rest of this run"
            )
            return self.fallback.grade(answer, points)
        except LLMReplyError as error:
            self.say("reply", f"LLM grader gave no usable grades ({error}); the hint judge grades instead")
            return self.fallback.grade(answer, points)
        backup = self.fallback.grade(answer, points) if None in parsed else []
        return [grade if grade is not None else backup[i] for i, grade in enumerate(parsed)]

    def announce(self) -> None:
        """Say, once, what is sent where."""
        model = f" (model {self.client.model})" if self.client.model else ""
        self.say("sent", f"LLM grader: sending the question, its reference points and your answer to "
                         f"{self.client.endpoint}{model}")  # fmt: skip


def follow_up_question(
    grader: LLMGrader, question: str, points: Sequence[str], answer: str, grades: Sequence[PointGrade]
) -> str | None:
    """A follow-up question the LLM writes from what the answer missed or left unclear.

    None when nothing was missed or unclear, the grader is offline, or the endpoint fails (with a one-line
    notice); the caller then picks its own follow-up.
    """
    gaps = [g.point for g in grades if g.verdict != "covered"]
    if not gaps or grader.offline:
        return None
    grader.announce()
    user = (
        grading_prompt(answer, points, question)
        + "\n\nMissed or unclear:\n"
        + "\n".join(f"- {g}" for g in gaps)
    )
    try:
        reply = grader.client.complete(_FOLLOW_UP, user, max_tokens=120)
    except LLMUnavailable as error:
        grader.offline = True
        grader.say("offline", f"LLM grader unreachable ({error}); no more requests this run")
        return None
    except LLMReplyError as error:
        grader.say("follow-up", f"LLM follow-up unavailable ({error})")
        return None
    text = " ".join(reply.strip().strip("\"'“”").split())
    return text if 8 <= len(text) <= 400 else None
