"""The note editor in a real browser: type, see the preview with rendered math, save, reload, still there;
the reading view with a corpus PDF; the progress chart on the home page."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

from paperpass.config import Settings
from support.corpus import install_attention_pdf

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("shot")]
SCREENSHOTS = os.environ.get("PAPERPASS_SCREENSHOTS")  # a folder to keep screenshots in, for a look


def wait_for_image(page: Any, selector: str) -> None:
    """Wait until an image has loaded and has pixels (a locator check: the page's CSP forbids the eval a
    string predicate of ``wait_for_function`` needs)."""
    from playwright.sync_api import expect

    image = page.locator(selector)
    expect(image).to_have_js_property("complete", True, timeout=10000)
    assert image.evaluate("img => img.naturalWidth") > 0


def keep(page: Any, name: str) -> None:
    if SCREENSHOTS:
        Path(SCREENSHOTS).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(SCREENSHOTS) / f"{name}.png"), full_page=False)


def test_edit_preview_math_save_reload(page: Any, live_server: Any) -> None:
    page.set_viewport_size({"width": 1400, "height": 1000})
    page.goto(live_server.url + "/papers/lora/note")
    editor = page.locator("#note-text")
    text = editor.input_value()
    assert text.startswith("# LoRA")
    new_text = text.replace(
        "TODO: Bullet points on the main approach, key formulas in LaTeX: $...$.",
        "- Update $W = W_0 + BA$ with $B \\in \\mathbb{R}^{d \\times r}$\n- $r \\ll d$, e.g. 4-64",
    )
    editor.fill(new_text)
    page.locator("#note-preview li math msub").first.wait_for(timeout=5000)  # W_0 as MathML, not TeX
    preview_math = page.locator("#note-preview li math")
    assert "$W" not in page.locator("#note-preview").inner_text()
    box = preview_math.first.bounding_box()
    assert box is not None and box["width"] > 20  # Chromium lays out MathML
    keep(page, "note-editor-preview")
    page.locator("#note-save").click()
    page.locator("#note-message", has_text="Saved version 1.").wait_for(timeout=5000)
    page.reload()
    assert "W = W_0 + BA" in page.locator("#note-text").input_value()
    assert page.locator("#note-version").inner_text() == "1"
    assert page.locator("#note-preview math").count() >= 3


def test_a_failed_save_keeps_the_text(page: Any, live_server: Any) -> None:
    page.goto(live_server.url + "/papers/dpo/note")
    page.locator("#note-text").fill("## Problm\nwords I must not lose\n")
    page.locator("#note-save").click()
    page.locator("#note-message", has_text="unknown section").wait_for(timeout=5000)
    assert page.locator("#note-text").input_value() == "## Problm\nwords I must not lose\n"
    page.reload()
    page.locator("#note-restore-draft").click()
    assert "words I must not lose" in page.locator("#note-text").input_value()


def test_reading_view_shows_pages_and_figures(page: Any, live_server: Any, settings: Settings) -> None:
    install_attention_pdf(settings.pdf_dir)
    page.set_viewport_size({"width": 1400, "height": 1000})
    page.goto(live_server.url + "/papers/attention-is-all-you-need/read")
    figure = page.locator("#figure-0 img")
    figure.scroll_into_view_if_needed()
    wait_for_image(page, "#figure-0 img")
    keep(page, "reading-view-figures")
    page.locator("nav.outline a", has_text="Model Architecture").first.click()
    wait_for_image(page, "#page-2 img")
    assert page.url.endswith("#page-2")
    keep(page, "reading-view-page")


def test_home_shows_the_reading_chart(page: Any, live_server: Any) -> None:

    from support.cli import run

    run("log", "lora", "--pass", "1", "--minutes", "30")
    page.goto(live_server.url + "/")
    chart = page.locator("svg.week-chart")
    assert chart.is_visible() and page.locator("svg.week-chart rect").count() == 12
    chart.scroll_into_view_if_needed()
    keep(page, "home-progress")
