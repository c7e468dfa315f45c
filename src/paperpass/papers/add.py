"""Adding papers to the library from ids, URLs, PDFs and BibTeX files, merging duplicates.

:func:`add_papers` is what ``paperpass add`` and ``paperpass sync`` run. Each argument is parsed, looked up
at its source (arXiv in batches, Crossref then Semantic Scholar for DOIs, Semantic Scholar for its ids, the
PDF's own text for local PDFs, every entry of a ``.bib``), then stored in one transaction per paper:
inserted, or merged into the library paper it duplicates. A batch that half fails keeps what succeeded.

A local PDF that says who it is (the arXiv stamp in its margin, a DOI printed on its first page) is looked
up by that identifier, not by its title: it gets the source's metadata, year and slug
(``schulman2017-proximal``, not ``schulman-proximal``). Offline, the identifier, its version and the year an
arXiv id implies are kept from the page and the look-up is queued.

Offline is normal: a source that cannot be reached is not asked again in the same run (see
:mod:`paperpass.sources.http`), so adding five PDFs offline costs one attempt per service, not five retries
per paper. The input goes on the queue with what is known (``paperpass sources retry`` runs it, and the
paper's web page offers the same), with a sentence that says so, never an exception's name.

An identifier the discovery index holds (``paperpass import --arxiv-metadata``) is not looked up again:
the record becomes a library paper with the metadata it has. A paper found at a source that duplicates
a discovery record is merged into it and the record becomes a library paper the same way. Each new
paper's duplicates are looked for once, by indexed look-ups (identifiers, then the title's key: see
:func:`find_duplicate`), so adding stays fast beside a million discovery records.
"""

from __future__ import annotations

import hashlib
import shutil
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Literal

from paperpass.catalog import load_catalog
from paperpass.config import Settings
from paperpass.errors import ConflictError, InvalidInputError, NotFoundError, PaperpassError, SourceError
from paperpass.library import Library
from paperpass.models import Paper
from paperpass.papers.batch import store_new_records
from paperpass.papers.matching import TitleIndex, merge_papers, same_work, slug_base
from paperpass.pdf import survey
from paperpass.search import indexing
from paperpass.sources import Sources
from paperpass.sources.bibtex import merge_entries, read_bibtex
from paperpass.sources.download import download_pdf
from paperpass.sources.identifiers import Identifier, parse_identifier
from paperpass.sources.record import BibtexFields, SourceRecord, github_links
from paperpass.sources.semanticscholar import s2_key
from paperpass.store import Connection, Store
from paperpass.store import papers as paper_rows
from paperpass.store import sources as source_rows
from paperpass.store.papers import split_arxiv_id

Action = Literal["added", "merged", "skipped", "queued", "failed"]
Progress = Callable[[str, int, int], None]
"""Called as each input is stored: its label, how many are stored with it, and how many there are."""
QUEUED = "; the look-up is queued: paperpass sources retry"
BATCH = 500
"""Inputs stored per transaction when no file comes with them (the entries of a ``.bib`` file)."""


@dataclass(frozen=True)
class Outcome:
    """What happened to one input: the paper it became, or why it did not."""

    input: str
    action: Action
    paper: Paper | None = None
    reason: str = ""
    error: PaperpassError | None = None


@dataclass
class AddReport:
    """Every input's outcome, in the order given."""

    outcomes: list[Outcome] = field(default_factory=list)

    def count(self, action: Action) -> int:
        """How many inputs ended with ``action``."""
        return sum(o.action == action for o in self.outcomes)

    @property
    def ok(self) -> bool:
        """True when nothing failed."""
        return self.count("failed") == 0


@dataclass(frozen=True)
class _Found:
    """An input resolved to a record (and, for a local PDF, the file itself)."""

    input: str
    record: SourceRecord
    local_pdf: Path | None = None
    queue_reason: str = ""
    download: bool = True


