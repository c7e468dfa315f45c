"""The Obsidian vault: export layout and front matter, sync in both directions, conflicts, deletions,
safe file names and no path escaping the vault."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from paperpass.catalog import load_catalog
from paperpass.config import Settings
from paperpass.errors import InvalidInputError
from paperpass.library import get_paper
from paperpass.notes.history import load_note, note_history, save_note
from paperpass.notes.vault import FOOTER, STATE_FILE, export_vault, inside, note_body, safe_name, sync_vault
from paperpass.store import Store
from support.library import library_for
from support.notes import GOOD_NOTE


def front_matter(path: Path) -> dict[str, object]:
    text = path.read_text(encoding="utf-8")
    assert text.startswith("---\n")
    return dict(yaml.safe_load(text.split("---\n")[1]))


def test_export_writes_notes_indexes_and_checklist(
    sqlite_library: Store, settings: Settings, tmp_path: Path
) -> None:
    lora = get_paper(library_for(sqlite_library), "lora")
    save_note(library_for(sqlite_library), lora, GOOD_NOTE, 0)
    vault = tmp_path / "vault"
    report = export_vault(library_for(sqlite_library, settings=settings, catalog=load_catalog()), vault)
    papers = sorted(p.name for p in (vault / "Papers").iterdir())
    assert len(papers) == 25 and "lora.md" in papers
    meta = front_matter(vault / "Papers" / "lora.md")
    assert list(meta) == ["title", "authors", "year", "arxiv", "doi", "tags", "status", "pass", "aliases"]
    assert meta["arxiv"] == "2106.09685" and meta["status"] == "to-read" and meta["pass"] == 0
    text = (vault / "Papers" / "lora.md").read_text(encoding="utf-8")
    assert "## Key idea" in text and FOOTER in text and "[[" in text.split(FOOTER)[1]
    assert len(list((vault / "Guide").iterdir())) == 6
    assert (vault / "Top 15.md").read_text(encoding="utf-8").count("- [ ] ") == 15
    assert "[[attention-is-all-you-need|" in (vault / "Guide" / "01 Foundational.md").read_text(
        encoding="utf-8"
    )
    assert (vault / STATE_FILE).is_file() and len(report.written) == 25 + 6 + 1
    assert not [p for p in vault.rglob("*.tmp")]


def test_a_note_changed_only_in_the_vault_is_imported(
    sqlite_library: Store, settings: Settings, tmp_path: Path
) -> None:
    vault = tmp_path / "vault"
    export_vault(library_for(sqlite_library, settings=settings, catalog=load_catalog()), vault)
    path = vault / "Papers" / "lora.md"
    meta = path.read_text(encoding="utf-8").split("---\n", 2)
    path.write_text(f"---\n{meta[1]}---\n{GOOD_NOTE}\n{FOOTER}\nignored\n", encoding="utf-8")
    report = sync_vault(library_for(sqlite_library, settings=settings, catalog=load_catalog()), vault)
    assert report.imported == ["Papers/lora.md"] and report.conflicts == []
    lora = get_paper(library_for(sqlite_library), "lora")
    assert load_note(library_for(sqlite_library, settings=settings), lora).text == GOOD_NOTE
    assert note_history(library_for(sqlite_library), lora)[-1].source == "vault"
    assert (
        sync_vault(library_for(sqlite_library, settings=settings, catalog=load_catalog()), vault).imported
        == []
    )


def test_a_note_changed_only_in_the_library_is_rewritten_in_the_vault(
    sqlite_library: Store, settings: Settings, tmp_path: Path
) -> None:
    vault = tmp_path / "vault"
    export_vault(library_for(sqlite_library, settings=settings, catalog=load_catalog()), vault)
    save_note(library_for(sqlite_library), get_paper(library_for(sqlite_library), "dpo"), GOOD_NOTE, 0)
    report = sync_vault(library_for(sqlite_library, settings=settings, catalog=load_catalog()), vault)
    assert "Papers/dpo.md" in report.written and report.imported == []
    assert note_body((vault / "Papers" / "dpo.md").read_text(encoding="utf-8")) == GOOD_NOTE


def test_changed_in_both_gets_a_conflict_copy_then_the_merge_is_imported(
    sqlite_library: Store, settings: Settings, tmp_path: Path
) -> None:
    vault = tmp_path / "vault"
    rag = get_paper(library_for(sqlite_library), "rag")
    save_note(library_for(sqlite_library), rag, GOOD_NOTE, 0)
    export_vault(library_for(sqlite_library, settings=settings, catalog=load_catalog()), vault)
    path = vault / "Papers" / "rag.md"
    path.write_text(
        path.read_text(encoding="utf-8").replace("8 heads", "eight heads (vault)"), encoding="utf-8"
    )
    save_note(library_for(sqlite_library), rag, GOOD_NOTE.replace("8 heads", "8 heads (library)"), 1)
    report = sync_vault(library_for(sqlite_library, settings=settings, catalog=load_catalog()), vault)
    assert report.imported == [] and len(report.conflicts) == 1
    copy = vault / report.conflicts[0]
    assert copy.parent == path.parent and "(library)" in copy.read_text(encoding="utf-8")
    assert "(vault)" in path.read_text(encoding="utf-8")
    assert "(library)" in load_note(library_for(sqlite_library, settings=settings), rag).text
    merged = path.read_text(encoding="utf-8").replace("eight heads (vault)", "eight heads (merged)")
    path.write_text(merged, encoding="utf-8")
    copy.unlink()
    again = sync_vault(library_for(sqlite_library, settings=settings, catalog=load_catalog()), vault)
    assert again.imported == ["Papers/rag.md"] and again.conflicts == []
    assert "(merged)" in load_note(library_for(sqlite_library, settings=settings), rag).text


def test_deleted_in_the_vault_is_reported_not_deleted(
    sqlite_library: Store, settings: Settings, tmp_path: Path
) -> None:
    vault = tmp_path / "vault"
    bert = get_paper(library_for(sqlite_library), "bert")
    save_note(library_for(sqlite_library), bert, GOOD_NOTE, 0)
    export_vault(library_for(sqlite_library, settings=settings, catalog=load_catalog()), vault)
    (vault / "Papers" / "bert.md").unlink()
    report = sync_vault(library_for(sqlite_library, settings=settings, catalog=load_catalog()), vault)
    assert report.deleted == ["Papers/bert.md"]
    assert load_note(library_for(sqlite_library, settings=settings), bert).version == 1
    assert not (vault / "Papers" / "bert.md").exists()


def test_an_invalid_vault_edit_is_reported_and_not_imported(
    sqlite_library: Store, settings: Settings, tmp_path: Path
) -> None:
    vault = tmp_path / "vault"
    export_vault(library_for(sqlite_library, settings=settings, catalog=load_catalog()), vault)
    (vault / "Papers" / "react.md").write_text("## Problm\nx\n", encoding="utf-8")
    report = sync_vault(library_for(sqlite_library, settings=settings, catalog=load_catalog()), vault)
    assert len(report.invalid) == 1 and "unknown section 'Problm'" in report.invalid[0]
    assert (
        load_note(
            library_for(sqlite_library, settings=settings), get_paper(library_for(sqlite_library), "react")
        ).version
        == 0
    )


def test_sync_needs_an_exported_vault(sqlite_library: Store, settings: Settings, tmp_path: Path) -> None:
    with pytest.raises(InvalidInputError, match="not a paperpass vault"):
        sync_vault(library_for(sqlite_library, settings=settings, catalog=load_catalog()), tmp_path)


@pytest.mark.parametrize(
    ("name", "safe"),
    [
        ("lora", "lora"),
        ('a/b\\c:d*e?f"g<h>i|j', "a-b-c-d-e-f-g-h-i-j"),
        ("CON", "_CON"),
        ("nul.txt", "_nul.txt"),
        ("trailing. ", "trailing"),
        ("..", "untitled"),
        ("", "untitled"),
        ("x" * 300, "x" * 100),
        ("[[link]]#^", "--link----"),
    ],
)
def test_safe_names(name: str, safe: str) -> None:
    assert safe_name(name) == safe


def test_no_path_escapes_the_vault(tmp_path: Path) -> None:
    assert inside(tmp_path, "Papers/x.md") == (tmp_path / "Papers" / "x.md").resolve()
    for bad in ("../x.md", "/etc/passwd", "Papers/../../x.md", "."):
        with pytest.raises(InvalidInputError, match="outside the vault"):
            inside(tmp_path, bad)
    (tmp_path / "link").symlink_to(tmp_path.parent)
    with pytest.raises(InvalidInputError):
        inside(tmp_path, "link/x.md")


def test_highlights_are_exported_with_their_pages_and_never_imported(
    sqlite_library: Store, settings: Settings, tmp_path: Path
) -> None:
    from paperpass.reading.highlights import add_highlight
    from support.corpus import install_lora_pdf

    install_lora_pdf(settings.pdf_dir)
    mine = library_for(sqlite_library, settings=settings, catalog=load_catalog())
    lora = get_paper(mine, "lora")
    save_note(mine, lora, GOOD_NOTE, 0)
    add_highlight(mine, lora, 4, "We hypothesize that the change in weights during model adaptation")
    add_highlight(mine, lora, 2, "freezes the pre-trained model weights")
    add_highlight(library_for(sqlite_library, user=5), lora, 3, "someone else's passage")
    vault = tmp_path / "vault"
    export_vault(mine, vault)
    footer = (vault / "Papers" / "lora.md").read_text(encoding="utf-8").split(FOOTER)[1]
    highlights = footer.split("## Highlights\n")[1]
    assert highlights.strip().splitlines() == [
        "> freezes the pre-trained model weights [p. 2]",
        "",
        "> We hypothesize that the change in weights during model adaptation [p. 4]",
    ]
    assert "someone else's" not in footer
    assert "## Highlights" not in (vault / "Papers" / "dpo.md").read_text(encoding="utf-8")
    report = sync_vault(mine, vault)
    assert report.imported == [] and load_note(mine, lora).version == 1  # the footer is not part of the note


def test_a_vault_note_that_is_not_utf8_is_reported_and_the_rest_synced(
    sqlite_library: Store, settings: Settings, tmp_path: Path
) -> None:
    vault = tmp_path / "vault"
    export_vault(library_for(sqlite_library, settings=settings, catalog=load_catalog()), vault)
    (vault / "Papers" / "react.md").write_bytes("## Problem\nna\u00efve\n".encode("latin-1"))  # an editor's
    lora = vault / "Papers" / "lora.md"
    meta = lora.read_text(encoding="utf-8").split("---\n", 2)
    lora.write_text(f"---\n{meta[1]}---\n{GOOD_NOTE}\n{FOOTER}\n", encoding="utf-8")
    report = sync_vault(library_for(sqlite_library, settings=settings, catalog=load_catalog()), vault)
    assert report.imported == ["Papers/lora.md"]
    assert len(report.invalid) == 1 and "Papers/react.md: not UTF-8 text (byte 0xef" in report.invalid[0]
