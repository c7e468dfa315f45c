"""BibTeX import and export: decoded metadata, every field kept, round trips."""

from __future__ import annotations

import pytest

from paperpass.models import Paper
from paperpass.sources.bibtex import paper_entry, read_bibtex, write_bibtex
from paperpass.sources.csl import csl_json
from support.recorded import load

FILES = [
    "bibtex/ml_overleaf_mixed_exporters.bib",
    "bibtex/ml_sample_google_scholar_arxiv_accents.bib",
    "bibtex/zotero_export_tabs_urldate.bib",
    "bibtex/bibutils_bom_quoted_values.bib",
    "bibtex/crossref_bibtex_2018_cyrillic_macros.bib",
    "bibtex/comments_inside_fields.bib",
    "bibtex/dblp_export.bib",
    "bibtex/duplicate_keys_latex_umlaut.bib",
    "crossref/transform_bibtex_via_doi_org.bib",
    "crossref/transform_bibtex_10.1038_s42256-024-00832-8.bib",
]


def _read(name: str) -> str:
    return load(name).body.decode("utf-8")


@pytest.mark.parametrize("name", FILES)
def test_round_trip_keeps_every_field_and_the_metadata(fixtures_dir: object, name: str) -> None:
    first = read_bibtex(_read(name))
    assert first.records and first.problems == []
    again = read_bibtex(write_bibtex([r.bibtex for r in first.records if r.bibtex]))
    assert [(r.bibtex.entry_type, r.bibtex.fields) for r in again.records if r.bibtex] == [
        (r.bibtex.entry_type, r.bibtex.fields) for r in first.records if r.bibtex
    ]
    assert [r.paper for r in again.records] == [r.paper for r in first.records]
    keys = [r.bibtex.key for r in again.records if r.bibtex]
    assert len(set(keys)) == len(keys)  # a key used twice in the file is written as key, keyb


def test_repeated_key_is_written_with_a_suffix(fixtures_dir: object) -> None:
    records = read_bibtex(_read("bibtex/duplicate_keys_latex_umlaut.bib")).records
    again = read_bibtex(write_bibtex([r.bibtex for r in records if r.bibtex])).records
    assert [r.bibtex.key for r in again if r.bibtex] == [
        "10.1002/andp.19053221004",
        "10.1002/andp.19053221004b",
    ]


def test_accents_are_decoded_for_the_metadata_and_kept_raw_for_export(fixtures_dir: object) -> None:
    records = read_bibtex(_read("bibtex/ml_sample_google_scholar_arxiv_accents.bib")).records
    first = records[0]
    assert first.paper.authors[:2] == ["Anian Ruoss", "Grégoire Delétang"]
    assert first.bibtex is not None and "Del{\\'e}tang" in first.bibtex.fields["author"]
    assert len(records) == 102  # entries glued as '}@article{' are all read


def test_arxiv_export_blocks_give_arxiv_ids(fixtures_dir: object) -> None:
    records = read_bibtex(_read("bibtex/ml_overleaf_mixed_exporters.bib")).records
    first = records[0].paper
    assert (first.title, first.arxiv_id, first.year) == (
        "TruthfulQA: Measuring How Models Mimic Human Falsehoods", "2109.07958", 2022)  # fmt: skip
    assert sum(r.paper.arxiv_id is not None for r in records) >= 20
    assert all("others" not in r.paper.authors for r in records)


def test_month_macros_braces_and_urls_survive(fixtures_dir: object) -> None:
    record = read_bibtex(_read("crossref/transform_bibtex_10.1038_s42256-024-00832-8.bib")).records[0]
    assert record.bibtex is not None and record.bibtex.fields["month"] == "may"
    assert record.paper.doi == "10.1038/s42256-024-00832-8" and record.paper.authors[0] == "Andres M. Bran"
    written = write_bibtex([record.bibtex])
    assert "month = may," in written and "pages = {525–535}" in written
    cyr = read_bibtex(_read("bibtex/crossref_bibtex_2018_cyrillic_macros.bib")).records[0]
    assert cyr.paper.links["url"] == "https://doi.org/10.1103%2Fphysrev.47.777"  # '%' is not a comment here


def test_duplicate_keys_and_bom(fixtures_dir: object) -> None:
    dup = read_bibtex(_read("bibtex/duplicate_keys_latex_umlaut.bib")).records
    assert [r.paper.title for r in dup] == ["Zur Elektrodynamik bewegter Körper", "La biblia en HD"]
    bom = read_bibtex(_read("bibtex/bibutils_bom_quoted_values.bib")).records[0].paper
    assert bom.authors == ["Lawrence Page", "Sergey Brin", "Rajeev Motwani", "Terry Winograd"]


def test_entry_made_from_a_paper_reads_back_the_same() -> None:
    paper = Paper(slug="vaswani2017-attention", title="Attention Is All You Need & More", year=2017,
                  authors=["Ashish Vaswani", "Noam Shazeer"], arxiv_id="1706.03762",
                  links={"abs": "https://arxiv.org/abs/1706.03762"})  # fmt: skip
    entry = paper_entry(paper)
    assert (entry.entry_type, entry.key) == ("misc", "vaswani2017attention")
    back = read_bibtex(write_bibtex([entry])).records[0].paper
    assert (back.title, back.authors, back.year, back.arxiv_id) == (
        paper.title,
        paper.authors,
        2017,
        "1706.03762",
    )
    item = csl_json(paper)
    assert item["author"][0] == {"given": "Ashish", "family": "Vaswani"} and item["issued"] == {
        "date-parts": [[2017]]
    }