def add_papers(
    library: Library,
    sources: Sources,
    inputs: Sequence[str],
    *,
    pdf: bool = True,
    progress: Progress | None = None,
) -> AddReport:
    """Add every input to the library; see the module docstring.

    Args:
        library: the library (its settings say where PDFs go).
        sources: the source clients.
        inputs: what the user typed: ids, URLs, file paths.
        pdf: download arXiv PDFs (``--no-pdf`` turns it off).
        progress: called as each input is stored (see :data:`Progress`).
    """
    report = AddReport()
    parsed: list[Identifier] = []
    for text in inputs:
        try:
            parsed.append(parse_identifier(text))
        except PaperpassError as error:
            report.outcomes.append(Outcome(text, "failed", reason=error.message, error=error))
    known, parsed = _from_discovery(library.store, parsed)
    found = known + _resolve(sources, parsed, report)
    _remember_unreachable(library, report)
    titles = title_index(library.store)
    waiting = {q.input for q in queued(library)}

    def stored(outcome: Outcome) -> None:
        report.outcomes.append(outcome)
        if progress is not None:
            progress(outcome.input, len(report.outcomes) - failed_before, len(found))

    failed_before = len(report.outcomes)
    for group in _groups(found, pdf=pdf):
        if len(group) == 1 and _needs_file(group[0], pdf):
            stored(_store_found(library, sources, group[0], titles, pdf=pdf))
        else:
            _store_batch(library.store, group, titles, waiting, stored)
    _in_input_order(report, inputs, parsed)
    return report


def _needs_file(item: _Found, pdf: bool) -> bool:
    return item.local_pdf is not None or (pdf and item.download)


def _groups(found: list[_Found], *, pdf: bool) -> Iterator[list[_Found]]:
    """The inputs to store, one per transaction when a file comes with them (downloaded outside the
    transaction), else in runs of up to :data:`BATCH` (a large ``.bib`` file)."""
    run: list[_Found] = []
    for item in found:
        if _needs_file(item, pdf):
            if run:
                yield run
                run = []
            yield [item]
        else:
            run.append(item)
            if len(run) >= BATCH:
                yield run
                run = []
    if run:
        yield run


def _store_batch(
    store: Store,
    items: list[_Found],
    titles: TitleIndex,
    waiting: set[str],
    stored: Callable[[Outcome], None],
) -> None:
    """Store inputs that bring no file in one transaction: new papers together (:mod:`.batch`), inputs that
    duplicate library papers one by one. If the papers cannot be inserted together (a slug or identifier
    taken meanwhile), every input goes the one-by-one way, as any single input does.
    """
    outcomes: list[Outcome | None] = [None] * len(items)
    with store.transaction() as conn:
        try:
            results, later = store_new_records(conn, [i.record for i in items], titles)
        except ConflictError:
            results, later = [], list(range(len(items)))
        for result in results:
            item = items[result.position]
            if result.error is not None or result.paper is None:
                error = result.error or PaperpassError("not stored")
                outcomes[result.position] = Outcome(item.input, "failed", reason=error.message, error=error)
            else:
                action: Action = "added" if result.action == "added" else "merged"
                outcomes[result.position] = Outcome(item.input, action, result.paper,
                                                    _describe(action, result.paper, None))  # fmt: skip
        for position in later:
            outcomes[position] = _store_one(conn, items[position], titles)
        for item in items:
            if item.input in waiting:
                source_rows.unqueue(conn, item.input)
    for outcome in outcomes:  # reported once committed
        if outcome is not None:
            stored(outcome)


def _store_one(conn: Connection, item: _Found, titles: TitleIndex) -> Outcome:
    """One input inside a batch's transaction. It leaves nothing behind when it fails: :func:`_write_paper`
    raises only before its first write or from a write it rolls back itself (the store's savepoints)."""
    try:
        action, paper, existing = _write_paper(conn, item.record, None, titles)
    except PaperpassError as error:
        return Outcome(item.input, "failed", reason=error.message, error=error)
    _index(titles, paper, existing)  # the next inputs of this file may be the same paper
    return Outcome(item.input, action, paper, _describe(action, paper, existing))


