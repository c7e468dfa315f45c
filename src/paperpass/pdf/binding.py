"""PyMuPDF, imported the first time a PDF is opened rather than when the package is.

Importing ``pymupdf`` costs about 0.15 s of CPU (a large C binding and its generated Python wrapper), and
nearly every web page and CLI command imports :mod:`paperpass.pdf` (for the survey sheet's types and
:func:`paperpass.pdf.survey`) without opening a PDF. Every module that opens, reads or renders a PDF gets
the module from :func:`mupdf`, so the import and its one-time set-up happen in one place.
"""

from __future__ import annotations

import logging
from functools import cache
from typing import Any


@cache
def mupdf() -> Any:
    """The ``pymupdf`` module (untyped C binding: used through ``Any``), set up on first use.

    MuPDF reports what it repairs in a damaged file ("MuPDF error: format error: ...") through PyMuPDF's
    messages, which go to stdout and would corrupt ``--json`` output. They are sent, once for the process,
    to the logger "paperpass.pdf.mupdf" at debug level; a damaged file is reported as a survey warning
    instead (see :func:`paperpass.pdf.core.survey_bytes`).
    """
    import pymupdf  # here, not at the top: see the module's docstring

    module: Any = pymupdf
    module.set_messages(pylogging=True, pylogging_name="paperpass.pdf.mupdf", pylogging_level=logging.DEBUG)
    return module
