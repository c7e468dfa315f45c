"""Adding papers from the web app in-process: ``POST /papers`` with an identifier (recorded arXiv and
Crossref answers from a local server), pasted BibTeX or an uploaded PDF lands on the paper's page (303);
bad input is a 4xx page with one line; uploads are bounded; a PDF attached to a paper that has none."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup
from fastapi.testclient import TestClient

from paperpass.config import load_settings
from paperpass.store import Store
from support.components import CORPUS, missing
from support.pdfs import make_pdf
from support.recorded import RecordedAPI, fixtures_root, recorded_fixtures_api, serving_sources
from support.web import BrowserClient

PDF = b"%PDF-1.4\n" + b"2" * 3000 + b"\n%%EOF\n"


@pytest.fixture
def api() -> Iterator[RecordedAPI]:
    yield from recorded_fixtures_api()


@pytest.fixture
def client(api: RecordedAPI, monkeypatch: pytest.MonkeyPatch, sqlite_library: Store) -> Iterator[TestClient]:
    """The web app whose every source base URL points at a local server of recorded answers."""
    from paperpass.web.app import create_app

    with serving_sources(api, monkeypatch), BrowserClient(create_app(load_settings(), sqlite_library)) as web:
        yield web


def one_line(response: Any) -> str:
    message = BeautifulSoup(response.text, "html.parser").select_one(".error-message")
    assert message is not None
    text = message.get_text(strip=True)
    assert "\n" not in text and "Traceback" not in response.text
    return text


def test_add_by_arxiv_id_lands_on_the_paper_with_its_pdf(client: TestClient, api: RecordedAPI) -> None:
    api.serve("arxiv/id_list_single_1605.08386.xml", query={"id_list": "1605.08386"})
    api.answer("/pdf/1605.08386v1", 200, PDF, headers={"content-type": "application/pdf"})
    added = client.post(
        "/papers", data={"identifier": "https://arxiv.org/abs/1605.08386"}, follow_redirects=False
    )
    assert added.status_code == 303 and added.headers["location"] == "/papers/stanley2016-heat"
    page = BeautifulSoup(client.get("/papers/stanley2016-heat").text, "html.parser")
    assert "Heat-bath random walks" in page.h1.text
    assert page.select_one('a.open-pdf[href="/papers/stanley2016-heat/pdf"]') is not None
    assert client.get("/papers/stanley2016-heat/pdf").content == PDF
    again = client.post("/papers", data={"identifier": "arXiv:1605.08386"}, follow_redirects=False)
    assert again.headers["location"] == "/papers/stanley2016-heat"  # a duplicate lands on the same paper


def test_add_by_doi_and_by_pasted_bibtex(client: TestClient, api: RecordedAPI) -> None:
    api.serve("crossref/works_doi_10.1038_s42256-024-00832-8.json")
    added = client.post("/papers", data={"identifier": "10.1038/s42256-024-00832-8"}, follow_redirects=False)
    assert added.status_code == 303 and added.headers["location"] == "/papers/bran2024-augmenting"
    bib = (fixtures_root() / "http" / "bibtex" / "ml_sample_google_scholar_arxiv_accents.bib").read_text()
    pasted = client.post("/papers", data={"identifier": bib}, follow_redirects=False)
    assert pasted.status_code == 303 and pasted.headers["location"].startswith("/papers/")
    listing = BeautifulSoup(client.get("/papers").text, "html.parser")
    assert listing.select_one('form.add-box[action="/papers"] textarea[name="identifier"]') is not None
    assert listing.select_one('form.add-box input[type="file"][name="pdf"]') is not None
    slugs = {a["href"] for a in listing.select("table.papers a")}
    assert pasted.headers["location"] in slugs and "/papers/bran2024-augmenting" in slugs


def test_add_by_pdf_upload(client: TestClient, api: RecordedAPI, tmp_path: Path) -> None:
    api.serve("semanticscholar/search_match_not_found_404.json", query={})
    pdf = make_pdf(tmp_path / "caching.pdf")
    files = {"pdf": ("caching.pdf", pdf.read_bytes(), "application/pdf")}
    added = client.post("/papers", files=files, data={"identifier": ""}, follow_redirects=False)
    assert added.status_code == 303
    slug = added.headers["location"].removeprefix("/papers/")
    assert client.get(f"/papers/{slug}/pdf").content == pdf.read_bytes()
    view = BeautifulSoup(client.get(f"/papers/{slug}/read").text, "html.parser")
    assert view.h1.text == "A Study of Caching Survey Sheets" and len(view.select(".pdf-page")) == 1


def test_bad_input_is_a_4xx_page_with_one_line(client: TestClient, tmp_path: Path) -> None:
    cases = [
        ({"identifier": ""}, None, 400, "nothing to add"),
        ({"identifier": "17063762"}, None, 400, "not a paper identifier"),
        ({"identifier": "/etc/passwd.pdf"}, None, 400, "files on the server are not read"),
        ({"identifier": str(make_pdf(tmp_path / "here.pdf"))}, None, 400, "files on the server are not read"),
        ({"identifier": "1605.08386\n1706.03762"}, None, 400, "one identifier at a time"),
        ({"identifier": ""}, ("notes.pdf", b"just text", "application/pdf"), 400, "not a PDF"),
        ({"identifier": ""}, ("empty.pdf", b"", "application/pdf"), 400, "is empty"),
        ({"identifier": "1605.08386"}, ("x.pdf", PDF, "application/pdf"), 400, "not both"),
        ({"identifier": ""}, ("broken.pdf", PDF, "application/pdf"), 400, "cannot be read"),
    ]
    for data, upload, status, words in cases:
        files = {"pdf": upload} if upload else None
        response = client.post("/papers", data=data, files=files)
        assert response.status_code == status, (data, response.text[:300])
        assert words in one_line(response), (data, one_line(response))
    assert not list((load_settings().home / "uploads").glob("*")), "refused uploads are not kept"


def test_uploads_over_the_limit_are_refused(
    client: TestClient, monkeypatch: pytest.MonkeyPatch, sqlite_library: Store
) -> None:
    from paperpass.web.app import create_app

    monkeypatch.setenv("PAPERPASS_UPLOAD_MAX_MB", "0.1")  # 100,000 bytes
    small = BrowserClient(create_app(load_settings(), sqlite_library))
    big = b"%PDF-1.4\n" + b"0" * 120_000
    over = small.post("/papers", files={"pdf": ("big.pdf", big, "application/pdf")})
    assert over.status_code == 413 and "0.1 MB" in one_line(over)
    huge = b"%PDF-1.4\n" + b"0" * 300_000  # refused from its Content-Length, before it is read
    assert small.post("/papers", files={"pdf": ("huge.pdf", huge, "application/pdf")}).status_code == 413
    assert not list((load_settings().home / "uploads").glob("*"))


def test_an_unreachable_source_queues_the_paper(client: TestClient, monkeypatch: pytest.MonkeyPatch) -> None:
    from paperpass.web.app import create_app

    closed = socket.socket()
    closed.bind(("127.0.0.1", 0))
    port = closed.getsockname()[1]
    closed.close()
    monkeypatch.setenv("PAPERPASS_ARXIV_API", f"http://127.0.0.1:{port}/api/query")
    offline = BrowserClient(create_app(load_settings(), client.app.state.store))
    response = offline.post("/papers", data={"identifier": "1605.08386"})
    assert response.status_code == 202
    said = BeautifulSoup(response.text, "html.parser").select_one(".add-outcome").text
    assert "1605.08386" in said and "queued" in said


def test_attach_a_pdf_to_a_paper_without_one(client: TestClient) -> None:
    attention = CORPUS / "pdfs" / "1706.03762.pdf"
    if not attention.is_file():
        missing("the corpus PDF is not there")
    assert client.get("/papers/attention-is-all-you-need/pdf").status_code == 404
    files = {"pdf": ("attention.pdf", attention.read_bytes(), "application/pdf")}
    attached = client.post("/papers/attention-is-all-you-need/pdf", files=files, follow_redirects=False)
    assert (
        attached.status_code == 303
        and attached.headers["location"] == "/papers/attention-is-all-you-need/read"
    )
    assert client.get("/papers/attention-is-all-you-need/pdf").content == attention.read_bytes()
    view = BeautifulSoup(client.get("/papers/attention-is-all-you-need/read").text, "html.parser")
    assert len(view.select(".pdf-page")) == 15 and view.select_one("form.attach-pdf") is None
    nothing = client.post("/papers/attention-is-all-you-need/pdf", data={"identifier": ""})
    assert nothing.status_code == 400 and "choose a PDF" in one_line(nothing)
    assert client.post("/papers/no-such-paper/pdf", files=files).status_code == 404


def test_guide_entries_offer_the_add_box_with_their_id(client: TestClient) -> None:
    page = BeautifulSoup(client.get("/guide/lora").text, "html.parser")
    box = page.select_one("#library form.add-box")
    assert box is not None and box.select_one("textarea[name=identifier]").text == "2106.09685"
    assert page.select_one('a.read-link[href="/papers/lora/read"]') is not None


def test_a_paper_whose_pdf_was_not_fetched_offers_to_fetch_it(client: TestClient, api: RecordedAPI) -> None:
    api.serve("arxiv/id_list_single_1605.08386.xml", query={"id_list": "1605.08386"}, times=2)
    api.answer("/pdf/1605.08386v1", 404, b"not here")
    added = client.post("/papers", data={"identifier": "1605.08386"}, follow_redirects=False)
    assert added.headers["location"] == "/papers/stanley2016-heat"  # added, its PDF queued for later
    view = BeautifulSoup(client.get("/papers/stanley2016-heat/read").text, "html.parser")
    fetch = view.select_one("form.fetch-pdf")
    fields = {
        i["name"]: i["value"] for i in fetch.select("input[type=hidden]") if i.get("name") != "csrf_token"
    }
    assert fetch["action"] == "/papers" and fields == {"identifier": "arXiv:1605.08386", "then": "read"}
    api.answer("/pdf/1605.08386v1", 200, PDF, headers={"content-type": "application/pdf"})
    fetched = client.post("/papers", data=fields, follow_redirects=False)
    assert fetched.status_code == 303 and fetched.headers["location"] == "/papers/stanley2016-heat/read"
    assert client.get("/papers/stanley2016-heat/pdf").content == PDF
