"""Lexical search on both back ends: ranking, fields, phrases, prefixes, filters, notes, PDF pages, guide."""

from __future__ import annotations

import pytest

from paperpass.catalog import Catalog
from paperpass.errors import InvalidInputError
from paperpass.library import get_paper
from paperpass.models import Paper
from paperpass.notes.history import save_note
from paperpass.search import index_pdf_text, make_filters, parse_year_range, search
from paperpass.store import Store
from paperpass.store import papers as paper_rows
from support.library import library_for


def slugs(store: Store, catalog: Catalog, text: str, **kwargs: object) -> list[str]:
    results = search(library_for(store, catalog=catalog), text, **{**kwargs})  # type: ignore[arg-type]
    return [h.paper.slug if h.paper else f"entry:{h.entry}" for h in results.hits]


@pytest.mark.parametrize(
    ("query", "top"),
    [
        ("speculative decoding", "speculative-decoding"),
        ("draft model verifies", "speculative-decoding"),
        ('"image classification"', "vision-transformer"),
        ("patches embeddings", "vision-transformer"),
        ("title:qlora", "quantized-llm"),
        ("author:dettmers", "quantized-llm"),
        ("author:vaswani", "attention-is-all-you-need"),
        ("quantiz* 4-bit", "quantized-llm"),
        ("Dosovitskiy", "vision-transformer"),
        ("low-rank adaptation", "lora"),
    ],
)
def test_same_top_result_on_both_back_ends(
    search_library: Store, catalog: Catalog, query: str, top: str
) -> None:
    assert slugs(search_library, catalog, query)[0] == top


def test_authors_with_letters_beyond_ascii_are_found_by_name(store: Store, catalog: Catalog) -> None:
    with store.transaction() as conn:
        paper_rows.insert_paper(
            conn, Paper(slug="mixture", title="Sparse mixtures", authors=["Łukasz Kaiser", "Jürgen Müller"])
        )
    assert slugs(store, catalog, "Łukasz")[:1] == ["mixture"]
    assert slugs(store, catalog, "author:Müller")[:1] == ["mixture"]


def test_stemming_finds_other_forms(search_library: Store, catalog: Catalog) -> None:
    assert "speculative-decoding" in slugs(search_library, catalog, "decoded verify")


def test_exclusion_and_phrase_order(search_library: Store, catalog: Catalog) -> None:
    assert "vision-transformer" not in slugs(search_library, catalog, "transformers -image")
    assert "vision-transformer" not in slugs(search_library, catalog, '"classification image"')


def test_snippets_highlight_the_matched_words(search_library: Store, catalog: Catalog) -> None:
    hit = search(library_for(search_library, catalog=catalog), "draft model").hits[0]
    abstract = next(m for m in hit.matches if m.kind == "paper")
    assert {w.lower() for w in abstract.snippet.highlighted} >= {"draft", "model"}
    assert "proposes tokens" in abstract.snippet.text
    assert hit.url == "/papers/speculative-decoding"


def test_the_guides_own_text_is_searched(search_library: Store, catalog: Catalog) -> None:
    # "IO-aware" is only in what the guide says about FlashAttention, not in the paper's metadata.
    hit = search(library_for(search_library, catalog=catalog), "IO-aware tiling").hits[0]
    assert hit.paper is not None and hit.paper.slug == "flash-attention"
    assert hit.matches[0].kind == "guide"


def test_a_saved_note_is_searchable_at_once(search_library: Store, catalog: Catalog) -> None:
    lora = get_paper(library_for(search_library), "lora")
    assert lora.id is not None
    save_note(library_for(search_library), lora, "## Problem\nZebra-striped adapters are my mnemonic.", 0)
    hit = search(library_for(search_library, catalog=catalog), "zebra mnemonic").hits[0]
    assert hit.paper == lora and hit.matches[0].kind == "note"
    save_note(library_for(search_library), lora, "## Problem\nNothing memorable.", 1)
    assert search(library_for(search_library, catalog=catalog), "zebra").hits == []
    save_note(
        library_for(search_library, user=7), lora, "## Problem\nA zebra of my own.", 0
    )  # another user's note
    assert search(library_for(search_library, catalog=catalog), "zebra").hits == []
    assert search(library_for(search_library, catalog=catalog, user=7), "zebra").hits[0].paper == lora
    assert [
        h.paper.slug
        for h in search(library_for(search_library, catalog=catalog), "memorable").hits
        if h.paper
    ] == ["lora"]


