"""Web pages in-process: home, entries, papers, method, questions, API and error pages."""

from __future__ import annotations

from typing import Any

import pytest

from paperpass.catalog import load_catalog
from paperpass.store import Store
from paperpass.store import papers as rows
from support.html import Page, squash


def test_home_shows_every_category_entry_and_the_checklist(web_client: Any) -> None:
    response = web_client.get("/")
    assert response.status_code == 200
    page = Page(response.text)
    catalog = load_catalog()
    for category in catalog.categories:
        entries = page.attrs(f"section#cat-{category.slug} ol.entries > li > a", "href")
        assert entries == [f"/guide/{e.slug}" for e in catalog.entries if e.category == category.slug]
    assert len(page.all("ol.entries .star")) >= 15
    assert len(page.all("aside.checklist > ol > li")) == 15
    assert "0 of 15 top-15 items interview-ready" in squash(page.one("p.progress-line").get_text(" "))
    definition = page.text_of("aside.checklist p.definition")  # the definition, beside the checklist
    assert definition.startswith("Done = interview-ready: each paper read to pass 2")
    lora = page.text_of('ol.top15 > li:has(> a[href="/guide/lora"]) .still-to-do')
    assert lora.startswith("Still to do: read LoRA to pass 2 (comprehension); complete the note on LoRA")


def test_entry_page_has_the_guides_facts_and_discussion_points(web_client: Any) -> None:
    page = Page(web_client.get("/guide/attention-is-all-you-need").text)
    results = page.text_of('section.facts h2:-soup-contains("Results") + ul')
    for fact in ("28.4 BLEU", "3.5 days", "8 GPUs"):
        assert fact in results
    points = page.texts("ol.discussion-points > li")
    assert points == list(load_catalog().entries[0].discussion_points) and len(points) >= 3


def test_grouping_entry_links_its_papers(web_client: Any) -> None:
    links = Page(web_client.get("/guide/anthropic-safety").text).attrs("main a", "href")
    assert {"/papers/red-teaming", "/papers/sleeper-agents", "/guide/scaling-monosemanticity"} <= set(links)


def test_paper_page_links_back_to_its_entries(web_client: Any) -> None:
    links = Page(web_client.get("/papers/instructgpt").text).attrs("main a", "href")
    assert {"/guide/instructgpt", "/guide/instructgpt-alignment"} <= set(links)
    assert any("arxiv.org/abs/2203.02155" in link for link in links)


def test_status_shows_on_home_after_reading(web_client: Any, sqlite_library: Store) -> None:
    with sqlite_library.transaction() as conn:
        rows.set_status(conn, rows.get_paper(conn, "lora").id or 0, "pass-2", user_id=0)
    page = Page(web_client.get("/").text)
    row = page.one('ol.entries > li:has(> a[href="/guide/lora"])')
    assert [badge["class"] for badge in row.select(".status")] == [["status", "status-pass-2"]]
    others = page.all('ol.entries > li:not(:has(> a[href="/guide/lora"])) .status-pass-2')
    assert others == []


FORM_PAGES = ["/papers/lora/note", "/papers/lora/read", "/practice", "/mock", "/plan", "/groups"]


@pytest.mark.parametrize("path", FORM_PAGES)
def test_every_form_that_posts_carries_the_pages_csrf_token_first(web_client: Any, path: str) -> None:
    """As rendered: a POST form whose first field is not the token is refused (a multipart upload is read
    only up to its first field to find it)."""
    response = web_client.get(path)
    assert response.status_code == 200
    page = Page(response.text)
    token = page.one('meta[name="csrf-token"]')["content"]
    forms = page.all('form[method="post" i]')
    assert forms, f"{path} has no form that posts"
    for form in forms:
        first = form.select_one("input, textarea, select, button")
        assert first is not None and first.get("name") == "csrf_token", f"{path}: {form.get('action')}"
        assert first.get("type") == "hidden" and first.get("value") == token


def test_method_page_has_three_passes_template_and_pwc_successor(web_client: Any) -> None:
    page = Page(web_client.get("/method").text)
    passes = page.texts("article.pass h3")
    assert passes[:2] == ["Pass 1: Survey 5-10 min", "Pass 2: Comprehension 30-60 min"]
    assert len(passes) == 3 and passes[2].startswith("Pass 3: ")
    assert page.texts("dl.template dt") == [field.name for field in load_catalog().note_template]
    pwc = 'li:has(> a[href="https://paperswithcode.com"]) .warn'  # the resource's own status
    assert "closed in 2025" in page.text_of(pwc) and page.text_of(f"{pwc} a") == "Hugging Face Papers"


def test_questions_page_lists_every_typical_question(web_client: Any) -> None:
    shown = Page(web_client.get("/questions").text).texts("ul.questions > li")
    quoted = sorted(text.split("”")[0].removeprefix("“") for text in shown)
    assert quoted == sorted(question.text for question in load_catalog().questions)


def test_api_guide_equals_the_cli_json(web_client: Any) -> None:
    import json

    from support.cli import run

    cli = json.loads(run("guide", "--json").out)
    assert web_client.get("/api/guide").json() == cli


def test_api_paper_by_identifier(web_client: Any) -> None:
    data = web_client.get("/api/papers/arXiv:2106.09685v2").json()
    assert data["slug"] == "lora" and data["guide_entries"] == ["lora"] and data["status"] == "to-read"


@pytest.mark.parametrize("path", ["/guide/no-such-paper", "/papers/no-such-paper", "/nowhere"])
def test_unknown_pages_are_404_pages(web_client: Any, path: str) -> None:
    response = web_client.get(path)
    assert response.status_code == 404
    assert "text/html" in response.headers["content-type"]
    page = Page(response.text)
    assert page.text_of("main h1") == "Not found" and page.text_of("main .error-message")


def test_api_404_is_json(web_client: Any) -> None:
    response = web_client.get("/api/guide/lorra")
    assert response.status_code == 404 and "lora" in response.json()["error"]


def test_output_is_escaped(web_client: Any, sqlite_library: Store) -> None:
    from paperpass.models import Paper

    with sqlite_library.transaction() as conn:
        rows.insert_paper(conn, Paper(slug="xss", title="<script>alert(1)</script>", authors=["<b>Eve</b>"]))
    page = Page(web_client.get("/papers/xss").text)
    assert page.active_content() == [] and page.text_of("main h1") == "<script>alert(1)</script>"
    assert "<b>Eve</b>" in page.text_of("main p.meta") and not page.has("main b")
    listed = Page(web_client.get("/papers").text)
    [row] = [cells for cells in listed.table_rows("table.papers tbody") if cells[0].startswith("<script>")]
    assert row[:2] == ["<script>alert(1)</script>", "<b>Eve</b>"]
    assert listed.all("table.papers b, table.papers script") == [] and listed.active_content() == []


def test_pages_work_on_a_phone(web_client: Any) -> None:
    viewport = Page(web_client.get("/").text).one('head meta[name="viewport"]')
    assert "width=device-width" in str(viewport["content"])