def _index(titles: TitleIndex, paper: Paper, existing: Paper | None) -> None:
    if existing is None:
        titles.add(paper)
    elif paper is not existing:
        titles.replace(existing, paper)


def _in_input_order(report: AddReport, inputs: Sequence[str], parsed: list[Identifier]) -> None:
    order = {text: n for n, text in enumerate(inputs)}
    order.update({i.value: order.get(i.text, n) for n, i in enumerate(parsed) if i.kind == "bib"})

    def position(outcome: Outcome) -> int:
        if outcome.input in order:
            return order[outcome.input]
        return next((n for key, n in order.items() if outcome.input.startswith(key)), len(order))

    report.outcomes.sort(key=position)


def _remember_unreachable(library: Library, report: AddReport) -> None:
    """Queue the inputs whose source could not be reached (nothing is known about them yet)."""
    waiting = [o for o in report.outcomes if o.action == "queued" and o.paper is None]
    if waiting:
        with library.store.transaction() as conn:
            for outcome in waiting:
                source_rows.queue_input(conn, outcome.input, outcome.reason.removesuffix(QUEUED))


def _from_discovery(store: Store, parsed: list[Identifier]) -> tuple[list[_Found], list[Identifier]]:
    """The inputs the discovery index already describes (as found), and the others (to look up)."""
    known: list[_Found] = []
    rest: list[Identifier] = []
    with store.connect() as conn:
        for ident in parsed:
            record = _discovery_record(conn, ident)
            if record is None:
                rest.append(ident)
            else:
                known.append(_Found(ident.text, SourceRecord("discovery", record)))
    return known, rest


def _discovery_record(conn: Connection, ident: Identifier) -> Paper | None:
    if ident.kind not in ("arxiv", "doi", "s2"):
        return None
    found = paper_rows.identifier_matches(
        conn,
        arxiv_id=ident.value if ident.kind == "arxiv" else None,
        doi=ident.value if ident.kind == "doi" else None,
        s2_id=ident.value if ident.kind == "s2" else None,
    )
    return found[0] if len(found) == 1 and found[0].discovery else None


def _resolve(sources: Sources, parsed: list[Identifier], report: AddReport) -> list[_Found]:
    found: list[_Found] = []
    arxiv = [i for i in parsed if i.kind == "arxiv"]
    if arxiv:
        found += _resolve_arxiv(sources, arxiv, report)
    for ident in parsed:
        try:
            if ident.kind == "doi":
                found.append(_Found(ident.text, _resolve_doi(sources, ident.value)))
            elif ident.kind == "s2":
                found.append(_Found(ident.text, sources.semanticscholar.paper(ident.value)))
            elif ident.kind == "bib":
                found += _resolve_bib(ident, report)
            elif ident.kind == "pdf":
                found.append(_resolve_pdf(sources, ident))
        except SourceError as error:
            report.outcomes.append(_queue_only(ident.text, error.message))
        except PaperpassError as error:
            report.outcomes.append(Outcome(ident.text, "failed", reason=error.message, error=error))
    return found


def _queue_only(text: str, reason: str) -> Outcome:
    return Outcome(text, "queued", reason=reason + QUEUED)


def _resolve_arxiv(sources: Sources, idents: list[Identifier], report: AddReport) -> list[_Found]:
    try:
        records = sources.arxiv.lookup([(i.value, i.version) for i in idents])
    except SourceError as error:
        report.outcomes += [_queue_only(i.text, error.message) for i in idents]
        return []
    except PaperpassError as error:
        report.outcomes += [Outcome(i.text, "failed", reason=error.message, error=error) for i in idents]
        return []
    found = []
    for ident in idents:
        record = records.get(ident.value)
        if record is None:
            missing = NotFoundError(f"not found at arXiv: {ident.label}")
            report.outcomes.append(Outcome(ident.text, "failed", reason=missing.message, error=missing))
        else:
            found.append(_Found(ident.text, record))
    return found


