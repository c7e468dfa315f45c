"""Every top-level command, by name: the module that defines it and its one-line help.

``paperpass --help`` lists this table without importing any command module; running a command imports
only its own module (Click's lazy-group pattern, :class:`paperpass.cli.app.LazyCommands`). A new command:
define it on its module's ``cli`` Typer and add a line here (``tests/cli/test_cli.py`` checks that the two
agree and that every command is documented in docs/cli.md).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Entry:
    """A top-level command: its name, the ``paperpass.cli`` module whose ``cli`` Typer holds it, and the
    first line of its help."""

    name: str
    module: str
    help: str

    @property
    def module_path(self) -> str:
        """The module's import path."""
        return f"paperpass.cli.{self.module}"


COMMANDS: tuple[Entry, ...] = (
    Entry("checklist", "guide", "The top-15 checklist for interviews, with your progress."),
    Entry(
        "init",
        "maintenance",
        "Create the library (idempotent): data dir, database, migrations, the guide's papers.",
    ),
    Entry(
        "serve",
        "server",
        "Start the web app on the library and print its URL (multi-user with logins once accounts exist).",
    ),
    Entry(
        "highlights",
        "highlights",
        "Your highlights on a paper, in page order: list them, --add one, or --delete one.",
    ),
    Entry(
        "survey",
        "survey",
        "Pass 1 in seconds: title, abstract, the intro's last paragraph, outline, conclusion, captions.",
    ),
    Entry("backup", "maintenance", "Back up a SQLite library while it is in use (PostgreSQL: use pg_dump)."),
    Entry(
        "restore",
        "maintenance",
        "Replace the SQLite library with a backup (in one transaction), then migrate it.",
    ),
    Entry(
        "add",
        "papers",
        "Add papers (merging duplicates) from arXiv, DOIs, Semantic Scholar, PDFs and BibTeX files.",
    ),
    Entry("list", "papers", "List the library's papers, newest first."),
    Entry(
        "show",
        "papers",
        "Show one paper: metadata, identifiers, links, code links, PDF and where it is discussed.",
    ),
    Entry("remove", "papers", "Remove a paper from the library (its notes are kept in a file)."),
    Entry(
        "related",
        "papers",
        "Connected papers from Semantic Scholar: references, citations and the most connected ones.",
    ),
    Entry(
        "code",
        "papers",
        "Code links for a paper: Hugging Face Papers and GitHub links in its abstract and comments.",
    ),
    Entry(
        "export",
        "papers",
        "Export papers as BibTeX or CSL-JSON (imported entries come back exactly as they were read).",
    ),
    Entry(
        "import",
        "papers",
        "Import every entry of a .bib file, keeping its fields for a lossless export; or, with "
        "--arxiv-metadata FILE.jsonl, bulk-load arXiv metadata as a discovery index (resumable).",
    ),
    Entry(
        "sync",
        "papers",
        "Run the look-ups queued while a source was unreachable (the same as `sources retry`).",
    ),
    Entry(
        "sources",
        "papers",
        "Look-ups queued while a source was unreachable: list them; `sources retry` runs them.",
    ),
    Entry(
        "read", "reading", "Show what a pass reads, time it against the pass's budget, and log the session."
    ),
    Entry("log", "reading", "Record a reading session done elsewhere."),
    Entry(
        "pass-done",
        "reading",
        "Mark a pass complete once its exit criteria are met (exit status 1 lists what is missing).",
    ),
    Entry(
        "progress",
        "reading",
        "Progress per category and top-15 item: pass reached, minutes per pass vs budget, weekly reading.",
    ),
    Entry(
        "search",
        "search",
        "Search titles, authors, abstracts, your notes, PDF pages and the guide (BM25, highlighted).",
    ),
    Entry(
        "reindex",
        "search",
        "Rebuild the search index: papers, notes, the guide's text, PDF pages, and embeddings.",
    ),
    Entry(
        "practice",
        "practice",
        "Due cards, then new ones: tick the points you covered; cloze and choice cards grade themselves.",
    ),
    Entry(
        "mock",
        "practice",
        "A timed mock interview that reacts: follow-ups on what you missed; missed points become cards.",
    ),
    Entry(
        "ready",
        "practice",
        "How ready you are: per top-15 item and category, an overall figure, and what to do next.",
    ),
    Entry(
        "plan",
        "plan",
        "Build a day-by-day plan to the interview (or show the stored one): passes, practice, mocks, slack.",
    ),
    Entry(
        "today",
        "plan",
        "Today's items of the study plan, ticked off as reading sessions, practice and mocks are logged.",
    ),
    Entry(
        "compare",
        "plan",
        "Papers side by side: note fields (the guide's facts where empty), year, category, linking "
        "questions.",
    ),
    Entry("guide", "guide", "The guide's 23 papers by category, with your reading status."),
    Entry("group", "groups", "Reading groups: one paper a week, a 30-60 minute discussion."),
    Entry("user", "accounts", "Accounts of a team server (with accounts, `serve` requires a login)."),
    Entry("db", "maintenance", "The library database: migrations."),
    Entry("note", "notes", "Structured notes: edit, lint, history, diff, restore."),
    Entry("vault", "notes", "An Obsidian-compatible vault of your notes: export and sync."),
    Entry("questions", "practice", "The interview question bank: the guide's, your notes' and your own."),
    Entry(
        "grade",
        "grade",
        "Grade an answer against reference points: covered, missed or unsure, with the evidence.",
    ),
    Entry("anki", "practice", "Anki interop."),
)

BY_NAME = {entry.name: entry for entry in COMMANDS}
