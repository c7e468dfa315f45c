"""An Obsidian-compatible vault: export the library's notes as Markdown files, and sync edits back.

Layout of ``DIR``::

    Papers/<slug>.md        one note per paper: YAML front matter, the note, a generated footer (the related
                            papers, the reader's highlights quoted with their pages)
    Guide/<NN Category>.md  an index note per guide category, mirroring the guide
    Top 15.md               the top-15 checklist as a task list
    .paperpass-vault.json   what was exported (hash of each body and the note version), for sync

Sync is three-way: a note changed only in the vault is imported; changed only in the library, the vault
file is rewritten; changed in both, the vault keeps its file, gets the library's version as a conflict
copy beside it, and the report says so (merge, delete the copy, sync again). A note deleted from the vault
is reported, never deleted from the library. Every write is atomic (temp file + rename) and no path ever
leaves ``DIR``.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import tempfile
import unicodedata
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

import yaml

from paperpass.errors import ConflictError, InvalidInputError
from paperpass.library import Library, list_papers
from paperpass.models import Paper
from paperpass.notes.document import quote_markdown
from paperpass.notes.history import load_note, save_note
from paperpass.store import guide as guide_rows
from paperpass.store import highlights as highlight_rows
from paperpass.store import papers as paper_rows
from paperpass.store import reading as reading_rows
from paperpass.store.highlights import HighlightRow

STATE_FILE = ".paperpass-vault.json"
FOOTER = "%% paperpass: generated below this line; edits here are not imported %%"
_UNSAFE = re.compile(r'[<>:"/\\|?*\x00-\x1f\x7f#^\[\]]')
_RESERVED = {
    "con",
    "prn",
    "aux",
    "nul",
    *(f"com{i}" for i in range(1, 10)),
    *(f"lpt{i}" for i in range(1, 10)),
}
_FRONT_MATTER = re.compile(r"\A---\r?\n.*?\r?\n---\r?\n", re.S)


def safe_name(name: str, max_length: int = 100) -> str:
    """A file name (without extension) valid on Windows, macOS and Linux: no separators, reserved
    characters or names, no trailing dots or spaces, not empty, at most ``max_length`` characters."""
    text = unicodedata.normalize("NFC", name)
    text = _UNSAFE.sub("-", text).strip().strip(".").strip()
    text = re.sub(r"\s+", " ", text)[:max_length].rstrip(". ")
    if not text or text in {".", ".."}:
        text = "untitled"
    if text.split(".")[0].lower() in _RESERVED:
        text = f"_{text}"
    return text


def inside(root: Path, relative: str) -> Path:
    """``root / relative``, refusing any path that resolves outside ``root`` (``..``, absolute, links).

    Raises:
        InvalidInputError: the path escapes ``root``.
    """
    base = root.resolve()
    target = (base / relative).resolve()
    if not target.is_relative_to(base) or target == base:
        raise InvalidInputError(f"refusing to write {relative!r}: it is outside the vault {root}")
    return target


def write_atomic(path: Path, text: str) -> None:
    """Write a text file atomically: a temp file in the same folder, then a rename over the target."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as out:
            out.write(text)
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise


def _sha(text: str) -> str:
    return hashlib.sha256(text.strip().encode("utf-8")).hexdigest()


def note_body(file_text: str) -> str:
    """The note inside a vault file: front matter and the generated footer removed."""
    body = _FRONT_MATTER.sub("", file_text.replace("\r\n", "\n"), count=1)
    return body.split(FOOTER, 1)[0].strip("\n").rstrip() + "\n"


@dataclass
class VaultReport:
    """What an export or sync did, file by file (paths relative to the vault)."""

    written: list[str] = field(default_factory=list)
    imported: list[str] = field(default_factory=list)
    conflicts: list[str] = field(default_factory=list)
    deleted: list[str] = field(default_factory=list)
    invalid: list[str] = field(default_factory=list)
    unchanged: int = 0

    def as_json(self) -> dict[str, Any]:
        """The report as JSON data."""
        return {k: v for k, v in self.__dict__.items()}


@dataclass(frozen=True)
class _Context:
    library: Library
    root: Path
    papers: list[Paper]
    statuses: dict[int, str]
    completed: dict[int, int]
    related: dict[int, list[str]]
    highlights: dict[int, list[HighlightRow]]


