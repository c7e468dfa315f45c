"""HTML pages: home, guide entries, library papers, the method, the questions."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse

from paperpass import library
from paperpass.catalog import find_entry, top15_slugs
from paperpass.models import QuestionKind
from paperpass.papers import paper_details, paper_pdf
from paperpass.papers import paper_stage as stage
from paperpass.plan import interview_checklist, presets_for
from paperpass.practice import bank_by_kind
from paperpass.reading import guide_progress
from paperpass.web.adding import add_box_context
from paperpass.web.deps import LibraryDep
from paperpass.web.plan import paper_slugs, today_on_home
from paperpass.web.reading import progress_context
from paperpass.web.templating import render

router = APIRouter()


@router.get("/", response_class=HTMLResponse)
def home(request: Request, lib: LibraryDep) -> HTMLResponse:
    """The reading plan by category with progress, and the top-15 checklist (done = interview-ready)."""
    catalog = lib.catalog
    progress = guide_progress(lib)
    checklist = interview_checklist(lib, progress)
    by_category = {c.slug: [p for p in progress if p.entry.category == c.slug] for c in catalog.categories}
    plan_day = today_on_home(request, lib)
    return render(
        request,
        "home.html",
        by_category=by_category,
        checklist=checklist.items,
        checklist_definition=checklist.definition,
        read=sum(p.status != "to-read" for p in progress),
        total=len(progress),
        checklist_done=checklist.done,
        plan_day=plan_day,
        paper_slugs=paper_slugs(lib, plan_day),
        **progress_context(lib, progress),
    )


@router.get("/guide/{slug}", response_class=HTMLResponse)
def entry_page(request: Request, lib: LibraryDep, slug: str) -> HTMLResponse:
    """Everything the guide says about one entry, with links to its library papers."""
    catalog = lib.catalog
    entry = find_entry(catalog, slug)
    everything = guide_progress(lib)
    progress = next(p for p in everything if p.entry.slug == entry.slug)
    by_slug = {e.slug: e for e in catalog.entries}
    by_number = {e.number: e for e in catalog.entries}
    related = [by_slug[s] for s in entry.related]
    related += [by_number[n] for n in entry.see_also if by_number[n] not in related]
    questions = [q for q in catalog.questions if entry.slug in q.entries]
    return render(
        request,
        "entry.html",
        entry=entry,
        progress=progress,
        category=next(c for c in catalog.categories if c.slug == entry.category),
        related=related,
        questions=questions,
        top15=entry.slug in top15_slugs(catalog),
        presets=presets_for(entry.slug),
        add_value=entry.arxiv or "",
        **add_box_context(request),
    )


@router.get("/papers", response_class=HTMLResponse)
def papers_page(
    request: Request,
    lib: LibraryDep,
    page: Annotated[int, Query(ge=1, le=100_000)] = 1,
    per_page: Annotated[int, Query(ge=1, le=200)] = 100,
) -> HTMLResponse:
    """The library's papers, newest first, a page at a time (never the discovery index's records)."""
    listed = library.papers_page(lib, page=page, per_page=per_page)

    def at(number: int) -> str:
        return f"/papers?{request.url.include_query_params(page=number).query}"

    links = {"previous": at(page - 1)} if page > 1 else {}
    if listed.more:
        links["next"] = at(page + 1)
    return render(
        request,
        "papers.html",
        listed=listed,
        papers=listed.papers,
        pages=links,
        **add_box_context(request),
    )


@router.get("/papers/{slug}", response_class=HTMLResponse)
def paper_page(request: Request, lib: LibraryDep, slug: str) -> HTMLResponse:
    """One library paper: metadata, links, code links, PDF, discussions, status and its guide entries."""

    details = paper_details(lib, slug)
    paper = details.paper
    return render(
        request,
        "paper.html",
        paper=paper,
        details=details,
        entries=library.paper_entries(lib, paper),
        status=stage(lib, paper),
        has_pdf=paper_pdf(lib, paper) is not None,
        **add_box_context(request),
    )


@router.get("/method", response_class=HTMLResponse)
def method_page(request: Request) -> HTMLResponse:
    """The three-pass method, the note template and the resources."""
    return render(request, "method.html")


@router.get("/questions", response_class=HTMLResponse)
def questions_page(request: Request, lib: LibraryDep, kind: QuestionKind | None = None) -> HTMLResponse:
    """The guide's typical interview questions, every entry's discussion points, and the question bank by
    kind (``?kind=scenario`` shows one kind)."""
    catalog = lib.catalog
    kinds = [("specific", "On specific papers"), ("comparative", "Comparative"), ("open", "Open-ended")]
    grouped = [(label, [q for q in catalog.questions if q.kind == kind]) for kind, label in kinds]
    by_slug = {e.slug: e for e in catalog.entries}
    bank = bank_by_kind(lib, kind or None)
    return render(request, "questions.html", grouped=grouped, by_slug=by_slug, bank=bank, kind=kind or None)
