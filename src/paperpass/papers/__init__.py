"""The library's papers as the sources fill it: add and merge, connected papers, code links, export.

Modules: ``add`` (add, merge duplicates, the sync queue), ``matching`` (same paper? merge, slugs),
``related`` (Semantic Scholar's connected papers, ranked), ``details`` (files, code and discussion links),
``transfer`` (BibTeX and CSL-JSON export, removal).
"""

from __future__ import annotations

from paperpass.papers.add import Action, AddReport, Outcome, add_papers, guide_inputs, queued, sync_queue
from paperpass.papers.details import PaperDetails, paper_details, refresh_code_links
from paperpass.papers.related import connect_library_paper, identifier_for
from paperpass.papers.sheets import PaperPDF, cached_survey, paper_pdf, survey_sheet
from paperpass.papers.transfer import bib_file, export_bibtex, export_csl_json, remove_paper

__all__ = [
    "Action",
    "AddReport",
    "Outcome",
    "PaperDetails",
    "PaperPDF",
    "add_papers",
    "bib_file",
    "cached_survey",
    "connect_library_paper",
    "export_bibtex",
    "export_csl_json",
    "guide_inputs",
    "identifier_for",
    "paper_details",
    "paper_pdf",
    "queued",
    "refresh_code_links",
    "remove_paper",
    "survey_sheet",
    "sync_queue",
]