def _context(library: Library, root: Path) -> _Context:
    papers = sorted(list_papers(library), key=lambda p: p.slug)
    with library.store.connect() as conn:
        statuses = paper_rows.statuses(conn, user_id=library.user_id)
        sessions = reading_rows.sessions(conn, user_id=library.user_id)
        entry_ids = guide_rows.entry_paper_ids(conn)
        work_ids = guide_rows.entry_work_ids(conn)
        marked = highlight_rows.user_highlights(conn, library.user_id)
    completed: dict[int, int] = {}
    for s in sessions:
        if s.completed:
            completed[s.paper_id] = max(completed.get(s.paper_id, 0), s.pass_number)
    slug_of = {p.id: p.slug for p in papers}
    related: dict[int, list[str]] = {}
    for entry in library.catalog.entries:
        own = entry_ids.get(entry.slug)
        ids = [own] if own is not None else []
        ids += work_ids.get(entry.slug, [])
        others = [entry_ids.get(s) for s in entry.related]
        for pid in ids:
            links = related.setdefault(pid, [])
            links += [slug_of[o] for o in [*ids, *others] if o is not None and o != pid and o in slug_of]
    return _Context(library, root, papers, statuses, completed, related, marked)


def paper_file(paper: Paper) -> str:
    """A paper's note file, relative to the vault."""
    return f"Papers/{safe_name(paper.slug)}.md"


def _front_matter(ctx: _Context, paper: Paper) -> str:
    data = {
        "title": paper.title,
        "authors": list(paper.authors),
        "year": paper.year,
        "arxiv": paper.arxiv_id,
        "doi": paper.doi,
        "tags": [safe_name(t).replace(" ", "-") for t in paper.tags],
        "status": ctx.statuses.get(paper.id or 0, "to-read"),
        "pass": ctx.completed.get(paper.id or 0, 0),
        "aliases": [paper.title],
    }
    return "---\n" + yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=1000) + "---\n"


def _paper_text(ctx: _Context, paper: Paper, body: str) -> str:
    related = list(dict.fromkeys(ctx.related.get(paper.id or 0, [])))
    footer = [FOOTER, "", "## Related", ""]
    footer += [f"- [[{safe_name(s)}]]" for s in related] or ["- (none in the guide)"]
    marked = ctx.highlights.get(paper.id or 0, [])
    if marked:
        footer += ["", "## Highlights", ""]
        for highlight in marked:
            footer += [quote_markdown(highlight.text, highlight.page), ""]
        footer.pop()
    return _front_matter(ctx, paper) + "\n" + body.rstrip() + "\n\n" + "\n".join(footer) + "\n"


def _write(ctx: _Context, relative: str, text: str, report: VaultReport) -> None:
    write_atomic(inside(ctx.root, relative), text)
    report.written.append(relative)


def _indexes(ctx: _Context, report: VaultReport) -> None:
    by_id = {p.id: p for p in ctx.papers}
    with ctx.library.store.connect() as conn:
        entry_ids = guide_rows.entry_paper_ids(conn)
    for i, category in enumerate(ctx.library.catalog.categories, 1):
        lines = [f"# {category.name}", "", category.description, ""]
        for entry in [e for e in ctx.library.catalog.entries if e.category == category.slug]:
            paper = by_id.get(entry_ids.get(entry.slug))
            link = f"[[{safe_name(paper.slug)}|{entry.title}]]" if paper else entry.title
            status = ctx.statuses.get(paper.id or 0, "to-read") if paper else "to-read"
            lines.append(f"{entry.number}. {link} ({entry.year or 'several'}) — {status}")
        _write(ctx, f"Guide/{i:02d} {safe_name(category.name)}.md", "\n".join(lines) + "\n", report)
    lines = ["# Top 15 for interviews", ""]
    for item in ctx.library.catalog.checklist:
        papers = [by_id.get(entry_ids.get(s)) for s in item.entries]
        done = all(p is not None and ctx.statuses.get(p.id or 0) == "done" for p in papers)
        links = " / ".join(f"[[{safe_name(p.slug)}|{p.title}]]" for p in papers if p is not None)
        lines.append(f"- [{'x' if done else ' '}] {item.label}: {links} — {item.why}")
    _write(ctx, "Top 15.md", "\n".join(lines) + "\n", report)


