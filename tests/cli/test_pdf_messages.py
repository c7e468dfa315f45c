"""MuPDF's own messages never reach stdout: ``survey --json`` and ``add --json`` on a truncated copy of a real
paper print JSON that ``json.loads`` reads, and the survey says the file was damaged.

On the old code MuPDF printed "MuPDF error: format error: object is not a stream" (and more) on stdout
before the JSON. The commands run in a subprocess: PyMuPDF writes to the process's real stdout, which an
in-process runner does not capture.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from support.components import CORPUS, missing

RESNET = CORPUS / "pdfs" / "1512.03385.pdf"


@pytest.fixture
def truncated_pdf(tmp_path: Path) -> Path:
    """The ResNet paper cut to 90% of its bytes: MuPDF repairs it, complaining as it goes."""
    if not RESNET.is_file():
        missing(f"the corpus PDF {RESNET} is not there")
    data = RESNET.read_bytes()
    path = tmp_path / "resnet-truncated.pdf"
    path.write_bytes(data[: len(data) * 9 // 10])
    return path


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def paperpass(*args: str, home: Path) -> subprocess.CompletedProcess[str]:
    offline = f"http://127.0.0.1:{_closed_port()}"
    env = {k: v for k, v in os.environ.items() if not k.startswith("PAPERPASS_")}
    env.update(PAPERPASS_HOME=str(home), PAPERPASS_HTTP_DELAY_SCALE="0")
    for name in ("ARXIV_API", "ARXIV_PDF", "S2_API", "CROSSREF_API", "HF_API"):
        env[f"PAPERPASS_{name}"] = offline
    command = [sys.executable, "-m", "paperpass", *args]
    return subprocess.run(command, env=env, capture_output=True, text=True, timeout=300, check=False)


def test_survey_json_of_a_truncated_pdf_is_pure_json(truncated_pdf: Path, tmp_path: Path) -> None:
    result = paperpass("survey", str(truncated_pdf), "--json", home=tmp_path / "home")
    assert result.returncode == 0, result.stderr
    sheet = json.loads(result.stdout)
    assert sheet["title"] == "Deep Residual Learning for Image Recognition"
    assert any("damaged" in warning for warning in sheet["warnings"])
    assert "MuPDF" not in result.stdout + result.stderr


def test_add_json_of_a_truncated_pdf_is_pure_json(truncated_pdf: Path, tmp_path: Path) -> None:
    result = paperpass("add", str(truncated_pdf), "--json", home=tmp_path / "home")
    outcomes = json.loads(result.stdout)
    assert [o["paper"]["title"] for o in outcomes] == ["Deep Residual Learning for Image Recognition"]
    assert "MuPDF" not in result.stdout + result.stderr
