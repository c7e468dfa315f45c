"""The reading loop's route contract on SQLite and PostgreSQL alike: each route does what issue 18 says, and
every bad input is a 4xx page with one line, never a 500, with nothing half-written."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from bs4 import BeautifulSoup

from paperpass.config import Settings
from paperpass.library import get_paper
from paperpass.reading.highlights import list_highlights
from paperpass.store import Store
from paperpass.store import reading as reading_rows
from support.corpus import install_attention_pdf
from support.library import library_for
from support.web import BrowserClient

ATTENTION = "attention-is-all-you-need"
BIBTEX = "@article{kim2024sheets, title={Survey Sheets for Busy Readers}, author={Kim, Ada}, year={2024}}"


@pytest.fixture
def client(settings: Settings, library_with_guide: Store) -> Iterator[BrowserClient]:
    """The web app on each back end, with Attention's PDF in the library."""
    from paperpass.web.app import create_app

    install_attention_pdf(settings.pdf_dir)
    with BrowserClient(create_app(settings, library_with_guide)) as web:
        yield web


def one_line(response: Any) -> str:
    message = BeautifulSoup(response.text, "html.parser").select_one(".error-message")
    assert message is not None, response.text[:300]
    text = message.get_text(strip=True)
    assert text and "\n" not in text and "Traceback" not in response.text
    return text


def _sessions(store: Store, settings: Settings) -> list[Any]:
    paper = get_paper(library_for(store, settings=settings), ATTENTION)
    with store.connect() as conn:
        return reading_rows.sessions(conn, [paper.id or 0], user_id=0)


def test_the_route_contract(client: BrowserClient, library_with_guide: Store, settings: Settings) -> None:
    added = client.post("/papers", data={"identifier": BIBTEX}, follow_redirects=False)
    assert added.status_code == 303 and added.headers["location"] == "/papers/kim2024-survey"
    pdf = client.get(f"/papers/{ATTENTION}/pdf")
    assert pdf.headers["content-type"] == "application/pdf"
    assert pdf.headers["content-disposition"].startswith("inline") and pdf.content[:5] == b"%PDF-"
    words = client.get(f"/papers/{ATTENTION}/pages/1/words").json()
    assert words["page"] == 1 and any(w["text"] == "Attention" for w in words["words"])
    assert all(0 <= w["x0"] < w["x1"] <= 1 and 0 <= w["y0"] < w["y1"] <= 1 for w in words["words"])
    timer = f"/papers/{ATTENTION}/timer"
    started = client.post(timer, data={"action": "start", "pass": "1"}, follow_redirects=False)
    assert started.status_code == 303 and started.headers["location"] == f"/papers/{ATTENTION}/read#timer"
    json = {"accept": "application/json"}
    paused = client.post(timer, data={"action": "pause"}, headers=json).json()
    assert paused["timer"]["running"] is False and paused["timer"]["pass"] == 1
    stopped = client.post(timer, data={"action": "stop"}, headers=json).json()
    assert stopped["timer"] is None and stopped["logged"] is None
    assert _sessions(library_with_guide, settings) == []  # under half a minute: nothing logged
    logged = client.post(f"/papers/{ATTENTION}/sessions", data={"pass": "1", "minutes": "8"})
    assert logged.status_code == 200 and [s.minutes for s in _sessions(library_with_guide, settings)] == [8]
    refused = client.post(f"/papers/{ATTENTION}/passes/1/done")
    assert refused.status_code == 409 and "override" in refused.text.lower()
    forced = client.post(f"/papers/{ATTENTION}/passes/1/done", data={"force": "true"}, follow_redirects=False)
    assert forced.status_code == 303


@pytest.mark.parametrize(
    ("method", "path", "data", "status"),
    [
        ("POST", f"/papers/{ATTENTION}/timer", {"action": "bogus", "pass": "1"}, 400),
        ("POST", f"/papers/{ATTENTION}/timer", {"action": "start", "pass": "7"}, 422),
        ("POST", f"/papers/{ATTENTION}/timer", {"action": "start"}, 400),
        ("POST", f"/papers/{ATTENTION}/timer", {"action": "stop"}, 400),
        ("POST", "/papers/no-such-paper/timer", {"action": "start", "pass": "1"}, 404),
        ("POST", f"/papers/{ATTENTION}/sessions", {"pass": "1", "minutes": "-5"}, 400),
        ("POST", f"/papers/{ATTENTION}/sessions", {"pass": "1", "minutes": "nan"}, 422),
        ("POST", f"/papers/{ATTENTION}/sessions", {"pass": "1", "minutes": "1e308"}, 400),
        ("POST", f"/papers/{ATTENTION}/sessions", {"pass": "4", "minutes": "5"}, 422),
        ("POST", f"/papers/{ATTENTION}/passes/9/done", {}, 400),
        ("POST", f"/papers/{ATTENTION}/passes/99999999999999999999/done", {}, 400),
        ("POST", f"/papers/{ATTENTION}/passes/1/done", {"force": "maybe"}, 422),
        ("GET", f"/papers/{ATTENTION}/pages/0/words", None, 422),
        ("GET", f"/papers/{ATTENTION}/pages/16/words", None, 404),  # Attention has 15 pages
        ("GET", f"/papers/{ATTENTION}/pages/99999999999999999999/words", None, 422),
        ("GET", "/papers/lora/pdf", None, 404),
        ("GET", "/papers/lora/pages/1/words", None, 404),
        ("POST", "/papers", {"identifier": ""}, 400),
        ("POST", "/papers", {"identifier": "../../etc/passwd"}, 400),
        ("POST", f"/papers/{ATTENTION}/highlights/99999/delete", {}, 404),
    ],
)
def test_bad_input_is_a_one_line_4xx_page(
    client: BrowserClient,
    library_with_guide: Store,
    settings: Settings,
    method: str,
    path: str,
    data: dict[str, str] | None,
    status: int,
) -> None:
    response = client.get(path) if method == "GET" else client.post(path, data=data)
    assert response.status_code == status, response.text[:300]
    one_line(response)
    assert _sessions(library_with_guide, settings) == []
    mine = library_for(library_with_guide, settings=settings)
    assert list_highlights(mine, get_paper(mine, ATTENTION)) == []
