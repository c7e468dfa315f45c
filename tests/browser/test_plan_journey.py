"""A preset comparison opened from an entry page, in a real browser."""

from __future__ import annotations

from typing import Any

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("shot")]


def test_open_a_preset_comparison_from_an_entry_page(page: Any, live_server: Any) -> None:
    page.goto(live_server.url + "/guide/dpo")
    page.click("text=DPO, RLHF (InstructGPT), KTO and ORPO")
    page.wait_for_url("**/compare?preset=dpo-rlhf-kto-orpo")
    headers = page.locator("table.compare thead th").all_inner_texts()[1:]
    assert headers == ["DPO", "InstructGPT", "KTO", "ORPO"]
    assert page.locator("tr.field-key_idea td").count() == 4
    assert "DPO" in page.locator(".linking-questions").inner_text()
