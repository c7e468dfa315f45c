"""Reading pages in-process: note editor, save errors keep the text, preview, reading view, PDF pages,
figure crops, progress on the home page and as JSON."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from paperpass.config import Settings
from support.corpus import install_attention_pdf
from support.notes import GOOD_NOTE


@pytest.fixture
def with_pdf(settings: Settings) -> Path:
    return install_attention_pdf(settings.pdf_dir)


def test_note_editor_shows_the_template_and_its_preview(web_client: Any) -> None:
    page = web_client.get("/papers/lora/note").text
    assert '<textarea name="text" id="note-text"' in page and "# LoRA" in page
    assert 'name="version" value="0"' in page and "<h2>Key idea</h2>" in page
    assert "Problem (problem): placeholder" in page


def test_saving_from_the_form_redirects_and_keeps_history(web_client: Any) -> None:
    response = web_client.post(
        "/papers/lora/note", data={"text": GOOD_NOTE, "version": "0"}, follow_redirects=False
    )
    assert response.status_code == 303 and response.headers["location"] == "/papers/lora/note?saved=1"
    page = web_client.get("/papers/lora/note?saved=1").text
    assert "Saved version 1." in page and 'name="version" value="1"' in page and "<math" in page


def test_a_failed_save_keeps_the_text_and_says_why(web_client: Any) -> None:
    web_client.post("/papers/lora/note", data={"text": GOOD_NOTE, "version": "0"})
    stale = web_client.post(
        "/papers/lora/note", data={"text": GOOD_NOTE + "\nmine <b>x</b>\n", "version": "0"}
    )
    assert stale.status_code == 409 and "saved elsewhere" in stale.text
    assert "mine &lt;b&gt;x&lt;/b&gt;" in stale.text
    bad = web_client.post("/papers/lora/note", data={"text": "## Problm\nkeep me\n", "version": "1"})
    assert bad.status_code == 400 and "unknown section" in bad.text and "keep me" in bad.text


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
    assert "<msqrt>" in data["html"] and "&lt;img src=x onerror=alert(1)&gt;" in data["html"]
    assert "<img" not in data["html"]
    assert web_client.post("/api/notes/preview", json={"nope": 1}).status_code == 422


def test_reading_view_without_a_pdf_says_how_to_add_one(web_client: Any) -> None:
    page = web_client.get("/papers/lora/read").text
    assert "No PDF for this paper" in page and "pdfs/2106.09685.pdf" in page and 'id="note-text"' in page
    assert web_client.get("/papers/lora/pages/1.png").status_code == 404


def test_reading_view_with_a_corpus_pdf(web_client: Any, with_pdf: Path) -> None:
    page = web_client.get("/papers/attention-is-all-you-need/read").text
    assert "Survey sheet" in page and "28.4 BLEU" in page
    assert '<a href="#page-2">3 Model Architecture</a>' in page
    assert page.count('class="pdf-page"') == 15 and 'id="page-15"' in page
    assert (
        'src="/papers/attention-is-all-you-need/figures/0.png?v=' in page
        and "Figure 1: The Transformer" in page
    )
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
    page = web_client.get("/").text
    assert '<svg class="week-chart"' in page and page.count("<rect ") == 12
    assert "week of" in page and "45.0 min" in page
    data = web_client.get("/api/progress").json()
    assert data["total_minutes"] == 45 and len(data["weekly"]) == 12
    assert 'href="/papers/lora/read"' in web_client.get("/papers/lora").text
