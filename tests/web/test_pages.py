"""Web pages in-process: home, entries, papers, method, questions, API and error pages."""

from __future__ import annotations

import re
from typing import Any

import pytest

from paperpass.catalog import load_catalog
from paperpass.store import Store
from paperpass.store import papers as rows


def text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def test_home_shows_every_category_entry_and_the_checklist(web_client: Any) -> None:
    response = web_client.get("/")
    assert response.status_code == 200
    page = response.text
    catalog = load_catalog()
    for category in catalog.categories:
        assert f'id="cat-{category.slug}"' in page
    for entry in catalog.entries:
        assert f'href="/guide/{entry.slug}"' in page
    assert page.count('class="star"') >= 17
    assert "0 of 15 top-15 items interview-ready" in text(page)
    assert "Done = interview-ready: each paper read to pass 2" in text(page)  # the definition, on the page
    assert "Still to do: read LoRA to pass 2 (comprehension); complete the note on LoRA" in text(page)


def test_entry_page_has_the_guides_facts_and_discussion_points(web_client: Any) -> None:
    page = web_client.get("/guide/attention-is-all-you-need").text
    body = text(page)
    for fact in ("28.4 BLEU", "3.5 days", "8 GPUs"):
        assert fact in body
    points = re.findall(r"<li>(.*?)</li>", page.split('class="discussion-points"')[1].split("</ol>")[0], re.S)
    assert len(points) == len(load_catalog().entries[0].discussion_points) >= 3


def test_grouping_entry_links_its_papers(web_client: Any) -> None:
    page = web_client.get("/guide/anthropic-safety").text
    assert 'href="/papers/red-teaming"' in page and 'href="/papers/sleeper-agents"' in page
    assert 'href="/guide/scaling-monosemanticity"' in page


def test_paper_page_links_back_to_its_entries(web_client: Any) -> None:
    page = web_client.get("/papers/instructgpt").text
    assert 'href="/guide/instructgpt"' in page and 'href="/guide/instructgpt-alignment"' in page
    assert "arxiv.org/abs/2203.02155" in page


def test_status_shows_on_home_after_reading(web_client: Any, sqlite_library: Store) -> None:
    with sqlite_library.transaction() as conn:
        rows.set_status(conn, rows.get_paper(conn, "lora").id or 0, "pass-2", user_id=0)
    page = web_client.get("/").text
    assert re.search(r'href="/guide/lora".*?status-pass-2', page, re.S)


def test_method_page_has_three_passes_template_and_pwc_successor(web_client: Any) -> None:
    body = text(web_client.get("/method").text)
    for name in ("Pass 1", "Pass 2", "Pass 3", "5-10 min", "30-60 min"):
        assert name in body
    for field in load_catalog().note_template:
        assert field.name in body
    assert "closed in 2025" in body and "Hugging Face Papers" in body


def test_questions_page_lists_every_typical_question(web_client: Any) -> None:
    body = text(web_client.get("/questions").text)
    for question in load_catalog().questions:
        assert question.text.replace("'", "&#39;") in body or question.text in body


def test_api_guide_equals_the_cli_json(web_client: Any) -> None:
    import json

    from typer.testing import CliRunner

    from paperpass.cli.app import app

    cli = json.loads(CliRunner().invoke(app, ["guide", "--json"]).stdout)
    assert web_client.get("/api/guide").json() == cli


def test_api_paper_by_identifier(web_client: Any) -> None:
    data = web_client.get("/api/papers/arXiv:2106.09685v2").json()
    assert data["slug"] == "lora" and data["guide_entries"] == ["lora"] and data["status"] == "to-read"


@pytest.mark.parametrize("path", ["/guide/no-such-paper", "/papers/no-such-paper", "/nowhere"])
def test_unknown_pages_are_404_pages(web_client: Any, path: str) -> None:
    response = web_client.get(path)
    assert response.status_code == 404
    assert "text/html" in response.headers["content-type"] and "Not found" in response.text


def test_api_404_is_json(web_client: Any) -> None:
    response = web_client.get("/api/guide/lorra")
    assert response.status_code == 404 and "lora" in response.json()["error"]


def test_output_is_escaped(web_client: Any, sqlite_library: Store) -> None:
    from paperpass.models import Paper

    with sqlite_library.transaction() as conn:
        rows.insert_paper(conn, Paper(slug="xss", title="<script>alert(1)</script>", authors=["<b>Eve</b>"]))
    page = web_client.get("/papers/xss").text
    assert "<script>alert(1)</script>" not in page and "&lt;script&gt;" in page
    assert "<b>Eve</b>" not in web_client.get("/papers").text


def test_pages_work_on_a_phone(web_client: Any) -> None:
    assert 'name="viewport"' in web_client.get("/").text