def _resolve_doi(sources: Sources, doi: str) -> SourceRecord:
    try:
        return sources.crossref.work(doi)
    except NotFoundError:
        pass
    try:
        return sources.semanticscholar.paper(s2_key("doi", doi))
    except NotFoundError:
        raise NotFoundError(f"not found at Crossref or Semantic Scholar: DOI {doi}") from None


def _resolve_bib(ident: Identifier, report: AddReport) -> list[_Found]:
    try:
        text = Path(ident.value).read_text(encoding="utf-8-sig")
    except OSError as exc:
        raise InvalidInputError(f"{ident.value}: cannot read: {exc.strerror or exc}") from None
    except UnicodeDecodeError as exc:
        raise InvalidInputError(
            f"{ident.value}: not UTF-8 text (byte {exc.start}); save it as UTF-8"
        ) from None
    imported = read_bibtex(text)
    for problem in imported.problems:
        where, _, reason = problem.partition(": ")
        report.outcomes.append(Outcome(f"{ident.value} {where}", "failed", reason=reason))
    # Entries are taken as written: no look-up and no PDF download per entry (a .bib of a hundred arXiv
    # papers would otherwise take five minutes at arXiv's pace).
    return [
        _Found(f"{ident.value}#{r.bibtex.key if r.bibtex else i}", r, download=False)
        for i, r in enumerate(imported.records)
    ]


def _resolve_pdf(sources: Sources, ident: Identifier) -> _Found:
    sheet = survey(ident.value)
    printed = _printed_identifiers(sheet.arxiv_id, sheet.doi)
    if not sheet.title and printed is None:
        raise PaperpassError(f"{ident.value}: no title found in the PDF; add it by arXiv id or DOI instead")
    pdf = Paper(slug="", title=sheet.title, authors=list(sheet.authors), abstract=sheet.abstract or None)
    path = Path(ident.value)
    try:
        record = _look_up_pdf(sources, pdf, printed)
    except SourceError as error:
        if not pdf.title:
            raise  # nothing to name the paper by until the look-up is done: the input alone is queued
        local = merge_papers(pdf, printed) if printed is not None else pdf
        return _Found(ident.text, SourceRecord("pdf", local), path, queue_reason=error.message)
    return _Found(ident.text, record, path)


def _printed_identifiers(arxiv_text: str, doi: str) -> Paper | None:
    """What the identifiers printed on a PDF's first page say by themselves (no look-up): the arXiv id,
    its version and the year it implies (``1707.06347v2``: 2017), the DOI; None when none is printed."""
    arxiv = split_arxiv_id(arxiv_text) if arxiv_text else None
    if arxiv is None and not doi:
        return None
    if arxiv is None:
        return Paper(slug="", title="", doi=doi.lower(), links={"doi": f"https://doi.org/{doi}"})
    arxiv_id, version = arxiv
    return Paper(slug="", title="", year=arxiv_year(arxiv_id), arxiv_id=arxiv_id, arxiv_version=version,
                 doi=doi.lower() or None, links={"abs": f"https://arxiv.org/abs/{arxiv_id}"})  # fmt: skip


def arxiv_year(arxiv_id: str) -> int | None:
    """The year an arXiv id was given (``1707.06347``: 2017; ``cs/0112017``: 2001)."""
    digits = arxiv_id.rsplit("/", 1)[-1][:2]
    if not digits.isdigit():
        return None
    year = int(digits)
    return (1900 if year >= 91 else 2000) + year


