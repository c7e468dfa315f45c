"""The library's papers as the sources fill it: add and merge, connected papers, code links, export.

Modules: ``add`` (add, merge duplicates, the sync queue), ``matching`` (same paper? merge, slugs),
``related`` (Semantic Scholar's connected papers, ranked), ``details`` (files, code and discussion links),
``stage`` (how far the viewer has read a paper: the one definition),
``transfer`` (BibTeX and CSL-JSON export, removal).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from paperpass.lazy import Exports, exports

if TYPE_CHECKING:
    from paperpass.papers.add import Action as Action
    from paperpass.papers.add import AddReport as AddReport
    from paperpass.papers.add import Outcome as Outcome
    from paperpass.papers.add import add_from_discovery as add_from_discovery
    from paperpass.papers.add import add_papers as add_papers
    from paperpass.papers.add import guide_inputs as guide_inputs
    from paperpass.papers.add import queued as queued
    from paperpass.papers.add import sync_queue as sync_queue
    from paperpass.papers.details import PaperDetails as PaperDetails
    from paperpass.papers.details import paper_details as paper_details
    from paperpass.papers.details import refresh_code_links as refresh_code_links
    from paperpass.papers.intake import Submission as Submission
    from paperpass.papers.intake import UploadTooLargeError as UploadTooLargeError
    from paperpass.papers.intake import attach_pdf as attach_pdf
    from paperpass.papers.intake import stage_upload as stage_upload
    from paperpass.papers.intake import submit_paper as submit_paper
    from paperpass.papers.related import connect_library_paper as connect_library_paper
    from paperpass.papers.related import identifier_for as identifier_for
    from paperpass.papers.sheets import PaperPDF as PaperPDF
    from paperpass.papers.sheets import cached_survey as cached_survey
    from paperpass.papers.sheets import paper_pdf as paper_pdf
    from paperpass.papers.sheets import survey_sheet as survey_sheet
    from paperpass.papers.stage import stage as paper_stage
    from paperpass.papers.transfer import bib_file as bib_file
    from paperpass.papers.transfer import export_bibtex as export_bibtex
    from paperpass.papers.transfer import export_csl_json as export_csl_json
    from paperpass.papers.transfer import remove_paper as remove_paper

_EXPORTS: Exports = {
    "Action": ("paperpass.papers.add", "Action"),
    "AddReport": ("paperpass.papers.add", "AddReport"),
    "Outcome": ("paperpass.papers.add", "Outcome"),
    "PaperDetails": ("paperpass.papers.details", "PaperDetails"),
    "PaperPDF": ("paperpass.papers.sheets", "PaperPDF"),
    "Submission": ("paperpass.papers.intake", "Submission"),
    "UploadTooLargeError": ("paperpass.papers.intake", "UploadTooLargeError"),
    "add_from_discovery": ("paperpass.papers.add", "add_from_discovery"),
    "add_papers": ("paperpass.papers.add", "add_papers"),
    "attach_pdf": ("paperpass.papers.intake", "attach_pdf"),
    "bib_file": ("paperpass.papers.transfer", "bib_file"),
    "cached_survey": ("paperpass.papers.sheets", "cached_survey"),
    "connect_library_paper": ("paperpass.papers.related", "connect_library_paper"),
    "export_bibtex": ("paperpass.papers.transfer", "export_bibtex"),
    "export_csl_json": ("paperpass.papers.transfer", "export_csl_json"),
    "guide_inputs": ("paperpass.papers.add", "guide_inputs"),
    "identifier_for": ("paperpass.papers.related", "identifier_for"),
    "paper_details": ("paperpass.papers.details", "paper_details"),
    "paper_pdf": ("paperpass.papers.sheets", "paper_pdf"),
    "paper_stage": ("paperpass.papers.stage", "stage"),
    "queued": ("paperpass.papers.add", "queued"),
    "refresh_code_links": ("paperpass.papers.details", "refresh_code_links"),
    "remove_paper": ("paperpass.papers.transfer", "remove_paper"),
    "stage_upload": ("paperpass.papers.intake", "stage_upload"),
    "submit_paper": ("paperpass.papers.intake", "submit_paper"),
    "survey_sheet": ("paperpass.papers.sheets", "survey_sheet"),
    "sync_queue": ("paperpass.papers.add", "sync_queue"),
}
"""What the package offers: name -> (module, name there)."""

__all__ = [
    "Action",
    "AddReport",
    "Outcome",
    "PaperDetails",
    "PaperPDF",
    "Submission",
    "UploadTooLargeError",
    "add_from_discovery",
    "add_papers",
    "attach_pdf",
    "bib_file",
    "cached_survey",
    "connect_library_paper",
    "export_bibtex",
    "export_csl_json",
    "guide_inputs",
    "identifier_for",
    "paper_details",
    "paper_pdf",
    "paper_stage",
    "queued",
    "refresh_code_links",
    "remove_paper",
    "stage_upload",
    "submit_paper",
    "survey_sheet",
    "sync_queue",
]

if not TYPE_CHECKING:  # type checkers see the imports above; a name not offered is an error there
    __getattr__ = exports(globals(), _EXPORTS)
