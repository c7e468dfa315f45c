"""Practice, mock interview and readiness pages in-process."""

from __future__ import annotations

import re
from typing import Any

import pytest


@pytest.fixture(autouse=True)
def lexical_judge(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PAPERPASS_JUDGE", "lexical")


def test_practice_reveal_and_rate(web_client: Any) -> None:
    page = web_client.get("/practice").text
    qid = re.search(r'data-question="(\d+)"', page).group(1)  # type: ignore[union-attr]
    assert 'action="/practice/' in page and "<textarea" in page
    reveal = web_client.post(f"/practice/{qid}/reveal", data={"answer": "recurrent networks are sequential"})
    assert reveal.status_code == 200
    assert 'class="covered"' in reveal.text or 'class="missed"' in reveal.text
    assert reveal.text.count('name="rating"') == 4 and 'data-key="1"' in reveal.text
    rated = web_client.post(
        f"/practice/{qid}/rate", data={"rating": "3", "covered": "1"}, follow_redirects=False
    )
    assert rated.status_code == 303 and rated.headers["location"] == "/practice"
    assert f'data-question="{qid}"' not in web_client.get("/practice").text
    assert web_client.post(f"/practice/{qid}/rate", data={"rating": "9"}).status_code == 400


def test_mock_flow_and_report(web_client: Any) -> None:
    start = web_client.post("/mock", data={"minutes": "8", "entry": "dpo"}, follow_redirects=False)
    url = start.headers["location"]
    for _ in range(4):
        page = web_client.get(url)
        assert "data-timer" in page.text
        action = re.search(r'action="(/mock/\d+/answer/\d+)"', page.text).group(1)  # type: ignore[union-attr]
        feedback = web_client.post(action, data={"answer": "DPO needs paired preferences"})
        assert "reference points covered" in feedback.text
    report = web_client.get(url, follow_redirects=True)
    assert report.url.path.endswith("/report") and "What to review" in report.text
    api = web_client.get(url.replace("/mock/", "/api/mock/")).json()
    assert api["finished"] and len(api["questions"]) == 4
    assert web_client.post("/mock", data={"minutes": "1"}).status_code == 400


def test_ready_page_has_chart_definition_and_next_steps(web_client: Any) -> None:
    page = web_client.get("/ready").text
    assert "<svg" in page and page.count("<rect") == 30
    assert "Overall readiness" in page and page.count("<li>") >= 3
    data = web_client.get("/api/ready").json()
    assert len(data["items"]) == 15 and len(data["next_steps"]) == 3


def test_questions_api(web_client: Any) -> None:
    data = web_client.get("/api/questions", params={"entry": "lora"}).json()
    assert all("lora" in q["entries"] for q in data) and len(data) >= 6