def _look_up_pdf(sources: Sources, pdf: Paper, printed: Paper | None) -> SourceRecord:
    """The best record of a local PDF (``pdf``: what its text says): by the arXiv id or the DOI printed on
    it (``printed``) when the source's title agrees with the PDF's, else by its title at Semantic Scholar;
    the PDF's own record when nothing matches.

    Raises:
        SourceError: a source could not be reached (the caller queues the look-up).
    """
    if printed is not None and printed.arxiv_id:
        found = sources.arxiv.lookup([(printed.arxiv_id, printed.arxiv_version)]).get(printed.arxiv_id)
        if found is not None and _same_title(found.paper, pdf):
            return replace(found, paper=merge_papers(found.paper, merge_papers(pdf, printed)))
        printed = _doi_only(printed)  # the id is another paper's (cited in a footnote) or unknown
    if printed is not None and printed.doi:
        try:
            by_doi: SourceRecord | None = sources.crossref.work(printed.doi)
        except NotFoundError:
            by_doi = None
        if by_doi is not None and _same_title(by_doi.paper, pdf):
            return replace(by_doi, paper=merge_papers(by_doi.paper, merge_papers(pdf, printed)))
        printed = None
    local = merge_papers(pdf, printed) if printed is not None else pdf
    if not local.title:
        return SourceRecord("pdf", local)
    match = sources.semanticscholar.match_title(local.title)
    if match is not None and same_work(match.paper, local):
        return SourceRecord("semanticscholar", merge_papers(match.paper, local))
    return SourceRecord("pdf", local)


def _doi_only(printed: Paper) -> Paper | None:
    if not printed.doi:
        return None
    return Paper(slug="", title="", doi=printed.doi, links={"doi": f"https://doi.org/{printed.doi}"})


def _same_title(found: Paper, pdf: Paper) -> bool:
    """Whether a source's paper is the PDF's, by title (a PDF without a title trusts its identifier): an
    identifier printed on the first page may be another paper's, cited in a footnote."""
    if not pdf.title:
        return True
    return same_work(Paper(slug="", title=found.title), Paper(slug="", title=pdf.title))


def title_index(store: Store) -> TitleIndex:
    """The library's papers indexed for one ``paperpass add`` (or import): loaded a few years at a time,
    only what the title match reads; the discovery index asked by title key."""
    return TitleIndex(lambda years: _papers_of_years(store, years), _discovery_twin(store), _whole(store))


def _papers_of_years(store: Store, years: Sequence[int] | None) -> list[Paper]:
    with store.connect() as conn:
        return source_rows.papers_of_years(conn, years)


def _whole(store: Store) -> Callable[[Paper], Paper]:
    def whole(paper: Paper) -> Paper:
        """The stored paper in full (the index holds only what the title match reads).

        Raises:
            NotFoundError: it was removed since the index loaded it.
        """
        assert paper.id is not None
        with store.connect() as conn:
            found = paper_rows.papers_by_ids(conn, [paper.id]).get(paper.id)
        if found is None:
            raise NotFoundError(f"{paper.slug} was removed while this add ran; run it again")
        return found

    return whole


def _discovery_twin(store: Store) -> Callable[[Paper], Paper | None] | None:
    """How a :class:`TitleIndex` of library papers finds a discovery record by title (by its key), or None
    when there is no discovery index (a file's every entry would pay a look-up for nothing)."""
    with store.connect() as conn:
        if not paper_rows.has_discovery_records(conn):
            return None

    def twin(paper: Paper) -> Paper | None:
        with store.connect() as conn:
            candidates = paper_rows.title_candidates(conn, paper.title, paper.year, discovery_only=True)
        return next((p for p in candidates if same_work(p, paper)), None)

    return twin


def find_duplicate(conn: Connection, paper: Paper, titles: TitleIndex | None = None) -> Paper | None:
    """The paper (in the library or the discovery index) that ``paper`` duplicates: by identifier first,
    then by title, author and year. Every look-up is indexed: identifiers are unique keys, and titles are
    compared with the library's papers in ``titles`` (loaded a few years at a time; it asks the discovery
    index by the title's key) or, without it, with the papers sharing the title's key.

    Args:
        titles: the library's papers indexed for the title match (one index serves a whole batch).

    Raises:
        ConflictError: its identifiers name two different papers.
    """
    same_ids = paper_rows.identifier_matches(conn, arxiv_id=paper.arxiv_id, doi=paper.doi, s2_id=paper.s2_id)
    if len(same_ids) > 1:
        slugs = " and ".join(sorted(p.slug for p in same_ids))
        raise ConflictError(f"{paper.title!r} matches two library papers ({slugs}); nothing was changed")
    if same_ids:
        return same_ids[0]
    if titles is not None:
        return titles.find(paper)
    candidates = paper_rows.title_candidates(conn, paper.title, paper.year)
    return next((p for p in candidates if same_work(p, paper)), None)


