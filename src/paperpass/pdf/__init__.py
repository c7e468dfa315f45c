"""Pass-1 survey sheets from PDFs (PyMuPDF only: no model, no network, no server).

Usage::

    from paperpass.pdf import survey
    sheet = survey("paper.pdf")
    print(sheet.to_markdown())
"""

from paperpass.pdf.core import survey, survey_bytes
from paperpass.pdf.model import EXTRACTOR_VERSION, Caption, Conclusion, Section, Survey

__all__ = ["EXTRACTOR_VERSION", "Caption", "Conclusion", "Section", "Survey", "survey", "survey_bytes"]
