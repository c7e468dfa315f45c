"""A server starts without the libraries only some requests use: it imports the app, builds it and answers
its first page without loading PyMuPDF, the stemmer, icalendar or the Markdown renderer (together ~0.3 s
of CPU at every start, and every `paperpass serve` worker and test server starts afresh). Each is loaded
when a request first needs it; the pages that do are tested in their own modules.

The check runs in a fresh interpreter: the test process has loaded all of them already.
"""

from __future__ import annotations

import subprocess
import sys

LOADED_WHEN_USED = ("pymupdf", "snowballstemmer", "icalendar", "markdown_it", "latex2mathml")

PROBE = f"""
import sys
from fastapi.testclient import TestClient
from paperpass.web.app import app_from_environment

client = TestClient(app_from_environment(), base_url="http://127.0.0.1")
assert client.get("/").status_code == 200
print(" ".join(name for name in {LOADED_WHEN_USED!r} if name in sys.modules))
"""


def test_the_server_answers_its_home_page_without_the_libraries_only_some_pages_use() -> None:
    result = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.split() == []