def test_pdf_pages_are_indexed_page_by_page(search_library: Store, catalog: Catalog) -> None:
    vit = get_paper(library_for(search_library), "vision-transformer")
    assert vit.id is not None
    pages = ["Introduction and title page", "", "Axial attention ablation with hummingbird images"]
    assert index_pdf_text(search_library, vit.id, pages) == 2
    hit = search(library_for(search_library, catalog=catalog), "hummingbird").hits[0]
    assert hit.matches[0].page == 3 and hit.url == "/papers/vision-transformer/read#page-3"
    index_pdf_text(search_library, vit.id, ["replaced"])
    assert search(library_for(search_library, catalog=catalog), "hummingbird").hits == []


def test_filters(search_library: Store, catalog: Catalog) -> None:
    def only(**kw: object) -> list[str]:
        return slugs(search_library, catalog, "transformers", filters=make_filters(**kw))  # type: ignore[arg-type]

    recent = only(year_from=2023)
    assert "speculative-decoding" in recent and "vision-transformer" not in recent
    assert "attention-is-all-you-need" not in recent
    assert "vision-transformer" in only(year_from=2020, year_to=2020)
    assert "speculative-decoding" not in only(year_from=2020, year_to=2020)
    assert only(categories=["cs.CV"]) == ["vision-transformer"]
    assert set(only(categories=["cs"])) == {"vision-transformer", "speculative-decoding"}
    assert "attention-is-all-you-need" in only(categories=["foundational"])
    assert "vision-transformer" not in only(categories=["foundational"])
    vit = get_paper(library_for(search_library), "vision-transformer")
    assert vit.id is not None
    with search_library.transaction() as conn:
        paper_rows.set_status(conn, vit.id, "pass-2", user_id=0)
    assert only(statuses=["pass-2"]) == ["vision-transformer"]
    assert "vision-transformer" not in only(statuses=["to-read"])
    assert only(has_notes=True) == []
    assert "vision-transformer" in only(has_notes=False)


def test_top15_filter(search_library: Store, catalog: Catalog) -> None:
    found = slugs(search_library, catalog, "transformers", top15=True)
    assert "attention-is-all-you-need" in found and "vision-transformer" not in found


def test_empty_query_lists_recent_papers(search_library: Store, catalog: Catalog) -> None:
    results = search(library_for(search_library, catalog=catalog), "   ")
    assert results.mode == "recent"
    assert [h.paper.slug for h in results.hits[:3] if h.paper] == ["quantized-llm", "vision-transformer",
                                                                   "speculative-decoding"]  # fmt: skip
    only_cv = search(
        library_for(search_library, catalog=catalog), "", filters=make_filters(categories=["cs.CV"])
    )
    assert [h.paper.slug for h in only_cv.hits if h.paper] == ["vision-transformer"]


def test_bad_filters_are_one_line_errors() -> None:
    with pytest.raises(InvalidInputError, match="ends before it starts"):
        make_filters(year_from=2024, year_to=2020)
    with pytest.raises(InvalidInputError, match="unknown status"):
        make_filters(statuses=["reading"])
    with pytest.raises(InvalidInputError, match="not a year"):
        parse_year_range("last year")
    assert parse_year_range("2020-") == (2020, None)
    assert parse_year_range("-2019") == (None, 2019)
    assert parse_year_range("2021") == (2021, 2021)


def test_a_paper_removed_leaves_the_index(search_library: Store, catalog: Catalog) -> None:
    qlora = get_paper(library_for(search_library), "quantized-llm")
    assert qlora.id is not None
    with search_library.transaction() as conn:
        paper_rows.update_paper(conn, qlora.with_changes(title="QLoRA: Finetuning on a Budget"))
    assert slugs(search_library, catalog, "budget") == ["quantized-llm"]
    with search_library.transaction() as conn:
        paper_rows.delete_paper(conn, qlora.id)
    assert slugs(search_library, catalog, "budget") == []
