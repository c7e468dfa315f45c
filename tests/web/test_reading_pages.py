"""Reading pages in-process: note editor, save errors keep the text, preview, reading view, PDF pages,
figure crops, progress on the home page and as JSON."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from paperpass.config import Settings
from support.corpus import install_attention_pdf
from support.html import Page, squash, submitted
from support.notes import GOOD_NOTE


@pytest.fixture
def with_pdf(settings: Settings) -> Path:
    return install_attention_pdf(settings.pdf_dir)


def test_note_editor_shows_the_template_and_its_preview(web_client: Any) -> None:
    page = Page(web_client.get("/papers/lora/note").text)
    editor = submitted(page.form("/papers/lora/note"))
    assert page.one("form.note-editor textarea#note-text")["name"] == "text"
    assert editor["text"][0].startswith("# LoRA") and editor["version"] == ["0"]
    assert "Key idea" in page.texts("#note-preview h2")
    findings = page.texts("#note-findings li")
    assert any(finding.startswith("Problem (problem): placeholder") for finding in findings)


def test_saving_from_the_form_redirects_and_keeps_history(web_client: Any) -> None:
    response = web_client.post(
        "/papers/lora/note", data={"text": GOOD_NOTE, "version": "0"}, follow_redirects=False
    )
    assert response.status_code == 303 and response.headers["location"] == "/papers/lora/note?saved=1"
    page = Page(web_client.get("/papers/lora/note?saved=1").text)
    assert page.text_of("#note-message") == "Saved version 1."
    assert submitted(page.form("/papers/lora/note"))["version"] == ["1"] and page.has("#note-preview math")


def test_a_failed_save_keeps_the_text_and_says_why(web_client: Any) -> None:
    web_client.post("/papers/lora/note", data={"text": GOOD_NOTE, "version": "0"})
    stale = web_client.post(
        "/papers/lora/note", data={"text": GOOD_NOTE + "\nmine <b>x</b>\n", "version": "0"}
    )
    assert stale.status_code == 409
    conflict = Page(stale.text)
    assert "saved elsewhere" in conflict.text_of("main .error-message")
    assert conflict.one("pre.mine").get_text().endswith("mine <b>x</b>\n") and not conflict.has("pre b")
    bad = web_client.post("/papers/lora/note", data={"text": "## Problm\nkeep me\n", "version": "1"})
    assert bad.status_code == 400
    editor = Page(bad.text)
    assert "unknown section" in editor.text_of("#note-message.error-message")
    assert submitted(editor.form("/papers/lora/note"))["text"] == ["## Problm\nkeep me\n"]


def test_json_save_and_conflict(web_client: Any) -> None:
    ok = web_client.post("/api/papers/dpo/note", json={"text": GOOD_NOTE, "version": 0})
    assert ok.status_code == 200 and ok.json() == {"version": 1, "findings": []}
    stale = web_client.post("/api/papers/dpo/note", json={"text": GOOD_NOTE, "version": 0})
    assert stale.status_code == 409 and "saved elsewhere" in stale.json()["error"]
    assert web_client.get("/api/papers/dpo/note").json()["version"] == 1


def test_preview_renders_math_and_sanitizes(web_client: Any) -> None:
    data = web_client.post(
        "/api/notes/preview", json={"text": "## Method\n\n- $\\sqrt{d_k}$ <img src=x onerror=alert(1)>"}
    ).json()
    preview = Page(data["html"])
    assert preview.has("math msqrt") and "<img src=x onerror=alert(1)>" in preview.text
    assert not preview.has("img") and preview.active_content() == []
    assert web_client.post("/api/notes/preview", json={"nope": 1}).status_code == 422


def test_reading_view_without_a_pdf_says_how_to_add_one(web_client: Any) -> None:
    page = Page(web_client.get("/papers/lora/read").text)
    assert page.text_of("#no-pdf-h") == "No PDF for this paper yet"
    assert "pdfs/2106.09685.pdf" in page.texts("section.no-pdf form.fetch-pdf code")
    assert page.has("section.reading-note form.note-editor textarea#note-text")
    assert web_client.get("/papers/lora/pages/1.png").status_code == 404


def test_reading_view_with_a_corpus_pdf(web_client: Any, with_pdf: Path) -> None:
    page = Page(web_client.get("/papers/attention-is-all-you-need/read").text)
    assert page.text_of("#sheet-h").startswith("Survey sheet")
    assert "28.4 BLEU" in page.text_of("section.sheet")
    assert "3 Model Architecture" in page.texts('nav.outline > ol > li > a[href="#page-2"]')
    assert page.attrs("section.pdf-pages > .pdf-page", "id") == [f"page-{n}" for n in range(1, 16)]
    [src] = page.attrs("section.gallery figure#figure-0 img", "src")
    assert src.startswith("/papers/attention-is-all-you-need/figures/0.png?v=")
    assert page.text_of("section.gallery figure#figure-0 figcaption").startswith("Figure 1: The Transformer")
    image = web_client.get("/papers/attention-is-all-you-need/pages/3.png")
    assert (
        image.status_code == 200
        and image.content[:4] == b"\x89PNG"
        and "max-age" in image.headers["cache-control"]
    )
    crop = web_client.get("/papers/attention-is-all-you-need/figures/0.png")
    assert crop.status_code == 200 and len(crop.content) < len(image.content) * 2
    assert web_client.get("/papers/attention-is-all-you-need/figures/99.png").status_code == 404
    assert web_client.get("/papers/attention-is-all-you-need/pages/0.png").status_code == 422  # pages from 1
    assert web_client.get("/papers/attention-is-all-you-need/pages/99.png").status_code == 404


def test_home_has_the_weekly_chart_and_progress_json(web_client: Any) -> None:

    from support.cli import run

    run("log", "lora", "--pass", "2", "--minutes", "45")
    page = Page(web_client.get("/").text)
    weeks = [squash(title.get_text()) for title in page.all("svg.week-chart g.bar > rect > title")]
    assert len(weeks) == 12 and all(week.startswith("week of ") for week in weeks)
    assert weeks[-1].endswith(": 45.0 min") and all(week.endswith(": 0.0 min") for week in weeks[:-1])
    assert page.text_of("section.reading-progress > p.muted").startswith("45.0 min in 1 sessions")
    data = web_client.get("/api/progress").json()
    assert data["total_minutes"] == 45 and len(data["weekly"]) == 12
    paper = Page(web_client.get("/papers/lora").text)
    assert paper.attrs("main p.reading-links a", "href")[0] == "/papers/lora/read"