def _load_state(root: Path) -> dict[str, Any]:
    path = root / STATE_FILE
    if not path.is_file():
        return {"papers": {}}
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (ValueError, UnicodeDecodeError):
        raise InvalidInputError(f"{path} is damaged; export to a new folder") from None
    return data if isinstance(data, dict) and isinstance(data.get("papers"), dict) else {"papers": {}}


def _export_paper(ctx: _Context, paper: Paper, state: dict[str, Any], report: VaultReport) -> None:
    note = load_note(ctx.library, paper)
    relative = paper_file(paper)
    _write(ctx, relative, _paper_text(ctx, paper, note.text), report)
    state["papers"][paper.slug] = {"file": relative, "sha": _sha(note.text), "version": note.version}


def export_vault(library: Library, root: Path) -> VaultReport:
    """Write every paper's note, the category indexes and the top-15 checklist into ``root``."""
    root.mkdir(parents=True, exist_ok=True)
    ctx = _context(library, root)
    report = VaultReport()
    state: dict[str, Any] = {"papers": {}, "exported_at": datetime.now().isoformat(timespec="seconds")}
    for paper in ctx.papers:
        _export_paper(ctx, paper, state, report)
    _indexes(ctx, report)
    write_atomic(root / STATE_FILE, json.dumps(state, indent=1, sort_keys=True) + "\n")
    return report


def _conflict_copy(ctx: _Context, relative: str, paper: Paper, text: str, report: VaultReport) -> None:
    stamp = datetime.now().strftime("%Y-%m-%d %H%M%S")
    copy = relative[: -len(".md")] + f" (library version {stamp}).md"
    write_atomic(inside(ctx.root, copy), _paper_text(ctx, paper, text))
    report.conflicts.append(copy)


def _sync_paper(ctx: _Context, paper: Paper, known: dict[str, Any], report: VaultReport) -> None:
    relative = str(known["file"])
    path = inside(ctx.root, relative)
    if not path.is_file():
        report.deleted.append(relative)
        return
    try:
        body = note_body(path.read_text(encoding="utf-8"))
    except UnicodeDecodeError as exc:
        bad = exc.object[exc.start : exc.start + 1].hex()
        report.invalid.append(
            f"{relative}: not UTF-8 text (byte 0x{bad} at offset {exc.start}); not imported: save it as "
            "UTF-8 and sync again"
        )
        return
    except OSError as exc:
        report.invalid.append(f"{relative}: cannot be read ({exc.strerror or exc}); not imported")
        return
    note = load_note(ctx.library, paper)
    vault_changed = _sha(body) != known["sha"]
    library_changed = note.version != known["version"]
    if vault_changed and library_changed and _sha(body) != _sha(note.text):
        _conflict_copy(ctx, relative, paper, note.text, report)
        known["version"] = note.version  # the vault has now seen the library's version: merge, then sync
    elif vault_changed and not library_changed:
        try:
            saved = save_note(ctx.library, paper, body, note.version, source="vault")
        except (InvalidInputError, ConflictError) as exc:
            report.invalid.append(f"{relative}: {exc.message}")
            return
        known.update(sha=_sha(body), version=saved.version)
        report.imported.append(relative)
    elif library_changed or _sha(body) == _sha(note.text) and vault_changed:
        _write(ctx, relative, _paper_text(ctx, paper, note.text), report)
        known.update(sha=_sha(note.text), version=note.version)
    else:
        report.unchanged += 1


def sync_vault(library: Library, root: Path) -> VaultReport:
    """Bring a vault and the library in step (see the module docstring for the rules).

    Raises:
        InvalidInputError: ``root`` is not a vault exported by paperpass.
    """
    if not (root / STATE_FILE).is_file():
        raise InvalidInputError(
            f"{root} is not a paperpass vault (no {STATE_FILE}); run `vault export` first"
        )
    state = _load_state(root)
    ctx = _context(library, root)
    report = VaultReport()
    for paper in ctx.papers:
        known = state["papers"].get(paper.slug)
        if known is None:
            _export_paper(ctx, paper, state, report)
        else:
            _sync_paper(ctx, paper, known, report)
    _indexes(ctx, report)
    write_atomic(root / STATE_FILE, json.dumps(state, indent=1, sort_keys=True) + "\n")
    return report