def _pdf_target(settings: Settings, paper: Paper) -> Path:
    name = (paper.arxiv_id or "paper").replace("/", "_")
    return settings.pdf_dir / f"{name}v{paper.arxiv_version or 0}.pdf"


def _fetch_pdf(
    library: Library, sources: Sources, record: SourceRecord, existing: Paper | None
) -> tuple[source_rows.PaperFile | None, str]:
    """Download an arXiv paper's PDF unless the library already has that version; (file, problem)."""
    paper = record.paper
    if not paper.arxiv_id:
        return None, ""
    if existing is not None and existing.id is not None:
        with library.store.connect() as conn:
            files = source_rows.files_for(conn, existing.id)
        if any(f.arxiv_version == paper.arxiv_version for f in files):
            return None, ""
    url = sources.arxiv.pdf_url(paper.arxiv_id, paper.arxiv_version)
    try:
        got = download_pdf(sources.session, url, _pdf_target(library.settings, paper), service="arXiv",
                           interval=sources.arxiv.delay)  # fmt: skip
    except SourceError as error:
        return None, f"PDF not downloaded: {error.message}"
    return source_rows.PaperFile(0, str(got.path), got.sha256, got.size, paper.arxiv_version, url), ""


def _local_file(settings: Settings, path: Path) -> source_rows.PaperFile:
    data = path.read_bytes()
    sha = hashlib.sha256(data).hexdigest()
    target = settings.pdf_dir / f"{sha[:16]}.pdf"
    if not target.exists():
        settings.pdf_dir.mkdir(parents=True, exist_ok=True)
        partial = target.with_suffix(".part")
        shutil.copyfile(path, partial)
        partial.replace(target)
    return source_rows.PaperFile(0, str(target), sha, len(data), None, None)


def _store_found(
    library: Library, sources: Sources, item: _Found, titles: TitleIndex, *, pdf: bool
) -> Outcome:
    try:
        with library.store.connect() as conn:
            existing = find_duplicate(conn, item.record.paper, titles)
        file, problem = (None, "")
        if item.local_pdf is not None:
            file = _local_file(library.settings, item.local_pdf)
        elif pdf and item.download:
            file, problem = _fetch_pdf(library, sources, item.record, existing)
        reason = item.queue_reason or problem
        with library.store.transaction() as conn:
            action, paper, existing = _write_paper(conn, item.record, file, titles, (existing,))
            if reason:
                source_rows.queue_input(conn, item.input, reason, paper.id)
            else:
                source_rows.unqueue(conn, item.input)
    except PaperpassError as error:
        return Outcome(item.input, "failed", reason=error.message, error=error)
    _index(titles, paper, existing)  # committed: the next inputs may match it
    if file is not None and paper.id is not None:
        indexing.pdf_attached(library.store, paper.id, Path(file.path))
    if reason:
        return Outcome(item.input, "queued", paper, reason + QUEUED)
    return Outcome(item.input, action, paper, _describe(action, paper, existing))


def _describe(action: Action, paper: Paper, existing: Paper | None) -> str:
    if action == "skipped":
        return f"already in the library as {paper.slug}"
    if action == "merged":
        return f"merged into {paper.slug}"
    if existing is not None and existing.discovery:
        return f"added from the discovery index as {paper.slug}"
    return f"added as {paper.slug}"


def _write_paper(
    conn: Connection,
    record: SourceRecord,
    file: source_rows.PaperFile | None,
    titles: TitleIndex,
    found: tuple[Paper | None] | None = None,
) -> tuple[Action, Paper, Paper | None]:
    """Insert the record's paper or merge it into its duplicate (a discovery record becoming a library
    paper): (action, paper, the duplicate). ``found`` is the duplicate already looked for (read again
    here: it may have changed since); without it, it is looked for now."""
    incoming = record.paper
    if found is None:
        existing = find_duplicate(conn, incoming, titles)
    else:
        known = found[0]
        existing = paper_rows.find_paper(conn, known.id, discovery=True) if known and known.id else None
    action: Action
    if existing is None:
        slug = paper_rows.unique_slug(conn, slug_base(incoming))
        paper = paper_rows.insert_paper(conn, incoming.with_changes(slug=slug, discovery=False))
        action = "added"
    elif existing.discovery:
        merged = merge_papers(existing, incoming)
        paper = paper_rows.update_paper(conn, merged) if merged != existing else existing
        paper = paper_rows.promote(conn, paper, paper_rows.unique_slug(conn, slug_base(paper)))
        action = "added"
    else:
        merged = merge_papers(existing, incoming)
        changed = merged != existing
        paper = paper_rows.update_paper(conn, merged) if changed else existing
        action = "merged" if changed or file is not None or record.bibtex is not None else "skipped"
    assert paper.id is not None
    if file is not None:
        source_rows.add_file(conn, source_rows.PaperFile(paper.id, file.path, file.sha256, file.size,
                                                         file.arxiv_version, file.source_url))  # fmt: skip
    if record.bibtex is not None:
        kept = source_rows.bibtex_for(conn, [paper.id]).get(paper.id) if existing is not None else None
        entry = merge_entries(BibtexFields(*kept) if kept else None, record.bibtex)
        source_rows.set_bibtex(
            conn, paper.id, entry.entry_type, entry.key, entry.fields, replace=kept is not None
        )
    links = [source_rows.StoredCodeLink(url, record.source, "code") for url in github_links(record.comment)]
    links += [source_rows.StoredCodeLink(url, "abstract", "code") for url in github_links(incoming.abstract)]
    source_rows.add_code_links(conn, paper.id, links)
    return action, paper, existing


def add_from_discovery(library: Library, key: str) -> Paper:
    """Make a record of the discovery index a library paper, with the metadata it has (nothing is looked
    up, no PDF downloaded: ``paperpass add`` or ``sync`` fetch it). A paper already in the library is
    returned as it is.

    Raises:
        NotFoundError: no paper or discovery record has this id, slug or identifier.
    """
    with library.store.transaction() as conn:
        record = paper_rows.find_paper(conn, key, discovery=True)
        if record is None:
            raise NotFoundError(f"no paper {key!r} in the library or the discovery index")
        if not record.discovery:
            return record
        return paper_rows.promote(conn, record, paper_rows.unique_slug(conn, slug_base(record)))


def sync_queue(
    library: Library, sources: Sources, *, pdf: bool = True, progress: Progress | None = None
) -> AddReport:
    """Try every queued input again; what succeeds leaves the queue, what fails for good is reported.

    An explicit retry asks every source again, even one found unreachable earlier in this session.
    """
    sources.session.unreachable.clear()
    with library.store.connect() as conn:
        queued = source_rows.queued_inputs(conn)
    report = add_papers(library, sources, [q.input for q in queued], pdf=pdf, progress=progress)
    with library.store.transaction() as conn:
        for outcome in report.outcomes:
            if outcome.action == "failed":
                source_rows.unqueue(conn, outcome.input)
    return report


def guide_inputs() -> list[str]:
    """The arXiv id of every guide paper (entries and the works they cover), each once, in guide order."""
    ids: list[str] = []
    for entry in load_catalog().entries:
        ids += [entry.arxiv] if entry.arxiv else []
        ids += [w.arxiv for w in entry.works if w.arxiv]
    return list(dict.fromkeys(ids))


def queued(library: Library) -> list[source_rows.QueuedInput]:
    """Inputs waiting for ``paperpass sync``."""
    with library.store.connect() as conn:
        return source_rows.queued_inputs(conn)
